/**
 * Integration-test access to the run's Neo4j (see global-setup.ts): a driver and executor per
 * test file, and a helper that empties the database so each file starts from, and leaves, nothing.
 */
import { createLogger } from '../../src/log';
import { createDriver, Executor, type Driver } from '../../src/neo4j/driver';

export interface TestNeo4j {
  driver: Driver;
  db: Executor;
  close: () => Promise<void>;
}

export const TEST_DATABASE = process.env.NEO4J_DATABASE ?? 'neo4j';

export function connectTestNeo4j(): TestNeo4j {
  const uri = process.env.NEO4J_URI;
  if (uri === undefined || uri === '') throw new Error('NEO4J_URI is not set: the integration global setup did not run');
  const driver = createDriver({ uri, user: process.env.NEO4J_USER ?? 'neo4j', password: process.env.NEO4J_PASSWORD, logger: createLogger('warn') });
  return { driver, db: new Executor(driver, TEST_DATABASE), close: () => driver.close() };
}

/** Deletes every node and relationship (the test database is disposable). */
export async function clearDatabase(db: Executor): Promise<void> {
  await db.write('MATCH (n) DETACH DELETE n', {}, () => undefined);
}

/** Every node and relationship with labels/type and properties, in a stable order: equal snapshots mean an unchanged graph. */
export async function graphSnapshot(db: Executor): Promise<string[]> {
  const rows = await db.read(
    `CALL () { MATCH (n) RETURN 'node' AS kind, labels(n) AS tags, properties(n) AS props, null AS ends
       UNION ALL
       MATCH (a)-[r]->(b) RETURN 'rel' AS kind, [type(r)] AS tags, properties(r) AS props, [properties(a), properties(b)] AS ends }
     RETURN kind, tags, props, ends`,
    {},
    (records) => records.map((r) => JSON.stringify([r.get('kind'), r.get('tags'), sortKeys(r.get('props')), sortKeys(r.get('ends'))])),
  );
  return rows.sort();
}

function sortKeys(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(sortKeys);
  if (value !== null && typeof value === 'object' && value.constructor === Object) {
    return Object.fromEntries(Object.entries(value as Record<string, unknown>).sort(([a], [b]) => a.localeCompare(b)).map(([k, v]) => [k, sortKeys(v)]));
  }
  return typeof value === 'object' && value !== null && 'toNumber' in value ? (value as { toNumber: () => number }).toNumber() : value;
}
