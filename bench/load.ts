/**
 * Load test (a benchmark, not a CI test): holds N concurrent clients on a mixed read workload
 * against actor-graph for a bounded time, on loopback only, and reports p50/p99 latency, req/s
 * and errors (HTTP non-2xx, GraphQL errors, timeouts).
 *
 *   npm run loadtest -- [--connections 20] [--duration 15] [--warmup 5] [--url http://127.0.0.1:4000/graphql]
 *
 * Without --url it starts its own embedded Neo4j (temporary folder) and API, seeds the article,
 * and stops both afterwards. With --url it targets that running API (loopback addresses only).
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import autocannon from 'autocannon';
import { startApi } from '../src/app';
import { readiness } from '../src/neo4j/connect';
import { DEFAULT_LIMITS } from '../src/config';
import { createLogger } from '../src/log';
import { createDriver, CypherExecutor } from '../src/neo4j/driver';
import { startEmbeddedNeo4j } from '../src/neo4j/embedded';
import { loadSeed } from '../src/seed/load';

const WORKLOAD: { name: string; query: string }[] = [
  { name: 'entityByName', query: '{ entity(name: "nato") { id name kind aliases } }' },
  {
    name: 'relationshipsWithEvidence',
    query: '{ entity(name: "Japan") { relationships(first: 20) { totalCount nodes { type stance modality source { name } target { name } evidence { quote start end } } } } }',
  },
  { name: 'entitiesPage', query: '{ entities(kinds: [COUNTRY], first: 10) { totalCount nodes { id name } pageInfo { endCursor } } }' },
  { name: 'neighborhood', query: '{ neighborhood(entityId: "entity:nato", depth: 2) { nodes { id name } edges { id type source { id } target { id } } } }' },
  { name: 'shortestPath', query: '{ shortestPath(fromId: "entity:new-zealand", toId: "entity:china") { length nodes { name } edges { type } } }' },
  { name: 'search', query: '{ search(text: "South China Sea", first: 5) { score snippet node { id } } }' },
  { name: 'relationshipsBetween', query: '{ relationshipsBetween(a: "entity:nato", b: "entity:china") { type evidence { quote } } }' },
];

function arg(name: string, fallback: string): string {
  const at = process.argv.indexOf(`--${name}`);
  return at >= 0 ? (process.argv[at + 1] ?? fallback) : fallback;
}

async function main(): Promise<void> {
  const connections = Number(arg('connections', '20'));
  const duration = Number(arg('duration', '15'));
  let url = arg('url', '');
  const logger = createLogger('warn');
  const cleanup: (() => Promise<void>)[] = [];

  if (url === '') {
    const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'actor-graph-load-'));
    const neo4j = await startEmbeddedNeo4j({ host: '127.0.0.1', port: 0, dataDir, heap: '512m', pageCache: '64m', logger });
    const driver = createDriver({ uri: neo4j.uri, user: 'neo4j', password: undefined, logger });
    const db = new CypherExecutor(driver, 'neo4j', DEFAULT_LIMITS.queryTimeoutMs);
    await loadSeed(db);
    const api = await startApi(
      { db, isReady: readiness(db), logger, production: true, introspection: false, limits: DEFAULT_LIMITS, maxBodyBytes: 100_000, corsOrigins: '*', shutdownGraceMs: 5_000 },
      0,
      '127.0.0.1',
    );
    url = api.url;
    cleanup.push(api.stop, () => driver.close(), () => neo4j.stop(), () => Promise.resolve(fs.rmSync(dataDir, { recursive: true, force: true })));
  }
  if (!/^http:\/\/(127\.\d+\.\d+\.\d+|localhost|\[::1\])(:\d+)?\//.test(url)) throw new Error(`--url must be a loopback address, got ${url}`);

  const warmup = Number(arg('warmup', '5'));
  let graphqlErrors = 0;
  const requests = WORKLOAD.map((w) => ({
    method: 'POST' as const,
    body: JSON.stringify({ query: w.query }),
    onResponse: (status: number, body: string) => {
      if (status === 200 && body.includes('"errors"')) graphqlErrors += 1;
    },
  }));
  if (warmup > 0) {
    // A cold JVM (Neo4j) and V8 answer slowly at first; that is not the steady state we report.
    process.stdout.write(`load: warming up for ${warmup} s\n`);
    await autocannon({ url, connections, duration: warmup, method: 'POST', headers: { 'content-type': 'application/json' }, requests });
    graphqlErrors = 0;
  }
  process.stdout.write(`load: ${connections} connections for ${duration} s against ${url}, ${WORKLOAD.length} operations in rotation\n`);
  const result = await autocannon({
    url,
    connections,
    duration,
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    requests,
  });

  const summary = {
    connections,
    durationSeconds: duration,
    requests: result.requests.total,
    requestsPerSecond: result.requests.average,
    latencyMs: { p50: result.latency.p50, p90: result.latency.p90, p99: result.latency.p99, max: result.latency.max },
    errors: { http: result.non2xx, graphql: graphqlErrors, transport: result.errors, timeouts: result.timeouts },
  };
  process.stdout.write(
    [
      '',
      '| connections | req/s | p50 ms | p99 ms | max ms | requests | HTTP non-2xx | GraphQL errors | transport errors | timeouts |',
      '| --- | --- | --- | --- | --- | --- | --- | --- | --- | --- |',
      `| ${connections} | ${summary.requestsPerSecond.toFixed(0)} | ${summary.latencyMs.p50} | ${summary.latencyMs.p99} | ${summary.latencyMs.max} | ${summary.requests} | ${result.non2xx} | ${graphqlErrors} | ${result.errors} | ${result.timeouts} |`,
      '',
      JSON.stringify(summary),
      '',
    ].join('\n'),
  );
  for (const step of cleanup) await step();
  const failed = result.non2xx + graphqlErrors + result.errors + result.timeouts;
  process.exitCode = failed === 0 ? 0 : 1;
}

main().catch((e: unknown) => {
  process.stderr.write(`loadtest: ${e instanceof Error ? e.message : String(e)}\n`);
  process.exit(1);
});
