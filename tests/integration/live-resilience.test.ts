/**
 * Live updates while Neo4j goes away: a Neo4j of this test's own is restarted, crashed (SIGKILL)
 * and frozen (SIGSTOP) under a running API with subscribers. Subscribers stay connected, and
 * once Neo4j is back they receive every change exactly once, in order: the sequence numbers they
 * received are compared with the log read directly. Changes are written right before each
 * failure, so some are still unread by the change feed when Neo4j goes.
 *
 * @standalone
 */
import fs from 'node:fs';
import { startApi, type Api } from '../../src/app';
import { DEFAULT_LIMITS } from '../../src/config';
import { encodeCursor } from '../../src/graphql/cursor';
import { createLogger } from '../../src/log';
import { createDriver, CypherExecutor, type Driver } from '../../src/neo4j/driver';
import { startEmbeddedNeo4j, type EmbeddedNeo4j } from '../../src/neo4j/embedded';
import { addEntity } from '../../src/queries/curation';
import { CHANGES, ChangeCollector, liveClient, logEnd, logSeqs, range, type LiveClient } from '../support/live';
import { freePort, QUICK_START_JVM_OPTIONS, seededDataDir } from '../support/faults';

jest.setTimeout(300_000);

const logger = createLogger('silent');
let dataDir: string;
let port: number;
let neo4j: EmbeddedNeo4j | undefined;
let driver: Driver | undefined;
let db: CypherExecutor;
let api: Api | undefined;
const clients: LiveClient[] = [];
const unhandled: unknown[] = [];
const onUnhandled = (reason: unknown): void => {
  unhandled.push(reason);
};

const startNeo4j = async (): Promise<void> => {
  neo4j = await startEmbeddedNeo4j({ host: '127.0.0.1', port, dataDir, heap: '384m', pageCache: '32m', logger, jvmOptions: QUICK_START_JVM_OPTIONS });
};

beforeAll(async () => {
  process.on('unhandledRejection', onUnhandled);
  dataDir = await seededDataDir('live-resilience');
  port = await freePort();
  await startNeo4j();
  driver = createDriver({ uri: `bolt://127.0.0.1:${port}`, user: 'neo4j', password: undefined, logger });
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
  if (neo4j !== undefined) {
    process.kill(neo4j.pid, 'SIGCONT');
    await neo4j.stop();
  }
  fs.rmSync(dataDir, { recursive: true, force: true });
});

const running = (): Api => {
  if (api === undefined) throw new Error('the API did not start');
  return api;
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
    await neo4j?.stop();
    await outage(2_000);
    await startNeo4j();
    await write(5);
    await expectEveryChangeOnce(sub, start);
    expect(unhandled).toEqual([]);
  });

  it('resume after a crash (SIGKILL) and restart with nothing lost or repeated', async () => {
    const { sub, start } = await subscriber();
    await write(5);
    const crashed = neo4j;
    if (crashed === undefined) throw new Error('no Neo4j');
    process.kill(crashed.pid, 'SIGKILL');
    await crashed.exited;
    await outage(3_000);
    await startNeo4j();
    await write(5);
    await expectEveryChangeOnce(sub, start);
    expect(unhandled).toEqual([]);
  });

  it('ride out a frozen Neo4j (SIGSTOP) longer than a read may take, and resume when it thaws', async () => {
    const { sub, start } = await subscriber();
    await write(3);
    const frozen = neo4j;
    if (frozen === undefined) throw new Error('no Neo4j');
    process.kill(frozen.pid, 'SIGSTOP');
    try {
      // Longer than the feed's read deadline (5 s): its hung reads are abandoned and retried.
      await outage(8_000);
      // A subscriber that joins during the freeze, resuming from before it.
      const late = liveClient(running().url);
      clients.push(late);
      const lateSub = new ChangeCollector(late.client, CHANGES, { after: encodeCursor([start]) });
      await outage(1_000);
      process.kill(frozen.pid, 'SIGCONT');
      await write(3);
      await expectEveryChangeOnce(sub, start);
      await expectEveryChangeOnce(lateSub, start);
    } finally {
      process.kill(frozen.pid, 'SIGCONT');
    }
    expect(unhandled).toEqual([]);
  });
});
