/**
 * The auth matrix through `Authenticator` and `RequestAuth`, for HS256 with a secret and for a
 * JWKS (RS256 and ES256 keys) served by this test on 127.0.0.1, plus what must never work: `alg:
 * none`, HS256 signed with the public key, a key the JWKS does not publish.
 */
import fs from 'node:fs';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { Writable } from 'node:stream';
import { exportJWK, exportSPKI, generateKeyPair, type CryptoKey, type JWK } from 'jose';
import type { GraphQLError } from 'graphql';
import { createAuthenticator, createRequestAuth, type Authenticator, type Principal } from '../../src/auth';
import type { AuthConfig } from '../../src/config';
import { createLogger } from '../../src/log';
import { nowSeconds, signTestToken, TEST_JWT_SECRET, testAuthConfig, type TestTokenOptions } from '../support/tokens';

const ISSUER = 'https://issuer.test';
const AUDIENCE = 'actor-graph';
const silent = createLogger('silent');

/** The error a promise rejects with; fails the test if it resolves. */
async function refusal(promise: Promise<unknown>): Promise<GraphQLError> {
  try {
    await promise;
  } catch (e: unknown) {
    return e as GraphQLError;
  }
  throw new Error('expected a refusal, got a principal');
}

function codeOf(e: GraphQLError): unknown {
  return e.extensions.code;
}

interface KeyPair {
  alg: 'RS256' | 'ES256';
  kid: string;
  privateKey: CryptoKey;
  publicKey: CryptoKey;
}

async function keyPair(alg: 'RS256' | 'ES256', kid: string): Promise<KeyPair> {
  const { privateKey, publicKey } = await generateKeyPair(alg, { extractable: true });
  return { alg, kid, privateKey, publicKey };
}

