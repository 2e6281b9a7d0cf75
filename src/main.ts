/**
 * `npm start`: Neo4j (embedded unless NEO4J_URI is set), schema, first-run seed, GraphQL API.
 */
import { startApp } from './app';
import { run } from './cli/run';

run('actor-graph', async (config, logger) => {
  const app = await startApp(config, logger);
  logger.info({ url: app.url, neo4j: app.neo4jUri }, `actor-graph is ready: GraphQL at ${app.url}`);
  return app.stop;
});
