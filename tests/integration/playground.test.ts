/**
 * The built pages over plain HTTP (the playground at /, the explorer at /explore, their files under
 * /assets/: headers, CSP, allowlist), then the playground itself in headless
 * Chromium (Debian's /usr/bin/chromium driven by playwright-core, which never downloads a browser)
 * with every non-local request blocked, running a showcase query against the seeded Neo4j and the
 * showcase subscription over WebSocket while a change is written.
 */
import fs from 'node:fs';
import http from 'node:http';
import os from 'node:os';
import path from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { showcaseTabs, SHOWCASE_FILE } from '../../src/http/playground';
import { renderPage, WEB_BUILD_DIR, type WebManifest } from '../../src/http/web';
import { addEntity } from '../../src/queries/curation';
import { connectTestNeo4j, ensureSeeded, releaseSeeded, type TestNeo4j } from '../support/neo4j';
import { startTestServer, type TestServer } from '../support/graphql';
import { launchChromium } from '../support/chromium';

const LOCAL_HOSTS = new Set(['127.0.0.1', 'localhost', '[::1]']);
const SHOWCASE_NAMES = ['NatoRelationships', 'NatoNeighborhood', 'NewZealandToChina', 'SearchSeas', 'LiveChanges'];

let neo4j: TestNeo4j | undefined;
let api: TestServer | undefined;
let browser: Browser | undefined;
let origin: string;

beforeAll(async () => {
  neo4j = connectTestNeo4j();
  await ensureSeeded(neo4j.db);
  api = await startTestServer(neo4j.db);
  origin = new URL(api.url).origin;
});

afterAll(async () => {
  await browser?.close();
  await api?.stop();
  if (neo4j !== undefined) {
    await releaseSeeded(neo4j.db);
    await neo4j.close();
  }
});

interface RawResponse {
  status: number;
  headers: http.IncomingHttpHeaders;
  body: Buffer;
}

/** A request with the path sent byte for byte: fetch() would normalise `..` away before sending. */
function rawRequest(requestPath: string, method = 'GET'): Promise<RawResponse> {
  const { hostname, port } = new URL(origin);
  return new Promise((resolve, reject) => {
    const req = http.request({ host: hostname, port, path: requestPath, method }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (chunk: Buffer) => chunks.push(chunk));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body: Buffer.concat(chunks) }));
      res.on('error', reject);
    });
    req.on('error', reject);
    req.end();
  });
}

const manifest = (): WebManifest => JSON.parse(fs.readFileSync(path.join(WEB_BUILD_DIR, 'manifest.json'), 'utf8')) as WebManifest;

