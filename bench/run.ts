/**
 * `npm run bench`: actor-graph against the floor (the same Cypher through a bare node:http
 * endpoint) and the peer (@neo4j/graphql) on synthetic graphs of growing size, each in its own
 * temporary embedded Neo4j, loaded through the project's own loader. Every operation runs under
 * autocannon at a fixed concurrency for a fixed time against each server in turn (interleaved per
 * operation, each measured in two halves in forward and reverse order), on loopback. Writes bench/results/<mode>.json and .md and prints the table.
 *
 *   npm run bench                 quick mode: 1k entities, short runs (under 2 minutes)
 *   npm run bench -- --full       1k, 10k and 100k entities (~10 relationships each), longer runs
 *   npm run bench -- --live       live updates: 1,000 subscribers, a steady stream of writes (see live.ts);
 *                                 --subscribers 1000 --rate 10 --seconds 30 --no-node
 *   npm run bench -- --explorer   the explorer in Chromium: navigation to an interactive 500-node neighbourhood
 *   options: --sizes 1000,10000  --duration 5  --warmup 2  --connections 8  --operations entityByName,search  --no-peer  --out bench/results
 *            --neo4j bolt://127.0.0.1:7687  (a running, disposable Neo4j without auth instead of one per size: it is emptied)
 *   (--warmup 0 leaves one request per operation and server as the warm-up: for the smoke test,
 *   which checks that everything runs, not how fast)
 *
 * After the operations, the repeated-read mix: all six operations with a few fixed parameters each,
 * in rotation (what a busy front end asks again and again), against actor-graph with its response
 * cache, actor-graph without it, the floor and the peer, in one table.
 */
import { spawn, spawnSync } from 'node:child_process';
import readline from 'node:readline';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import autocannon from 'autocannon';
import { DEFAULT_LIMITS, PROJECT_ROOT } from '../src/config';
import { applyConstraints } from '../src/queries/constraints';
import { writeSeed } from '../src/queries/seed';
import { createLogger } from '../src/log';
import { createDriver, CypherExecutor } from '../src/neo4j/driver';
import { startEmbeddedNeo4j } from '../src/neo4j/embedded';
import { random, slugOf, syntheticGraph } from './graph';
import { ACTOR_GRAPH_QUERIES, OPERATIONS, paramsFor, type BenchParams, type Operation } from './operations';
import { benchExplorer, explorerMarkdown } from './explorer';
import { benchLive, liveMarkdown } from './live';
import { bulkLoadGraph } from './bulk-load';

type ServerName = 'actor-graph' | 'actor-graph-cached' | 'floor' | 'peer';

interface Target {
  name: ServerName;
  url: string;
  body: (op: Operation, p: BenchParams) => string;
  path: (op: Operation) => string;
  /** Round trips of one request of this operation, where the server reports them. */
  roundTrips: (op: Operation, p: BenchParams) => Promise<number | null>;
}

interface Row {
  size: number;
  relationships: number;
  operation: Operation;
  server: ServerName;
  requestsPerSecond: number;
  p50: number;
  p99: number;
  errors: number;
  requests: number;
  roundTrips: number | null;
}

interface PeerModule {
  PEER_OPERATIONS: Record<Operation, { query: string; variables: (p: BenchParams & { fromId: string; toId: string }) => Record<string, unknown> }>;
}

/** How a size's graph was loaded: through which path, and how fast (wall time, for the bulk path from its first file to every index online). */
interface Load {
  path: string;
  entities: number;
  relationships: number;
  seconds: number;
  relationshipsPerSecond: number;
}

/** One row of the repeated-read mix: a row without an operation (the mix has them all) or round trips. */
type MixRow = Omit<Row, 'relationships' | 'operation' | 'roundTrips'>;

/** Distinct parameter sets per operation in the repeated-read mix. */
const MIX_PARAMETER_SETS = 8;

const BUILD_DIR = path.join(PROJECT_ROOT, 'bench', '.build');

/**
 * Compiles src/ and bench/ for the servers. They run as plain Node, like production's dist/: under
 * tsx every `require` goes through its hooks and every `error.stack` through source maps, and
 * neo4j-driver reads a stack for each query, which costs actor-graph and the floor unequally.
 * Emit only: type-checking bench/ and src/ is `npm run typecheck`'s job (the output is the same).
 */
