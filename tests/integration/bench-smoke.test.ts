/**
 * `npm run bench` end to end at the smallest size, so the benchmark keeps working: every
 * operation measured on every server without errors, and the report written. It asserts no
 * speed: timings on shared machines are for the benchmark's own report, not for tests.
 */
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { PROJECT_ROOT } from '../../src/config';

const OPERATIONS = ['entityByName', 'entityWithRelationships', 'relationshipsPage', 'neighborhood', 'shortestPath', 'search'];

it('runs every operation against actor-graph, the floor and the peer, and writes the report', () => {
  const out = fs.mkdtempSync(path.join(os.tmpdir(), 'actor-graph-bench-smoke-'));
  try {
    const result = spawnSync('npm', ['run', '--silent', 'bench', '--', '--sizes', '300', '--duration', '1', '--connections', '2', '--out', out], {
      cwd: PROJECT_ROOT,
      encoding: 'utf8',
      timeout: 400_000,
    });
    if (result.status !== 0) throw new Error(`npm run bench failed (${result.status}):\n${result.stdout}\n${result.stderr}`);
    const report = JSON.parse(fs.readFileSync(path.join(out, 'quick.json'), 'utf8')) as { rows: { operation: string; server: string; errors: number; requests: number }[] };
    for (const server of ['actor-graph', 'floor', 'peer']) {
      expect(report.rows.filter((r) => r.server === server).map((r) => r.operation)).toEqual(OPERATIONS);
    }
    expect(report.rows.filter((r) => r.errors > 0)).toEqual([]);
    // The peer's slowest operations may not finish one request in a one-second window; ours must.
    expect(report.rows.filter((r) => r.server !== 'peer' && r.requests === 0)).toEqual([]);
    expect(fs.readFileSync(path.join(out, 'quick.md'), 'utf8')).toContain('| 300 | entityByName | actor-graph |');
  } finally {
    fs.rmSync(out, { recursive: true, force: true });
  }
}, 420_000);
