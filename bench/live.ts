/**
 * The live-updates benchmark (`npm run bench -- --live`): one actor-graph process with N
 * concurrent subscribers (default 1,000, each on its own WebSocket, in a separate client process),
 * a steady stream of writes from another process (the benchmark itself, through the curation
 * data-access layer, as another API process would write), and what it costs:
 *
 * - the delay from commit to delivery, p50/p90/p99/max, over every delivery to every subscriber:
 *   from the moment the writer had its commit acknowledged to the client's receipt (and, for
 *   comparison, from the change's `at`, which the transaction stamps before its last statement and
 *   its commit, so it also counts how long the rest of the write took);
 * - the server's memory (RSS) idle, with the subscribers connected, and at its peak;
 * - the server's CPU time per delivered event (user + system, from /proc), and its CPU use while
 *   idle with the subscribers connected (keep-alive pings, change-log polling).
 *
 * Every subscriber must receive every change exactly once and in order; otherwise the run fails.
 */
import { spawn, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import readline from 'node:readline';
import { DEFAULT_LIVE } from '../src/config';
import { encodeCursor } from '../src/graphql/cursor';
import type { Logger } from '../src/log';
import { createDriver, CypherExecutor } from '../src/neo4j/driver';
import { startEmbeddedNeo4j } from '../src/neo4j/embedded';
import { lastChangeSeq } from '../src/queries/changes';
import { addEntity } from '../src/queries/curation';
import { loadSeed } from '../src/seed/load';

export interface LiveBenchOptions {
  subscribers: number;
  /** Writes per second. */
  rate: number;
  seconds: number;
  /** Whether each subscription selects the change's node (one lookup per change, shared by all). */
  selectNode: boolean;
  buildDir: string;
  logger: Logger;
  /** Starts the compiled actor-graph server against a Neo4j. */
  serve: (uri: string) => Promise<{ url: string; pid: number; stop: () => Promise<void> }>;
}

export interface LiveBenchResult {
  subscribers: number;
  selectNode: boolean;
  writesPerSecond: number;
  seconds: number;
  /** Writes commit one at a time; on a busy machine they may not keep up with the rate asked. */
  achievedWritesPerSecond: number;
  /** CPU of the subscribers' process, in cores (it shares the machine with the server and Neo4j). */
  clientsCpuShare: number;
  pollIntervalMs: number;
  changes: number;
  deliveries: number;
  expectedDeliveries: number;
  outOfOrder: number;
  errors: number;
  /** Commit acknowledged to the writer → received by a subscriber, over every measured delivery. */
  delayMs: Percentiles;
  /** The change's `at` (stamped inside the writing transaction) → received. */
  delayFromStampMs: Percentiles;
  serverRssMb: { idle: number; subscribed: number; peak: number };
  serverCpu: { perDeliveryUs: number; busyShare: number; idleShareSubscribed: number };
}

export interface Percentiles {
  p50: number;
  p90: number;
  p99: number;
  max: number;
}

interface ClientsReport {
  received: number;
  lowestPosition: number;
  highestPosition: number;
  outOfOrder: number;
  errors: number;
  closed: number;
  fromCommit: Percentiles;
  fromStamp: Percentiles;
  measured: number;
}

const CLOCK_TICKS = Number(spawnSync('getconf', ['CLK_TCK'], { encoding: 'utf8' }).stdout.trim()) || 100;

/** CPU time (user + system) of a process so far, in ms, from /proc (Linux). */
function cpuMs(pid: number): number {
  const fields = fs.readFileSync(`/proc/${pid}/stat`, 'utf8').replace(/^.*\) /, '').split(' ');
  // After the command: state is field 3, utime 14 and stime 15 (1-based, as proc(5) counts).
  return ((Number(fields[11]) + Number(fields[12])) * 1000) / CLOCK_TICKS;
}

function rssMb(pid: number): number {
  const kb = Number(/VmRSS:\s+(\d+)/.exec(fs.readFileSync(`/proc/${pid}/status`, 'utf8'))?.[1] ?? Number.NaN);
  return Math.round(kb / 102.4) / 10;
}

const sleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

/** The subscriber process: resolves once all are connected; `report` asks for their counts. */
async function startClients(
  buildDir: string,
  url: string,
  count: number,
  after: string,
  selectNode: boolean,
): Promise<{ pid: number; report: (commits?: ReadonlyMap<string, number>) => Promise<ClientsReport>; stop: () => Promise<void> }> {
  const child = spawn(process.execPath, [path.join(buildDir, 'bench', 'live-clients.js'), url, String(count), after, selectNode ? 'node' : 'no-node'], { stdio: ['pipe', 'pipe', 'inherit'] });
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  const lines = readline.createInterface({ input: child.stdout });
  const waiting: ((line: string) => void)[] = [];
  lines.on('line', (line) => waiting.shift()?.(line));
  const nextLine = (): Promise<string> =>
    new Promise((resolve, reject) => {
      waiting.push(resolve);
      void exited.then(() => reject(new Error('the subscriber process exited')));
    });
  const ready = await nextLine();
  if (ready !== 'READY') throw new Error(`the subscriber process said ${ready}`);
  return {
    pid: child.pid ?? -1,
    report: async (commits = new Map()) => {
      const line = nextLine();
      child.stdin.write(`REPORT ${JSON.stringify(Object.fromEntries(commits))}\n`);
      return JSON.parse(await line) as ClientsReport;
    },
    stop: async () => {
      child.kill('SIGTERM');
      await exited;
    },
  };
}

export async function benchLive(options: LiveBenchOptions): Promise<LiveBenchResult> {
  const { logger } = options;
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'actor-graph-bench-live-'));
  const neo4j = await startEmbeddedNeo4j({ host: '127.0.0.1', port: 0, dataDir, heap: '1g', pageCache: '256m', logger, readyTimeoutMs: 300_000 });
  const driver = createDriver({ uri: neo4j.uri, user: 'neo4j', password: undefined, logger });
  const stops: (() => Promise<void>)[] = [];
  try {
    const db = new CypherExecutor(driver, 'neo4j', 60_000);
    await loadSeed(db);
    const server = await options.serve(neo4j.uri);
    stops.push(server.stop);
    await sleep(2_000);
    const idleRss = rssMb(server.pid);

    const start = await lastChangeSeq(db);
    process.stdout.write(`bench live: connecting ${options.subscribers} subscribers\n`);
    const clients = await startClients(options.buildDir, server.url, options.subscribers, encodeCursor([start]), options.selectNode);
    stops.push(clients.stop);
    // Idle with everyone connected: what polling and keep-alive cost.
    await sleep(2_000);
    const idleStart = { cpu: cpuMs(server.pid), at: performance.now() };
    await sleep(5_000);
    const idleShare = (cpuMs(server.pid) - idleStart.cpu) / (performance.now() - idleStart.at);
    const subscribedRss = rssMb(server.pid);

    // Warm up the write path and the subscribers' executions, then measure.
    let written = 0;
    const commits = new Map<string, number>();
    let measuring = false;
    const write = async (): Promise<void> => {
      written += 1;
      const { id } = await addEntity(db, 'bench', { name: `Bench Live Actor ${written}`, kind: 'ORGANIZATION' });
      if (measuring) commits.set(id, Date.now());
    };
    for (let i = 0; i < 10; i += 1) await write();
    const warm = start + 10;
    for (;;) {
      const report = await clients.report();
      if (report.lowestPosition >= warm) break;
      await sleep(200);
    }
    const before = await clients.report();

    process.stdout.write(`bench live: ${options.rate} writes/s for ${options.seconds} s\n`);
    let peakRss = subscribedRss;
    const sampler = setInterval(() => (peakRss = Math.max(peakRss, rssMb(server.pid))), 500);
    measuring = true;
    const cpuStart = cpuMs(server.pid);
    const clientsCpuStart = cpuMs(clients.pid);
    const measuredFrom = performance.now();
    const writes: Promise<void>[] = [];
    const total = Math.round(options.rate * options.seconds);
    for (let i = 0; i < total; i += 1) {
      writes.push(write());
      await sleep(Math.max(0, measuredFrom + ((i + 1) * 1000) / options.rate - performance.now()));
    }
    await Promise.all(writes);
    const writeSeconds = (performance.now() - measuredFrom) / 1000;
    const end = await lastChangeSeq(db);
    let after = await clients.report();
    const deadline = performance.now() + 60_000;
    while (after.lowestPosition < end && performance.now() < deadline) {
      await sleep(100);
      after = await clients.report();
    }
    after = await clients.report(commits);
    const busyMs = performance.now() - measuredFrom;
    const cpuUsed = cpuMs(server.pid) - cpuStart;
    const clientsCpuShare = (cpuMs(clients.pid) - clientsCpuStart) / busyMs;
    clearInterval(sampler);

    const deliveries = after.received - before.received;
    return {
      subscribers: options.subscribers,
      selectNode: options.selectNode,
      writesPerSecond: options.rate,
      seconds: options.seconds,
      achievedWritesPerSecond: Math.round(((end - warm) / writeSeconds) * 10) / 10,
      clientsCpuShare: Math.round(clientsCpuShare * 100) / 100,
      pollIntervalMs: DEFAULT_LIVE.pollIntervalMs,
      changes: end - warm,
      deliveries,
      expectedDeliveries: (end - warm) * options.subscribers,
      outOfOrder: after.outOfOrder,
      errors: after.errors + after.closed,
      delayMs: after.fromCommit,
      // Over the whole run, the warm-up's ten changes included.
      delayFromStampMs: after.fromStamp,
      serverRssMb: { idle: idleRss, subscribed: subscribedRss, peak: peakRss },
      serverCpu: { perDeliveryUs: Math.round((cpuUsed * 1000 * 10) / Math.max(1, deliveries)) / 10, busyShare: Math.round((cpuUsed / busyMs) * 100) / 100, idleShareSubscribed: Math.round(idleShare * 1000) / 1000 },
    };
  } finally {
    for (const stop of stops.reverse()) await stop();
    await driver.close();
    await neo4j.stop();
    fs.rmSync(dataDir, { recursive: true, force: true });
  }
}

