/**
 * The bulk path of a first load: when the embedded Neo4j is ours (no NEO4J_URI) and its database
 * does not exist yet, a big seed goes in through Neo4j's offline importer instead of one Cypher
 * transaction. The importer's files are written from the same rows the transactional loader
 * sends (src/seed/import-files.ts); the launcher imports them before its DBMS starts (so nothing
 * serves a half-written store) and refuses a database that holds anything; then the schema is
 * built on the imported data (index population is a bulk build), the lists the importer cannot
 * write are set, and plans are refreshed. The result equals what `writeSeed` leaves in an empty
 * graph (tests/integration/bulk-import.test.ts compares the two).
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Config } from '../config';
import type { Logger } from '../log';
import { connectNeo4j, type Neo4jHandle } from '../neo4j/connect';
import type { CypherExecutor } from '../neo4j/driver';
import { run } from '../neo4j/statement';
import { listFixupStatements } from '../queries/bulk';
import { applyConstraints, schemaObjectName } from '../queries/constraints';
import type { SeedObserver } from '../queries/seed';
import { writeImportFiles, type ImportFiles } from './import-files';
import { readSeed, type SeedData } from './read';
import { SEED_DIR } from './load';
import { seedRows, type SeedCounts, type SeedRows } from './rows';

/**
 * The smallest load (entities, documents, relationships and mentions rows) that goes through the
 * importer when the choice is automatic. Measured (README, "Benchmark"), both paths timed without
 * the JVM and DBMS start they share: 1k entities (~11k rows) 24 s bulk against about 9 s
 * transactional; 10k (~110k rows) 29-35 s bulk against 29-62 s transactional, depending on the
 * machine's load. The crossover lies between about 50k and 170k rows.
 */
export const BULK_MIN_ROWS = 100_000;

/** Loads at least this big are followed by fresh statistics and plans (as writeSeed does). */
const REPLAN_AFTER_ROWS = 10_000;

/** The bulk path was asked for but cannot run; nothing was written. */
export class BulkSeedRefused extends Error {
  override name = 'BulkSeedRefused';
}

/** Where the embedded launcher keeps the `neo4j` database's store (DatabaseManagementServiceBuilder's layout). */
export function embeddedStore(dataDir: string): string {
  return path.join(dataDir, 'data', 'databases', 'neo4j');
}

/**
 * Why the bulk path cannot run here, or null when it can: it needs the embedded Neo4j, and (unless
 * `force`d) a database that does not exist yet and a seed of at least BULK_MIN_ROWS rows. A forced
 * load into an existing store is left to the launcher, which refuses it unless it is empty.
 */
export function bulkUnavailable(config: Config, rows: number, force: boolean): string | null {
  if (config.neo4j.mode !== 'embedded') return 'the bulk importer needs the embedded Neo4j (NEO4J_URI is set)';
  if (force) return null;
  if (fs.existsSync(embeddedStore(config.embedded.dataDir))) return `the database in ${config.embedded.dataDir} exists already`;
  if (rows < BULK_MIN_ROWS) return `the seed is small (${rows} rows, the importer pays from ${BULK_MIN_ROWS})`;
  return null;
}

/**
 * The seed to bulk-load at a first start, or undefined: read (and validated) only when the embedded
 * database does not exist yet, and only returned when it is big enough for the importer to pay.
 */
export function seedForBulkLoad(config: Config, dir: string = SEED_DIR): SeedData | undefined {
  if (config.neo4j.mode !== 'embedded' || fs.existsSync(embeddedStore(config.embedded.dataDir))) return undefined;
  const seed = readSeed(dir);
  return bulkUnavailable(config, seedRowCount(seed), false) === null ? seed : undefined;
}

/** The rows a first load of `seed` writes (entities, documents, relationships, mention rows), without building them. */
export const seedRowCount = (seed: SeedData): number => seed.entities.length + seed.documents.length + seed.relationships.length + seed.mentions.length;

export interface BulkFiles {
  rows: SeedRows;
  files: ImportFiles;
  /** Deletes the files (after the import, or when it fails). */
  remove: () => void;
}