function buildServers(): void {
  fs.rmSync(BUILD_DIR, { recursive: true, force: true });
  const result = spawnSync(process.execPath, [require.resolve('typescript/bin/tsc'), '-p', path.join(PROJECT_ROOT, 'tsconfig.bench.json'), '--noCheck'], { stdio: 'inherit' });
  if (result.status !== 0) throw new Error('compiling the benchmark servers (tsconfig.bench.json) failed');
}

/** Starts the compiled `bench/serve.ts <kind>` in its own process and waits for its URL. */
function serve(kind: ServerName, uri: string): Promise<{ url: string; pid: number; stop: () => Promise<void> }> {
  const child = spawn(process.execPath, [path.join(BUILD_DIR, 'bench', 'serve.js'), kind, uri], { stdio: ['ignore', 'pipe', 'inherit'] });
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  return new Promise((resolve, reject) => {
    readline.createInterface({ input: child.stdout }).on('line', (line) => {
      const url = /^READY (\S+)/.exec(line)?.[1];
      if (url !== undefined) {
        resolve({
          url,
          pid: child.pid ?? -1,
          stop: async () => {
            child.kill('SIGTERM');
            await exited;
          },
        });
      }
    });
    void exited.then(() => reject(new Error(`the ${kind} server exited before it was ready`)));
  });
}

const arg = (name: string): string | undefined => {
  const at = process.argv.indexOf(`--${name}`);
  return at >= 0 ? process.argv[at + 1] : undefined;
};
const flag = (name: string): boolean => process.argv.includes(`--${name}`);

const full = flag('full');
const live = flag('live');
const explorer = flag('explorer');
const mode = live ? 'live' : explorer ? 'explorer' : full ? 'full' : 'quick';
const sizes = (arg('sizes') ?? (full ? '1000,10000,100000' : '1000')).split(',').map(Number);
const duration = Number(arg('duration') ?? (full ? 10 : 3));
const warmup = Number(arg('warmup') ?? 2);
/** A Neo4j (no auth) to run against instead of one started per size: emptied before and after each size, so disposable only. */
const externalNeo4j = arg('neo4j');
const connections = Number(arg('connections') ?? 8);
const operations = (arg('operations')?.split(',') ?? [...OPERATIONS]) as Operation[];
const outDir = path.resolve(arg('out') ?? path.join(PROJECT_ROOT, 'bench', 'results'));
const logger = createLogger('warn');
const PEER_DIR = path.join(PROJECT_ROOT, 'bench', 'peer');

async function loadPeer(): Promise<PeerModule | null> {
  if (flag('no-peer') || !fs.existsSync(path.join(PEER_DIR, 'server.mjs'))) return null;
  if (!fs.existsSync(path.join(PEER_DIR, 'node_modules'))) {
    process.stdout.write('bench: installing the peer (@neo4j/graphql) in bench/peer\n');
    const result = spawnSync('npm', ['ci', '--no-audit', '--no-fund'], { cwd: PEER_DIR, stdio: 'inherit' });
    if (result.status !== 0) throw new Error('npm ci in bench/peer failed');
  }
  // The peer's queries; its server runs in a process of its own (serve.ts). A real dynamic import:
  // CommonJS output would turn import() into require().
  // eslint-disable-next-line @typescript-eslint/no-implied-eval
  const importModule = new Function('specifier', 'return import(specifier)') as (s: string) => Promise<PeerModule>;
  return importModule(path.join(PEER_DIR, 'server.mjs'));
}

async function post(url: string, body: string): Promise<{ json: unknown; headers: Headers }> {
  const response = await fetch(url, { method: 'POST', headers: { 'content-type': 'application/json' }, body });
  return { json: await response.json(), headers: response.headers };
}

/** What one load run measured: throughput, latency and failures (a non-200 or an answer with errors). */
type Measured = Pick<Row, 'requestsPerSecond' | 'p50' | 'p99' | 'errors' | 'requests'>;

/** Holds `connections` connections on `target` for `seconds`, each request the operation `next` picks. */
async function load(target: Target, seconds: number, next: () => { op: Operation; params: BenchParams }): Promise<Measured> {
  let errors = 0;
  const result = await autocannon({
    url: target.url,
    connections,
    duration: seconds,
    requests: [
      {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        setupRequest: (request) => {
          const { op, params } = next();
          return { ...request, path: target.path(op), body: target.body(op, params) };
        },
        onResponse: (status: number, body: string) => {
          if (status !== 200 || body.includes('"errors"')) errors += 1;
        },
      },
    ],
  });
  return {
    requestsPerSecond: result.requests.average,
    p50: result.latency.p50,
    p99: result.latency.p99,
    errors: errors + result.errors + result.timeouts,
    requests: result.requests.total,
  };
}