export function liveMarkdown(result: LiveBenchResult): string {
  const r = result;
  return `# actor-graph live-updates benchmark

${new Date().toISOString()} · ${os.cpus().length} cores · Node ${process.version} · change-log poll interval ${r.pollIntervalMs} ms (the default)

${r.subscribers} subscribers on one API process (one WebSocket each, in a separate client process), ${r.writesPerSecond} writes/s for ${r.seconds} s from another process; each subscription selects ${r.selectNode ? 'the change and its node' : 'the change only'}.

| measure | value |
| --- | --- |
| changes / deliveries (expected) | ${r.changes} / ${r.deliveries} (${r.expectedDeliveries}) |
| writes per second achieved | ${r.achievedWritesPerSecond} |
| out of order, errors, closed | ${r.outOfOrder}, ${r.errors} |
| delay commit → delivery p50 / p90 / p99 / max | ${r.delayMs.p50} / ${r.delayMs.p90} / ${r.delayMs.p99} / ${r.delayMs.max} ms |
| delay from the change's \`at\` (stamped inside the write, before its end and commit) p50 / p99 | ${r.delayFromStampMs.p50} / ${r.delayFromStampMs.p99} ms |
| server RSS idle / with subscribers / peak | ${r.serverRssMb.idle} / ${r.serverRssMb.subscribed} / ${r.serverRssMb.peak} MB |
| server CPU per delivered event | ${r.serverCpu.perDeliveryUs} µs |
| server CPU busy / idle with subscribers | ${Math.round(r.serverCpu.busyShare * 100)}% / ${Math.round(r.serverCpu.idleShareSubscribed * 1000) / 10}% of one core |
| subscriber process CPU while busy | ${Math.round(r.clientsCpuShare * 100)}% of one core |
`;
}
