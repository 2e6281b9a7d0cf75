/**
 * `npm run token`, as built: the token on the last line of stdout verifies (checked with jose
 * directly) with the secret the server would use, and the server's own authenticator accepts it.
 *
 * @standalone
 */
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { decodeJwt, jwtVerify } from 'jose';
import { createAuthenticator } from '../../src/auth';
import { loadConfig, PROJECT_ROOT } from '../../src/config';
import { createLogger } from '../../src/log';

const TOKEN_CLI = path.join(PROJECT_ROOT, 'dist', 'cli', 'token.js');
const SECRET = 'the-token-cli-test-secret-0123456789-abcdef';

interface Finished {
  code: number | null;
  stdout: string;
  stderr: string;
}

let dir: string;
beforeAll(() => {
  if (!fs.existsSync(TOKEN_CLI)) throw new Error(`${TOKEN_CLI} is missing: run \`npm run build\` first (npm test does)`);
});
beforeEach(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'actor-graph-token-'));
});
afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));

/** The environment without any of our variables, plus `extra`. */
function envWith(extra: Record<string, string>): Record<string, string> {
  const env: Record<string, string> = {};
  for (const [k, v] of Object.entries(process.env)) if (v !== undefined && !/^(AUTH_|NODE_ENV$|LOG_LEVEL$)/.test(k)) env[k] = v;
  return { ...env, ...extra };
}

function runToken(args: string[], extra: Record<string, string>): Promise<Finished> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [TOKEN_CLI, ...args], { env: envWith(extra), stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (c: Buffer) => (stdout += c.toString()));
    child.stderr.on('data', (c: Buffer) => (stderr += c.toString()));
    child.once('error', reject);
    child.once('exit', (code) => resolve({ code, stdout, stderr }));
  });
}

const lastLine = (text: string): string => text.trimEnd().split('\n').at(-1) ?? '';

describe('npm run token', () => {
  it('signs with the development secret, making it (0600) on first use and reusing it after', async () => {
    const file = path.join(dir, 'data', 'auth-secret');
    const result = await runToken(['--sub', 'alice', '--role', 'editor'], { AUTH_DEV_SECRET_FILE: file });
    expect(result.code).toBe(0);
    expect(fs.statSync(file).mode & 0o777).toBe(0o600);
    const secret = fs.readFileSync(file, 'utf8').trim();
    const { payload, protectedHeader } = await jwtVerify(lastLine(result.stdout), new TextEncoder().encode(secret), { algorithms: ['HS256'] });
    expect(protectedHeader.alg).toBe('HS256');
    expect(payload).toMatchObject({ sub: 'alice', roles: ['editor'] });
    expect((payload.exp ?? 0) - (payload.iat ?? 0)).toBe(12 * 3600);
    expect(result.stdout + result.stderr).not.toContain(secret);

    const again = await runToken(['--sub', 'bob', '--role', 'admin'], { AUTH_DEV_SECRET_FILE: file });
    expect(fs.readFileSync(file, 'utf8').trim()).toBe(secret);
    expect((await jwtVerify(lastLine(again.stdout), new TextEncoder().encode(secret))).payload).toMatchObject({ sub: 'bob', roles: ['admin'] });
  });

  it('signs with AUTH_JWT_SECRET, with issuer, audience, nested roles claim and expiry, and the server accepts it', async () => {
    const env = {
      AUTH_JWT_SECRET: SECRET,
      AUTH_JWT_ISSUER: 'https://actor-graph.test',
      AUTH_JWT_AUDIENCE: 'actor-graph-api',
      AUTH_ROLES_CLAIM: 'realm_access.roles',
      AUTH_DEV_SECRET_FILE: path.join(dir, 'never-made'),
    };
    const result = await runToken(['--sub', 'carol', '--role', 'editor,admin', '--expires-in', '5m'], env);
    expect(result.code).toBe(0);
    const token = lastLine(result.stdout);
    const { payload } = await jwtVerify(token, new TextEncoder().encode(SECRET), { algorithms: ['HS256'], issuer: 'https://actor-graph.test', audience: 'actor-graph-api' });
    expect(payload).toMatchObject({ sub: 'carol', realm_access: { roles: ['editor', 'admin'] } });
    expect((payload.exp ?? 0) - (payload.iat ?? 0)).toBe(300);
    expect(fs.existsSync(path.join(dir, 'never-made'))).toBe(false);
    expect(result.stdout + result.stderr).not.toContain(SECRET);

    const server = await createAuthenticator(loadConfig(env).auth, createLogger('silent'));
    expect(await server.verify(`Bearer ${token}`)).toEqual({ sub: 'carol', roles: ['editor', 'admin'] });
  });

  it('accepts --role repeated and no role at all', async () => {
    const repeated = await runToken(['--sub', 'dave', '--role', 'editor', '--role', 'admin'], { AUTH_JWT_SECRET: SECRET });
    expect(decodeJwt(lastLine(repeated.stdout)).roles).toEqual(['editor', 'admin']);
    const none = await runToken(['--sub', 'erin'], { AUTH_JWT_SECRET: SECRET });
    expect(none.code).toBe(0);
    expect(decodeJwt(lastLine(none.stdout)).roles).toEqual([]);
  });

  it('refuses to sign when tokens come from an identity provider', async () => {
    const result = await runToken(['--sub', 'alice', '--role', 'editor'], { AUTH_JWKS_URL: 'https://idp.example/jwks.json', AUTH_DEV_SECRET_FILE: path.join(dir, 's') });
    expect(result.code).not.toBe(0);
    expect(result.stdout).toBe('');
    expect(result.stderr).toMatch(/^token: AUTH_JWKS_URL is set: tokens come from your identity provider/);
    expect(fs.existsSync(path.join(dir, 's'))).toBe(false);
  });

  it('refuses in production without AUTH_JWT_SECRET, and never falls back to a development secret', async () => {
    const result = await runToken(['--sub', 'alice', '--role', 'editor'], { NODE_ENV: 'production', AUTH_DEV_SECRET_FILE: path.join(dir, 's') });
    expect(result.code).not.toBe(0);
    expect(result.stdout).toBe('');
    expect(result.stderr).toContain('set AUTH_JWT_SECRET');
    expect(fs.existsSync(path.join(dir, 's'))).toBe(false);
  });

  it('explains bad arguments', async () => {
    const env = { AUTH_JWT_SECRET: SECRET };
    const badRole = await runToken(['--sub', 'alice', '--role', 'owner'], env);
    expect([badRole.code, badRole.stdout]).toEqual([1, '']);
    expect(badRole.stderr).toContain('--role: must be one of editor, admin, got "owner"');
    const noSub = await runToken(['--role', 'editor'], env);
    expect(noSub.stderr).toContain('--sub is required');
    const badExpiry = await runToken(['--sub', 'a', '--expires-in', 'forever'], env);
    expect(badExpiry.stderr).toContain('--expires-in: expected a duration such as 30m, 12h or 7d, got "forever"');
    const unknown = await runToken(['--sub', 'a', '--admin'], env);
    expect(unknown.stderr).toContain("Unknown option '--admin'");
  });
});
