/**
 * `npm run bench` end to end at the smallest size, so the benchmark keeps working: every
 * operation measured on every server without errors, and the report written. It asserts no
 * speed (timings on shared machines are for the benchmark's own report), so it runs without the
 * timed warm-up. The benchmark starts a Neo4j of its own, or uses NEO4J_URI when that is set (it
 * empties it). It is `npm run test:bench`, a CI step of its own rather than part of `npm test`:
 * it guards the benchmark's code, and most of its minute or two goes to compiling and starting the
 * three servers, which the integration tests already cover for actor-graph. The peer
 * (@neo4j/graphql) is its own package: where bench/peer is not installed (`npm ci --prefix
 * bench/peer`), its part shows as skipped; CI installs it.
 */
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { PROJECT_ROOT } from '../../src/config';
import { IN_CI, itWhen } from '../support/prerequisites';

const OPERATIONS = ['entityByName', 'entityWithRelationships', 'relationshipsPage', 'neighborhood', 'shortestPath', 'search'];
const PEER_INSTALLED = fs.existsSync(path.join(PROJECT_ROOT, 'bench', 'peer', 'node_modules'));
const WITH_PEER = PEER_INSTALLED || IN_CI;

interface Row {
  operation: string;
  server: string;
  errors: number;
  requests: number;
  roundTrips: number | null;
}

let report: { rows: Row[] };
let markdown: string;

beforeAll(() => {
  const out = fs.mkdtempSync(path.join(os.tmpdir(), 'actor-graph-bench-smoke-'));
  try {
    // NEO4J_URI when the bench can use it (no auth, the default database), rather than a JVM of
    // its own: the bench empties it before and after.
    const shared = process.env.NEO4J_URI !== undefined && process.env.NEO4J_PASSWORD === undefined && (process.env.NEO4J_DATABASE ?? 'neo4j') === 'neo4j';
    const args = ['--sizes', '100', '--duration', '0.5', '--warmup', '0', '--connections', '2', '--out', out, ...(WITH_PEER ? [] : ['--no-peer']), ...(shared ? ['--neo4j', process.env.NEO4J_URI as string] : [])];
    const result = spawnSync('npm', ['run', '--silent', 'bench', '--', ...args], { cwd: PROJECT_ROOT, encoding: 'utf8', timeout: 400_000 });
    if (result.status !== 0) throw new Error(`npm run bench failed (${result.status}):\n${result.stdout}\n${result.stderr}`);
    report = JSON.parse(fs.readFileSync(path.join(out, 'quick.json'), 'utf8')) as { rows: Row[] };
    markdown = fs.readFileSync(path.join(out, 'quick.md'), 'utf8');
  } finally {
    fs.rmSync(out, { recursive: true, force: true });
  }
}, 420_000);

const rowsOf = (server: string): Row[] => report.rows.filter((r) => r.server === server);

it('runs every operation against actor-graph and the floor without errors, and writes the report', () => {
  for (const server of ['actor-graph', 'floor']) {
    expect(rowsOf(server).map((r) => r.operation)).toEqual(OPERATIONS);
    expect(rowsOf(server).filter((r) => r.errors > 0)).toEqual([]);
    // Every operation answered: the request after the measurement reports its round trips (a
    // failed one reports none). Whether one finished inside a quarter-second window is a matter of
    // speed, which this test does not assert; that the load generator measured anything is.
    expect(rowsOf(server).filter((r) => r.roundTrips === null || r.roundTrips < 1)).toEqual([]);
    expect(rowsOf(server).reduce((sum, r) => sum + r.requests, 0)).toBeGreaterThan(0);
  }
  expect(markdown).toContain('| 100 | entityByName | actor-graph |');
});

itWhen(PEER_INSTALLED)('runs every operation against the peer (@neo4j/graphql) without errors', () => {
  expect(rowsOf('peer').map((r) => r.operation)).toEqual(OPERATIONS);
  // The peer's slowest operations may not finish a request in a quarter-second window; errors would be bugs of ours in its set-up.
  expect(rowsOf('peer').filter((r) => r.errors > 0)).toEqual([]);
  expect(markdown).toContain('| 100 | entityByName | peer |');
});
