/**
 * Tokens through the real HTTP API over the test Neo4j: reads are open by default; with
 * AUTH_REQUIRED_FOR_READS every operation needs a valid token (any role), else UNAUTHENTICATED
 * with HTTP 401. Nothing logged on the way ever contains a token or the secret.
 */
import { Writable } from 'node:stream';
import { createLogger } from '../../src/log';
import { errorCodes, expectNoErrors, startTestServer, type TestServer } from '../support/graphql';
import { connectTestNeo4j, ensureSeeded, releaseSeeded, type TestNeo4j } from '../support/neo4j';
import { nowSeconds, signTestToken, TEST_JWT_SECRET, testAuthenticator } from '../support/tokens';

const NATO = '{ entity(name: "nato") { id } }';

let neo4j: TestNeo4j;
let open: TestServer;
let closed: TestServer;
const logged: string[] = [];

beforeAll(async () => {
  neo4j = connectTestNeo4j();
  await ensureSeeded(neo4j.db);
  const logger = createLogger(
    'trace',
    new Writable({
      write(chunk: Buffer, _encoding, done) {
        logged.push(chunk.toString());
        done();
      },
    }),
  );
  open = await startTestServer(neo4j.db, { logger });
  closed = await startTestServer(neo4j.db, { logger, authenticator: await testAuthenticator({ requiredForReads: true }, logger) });
});

afterAll(async () => {
  await open?.stop();
  await closed?.stop();
  await releaseSeeded(neo4j.db);
  await neo4j.close();
});

describe('reads by default', () => {
  it('need no token', async () => {
    expect(expectNoErrors(await open.query(NATO))).toEqual({ entity: { id: 'entity:nato' } });
  });

  it('ignore a bad token (only writes check it)', async () => {
    expect(expectNoErrors(await open.query(NATO, {}, { token: 'not-a-jwt' }))).toEqual({ entity: { id: 'entity:nato' } });
  });
});

describe('AUTH_REQUIRED_FOR_READS=true', () => {
  it('refuses a query without a token with UNAUTHENTICATED, HTTP 401 and no data', async () => {
    const response = await fetch(closed.url, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ query: NATO }) });
    expect(response.status).toBe(401);
    expect(response.headers.get('www-authenticate')).toBe('Bearer');
    const body = (await response.json()) as { data?: unknown; errors: { message: string; extensions: { code: string } }[] };
    expect(body.data).toBeUndefined();
    expect(body.errors.map((e) => [e.extensions.code, e.message])).toEqual([['UNAUTHENTICATED', 'missing Authorization: Bearer token']]);
  });

  it('refuses expired, badly signed and malformed tokens the same way', async () => {
    const expired = await closed.query(NATO, {}, { token: await signTestToken({ roles: ['editor'], exp: nowSeconds() - 120 }) });
    expect([expired.status, errorCodes(expired), expired.errors?.[0]?.message]).toEqual([401, ['UNAUTHENTICATED'], 'token expired']);
    const forged = await closed.query(NATO, {}, { token: await signTestToken({ roles: ['admin'], key: 'a-different-secret-which-is-long-enough-42' }) });
    expect([forged.status, errorCodes(forged), forged.errors?.[0]?.message]).toEqual([401, ['UNAUTHENTICATED'], 'token signature invalid']);
    const malformed = await closed.query(NATO, {}, { headers: { authorization: 'Token abc' } });
    expect([malformed.status, errorCodes(malformed)]).toEqual([401, ['UNAUTHENTICATED']]);
  });

  it('refuses introspection without a token too', async () => {
    const response = await closed.query('{ __schema { queryType { name } } }');
    expect([response.status, errorCodes(response)]).toEqual([401, ['UNAUTHENTICATED']]);
  });

  it('answers with any valid token, whatever its roles', async () => {
    for (const roles of [[], ['editor'], ['admin']]) {
      expect(expectNoErrors(await closed.query(NATO, {}, { token: await signTestToken({ sub: 'reader', roles }) }))).toEqual({ entity: { id: 'entity:nato' } });
    }
  });

  it('logs the refusals by code, never a token or the secret', async () => {
    const tokens = [await signTestToken({ roles: ['admin'], key: 'a-different-secret-which-is-long-enough-42' }), await signTestToken({ roles: ['editor'] })];
    for (const token of tokens) await closed.query(NATO, {}, { token });
    await open.query(NATO, {}, { token: tokens[0] });
    const text = logged.join('');
    expect(text).toContain('"errorCodes":["UNAUTHENTICATED"]');
    expect(text).toContain('token signature invalid');
    for (const token of tokens) expect(text).not.toContain(token.split('.')[2]);
    expect(text).not.toContain(TEST_JWT_SECRET);
  });
});