async function measure(target: Target, op: Operation, size: number, seed: number, seconds: number): Promise<Omit<Row, 'size' | 'relationships' | 'roundTrips'>> {
  const rand = random(seed);
  return { operation: op, server: target.name, ...(await load(target, seconds, () => ({ op, params: paramsFor(size, rand) }))) };
}

/** The repeated-read mix: every operation with MIX_PARAMETER_SETS fixed parameter sets, in rotation. */
function mixOf(size: number): { op: Operation; params: BenchParams }[] {
  const sets = Array.from({ length: MIX_PARAMETER_SETS }, (_, i) => paramsFor(size, random(100 + i)));
  return sets.flatMap((params) => operations.map((op) => ({ op, params })));
}

async function measureMix(target: Target, size: number, seconds: number): Promise<Omit<MixRow, 'size'>> {
  const mix = mixOf(size);
  let next = 0;
  const pick = (): { op: Operation; params: BenchParams } => {
    const chosen = mix[next % mix.length];
    next += 1;
    if (chosen === undefined) throw new Error('the repeated-read mix is empty');
    return chosen;
  };
  return { server: target.name, ...(await load(target, seconds, pick)) };
}

async function benchSize(size: number, peer: PeerModule | null): Promise<{ rows: Row[]; mix: MixRow[]; load: Load }> {
  // Each size in a temporary embedded Neo4j of its own, loaded through the bulk importer (the path
  // a first load of a big seed takes; bench:load profiles both paths), unless --neo4j names one
  // to use instead: that one is emptied and loaded through the transactional loader.
  const dataDir = externalNeo4j === undefined ? fs.mkdtempSync(path.join(os.tmpdir(), `actor-graph-bench-${size}-`)) : undefined;
  const graph = syntheticGraph(size);
  const started = performance.now();
  const bulk =
    dataDir === undefined
      ? undefined
      : await bulkLoadGraph(graph, { dataDir, heap: size >= 100_000 ? '4g' : '1g', pageCache: size >= 100_000 ? '1g' : '256m', maxOffHeap: size >= 100_000 ? '2g' : '512m', txMemory: '0', logger });
  const neo4j = bulk?.neo4j;
  const uri = neo4j?.uri ?? externalNeo4j ?? '';
  const driver = bulk?.driver ?? createDriver({ uri, user: 'neo4j', password: undefined, logger });
  const db = new CypherExecutor(driver, 'neo4j', DEFAULT_LIMITS.queryTimeoutMs);
  const empty = (): Promise<void> => db.withTimeout(undefined).write('MATCH (n) DETACH DELETE n', {}, () => undefined);
  const stops: (() => Promise<void>)[] = [];
  try {
    if (bulk === undefined) {
      await empty();
      await applyConstraints(db);
      await writeSeed(db, graph);
      await db.write('CALL db.awaitIndexes(600)', {}, () => undefined);
    }
    const seconds = (performance.now() - started) / 1000;
    const load = {
      path: bulk === undefined ? 'transactional' : 'bulk',
      entities: graph.entities.length,
      relationships: graph.relationships.length,
      seconds: Math.round(seconds * 10) / 10,
      relationshipsPerSecond: Math.round(graph.relationships.length / seconds),
    };
    process.stdout.write(
      `bench: ${size} entities, ${graph.relationships.length} relationships loaded (${load.path}${bulk === undefined ? '' : ', JVM and DBMS start included'}) in ${load.seconds} s (${load.relationshipsPerSecond} relationships/s)\n`,
    );

    const api = await serve('actor-graph', uri);
    stops.push(api.stop);
    const cached = await serve('actor-graph-cached', uri);
    stops.push(cached.stop);
    const floor = await serve('floor', uri);
    stops.push(floor.stop);
    const actorGraph = (name: ServerName, url: string): Target => ({
      name,
      url,
      path: () => '/graphql',
      body: (op, p) => JSON.stringify({ query: ACTOR_GRAPH_QUERIES[op].query, variables: ACTOR_GRAPH_QUERIES[op].variables(p) }),
      roundTrips: async (op, p) => {
        const { json } = await post(url, JSON.stringify({ query: ACTOR_GRAPH_QUERIES[op].query, variables: ACTOR_GRAPH_QUERIES[op].variables(p) }));
        return (json as { extensions?: { neo4j?: { roundTrips: number } } }).extensions?.neo4j?.roundTrips ?? null;
      },
    });
    const cachedTarget = actorGraph('actor-graph-cached', cached.url);
    const targets: Target[] = [
      actorGraph('actor-graph', api.url),
      {
        name: 'floor',
        url: floor.url,
        path: (op) => `/${op}`,
        body: (_op, p) => JSON.stringify(p),
        roundTrips: async (op, p) => Number((await post(`${floor.url}/${op}`, JSON.stringify(p))).headers.get('x-round-trips')),
      },
    ];
    if (peer !== null) {
      const server = await serve('peer', uri);
      stops.push(server.stop);
      targets.push({
        name: 'peer',
        url: server.url,
        path: () => new URL(server.url).pathname,
        // The peer names the path ends fromId/toId.
        body: (op, p) => JSON.stringify({ query: peer.PEER_OPERATIONS[op].query, variables: peer.PEER_OPERATIONS[op].variables({ ...p, fromId: p.id, toId: p.otherId }) }),
        roundTrips: () => Promise.resolve(null),
      });
    }

    // Warm up every server on every operation (JIT, query plans, page cache) before measuring: one
    // request each (so even --warmup 0 measures no first-request plan compilation), then --warmup
    // seconds under load. Failures here are not counted; the measurement counts its own.
    for (const op of operations) for (const t of targets) await post(new URL(t.path(op), t.url).href, t.body(op, paramsFor(size, random(1)))).catch(() => undefined);
    if (warmup > 0) for (const op of operations) for (const t of targets) await autocannon({ url: t.url, connections, duration: warmup, requests: [{ method: 'POST', path: t.path(op), headers: { 'content-type': 'application/json' }, body: t.body(op, paramsFor(size, random(1))) }] });

    // Each server is measured in two halves, once in forward and once in reverse order: whoever
    // runs first meets a Neo4j whose JIT is still warming up, and a fixed order favoured the later
    // servers by up to 1.7x.
    const rows: Row[] = [];
    for (const op of operations) {
      const halves = new Map<ServerName, Omit<Row, 'size' | 'relationships' | 'roundTrips'>[]>();
      for (const order of [targets, [...targets].reverse()]) {
        for (const t of order) halves.set(t.name, [...(halves.get(t.name) ?? []), await measure(t, op, size, 7, duration / 2)]);
      }
      for (const t of targets) {
        const [a, b] = halves.get(t.name) ?? [];
        if (a === undefined || b === undefined) continue;
        const measured = {
          operation: op,
          server: t.name,
          requestsPerSecond: (a.requestsPerSecond + b.requestsPerSecond) / 2,
          p50: (a.p50 + b.p50) / 2,
          p99: Math.max(a.p99, b.p99),
          errors: a.errors + b.errors,
          requests: a.requests + b.requests,
        };
        const roundTrips = await t.roundTrips(op, paramsFor(size, random(3)));
        rows.push({ size, relationships: graph.relationships.length, roundTrips, ...measured });
        process.stdout.write(`bench: ${size} ${op} ${t.name}: ${measured.requestsPerSecond.toFixed(0)} req/s, p50 ${measured.p50} ms, p99 ${measured.p99} ms, ${measured.errors} errors\n`);
      }
    }

    // The repeated-read mix, in two halves in forward and reverse order like the operations. The
    // cached server is warmed with one pass over the mix, as any server is warmed above.
    const mixTargets = [cachedTarget, ...targets];
    for (const { op, params } of mixOf(size)) await post(new URL(cachedTarget.path(op), cachedTarget.url).href, cachedTarget.body(op, params)).catch(() => undefined);
    const mixHalves = new Map<ServerName, Omit<MixRow, 'size'>[]>();
    for (const order of [mixTargets, [...mixTargets].reverse()]) {
      for (const t of order) mixHalves.set(t.name, [...(mixHalves.get(t.name) ?? []), await measureMix(t, size, duration / 2)]);
    }
    const mix: MixRow[] = [];
    for (const t of mixTargets) {
      const [a, b] = mixHalves.get(t.name) ?? [];
      if (a === undefined || b === undefined) continue;
      const row: MixRow = {
        size,
        server: t.name,
        requestsPerSecond: (a.requestsPerSecond + b.requestsPerSecond) / 2,
        p50: (a.p50 + b.p50) / 2,
        p99: Math.max(a.p99, b.p99),
        errors: a.errors + b.errors,
        requests: a.requests + b.requests,
      };
      mix.push(row);
      process.stdout.write(`bench: ${size} repeated-read mix ${t.name}: ${row.requestsPerSecond.toFixed(0)} req/s, p50 ${row.p50} ms, p99 ${row.p99} ms, ${row.errors} errors\n`);
    }
    return { rows, mix, load };
  } finally {
    for (const stop of stops.reverse()) await stop();
    if (neo4j === undefined) await empty();
    await driver.close();
    await neo4j?.stop();
    if (dataDir !== undefined) fs.rmSync(dataDir, { recursive: true, force: true });
  }
}

