/**
 * `npm run seed`: (re)loads seed/ into the configured Neo4j (the embedded one unless NEO4J_URI
 * is set), idempotently; a seed with problems is refused with every problem listed.
 */
import { connectNeo4j } from '../neo4j/connect';
import { loadSeed } from '../seed/load';
import { run } from './run';

run('seed', async (config, logger) => {
  const neo4j = await connectNeo4j(config, logger);
  try {
    const counts = await loadSeed(neo4j.db);
    logger.info({ ...counts, neo4j: neo4j.uri }, 'seed loaded');
  } finally {
    await neo4j.close();
  }
});
