/**
 * `npm run seed`: (re)loads seed/ into the configured Neo4j (the embedded one unless NEO4J_URI
 * is set), idempotently, showing its progress; a seed with problems is refused with every problem listed.
 */
import { connectNeo4j } from '../neo4j/connect';
import { loadSeed } from '../seed/load';
import { progressReporter } from '../seed/progress';
import { run } from './run';

run('seed', async (config, logger) => {
  const neo4j = await connectNeo4j(config, logger);
  try {
    // A terminal gets one updating line (rows, rate, time left); a pipe or a log collector JSON lines.
    const progress = progressReporter({ logger, stream: process.stderr });
    const counts = await loadSeed(neo4j.db, undefined, progress.observer);
    progress.finish();
    logger.info({ ...counts, neo4j: neo4j.uri }, 'seed loaded');
  } finally {
    await neo4j.close();
  }
});
