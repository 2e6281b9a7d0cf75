/**
 * Composition of the running service: Neo4j (embedded child or external), the driver, schema and
 * first-run seed, Apollo and the HTTP server. `startApp` returns a handle whose `stop` undoes all
 * of it in reverse order; `main` and the tests both use it.
 */
import type { AddressInfo } from 'node:net';
import type { Config } from './config';
import type { Logger } from './log';
import { createDriver, Executor, type Driver } from './neo4j/driver';
import { waitForNeo4j } from './neo4j/connect';
import { startEmbeddedNeo4j, type EmbeddedNeo4j } from './neo4j/embedded';
import { applySchema } from './data/schema';
import { hasSeedData } from './data/seed';
import { loadSeed } from './seed/load';
import { createApolloServer } from './graphql/server';
import { createContext } from './graphql/context';
import { createHttpServer } from './http/server';

export interface App {
  url: string;
  neo4jUri: string;
  stop: () => Promise<void>;
}

export interface Neo4jHandle {
  uri: string;
  driver: Driver;
  db: Executor;
  embedded: EmbeddedNeo4j | undefined;
  close: () => Promise<void>;
}

/** Starts (embedded mode) or reaches (external mode) Neo4j and waits until it answers. */
export async function connectNeo4j(config: Config, logger: Logger): Promise<Neo4jHandle> {
  const embedded = config.neo4j.mode === 'embedded' ? await startEmbeddedNeo4j({ ...config.embedded, logger }) : undefined;
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
  return { uri, driver, db: new Executor(driver, config.neo4j.database), embedded, close };
}

export async function startApp(config: Config, logger: Logger): Promise<App> {
  const neo4j = await connectNeo4j(config, logger);
  try {
    await applySchema(neo4j.db);
    if (!(await hasSeedData(neo4j.db))) {
      const counts = await loadSeed(neo4j.db);
      logger.info(counts, 'the database was empty: seed loaded');
    }

    const apollo = createApolloServer({ logger, production: config.nodeEnv === 'production', introspection: config.introspection });
    await apollo.start();
    const http = createHttpServer({
      apollo,
      createContext: () => createContext(neo4j.db),
      isReady: () => neo4j.driver.getServerInfo({ database: config.neo4j.database }).then(() => true, () => false),
      maxBodyBytes: config.maxBodyBytes,
      logger,
    });
    await new Promise<void>((resolve, reject) => {
      http.once('error', reject);
      http.listen(config.port, config.host, () => resolve());
    });
    const { port } = http.address() as AddressInfo;
    const url = `http://localhost:${port}/graphql`;

    let stopping: Promise<void> | undefined;
    const stop = (): Promise<void> =>
      (stopping ??= (async () => {
        await new Promise<void>((resolve) => {
          http.close(() => resolve());
          http.closeIdleConnections();
        });
        await apollo.stop();
        await neo4j.close();
      })());

    void neo4j.embedded?.exited.then((code) => {
      if (stopping === undefined) logger.error({ code }, 'the embedded Neo4j exited unexpectedly; GraphQL requests will fail until it is back');
    });
    return { url, neo4jUri: neo4j.uri, stop };
  } catch (e: unknown) {
    await neo4j.close();
    throw e;
  }
}
