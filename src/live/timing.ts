/**
 * Waiting, for the change feed and its streams: pauses that end early when told to, and a
 * deadline for reads of a Neo4j that may not answer at all.
 */
import { Neo4jUnavailable } from '../neo4j/errors';

/** Resolves after `ms`, or at once when `signal` aborts; never rejects. */
export function sleep(ms: number, signal?: AbortSignal): Promise<void> {
  return new Promise((resolve) => {
    if (signal?.aborted === true) return resolve();
    const done = (): void => {
      clearTimeout(timer);
      signal?.removeEventListener('abort', done);
      resolve();
    };
    const timer = setTimeout(done, ms);
    signal?.addEventListener('abort', done, { once: true });
  });
}

/**
 * `work`, or Neo4jUnavailable (SERVICE_UNAVAILABLE to clients) once `ms` have passed without an answer. The driver has no read
 * timeout: a query to a frozen Neo4j would wait forever unless the executor has a deadline (it
 * has one only with a query timeout). The abandoned query ends by itself when Neo4j answers, its
 * connection breaks or the executor's deadline cuts it; its outcome is then ignored.
 */
export function withDeadline<T>(work: Promise<T>, ms: number, what: string): Promise<T> {
  return new Promise<T>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Neo4jUnavailable(`${what}: Neo4j did not answer within ${ms} ms`)), ms);
    work.then(
      (value) => {
        clearTimeout(timer);
        resolve(value);
      },
      (e: unknown) => {
        clearTimeout(timer);
        reject(e instanceof Error ? e : new Error(String(e)));
      },
    );
  });
}
