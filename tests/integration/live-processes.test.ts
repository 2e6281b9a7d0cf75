/**
 * Live updates across API processes, as deployed behind a load balancer: two built servers
 * (`node dist/main.js`) against the test Neo4j. A mutation sent to one reaches subscribers of the
 * other; concurrent writers through both (and a third, direct one) are seen by every subscriber
 * in the log's order; SIGTERM closes WebSockets with 1001 while the process drains and exits.
 * The end-to-end delay (commit to delivery, across processes) is logged, not asserted.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import readline from 'node:readline';
import { PROJECT_ROOT } from '../../src/config';
import { encodeCursor } from '../../src/graphql/cursor';
import { addEntity } from '../../src/queries/curation';
import { useSeededApi } from '../support/graphql';
import { CHANGES, ChangeCollector, liveClient, logEnd, logSeqs, range, type LiveClient, type ReceivedChange } from '../support/live';
import { signTestToken, TEST_JWT_SECRET } from '../support/tokens';

jest.setTimeout(240_000);

const MAIN = path.join(PROJECT_ROOT, 'dist', 'main.js');
const seeded = useSeededApi();
const children: ChildProcess[] = [];
const clients: LiveClient[] = [];

interface Served {
  url: string;
  child: ChildProcess;
  exited: Promise<number | null>;
}

/** The built server in a child process, against the test Neo4j, like `npm start` with NEO4J_URI. */
async function serve(extra: Record<string, string> = {}): Promise<Served> {
  const env: NodeJS.ProcessEnv = {};
  for (const [k, v] of Object.entries(process.env)) if (!/^(NEO4J_|AUTH_|PORT$|HOST$|LOG_LEVEL$|NODE_ENV$|CHANGES_|MAX_|WS_)/.test(k)) env[k] = v;
  const child = spawn(process.execPath, [MAIN], {
    env: { ...env, NEO4J_URI: process.env.NEO4J_URI, PORT: '0', HOST: '127.0.0.1', AUTH_JWT_SECRET: TEST_JWT_SECRET, LOG_LEVEL: 'info', SHUTDOWN_GRACE_MS: '5000', ...extra },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  children.push(child);
  const exited = new Promise<number | null>((resolve) => child.once('exit', resolve));
  const logs: string[] = [];
  const url = await new Promise<string>((resolve, reject) => {
    readline.createInterface({ input: child.stdout }).on('line', (line) => {
      logs.push(line);
      // The servers' errors belong in the test's output.
      if (/"level":(50|60)/.test(line)) process.stderr.write(`server: ${line}\n`);
      const entry = JSON.parse(line) as { url?: string; msg?: string };
      if (entry.msg?.startsWith('actor-graph is ready') === true && entry.url !== undefined) resolve(entry.url);
    });
    void exited.then((code) => reject(new Error(`exited with ${code} before it was ready:\n${logs.join('\n')}`)));
  });
  return { url, child, exited };
}

function connect(url: string): LiveClient {
  const client = liveClient(url);
  clients.push(client);
  return client;
}

let counter = 0;
/** addEntity through a server's GraphQL endpoint, with an editor's token. */
async function addThrough(url: string, token: string): Promise<string> {
  counter += 1;
  const response = await fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
    body: JSON.stringify({ query: 'mutation ($input: AddEntityInput!) { addEntity(input: $input) { id } }', variables: { input: { name: `Wqz Process Actor ${counter}`, kind: 'ORGANIZATION' } } }),
  });
  const body = (await response.json()) as { data?: { addEntity: { id: string } }; errors?: unknown };
  if (body.data?.addEntity === undefined) throw new Error(`addEntity failed: ${JSON.stringify(body)}`);
  return body.data.addEntity.id;
}

let a: Served;
let b: Served;
let token: string;

beforeAll(async () => {
  if (!fs.existsSync(MAIN)) throw new Error(`${MAIN} is missing: run \`npm run build\` first (npm test does)`);
  token = await signTestToken({ sub: 'process-test', roles: ['editor'] });
  [a, b] = await Promise.all([serve(), serve()]);
});

afterEach(async () => {
  await Promise.all(clients.splice(0).map((c) => c.dispose()));
});

afterAll(() => {
  for (const child of children) child.kill('SIGKILL');
});

describe('two API processes against one Neo4j', () => {
  it('delivers a mutation made on one process to a subscriber of the other, within about a second', async () => {
    // Subscribed from the current end of the log by cursor, so no write can slip in before.
    const start = await logEnd(seeded.neo4j.db);
    const subB = new ChangeCollector(connect(b.url).client, CHANGES, { after: encodeCursor([start]) });
    const subA = new ChangeCollector(connect(a.url).client, CHANGES, { after: encodeCursor([start]) });

    const delays: number[] = [];
    for (let i = 0; i < 10; i += 1) {
      const through = i % 2 === 0 ? a : b;
      const other = through === a ? subB : subA;
      const id = await addThrough(through.url, token);
      const seq = start + i + 1;
      await other.reach(seq);
      const change = other.changes.find((c) => c.nodeId === id) as ReceivedChange;
      delays.push(Date.now() - Date.parse(change.at));
      expect(change).toMatchObject({ kind: 'ENTITY_ADDED', by: 'process-test', nodeId: id });
    }
    await subA.reach(start + 10);
    await subB.reach(start + 10);
    expect(subA.seqs).toEqual(range(start + 1, start + 10));
    expect(subB.seqs).toEqual(range(start + 1, start + 10));
    process.stdout.write(`live-processes: commit-to-delivery across processes, ms: ${delays.join(', ')}\n`);
  });

  it('orders changes from concurrent writers on both processes as the log does, for every subscriber', async () => {
    const start = await logEnd(seeded.neo4j.db);
    const subscribers = [a, b, a, b].map((server) => ({ sub: new ChangeCollector(connect(server.url).client, CHANGES, { after: encodeCursor([start]) }) }));

    // Three writers per process and one direct writer, all at once.
    const writers = [a, a, a, b, b, b].map(async (server) => {
      for (let i = 0; i < 6; i += 1) await addThrough(server.url, token);
    });
    const direct = (async () => {
      for (let i = 0; i < 6; i += 1) {
        counter += 1;
        await addEntity(seeded.neo4j.db, 'direct-writer', { name: `Wqz Direct Actor ${counter}`, kind: 'ORGANIZATION' });
      }
    })();
    await Promise.all([...writers, direct]);

    const end = await logEnd(seeded.neo4j.db);
    expect(end - start).toBe(42);
    const log = await logSeqs(seeded.neo4j.db, start);
    for (const { sub } of subscribers) {
      await sub.reach(end);
      expect(sub.seqs).toEqual(log);
      expect(sub.seqs).toEqual(range(start + 1, end));
    }
    // Every process saw the same changes, not only the ones written through it.
    expect(new Set(subscribers[0]?.sub.changes.map((c) => c.by))).toEqual(new Set(['process-test', 'direct-writer']));
  });

  it('closes WebSockets with 1001 on SIGTERM, drains and exits 0; subscribers of the other process carry on', async () => {
    const start = await logEnd(seeded.neo4j.db);
    const onA = connect(a.url);
    new ChangeCollector(onA.client);
    const subB = new ChangeCollector(connect(b.url).client, CHANGES, { after: encodeCursor([start]) });
    await onA.connected;

    a.child.kill('SIGTERM');
    expect(await onA.closed).toEqual({ code: 1001, reason: 'Going away' });
    expect(await a.exited).toBe(0);

    await addThrough(b.url, token);
    await subB.reach(start + 1);
    expect(subB.seqs).toEqual([start + 1]);
  });
});
