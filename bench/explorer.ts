/**
 * The explorer in Chromium: time from navigation to an interactive 500-node neighbourhood (drawn
 * and laid out; the page answers input from then on). Debian's Chromium, headless, through
 * playwright-core, against the compiled API over a synthetic graph whose neighbourhood at depth 3
 * reaches the server's 500-node cap. The first visit loads the page's files; later visits have
 * them cached, as a returning user does.
 */
import { chromium } from 'playwright-core';

export interface ExplorerBenchResult {
  nodes: number;
  edges: number;
  /** Navigation start → graph drawn and laid out, per visit (the first with an empty cache). */
  visitsMs: number[];
  firstMs: number;
  warmMedianMs: number;
  /** Per visit, ms since navigation: page script loaded (DOMContentLoaded), the API's answer received, laid out, first frame rendered. */
  phases: { dcl: number; answered: number; laidOut: number; rendered: number }[];
  medianPhases: { dcl: number; answered: number; laidOut: number; rendered: number };
  chromium: string;
}

const CHROMIUM = '/usr/bin/chromium';
const ARGS = ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--no-first-run'];

/** Visits that warm the API (its JIT and Neo4j's) before the measured ones, in a browser context of their own so that the first measured visit still has an empty cache. */
const WARM_UP_VISITS = 4;

export async function benchExplorer(apiUrl: string, entityId: string, visits = 10): Promise<ExplorerBenchResult> {
  const browser = await chromium.launch({ executablePath: CHROMIUM, args: ARGS });
  try {
    const url = `${new URL(apiUrl).origin}/explore?entity=${encodeURIComponent(entityId)}&depth=3`;
    // A running API has answered such requests before; a freshly started one runs them slower for
    // its first dozen or so (measured: later visits fell from 1.5 s to 0.85 s over six visits).
    const warmUp = await browser.newContext({ viewport: { width: 1400, height: 900 } });
    for (let i = 0; i < WARM_UP_VISITS; i += 1) {
      const page = await warmUp.newPage();
      await page.goto(url);
      await page.locator('.graph-canvas[data-drawn-nodes]:not([data-drawn-nodes="0"])').waitFor({ timeout: 120_000 });
      await page.waitForLoadState('networkidle');
      await page.close();
    }
    await warmUp.close();
    const context = await browser.newContext({ viewport: { width: 1400, height: 900 } });
    const visitsMs: number[] = [];
    const phases: ExplorerBenchResult['phases'] = [];
    let nodes = 0;
    let edges = 0;
    for (let i = 0; i < visits; i += 1) {
      const page = await context.newPage();
      await page.goto(url);
      const canvas = page.locator('.graph-canvas[data-drawn-nodes]:not([data-drawn-nodes="0"])');
      await canvas.waitFor({ timeout: 120_000 });
      // data-drawn-at is performance.now() (ms since navigation start) when the first frame showing the graph was painted.
      visitsMs.push(Number(await canvas.getAttribute('data-drawn-at')));
      // Where the time went: the page's own script, the API's answer, the layout, the first frame.
      // Of the marks before the first frame: the explorer reads the graph once more after it (its
      // live connection opened later), and an empty graph is laid out before the answer is in.
      const drawnAt = visitsMs[visitsMs.length - 1] ?? NaN;
      const timing = await page.evaluate<{ dcl: number; answered: number; laidOut: number }>(`(() => {
        const last = (name) => Math.max(...performance.getEntriesByName(name).map((m) => m.startTime).filter((t) => t <= ${drawnAt}));
        return { dcl: performance.getEntriesByType('navigation')[0].domContentLoadedEventEnd, answered: last('graph-answered'), laidOut: last('graph-laid-out') };
      })()`);
      phases.push({ ...timing, rendered: visitsMs[visitsMs.length - 1] ?? NaN });
      nodes = Number(await canvas.getAttribute('data-drawn-nodes'));
      edges = Number(await canvas.getAttribute('data-drawn-edges'));
      // The page's requests after its first frame (it reads the graph again once its live
      // connection opens) end before the next visit starts, or the server would still be answering
      // this visit while measured for the next.
      await page.waitForLoadState('networkidle');
      await page.close();
    }
    const warm = visitsMs.slice(1).sort((a, b) => a - b);
    const medianMs = warm[Math.floor(warm.length / 2)] ?? NaN;
    const median = phases[visitsMs.indexOf(medianMs)] ?? { dcl: NaN, answered: NaN, laidOut: NaN, rendered: NaN };
    return { nodes, edges, visitsMs, firstMs: visitsMs[0] ?? NaN, warmMedianMs: medianMs, phases, medianPhases: median, chromium: browser.version() };
  } finally {
    await browser.close();
  }
}

/** One run of the benchmark against each way the API was served (named in the table). */
export function explorerMarkdown(results: { server: string; result: ExplorerBenchResult }[]): string {
  const first = results[0]?.result;
  if (first === undefined) throw new Error('no explorer results');
  const round = (v: number): number => Math.round(v);
  return [
    '# actor-graph explorer benchmark',
    '',
    `${new Date().toISOString()} · Chromium ${first.chromium} (headless) · Node ${process.version}`,
    '',
    `Navigation to an interactive neighbourhood of ${first.nodes} actors and ${first.edges} relationships (depth 3, the server's node cap), drawn on the explorer's own canvas, as every graph past 150 actors is (cytoscape.js draws smaller ones). “Interactive” is the first frame that shows the whole graph. Before the measured visits, ${WARM_UP_VISITS} visits in another browser context warm the API, as a running server is; the first measured visit still starts with an empty browser cache. \`actor-graph\` answers every request afresh (RESPONSE_CACHE_MAX_BYTES=0); \`actor-graph-cached\` is the API as \`npm start\` runs it, whose response cache answers a later visit's unchanged neighbourhood from memory.`,
    '',
    '| server | first visit (nothing cached) | later visits, median | every visit | median later visit: page script ready / the app has the API’s answer / laid out / first frame |',
    '| --- | --- | --- | --- | --- |',
    ...results.map(
      ({ server, result }) =>
        `| ${server} | ${round(result.firstMs)} ms | ${round(result.warmMedianMs)} ms | ${result.visitsMs.map(round).join(', ')} ms | ${[result.medianPhases.dcl, result.medianPhases.answered, result.medianPhases.laidOut, result.medianPhases.rendered].map(round).join(' / ')} ms |`,
    ),
    '',
  ].join('\n');
}