/** A JWKS endpoint on a free loopback port that counts its requests. */
async function serveJwks(keys: JWK[]): Promise<{ url: string; requests: () => number; close: () => Promise<void> }> {
  let requests = 0;
  const server = http.createServer((req, res) => {
    requests += 1;
    res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify({ keys }));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/jwks.json`,
    requests: () => requests,
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };
}

/** How one column of the matrix signs: good tokens, and tokens signed with a key the server does not trust. */
interface Signer {
  name: string;
  authenticator: () => Authenticator;
  sign: (options?: TestTokenOptions) => Promise<string>;
  signWithWrongKey: (options?: TestTokenOptions) => Promise<string>;
}

let rsa: KeyPair;
let ec: KeyPair;
let rsaImpostor: KeyPair;
let ecImpostor: KeyPair;
let jwks: Awaited<ReturnType<typeof serveJwks>>;
let hmacAuth: Authenticator;
let jwksAuth: Authenticator;

const jwksConfig = (url: string, overrides: Partial<AuthConfig> = {}): AuthConfig =>
  testAuthConfig({ keys: { source: 'jwks', url }, issuer: ISSUER, audience: AUDIENCE, ...overrides });

beforeAll(async () => {
  [rsa, ec, rsaImpostor, ecImpostor] = await Promise.all([keyPair('RS256', 'rsa-1'), keyPair('ES256', 'ec-1'), keyPair('RS256', 'rsa-1'), keyPair('ES256', 'ec-1')]);
  const published = await Promise.all(
    [rsa, ec].map(async (k) => ({ ...(await exportJWK(k.publicKey)), kid: k.kid, alg: k.alg, use: 'sig' })),
  );
  jwks = await serveJwks(published);
  hmacAuth = await createAuthenticator(testAuthConfig({ issuer: ISSUER, audience: AUDIENCE }), silent);
  jwksAuth = await createAuthenticator(jwksConfig(jwks.url), silent);
});
afterAll(() => jwks.close());

const withClaims = (options: TestTokenOptions = {}): TestTokenOptions => ({ iss: ISSUER, aud: AUDIENCE, ...options });

const signers: Signer[] = [
  {
    name: 'HS256 with AUTH_JWT_SECRET',
    authenticator: () => hmacAuth,
    sign: (o) => signTestToken(withClaims(o)),
    signWithWrongKey: (o) => signTestToken({ ...withClaims(o), key: 'some-other-secret-that-is-long-enough-0123' }),
  },
  {
    name: 'RS256 from the JWKS',
    authenticator: () => jwksAuth,
    sign: (o) => signTestToken({ ...withClaims(o), key: { key: rsa.privateKey, alg: 'RS256', kid: rsa.kid } }),
    // Same kid as the published key: only the signature can tell.
    signWithWrongKey: (o) => signTestToken({ ...withClaims(o), key: { key: rsaImpostor.privateKey, alg: 'RS256', kid: rsa.kid } }),
  },
  {
    name: 'ES256 from the JWKS',
    authenticator: () => jwksAuth,
    sign: (o) => signTestToken({ ...withClaims(o), key: { key: ec.privateKey, alg: 'ES256', kid: ec.kid } }),
    signWithWrongKey: (o) => signTestToken({ ...withClaims(o), key: { key: ecImpostor.privateKey, alg: 'ES256', kid: ec.kid } }),
  },
];

describe.each(signers)('tokens: $name', (signer) => {
  const verify = (header: string | undefined): Promise<Principal> => signer.authenticator().verify(header);
  const bearer = (token: string): string => `Bearer ${token}`;

  it('refuses a request without a token', async () => {
    const e = await refusal(verify(undefined));
    expect([codeOf(e), e.message]).toEqual(['UNAUTHENTICATED', 'missing Authorization: Bearer token']);
    expect(codeOf(await refusal(verify('')))).toBe('UNAUTHENTICATED');
  });

  it('refuses another scheme and a malformed token', async () => {
    const basic = await refusal(verify('Basic YWxpY2U6c2VjcmV0'));
    expect([codeOf(basic), basic.message]).toEqual(['UNAUTHENTICATED', 'Authorization header must be "Bearer <token>"']);
    const malformed = await refusal(verify('Bearer not-a-jwt'));
    expect(codeOf(malformed)).toBe('UNAUTHENTICATED');
    expect(malformed.message).toMatch(/^token malformed/);
    const good = await signer.sign({ roles: ['editor'] });
    const truncated = good.split('.').slice(0, 2).join('.');
    expect(codeOf(await refusal(verify(bearer(truncated))))).toBe('UNAUTHENTICATED');
  });

  it('refuses a bad signature without echoing the token', async () => {
    const token = await signer.signWithWrongKey({ roles: ['admin'] });
    const e = await refusal(verify(bearer(token)));
    expect([codeOf(e), e.message]).toEqual(['UNAUTHENTICATED', 'token signature invalid']);
    expect(JSON.stringify({ message: e.message, extensions: e.extensions })).not.toContain(token.split('.')[2]);
  });

  it('refuses a tampered payload', async () => {
    const [header, , signature] = (await signer.sign({ roles: ['editor'] })).split('.');
    const payload = Buffer.from(JSON.stringify({ sub: 'tester', roles: ['admin'], iss: ISSUER, aud: AUDIENCE, exp: nowSeconds() + 600 })).toString('base64url');
    const e = await refusal(verify(bearer(`${header}.${payload}.${signature}`)));
    expect([codeOf(e), e.message]).toEqual(['UNAUTHENTICATED', 'token signature invalid']);
  });

  it('refuses a token expired beyond the 30 s tolerance, and accepts one expired 10 s ago', async () => {
    const expired = await refusal(verify(bearer(await signer.sign({ roles: ['editor'], exp: nowSeconds() - 60 }))));
    expect([codeOf(expired), expired.message]).toEqual(['UNAUTHENTICATED', 'token expired']);
    const justExpired = await verify(bearer(await signer.sign({ sub: 'late', roles: ['editor'], exp: nowSeconds() - 10 })));
    expect(justExpired.sub).toBe('late');
  });

  it('refuses a token that does not expire', async () => {
    const e = await refusal(verify(bearer(await signer.sign({ claims: { exp: undefined } }))));
    expect([codeOf(e), e.message]).toEqual(['UNAUTHENTICATED', 'token has no "exp" claim; tokens must expire']);
  });

  it('refuses a token for another audience, or for none', async () => {
    const other = await refusal(verify(bearer(await signer.sign({ aud: 'another-api' }))));
    expect([codeOf(other), other.message]).toEqual(['UNAUTHENTICATED', `token audience is not "${AUDIENCE}"`]);
    const none = await refusal(verify(bearer(await signer.sign({ claims: { aud: undefined } }))));
    expect([codeOf(none), none.message]).toEqual(['UNAUTHENTICATED', `token has no "aud" claim; expected "${AUDIENCE}"`]);
  });

  it('refuses a token from another issuer', async () => {
    const e = await refusal(verify(bearer(await signer.sign({ iss: 'https://elsewhere.test' }))));
    expect([codeOf(e), e.message]).toEqual(['UNAUTHENTICATED', `token issuer is not "${ISSUER}"`]);
  });

  it('refuses a token without a subject', async () => {
    const e = await refusal(verify(bearer(await signer.sign({ claims: { sub: undefined } }))));
    expect(codeOf(e)).toBe('UNAUTHENTICATED');
    expect(e.message).toContain('"sub"');
  });

  it('lets an editor do editor work and not admin work', async () => {
    const auth = createRequestAuth(signer.authenticator(), bearer(await signer.sign({ sub: 'alice', roles: ['editor'] })));
    expect(await auth.require('editor')).toEqual({ sub: 'alice', roles: ['editor'] });
    const e = await refusal(auth.require('admin'));
    expect([codeOf(e), e.message]).toEqual(['FORBIDDEN', "this operation needs the admin role; the token's roles: editor"]);
  });

  it('lets an admin do everything', async () => {
    const auth = createRequestAuth(signer.authenticator(), bearer(await signer.sign({ sub: 'root', roles: ['admin'] })));
    expect((await auth.require('editor')).sub).toBe('root');
    expect((await auth.require('admin')).sub).toBe('root');
  });

  it('forbids writes to a valid token without roles, but authenticates it', async () => {
    const auth = createRequestAuth(signer.authenticator(), bearer(await signer.sign({ sub: 'reader' })));
    expect(await auth.authenticate()).toEqual({ sub: 'reader', roles: [] });
    const e = await refusal(auth.require('editor'));
    expect([codeOf(e), e.message]).toEqual(['FORBIDDEN', 'this operation needs the editor role (or admin); the token has no roles']);
  });

  it('answers UNAUTHENTICATED, not FORBIDDEN, to require() without a valid token', async () => {
    expect(codeOf(await refusal(createRequestAuth(signer.authenticator(), undefined).require('editor')))).toBe('UNAUTHENTICATED');
    const expired = await signer.sign({ roles: ['admin'], exp: nowSeconds() - 3600 });
    expect(codeOf(await refusal(createRequestAuth(signer.authenticator(), bearer(expired)).require('admin')))).toBe('UNAUTHENTICATED');
  });
});

describe('what a JWKS server never accepts', () => {
  const unsigned = (payload: object): string =>
    `${Buffer.from(JSON.stringify({ alg: 'none', typ: 'JWT' })).toString('base64url')}.${Buffer.from(JSON.stringify(payload)).toString('base64url')}.`;

  it('refuses alg "none"', async () => {
    const token = unsigned({ sub: 'mallory', roles: ['admin'], iss: ISSUER, aud: AUDIENCE, exp: nowSeconds() + 600 });
    expect(codeOf(await refusal(jwksAuth.verify(`Bearer ${token}`)))).toBe('UNAUTHENTICATED');
    expect(codeOf(await refusal(hmacAuth.verify(`Bearer ${token}`)))).toBe('UNAUTHENTICATED');
  });

  it('refuses HS256 signed with the published public key (algorithm confusion)', async () => {
    const pem = await exportSPKI(rsa.publicKey);
    const jwk = JSON.stringify(await exportJWK(rsa.publicKey));
    for (const secret of [pem, jwk]) {
      const token = await signTestToken({ ...withClaims({ sub: 'mallory', roles: ['admin'] }), key: secret, claims: {} });
      const e = await refusal(jwksAuth.verify(`Bearer ${token}`));
      expect([codeOf(e), e.message]).toEqual(['UNAUTHENTICATED', 'token algorithm not accepted; this server accepts RS256, ES256']);
    }
  });

  it('refuses a key it does not publish', async () => {
    const stranger = await keyPair('ES256', 'unknown-kid');
    const token = await signTestToken({ ...withClaims({ roles: ['admin'] }), key: { key: stranger.privateKey, alg: 'ES256', kid: stranger.kid } });
    const e = await refusal(jwksAuth.verify(`Bearer ${token}`));
    expect(codeOf(e)).toBe('UNAUTHENTICATED');
    expect(e.message).toMatch(/no matching key/);
  });

  it('and an HS256 server refuses RS256', async () => {
    const token = await signTestToken({ ...withClaims({ roles: ['admin'] }), key: { key: rsa.privateKey, alg: 'RS256', kid: rsa.kid } });
    const e = await refusal(hmacAuth.verify(`Bearer ${token}`));
    expect([codeOf(e), e.message]).toEqual(['UNAUTHENTICATED', 'token algorithm not accepted; this server accepts HS256']);
  });

  it('fetches the key set once and keeps it', async () => {
    const served = await serveJwks([{ ...(await exportJWK(ec.publicKey)), kid: ec.kid, alg: 'ES256' }]);
    try {
      const auth = await createAuthenticator(jwksConfig(served.url), silent);
      for (let i = 0; i < 5; i++) {
        const token = await signTestToken({ ...withClaims({ sub: `u${i}` }), key: { key: ec.privateKey, alg: 'ES256', kid: ec.kid } });
        expect((await auth.verify(`Bearer ${token}`)).sub).toBe(`u${i}`);
      }
      expect(served.requests()).toBe(1);
    } finally {
      await served.close();
    }
  });

  it('answers SERVICE_UNAVAILABLE, not UNAUTHENTICATED, when the key set cannot be fetched', async () => {
    const gone = await serveJwks([]);
    await gone.close();
    const auth = await createAuthenticator(jwksConfig(gone.url), silent);
    const token = await signTestToken({ ...withClaims({ roles: ['admin'] }), key: { key: rsa.privateKey, alg: 'RS256', kid: rsa.kid } });
    const e = await refusal(auth.verify(`Bearer ${token}`));
    expect(codeOf(e)).toBe('SERVICE_UNAVAILABLE');
    expect(e.message).toContain('AUTH_JWKS_URL');
  });
});

describe('per request', () => {
  it('verifies the header once however often resolvers ask', async () => {
    let verifications = 0;
    const counting: Authenticator = {
      requiredForReads: false,
      verify: (header) => {
        verifications += 1;
        return hmacAuth.verify(header);
      },
    };
    const auth = createRequestAuth(counting, `Bearer ${await signTestToken(withClaims({ roles: ['admin'] }))}`);
    await Promise.all([auth.require('editor'), auth.require('admin'), auth.authenticate()]);
    await auth.require('editor');
    expect(verifications).toBe(1);
  });

  it('verifies nothing when nobody asks', () => {
    let verifications = 0;
    createRequestAuth({ requiredForReads: false, verify: () => Promise.resolve({ sub: 'x', roles: [] }).finally(() => (verifications += 1)) }, 'Bearer x');
    expect(verifications).toBe(0);
  });
});

describe('production without keys', () => {
  it('refuses every token, valid or not, with FORBIDDEN saying what to configure', async () => {
    const auth = await createAuthenticator(testAuthConfig({ keys: { source: 'none' } }), silent);
    for (const header of [undefined, `Bearer ${await signTestToken({ roles: ['admin'] })}`]) {
      const e = await refusal(createRequestAuth(auth, header).require('editor'));
      expect(codeOf(e)).toBe('FORBIDDEN');
      expect(e.message).toMatch(/AUTH_JWT_SECRET .*AUTH_JWKS_URL/);
    }
  });
});

describe('logs', () => {
  function capture(): { logger: ReturnType<typeof createLogger>; text: () => string } {
    const chunks: string[] = [];
    const stream = new Writable({
      write(chunk: Buffer, _encoding, done) {
        chunks.push(chunk.toString());
        done();
      },
    });
    return { logger: createLogger('trace', stream), text: () => chunks.join('') };
  }

  it('never contain a token or the secret, while saying why tokens are refused', async () => {
    const { logger, text } = capture();
    const auth = await createAuthenticator(testAuthConfig({ issuer: ISSUER, audience: AUDIENCE }), logger);
    const tokens = [
      await signTestToken({ ...withClaims({ roles: ['admin'] }), key: 'some-other-secret-that-is-long-enough-0123' }),
      await signTestToken(withClaims({ roles: ['admin'], exp: nowSeconds() - 120 })),
      await signTestToken(withClaims({ aud: 'another-api' })),
      await signTestToken(withClaims({ roles: ['editor'] })),
    ];
    for (const token of tokens) await auth.verify(`Bearer ${token}`).catch(() => undefined);
    const logged = text();
    expect(logged).toContain('token signature invalid');
    expect(logged).toContain('token expired');
    for (const token of tokens) {
      expect(logged).not.toContain(token);
      expect(logged).not.toContain(token.split('.')[2]);
    }
    expect(logged).not.toContain(TEST_JWT_SECRET);
  });

  it('tell how to get a token when the development secret is in use, without showing it', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'actor-graph-auth-'));
    try {
      const file = path.join(dir, 'auth-secret');
      const { logger, text } = capture();
      const auth = await createAuthenticator(testAuthConfig({ keys: { source: 'dev-secret', file } }), logger);
      const secret = fs.readFileSync(file, 'utf8').trim();
      expect(text()).toContain('npm run token -- --sub you --role editor');
      expect(text()).not.toContain(secret);
      // Tokens signed with the kept secret are accepted, others are not.
      expect((await auth.verify(`Bearer ${await signTestToken({ sub: 'dev', key: secret })}`)).sub).toBe('dev');
      expect(codeOf(await refusal(auth.verify(`Bearer ${await signTestToken({ sub: 'dev' })}`)))).toBe('UNAUTHENTICATED');
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});
