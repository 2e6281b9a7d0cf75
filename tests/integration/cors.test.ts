/**
 * Front ends on another origin. Three APIs over the seeded test Neo4j differ only in CORS_ORIGINS:
 * the default (`*`), a list naming the front end's origin, and a list naming another origin
 * (http://localhost:<same port>: localhost and 127.0.0.1 are different origins). The front end is a
 * page served by a second local HTTP server, so its origin differs from the APIs' by port. Over
 * plain HTTP the preflight and response headers are checked; in headless Chromium the page calls
 * the APIs with fetch and form posts, and the browser's own CORS enforcement decides.
 */
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Browser, Page, Response } from 'playwright-core';
import { loadConfig } from '../../src/config';
import { signTestToken } from '../support/tokens';
import { launchChromium } from '../support/chromium';
import { startTestServer, type TestServer } from '../support/graphql';
import { connectTestNeo4j, ensureSeeded, releaseSeeded, type TestNeo4j } from '../support/neo4j';

/** The seed's first entity (seed/entities.yaml), looked up by name. */
const NATO_QUERY = '{ entity(name: "NATO") { name } }';
const CSRF_MESSAGE = /^This operation has been blocked as a potential Cross-Site Request Forgery \(CSRF\)/;

let neo4j: TestNeo4j | undefined;
let pageServer: http.Server | undefined;
/** CORS_ORIGINS unset: the configuration's default. */
let anyApi: TestServer | undefined;
/** CORS_ORIGINS lists the front end's origin. */
let listedApi: TestServer | undefined;
/** CORS_ORIGINS lists only http://localhost:<front end's port>, not the page's 127.0.0.1 origin. */
let otherApi: TestServer | undefined;
let frontEnd: string;

beforeAll(async () => {
  neo4j = connectTestNeo4j();
  await ensureSeeded(neo4j.db);

  pageServer = http.createServer((_req, res) => {
    res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' }).end('<!doctype html><title>front end</title><p>A front end on its own origin.</p>');
  });
  await new Promise<void>((resolve) => pageServer?.listen(0, '127.0.0.1', resolve));
  const pagePort = (pageServer.address() as AddressInfo).port;
  frontEnd = `http://127.0.0.1:${pagePort}`;

  anyApi = await startTestServer(neo4j.db, { corsOrigins: loadConfig({}).corsOrigins });
  listedApi = await startTestServer(neo4j.db, { corsOrigins: loadConfig({ CORS_ORIGINS: `https://app.example.org,${frontEnd}` }).corsOrigins });
  otherApi = await startTestServer(neo4j.db, { corsOrigins: loadConfig({ CORS_ORIGINS: `http://localhost:${pagePort}` }).corsOrigins });
});

afterAll(async () => {
  await Promise.all([anyApi?.stop(), listedApi?.stop(), otherApi?.stop()]);
  await new Promise((resolve) => (pageServer === undefined ? resolve(undefined) : pageServer.close(resolve)));
  if (neo4j !== undefined) {
    await releaseSeeded(neo4j.db);
    await neo4j.close();
  }
});

function ready<T>(value: T | undefined): T {
  if (value === undefined) throw new Error('set-up failed');
  return value;
}

function preflight(url: string, origin: string, requestHeaders = 'authorization,content-type'): Promise<globalThis.Response> {
  return fetch(url, { method: 'OPTIONS', headers: { origin, 'access-control-request-method': 'POST', 'access-control-request-headers': requestHeaders } });
}

function postQuery(url: string, headers: Record<string, string>, body = JSON.stringify({ query: NATO_QUERY })): Promise<globalThis.Response> {
  return fetch(url, { method: 'POST', headers: { 'content-type': 'application/json', ...headers }, body });
}

function corsHeaderNames(response: globalThis.Response): string[] {
  return [...response.headers.keys()].filter((name) => name.startsWith('access-control-'));
}

function attribute(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/"/g, '&quot;').replace(/</g, '&lt;');
}

