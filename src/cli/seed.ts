/**
 * `npm run seed [-- --bulk]`: (re)loads seed/ into the configured Neo4j (the embedded one unless
 * NEO4J_URI is set), idempotently, showing its progress; a seed with problems is refused with
 * every problem listed. A big seed going into an embedded database that does not exist yet goes
 * through the bulk importer (src/seed/bulk.ts); `--bulk` asks for it whatever the size, and is
 * refused (nothing written) with NEO4J_URI, or by the launcher when the database holds data.
 */
import { connectNeo4j, type Neo4jHandle } from '../neo4j/connect';
import { BulkSeedRefused, bulkUnavailable, seedRowCount, startWithBulkSeed } from '../seed/bulk';
import { loadSeedData, SEED_DIR } from '../seed/load';
import { progressReporter } from '../seed/progress';
import { readSeed } from '../seed/read';
import type { SeedCounts } from '../seed/rows';
import { run } from './run';

run('seed', async (config, logger) => {
  const forceBulk = process.argv.slice(2).includes('--bulk');
  // Validated before anything starts: a refused seed writes nothing.
  const seed = readSeed(SEED_DIR);
  const unavailable = bulkUnavailable(config, seedRowCount(seed), forceBulk);
  if (forceBulk && unavailable !== null) throw new BulkSeedRefused(`--bulk refused, nothing was written: ${unavailable}`);
  // A terminal gets one updating line (rows, rate, time left); a pipe or a log collector JSON lines.
  const progress = progressReporter({ logger, stream: process.stderr });
  let neo4j: Neo4jHandle;
  let counts: SeedCounts;
  if (unavailable === null) {
    ({ neo4j, counts } = await startWithBulkSeed(config, logger, seed, progress.observer));
  } else {
    neo4j = await connectNeo4j(config, logger);
    try {
      counts = await loadSeedData(neo4j.db, seed, progress.observer);
    } catch (e: unknown) {
      await neo4j.close();
      throw e;
    }
  }
  try {
    progress.finish();
    logger.info({ ...counts, neo4j: neo4j.uri, path: unavailable === null ? 'bulk' : 'transactional' }, 'seed loaded');
  } finally {
    await neo4j.close();
  }
});
