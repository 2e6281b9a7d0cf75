import path from 'node:path';
import fs from 'node:fs';
import util from 'node:util';
import { CONFIG_VARIABLES, ConfigError, loadConfig, PROJECT_ROOT } from '../../src/config';

function problemsOf(env: Record<string, string>): string[] {
  try {
    loadConfig(env);
  } catch (e: unknown) {
    if (e instanceof ConfigError) return e.problems;
    throw e;
  }
  throw new Error('expected a ConfigError');
}

describe('loadConfig', () => {
  it('defaults to the embedded Neo4j and port 4000 with no configuration', () => {
    const config = loadConfig({});
    expect(config.port).toBe(4000);
    expect(config.neo4j.mode).toBe('embedded');
    expect(config.neo4j.database).toBe('neo4j');
    expect(config.embedded.port).toBe(7687);
    expect(config.embedded.dataDir).toBe(path.join(PROJECT_ROOT, '.data', 'neo4j'));
    expect(config.maxBodyBytes).toBe(100_000);
  });

  it('uses an external Neo4j when NEO4J_URI is set', () => {
    const config = loadConfig({ NEO4J_URI: 'neo4j://db.example:7687', NEO4J_USER: 'reader', NEO4J_PASSWORD: 'secret-pw', NEO4J_DATABASE: 'actors', PORT: '8080' });
    expect(config.neo4j).toMatchObject({ mode: 'external', uri: 'neo4j://db.example:7687', user: 'reader', password: 'secret-pw', database: 'actors' });
    expect(config.port).toBe(8080);
  });

  it('reports every problem at once, each naming its variable', () => {
    const problems = problemsOf({
      PORT: 'abc',
      NEO4J_URI: 'http://localhost:7474',
      LOG_LEVEL: 'loud',
      NEO4J_EMBEDDED_HEAP: 'lots',
      NEO4J_STARTUP_TIMEOUT_SECONDS: '0',
      NEO4J_DATABASE: 'x',
    });
    expect(problems).toHaveLength(6);
    for (const name of ['PORT', 'NEO4J_URI', 'LOG_LEVEL', 'NEO4J_EMBEDDED_HEAP', 'NEO4J_STARTUP_TIMEOUT_SECONDS', 'NEO4J_DATABASE']) {
      expect(problems.some((p) => p.startsWith(`${name}:`))).toBe(true);
    }
    expect(problems.find((p) => p.startsWith('PORT:'))).toContain('"abc"');
  });

  it('refuses a port out of range and a password without a URI', () => {
    expect(problemsOf({ PORT: '70000' })[0]).toMatch(/^PORT: must be an integer from 0 to 65535/);
    expect(problemsOf({ NEO4J_PASSWORD: 'secret-pw' })[0]).toMatch(/^NEO4J_PASSWORD:/);
  });

  it('allows every origin by default and reads CORS_ORIGINS as a list of origins', () => {
    expect(loadConfig({}).corsOrigins).toBe('*');
    expect(loadConfig({ CORS_ORIGINS: 'https://App.Example.org, http://localhost:5173' }).corsOrigins).toEqual(['https://app.example.org', 'http://localhost:5173']);
  });

  it('reports malformed CORS_ORIGINS entries together with the other problems', () => {
    const problems = problemsOf({ PORT: 'abc', CORS_ORIGINS: 'https://app.example.org/,app.example.org' });
    expect(problems).toHaveLength(3);
    expect(problems[0]).toMatch(/^CORS_ORIGINS: "https:\/\/app\.example\.org\/" is not an origin .*trailing slash.*scheme:\/\/host\[:port\]/);
    expect(problems[1]).toMatch(/^CORS_ORIGINS: "app\.example\.org" is not an origin \(no scheme\)/);
    expect(problems[2]).toMatch(/^PORT:/);
  });

  it('reads the live-update settings, and reports each bad one by name', () => {
    expect(loadConfig({}).live).toEqual({ pollIntervalMs: 200, maxConnections: 2_000, maxSubscriptionsPerConnection: 20, maxBufferedBytes: 1_048_576, keepAliveMs: 12_000 });
    expect(loadConfig({ CHANGES_POLL_INTERVAL_MS: '50', MAX_WS_CONNECTIONS: '10', MAX_SUBSCRIPTIONS_PER_CONNECTION: '3', MAX_WS_BUFFERED_BYTES: '65536', WS_KEEP_ALIVE_MS: '5000' }).live).toEqual({
      pollIntervalMs: 50,
      maxConnections: 10,
      maxSubscriptionsPerConnection: 3,
      maxBufferedBytes: 65_536,
      keepAliveMs: 5_000,
    });
    const problems = problemsOf({ CHANGES_POLL_INTERVAL_MS: '0', MAX_WS_CONNECTIONS: 'many', MAX_SUBSCRIPTIONS_PER_CONNECTION: '0', MAX_WS_BUFFERED_BYTES: '100', WS_KEEP_ALIVE_MS: '-1' });
    expect(problems.map((p) => p.slice(0, p.indexOf(':')))).toEqual(['CHANGES_POLL_INTERVAL_MS', 'MAX_WS_CONNECTIONS', 'MAX_SUBSCRIPTIONS_PER_CONNECTION', 'MAX_WS_BUFFERED_BYTES', 'WS_KEEP_ALIVE_MS']);
    expect(problems[0]).toBe('CHANGES_POLL_INTERVAL_MS: must be an integer from 10 to 60000, got "0"');
  });

  it('sets the request deadline from NEO4J_QUERY_TIMEOUT_MS plus NEO4J_DEADLINE_MARGIN_MS', () => {
    expect(loadConfig({}).limits).toMatchObject({ queryTimeoutMs: 5_000, deadlineMarginMs: 2_000 });
    expect(loadConfig({ NEO4J_QUERY_TIMEOUT_MS: '3000', NEO4J_DEADLINE_MARGIN_MS: '500' }).limits).toMatchObject({ queryTimeoutMs: 3_000, deadlineMarginMs: 500 });
    expect(problemsOf({ NEO4J_DEADLINE_MARGIN_MS: '0' })[0]).toMatch(/^NEO4J_DEADLINE_MARGIN_MS: must be an integer from 100 to 60000, got "0"/);
    expect(problemsOf({ NEO4J_DEADLINE_MARGIN_MS: '2s' })[0]).toMatch(/^NEO4J_DEADLINE_MARGIN_MS:/);
  });

  it('reads NEO4J_EMBEDDED_JVM_OPTIONS as space-separated -X and -D options, and refuses anything else by name', () => {
    expect(loadConfig({}).embedded.jvmOptions).toEqual([]);
    expect(loadConfig({ NEO4J_EMBEDDED_JVM_OPTIONS: '  -XX:TieredStopAtLevel=1   -Dfile.encoding=UTF-8 ' }).embedded.jvmOptions).toEqual(['-XX:TieredStopAtLevel=1', '-Dfile.encoding=UTF-8']);
    expect(problemsOf({ NEO4J_EMBEDDED_JVM_OPTIONS: '-XX:+UseSerialGC -cp /tmp/other.jar' })).toEqual([
      'NEO4J_EMBEDDED_JVM_OPTIONS: each option must start with -X or -D (options are space-separated), got "-cp"',
      'NEO4J_EMBEDDED_JVM_OPTIONS: each option must start with -X or -D (options are space-separated), got "/tmp/other.jar"',
    ]);
    expect(problemsOf({ NEO4J_EMBEDDED_JVM_OPTIONS: '-Xmx4g' })).toEqual(['NEO4J_EMBEDDED_JVM_OPTIONS: set the heap with NEO4J_EMBEDDED_HEAP, not "-Xmx4g"']);
  });

  it('treats empty variables as unset', () => {
    expect(loadConfig({ NEO4J_URI: '', PORT: ' ' }).neo4j.mode).toBe('embedded');
  });
});

