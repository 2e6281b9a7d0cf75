/**
 * The set-up of the files that break a Neo4j under a running API (resilience, deadline): a Neo4j
 * of the file's own (faults.ts) with the project seed, an API over it with the default request
 * deadline, a patient executor (no deadline) for setting up and checking, never for what is under
 * test, and a record of unhandled rejections, which must stay empty.
 */
import { DEFAULT_LIMITS } from '../../src/config';
import { codedError } from '../../src/graphql/format-error';
import { createLogger } from '../../src/log';
import { readiness } from '../../src/neo4j/connect';
import { createDriver, CypherExecutor, type Driver } from '../../src/neo4j/driver';
import { startOwnNeo4j, until, type OwnNeo4j } from './faults';
import { startTestServer, type TestServer } from './graphql';

const NATO = '{ entity(name: "nato") { id } }';

export interface ApiOverOwnNeo4j {
  readonly neo4j: OwnNeo4j;
  readonly api: TestServer;
  /** The API's executor, with the default deadline. */
  readonly db: CypherExecutor;
  /** No deadline: for setting up and checking. */
  readonly patient: CypherExecutor;
  /** Rejections nobody handled while the file ran. */
  readonly unhandled: unknown[];
  /** Whether the API answers a name lookup correctly now. */
  served: () => Promise<boolean>;
  /** The status of /health/ready, or of /health/live. */
  health: (probe: 'ready' | 'live') => Promise<number>;
  /** How many (:label {id}) nodes there are (the probes the file's writes leave). */
  count: (label: string, id: string) => Promise<number>;
}

/**
 * Starts it all in beforeAll (after `warmUp` name lookups through the driver and through the API
 * when asked: a cold JVM on a busy machine is slow at first) and disposes of it in afterAll.
 */
export function useApiOverOwnNeo4j(name: string, { warmUp = 0 }: { warmUp?: number } = {}): ApiOverOwnNeo4j {
  let neo4j: OwnNeo4j | undefined;
  let driver: Driver | undefined;
  let db: CypherExecutor | undefined;
  let patient: CypherExecutor | undefined;
  let api: TestServer | undefined;
  const unhandled: unknown[] = [];
  const onUnhandled = (reason: unknown): void => {
    unhandled.push(reason);
  };
  const defined = <T>(value: T | undefined, what: string): T => {
    if (value === undefined) throw new Error(`${what} did not start`);
    return value;
  };
  const setup: ApiOverOwnNeo4j = {
    get neo4j() {
      return defined(neo4j, 'Neo4j');
    },
    get api() {
      return defined(api, 'the API');
    },
    get db() {
      return defined(db, 'the executor');
    },
    get patient() {
      return defined(patient, 'the executor');
    },
    unhandled,
    served: async () => {
      const response = await setup.api.query<{ entity: { id: string } | null }>(NATO);
      return response.errors === undefined && response.data?.entity?.id === 'entity:nato';
    },
    health: async (probe) => (await fetch(setup.api.url.replace('/graphql', `/health/${probe}`))).status,
    count: (label, id) => setup.patient.read(`MATCH (p:\`${label}\` {id: $id}) RETURN count(p) AS n`, { id }, (r) => Number(r[0]?.get('n'))),
  };

  beforeAll(async () => {
    process.on('unhandledRejection', onUnhandled);
    neo4j = await startOwnNeo4j(name);
    driver = createDriver({ uri: neo4j.uri, user: 'neo4j', password: undefined, logger: createLogger('silent') });
    patient = new CypherExecutor(driver, 'neo4j');
    for (let i = 0; i < warmUp; i += 1) await patient.read('MATCH (n:Name {key: "nato"})-[:NAMES]->(e) RETURN e.id', {}, () => undefined);
    db = new CypherExecutor(driver, 'neo4j', DEFAULT_LIMITS.queryTimeoutMs, { deadlineMarginMs: DEFAULT_LIMITS.deadlineMarginMs });
    api = await startTestServer(db, { isReady: readiness(db) });
    // Ready before any test: the readiness probe has 1 s, and a new JVM's first queries take longer.
    await until(async () => (await setup.health('ready')) === 200, 60_000);
    for (let i = 0; i < warmUp; i += 1) expect(await setup.served()).toBe(true);
  }, 180_000);

  afterAll(async () => {
    process.off('unhandledRejection', onUnhandled);
    neo4j?.thaw();
    await api?.stop();
    await driver?.close();
    await neo4j?.dispose();
  }, 60_000);

  return setup;
}

/** The code a client gets for what the executor threw (plain errors, which the GraphQL layer codes). */
export const codeOf = (e: unknown): unknown => (codedError(e) as { extensions?: { code?: unknown } } | undefined)?.extensions?.code;
