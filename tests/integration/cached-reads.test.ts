/**
 * Cached reads and persisted operations against the real Neo4j: a cached answer is the uncached
 * one; a write retires it (at once on the process that wrote, within the poll interval on
 * another); roles never share answers; memory stays within its bytes; persisted documents run by
 * id over POST and GET, unknown ids and (in trusted-only mode) text are refused; and a persisted
 * GET revalidates with ETag / If-None-Match.
 */
import { createHash } from 'node:crypto';
import operationsDocuments from '../../src/generated/operations/persisted-documents.json';
import { EntitiesPageDocument, EntityByIdDocument, NatoNeighborhoodDocument, UpdateEntityDocument } from '../../src/generated/operations/graphql';
import { connectTestNeo4j, type TestNeo4j } from '../support/neo4j';
import { errorCodes, expectNoErrors, startTestServer, useSeededApi, type GraphQLResponse, type TestServer } from '../support/graphql';
import { signTestToken, testAuthenticator } from '../support/tokens';

const seeded = useSeededApi({ responseCacheMaxBytes: 8_000_000, live: { pollIntervalMs: 100 } });
const AUSTRALIA = 'entity:australia';

let editor: string;
let reader: string;
beforeAll(async () => {
  editor = await signTestToken({ sub: 'alice', roles: ['editor'] });
  reader = await signTestToken({ sub: 'bob', roles: [] });
});

/** The persisted document id of an operation, from its text as the generated file has it (sha256 of the text). */
function documentIdOf(operationName: string): string {
  const entry = Object.entries(operationsDocuments as Record<string, string>).find(([, text]) => new RegExp(`\\b(query|mutation) ${operationName}\\b`).test(text));
  if (entry === undefined) throw new Error(`no persisted document for ${operationName}`);
  const [id, text] = entry;
  // The id is derived here independently of the generator: SHA-256 of the stored text.
  expect(id).toBe(`sha256:${createHash('sha256').update(text).digest('hex')}`);
  return id;
}

const roundTrips = (response: GraphQLResponse<unknown>): number | undefined => (response.extensions?.neo4j as { roundTrips?: number } | undefined)?.roundTrips;

async function post(server: TestServer, body: unknown, token?: string): Promise<GraphQLResponse & { headers: Headers }> {
  const response = await fetch(server.url, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...(token === undefined ? {} : { authorization: `Bearer ${token}` }) },
    body: JSON.stringify(body),
  });
  return { status: response.status, headers: response.headers, ...((await response.json()) as object) };
}

async function describeAustralia(server: TestServer, description: string, options: { token?: string } = {}): Promise<void> {
  expectNoErrors(await server.query(UpdateEntityDocument, { id: AUSTRALIA, input: { description } }, { token: options.token ?? editor }));
}

