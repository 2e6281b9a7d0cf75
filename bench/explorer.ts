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

export async function benchExplorer(apiUrl: string, entityId: string, visits = 6): Promise<ExplorerBenchResult> {
  const browser = await chromium.launch({ executablePath: CHROMIUM, args: ARGS });
  try {
    const context = await browser.newContext({ viewport: { width: 1400, height: 900 } });
    const url = `${new URL(apiUrl).origin}/explore?entity=${encodeURIComponent(entityId)}&depth=3`;
    const visitsMs: number[] = [];
    const phases: ExplorerBenchResult['phases'] = [];
    let nodes = 0;
    let edges = 0;
    for (let i = 0; i < visits; i += 1) {
      const page = await context.newPage();
      await page.goto(url);
      const canvas = page.locator('.graph-canvas[data-drawn-nodes]:not([data-drawn-nodes="0"])');
      await canvas.waitFor({ timeout: 120_000 });
      // data-drawn-at is performance.now() (ms since navigation start) right after the layout ran.
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
    `Navigation to an interactive neighbourhood of ${first.nodes} actors and ${first.edges} relationships (depth 3, the server's node cap), drawn by cytoscape.js (radial layout past 150 nodes, fcose below). “Interactive” is the first frame that shows the whole graph. \`actor-graph\` answers every request afresh (RESPONSE_CACHE_MAX_BYTES=0); \`actor-graph-cached\` is the API as \`npm start\` runs it, whose response cache answers a later visit's unchanged neighbourhood from memory.`,
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
