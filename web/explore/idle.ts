/** Runs `run` once the browser is idle (at the latest after `timeoutMs`), or soon where there is no requestIdleCallback (Safari); returns its cancel. */
export function whenIdle(run: () => void, timeoutMs: number): () => void {
  if (typeof requestIdleCallback === 'function') {
    const id = requestIdleCallback(run, { timeout: timeoutMs });
    return () => cancelIdleCallback(id);
  }
  const id = setTimeout(run, Math.min(500, timeoutMs));
  return () => clearTimeout(id);
}
