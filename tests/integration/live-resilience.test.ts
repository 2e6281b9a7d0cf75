/**
 * Live updates while Neo4j goes away: a Neo4j of this test's own is restarted, crashed (SIGKILL)
 * and frozen (SIGSTOP) under a running API with subscribers. Subscribers stay connected, and
 * once Neo4j is back they receive every change exactly once, in order: the sequence numbers they
 * received are compared with the log read directly. Changes are written right before each
 * failure, so some are still unread by the change feed when Neo4j goes.
 *
 * @standalone
 */
import { startApi, type Api } from '../../src/app';
import { DEFAULT_LIMITS } from '../../src/config';
import { encodeCursor } from '../../src/graphql/cursor';
import { createLogger } from '../../src/log';
import { createDriver, CypherExecutor, type Driver } from '../../src/neo4j/driver';
import { addEntity } from '../../src/queries/curation';
import { CHANGES, ChangeCollector, liveClient, logEnd, logSeqs, range, type LiveClient } from '../support/live';
import { startOwnNeo4j, type OwnNeo4j } from '../support/faults';

jest.setTimeout(300_000);

const logger = createLogger('silent');
let neo4j: OwnNeo4j | undefined;
let driver: Driver | undefined;
let db: CypherExecutor;
let api: Api | undefined;
const clients: LiveClient[] = [];
const unhandled: unknown[] = [];
const onUnhandled = (reason: unknown): void => {
  unhandled.push(reason);
};

beforeAll(async () => {
  process.on('unhandledRejection', onUnhandled);
  neo4j = await startOwnNeo4j('live-resilience');
  driver = createDriver({ uri: neo4j.uri, user: 'neo4j', password: undefined, logger });
  db = new CypherExecutor(driver, 'neo4j', DEFAULT_LIMITS.queryTimeoutMs);
  api = await startApi(
    { db, isReady: () => Promise.resolve(true), logger, production: false, introspection: true, limits: DEFAULT_LIMITS, maxBodyBytes: 100_000, corsOrigins: '*', shutdownGraceMs: 1_000 },
    0,
    '127.0.0.1',
  );
});

afterEach(async () => {
  await Promise.all(clients.splice(0).map((c) => c.dispose()));
});

afterAll(async () => {
  process.off('unhandledRejection', onUnhandled);
  await api?.stop();
  await driver?.close();
  await neo4j?.dispose();
});

const running = (): Api => {
  if (api === undefined) throw new Error('the API did not start');
  return api;
};
const ownNeo4j = (): OwnNeo4j => {
  if (neo4j === undefined) throw new Error('Neo4j did not start');
  return neo4j;
};

let counter = 0;
/**
 * Writes through an executor of its own with a patient timeout: the first write after a restart
 * plans its statements afresh, which on a busy machine took 13 s (the API's 5 s would stop it).
 */
async function write(count: number): Promise<void> {
  const writer = db.withTimeout(60_000);
  for (let i = 0; i < count; i += 1) {
    counter += 1;
    await addEntity(writer, 'resilience', { name: `Kzq Resilient Actor ${counter}`, kind: 'ORGANIZATION' });
  }
}

/** A subscriber from the current end of the log (by cursor: no write can slip in between). */
async function subscriber(): Promise<{ sub: ChangeCollector; start: number }> {
  const start = await logEnd(db);
  const client = liveClient(running().url);
  clients.push(client);
  return { sub: new ChangeCollector(client.client, CHANGES, { after: encodeCursor([start]) }), start };
}

async function outage(ms: number): Promise<void> {
  await new Promise((resolve) => setTimeout(resolve, ms));
  // Still connected, and nothing went wrong with the subscriptions.
  expect(running().webSocketStats().connections).toBe(clients.length);
}

async function expectEveryChangeOnce(sub: ChangeCollector, start: number): Promise<void> {
  const end = await logEnd(db);
  await sub.reach(end, 60_000);
  expect(sub.error).toBeUndefined();
  expect(sub.seqs).toEqual(range(start + 1, end));
  expect(await logSeqs(db, start)).toEqual(sub.seqs);
}

describe('subscribers while Neo4j goes away', () => {
  it('resume after a clean restart with nothing lost or repeated', async () => {
    const { sub, start } = await subscriber();
    await write(5);
    await ownNeo4j().stop();
    await outage(2_000);
    await ownNeo4j().restart();
    await write(5);
    await expectEveryChangeOnce(sub, start);
    expect(unhandled).toEqual([]);
  });

  it('resume after a crash (SIGKILL) and restart with nothing lost or repeated', async () => {
    const { sub, start } = await subscriber();
    await write(5);
    await ownNeo4j().crash();
    await outage(3_000);
    await ownNeo4j().restart();
    await write(5);
    await expectEveryChangeOnce(sub, start);
    expect(unhandled).toEqual([]);
  });

  it('ride out a frozen Neo4j (SIGSTOP) longer than a read may take, and resume when it thaws', async () => {
    const { sub, start } = await subscriber();
    await write(3);
    const frozen = ownNeo4j();
    await frozen.freeze();
    try {
      // Longer than the feed's read deadline (5 s): its hung reads are abandoned and retried.
      await outage(8_000);
      // A subscriber that joins during the freeze, resuming from before it.
      const late = liveClient(running().url);
      clients.push(late);
      const lateSub = new ChangeCollector(late.client, CHANGES, { after: encodeCursor([start]) });
      await outage(1_000);
      frozen.thaw();
      await write(3);
      await expectEveryChangeOnce(sub, start);
      await expectEveryChangeOnce(lateSub, start);
    } finally {
      frozen.thaw();
    }
    expect(unhandled).toEqual([]);
  });
});
