/**
 * Live updates over WebSocket (graphql-ws) against the real Neo4j: what a subscriber receives,
 * in which order, from where it resumes, and how bad cursors and documents are refused. Changes
 * are made with the project's own write functions (the curation data-access layer), as a
 * mutation would make them; the expected sequence numbers come from reading the log directly.
 */
import { encodeCursor } from '../../src/graphql/cursor';
import WebSocket from 'ws';
import { addEntity } from '../../src/queries/curation';
import { startTestServer, useSeededApi } from '../support/graphql';
import { nowSeconds, signTestToken, testAuthenticator } from '../support/tokens';
import { ChangeCollector, Collected, liveClient, logEnd, logSeqs, range, wsUrl, type LiveClient } from '../support/live';

// Writes and the shared 2-core machine make set-up and some tests slow; none asserts speed.
jest.setTimeout(180_000);

const seeded = useSeededApi();
const clients: LiveClient[] = [];
let counter = 0;

afterEach(async () => {
  await Promise.all(clients.splice(0).map((c) => c.dispose()));
});

function connect(): LiveClient {
  const client = liveClient(seeded.api.url);
  clients.push(client);
  return client;
}

/** A write that records one ENTITY_ADDED change; resolves with the entity's id. */
async function write(): Promise<string> {
  counter += 1;
  const entity = await addEntity(seeded.neo4j.db, 'live-test', { name: `Zyx Live Actor ${counter}`, kind: 'ORGANIZATION' });
  return entity.id;
}

describe('Subscription.changes', () => {
  it('delivers a change committed after subscribing, with its node', async () => {
    const { client } = connect();
    const sub = new ChangeCollector(client, 'subscription { changes { cursor by kind nodeId node { id ... on Entity { name } } } }');
    // Subscribed once the server reports it (the first change must come after the subscription).
    await waitForSubscriptions(1);
    const before = await logEnd(seeded.neo4j.db);
    const id = await write();
    await sub.reach(before + 1);
    expect(sub.changes).toEqual([{ cursor: encodeCursor([before + 1]), by: 'live-test', kind: 'ENTITY_ADDED', nodeId: id, node: { id, name: `Zyx Live Actor ${counter}` } }]);
  });

  it('starts at the end of the log without `after`: earlier changes are not replayed', async () => {
    await write();
    await write();
    const end = await logEnd(seeded.neo4j.db);
    const { client } = connect();
    const sub = new ChangeCollector(client);
    await waitForSubscriptions(1);
    await write();
    await sub.reach(end + 1);
    expect(sub.seqs).toEqual([end + 1]);
  });

  it('resumes with `after` across a gap of many writes, then continues live with no gap or repeat at the seam', async () => {
    const start = await logEnd(seeded.neo4j.db);
    // More writes than one page of the log, before this API starts: it replays them from Neo4j.
    for (let i = 0; i < 130; i += 1) await write();
    const api = await startTestServer(seeded.neo4j.db);
    try {
      const client = liveClient(api.url);
      clients.push(client);
      const sub = new ChangeCollector(client.client, undefined, { after: encodeCursor([start + 5]) });
      // Writes keep coming while the subscriber replays.
      for (let i = 0; i < 30; i += 1) await write();
      const end = await logEnd(seeded.neo4j.db);
      await sub.reach(end);
      expect(sub.seqs).toEqual(range(start + 6, end));
      expect(await logSeqs(seeded.neo4j.db, start + 5)).toEqual(sub.seqs);
    } finally {
      await api.stop();
    }
  });

  it('resumes from changes the feed still holds in memory just the same', async () => {
    const start = await logEnd(seeded.neo4j.db);
    for (let i = 0; i < 40; i += 1) await write();
    const { client } = connect();
    const sub = new ChangeCollector(client, undefined, { after: encodeCursor([start]) });
    for (let i = 0; i < 10; i += 1) await write();
    const end = await logEnd(seeded.neo4j.db);
    await sub.reach(end);
    expect(sub.seqs).toEqual(range(start + 1, end));
  });

  it('answers malformed and unknown cursors with BAD_USER_INPUT', async () => {
    const { client } = connect();
    const end = await logEnd(seeded.neo4j.db);
    for (const after of ['not-a-cursor', encodeCursor(['entity:nato']), encodeCursor([end + 1000]), encodeCursor([-1]), encodeCursor([1.5])]) {
      const sub = new ChangeCollector(client, undefined, { after });
      await sub.ended();
      expect(sub.error).toEqual([expect.objectContaining({ extensions: expect.objectContaining({ code: 'BAD_USER_INPUT' }) as unknown })]);
    }
  });
});

