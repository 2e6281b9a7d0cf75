/**
 * Integration-test access to the run's Neo4j (see global-setup.ts): a driver and executor per
 * test file, a helper that empties the database so each file starts from, and leaves, nothing,
 * and the project seed shared by the files that read it while none changes it.
 */
import fs from 'node:fs';
import path from 'node:path';
import { isDeepStrictEqual } from 'node:util';
import { createLogger } from '../../src/log';
import { createDriver, CypherExecutor, type Driver } from '../../src/neo4j/driver';
import { applyConstraints } from '../../src/queries/constraints';
import { loadSeed } from '../../src/seed/load';

export interface TestNeo4j {
  driver: Driver;
  db: CypherExecutor;
  close: () => Promise<void>;
}

export const TEST_DATABASE = process.env.NEO4J_DATABASE ?? 'neo4j';

export function connectTestNeo4j(): TestNeo4j {
  const uri = process.env.NEO4J_URI;
  if (uri === undefined || uri === '') throw new Error('NEO4J_URI is not set: the integration global setup did not run');
  const driver = createDriver({ uri, user: process.env.NEO4J_USER ?? 'neo4j', password: process.env.NEO4J_PASSWORD, logger: createLogger('warn') });
  return { driver, db: new CypherExecutor(driver, TEST_DATABASE), close: () => driver.close() };
}

/**
 * For a file (or describe block) that starts from an empty database, with the project's schema
 * when asked, and leaves it empty: registers its own beforeAll and afterAll. Its `db` and `driver`
 * are there from beforeAll on.
 */
export function useEmptyNeo4j(options: { schema?: boolean } = {}): Omit<TestNeo4j, 'close'> {
  let neo4j: TestNeo4j | undefined;
  beforeAll(async () => {
    neo4j = connectTestNeo4j();
    await clearDatabase(neo4j.db);
    if (options.schema === true) await applyConstraints(neo4j.db);
  });
  afterAll(async () => {
    if (neo4j === undefined) return;
    await clearDatabase(neo4j.db);
    await neo4j.close();
  });
  const connected = (): TestNeo4j => {
    if (neo4j === undefined) throw new Error('useEmptyNeo4j: used before its beforeAll ran');
    return neo4j;
  };
  return {
    get db() {
      return connected().db;
    },
    get driver() {
      return connected().driver;
    },
  };
}

/** Deletes every node and relationship (the test database is disposable). */
export async function clearDatabase(db: CypherExecutor): Promise<void> {
  await db.write('MATCH (n) DETACH DELETE n', {}, () => undefined);
}

/** Every node and relationship with labels/type and properties, in a stable order: equal snapshots mean an unchanged graph. */
export async function graphSnapshot(db: CypherExecutor): Promise<string[]> {
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

/**
 * Every stored property that holds a float, as `node Label.key: TYPE ×n` or `rel TYPE.key: …`.
 * The graph stores no fractional numbers at all (offsets, counts, sequence numbers, times), so
 * any entry is a write that sent a JavaScript number without making it an integer.
 */
export async function floatProperties(db: CypherExecutor): Promise<string[]> {
  return db.read(
    `CALL () { MATCH (n) UNWIND keys(n) AS k RETURN 'node' AS kind, labels(n)[0] AS tag, k, valueType(n[k]) AS type
       UNION ALL
       MATCH ()-[r]->() UNWIND keys(r) AS k RETURN 'rel' AS kind, type(r) AS tag, k, valueType(r[k]) AS type }
     WITH kind, tag, k, type WHERE type CONTAINS 'FLOAT'
     RETURN kind, tag, k, type, count(*) AS n ORDER BY kind, tag, k`,
    {},
    (records) => records.map((r) => `${r.get('kind')} ${r.get('tag')}.${r.get('k')}: ${r.get('type')} ×${r.get('n')}`),
  );
}

/**
 * Loading the seed takes seconds (the loader's transaction, and fresh query plans after it);
 * comparing the whole graph with what a load left takes a fraction of one. So the graph right
 * after this run's last load is kept in a file (in the folder the global setup made), and a file
 * that finds exactly that graph reuses it instead of loading again.
 */
const SEEDED_GRAPH = process.env.ACTOR_GRAPH_TEST_STATE_DIR === undefined ? undefined : path.join(process.env.ACTOR_GRAPH_TEST_STATE_DIR, 'seeded-graph.json');

async function stillAsLoaded(db: CypherExecutor): Promise<boolean> {
  if (SEEDED_GRAPH === undefined || !fs.existsSync(SEEDED_GRAPH)) return false;
  return isDeepStrictEqual(await graphSnapshot(db), JSON.parse(fs.readFileSync(SEEDED_GRAPH, 'utf8')));
}

/** The project seed, exactly as loading it into an empty database leaves it: the last load's graph when nothing has changed it since, else emptied and loaded again. */
export async function ensureSeeded(db: CypherExecutor): Promise<void> {
  if (await stillAsLoaded(db)) return;
  if (SEEDED_GRAPH !== undefined) fs.rmSync(SEEDED_GRAPH, { force: true });
  await clearDatabase(db);
  await loadSeed(db);
  if (SEEDED_GRAPH !== undefined) {
    fs.writeFileSync(`${SEEDED_GRAPH}.new`, JSON.stringify(await graphSnapshot(db)));
    fs.renameSync(`${SEEDED_GRAPH}.new`, SEEDED_GRAPH);
  }
}

/** At the end of a file that used `ensureSeeded`: a graph still exactly as loaded stays for the next file; one the file changed is emptied. */
export async function releaseSeeded(db: CypherExecutor): Promise<void> {
  if (await stillAsLoaded(db)) return;
  if (SEEDED_GRAPH !== undefined) fs.rmSync(SEEDED_GRAPH, { force: true });
  await clearDatabase(db);
}
