/**
 * Tokens for tests, signed with jose directly (not with the code under test): an HS256 test
 * secret, and `testAuthenticator`, the authenticator `startTestServer` uses unless told otherwise.
 */
import { SignJWT, type CryptoKey, type JWTPayload } from 'jose';
import { createAuthenticator, type Authenticator } from '../../src/auth';
import { Secret, type AuthConfig } from '../../src/config';
import { createLogger, type Logger } from '../../src/log';

export const TEST_JWT_SECRET = 'actor-graph-tests-only-secret-0123456789-abcdef';

export interface TestTokenOptions {
  sub?: string;
  roles?: string[];
  /** Absolute expiry in seconds since the epoch; default ten minutes from now. */
  exp?: number;
  aud?: string;
  iss?: string;
  /** Any other claims (they win over the above). */
  claims?: JWTPayload;
  /** HS256 secret (default TEST_JWT_SECRET), or a private key with its algorithm. */
  key?: string | { key: CryptoKey; alg: 'RS256' | 'ES256'; kid?: string };
}

export const nowSeconds = (): number => Math.floor(Date.now() / 1000);

export async function signTestToken(options: TestTokenOptions = {}): Promise<string> {
  const payload: JWTPayload = {
    sub: options.sub ?? 'tester',
    roles: options.roles ?? [],
    iat: nowSeconds(),
    exp: options.exp ?? nowSeconds() + 600,
    ...(options.aud === undefined ? {} : { aud: options.aud }),
    ...(options.iss === undefined ? {} : { iss: options.iss }),
    ...options.claims,
  };
  const key = options.key ?? TEST_JWT_SECRET;
  if (typeof key === 'string') return new SignJWT(payload).setProtectedHeader({ alg: 'HS256', typ: 'JWT' }).sign(new TextEncoder().encode(key));
  return new SignJWT(payload).setProtectedHeader({ alg: key.alg, typ: 'JWT', ...(key.kid === undefined ? {} : { kid: key.kid }) }).sign(key.key);
}

/** The auth configuration of the tests: HS256 with TEST_JWT_SECRET, roles in `roles`, reads open. */
export function testAuthConfig(overrides: Partial<AuthConfig> = {}): AuthConfig {
  return { keys: { source: 'secret', secret: new Secret(TEST_JWT_SECRET) }, issuer: undefined, audience: undefined, rolesClaim: 'roles', requiredForReads: false, ...overrides };
}

export function testAuthenticator(overrides: Partial<AuthConfig> = {}, logger: Logger = createLogger('silent')): Promise<Authenticator> {
  return createAuthenticator(testAuthConfig(overrides), logger);
}
