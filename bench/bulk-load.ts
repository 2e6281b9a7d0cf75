/**
 * A benchmark graph loaded through the bulk path (src/seed/bulk.ts) into a new embedded Neo4j of
 * its own: the importer's files written, the launcher started with `--import` (JVM start, the
 * import, the DBMS start), then the schema built on the imported data and plans refreshed. The
 * wall time covers all of it; each stage is reported too (names as the profile prints them).
 */
import { createDriver, CypherExecutor, type Driver } from '../src/neo4j/driver';
import { startEmbeddedNeo4j, type EmbeddedNeo4j } from '../src/neo4j/embedded';
import { finishBulkLoad, writeBulkFiles } from '../src/seed/bulk';
import type { SeedData } from '../src/seed/read';
import type { Logger } from '../src/log';

export interface BulkLoaded {
  neo4j: EmbeddedNeo4j;
  driver: Driver;
  db: CypherExecutor;
  /** From the first file written to every index online, in seconds. */
  seconds: number;
  /** Of those, the JVM's and DBMS's start (everything the launcher did but the import itself). */
  startSeconds: number;
  stages: { name: string; ms: number }[];
}

export async function bulkLoadGraph(
  graph: SeedData,
  options: { dataDir: string; heap: string; pageCache: string; maxOffHeap: string; logger: Logger; txMemory?: string },
): Promise<BulkLoaded> {
  const stages: { name: string; ms: number }[] = [];
  const observer = { statement: ({ name, ms }: { name: string; ms: number }) => void stages.push({ name, ms }) };
  const started = performance.now();
  const bulk = writeBulkFiles(graph, { maxOffHeap: options.maxOffHeap }, observer);
  let neo4j: EmbeddedNeo4j;
  const launched = performance.now();
  try {
    neo4j = await startEmbeddedNeo4j({
      host: '127.0.0.1',
      port: 0,
      dataDir: options.dataDir,
      heap: options.heap,
      pageCache: options.pageCache,
      txMemory: options.txMemory,
      logger: options.logger,
      readyTimeoutMs: 300_000,
      importDir: bulk.files.dir,
      onImportStage: ({ name, ms }) => void stages.push({ name: `  importer: ${name}`, ms }),
    });
  } finally {
    bulk.remove();
  }
  const launcherMs = performance.now() - launched;
  const importMs = neo4j.importMs ?? 0;
  stages.push({ name: 'bulk.import (launcher, in-process importer)', ms: importMs }, { name: 'bulk.start (JVM and DBMS start)', ms: launcherMs - importMs });
  const driver = createDriver({ uri: neo4j.uri, user: 'neo4j', password: undefined, logger: options.logger });
  const db = new CypherExecutor(driver, 'neo4j', 60_000);
  await finishBulkLoad(db, bulk, observer);
  return { neo4j, driver, db, seconds: (performance.now() - started) / 1000, startSeconds: (launcherMs - importMs) / 1000, stages };
}
