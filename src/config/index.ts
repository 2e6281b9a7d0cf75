/**
 * The one place that reads the environment. `loadConfig` validates every variable and reports
 * every problem at once (by variable name) instead of failing on the first; `main` turns that
 * into a non-zero exit. Nothing else in the project reads `process.env`.
 */
import fs from 'node:fs';
import path from 'node:path';
import { parseAllowedOrigins, ANY_ORIGIN, type AllowedOrigins } from '../http/cors';

export type LogLevel = 'fatal' | 'error' | 'warn' | 'info' | 'debug' | 'trace' | 'silent';

export interface Neo4jConfig {
  /** `embedded` starts a Neo4j child process; `external` uses NEO4J_URI and starts none. */
  mode: 'embedded' | 'external';
  /** Only for `external`; the embedded URI is known once it has started. */
  uri: string | undefined;
  user: string;
  password: string | undefined;
  database: string;
  /** How long start-up keeps retrying an unreachable Neo4j before giving up. */
  startupTimeoutMs: number;
}

export interface EmbeddedNeo4jConfig {
  host: string;
  port: number;
  dataDir: string;
  heap: string;
  pageCache: string;
}

/** What one request may cost; every limit is answered with a GraphQL error naming it. */
export interface Limits {
  /** Deepest selection nesting (fragments expanded). */
  maxDepth: number;
  /** Largest estimated cost: page sizes (`first`, literal or variable) multiply down the tree. */
  maxCost: number;
  maxAliases: number;
  /** Most lexical tokens in a query document (checked while parsing). */
  maxTokens: number;
  maxDirectives: number;
  /** Largest `first` of any list or connection. */
  maxPageSize: number;
  maxNeighborhoodDepth: number;
  /** Most entities a neighbourhood returns (then `truncated` is true). */
  maxNeighborhoodNodes: number;
  maxPathLength: number;
  maxSearchTextLength: number;
  /** Neo4j transaction timeout per query: one request cannot hold the database longer. */
  queryTimeoutMs: number;
  /**
   * Added to `queryTimeoutMs` to form the request's client-side deadline: Neo4j enforces the
   * timeout itself (up to ~2 s late), and a frozen Neo4j cannot enforce it at all.
   */
  deadlineMarginMs: number;
}

export const DEFAULT_LIMITS: Limits = {
  maxDepth: 8,
  maxCost: 10_000,
  maxAliases: 15,
  maxTokens: 1_000,
  maxDirectives: 50,
  maxPageSize: 100,
  maxNeighborhoodDepth: 3,
  maxNeighborhoodNodes: 500,
  maxPathLength: 10,
  maxSearchTextLength: 500,
  queryTimeoutMs: 5_000,
  deadlineMarginMs: 2_000,
};

/** Live updates: the change feed and the WebSocket endpoint (subscriptions). */
export interface LiveConfig {
  /** Pause between two reads of the change log by this process's change feed. */
  pollIntervalMs: number;
  /** Open WebSocket connections one process accepts. */
  maxConnections: number;
  maxSubscriptionsPerConnection: number;
  /** Bytes waiting to be sent to one client before it is disconnected as a slow consumer. */
  maxBufferedBytes: number;
  /** Keep-alive ping interval; a client that has not answered a ping by the next one is disconnected. */
  keepAliveMs: number;
}

export const DEFAULT_LIVE: LiveConfig = {
  pollIntervalMs: 200,
  maxConnections: 2_000,
  maxSubscriptionsPerConnection: 20,
  maxBufferedBytes: 1_048_576,
  keepAliveMs: 12_000,
};

/**
 * A credential that must never reach a log line or an error message: JSON and `util.inspect`
 * show it as `[redacted]`; only `reveal()` gives the value.
 */
export class Secret {
  readonly #value: string;
  constructor(value: string) {
    this.#value = value;
  }
  reveal(): string {
    return this.#value;
  }
  toJSON(): string {
    return '[redacted]';
  }
  toString(): string {
    return '[redacted]';
  }
  [Symbol.for('nodejs.util.inspect.custom')](): string {
    return 'Secret([redacted])';
  }
}

/** Where the keys that check bearer tokens come from. */
export type TokenKeys =
  /** AUTH_JWT_SECRET: HS256, tokens signed by whoever holds the secret (e.g. `npm run token`). */
  | { source: 'secret'; secret: Secret }
  /** AUTH_JWKS_URL: RS256/ES256, an identity provider's published keys. */
  | { source: 'jwks'; url: string }
  /** Neither, outside production: HS256 with a random secret kept in a git-ignored file. */
  | { source: 'dev-secret'; file: string }
  /** Neither, in production: no token is accepted and writes answer FORBIDDEN. */
  | { source: 'none' };