async function waitFor(check: () => Promise<boolean>, timeoutMs: number): Promise<number> {
  const started = Date.now();
  while (Date.now() - started < timeoutMs) {
    if (await check()) return Date.now() - started;
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
  throw new Error(`not within ${timeoutMs} ms`);
}

describe('cached reads', () => {
  let uncached: TestServer;
  beforeAll(async () => {
    uncached = await startTestServer(seeded.neo4j.db, { responseCacheMaxBytes: 0 });
    // The cache starts once the feed knows where the log ends.
    await seeded.api.changes.ready;
  });
  afterAll(() => uncached.stop());

  it('answers a repeated query from the cache with the same data an uncached server gives', async () => {
    const variables = { first: 25, kinds: ['ORGANIZATION' as const] };
    const first = await seeded.api.query(EntitiesPageDocument, variables);
    const second = await seeded.api.query(EntitiesPageDocument, variables);
    const fresh = await uncached.query(EntitiesPageDocument, variables);
    expect(roundTrips(first)).toBeGreaterThan(0);
    // Nothing reached Neo4j for the second: it came from the cache.
    expect(roundTrips(second)).toBe(0);
    expect(expectNoErrors(second)).toEqual(expectNoErrors(fresh));
    expect(expectNoErrors(first)).toEqual(expectNoErrors(fresh));

    const big = [await seeded.api.query(NatoNeighborhoodDocument), await seeded.api.query(NatoNeighborhoodDocument)];
    expect(roundTrips(big[1] as GraphQLResponse<unknown>)).toBe(0);
    expect(expectNoErrors(big[1] as GraphQLResponse<unknown>)).toEqual(expectNoErrors(await uncached.query(NatoNeighborhoodDocument)));
  });

  it('keys on the variables and the operation: a different one is not served another answer', async () => {
    const australia = expectNoErrors(await seeded.api.query(EntityByIdDocument, { id: AUSTRALIA }));
    const nz = await seeded.api.query(EntityByIdDocument, { id: 'entity:new-zealand' });
    expect(roundTrips(nz)).toBeGreaterThan(0);
    expect(expectNoErrors(nz).entity?.id).toBe('entity:new-zealand');
    expect(australia.entity?.id).toBe(AUSTRALIA);
  });

  it('a write on this process retires the cached answer before the mutation returns', async () => {
    const before = seeded.api.version.current ?? -1;
    await seeded.api.query(EntityByIdDocument, { id: AUSTRALIA });
    expect(roundTrips(await seeded.api.query(EntityByIdDocument, { id: AUSTRALIA }))).toBe(0);
    const description = `cached-reads ${Date.now()}`;
    await describeAustralia(seeded.api, description);
    // No waiting: the very next read must see the write.
    expect(seeded.api.version.current).toBeGreaterThan(before);
    const after = await seeded.api.query(EntityByIdDocument, { id: AUSTRALIA });
    expect(roundTrips(after)).toBeGreaterThan(0);
    expect(expectNoErrors(after).entity?.description).toBe(description);
  });

  it('a write through another process reaches this one within the poll interval', async () => {
    // Its own driver and executor: it shares nothing with this server but the database.
    let other: TestNeo4j | undefined;
    let otherApi: TestServer | undefined;
    try {
      other = connectTestNeo4j();
      otherApi = await startTestServer(other.db);
      await seeded.api.query(EntityByIdDocument, { id: AUSTRALIA });
      const description = `from elsewhere ${Date.now()}`;
      await describeAustralia(otherApi, description);
      const waited = await waitFor(async () => expectNoErrors(await seeded.api.query(EntityByIdDocument, { id: AUSTRALIA })).entity?.description === description, 5_000);
      // Poll interval 100 ms; generous margin for a loaded machine, but far below "never".
      expect(waited).toBeLessThan(3_000);
    } finally {
      await otherApi?.stop();
      await other?.close();
    }
  });

  it('never caches mutations, errors or introspection', async () => {
    const stored = seeded.api.responseCacheStats().stored;
    // A page larger than MAX_PAGE_SIZE: the resolver refuses it (HTTP 200 with an error).
    const bad = await seeded.api.query(EntitiesPageDocument, { first: 101 });
    expect(errorCodes(bad)).toEqual(['BAD_USER_INPUT']);
    await seeded.api.query('{ __schema { queryType { name } } }');
    await describeAustralia(seeded.api, `no cache ${Date.now()}`);
    expect(seeded.api.responseCacheStats().stored).toBe(stored);
    const again = await seeded.api.query(EntitiesPageDocument, { first: 101 });
    expect(again.errors).toEqual(bad.errors);
    expect(roundTrips(again)).toBe(roundTrips(bad));
  });

  it('stays within its bytes, dropping the least recently used answers', async () => {
    const small = await startTestServer(seeded.neo4j.db, { responseCacheMaxBytes: 4_000 });
    try {
      await small.changes.ready;
      const ids = ['entity:australia', 'entity:new-zealand', 'entity:japan', 'entity:nato', 'entity:china', 'entity:united-states'];
      for (const id of ids) await small.query(EntityByIdDocument, { id });
      for (const id of ids) await small.query(EntityByIdDocument, { id });
      const stats = small.responseCacheStats();
      expect(stats.bytes).toBeLessThanOrEqual(4_000);
      expect(stats.entries).toBeGreaterThan(0);
      // The big neighbourhood does not fit at all and leaves the small answers where they were.
      const neighborhood = JSON.stringify(expectNoErrors(await small.query(NatoNeighborhoodDocument))).length;
      expect(neighborhood).toBeGreaterThan(4_000);
      expect(roundTrips(await small.query(NatoNeighborhoodDocument))).toBeGreaterThan(0);
      expect(small.responseCacheStats().entries).toBe(stats.entries);

      // Answers of other requests, more bytes than the cache holds: the oldest, untouched since, leaves.
      expect(roundTrips(await small.query(EntityByIdDocument, { id: AUSTRALIA }))).toBe(0);
      let added = 0;
      for (let first = 1; added < 8_000 && first <= 60; first += 1) added += JSON.stringify(expectNoErrors(await small.query(EntitiesPageDocument, { first }))).length;
      expect(added).toBeGreaterThanOrEqual(8_000);
      expect(small.responseCacheStats().bytes).toBeLessThanOrEqual(4_000);
      expect(roundTrips(await small.query(EntityByIdDocument, { id: AUSTRALIA }))).toBeGreaterThan(0);
    } finally {
      await small.stop();
    }
  });
});

describe('roles, when reads need a token', () => {
  const EXPLORER_ORIGIN = 'https://explorer.example';
  let guarded: TestServer;
  beforeAll(async () => {
    guarded = await startTestServer(seeded.neo4j.db, { responseCacheMaxBytes: 1_000_000, authenticator: await testAuthenticator({ requiredForReads: true }), corsOrigins: [EXPLORER_ORIGIN] });
    await guarded.changes.ready;
  });
  afterAll(() => guarded.stop());

  it('caches per role, never across, and a cached answer still needs a valid token', async () => {
    const variables = { id: AUSTRALIA };
    expect(roundTrips(await guarded.query(EntityByIdDocument, variables, { token: reader }))).toBeGreaterThan(0);
    expect(roundTrips(await guarded.query(EntityByIdDocument, variables, { token: reader }))).toBe(0);
    // Another subject with the same (no) roles shares it; a different role does not.
    expect(roundTrips(await guarded.query(EntityByIdDocument, variables, { token: await signTestToken({ sub: 'carol', roles: [] }) }))).toBe(0);
    const asEditor = await guarded.query(EntityByIdDocument, variables, { token: editor });
    expect(roundTrips(asEditor)).toBeGreaterThan(0);
    const anonymous = await guarded.query(EntityByIdDocument, variables);
    expect(anonymous.status).toBe(401);
    expect(errorCodes(anonymous)).toEqual(['UNAUTHENTICATED']);
    expect(anonymous.data ?? undefined).toBeUndefined();
  });

  it('a persisted GET is cacheable by the asker alone, and only for the same token', async () => {
    const url = `${guarded.url}?documentId=${encodeURIComponent(documentIdOf('EntityById'))}&variables=${encodeURIComponent(JSON.stringify({ id: AUSTRALIA }))}`;
    const response = await fetch(url, { headers: { authorization: `Bearer ${reader}`, origin: EXPLORER_ORIGIN } });
    expect(response.status).toBe(200);
    expect(response.headers.get('access-control-allow-origin')).toBe(EXPLORER_ORIGIN);
    expect(response.headers.get('etag')).toMatch(/^"g\d+/);
    // A shared cache must not keep it; a browser keys it on the token (and, with a list of
    // allowed origins, on the origin) as well as on the URL.
    expect(response.headers.get('cache-control')).toBe('private, no-cache');
    const vary = (response.headers.get('vary') ?? '').split(',').map((v) => v.trim().toLowerCase());
    expect(vary).toEqual(expect.arrayContaining(['authorization', 'origin']));
  });
});

describe('persisted operations', () => {
  it('runs a persisted query by documentId over POST, with the same answer as its text', async () => {
    const byId = await post(seeded.api, { documentId: documentIdOf('EntityById'), variables: { id: AUSTRALIA } });
    const byText = await seeded.api.query(EntityByIdDocument, { id: AUSTRALIA });
    expect(byId.status).toBe(200);
    expect(byId.data).toEqual(expectNoErrors(byText));
  });

  it('refuses an unknown documentId with PERSISTED_QUERY_NOT_FOUND', async () => {
    const unknown = await post(seeded.api, { documentId: `sha256:${'0'.repeat(64)}`, variables: { id: AUSTRALIA } });
    expect(unknown.status).toBe(400);
    expect(errorCodes(unknown)).toEqual(['PERSISTED_QUERY_NOT_FOUND']);
    const unknownGet = await fetch(`${seeded.api.url}?documentId=sha256:abc`);
    expect(unknownGet.status).toBe(400);
    expect(errorCodes((await unknownGet.json()) as GraphQLResponse)).toEqual(['PERSISTED_QUERY_NOT_FOUND']);
  });

  it('runs a persisted mutation over POST, never over GET', async () => {
    const id = documentIdOf('UpdateEntity');
    const variables = { id: AUSTRALIA, input: { description: `persisted ${Date.now()}` } };
    const viaGet = await fetch(`${seeded.api.url}?documentId=${encodeURIComponent(id)}&variables=${encodeURIComponent(JSON.stringify(variables))}`, { headers: { authorization: `Bearer ${editor}` } });
    expect(viaGet.status).toBe(405);
    const viaPost = await post(seeded.api, { documentId: id, variables }, editor);
    expect(viaPost.status).toBe(200);
    expect((viaPost.data as { updateEntity: { description: string } }).updateEntity.description).toBe(variables.input.description);
  });

  it('a persisted GET carries an ETag; If-None-Match answers 304 until a write moves the version', async () => {
    const url = `${seeded.api.url}?documentId=${encodeURIComponent(documentIdOf('EntityById'))}&variables=${encodeURIComponent(JSON.stringify({ id: AUSTRALIA }))}`;
    // A plain browser GET: no preflight header, no content-type.
    const first = await fetch(url);
    expect(first.status).toBe(200);
    const etag = first.headers.get('etag');
    expect(etag).toMatch(/^"g\d+"$/);
    expect(first.headers.get('cache-control')).toBe('no-cache');
    const body = (await first.json()) as GraphQLResponse<{ entity: { description: string } }>;
    expect(body.data?.entity).toBeDefined();

    const revalidated = await fetch(url, { headers: { 'if-none-match': etag ?? '' } });
    expect(revalidated.status).toBe(304);
    expect(await revalidated.text()).toBe('');
    expect(revalidated.headers.get('etag')).toBe(etag);

    const description = `etag ${Date.now()}`;
    await describeAustralia(seeded.api, description);
    const changed = await fetch(url, { headers: { 'if-none-match': etag ?? '' } });
    expect(changed.status).toBe(200);
    expect(changed.headers.get('etag')).not.toBe(etag);
    expect(((await changed.json()) as GraphQLResponse<{ entity: { description: string } }>).data?.entity.description).toBe(description);
  });

  it('a GET of query text still needs the preflight header (CSRF prevention), and gets no ETag', async () => {
    const url = `${seeded.api.url}?query=${encodeURIComponent('{ entity(id: "entity:australia") { id } }')}`;
    expect((await fetch(url)).status).toBe(400);
    const withHeader = await fetch(url, { headers: { 'apollo-require-preflight': 'true' } });
    expect(withHeader.status).toBe(200);
    expect(withHeader.headers.get('etag')).toBeNull();
  });
});

describe('TRUSTED_DOCUMENTS_ONLY', () => {
  let trusted: TestServer;
  beforeAll(async () => {
    trusted = await startTestServer(seeded.neo4j.db, { trustedDocumentsOnly: true, responseCacheMaxBytes: 1_000_000 });
  });
  afterAll(() => trusted.stop());

  it('refuses query text, even the text of a persisted document, and runs documentIds', async () => {
    const text = await trusted.query(EntityByIdDocument, { id: AUSTRALIA });
    expect(text.status).toBe(403);
    expect(errorCodes(text)).toEqual(['FORBIDDEN']);
    expect(text.errors?.[0]?.message).toMatch(/documentId/);
    const adHoc = await trusted.query('{ __typename }');
    expect(errorCodes(adHoc)).toEqual(['FORBIDDEN']);
    const getText = await fetch(`${trusted.url}?query=${encodeURIComponent('{ __typename }')}`, { headers: { 'apollo-require-preflight': 'true' } });
    expect(getText.status).toBe(403);
    // Apollo's automatic persisted queries would register any text: refused too.
    const apq = await post(trusted, { extensions: { persistedQuery: { version: 1, sha256Hash: '0'.repeat(64) } } });
    expect(errorCodes(apq)).toEqual(['FORBIDDEN']);

    const byId = await post(trusted, { documentId: documentIdOf('EntityById'), variables: { id: AUSTRALIA } });
    expect(byId.status).toBe(200);
    expect((byId.data as { entity: { id: string } }).entity.id).toBe(AUSTRALIA);
  });
});
