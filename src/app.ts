/**
 * Composition of the running service: Neo4j (reached through src/neo4j/connect.ts), schema and
 * first-run seed, Apollo and the HTTP server. `startApp` (used by `npm start`) returns a handle
 * whose `stop` undoes all of it in reverse order; `startApi` is the Apollo-and-HTTP part alone,
 * over any executor, which the tests, the load test and the benchmark use.
 */
import type { AddressInfo } from 'node:net';
import { DEFAULT_LIVE, type Config, type Limits, type LiveConfig } from './config';
import type { Logger } from './log';
import { connectNeo4j, readiness } from './neo4j/connect';
import type { CypherExecutor } from './neo4j/driver';
import { applyConstraints, lacksChangeLog } from './queries/constraints';
import { hasSeedData, refreshRelationshipCounts } from './queries/seed';
import { loadSeed } from './seed/load';
import { progressReporter } from './seed/progress';
import { seedForBulkLoad, startWithBulkSeed } from './seed/bulk';
import { createApolloServer, createSchema } from './graphql/server';
import { createContext } from './graphql/context';
import { SubscriptionOperations } from './graphql/subscriptions';
import { createHttpServer } from './http/server';
import { attachWebSocket, type WebSocketStats } from './http/websocket';
import { ChangeFeed, changeLogIn } from './live/feed';
import type { AllowedOrigins } from './http/cors';
import { GraphVersion } from './cache/graph-version';
import { ResponseCache, type ResponseCacheStats } from './cache/response-cache';
import { loadPersistedDocuments } from './graphql/persisted-documents';
import { createAuthenticator, createRequestAuth, refusingAuthenticator, type Authenticator } from './auth';

export interface App {
  url: string;
  neo4jUri: string;
  stop: () => Promise<void>;
}

export interface ApiOptions {
  db: CypherExecutor;
  /** Whether Neo4j answers right now (backs /health/ready). */
  isReady: () => Promise<boolean>;
  logger: Logger;
  production: boolean;
  introspection: boolean;
  limits: Limits;
  maxBodyBytes: number;
  /** Origins whose pages may call the API from a browser (CORS_ORIGINS). */
  corsOrigins: AllowedOrigins;
  shutdownGraceMs: number;
  /** Checks the bearer tokens of writes (and of reads with AUTH_REQUIRED_FOR_READS); by default no token is accepted. */
  authenticator?: Authenticator;
  /** Live updates (the change feed, WebSocket limits); DEFAULT_LIVE for anything left out. */
  live?: Partial<LiveConfig>;
  /** RESPONSE_CACHE_MAX_BYTES; by default 0 here (no cache): `startApp` passes the configured value. */
  responseCacheMaxBytes?: number;
  /** TRUSTED_DOCUMENTS_ONLY: only persisted operations run. */
  trustedDocumentsOnly?: boolean;
}

export interface Api {
  url: string;
  /** This process's reader of the change log: `lastSeq` is the graph version it has seen, `onChange` tells of new ones. */
  changes: ChangeFeed;
  /** Counts of the WebSocket endpoint (connections, subscriptions, buffered bytes, slow consumers). */
  webSocketStats: () => WebSocketStats;
  /** The graph version this process knows (the key of cached answers). */
  version: GraphVersion;
  /** Hits, misses and memory of the response cache. */
  responseCacheStats: () => ResponseCacheStats;
  /** Stops accepting connections, closes WebSockets (1001), lets in-flight requests finish (bounded), then stops Apollo. */
  stop: () => Promise<void>;
}

