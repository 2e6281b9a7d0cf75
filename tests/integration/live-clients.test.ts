/**
 * Live updates as clients meet them: Apollo Client with GraphQLWsLink (as a front end subscribes),
 * a client that stops reading (disconnected with the server's buffered bytes bounded), and a
 * client that stops answering (dropped by keep-alive pings). Against the real Neo4j; changes
 * are made with the curation data-access functions, as mutations make them.
 */
import { ApolloClient, CombinedGraphQLErrors, InMemoryCache, gql } from '@apollo/client';
import { GraphQLWsLink } from '@apollo/client/link/subscriptions';
import { createClient } from 'graphql-ws';
import WebSocket from 'ws';
import { encodeCursor } from '../../src/graphql/cursor';
import type { LiveConfig } from '../../src/config';
import { addEntity } from '../../src/queries/curation';
import { startTestServer, useSeededApi, type TestServer } from '../support/graphql';
import { CHANGES, ChangeCollector, liveClient, logEnd, range, seqOf, wsUrl, type LiveClient, type ReceivedChange } from '../support/live';

jest.setTimeout(180_000);

// GraphQLWsLink reads the global WebSocket (as in a browser) when it classifies errors; Node 20
// has none (Node 22 does), so give it the `ws` class the clients use.
(globalThis as { WebSocket?: unknown }).WebSocket ??= WebSocket;

const seeded = useSeededApi();
const cleanups: (() => unknown)[] = [];
let counter = 0;

afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

async function server(live: Partial<LiveConfig> = {}): Promise<TestServer> {
  const api = await startTestServer(seeded.neo4j.db, { live });
  cleanups.push(() => api.stop());
  return api;
}

function client(url: string, options: Parameters<typeof liveClient>[1] = {}): LiveClient {
  const live = liveClient(url, options);
  cleanups.push(() => live.dispose());
  return live;
}

async function write(description?: string): Promise<string> {
  counter += 1;
  return (await addEntity(seeded.neo4j.db, 'live-test', { name: `Qvx Client Actor ${counter}`, kind: 'ORGANIZATION', description })).id;
}