export interface AuthConfig {
  keys: TokenKeys;
  /** Checked against the token's `iss` when set. */
  issuer: string | undefined;
  /** Checked against the token's `aud` when set. */
  audience: string | undefined;
  /** Claim holding the roles; a dotted path reaches into nested objects (`realm_access.roles`). */
  rolesClaim: string;
  /** Whether reads need a valid token too (any role); writes always do. */
  requiredForReads: boolean;
}

export interface Config {
  nodeEnv: string;
  /** Schema introspection; on unless NODE_ENV=production, and INTROSPECTION overrides either way. */
  introspection: boolean;
  port: number;
  host: string;
  logLevel: LogLevel;
  maxBodyBytes: number;
  /** Origins whose pages may call the API from a browser (`*`: any). */
  corsOrigins: AllowedOrigins;
  limits: Limits;
  /** How long SIGTERM waits for in-flight requests before closing their connections. */
  shutdownGraceMs: number;
  live: LiveConfig;
  neo4j: Neo4jConfig;
  embedded: EmbeddedNeo4jConfig;
  auth: AuthConfig;
}

/** Thrown with every problem found, one line each, naming the variable. */
export class ConfigError extends Error {
  constructor(readonly problems: string[]) {
    super(`Invalid configuration:\n${problems.map((p) => `  - ${p}`).join('\n')}`);
    this.name = 'ConfigError';
  }
}

type Env = Record<string, string | undefined>;

/** Every variable `loadConfig` reads (the README documents each; a test checks that). */
export const CONFIG_VARIABLES = [
  'PORT',
  'HOST',
  'NODE_ENV',
  'INTROSPECTION',
  'LOG_LEVEL',
  'MAX_BODY_BYTES',
  'CORS_ORIGINS',
  'MAX_QUERY_DEPTH',
  'MAX_QUERY_COST',
  'MAX_ALIASES',
  'MAX_TOKENS',
  'MAX_PAGE_SIZE',
  'MAX_NEIGHBORHOOD_DEPTH',
  'MAX_NEIGHBORHOOD_NODES',
  'MAX_PATH_LENGTH',
  'NEO4J_QUERY_TIMEOUT_MS',
  'NEO4J_DEADLINE_MARGIN_MS',
  'SHUTDOWN_GRACE_MS',
  'CHANGES_POLL_INTERVAL_MS',
  'MAX_WS_CONNECTIONS',
  'MAX_SUBSCRIPTIONS_PER_CONNECTION',
  'MAX_WS_BUFFERED_BYTES',
  'WS_KEEP_ALIVE_MS',
  'NEO4J_URI',
  'NEO4J_USER',
  'NEO4J_PASSWORD',
  'NEO4J_DATABASE',
  'NEO4J_STARTUP_TIMEOUT_SECONDS',
  'NEO4J_EMBEDDED_HOST',
  'NEO4J_EMBEDDED_PORT',
  'NEO4J_EMBEDDED_DATA_DIR',
  'NEO4J_EMBEDDED_HEAP',
  'NEO4J_EMBEDDED_PAGECACHE',
  'AUTH_JWT_SECRET',
  'AUTH_JWKS_URL',
  'AUTH_JWT_ISSUER',
  'AUTH_JWT_AUDIENCE',
  'AUTH_ROLES_CLAIM',
  'AUTH_REQUIRED_FOR_READS',
  'AUTH_DEV_SECRET_FILE',
] as const;

const LOG_LEVELS: readonly LogLevel[] = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'];
const NEO4J_SCHEMES = ['bolt', 'bolt+s', 'bolt+ssc', 'neo4j', 'neo4j+s', 'neo4j+ssc'];
const MEMORY_SIZE = /^[1-9][0-9]*[kmg]$/i;
/** HS256 keys shorter than the hash output are weak (RFC 7518 §3.2). */
export const MIN_SECRET_BYTES = 32;

/**
 * The project root: the nearest folder above this module with a package.json (src/config,
 * dist/config, or a benchmark build deeper down all find the same one).
 */
export const PROJECT_ROOT = findProjectRoot(__dirname);

function findProjectRoot(from: string): string {
  for (let dir = from; ; dir = path.dirname(dir)) {
    if (fs.existsSync(path.join(dir, 'package.json'))) return dir;
    if (path.dirname(dir) === dir) return path.resolve(__dirname, '..', '..');
  }
}

