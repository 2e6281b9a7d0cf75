/**
 * When the live connection (graphql-ws) last opened. `changes` is subscribed from the moment the
 * subscription starts, so a graph read before then (the page's early request, or any read before
 * a reconnect after the API was away) can miss a change committed in between: such a graph is
 * read again once the connection is up (App.tsx). Plain listeners, not React state: a connection
 * opening must not re-render the app while it draws a large graph.
 */
let connectedAt: number | undefined;
const listeners = new Set<() => void>();

export function markConnected(): void {
  connectedAt = performance.now();
  for (const listener of listeners) listener();
}

/** performance.now() of the latest connection, or undefined before the first. */
export function lastConnectedAt(): number | undefined {
  return connectedAt;
}

/** Calls `listener` each time the connection opens; returns the unsubscribe. */
export function onConnected(listener: () => void): () => void {
  listeners.add(listener);
  return () => listeners.delete(listener);
}
