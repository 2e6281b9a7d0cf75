/**
 * An API server for integration tests: the real Apollo and HTTP layers over the test Neo4j, on a
 * free port, queried over HTTP like any client. `expectNoErrors` prints the whole response when a
 * query that should succeed does not. Tokens are checked with the HS256 test secret unless an
 * authenticator is given (sign them with `signTestToken` from ./tokens).
 */
import type { Authenticator } from '../../src/auth';
import { startApi, type Api } from '../../src/app';
import { DEFAULT_LIMITS, type Limits, type LiveConfig } from '../../src/config';
import { ANY_ORIGIN, type AllowedOrigins } from '../../src/http/cors';
import type { TypedDocumentString } from '../../src/generated/operations/graphql';
import { createLogger, type Logger } from '../../src/log';
import type { CypherExecutor } from '../../src/neo4j/driver';
import { connectTestNeo4j, ensureSeeded, releaseSeeded, type TestNeo4j } from './neo4j';
import { testAuthenticator } from './tokens';

export interface GraphQLResponse<T = Record<string, unknown>> {
  status: number;
  data?: T | null;
  errors?: { message: string; path?: (string | number)[]; extensions?: { code?: string } & Record<string, unknown> }[];
  extensions?: Record<string, unknown>;
}

export interface QueryOptions {
  /** Sent as `Authorization: Bearer <token>`. */
  token?: string;
  headers?: Record<string, string>;
}

export interface TestServer {
  url: string;
  query: <T = Record<string, unknown>, V = Record<string, unknown>>(
    query: string | TypedDocumentString<T, V>,
    variables?: V,
    options?: QueryOptions,
  ) => Promise<GraphQLResponse<T>>;
  /** The server's change feed and WebSocket counts (live updates). */
  changes: Api['changes'];
  webSocketStats: Api['webSocketStats'];
  /** The graph version the server knows, and its response cache's counts. */
  version: Api['version'];
  responseCacheStats: Api['responseCacheStats'];
  stop: () => Promise<void>;
}

export interface TestServerOptions {
  maxBodyBytes?: number;
  production?: boolean;
  limits?: Partial<Limits>;
  /** CORS_ORIGINS of the server; `*` unless set. */
  corsOrigins?: AllowedOrigins;
  isReady?: () => Promise<boolean>;
  /** Default: HS256 with TEST_JWT_SECRET, reads open. */
  authenticator?: Authenticator;
  /** Default: silent. */
  logger?: Logger;
  /** Live-update settings (poll interval, WebSocket caps); DEFAULT_LIVE otherwise. */
  live?: Partial<LiveConfig>;
  /** RESPONSE_CACHE_MAX_BYTES; 0 (no cache) unless set. */
  responseCacheMaxBytes?: number;
  /** TRUSTED_DOCUMENTS_ONLY. */
  trustedDocumentsOnly?: boolean;
}

/** The API (real Apollo and HTTP layers) over the test Neo4j, on a free loopback port. */
export async function startTestServer(db: CypherExecutor, options: TestServerOptions = {}): Promise<TestServer> {
  const production = options.production ?? false;
  const api = await startApi(
    {
      db,
      isReady: options.isReady ?? (() => Promise.resolve(true)),
      logger: options.logger ?? createLogger('silent'),
      production,
      introspection: !production,
      limits: { ...DEFAULT_LIMITS, ...options.limits },
      maxBodyBytes: options.maxBodyBytes ?? 100_000,
      corsOrigins: options.corsOrigins ?? ANY_ORIGIN,
      shutdownGraceMs: 1_000,
      authenticator: options.authenticator ?? (await testAuthenticator()),
      live: options.live,
      responseCacheMaxBytes: options.responseCacheMaxBytes,
      trustedDocumentsOnly: options.trustedDocumentsOnly,
    },
    0,
    '127.0.0.1',
  );
  return {
    url: api.url,
    changes: api.changes,
    webSocketStats: api.webSocketStats,
    version: api.version,
    responseCacheStats: api.responseCacheStats,
    query: async (query, variables, queryOptions = {}) => {
      const response = await fetch(api.url, {
        method: 'POST',
        headers: {
          'content-type': 'application/json',
          ...(queryOptions.token === undefined ? {} : { authorization: `Bearer ${queryOptions.token}` }),
          ...queryOptions.headers,
        },
        body: JSON.stringify({ query: query.toString(), variables }),
      });
      return { status: response.status, ...((await response.json()) as object) };
    },
    stop: api.stop,
  };
}

export function expectNoErrors<T>(response: GraphQLResponse<T>): T {
  if (response.errors !== undefined || response.data === undefined || response.data === null || response.status !== 200) {
    throw new Error(`expected a successful GraphQL response, got:\n${JSON.stringify(response, null, 2)}`);
  }
  return response.data;
}

/** The `extensions.code` of every error in a response (for asserting on failures). */
export function errorCodes(response: GraphQLResponse<unknown>): (string | undefined)[] {
  return (response.errors ?? []).map((e) => e.extensions?.code);
}

export interface SeededApi {
  readonly api: TestServer;
  readonly neo4j: TestNeo4j;
}

/**
 * For one test file: the project's seed in the test Neo4j and an API over it, set up before the
 * file's tests and torn down after them. The seed is loaded only when the graph is not already
 * exactly as the last load left it, and stays after the file only if the file did not change it
 * (see `ensureSeeded`).
 */
export function useSeededApi(options: TestServerOptions = {}): SeededApi {
  let neo4j: TestNeo4j | undefined;
  let api: TestServer | undefined;
  beforeAll(async () => {
    neo4j = connectTestNeo4j();
    await ensureSeeded(neo4j.db);
    api = await startTestServer(neo4j.db, options);
  });
  afterAll(async () => {
    await api?.stop();
    if (neo4j !== undefined) {
      await releaseSeeded(neo4j.db);
      await neo4j.close();
    }
  });
  const ready = <T>(value: T | undefined): T => {
    if (value === undefined) throw new Error('useSeededApi: used outside a test, or its set-up failed');
    return value;
  };
  return {
    get api() {
      return ready(api);
    },
    get neo4j() {
      return ready(neo4j);
    },
  };
}