export function loadConfig(env: Env = process.env): Config {
  const problems: string[] = [];
  const read = (name: string): string | undefined => {
    const value = env[name];
    return value === undefined || value.trim() === '' ? undefined : value.trim();
  };

  const integer = (name: string, fallback: number, min: number, max: number): number => {
    const raw = read(name);
    if (raw === undefined) return fallback;
    if (!/^[0-9]+$/.test(raw) || Number(raw) < min || Number(raw) > max) {
      problems.push(`${name}: must be an integer from ${min} to ${max}, got ${JSON.stringify(raw)}`);
      return fallback;
    }
    return Number(raw);
  };

  const oneOf = <T extends string>(name: string, fallback: T, allowed: readonly T[]): T => {
    const raw = read(name);
    if (raw === undefined) return fallback;
    if (!(allowed as readonly string[]).includes(raw)) {
      problems.push(`${name}: must be one of ${allowed.join(', ')}, got ${JSON.stringify(raw)}`);
      return fallback;
    }
    return raw as T;
  };

  const memory = (name: string, fallback: string): string => {
    const raw = read(name);
    if (raw === undefined) return fallback;
    if (!MEMORY_SIZE.test(raw)) {
      problems.push(`${name}: must be a size such as 256m or 1g, got ${JSON.stringify(raw)}`);
      return fallback;
    }
    return raw.toLowerCase();
  };

  const uri = read('NEO4J_URI');
  if (uri !== undefined) {
    const scheme = /^([a-z0-9+]+):\/\/[^/\s]+/i.exec(uri)?.[1]?.toLowerCase();
    if (scheme === undefined || !NEO4J_SCHEMES.includes(scheme)) {
      problems.push(
        `NEO4J_URI: must look like bolt://host:7687 or neo4j://host:7687 (schemes: ${NEO4J_SCHEMES.join(', ')}), got ${JSON.stringify(uri)}`,
      );
    }
  }
  const database = read('NEO4J_DATABASE') ?? 'neo4j';
  if (!/^[A-Za-z][A-Za-z0-9.-]{2,62}$/.test(database)) {
    problems.push(`NEO4J_DATABASE: must be a Neo4j database name (3-63 letters, digits, dots, dashes), got ${JSON.stringify(database)}`);
  }
  const password = read('NEO4J_PASSWORD');
  if (uri === undefined && password !== undefined) {
    problems.push('NEO4J_PASSWORD: set without NEO4J_URI; the embedded Neo4j runs without auth, so set NEO4J_URI too or unset it');
  }

  const cors = parseAllowedOrigins(read('CORS_ORIGINS') ?? ANY_ORIGIN);
  problems.push(...cors.problems.map((p) => `CORS_ORIGINS: ${p}`));

  const nodeEnv = read('NODE_ENV') ?? 'development';
  const auth = readAuth(env, { read, oneOf }, nodeEnv === 'production', problems);
  const config: Config = {
    nodeEnv,
    introspection: oneOf('INTROSPECTION', nodeEnv === 'production' ? 'false' : 'true', ['true', 'false']) === 'true',
    port: integer('PORT', 4000, 0, 65535),
    host: read('HOST') ?? '0.0.0.0',
    logLevel: oneOf('LOG_LEVEL', 'info', LOG_LEVELS),
    maxBodyBytes: integer('MAX_BODY_BYTES', 100_000, 1_000, 10_000_000),
    corsOrigins: cors.allowed,
    limits: {
      ...DEFAULT_LIMITS,
      maxDepth: integer('MAX_QUERY_DEPTH', DEFAULT_LIMITS.maxDepth, 2, 100),
      maxCost: integer('MAX_QUERY_COST', DEFAULT_LIMITS.maxCost, 10, 10_000_000),
      maxAliases: integer('MAX_ALIASES', DEFAULT_LIMITS.maxAliases, 1, 1_000),
      maxTokens: integer('MAX_TOKENS', DEFAULT_LIMITS.maxTokens, 50, 100_000),
      maxPageSize: integer('MAX_PAGE_SIZE', DEFAULT_LIMITS.maxPageSize, 1, 10_000),
      maxNeighborhoodDepth: integer('MAX_NEIGHBORHOOD_DEPTH', DEFAULT_LIMITS.maxNeighborhoodDepth, 1, 10),
      maxNeighborhoodNodes: integer('MAX_NEIGHBORHOOD_NODES', DEFAULT_LIMITS.maxNeighborhoodNodes, 2, 100_000),
      maxPathLength: integer('MAX_PATH_LENGTH', DEFAULT_LIMITS.maxPathLength, 1, 20),
      queryTimeoutMs: integer('NEO4J_QUERY_TIMEOUT_MS', DEFAULT_LIMITS.queryTimeoutMs, 100, 600_000),
      deadlineMarginMs: integer('NEO4J_DEADLINE_MARGIN_MS', DEFAULT_LIMITS.deadlineMarginMs, 100, 60_000),
    },
    shutdownGraceMs: integer('SHUTDOWN_GRACE_MS', 10_000, 0, 600_000),
    live: {
      pollIntervalMs: integer('CHANGES_POLL_INTERVAL_MS', DEFAULT_LIVE.pollIntervalMs, 10, 60_000),
      maxConnections: integer('MAX_WS_CONNECTIONS', DEFAULT_LIVE.maxConnections, 1, 1_000_000),
      maxSubscriptionsPerConnection: integer('MAX_SUBSCRIPTIONS_PER_CONNECTION', DEFAULT_LIVE.maxSubscriptionsPerConnection, 1, 1_000),
      maxBufferedBytes: integer('MAX_WS_BUFFERED_BYTES', DEFAULT_LIVE.maxBufferedBytes, 16_384, 1_073_741_824),
      keepAliveMs: integer('WS_KEEP_ALIVE_MS', DEFAULT_LIVE.keepAliveMs, 100, 600_000),
    },
    neo4j: {
      mode: uri === undefined ? 'embedded' : 'external',
      uri,
      user: read('NEO4J_USER') ?? 'neo4j',
      password,
      database,
      startupTimeoutMs: integer('NEO4J_STARTUP_TIMEOUT_SECONDS', 60, 1, 3600) * 1000,
    },
    embedded: {
      host: read('NEO4J_EMBEDDED_HOST') ?? '127.0.0.1',
      port: integer('NEO4J_EMBEDDED_PORT', 7687, 0, 65535),
      dataDir: path.resolve(PROJECT_ROOT, read('NEO4J_EMBEDDED_DATA_DIR') ?? '.data/neo4j'),
      heap: memory('NEO4J_EMBEDDED_HEAP', '512m'),
      pageCache: memory('NEO4J_EMBEDDED_PAGECACHE', '128m'),
    },
    auth,
  };

  if (problems.length > 0) throw new ConfigError(problems);
  return config;
}

