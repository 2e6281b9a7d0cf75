/**
 * The one place that reads the environment. `loadConfig` validates every variable and reports
 * every problem at once (by variable name) instead of failing on the first; `main` turns that
 * into a non-zero exit. Nothing else in the project reads `process.env`. Names, types, bounds,
 * defaults and meanings are declared once, in variables.ts; the checks here that involve more
 * than one variable or a shape (URIs, origins, secrets) are what the table cannot say.
 */
import fs from 'node:fs';
import path from 'node:path';
import { parseAllowedOrigins, type AllowedOrigins } from '../http/cors';
import { VARIABLES, declaration, type LOG_LEVELS, type Variable, type VariableName } from './variables';

export { VARIABLES, type Variable, type VariableName };

export type LogLevel = (typeof LOG_LEVELS)[number];

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
  /** NEO4J_EMBEDDED_JVM_OPTIONS, split. */
  jvmOptions: string[];
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

const integerDefault = (name: VariableName): number => declaration(name, 'integer').default;

/** The limits with every variable unset (the two without a variable are fixed here). */
export const DEFAULT_LIMITS: Limits = {
  maxDepth: integerDefault('MAX_QUERY_DEPTH'),
  maxCost: integerDefault('MAX_QUERY_COST'),
  maxAliases: integerDefault('MAX_ALIASES'),
  maxTokens: integerDefault('MAX_TOKENS'),
  maxDirectives: 50,
  maxPageSize: integerDefault('MAX_PAGE_SIZE'),
  maxNeighborhoodDepth: integerDefault('MAX_NEIGHBORHOOD_DEPTH'),
  maxNeighborhoodNodes: integerDefault('MAX_NEIGHBORHOOD_NODES'),
  maxPathLength: integerDefault('MAX_PATH_LENGTH'),
  maxSearchTextLength: 500,
  queryTimeoutMs: integerDefault('NEO4J_QUERY_TIMEOUT_MS'),
  deadlineMarginMs: integerDefault('NEO4J_DEADLINE_MARGIN_MS'),
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
  pollIntervalMs: integerDefault('CHANGES_POLL_INTERVAL_MS'),
  maxConnections: integerDefault('MAX_WS_CONNECTIONS'),
  maxSubscriptionsPerConnection: integerDefault('MAX_SUBSCRIPTIONS_PER_CONNECTION'),
  maxBufferedBytes: integerDefault('MAX_WS_BUFFERED_BYTES'),
  keepAliveMs: integerDefault('WS_KEEP_ALIVE_MS'),
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
  /** Memory for cached answers of queries; 0: no cache. */
  responseCacheMaxBytes: number;
  /** Only persisted operations run. */
  trustedDocumentsOnly: boolean;
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

/** Every variable `loadConfig` reads, in the table's order. */
export const CONFIG_VARIABLES: readonly VariableName[] = VARIABLES.map((v) => v.name);

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
  const read = (name: VariableName): string | undefined => {
    const value = env[name];
    return value === undefined || value.trim() === '' ? undefined : value.trim();
  };

  const integer = (name: VariableName): number => {
    const { min, max, default: fallback } = declaration(name, 'integer');
    const raw = read(name);
    if (raw === undefined) return fallback;
    if (!/^[0-9]+$/.test(raw) || Number(raw) < min || Number(raw) > max) {
      problems.push(`${name}: must be an integer from ${min} to ${max}, got ${JSON.stringify(raw)}`);
      return fallback;
    }
    return Number(raw);
  };

  const oneOf = <T extends string>(name: VariableName, fallback: T, allowed: readonly T[]): T => {
    const raw = read(name);
    if (raw === undefined) return fallback;
    if (!(allowed as readonly string[]).includes(raw)) {
      problems.push(`${name}: must be one of ${allowed.join(', ')}, got ${JSON.stringify(raw)}`);
      return fallback;
    }
    return raw as T;
  };
  const enumeration = (name: VariableName): string => {
    const spec = declaration(name, 'enum');
    return oneOf(name, spec.default, spec.values);
  };
  /** `fallback`: when the default depends on another variable (the table's then says so in words). */
  const boolean = (name: VariableName, fallback = declaration(name, 'boolean').default): boolean =>
    oneOf(name, fallback ? 'true' : 'false', ['true', 'false']) === 'true';
  /** A variable with a default in the table. */
  const text = (name: VariableName): string => read(name) ?? declaredText(name);

  const memory = (name: VariableName): string => {
    const fallback = declaration(name, 'size').default;
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
  const database = text('NEO4J_DATABASE');
  if (!/^[A-Za-z][A-Za-z0-9.-]{2,62}$/.test(database)) {
    problems.push(`NEO4J_DATABASE: must be a Neo4j database name (3-63 letters, digits, dots, dashes), got ${JSON.stringify(database)}`);
  }
  const password = read('NEO4J_PASSWORD');
  if (uri === undefined && password !== undefined) {
    problems.push('NEO4J_PASSWORD: set without NEO4J_URI; the embedded Neo4j runs without auth, so set NEO4J_URI too or unset it');
  }

  const cors = parseAllowedOrigins(text('CORS_ORIGINS'));
  problems.push(...cors.problems.map((p) => `CORS_ORIGINS: ${p}`));

  const nodeEnv = text('NODE_ENV');
  const auth = readAuth(env, { read, text, boolean }, nodeEnv === 'production', problems);
  const config: Config = {
    nodeEnv,
    introspection: boolean('INTROSPECTION', nodeEnv !== 'production'),
    port: integer('PORT'),
    host: text('HOST'),
    logLevel: enumeration('LOG_LEVEL') as LogLevel,
    maxBodyBytes: integer('MAX_BODY_BYTES'),
    corsOrigins: cors.allowed,
    limits: {
      ...DEFAULT_LIMITS,
      maxDepth: integer('MAX_QUERY_DEPTH'),
      maxCost: integer('MAX_QUERY_COST'),
      maxAliases: integer('MAX_ALIASES'),
      maxTokens: integer('MAX_TOKENS'),
      maxPageSize: integer('MAX_PAGE_SIZE'),
      maxNeighborhoodDepth: integer('MAX_NEIGHBORHOOD_DEPTH'),
      maxNeighborhoodNodes: integer('MAX_NEIGHBORHOOD_NODES'),
      maxPathLength: integer('MAX_PATH_LENGTH'),
      queryTimeoutMs: integer('NEO4J_QUERY_TIMEOUT_MS'),
      deadlineMarginMs: integer('NEO4J_DEADLINE_MARGIN_MS'),
    },
    shutdownGraceMs: integer('SHUTDOWN_GRACE_MS'),
    live: {
      pollIntervalMs: integer('CHANGES_POLL_INTERVAL_MS'),
      maxConnections: integer('MAX_WS_CONNECTIONS'),
      maxSubscriptionsPerConnection: integer('MAX_SUBSCRIPTIONS_PER_CONNECTION'),
      maxBufferedBytes: integer('MAX_WS_BUFFERED_BYTES'),
      keepAliveMs: integer('WS_KEEP_ALIVE_MS'),
    },
    responseCacheMaxBytes: integer('RESPONSE_CACHE_MAX_BYTES'),
    trustedDocumentsOnly: boolean('TRUSTED_DOCUMENTS_ONLY'),
    neo4j: {
      mode: uri === undefined ? 'embedded' : 'external',
      uri,
      user: text('NEO4J_USER'),
      password,
      database,
      startupTimeoutMs: integer('NEO4J_STARTUP_TIMEOUT_SECONDS') * 1000,
    },
    embedded: {
      host: text('NEO4J_EMBEDDED_HOST'),
      port: integer('NEO4J_EMBEDDED_PORT'),
      dataDir: path.resolve(PROJECT_ROOT, text('NEO4J_EMBEDDED_DATA_DIR')),
      heap: memory('NEO4J_EMBEDDED_HEAP'),
      pageCache: memory('NEO4J_EMBEDDED_PAGECACHE'),
      jvmOptions: jvmOptions(read('NEO4J_EMBEDDED_JVM_OPTIONS'), problems),
    },
    auth,
  };

  if (problems.length > 0) throw new ConfigError(problems);
  return config;
}

/**
 * NEO4J_EMBEDDED_JVM_OPTIONS: JVM options (`-X…`, `-XX:…`) and system properties (`-D…`) only, so
 * that nothing in it can replace the launcher's class path or main class; the heap has a variable
 * of its own, which would otherwise be overridden silently.
 */
function jvmOptions(raw: string | undefined, problems: string[]): string[] {
  const options = raw === undefined ? [] : raw.split(/\s+/);
  for (const option of options) {
    if (!/^-(X|D)\S/.test(option)) problems.push(`NEO4J_EMBEDDED_JVM_OPTIONS: each option must start with -X or -D (options are space-separated), got ${JSON.stringify(option)}`);
    else if (/^-Xm[xs]/.test(option)) problems.push(`NEO4J_EMBEDDED_JVM_OPTIONS: set the heap with NEO4J_EMBEDDED_HEAP, not ${JSON.stringify(option)}`);
  }
  return options;
}

/** The AUTH_* variables; problems are pushed onto `problems`, and the secret never appears in one. */
function readAuth(
  env: Env,
  { read, text, boolean }: { read: (name: VariableName) => string | undefined; text: (name: VariableName) => string; boolean: (name: VariableName) => boolean },
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
  const rolesClaim = text('AUTH_ROLES_CLAIM');
  if (rolesClaim.split('.').some((part) => part === '')) {
    problems.push(`AUTH_ROLES_CLAIM: must be a claim name or a dotted path such as realm_access.roles, got ${JSON.stringify(rolesClaim)}`);
  }
  const requiredForReads = boolean('AUTH_REQUIRED_FOR_READS');

  let keys: TokenKeys;
  if (rawSecret !== undefined) keys = { source: 'secret', secret: new Secret(rawSecret) };
  else if (jwksUrl !== undefined) keys = { source: 'jwks', url: jwksUrl };
  else if (!production) keys = { source: 'dev-secret', file: path.resolve(PROJECT_ROOT, text('AUTH_DEV_SECRET_FILE')) };
  else keys = { source: 'none' };
  if (keys.source === 'none' && requiredForReads) {
    problems.push('AUTH_REQUIRED_FOR_READS: true in production needs AUTH_JWT_SECRET or AUTH_JWKS_URL, or no request could ever be answered');
  }
  return { keys, issuer: read('AUTH_JWT_ISSUER'), audience: read('AUTH_JWT_AUDIENCE'), rolesClaim, requiredForReads };
}

/** The table's default of a text variable that has one. */
function declaredText(name: VariableName): string {
  const spec = VARIABLES.find((v) => v.name === name);
  if (spec === undefined || typeof spec.default !== 'string') throw new Error(`${name}: the configuration table declares no text default`);
  return spec.default;
}

function isHttpUrl(value: string): boolean {
  try {
    const { protocol } = new URL(value);
    return protocol === 'http:' || protocol === 'https:';
  } catch {
    return false;
  }
}
