/**
 * Every environment variable the service reads, declared once: name, type, default and meaning.
 * `loadConfig` takes bounds, allowed values and defaults from here; the README's Configuration
 * table and `.env.example` are generated from it (`npm run config:docs`), and a unit test fails
 * when either has drifted.
 */

interface Common {
  name: string;
  /** One line for the README and `.env.example`; Markdown code spans allowed. */
  meaning: string;
  /** How the default reads in the docs when it is not simply the value (e.g. depends on NODE_ENV). */
  defaultText?: string;
}

export type Variable = Common &
  (
    | { type: 'integer'; min: number; max: number; default: number }
    | { type: 'enum'; values: readonly string[]; default: string }
    | { type: 'boolean'; default: boolean }
    | { type: 'size'; default: string }
    /** Free text: a name, a path, a list, a URL; checked in loadConfig where it has a shape. */
    | { type: 'string' | 'path' | 'url' | 'origins' | 'secret'; default: string | undefined }
  );

export const LOG_LEVELS = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'] as const;

export const VARIABLES = [
  { name: 'PORT', type: 'integer', min: 0, max: 65535, default: 4000, meaning: 'HTTP port of the API (`0` picks a free one)' },
  { name: 'HOST', type: 'string', default: '0.0.0.0', meaning: 'HTTP listen address' },
  { name: 'NODE_ENV', type: 'string', default: 'development', meaning: '`production` hides stack traces and turns introspection off by default' },
  { name: 'INTROSPECTION', type: 'boolean', default: true, defaultText: '`true`, `false` in production', meaning: 'schema introspection (what playgrounds use)' },
  { name: 'LOG_LEVEL', type: 'enum', values: LOG_LEVELS, default: 'info', meaning: 'least severe level logged (logs are JSON lines on stdout)' },
  { name: 'MAX_BODY_BYTES', type: 'integer', min: 1_000, max: 10_000_000, default: 100_000, meaning: 'largest request body; larger requests get HTTP 413' },
  {
    name: 'CORS_ORIGINS',
    type: 'origins',
    default: '*',
    meaning:
      'origins whose pages may call the API from a browser: `*` (any) or a comma-separated list of origins, each `scheme://host[:port]` with no path or trailing slash, e.g. `https://app.example.org,http://localhost:5173`; list them in production',
  },
  { name: 'MAX_QUERY_DEPTH', type: 'integer', min: 2, max: 100, default: 8, meaning: 'deepest selection nesting (fragments expanded; introspection exempt)' },
  { name: 'MAX_QUERY_COST', type: 'integer', min: 10, max: 10_000_000, default: 10_000, meaning: 'largest estimated query cost: each object costs 1, and page sizes (`first`, literal or variable) multiply what they contain' },
  { name: 'MAX_ALIASES', type: 'integer', min: 1, max: 1_000, default: 15, meaning: 'most aliases in one operation' },
  { name: 'MAX_TOKENS', type: 'integer', min: 50, max: 100_000, default: 1_000, meaning: 'most tokens in one query document' },
  { name: 'MAX_PAGE_SIZE', type: 'integer', min: 1, max: 10_000, default: 100, meaning: 'largest `first`; more is `BAD_USER_INPUT`' },
  { name: 'MAX_NEIGHBORHOOD_DEPTH', type: 'integer', min: 1, max: 10, default: 3, meaning: 'largest `neighborhood(depth:)`' },
  { name: 'MAX_NEIGHBORHOOD_NODES', type: 'integer', min: 2, max: 100_000, default: 500, meaning: 'most entities in one neighbourhood (then `truncated: true`)' },
  { name: 'MAX_PATH_LENGTH', type: 'integer', min: 1, max: 20, default: 10, meaning: 'largest `shortestPath(maxLength:)`' },
  {
    name: 'NEO4J_QUERY_TIMEOUT_MS',
    type: 'integer',
    min: 100,
    max: 600_000,
    default: 5_000,
    meaning: "Neo4j transaction timeout per query (a request's later queries get what is left of its deadline, less the margin); a query stopped by it answers `TIMEOUT`",
  },
  {
    name: 'NEO4J_DEADLINE_MARGIN_MS',
    type: 'integer',
    min: 100,
    max: 60_000,
    default: 2_000,
    meaning: 'added to `NEO4J_QUERY_TIMEOUT_MS` to form the request deadline (7 s by default): every GraphQL request is answered by then, even when Neo4j hangs (see "Running it in earnest")',
  },
  { name: 'SHUTDOWN_GRACE_MS', type: 'integer', min: 0, max: 600_000, default: 10_000, meaning: 'on SIGTERM, how long in-flight requests may take before their connections are closed' },
  { name: 'CHANGES_POLL_INTERVAL_MS', type: 'integer', min: 10, max: 60_000, default: 200, meaning: 'how often each API process reads new changes from the change log for its subscribers (live updates)' },
  { name: 'MAX_WS_CONNECTIONS', type: 'integer', min: 1, max: 1_000_000, default: 2_000, meaning: 'most WebSocket connections (subscriptions) one process holds; more are refused' },
  { name: 'MAX_SUBSCRIPTIONS_PER_CONNECTION', type: 'integer', min: 1, max: 1_000, default: 20, meaning: 'most subscriptions one WebSocket connection may run at once' },
  { name: 'MAX_WS_BUFFERED_BYTES', type: 'integer', min: 16_384, max: 1_073_741_824, default: 1_048_576, meaning: 'bytes a client may leave unread before it is disconnected (a client that stops reading costs bounded memory)' },
  { name: 'WS_KEEP_ALIVE_MS', type: 'integer', min: 100, max: 600_000, default: 12_000, meaning: 'ping interval on WebSocket connections; a connection that does not answer is dropped' },
  {
    name: 'RESPONSE_CACHE_MAX_BYTES',
    type: 'integer',
    min: 0,
    max: 17_179_869_184,
    default: 67_108_864,
    meaning:
      'memory for cached answers of queries (JSON bytes; least recently used leave first); `0` turns the cache off. Answers are keyed on the graph version, so a write retires them (see "Cached reads and persisted operations")',
  },
  {
    name: 'TRUSTED_DOCUMENTS_ONLY',
    type: 'boolean',
    default: false,
    meaning: '`true`: only persisted operations run (`documentId` of a document in operations/ or the explorer); query text gets `FORBIDDEN`. Recommended in production for an API that serves only its own front ends',
  },
  { name: 'NEO4J_URI', type: 'url', default: undefined, defaultText: 'unset: embedded', meaning: 'an external Neo4j: `bolt://`, `neo4j://` (cluster routing), `+s`/`+ssc` variants' },
  { name: 'NEO4J_USER', type: 'string', default: 'neo4j', meaning: 'user for `NEO4J_URI`' },
  { name: 'NEO4J_PASSWORD', type: 'secret', default: undefined, defaultText: 'unset: no auth', meaning: 'password for `NEO4J_URI` (the embedded Neo4j runs without auth)' },
  { name: 'NEO4J_DATABASE', type: 'string', default: 'neo4j', meaning: 'database every query names (3-63 letters, digits, dots, dashes)' },
  { name: 'NEO4J_STARTUP_TIMEOUT_SECONDS', type: 'integer', min: 1, max: 3600, default: 60, meaning: 'how long start-up retries an unreachable Neo4j (with backoff) before it exits with the cause' },
  { name: 'NEO4J_EMBEDDED_HOST', type: 'string', default: '127.0.0.1', meaning: 'Bolt listen address of the embedded Neo4j' },
  { name: 'NEO4J_EMBEDDED_PORT', type: 'integer', min: 0, max: 65535, default: 7687, meaning: 'Bolt port of the embedded Neo4j (`0` picks a free one)' },
  { name: 'NEO4J_EMBEDDED_DATA_DIR', type: 'path', default: '.data/neo4j', meaning: 'where the embedded Neo4j keeps its data (git-ignored)' },
  { name: 'NEO4J_EMBEDDED_HEAP', type: 'size', default: '512m', meaning: 'JVM heap of the embedded Neo4j (`-Xmx`)' },
  { name: 'NEO4J_EMBEDDED_PAGECACHE', type: 'size', default: '128m', meaning: 'page cache of the embedded Neo4j' },
  {
    name: 'NEO4J_EMBEDDED_JVM_OPTIONS',
    type: 'string',
    default: undefined,
    defaultText: 'unset: none',
    meaning:
      'more JVM options for the embedded Neo4j, space-separated, each `-X…` or `-D…` (the heap is `NEO4J_EMBEDDED_HEAP`). The tests give their short-lived instances `-XX:TieredStopAtLevel=1`: a start and its first queries cost about a third less CPU, later queries run slower',
  },
  {
    name: 'AUTH_JWT_SECRET',
    type: 'secret',
    default: undefined,
    meaning: 'HS256 secret for bearer tokens you sign yourself (`npm run token`); at least 32 bytes (`openssl rand -base64 48`); used exactly as given; never logged',
  },
  {
    name: 'AUTH_JWKS_URL',
    type: 'url',
    default: undefined,
    meaning: "`http(s)` URL of an identity provider's JSON Web Key Set: tokens signed RS256 or ES256 with its keys are accepted. Setting it and `AUTH_JWT_SECRET` is an error",
  },
  { name: 'AUTH_JWT_ISSUER', type: 'string', default: undefined, defaultText: 'unset: not checked', meaning: 'the `iss` every token must have' },
  { name: 'AUTH_JWT_AUDIENCE', type: 'string', default: undefined, defaultText: 'unset: not checked', meaning: 'the `aud` every token must have (or include)' },
  { name: 'AUTH_ROLES_CLAIM', type: 'string', default: 'roles', meaning: 'the claim holding the roles; a dotted path reaches into objects (`realm_access.roles`)' },
  { name: 'AUTH_REQUIRED_FOR_READS', type: 'boolean', default: false, meaning: '`true`: queries need a valid token too (any role), else `UNAUTHENTICATED` with HTTP 401' },
  {
    name: 'AUTH_DEV_SECRET_FILE',
    type: 'path',
    default: '.data/auth-secret',
    meaning: 'where the development secret is kept when neither `AUTH_JWT_SECRET` nor `AUTH_JWKS_URL` is set (never in production)',
  },
] as const satisfies readonly Variable[];

export type VariableName = (typeof VARIABLES)[number]['name'];

/** The declaration of `name`, which must be of `type` (a mistake here is the code's, not the user's). */
export function declaration<T extends Variable['type']>(name: VariableName, type: T): Extract<Variable, { type: T }> {
  const found: Variable | undefined = VARIABLES.find((v) => v.name === name);
  if (found?.type !== type) throw new Error(`${name} is not declared as ${type} in the configuration table`);
  return found as Extract<Variable, { type: T }>;
}