/** The AUTH_* variables; problems are pushed onto `problems`, and the secret never appears in one. */
function readAuth(
  env: Env,
  { read, oneOf }: { read: (name: string) => string | undefined; oneOf: <T extends string>(name: string, fallback: T, allowed: readonly T[]) => T },
  production: boolean,
  problems: string[],
): AuthConfig {
  // The secret is used exactly as given (a space is part of a key); only a blank one counts as unset.
  const rawSecret = read('AUTH_JWT_SECRET') === undefined ? undefined : env.AUTH_JWT_SECRET;
  if (rawSecret !== undefined && Buffer.byteLength(rawSecret, 'utf8') < MIN_SECRET_BYTES) {
    problems.push(
      `AUTH_JWT_SECRET: must be at least ${MIN_SECRET_BYTES} bytes, got ${Buffer.byteLength(rawSecret, 'utf8')}; make one with \`openssl rand -base64 48\``,
    );
  }
  const jwksUrl = read('AUTH_JWKS_URL');
  if (jwksUrl !== undefined && !isHttpUrl(jwksUrl)) {
    problems.push(`AUTH_JWKS_URL: must be an http(s) URL such as https://idp.example/.well-known/jwks.json, got ${JSON.stringify(jwksUrl)}`);
  }
  if (rawSecret !== undefined && jwksUrl !== undefined) {
    problems.push('AUTH_JWKS_URL: set together with AUTH_JWT_SECRET; set only one (the secret for tokens you sign yourself, the JWKS for an identity provider\'s)');
  }
  const rolesClaim = read('AUTH_ROLES_CLAIM') ?? 'roles';
  if (rolesClaim.split('.').some((part) => part === '')) {
    problems.push(`AUTH_ROLES_CLAIM: must be a claim name or a dotted path such as realm_access.roles, got ${JSON.stringify(rolesClaim)}`);
  }
  const requiredForReads = oneOf('AUTH_REQUIRED_FOR_READS', 'false', ['true', 'false']) === 'true';

  let keys: TokenKeys;
  if (rawSecret !== undefined) keys = { source: 'secret', secret: new Secret(rawSecret) };
  else if (jwksUrl !== undefined) keys = { source: 'jwks', url: jwksUrl };
  else if (!production) keys = { source: 'dev-secret', file: path.resolve(PROJECT_ROOT, read('AUTH_DEV_SECRET_FILE') ?? '.data/auth-secret') };
  else keys = { source: 'none' };
  if (keys.source === 'none' && requiredForReads) {
    problems.push('AUTH_REQUIRED_FOR_READS: true in production needs AUTH_JWT_SECRET or AUTH_JWKS_URL, or no request could ever be answered');
  }
  return { keys, issuer: read('AUTH_JWT_ISSUER'), audience: read('AUTH_JWT_AUDIENCE'), rolesClaim, requiredForReads };
}

function isHttpUrl(value: string): boolean {
  try {
    const { protocol } = new URL(value);
    return protocol === 'http:' || protocol === 'https:';
  } catch {
    return false;
  }
}