/** Apollo and the HTTP server over an executor, listening on `port` (0 picks a free one). */
export async function startApi(options: ApiOptions, port: number, host: string): Promise<Api> {
  const authenticator = options.authenticator ?? refusingAuthenticator;
  const live = { ...DEFAULT_LIVE, ...options.live };
  const schema = createSchema();
  const persisted = loadPersistedDocuments();
  const trustedDocumentsOnly = options.trustedDocumentsOnly ?? false;
  // The graph version: what the change feed has read, and what writers of this process committed.
  const version = new GraphVersion();
  const changes = new ChangeFeed({ log: changeLogIn(options.db), logger: options.logger, pollIntervalMs: live.pollIntervalMs });
  changes.onChange((_changes, lastSeq) => version.advance(lastSeq));
  void changes.ready.then(() => {
    if (changes.lastSeq !== undefined) version.start(changes.lastSeq);
  });
  const stopCommits = options.db.onChangeCommitted((seq) => version.advance(seq));
  const responseCache = new ResponseCache({ version, maxBytes: options.responseCacheMaxBytes ?? 0, perRole: authenticator.requiredForReads, persisted });
  const apollo = createApolloServer({ ...options, tokenRequired: authenticator.requiredForReads, trustedDocumentsOnly, plugins: [responseCache.plugin()] }, schema);
  await apollo.start();
  changes.start();
  let closing = false;
  const http = createHttpServer({
    apollo,
    createContext: (authorization) => createContext(options.db, options.limits, createRequestAuth(authenticator, authorization)),
    isReady: options.isReady,
    isClosing: () => closing,
    maxBodyBytes: options.maxBodyBytes,
    corsOrigins: options.corsOrigins,
    persisted,
    trustedDocumentsOnly,
    logger: options.logger,
  });
  const webSocket = attachWebSocket({
    server: http,
    operations: new SubscriptionOperations({
      schema,
      limits: options.limits,
      production: options.production,
      logger: options.logger,
      changes,
      persisted,
      trustedDocumentsOnly,
      // Subscriptions only read; the token (when reads need one) was checked at connection_init.
      createContext: () => createContext(options.db, options.limits, createRequestAuth(authenticator, undefined)),
    }),
    corsOrigins: options.corsOrigins,
    isClosing: () => closing,
    production: options.production,
    logger: options.logger,
    authenticate: authenticator.requiredForReads ? (authorization) => authenticator.verify(authorization) : undefined,
    maxConnections: live.maxConnections,
    maxSubscriptionsPerConnection: live.maxSubscriptionsPerConnection,
    maxBufferedBytes: live.maxBufferedBytes,
    keepAliveMs: live.keepAliveMs,
    maxMessageBytes: options.maxBodyBytes,
  });
  try {
    await new Promise<void>((resolve, reject) => {
      http.once('error', reject);
      http.listen(port, host, () => resolve());
    });
  } catch (e: unknown) {
    await webSocket.close(0);
    await changes.stop();
    stopCommits();
    responseCache.close();
    await apollo.stop();
    throw e;
  }
  const url = `http://${host === '0.0.0.0' ? 'localhost' : host}:${(http.address() as AddressInfo).port}/graphql`;

  let stopping: Promise<void> | undefined;
  const stop = (): Promise<void> =>
    (stopping ??= (async () => {
      closing = true;
      const closed = new Promise<void>((resolve) => http.close(() => resolve()));
      http.closeIdleConnections();
      // WebSockets close (1001) alongside the HTTP drain; both get the grace period.
      const webSocketsClosed = webSocket.close(options.shutdownGraceMs);
      // In-flight requests get the grace period; then their connections are cut.
      const deadline = setTimeout(() => http.closeAllConnections(), options.shutdownGraceMs);
      await Promise.all([closed, webSocketsClosed]);
      clearTimeout(deadline);
      await changes.stop();
      stopCommits();
      responseCache.close();
      await apollo.stop();
    })());
  return { url, changes, webSocketStats: webSocket.stats, version, responseCacheStats: () => responseCache.stats, stop };
}

export async function startApp(config: Config, logger: Logger): Promise<App> {
  // A first start of the embedded Neo4j with a big seed loads it through the bulk importer, before
  // the database is served (see src/seed/bulk.ts); anything else starts Neo4j as it is.
  const bulkSeed = seedForBulkLoad(config);
  const progress = progressReporter({ logger });
  const bulk = bulkSeed === undefined ? undefined : await startWithBulkSeed(config, logger, bulkSeed, progress.observer);
  const neo4j = bulk?.neo4j ?? (await connectNeo4j(config, logger));
  try {
    // A database written before the change log existed holds only seed data: reload it once in
    // the current shape (ownership marks, identity keys, name words, the log).
    const seeded = bulk !== undefined || (await hasSeedData(neo4j.db));
    const legacy = bulk === undefined && seeded && (await lacksChangeLog(neo4j.db));
    await applyConstraints(neo4j.db);
    if (bulk !== undefined) {
      progress.finish();
      logger.info(bulk.counts, 'the database did not exist: seed bulk-loaded');
    } else if (!seeded || legacy) {
      // The server's output is JSON lines: a long first load logs its progress as such.
      const counts = await loadSeed(neo4j.db, undefined, progress.observer);
      progress.finish();
      logger.info(counts, legacy ? 'the database predates the change log: seed reloaded' : 'the database was empty: seed loaded');
    } else {
      await refreshRelationshipCounts(neo4j.db);
    }
    const authenticator = await createAuthenticator(config.auth, logger);
    const api = await startApi(
      {
        db: neo4j.db,
        isReady: readiness(neo4j.db),
        logger,
        production: config.nodeEnv === 'production',
        introspection: config.introspection,
        limits: config.limits,
        maxBodyBytes: config.maxBodyBytes,
        corsOrigins: config.corsOrigins,
        shutdownGraceMs: config.shutdownGraceMs,
        authenticator,
        live: config.live,
        responseCacheMaxBytes: config.responseCacheMaxBytes,
        trustedDocumentsOnly: config.trustedDocumentsOnly,
      },
      config.port,
      config.host,
    );

    let stopping: Promise<void> | undefined;
    const stop = (): Promise<void> =>
      (stopping ??= (async () => {
        await api.stop();
        await neo4j.close();
      })());
    void neo4j.embedded?.exited.then((code) => {
      if (stopping === undefined) logger.error({ code }, 'the embedded Neo4j exited unexpectedly; GraphQL requests will fail until it is back');
    });
    return { url: api.url, neo4jUri: neo4j.uri, stop };
  } catch (e: unknown) {
    await neo4j.close();
    throw e;
  }
}