function ratio(a: number | undefined, b: number | undefined): string {
  return a === undefined || b === undefined || b === 0 ? '–' : `${(a / b).toFixed(2)}×`;
}

function markdown(rows: Row[], mix: MixRow[], loads: Record<number, Load>): string {
  const lines = [
    `# actor-graph benchmark (${mode})`,
    '',
    `${new Date().toISOString()} · ${os.cpus().length} cores · Node ${process.version} · ${connections} connections · ${duration} s per operation and server, in two halves run in forward and reverse server order`,
    '',
    '| size | load path | load: relationships/s |',
    '| --- | --- | --- |',
    ...Object.entries(loads).map(([size, l]) => `| ${size} entities, ${l.relationships} relationships | ${l.path} | ${l.relationshipsPerSecond} (${l.seconds} s) |`),
    '',
    'The bulk load\'s time runs from writing the importer\'s files to every index online: the JVM and DBMS start, the import, the schema build. `npm run bench:load -- --size N` profiles it stage by stage beside the transactional loader.',
    '',
    '| size | operation | server | req/s | p50 ms | p99 ms | errors | round trips | actor-graph/floor | actor-graph/peer |',
    '| --- | --- | --- | --- | --- | --- | --- | --- | --- | --- |',
  ];
  for (const size of [...new Set(rows.map((r) => r.size))]) {
    for (const op of OPERATIONS) {
      const of = (server: ServerName): Row | undefined => rows.find((r) => r.size === size && r.operation === op && r.server === server);
      const ag = of('actor-graph');
      for (const server of ['actor-graph', 'floor', 'peer'] as const) {
        const r = of(server);
        if (r === undefined) continue;
        lines.push(
          `| ${size} | ${op} | ${server} | ${r.requestsPerSecond.toFixed(0)} | ${r.p50} | ${r.p99} | ${r.errors} | ${r.roundTrips ?? 'n/a'} | ${server === 'actor-graph' ? ratio(ag?.requestsPerSecond, of('floor')?.requestsPerSecond) : ''} | ${server === 'actor-graph' ? ratio(ag?.requestsPerSecond, of('peer')?.requestsPerSecond) : ''} |`,
        );
      }
    }
  }
  if (mix.length > 0) {
    lines.push(
      '',
      `Repeated-read mix: the ${operations.length} operations above with ${MIX_PARAMETER_SETS} fixed parameter sets each, in rotation. actor-graph-cached is actor-graph with its response cache (RESPONSE_CACHE_MAX_BYTES default); actor-graph, the floor and the peer cache nothing.`,
      '',
      '| size | server | req/s | p50 ms | p99 ms | errors | ×floor | ×peer | ×actor-graph uncached |',
      '| --- | --- | --- | --- | --- | --- | --- | --- | --- |',
    );
    for (const size of [...new Set(mix.map((r) => r.size))]) {
      const of = (server: ServerName): MixRow | undefined => mix.find((r) => r.size === size && r.server === server);
      for (const server of ['actor-graph-cached', 'actor-graph', 'floor', 'peer'] as const) {
        const r = of(server);
        if (r === undefined) continue;
        const ours = server === 'actor-graph-cached' || server === 'actor-graph';
        lines.push(
          `| ${size} | ${server} | ${r.requestsPerSecond.toFixed(0)} | ${r.p50} | ${r.p99} | ${r.errors} | ${ours ? ratio(r.requestsPerSecond, of('floor')?.requestsPerSecond) : ''} | ${ours ? ratio(r.requestsPerSecond, of('peer')?.requestsPerSecond) : ''} | ${server === 'actor-graph-cached' ? ratio(r.requestsPerSecond, of('actor-graph')?.requestsPerSecond) : ''} |`,
        );
      }
    }
  }
  return `${lines.join('\n')}\n`;
}

