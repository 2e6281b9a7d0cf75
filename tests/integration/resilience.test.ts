/**
 * A database that goes away under a running API: a real embedded Neo4j of this test's own is
 * stopped and started again while the API keeps serving. Readiness turns 503 promptly, GraphQL
 * answers SERVICE_UNAVAILABLE in seconds (not the driver's default 30-60 s), nothing is left
 * unhandled, and once Neo4j is back requests succeed again without restarting the API.
 * Timings are logged, and bounded only loosely: the point is "seconds, not minutes".
 */
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { readiness, startApi, type Api } from '../../src/app';
import { DEFAULT_LIMITS } from '../../src/config';
import { createLogger } from '../../src/log';
import { createDriver, Executor, type Driver } from '../../src/neo4j/driver';
import { startEmbeddedNeo4j, type EmbeddedNeo4j } from '../../src/neo4j/embedded';
import { loadSeed } from '../../src/seed/load';

const logger = createLogger('silent');
let dataDir: string;
let port: number;
let embedded: EmbeddedNeo4j | undefined;
let driver: Driver | undefined;
let api: Api | undefined;
const unhandled: unknown[] = [];
const onUnhandled = (reason: unknown): void => {
  unhandled.push(reason);
};

function freePort(): Promise<number> {
  return new Promise((resolve) => {
    const server = net.createServer().listen(0, '127.0.0.1', () => {
      const { port: p } = server.address() as net.AddressInfo;
      server.close(() => resolve(p));
    });
  });
}

const startNeo4j = (): Promise<EmbeddedNeo4j> => startEmbeddedNeo4j({ host: '127.0.0.1', port, dataDir, heap: '384m', pageCache: '32m', logger });

beforeAll(async () => {
  process.on('unhandledRejection', onUnhandled);
  dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'actor-graph-resilience-'));
  port = await freePort();
  embedded = await startNeo4j();
  const connected = createDriver({ uri: embedded.uri, user: 'neo4j', password: undefined, logger });
  driver = connected;
  const db = new Executor(connected, 'neo4j', DEFAULT_LIMITS.queryTimeoutMs);
  await loadSeed(db);
  api = await startApi(
    { db, isReady: readiness(connected, 'neo4j'), logger, production: false, introspection: true, limits: DEFAULT_LIMITS, maxBodyBytes: 100_000, corsOrigins: '*', shutdownGraceMs: 1_000 },
    0,
    '127.0.0.1',
  );
}, 120_000);

afterAll(async () => {
  process.off('unhandledRejection', onUnhandled);
  await api?.stop();
  await driver?.close();
  await embedded?.stop();
  fs.rmSync(dataDir, { recursive: true, force: true });
});

const apiUrl = (): string => {
  if (api === undefined) throw new Error('the API did not start');
  return api.url;
};
const ready = async (): Promise<number> => (await fetch(apiUrl().replace('/graphql', '/health/ready'))).status;
const live = async (): Promise<number> => (await fetch(apiUrl().replace('/graphql', '/health/live'))).status;
async function nato(): Promise<{ data?: { entity: { id: string } | null } | null; errors?: { extensions: { code: string } }[] }> {
  const response = await fetch(apiUrl(), { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ query: '{ entity(name: "nato") { id } }' }) });
  expect(response.status).toBeLessThan(500);
  return (await response.json()) as { data?: { entity: { id: string } | null } | null; errors?: { extensions: { code: string } }[] };
}

async function until(check: () => Promise<boolean>, limitMs: number): Promise<number> {
  const started = Date.now();
  while (!(await check())) {
    if (Date.now() - started > limitMs) throw new Error(`condition not met within ${limitMs} ms`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  return Date.now() - started;
}

describe('when Neo4j stops and comes back', () => {
  it('reports, fails promptly and honestly, and recovers without a restart', async () => {
    expect(await ready()).toBe(200);
    expect((await nato()).data?.entity?.id).toBe('entity:nato');

    await embedded?.stop();
    embedded = undefined;
    const stoppedAt = Date.now();

    const readyAfter = await until(async () => (await ready()) === 503, 10_000);
    expect(await live()).toBe(200);

    const requestStarted = Date.now();
    const failed = await nato();
    const failedAfter = Date.now() - requestStarted;
    expect(failed.errors?.map((e) => e.extensions.code)).toEqual(['SERVICE_UNAVAILABLE']);
    expect(JSON.stringify(failed)).not.toMatch(/Neo4jError|ServiceUnavailable:|ECONNREFUSED/);

    embedded = await startNeo4j();
    const backAt = Date.now();
    const recoveredAfter = await until(async () => (await nato()).data?.entity?.id === 'entity:nato', 30_000);
    expect(await ready()).toBe(200);
    expect(unhandled).toEqual([]);

    process.stdout.write(
      `resilience: /health/ready 503 after ${readyAfter} ms; GraphQL SERVICE_UNAVAILABLE after ${failedAfter} ms (${Date.now() - stoppedAt} ms since stop incl. restart); recovered ${recoveredAfter} ms after Neo4j was back (${backAt - stoppedAt} ms outage)\n`,
    );
    // Loose bounds: the driver's defaults would hang for 30-60 s.
    expect(readyAfter).toBeLessThan(5_000);
    expect(failedAfter).toBeLessThan(15_000);
    expect(recoveredAfter).toBeLessThan(15_000);
  }, 180_000);
});
