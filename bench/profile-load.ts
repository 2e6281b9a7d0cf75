/**
 * Profiles the loader on a synthetic graph: `npm run bench:load -- --size 10000 [--drop <schema names>]
 * [--loads bulk,cold,warm,reseed]`. First the bulk path (`bulk`): the graph imported into a new
 * embedded Neo4j by the offline importer, timed from writing its files to every index online
 * (JVM and DBMS start included), with the importer's stages. Then the transactional loader in an
 * embedded Neo4j of its own: the graph loaded into the empty database (cold: nothing planned
 * yet), emptied and loaded again (warm: plans cached, JIT warm), then re-seeded over itself; for
 * each load it prints the time per statement name (summed over its batches) and the rate.
 * `--drop` removes schema objects (e.g. `search` for the full-text index) before the transactional
 * loads, to measure what they cost during the load.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { DEFAULT_LIMITS } from '../src/config';
import { applyConstraints } from '../src/queries/constraints';
import { writeSeed } from '../src/queries/seed';
import { createLogger } from '../src/log';
import { createDriver, CypherExecutor } from '../src/neo4j/driver';
import { startEmbeddedNeo4j } from '../src/neo4j/embedded';
import { syntheticGraph } from './graph';
import { bulkLoadGraph } from './bulk-load';

const arg = (name: string): string | undefined => {
  const at = process.argv.indexOf(`--${name}`);
  return at < 0 ? undefined : process.argv[at + 1];
};
const size = Number(arg('size') ?? '10000');
const drop = (arg('drop') ?? '').split(',').filter((s) => s !== '');
const heap = arg('heap') ?? (size >= 100_000 ? '12g' : '2g');
const loads = (arg('loads') ?? 'bulk,cold,warm,reseed').split(',');

/** Stages in the order they ran; the importer's repeated passes (`Relationship --> Relationship 2/5`) summed under one name. */
const printStages = (stages: { name: string; ms: number }[]): void => {
  const summed = new Map<string, number>();
  for (const { name, ms } of stages) {
    const key = name.replace(/ \d+\/\d+$/, '');
    summed.set(key, (summed.get(key) ?? 0) + ms);
  }
  for (const [name, ms] of summed) process.stdout.write(`  ${name.padEnd(52)} ${(ms / 1000).toFixed(2).padStart(7)} s\n`);
};

async function profileBulk(logger: ReturnType<typeof createLogger>): Promise<void> {
  const graph = syntheticGraph(size);
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), `actor-graph-profile-bulk-${size}-`));
  // The importer's caches live off the JVM heap.
  const maxOffHeap = arg('off-heap') ?? (size >= 100_000 ? '2g' : '512m');
  process.stdout.write(`${size} entities, ${graph.relationships.length} relationships, ${graph.documents.length} documents; bulk path, heap ${heap}, importer off-heap ${maxOffHeap}\n`);
  try {
    const loaded = await bulkLoadGraph(graph, { dataDir, heap, pageCache: size >= 100_000 ? '1g' : '256m', maxOffHeap, logger });
    try {
      const withoutStart = loaded.seconds - loaded.startSeconds;
      process.stdout.write(
        `\nbulk: ${loaded.seconds.toFixed(1)} s, ${Math.round(graph.relationships.length / loaded.seconds)} relationships/s ` +
          `(JVM and DBMS start included; without them ${withoutStart.toFixed(1)} s, ${Math.round(graph.relationships.length / withoutStart)}/s)\n`,
      );
      printStages(loaded.stages);
    } finally {
      await loaded.driver.close();
      await loaded.neo4j.stop();
    }
  } finally {
    fs.rmSync(dataDir, { recursive: true, force: true });
  }
}

async function main(): Promise<void> {
  const logger = createLogger('warn');
  if (loads.includes('bulk')) await profileBulk(logger);
  const transactional = loads.filter((l) => l !== 'bulk');
  if (transactional.length === 0) return;
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), `actor-graph-profile-${size}-`));
  const neo4j = await startEmbeddedNeo4j({ host: '127.0.0.1', port: 0, dataDir, heap, pageCache: size >= 100_000 ? '1g' : '256m', txMemory: '0', logger, readyTimeoutMs: 300_000 });
  const driver = createDriver({ uri: neo4j.uri, user: 'neo4j', password: undefined, logger });
  const db = new CypherExecutor(driver, 'neo4j', DEFAULT_LIMITS.queryTimeoutMs).withTimeout(undefined);
  try {
    await applyConstraints(db);
    for (const name of drop) await db.write(`DROP ${/^(entity_name|entity_kind|name_key_text|search|name_first)$/.test(name) ? 'INDEX' : 'CONSTRAINT'} ${name}`, {}, () => undefined);
    const graph = syntheticGraph(size);
    process.stdout.write(`${size} entities, ${graph.relationships.length} relationships, ${graph.documents.length} documents; heap ${heap}; dropped: ${drop.join(', ') || 'nothing'}\n`);
    for (const load of transactional) {
      if (load === 'warm') {
        // IN TRANSACTIONS needs an implicit (auto-commit) transaction.
        const session = driver.session();
        await session.run('MATCH (n) WHERE NOT n:ChangeLog CALL (n) { DETACH DELETE n } IN TRANSACTIONS OF 5000 ROWS');
        await session.close();
      }
      const times = new Map<string, { ms: number; calls: number; rows: number }>();
      const started = performance.now();
      await writeSeed(db, graph, {
        statement: ({ name, rows, ms }) => {
          const t = times.get(name) ?? { ms: 0, calls: 0, rows: 0 };
          times.set(name, { ms: t.ms + ms, calls: t.calls + 1, rows: t.rows + rows });
        },
      });
      const inTransaction = performance.now() - started;
      await db.write('CALL db.awaitIndexes(600)', {}, () => undefined);
      const seconds = (performance.now() - started) / 1000;
      process.stdout.write(
        `\n${load}: ${seconds.toFixed(1)} s (transaction and replanning ${(inTransaction / 1000).toFixed(1)} s), ${Math.round(graph.relationships.length / seconds)} relationships/s\n`,
      );
      const statements = [...times.entries()].sort((a, b) => b[1].ms - a[1].ms);
      const listed = statements.reduce((n, [, t]) => n + t.ms, 0);
      for (const [name, t] of statements) {
        if (t.ms < 50) continue;
        process.stdout.write(`  ${name.padEnd(44)} ${(t.ms / 1000).toFixed(2).padStart(7)} s  ${String(t.calls).padStart(4)} calls  ${String(t.rows).padStart(8)} rows${t.rows > 0 ? `  ${Math.round(t.rows / (t.ms / 1000))} rows/s` : ''}\n`);
      }
      process.stdout.write(`  (other: ${((inTransaction - listed) / 1000).toFixed(2)} s: reading the seed, commit, replanning)\n`);
    }
  } finally {
    await driver.close();
    await neo4j.stop();
    fs.rmSync(dataDir, { recursive: true, force: true });
  }
}

main().catch((e: unknown) => {
  process.stderr.write(`${e instanceof Error ? (e.stack ?? e.message) : String(e)}\n`);
  process.exit(1);
});
