/**
 * Helpers for tests that drive the explorer in Chromium: a context that cannot reach off the
 * machine, reading the graph's text twin and its viewport, waiting for the page to settle, and
 * collecting what the page reports as wrong.
 */
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { entityId } from './seed-graph';

const LOCAL_HOSTS = new Set(['127.0.0.1', 'localhost', '[::1]']);

/** A browser context (1400 × 1000) that lets only this machine's hosts through: any other request is refused, and its url pushed to `blocked`. */
export async function offlineContext(browser: Browser, blocked: string[]): Promise<BrowserContext> {
  const context = await browser.newContext({ viewport: { width: 1400, height: 1000 } });
  await context.route('**/*', (route) => {
    const url = new URL(route.request().url());
    if (LOCAL_HOSTS.has(url.hostname)) return route.continue();
    blocked.push(url.href);
    return route.abort('blockedbyclient');
  });
  return context;
}

/** Collects the page's errors and console errors and warnings into `problems`; a test expects none. */
export function watch(p: Page, problems: string[]): void {
  p.on('pageerror', (e) => problems.push(`page error: ${e.message}`));
  p.on('console', (m) => {
    if (m.type() === 'error' || m.type() === 'warning') problems.push(`console ${m.type()}: ${m.text()}`);
  });
}

/** The ids in the text list of the graph (what a screen reader reads), once it shows `count` of them. */
export async function listed(p: Page, list: 'node-list' | 'edge-list'): Promise<string[]> {
  // One read of the whole list: it may be redrawn between two reads of single buttons.
  return p.evaluate<string[]>(`[...document.querySelectorAll('[data-testid="${list}"] button')].map((b) => b.dataset.id)`);
}

/** Waits until the listed graph is exactly the expected one (the UI settles asynchronously), then returns it. */
export async function expectGraph(p: Page, expected: { slugs: string[]; relationshipIds: string[] }): Promise<void> {
  const nodes = expected.slugs.map(entityId).sort();
  const edges = [...expected.relationshipIds].sort();
  await eventually(async () => (await listed(p, 'node-list')).sort(), (value) => expect(value).toEqual(nodes));
  await eventually(async () => (await listed(p, 'edge-list')).sort(), (value) => expect(value).toEqual(edges));
  // The canvas draws the same graph.
  await p.locator(`.graph-canvas[data-drawn-nodes="${nodes.length}"]`).waitFor();
}

/** The drawn graph's zoom and pan, as it reports them (both renderers); NaN until it has reported any. */
export async function viewportOf(p: Page): Promise<{ zoom: number; panX: number; panY: number }> {
  const [zoom = NaN, panX = NaN, panY = NaN] = ((await p.locator('.graph-canvas').getAttribute('data-viewport')) ?? '').split(' ').map(Number);
  return { zoom, panX, panY };
}

/**
 * Resolves after the page's next animation frame. The canvas paints in one, and only then reports
 * its viewport: a read right after a key press could see the viewport from before the key.
 */
export async function nextFrame(p: Page): Promise<void> {
  // A string, evaluated in the page: the tests compile without the DOM's types.
  await p.evaluate('new Promise((resolve) => requestAnimationFrame(() => resolve()))');
}

/** Retries `read` until `check` passes (the page settles asynchronously), failing with the last mismatch. */
export async function eventually<T>(read: () => Promise<T>, check: (value: T) => void, timeoutMs = 30_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await read();
    try {
      check(value);
      return;
    } catch (e: unknown) {
      if (Date.now() > deadline) throw e;
    }
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}
