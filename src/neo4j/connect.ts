/**
 * Waiting for Neo4j at start-up: retries an unreachable server with exponential backoff for a
 * bounded time, logging what it waits for; gives up at once on errors retrying cannot fix
 * (wrong credentials, unknown database).
 */
import neo4j, { type Driver } from 'neo4j-driver';
import type { Logger } from '../log';

export class Neo4jConnectError extends Error {
  override name = 'Neo4jConnectError';
}

const RETRYABLE = new Set(['ServiceUnavailable', 'SessionExpired', 'Neo.TransientError.General.DatabaseUnavailable']);

export async function waitForNeo4j(driver: Driver, { uri, database, timeoutMs, logger }: { uri: string; database: string; timeoutMs: number; logger: Logger }): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  let delay = 250;
  for (let attempt = 1; ; attempt += 1) {
    try {
      // getServerInfo makes one attempt (executeQuery would retry for maxTransactionRetryTime
      // first); the query then proves the database itself exists and answers.
      await driver.getServerInfo({ database });
      await driver.executeQuery('RETURN 1', {}, { database, routing: neo4j.routing.READ });
      if (attempt > 1) logger.info({ uri, database }, 'Neo4j answers');
      return;
    } catch (e: unknown) {
      const code = e instanceof neo4j.Neo4jError ? e.code : undefined;
      const message = e instanceof Error ? e.message.split('\n')[0] : String(e);
      if (code === undefined || !RETRYABLE.has(code)) {
        throw new Neo4jConnectError(`Neo4j at ${uri} refused the connection: ${message}${code === undefined ? '' : ` (${code})`}`);
      }
      if (Date.now() + delay > deadline) {
        throw new Neo4jConnectError(`Neo4j at ${uri} (database "${database}") did not answer within ${Math.round(timeoutMs / 1000)} s: ${message}`);
      }
      logger.warn({ uri, database, attempt, retryInMs: delay, cause: message }, 'waiting for Neo4j');
      await new Promise((resolve) => setTimeout(resolve, delay));
      delay = Math.min(delay * 2, 5_000);
    }
  }
}
