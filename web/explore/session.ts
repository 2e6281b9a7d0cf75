/**
 * The curation token: pasted once, kept in sessionStorage (gone when the browser session ends),
 * sent as `Authorization: Bearer …` by main.tsx's link with every HTTP request. It is never put in
 * the URL or logged. No React here: the early request (prefetch.ts) reads the token too.
 */

const KEY = 'actor-graph.token';
const listeners = new Set<() => void>();

export function getToken(): string {
  try {
    return sessionStorage.getItem(KEY) ?? '';
  } catch {
    return '';
  }
}

export function setToken(token: string): void {
  const value = token.trim().replace(/^Bearer\s+/i, '');
  if (value === '') sessionStorage.removeItem(KEY);
  else sessionStorage.setItem(KEY, value);
  for (const listener of listeners) listener();
}

/** Calls `listener` whenever the token is set or cleared; returns the unsubscribe. */
export function onTokenChange(listener: () => void): () => void {
  listeners.add(listener);
  return () => listeners.delete(listener);
}