async function mainLive(): Promise<void> {
  buildServers();
  const result = await benchLive({
    subscribers: Number(arg('subscribers') ?? 1000),
    rate: Number(arg('rate') ?? 10),
    seconds: Number(arg('seconds') ?? 30),
    selectNode: !flag('no-node'),
    buildDir: BUILD_DIR,
    logger,
    serve: (uri) => serve('actor-graph', uri),
  });
  fs.mkdirSync(outDir, { recursive: true });
  const table = liveMarkdown(result);
  fs.writeFileSync(path.join(outDir, 'live.json'), `${JSON.stringify(result, null, 2)}\n`);
  fs.writeFileSync(path.join(outDir, 'live.md'), table);
  process.stdout.write(`\n${table}\nbench: written to ${path.relative(process.cwd(), outDir)}/live.{json,md}\n`);
  // Every subscriber must have had every change, once and in order.
  if (result.deliveries !== result.expectedDeliveries || result.outOfOrder > 0 || result.errors > 0) process.exitCode = 1;
}

/** The explorer's time to an interactive 500-node neighbourhood, in Chromium (see explorer.ts). */
async function mainExplorer(): Promise<void> {
  buildServers();
  // The API serves the pages from dist/web, which the web build writes.
  const built = spawnSync('npm', ['run', '--silent', 'build'], { cwd: PROJECT_ROOT, stdio: 'inherit' });
  if (built.status !== 0) throw new Error('npm run build failed');
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'actor-graph-bench-explorer-'));
  const neo4j = await startEmbeddedNeo4j({ host: '127.0.0.1', port: 0, dataDir, heap: '1g', pageCache: '256m', logger, readyTimeoutMs: 300_000 });
  const driver = createDriver({ uri: neo4j.uri, user: 'neo4j', password: undefined, logger });
  try {
    const db = new CypherExecutor(driver, 'neo4j', DEFAULT_LIMITS.queryTimeoutMs);
    await applyConstraints(db);
    // 2,000 actors with about 10 relationships each: depth 3 from any of them passes 500.
    await writeSeed(db, syntheticGraph(2000));
    await db.write('CALL db.awaitIndexes(600)', {}, () => undefined);
    const results: { server: ServerName; result: Awaited<ReturnType<typeof benchExplorer>> }[] = [];
    for (const server of ['actor-graph', 'actor-graph-cached'] as const) {
      const api = await serve(server, neo4j.uri);
      try {
        results.push({ server, result: await benchExplorer(api.url, `entity:${slugOf(0)}`) });
      } finally {
        await api.stop();
      }
    }
    fs.mkdirSync(outDir, { recursive: true });
    const table = explorerMarkdown(results);
    fs.writeFileSync(path.join(outDir, 'explorer.json'), `${JSON.stringify(results, null, 2)}\n`);
    fs.writeFileSync(path.join(outDir, 'explorer.md'), table);
    process.stdout.write(`\n${table}\nbench: written to ${path.relative(process.cwd(), outDir)}/explorer.{json,md}\n`);
  } finally {
    await driver.close();
    await neo4j.stop();
    fs.rmSync(dataDir, { recursive: true, force: true });
  }
}