function listOf(value: string | null): string[] {
  return (value ?? '').split(',').map((item) => item.trim().toLowerCase());
}

describe('over HTTP', () => {
  it('answers a preflight 204 with the allowed methods, headers and max-age, before CSRF prevention', async () => {
    const response = await preflight(ready(anyApi).url, frontEnd);
    expect(response.status).toBe(204);
    expect(await response.text()).toBe('');
    expect(response.headers.get('access-control-allow-origin')).toBe('*');
    expect(listOf(response.headers.get('access-control-allow-methods')).sort()).toEqual(['get', 'options', 'post']);
    expect(listOf(response.headers.get('access-control-allow-headers'))).toEqual(
      expect.arrayContaining(['content-type', 'authorization', 'apollo-require-preflight', 'x-apollo-operation-name']),
    );
    expect(Number(response.headers.get('access-control-max-age'))).toBeGreaterThan(0);
    expect(response.headers.get('access-control-allow-credentials')).toBeNull();
  });

  it('echoes a listed origin in the preflight, with Vary: Origin', async () => {
    const response = await preflight(ready(listedApi).url, frontEnd);
    expect(response.status).toBe(204);
    expect(response.headers.get('access-control-allow-origin')).toBe(frontEnd);
    expect(listOf(response.headers.get('vary'))).toContain('origin');
    expect(response.headers.get('access-control-allow-credentials')).toBeNull();
  });

  it('refuses a preflight from an origin not listed: 403, no CORS headers', async () => {
    for (const origin of [frontEnd, 'https://evil.example']) {
      const response = await preflight(ready(otherApi).url, origin);
      expect([origin, response.status, corsHeaderNames(response)]).toEqual([origin, 403, []]);
      const body = (await response.json()) as { errors: { message: string; extensions: { code: string } }[] };
      expect(body.errors[0]?.extensions.code).toBe('FORBIDDEN');
      expect(body.errors[0]?.message).toContain(origin);
    }
  });

  it('answers a plain OPTIONS request (no preflight) with Allow', async () => {
    const response = await fetch(ready(otherApi).url, { method: 'OPTIONS' });
    expect(response.status).toBe(204);
    expect(listOf(response.headers.get('allow')).sort()).toEqual(['get', 'options', 'post']);
    expect(corsHeaderNames(response)).toEqual([]);
  });

  it('by default lets any origin read answers, with the wildcard and exposed etag, never credentials', async () => {
    const cases: Record<string, string>[] = [{ origin: frontEnd }, { origin: 'https://anywhere.example' }, {}];
    for (const headers of cases) {
      const response = await postQuery(ready(anyApi).url, headers);
      expect(response.status).toBe(200);
      expect(response.headers.get('access-control-allow-origin')).toBe('*');
      expect(listOf(response.headers.get('access-control-expose-headers'))).toContain('etag');
      expect(response.headers.get('access-control-allow-credentials')).toBeNull();
      expect(((await response.json()) as { data: unknown }).data).toEqual({ entity: { name: 'NATO' } });
    }
  });

  it('echoes a listed origin on answers with Vary: Origin, and gives others no CORS headers', async () => {
    const listed = await postQuery(ready(listedApi).url, { origin: frontEnd });
    expect(listed.headers.get('access-control-allow-origin')).toBe(frontEnd);
    expect(listOf(listed.headers.get('vary'))).toContain('origin');
    expect(listOf(listed.headers.get('access-control-expose-headers'))).toContain('etag');

    // Answered (a server cannot tell a browser from other clients), but a browser may not read it;
    // Vary: Origin still, so no cache hands this answer to a listed origin or the other way round.
    const cases: Record<string, string>[] = [{ origin: 'https://evil.example' }, {}];
    for (const headers of cases) {
      const other = await postQuery(ready(listedApi).url, headers);
      expect(other.status).toBe(200);
      expect(corsHeaderNames(other)).toEqual([]);
      expect(listOf(other.headers.get('vary'))).toContain('origin');
    }
  });

  it('puts the same headers on the health endpoints, and none on the playground', async () => {
    for (const path of ['/health/live', '/health/ready']) {
      const response = await fetch(new URL(path, ready(listedApi).url), { headers: { origin: frontEnd } });
      expect([path, response.status, response.headers.get('access-control-allow-origin')]).toEqual([path, 200, frontEnd]);
    }
    const playground = await fetch(new URL('/', ready(anyApi).url), { headers: { origin: frontEnd } });
    expect(playground.status).toBe(200);
    expect(corsHeaderNames(playground)).toEqual([]);
  });

  it.each([
    ['POST text/plain', { method: 'POST', headers: { 'content-type': 'text/plain' }, body: JSON.stringify({ query: NATO_QUERY }) }],
    ['POST form-urlencoded', { method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded' }, body: `query=${encodeURIComponent(NATO_QUERY)}` }],
    ['GET without a preflight header', { method: 'GET', headers: {}, body: undefined }],
  ])('still refuses a simple cross-site request (%s) with the CSRF error, before it runs', async (_what, init) => {
    const url = init.method === 'GET' ? `${ready(anyApi).url}?query=${encodeURIComponent(NATO_QUERY)}` : ready(anyApi).url;
    const response = await fetch(url, { ...init, headers: { ...init.headers, origin: 'https://evil.example' } });
    expect(response.status).toBe(400);
    const body = (await response.json()) as { data?: unknown; errors: { message: string; extensions: { code: string } }[] };
    expect(body.data).toBeUndefined();
    expect(body.errors).toHaveLength(1);
    expect(body.errors[0]?.message).toMatch(CSRF_MESSAGE);
    expect(body.errors[0]?.extensions.code).toBe('BAD_REQUEST');
  });

  it('runs a cross-site GET that carries a preflight header', async () => {
    const response = await fetch(`${ready(anyApi).url}?query=${encodeURIComponent(NATO_QUERY)}`, { headers: { origin: frontEnd, 'apollo-require-preflight': 'true' } });
    expect(response.status).toBe(200);
    expect(response.headers.get('access-control-allow-origin')).toBe('*');
    expect(((await response.json()) as { data: unknown }).data).toEqual({ entity: { name: 'NATO' } });
  });
});

describe('in headless Chromium, from a page on another origin', () => {
  let browser: Browser | undefined;
  let page: Page;
  const requested: string[] = [];

  beforeAll(async () => {
    browser = await launchChromium();
    page = await browser.newPage();
    page.setDefaultTimeout(20_000);
    page.on('request', (request) => requested.push(request.url()));
    await page.goto(`${frontEnd}/`);
    expect(await page.title()).toBe('front end');
  });

  afterAll(async () => {
    await browser?.close();
  });

  type Outcome = { status: number; body: unknown } | { error: string };

  /** fetch() run by the page, as a front end would; a network or CORS failure comes back as its error. */
  function fetchInPage(url: string, init: { method: string; headers: Record<string, string>; body?: string }): Promise<Outcome> {
    return page.evaluate(
      async ({ url, init }) => {
        try {
          const response = await fetch(url, init);
          return { status: response.status, body: await response.json() };
        } catch (e: unknown) {
          return { error: e instanceof Error ? `${e.name}: ${e.message}` : String(e) };
        }
      },
      { url, init },
    );
  }

  /** The page's fetch, with the response headers the browser received. */
  async function fetchWatched(url: string, headers: Record<string, string>): Promise<{ outcome: Outcome; response: Response }> {
    const [response, outcome] = await Promise.all([
      page.waitForResponse((r) => r.url() === url && r.request().method() === 'POST'),
      fetchInPage(url, { method: 'POST', headers, body: JSON.stringify({ query: NATO_QUERY }) }),
    ]);
    return { outcome, response };
  }

  const json = { 'content-type': 'application/json' };
  const answer = { status: 200, body: expect.objectContaining({ data: { entity: { name: 'NATO' } } }) as unknown };

  it('reads the API with fetch when every origin is allowed (the default)', async () => {
    const { outcome, response } = await fetchWatched(ready(anyApi).url, json);
    expect(outcome).toEqual(answer);
    expect((await response.allHeaders())['access-control-allow-origin']).toBe('*');
  });

  it('sends Authorization with JSON: the preflight allows it', async () => {
    const { outcome } = await fetchWatched(ready(anyApi).url, { ...json, authorization: 'Bearer x' });
    expect(outcome).toEqual(answer);
    // A header the preflight does not allow is blocked by the browser: the preflight really decides.
    const refused = await fetchInPage(ready(anyApi).url, { method: 'POST', headers: { ...json, 'x-not-allowed': '1' }, body: JSON.stringify({ query: NATO_QUERY }) });
    expect(refused).toEqual({ error: 'TypeError: Failed to fetch' });
  });

  it('writes with a bearer token from another origin: a curation mutation', async () => {
    const token = await signTestToken({ sub: 'front-end', roles: ['editor'] });
    const mutation = 'mutation($input: AddDocumentInput!) { addDocument(input: $input) { id title } }';
    const variables = { input: { title: 'Written from another origin', text: 'New Zealand and Japan met.' } };
    const outcome = await fetchInPage(ready(listedApi).url, { method: 'POST', headers: { ...json, authorization: `Bearer ${token}` }, body: JSON.stringify({ query: mutation, variables }) });
    expect(outcome).toEqual({ status: 200, body: expect.objectContaining({ data: { addDocument: { id: expect.stringMatching(/^document:written-from-another-origin-/) as unknown, title: variables.input.title } } }) as unknown });
  });

  it('reads the API when its origin is listed, which the answer echoes', async () => {
    const { outcome, response } = await fetchWatched(ready(listedApi).url, { ...json, authorization: 'Bearer x' });
    expect(outcome).toEqual(answer);
    const headers = await response.allHeaders();
    expect(headers['access-control-allow-origin']).toBe(frontEnd);
    expect(listOf(headers.vary ?? null)).toContain('origin');
  });

  it('is blocked when only another origin is listed (localhost is not 127.0.0.1)', async () => {
    for (const headers of [json, { ...json, authorization: 'Bearer x' }]) {
      expect(await fetchInPage(ready(otherApi).url, { method: 'POST', headers, body: JSON.stringify({ query: NATO_QUERY }) })).toEqual({ error: 'TypeError: Failed to fetch' });
    }
    const preflightAnswer = await preflight(ready(otherApi).url, frontEnd, 'content-type');
    expect(preflightAnswer.status).toBe(403);
    expect(preflightAnswer.headers.get('access-control-allow-origin')).toBeNull();
  });

  it.each([
    // The name and value join into {"query":"…","x":"="}: JSON that a lenient server would run.
    ['text/plain', `{"query":${JSON.stringify(NATO_QUERY)},"x":"`, '"}'],
    ['application/x-www-form-urlencoded', 'query', NATO_QUERY],
  ])('cannot run a query with a cross-site form post (%s), even with CORS open to all', async (enctype, name, value) => {
    const url = ready(anyApi).url;
    await page.setContent(
      `<form method="post" action="${url}" enctype="${enctype}" target="sink"><input name="${attribute(name)}" value="${attribute(value)}"><button>send</button></form><iframe name="sink"></iframe>`,
    );
    const [response] = await Promise.all([page.waitForResponse((r) => r.url() === url && r.request().method() === 'POST'), page.click('button')]);
    const sent = await response.request().allHeaders();
    expect([sent.origin, sent['content-type']]).toEqual([frontEnd, enctype]);
    expect(response.status()).toBe(400);
    const body = JSON.parse(await response.text()) as { data?: unknown; errors: { message: string }[] };
    expect(body.data).toBeUndefined();
    expect(body.errors[0]?.message).toMatch(CSRF_MESSAGE);
  });

  it('made requests to loopback addresses only', () => {
    expect(requested.length).toBeGreaterThan(0);
    expect(requested.filter((url) => new URL(url).hostname !== '127.0.0.1')).toEqual([]);
  });
});