async function until(check: () => boolean, timeoutMs = 15_000, what = 'condition'): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!check()) {
    if (Date.now() > deadline) throw new Error(`${what} not met within ${timeoutMs} ms`);
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

describe('Apollo Client with GraphQLWsLink', () => {
  it('receives changes as they commit, and resumes from a cursor after reconnecting', async () => {
    const api = await server();
    const connect = (): ApolloClient => {
      const ws = createClient({ url: wsUrl(api.url), webSocketImpl: WebSocket });
      cleanups.push(() => ws.dispose());
      return new ApolloClient({ link: new GraphQLWsLink(ws), cache: new InMemoryCache() });
    };
    const subscribe = (apollo: ApolloClient, after: string | null, into: ReceivedChange[], errors: unknown[]): void => {
      const subscription = apollo.subscribe<{ changes: ReceivedChange }>({ query: gql(CHANGES), variables: { after } }).subscribe({
        next: (result) => {
          if (result.data) into.push(result.data.changes);
          if (result.error !== undefined) errors.push(result.error);
        },
        error: (e: unknown) => errors.push(e),
      });
      cleanups.push(() => subscription.unsubscribe());
    };

    const first: ReceivedChange[] = [];
    const errors: unknown[] = [];
    subscribe(connect(), null, first, errors);
    await until(() => api.webSocketStats().subscriptions === 1, 15_000, 'the subscription');
    const start = await logEnd(seeded.neo4j.db);
    const ids = [await write(), await write()];
    await until(() => first.length >= 2, 15_000, 'two changes');
    expect(first.map((c) => [seqOf(c.cursor), c.kind, c.nodeId])).toEqual([
      [start + 1, 'ENTITY_ADDED', ids[0]],
      [start + 2, 'ENTITY_ADDED', ids[1]],
    ]);

    // Another client (a reload of the page) resumes after the first change it had seen.
    const resumed: ReceivedChange[] = [];
    subscribe(connect(), first[0]?.cursor ?? null, resumed, errors);
    await write();
    await until(() => resumed.length >= 2, 15_000, 'the replayed and the new change');
    expect(resumed.map((c) => seqOf(c.cursor))).toEqual([start + 2, start + 3]);
    expect(errors).toEqual([]);
  });

  it('surfaces a bad cursor as an error with BAD_USER_INPUT', async () => {
    const api = await server();
    const ws = createClient({ url: wsUrl(api.url), webSocketImpl: WebSocket, retryAttempts: 0 });
    cleanups.push(() => ws.dispose());
    const apollo = new ApolloClient({ link: new GraphQLWsLink(ws), cache: new InMemoryCache() });
    const outcome = await new Promise<unknown>((resolve) => {
      apollo.subscribe({ query: gql(CHANGES), variables: { after: encodeCursor([10_000_000]) } }).subscribe({
        next: (result) => resolve(result.error),
        error: (e: unknown) => resolve(e),
      });
    });
    if (!CombinedGraphQLErrors.is(outcome)) throw new Error(`expected GraphQL errors, got ${String(outcome)}`);
    expect(outcome.errors.map((e) => e.extensions?.code)).toEqual(['BAD_USER_INPUT']);
  });
});

describe('clients that stop reading or answering', () => {
  it('disconnects a client that stops reading, before its unsent bytes grow past the cap', async () => {
    const maxBufferedBytes = 65_536;
    const api = await server({ maxBufferedBytes, keepAliveMs: 600_000 });
    let socket: WebSocket | undefined;
    const slow = client(api.url, { on: { opened: (s) => (socket = s as WebSocket) } });
    // Ten subscriptions, each asking for a 5,000-character description fifteen times: about
    // 760 kB of messages per change, so a few changes fill the kernel's socket buffers.
    const aliases = Array.from({ length: 15 }, (_, i) => `a${i}: node { ... on Entity { description } }`).join(' ');
    const subscriptions = 10;
    for (let i = 0; i < subscriptions; i += 1) new ChangeCollector(slow.client, `subscription { changes { cursor ${aliases} } }`);
    await until(() => api.webSocketStats().subscriptions === subscriptions, 15_000, 'the subscriptions');
    // A well-behaved client on the same server, to show the others are unaffected.
    const steady = new ChangeCollector(client(api.url).client);
    await until(() => api.webSocketStats().subscriptions === subscriptions + 1, 15_000, 'the steady subscription');
    const start = await logEnd(seeded.neo4j.db);

    socket?.pause();
    const description = 'x'.repeat(5_000);
    const writes = 40;
    for (let i = 0; i < writes && api.webSocketStats().slowConsumers === 0; i += 1) await write(description);
    await until(() => api.webSocketStats().slowConsumers === 1 && api.webSocketStats().connections === 1, 30_000, 'the slow consumer disconnected');

    // What the server held for the slow client stayed within the cap plus one message per
    // subscription in flight, however much the writes produced.
    const message = 15 * (description.length + 100) + 200;
    expect(api.webSocketStats().peakBufferedBytes).toBeLessThanOrEqual(maxBufferedBytes + subscriptions * message);
    socket?.resume();
    expect([1006, 1008]).toContain((await slow.closed).code);

    const end = await logEnd(seeded.neo4j.db);
    await steady.reach(end);
    expect(steady.seqs).toEqual(range(start + 1, end));
  });

  it('drops a connection whose client no longer answers keep-alive pings', async () => {
    const api = await server({ keepAliveMs: 300 });
    let socket: WebSocket | undefined;
    const silent = client(api.url, { on: { opened: (s) => (socket = s as WebSocket) } });
    new ChangeCollector(silent.client);
    await until(() => api.webSocketStats().subscriptions === 1, 15_000, 'the subscription');
    // Several ping intervals pass with pongs: the connection is kept.
    await new Promise((resolve) => setTimeout(resolve, 1_500));
    expect(api.webSocketStats().connections).toBe(1);
    socket?.pause();
    await until(() => api.webSocketStats().connections === 0, 15_000, 'the silent connection dropped');
    socket?.resume();
    expect((await silent.closed).code).toBe(1006);
  });
});