describe('the README', () => {
  it('documents every configuration variable', () => {
    const readme = fs.readFileSync(path.join(PROJECT_ROOT, 'README.md'), 'utf8');
    const undocumented = CONFIG_VARIABLES.filter((name) => !readme.includes(`| \`${name}\` |`));
    expect(undocumented).toEqual([]);
  });
});

describe('loadConfig: tokens', () => {
  const SECRET = 'a-long-enough-test-secret-of-40-bytes-xx';

  it('keeps a development secret in .data/ when nothing is configured outside production', () => {
    const { auth } = loadConfig({});
    expect(auth).toEqual({
      keys: { source: 'dev-secret', file: path.join(PROJECT_ROOT, '.data', 'auth-secret') },
      issuer: undefined,
      audience: undefined,
      rolesClaim: 'roles',
      requiredForReads: false,
    });
    expect(loadConfig({ AUTH_DEV_SECRET_FILE: 'tmp/s' }).auth.keys).toEqual({ source: 'dev-secret', file: path.join(PROJECT_ROOT, 'tmp', 's') });
  });

  it('accepts no token in production without a secret or a JWKS, and never keeps a development secret there', () => {
    expect(loadConfig({ NODE_ENV: 'production' }).auth.keys).toEqual({ source: 'none' });
    expect(loadConfig({ NODE_ENV: 'production', AUTH_DEV_SECRET_FILE: '/tmp/x' }).auth.keys).toEqual({ source: 'none' });
  });

  it('reads the secret, issuer, audience, roles claim and read policy', () => {
    const { auth } = loadConfig({
      NODE_ENV: 'production',
      AUTH_JWT_SECRET: SECRET,
      AUTH_JWT_ISSUER: 'https://issuer.example',
      AUTH_JWT_AUDIENCE: 'actor-graph',
      AUTH_ROLES_CLAIM: 'realm_access.roles',
      AUTH_REQUIRED_FOR_READS: 'true',
    });
    expect(auth.keys.source).toBe('secret');
    expect(auth.keys.source === 'secret' && auth.keys.secret.reveal()).toBe(SECRET);
    expect(auth).toMatchObject({ issuer: 'https://issuer.example', audience: 'actor-graph', rolesClaim: 'realm_access.roles', requiredForReads: true });
  });

  it('uses the secret exactly as given, spaces included', () => {
    const keys = loadConfig({ AUTH_JWT_SECRET: ` ${SECRET} ` }).auth.keys;
    expect(keys.source === 'secret' && keys.secret.reveal()).toBe(` ${SECRET} `);
  });

  it('reads a JWKS URL', () => {
    expect(loadConfig({ AUTH_JWKS_URL: 'https://idp.example/realms/x/protocol/openid-connect/certs' }).auth.keys).toEqual({
      source: 'jwks',
      url: 'https://idp.example/realms/x/protocol/openid-connect/certs',
    });
  });

  it('never shows the secret when the configuration is printed or serialised', () => {
    const config = loadConfig({ AUTH_JWT_SECRET: SECRET });
    expect(JSON.stringify(config)).not.toContain(SECRET);
    expect(util.inspect(config, { depth: 10 })).not.toContain(SECRET);
    expect(`${String(config.auth.keys.source === 'secret' ? config.auth.keys.secret : '')}`).not.toContain(SECRET);
  });

  it('refuses a short secret without repeating it, a bad JWKS URL, both at once, a bad claim path and a bad read policy', () => {
    const short = problemsOf({ AUTH_JWT_SECRET: 'hunter2-but-longer' });
    expect(short).toEqual([expect.stringMatching(/^AUTH_JWT_SECRET: must be at least 32 bytes, got 18/)]);
    expect(short[0]).not.toContain('hunter2');
    expect(problemsOf({ AUTH_JWKS_URL: 'ftp://idp.example/keys' })).toEqual([expect.stringMatching(/^AUTH_JWKS_URL: must be an http\(s\) URL/)]);
    expect(problemsOf({ AUTH_JWKS_URL: 'not a url' })).toEqual([expect.stringMatching(/^AUTH_JWKS_URL: /)]);
    expect(problemsOf({ AUTH_JWT_SECRET: SECRET, AUTH_JWKS_URL: 'https://idp.example/jwks' })).toEqual([expect.stringMatching(/^AUTH_JWKS_URL: set together with AUTH_JWT_SECRET/)]);
    expect(problemsOf({ AUTH_ROLES_CLAIM: 'realm_access..roles' })).toEqual([expect.stringMatching(/^AUTH_ROLES_CLAIM: /)]);
    expect(problemsOf({ AUTH_REQUIRED_FOR_READS: 'yes' })).toEqual([expect.stringMatching(/^AUTH_REQUIRED_FOR_READS: must be one of true, false/)]);
  });

  it('counts bytes, not characters, for the secret length', () => {
    // 16 two-byte characters: 32 bytes.
    expect(loadConfig({ AUTH_JWT_SECRET: 'é'.repeat(16) }).auth.keys.source).toBe('secret');
    expect(problemsOf({ AUTH_JWT_SECRET: 'é'.repeat(15) })[0]).toMatch(/got 30/);
  });

  it('refuses to require tokens for reads in production when no token could be valid', () => {
    expect(problemsOf({ NODE_ENV: 'production', AUTH_REQUIRED_FOR_READS: 'true' })).toEqual([expect.stringMatching(/^AUTH_REQUIRED_FOR_READS: true in production needs AUTH_JWT_SECRET or AUTH_JWKS_URL/)]);
  });
});