describe('over HTTP', () => {
  it.each([
    ['/', 'playground', 'actor-graph playground', "style-src 'self' 'unsafe-inline'"],
    ['/explore', 'explore', 'actor-graph explorer', "style-src 'self';"],
  ] as const)('serves %s with its built script and styles, no inline script, and a strict CSP', async (pagePath, page, title, styles) => {
    const response = await rawRequest(pagePath);
    expect(response.status).toBe(200);
    expect(response.headers['content-type']).toBe('text/html; charset=utf-8');
    expect(response.headers['cache-control']).toBe('no-cache');
    const html = response.body.toString('utf8');
    expect(html).toContain(`<title>${title}</title>`);
    const files = manifest().pages[page];
    expect(html).toContain(`<script type="module" src="/assets/${files.script}"></script>`);
    for (const file of [...files.styles, ...files.preload]) expect(html).toContain(`/assets/${file}"`);
    // Scripts only from this origin; the one inline <script> is JSON data, which is never run.
    expect([...html.matchAll(/<script(?![^>]*\bsrc=)([^>]*)>/g)].map((m) => m[1])).toEqual(page === 'playground' ? [' type="application/json" id="playground-props"'] : []);
    const csp = response.headers['content-security-policy'] ?? '';
    expect(csp).toContain("default-src 'none'");
    expect(csp).toContain("script-src 'self';");
    expect(csp).toContain("connect-src 'self'");
    expect(`${String(csp)};`).toContain(styles);
    expect(csp).not.toMatch(/https?:|\*/);
  });

  it('serves every file of the build from memory, byte for byte, with its type and a year of caching', async () => {
    const { files } = manifest();
    expect(files.length).toBeGreaterThan(2);
    for (const file of files) {
      const response = await rawRequest(`/assets/${file}`);
      expect([file, response.status]).toEqual([file, 200]);
      expect(response.headers['cache-control']).toBe('public, max-age=31536000, immutable');
      expect(response.headers['x-content-type-options']).toBe('nosniff');
      expect(response.headers['content-type']).toBe(file.endsWith('.js') ? 'text/javascript; charset=utf-8' : file.endsWith('.css') ? 'text/css; charset=utf-8' : response.headers['content-type']);
      expect(response.body.equals(fs.readFileSync(path.join(WEB_BUILD_DIR, 'assets', file)))).toBe(true);
    }
  });

  it.each([
    '/assets/../manifest.json',
    '/assets/..%2Fmanifest.json',
    '/assets/%2e%2e/%2e%2e/package.json',
    '/assets/nope.js',
    '/assets/',
    '/assets/constructor',
    '/playground/graphiql.min.js',
    '/explore/assets/x.js',
  ])('answers 404 for %s', async (requestPath) => {
    const response = await rawRequest(requestPath);
    expect(response.status).toBe(404);
    expect(response.body.toString('utf8')).not.toContain('"pages"');
  });

  it('answers HEAD without a body and refuses other methods', async () => {
    const head = await rawRequest(`/assets/${manifest().pages.explore.script}`, 'HEAD');
    expect([head.status, head.body.length]).toEqual([200, 0]);
    expect(Number(head.headers['content-length'])).toBeGreaterThan(1000);
    for (const pagePath of ['/', '/explore']) {
      const post = await rawRequest(pagePath, 'POST');
      expect([post.status, post.headers.allow]).toEqual([405, 'GET, HEAD']);
    }
  });
});

