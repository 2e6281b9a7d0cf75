/**
 * `npm run neo4j`: the embedded Neo4j alone, in the foreground, until Ctrl-C.
 */
import { startEmbeddedNeo4j } from '../neo4j/embedded';
import { run } from './run';

run('neo4j', async (config, logger) => {
  const neo4j = await startEmbeddedNeo4j({ ...config.embedded, logger });
  logger.info({ uri: neo4j.uri, dataDir: config.embedded.dataDir }, `embedded Neo4j ready at ${neo4j.uri} (no auth); Ctrl-C stops it`);
  void neo4j.exited.then((code) => {
    logger.info({ code }, 'embedded Neo4j stopped');
    process.exit(code ?? 0);
  });
  return () => neo4j.stop();
});