/** Writes the importer's files for `seed` into a new temporary folder. */
export function writeBulkFiles(seed: SeedData, options: { maxOffHeap: string; tmpDir?: string }, observer: SeedObserver = {}): BulkFiles {
  const started = performance.now();
  const rows = seedRows(seed);
  observer.planned?.(rows.rowsToWrite);
  const dir = fs.mkdtempSync(path.join(options.tmpDir ?? os.tmpdir(), 'actor-graph-import-'));
  const remove = (): void => fs.rmSync(dir, { recursive: true, force: true });
  try {
    const files = writeImportFiles(dir, rows, { threads: Math.max(1, os.availableParallelism()), maxOffHeap: options.maxOffHeap });
    observer.statement?.({ name: 'bulk.write-files', rows: 0, ms: performance.now() - started });
    return { rows, files, remove };
  } catch (e: unknown) {
    remove();
    throw e;
  }
}

/** After the import, with the DBMS up: the schema built on the imported data, the lists the importer could not write, fresh plans. */
export async function finishBulkLoad(db: CypherExecutor, bulk: BulkFiles, observer: SeedObserver = {}): Promise<SeedCounts> {
  const patient = db.withTimeout(undefined);
  let at = performance.now();
  const step = (name: string): void => {
    const now = performance.now();
    observer.statement?.({ name, rows: 0, ms: now - at });
    at = now;
  };
  // Every uniqueness constraint is built (and checked) over the imported data, the other indexes
  // populated; applyConstraints waits for all of them.
  await applyConstraints(patient, (statement, ms) => {
    // Only what takes time: building an index or constraint on the data, and waiting for the rest.
    if (ms >= 500) observer.statement?.({ name: `  schema: ${/^CALL/.test(statement) ? 'db.awaitIndexes' : schemaObjectName(statement)}`, rows: 0, ms });
  });
  step('bulk.schema');
  const fixups = listFixupStatements(bulk.files.fixups);
  if (fixups.length > 0) {
    await patient.writeTransaction(async (tx) => {
      for (const s of fixups) await run(tx, s);
    }, 'bulk.set-lists');
    step('bulk.set-lists');
  }
  const { counts } = bulk.rows;
  // As writeSeed: the planner's statistics must catch up with a big load before the first plans.
  if (counts.entities + counts.relationships >= REPLAN_AFTER_ROWS) {
    await patient.read('CALL db.prepareForReplanning()', {}, () => undefined);
    step('seed.replan');
  }
  return counts;
}

/**
 * Starts the embedded Neo4j with `seed` bulk-imported into it (see the module's comment) and
 * returns the handle and what was loaded. The importer's files are deleted whatever happens; if
 * the launcher refuses (a database that holds data) or the import fails, this rejects with its
 * one-line reason and the store is as it was.
 */
export async function startWithBulkSeed(config: Config, logger: Logger, seed: SeedData, observer: SeedObserver = {}): Promise<{ neo4j: Neo4jHandle; counts: SeedCounts }> {
  // The importer's caches live off the JVM heap; the page cache's size is what the README's sizing already sets aside.
  const bulk = writeBulkFiles(seed, { maxOffHeap: config.embedded.pageCache }, observer);
  logger.info({ rows: bulk.rows.rowsToWrite, megabytes: Math.round(bulk.files.bytes / 1e6) }, 'seed: bulk import into the new embedded database');
  let neo4j: Neo4jHandle;
  const started = performance.now();
  try {
    neo4j = await connectNeo4j(config, logger, {
      importDir: bulk.files.dir,
      // The importer's progress, honestly coarse: each of its stages as it ends (rows count once it is done).
      onImportStage: ({ name, ms }) => {
        logger.info({ stage: name, ms }, 'seed: import stage done');
        observer.statement?.({ name: `bulk.import.${name.toLowerCase().replace(/\W+/g, '-')}`, rows: 0, ms });
      },
    });
  } finally {
    bulk.remove();
  }
  const importMs = neo4j.embedded?.importMs ?? 0;
  observer.statement?.({ name: 'bulk.import', rows: bulk.rows.rowsToWrite, ms: importMs });
  observer.statement?.({ name: 'bulk.start', rows: 0, ms: performance.now() - started - importMs });
  try {
    return { neo4j, counts: await finishBulkLoad(neo4j.db, bulk, observer) };
  } catch (e: unknown) {
    await neo4j.close();
    throw e;
  }
}