describe('protection', () => {
  const refused = async (query: string, variables: Record<string, unknown> = {}): Promise<{ message: string; extensions?: { code?: string } }[]> => {
    const { client } = connect();
    const sub = new Collected(client, query, variables);
    await sub.ended();
    return sub.error as { message: string; extensions?: { code?: string } }[];
  };

  it('applies the query limits to subscription documents: depth, aliases, tokens and cost', async () => {
    // changes > node > relationships > nodes > source > relationships > nodes > target > id: 9 levels
    const deep = await refused('subscription { changes { node { ... on Entity { relationships { nodes { source { relationships { nodes { target { id } } } } } } } } } }');
    expect(deep).toEqual([expect.objectContaining({ message: expect.stringContaining('Query depth limit of 8 exceeded, found 9') as unknown, extensions: { code: 'GRAPHQL_VALIDATION_FAILED' } })]);

    const aliases = Array.from({ length: 16 }, (_, i) => `a${i}: cursor`).join(' ');
    expect(await refused(`subscription { changes { ${aliases} } }`)).toEqual([
      expect.objectContaining({ message: expect.stringContaining('Aliases limit of 15 exceeded, found 16') as unknown, extensions: { code: 'GRAPHQL_VALIDATION_FAILED' } }),
    ]);

    const tokens = await refused(`subscription { changes { ${Array.from({ length: 1200 }, () => '__typename').join(' ')} } }`);
    expect(tokens).toEqual([expect.objectContaining({ message: 'Syntax Error: Document contains more that 1000 tokens. Parsing aborted.', extensions: { code: 'GRAPHQL_PARSE_FAILED' } })]);

    // 1 + 100 × (nodes 1 + source 1 + (1 + 100 × (nodes 1 + id 0))) = 10,301 for the outer page alone.
    const pages = 'subscription ($n: Int) { changes { node { ... on Entity { relationships(first: $n) { nodes { source { relationships(first: $n) { nodes { id } } } } } } } } }';
    expect(await refused(pages, { n: 100 })).toEqual([expect.objectContaining({ message: expect.stringMatching(/^Query cost limit of 10000 exceeded, found \d+/) as unknown, extensions: expect.objectContaining({ code: 'QUERY_TOO_COMPLEX' }) as unknown })]);
  });

  it('refuses a subscription sent over HTTP with 400, pointing to WebSocket', async () => {
    const response = await seeded.api.query('subscription { changes { cursor } }');
    expect(response.status).toBe(400);
    expect(response.errors).toEqual([expect.objectContaining({ message: expect.stringContaining('served over WebSocket') as unknown, extensions: expect.objectContaining({ code: 'BAD_REQUEST' }) as unknown })]);
  });

  it('refuses queries and mutations over WebSocket, and variables of the wrong type', async () => {
    expect(await refused('{ entity(name: "nato") { id } }')).toEqual([expect.objectContaining({ message: expect.stringContaining('send queries over HTTP') as unknown, extensions: { code: 'BAD_REQUEST' } })]);
    expect(await refused('subscription ($after: String) { changes(after: $after) { cursor } }', { after: 5 })).toEqual([
      expect.objectContaining({ extensions: { code: 'BAD_USER_INPUT' } }),
    ]);
    expect(await refused('subscription { changes { nope } }')).toEqual([expect.objectContaining({ extensions: { code: 'GRAPHQL_VALIDATION_FAILED' } })]);
  });

  it('caps subscriptions per connection', async () => {
    const api = await startTestServer(seeded.neo4j.db, { live: { maxSubscriptionsPerConnection: 2 } });
    try {
      const live = liveClient(api.url);
      clients.push(live);
      const first = new ChangeCollector(live.client);
      new ChangeCollector(live.client);
      const third = new ChangeCollector(live.client);
      await third.ended();
      expect(third.error).toEqual([expect.objectContaining({ message: expect.stringContaining('already has 2 subscriptions') as unknown, extensions: expect.objectContaining({ code: 'TOO_MANY_SUBSCRIPTIONS' }) as unknown })]);
      // Completing one makes room for another; the connection itself was never at fault.
      first.unsubscribe();
      await until(() => api.webSocketStats().subscriptions === 1);
      const fourth = new ChangeCollector(live.client);
      await until(() => api.webSocketStats().subscriptions === 2);
      const end = await logEnd(seeded.neo4j.db);
      await write();
      await fourth.reach(end + 1);
    } finally {
      await api.stop();
    }
  });

  it('caps connections per process with HTTP 503 at the upgrade', async () => {
    const api = await startTestServer(seeded.neo4j.db, { live: { maxConnections: 2 } });
    try {
      for (let i = 0; i < 2; i += 1) {
        const live = liveClient(api.url);
        clients.push(live);
        await live.connected;
      }
      const third = await upgrade(api.url);
      expect(third).toEqual({ status: 503, body: expect.stringContaining('maximum of 2 WebSocket connections') as unknown });
    } finally {
      await api.stop();
    }
  });

  it('checks Origin against CORS_ORIGINS before accepting a WebSocket', async () => {
    const api = await startTestServer(seeded.neo4j.db, { corsOrigins: ['https://app.example.org'] });
    try {
      expect(await upgrade(api.url, { origin: 'https://evil.example.org' })).toEqual({ status: 403, body: expect.stringContaining('not in CORS_ORIGINS') as unknown });
      expect(await upgrade(api.url, { origin: 'https://app.example.org' })).toEqual({ status: 101 });
      // Not from a browser page: no Origin, nothing to check.
      expect(await upgrade(api.url)).toEqual({ status: 101 });
      expect(await upgrade(api.url.replace('/graphql', '/elsewhere'))).toEqual({ status: 404, body: expect.stringContaining('/graphql') as unknown });
    } finally {
      await api.stop();
    }
  });
});