async function main(): Promise<void> {
  if (live) return mainLive();
  if (explorer) return mainExplorer();
  buildServers();
  const peer = await loadPeer();
  if (peer === null) process.stdout.write('bench: the peer (@neo4j/graphql) is not included (--no-peer or bench/peer missing)\n');
  const rows: Row[] = [];
  const mix: MixRow[] = [];
  const loads: Record<number, Load> = {};
  for (const size of sizes) {
    const result = await benchSize(size, peer);
    rows.push(...result.rows);
    mix.push(...result.mix);
    loads[size] = result.load;
  }
  fs.mkdirSync(outDir, { recursive: true });
  const table = markdown(rows, mix, loads);
  fs.writeFileSync(path.join(outDir, `${mode}.json`), `${JSON.stringify({ mode, connections, duration, warmup, sizes, loads, rows, mix }, null, 2)}\n`);
  fs.writeFileSync(path.join(outDir, `${mode}.md`), table);
  process.stdout.write(`\n${table}\nbench: written to ${path.relative(process.cwd(), outDir)}/${mode}.{json,md}\n`);
  // The peer's failures are its results (reported in the table); ours and the floor's are bugs.
  if ([...rows, ...mix].some((r) => r.errors > 0 && r.server !== 'peer')) process.exitCode = 1;
}

main().catch((e: unknown) => {
  process.stderr.write(`bench: ${e instanceof Error ? (e.stack ?? e.message) : String(e)}\n`);
  process.exit(1);
});
