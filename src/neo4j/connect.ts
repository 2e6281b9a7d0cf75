/**
 * Reaching Neo4j: `connectNeo4j` starts the embedded one (or takes NEO4J_URI's) and waits until it
 * answers, retrying an unreachable server with exponential backoff for a bounded time and giving
 * up at once on errors retrying cannot fix (wrong credentials, unknown database); `readiness`
 * backs /health/ready. Nothing here loads GraphQL, so `npm run seed` does not either.
 */
import neo4j from 'neo4j-driver';
import type { Config } from '../config';
import type { Logger } from '../log';
import { createDriver, CypherExecutor, type Driver } from './driver';
import { startEmbeddedNeo4j, type EmbeddedNeo4j, type EmbeddedOptions } from './embedded';

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

export interface Neo4jHandle {
  uri: string;
  driver: Driver;
  db: CypherExecutor;
  embedded: EmbeddedNeo4j | undefined;
  close: () => Promise<void>;
}

/**
 * Starts (embedded mode) or reaches (external mode) Neo4j and waits until it answers. `importDir`
 * (embedded mode only): bulk-import those files first (see src/seed/bulk.ts).
 */
export async function connectNeo4j(config: Config, logger: Logger, options: Pick<EmbeddedOptions, 'importDir' | 'onImportStage'> = {}): Promise<Neo4jHandle> {
  if (options.importDir !== undefined && config.neo4j.mode !== 'embedded') throw new Error('a bulk import needs the embedded Neo4j');
  const embedded = config.neo4j.mode === 'embedded' ? await startEmbeddedNeo4j({ ...config.embedded, logger, ...options }) : undefined;
  const uri = embedded?.uri ?? config.neo4j.uri;
  if (uri === undefined) throw new Error('NEO4J_URI is required when the embedded Neo4j is not used');
  if (embedded !== undefined) logger.info({ uri, dataDir: config.embedded.dataDir }, 'embedded Neo4j started');
  const driver = createDriver({ uri, user: config.neo4j.user, password: config.neo4j.password, logger });
  const close = async (): Promise<void> => {
    await driver.close();
    await embedded?.stop();
  };
  try {
    await waitForNeo4j(driver, { uri, database: config.neo4j.database, timeoutMs: config.neo4j.startupTimeoutMs, logger });
  } catch (e: unknown) {
    await close();
    throw e;
  }
  const db = new CypherExecutor(driver, config.neo4j.database, config.limits.queryTimeoutMs, { deadlineMarginMs: config.limits.deadlineMarginMs });
  return { uri, driver, db, embedded, close };
}

/**
 * Whether Neo4j answers within a second: a trivial query through the executor, whose deadline
 * also discards the connection when Neo4j hangs (a bare driver call would keep it waiting).
 */
export function readiness(db: CypherExecutor): () => Promise<boolean> {
  return () => db.ping(1_000);
}