describe('tokens in connection_init when reads need one (AUTH_REQUIRED_FOR_READS=true)', () => {
  it('closes with 4401 without a token, 4403 with a bad one, and serves a valid one', async () => {
    const api = await startTestServer(seeded.neo4j.db, { authenticator: await testAuthenticator({ requiredForReads: true }) });
    try {
      const refusedWith = async (connectionParams: Record<string, unknown> | undefined): Promise<{ code: number; reason: string }> => {
        const live = liveClient(api.url, { connectionParams });
        clients.push(live);
        new ChangeCollector(live.client);
        return live.closed;
      };
      expect(await refusedWith(undefined)).toEqual({ code: 4401, reason: expect.stringContaining('authorization') as unknown });
      expect(await refusedWith({ authorization: `Bearer ${await signTestToken({ key: 'another-secret-that-is-long-enough-0123456789' })}` })).toEqual({
        code: 4403,
        reason: 'Forbidden: token signature invalid',
      });
      expect(await refusedWith({ authorization: `Bearer ${await signTestToken({ exp: nowSeconds() - 3_600 })}` })).toEqual({ code: 4403, reason: 'Forbidden: token expired' });
      expect(await refusedWith({ authorization: 'Basic dXNlcjpwYXNz' })).toEqual({ code: 4403, reason: expect.stringContaining('Bearer') as unknown });

      // Any valid token will do for reading, whatever its roles; the header's name is not case-sensitive.
      const live = liveClient(api.url, { connectionParams: { Authorization: `Bearer ${await signTestToken({ sub: 'reader', roles: [] })}` } });
      clients.push(live);
      const sub = new ChangeCollector(live.client);
      await until(() => api.webSocketStats().subscriptions === 1);
      const end = await logEnd(seeded.neo4j.db);
      await write();
      await sub.reach(end + 1);
      expect(sub.seqs).toEqual([end + 1]);
    } finally {
      await api.stop();
    }
  });
});

/** Opens a raw WebSocket to `url` and reports the upgrade's outcome. */
function upgrade(url: string, headers: Record<string, string> = {}): Promise<{ status: number; body?: string }> {
  return new Promise((resolve, reject) => {
    const socket = new WebSocket(wsUrl(url), 'graphql-transport-ws', { headers });
    socket.once('open', () => {
      socket.close();
      resolve({ status: 101 });
    });
    socket.once('unexpected-response', (_request, response) => {
      let body = '';
      response.on('data', (chunk: Buffer) => (body += chunk.toString()));
      response.on('end', () => resolve({ status: response.statusCode ?? 0, body }));
    });
    socket.once('error', (e) => reject(e));
  });
}

async function until(check: () => boolean, timeoutMs = 10_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!check()) {
    if (Date.now() > deadline) throw new Error('condition not met in time');
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

async function waitForSubscriptions(count: number): Promise<void> {
  const deadline = Date.now() + 10_000;
  while (seeded.api.webSocketStats().subscriptions < count) {
    if (Date.now() > deadline) throw new Error(`the server did not report ${count} subscriptions`);
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}