describe('the page content', () => {
  it('has one tab per showcase operation, with its comment', () => {
    const tabs = showcaseTabs(fs.readFileSync(SHOWCASE_FILE, 'utf8'));
    expect(tabs.map((t) => /(?:query|subscription) (\w+)/.exec(t.query)?.[1])).toEqual(SHOWCASE_NAMES);
    expect(tabs[0]?.query).toMatch(/^# Who is NATO tied to/);
  });

  it('adds the fragments an operation uses, transitively, and only those', () => {
    const tabs = showcaseTabs('query A { ...F }\nfragment F on Query { ...G }\nfragment G on Query { a }\nfragment H on Query { b }\nquery B { c }');
    expect(tabs.map((t) => t.query.match(/fragment \w+/g) ?? [])).toEqual([['fragment F', 'fragment G'], []]);
  });

  it('keeps an operation containing </script> inside its JSON data', () => {
    const evil = '# </script><script>alert(1)</script><!--\n{ a }';
    const { html } = renderPage({ script: 'p.js', preload: [], styles: [], early: [] }, { title: 't', rootId: 'r', loadingText: '…', data: { id: 'd', value: { defaultTabs: [{ query: evil }] } }, inlineStyles: true });
    expect(html.match(/<\/script>/g)).toHaveLength(2);
    expect(html).not.toContain('<!--');
    const json = /<script type="application\/json" id="d">(.*)<\/script>/.exec(html)?.[1] ?? '';
    expect((JSON.parse(json) as { defaultTabs: { query: string }[] }).defaultTabs[0]?.query).toBe(evil);
  });
});

describe('in headless Chromium, offline', () => {
  let page: Page;
  const blocked: string[] = [];
  let routedLocally = 0;
  const problems: string[] = [];
  const graphqlPosts: string[] = [];

  beforeAll(async () => {
    browser = await launchChromium();
    const context = await browser.newContext({ viewport: { width: 1400, height: 900 } });
    page = await context.newPage();
    page.setDefaultTimeout(20_000);
    page.on('pageerror', (e) => problems.push(`page error: ${e.message}`));
    page.on('console', (m) => {
      if (m.type() === 'error' || /Content.Security.Policy/i.test(m.text())) problems.push(`console ${m.type()}: ${m.text()}`);
    });
    page.on('request', (r) => {
      if (r.method() === 'POST' && new URL(r.url()).pathname === '/graphql') graphqlPosts.push(r.headers()['content-type'] ?? '');
    });
    await page.route('**/*', (route) => {
      const url = new URL(route.request().url());
      if (LOCAL_HOSTS.has(url.hostname)) {
        routedLocally += 1;
        return route.continue();
      }
      blocked.push(url.href);
      return route.abort('blockedbyclient');
    });
  });

  /** Runs a step; on failure, saves a screenshot to the temp folder and names it in the error. */
  async function step(what: string, run: () => Promise<void>): Promise<void> {
    try {
      await run();
    } catch (e: unknown) {
      const file = path.join(os.tmpdir(), `actor-graph-playground-failure-${Date.now()}.png`);
      const saved = await page.screenshot({ path: file, fullPage: true }).then(() => ` (screenshot: ${file})`, () => '');
      throw new Error(`${what} failed${saved}: ${e instanceof Error ? e.message : String(e)}\nproblems seen by the page: ${JSON.stringify(problems)}`, { cause: e });
    }
  }

  it('renders GraphiQL with the showcase tabs and runs the first one', async () => {
    await step('opening /', async () => {
      const response = await page.goto(`${origin}/`);
      expect(response?.status()).toBe(200);
      expect(await page.title()).toBe('actor-graph playground');
    });

    await step('finding the showcase tabs', async () => {
      // The tab button only: the tab also holds a close button whose icon has text.
      const tabs = page.locator('.graphiql-tab .graphiql-tab-button');
      await tabs.nth(SHOWCASE_NAMES.length - 1).waitFor();
      expect((await tabs.allTextContents()).map((t) => t.trim())).toEqual(SHOWCASE_NAMES);
    });

    await step('running NatoRelationships', async () => {
      // GraphiQL draws its tabs before its query editor exists, and ignores the run button until
      // then (a CI run on Node 24 clicked it too early and never got an answer).
      await page.locator('.graphiql-query-editor .CodeMirror', { hasText: 'query NatoRelationships' }).waitFor();
      await page.locator('.graphiql-execute-button').click();
      const response = page.locator('.graphiql-response');
      await response.filter({ hasText: '"NATO"' }).waitFor();
      const text = (await response.innerText()).replace(/\s+/g, ' ');
      expect(text).toContain('"relationships"');
      expect(text).not.toContain('"errors"');
    });

    await step('running the LiveChanges subscription and seeing a change arrive', async () => {
      await page.locator('.graphiql-tab .graphiql-tab-button', { hasText: 'LiveChanges' }).click();
      await page.locator('.graphiql-execute-button').click();
      // The subscription is running once the server counts it; then a write is news to it.
      const deadline = Date.now() + 20_000;
      while (api?.webSocketStats().subscriptions !== 1) {
        if (Date.now() > deadline) throw new Error('the playground did not open a subscription');
        await new Promise((resolve) => setTimeout(resolve, 50));
      }
      if (neo4j === undefined) throw new Error('no Neo4j');
      await addEntity(neo4j.db, 'playground-test', { name: 'Playground Live Entity', kind: 'ORGANIZATION' });
      const response = page.locator('.graphiql-response');
      await response.filter({ hasText: 'Playground Live Entity' }).waitFor();
      const text = (await response.innerText()).replace(/\s+/g, ' ');
      expect(text).toContain('"kind": "ENTITY_ADDED"');
      expect(text).toContain('"by": "playground-test"');
    });

    if (process.env.PLAYGROUND_SCREENSHOT !== undefined) await page.screenshot({ path: process.env.PLAYGROUND_SCREENSHOT });

    // The page and its script and style at least went through the interceptor, so it was really on.
    expect(routedLocally).toBeGreaterThanOrEqual(3);
    expect(blocked).toEqual([]);
    expect(problems).toEqual([]);
    // GraphiQL's fetcher sends JSON, which Apollo's CSRF prevention requires of POSTs.
    expect(graphqlPosts.length).toBeGreaterThan(0);
    expect(graphqlPosts.every((type) => type.startsWith('application/json'))).toBe(true);
  });
});
