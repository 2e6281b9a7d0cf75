/**
 * Hostile or expensive requests are answered with a GraphQL error whose code and message name the
 * limit; production mode hides internals. Uses the real seed in a real Neo4j.
 */
import { CypherExecutor } from '../../src/neo4j/driver';
import { codedError } from '../../src/graphql/format-error';
import { Neo4jTimeout } from '../../src/neo4j/errors';
import { TEST_DATABASE } from '../support/neo4j';
import { errorCodes, expectNoErrors, startTestServer, useSeededApi, type TestServer } from '../support/graphql';

const seeded = useSeededApi();
let production: TestServer;

beforeAll(async () => {
  production = await startTestServer(seeded.neo4j.db, { production: true });
});

afterAll(async () => {
  await production.stop();
});

const post = (url: string, body: string, headers: Record<string, string> = {}): Promise<Response> =>
  fetch(url, { method: 'POST', headers: { 'content-type': 'application/json', ...headers }, body });

describe('query limits', () => {
  it('refuses a query deeper than 8 levels, naming the limit', async () => {
    // entity > relationships > nodes > source > relationships > nodes > target > relationships > totalCount: 9 levels
    const deep = '{ entity(name: "nato") { relationships { nodes { source { relationships { nodes { target { relationships { totalCount } } } } } } } } }';
    const response = await seeded.api.query(deep);
    expect(response.status).toBe(400);
    expect(errorCodes(response)).toEqual(['GRAPHQL_VALIDATION_FAILED']);
    expect(response.errors?.[0]?.message).toContain('Query depth limit of 8 exceeded, found 9');
    const eight = '{ entity(name: "nato") { relationships { nodes { source { relationships { nodes { target { id } } } } } } } }';
    expectNoErrors(await seeded.api.query(eight));
  });

  // The operation and each fragment are shallow on their own (at most 3 levels); only expanded do
  // they reach 9. A limit that did not look into fragments would let this through.
  const throughFragments = (deepest: string): string => `query { entity(name: "nato") { ...A } }
    fragment A on Entity { relationships(first: 2) { nodes { ...B } } }
    fragment B on Relationship { source { relationships(first: 2) { nodes { ...C } } } }
    fragment C on Relationship { target { ${deepest} } }`;

  it('counts depth through fragments: 9 levels spread over three shallow fragments are refused', async () => {
    // entity > relationships > nodes > source > relationships > nodes > target > relationships > totalCount
    const response = await seeded.api.query(throughFragments('relationships { totalCount }'));
    expect(response.status).toBe(400);
    expect(errorCodes(response)).toEqual(['GRAPHQL_VALIDATION_FAILED']);
    expect(response.errors?.[0]?.message).toContain('Query depth limit of 8 exceeded, found 9');
  });

  it('does not count fragment spreads as levels: 8 levels through three spreads are answered', async () => {
    // entity > relationships > nodes > source > relationships > nodes > target > id: 8 levels,
    // 11 if each of the three spreads counted as one.
    const data = expectNoErrors(await seeded.api.query<{ entity: { relationships: { nodes: unknown[] } } | null }>(throughFragments('id')));
    expect(data.entity?.relationships.nodes.length).toBeGreaterThan(0);
  });

  it('refuses more than 15 aliases', async () => {
    const aliases = Array.from({ length: 16 }, (_, i) => `a${i}: entity(name: "nato") { id }`).join(' ');
    const response = await seeded.api.query(`{ ${aliases} }`);
    expect(errorCodes(response)).toEqual(['GRAPHQL_VALIDATION_FAILED']);
    expect(response.errors?.[0]?.message).toContain('Aliases limit of 15 exceeded, found 16');
  });

  it('refuses a document of more than 1000 tokens while parsing it', async () => {
    const response = await seeded.api.query(`{ ${Array.from({ length: 1200 }, () => '__typename').join(' ')} }`);
    expect(response.status).toBe(400);
    expect(errorCodes(response)).toEqual(['GRAPHQL_PARSE_FAILED']);
    expect(response.errors?.[0]?.message).toBe('Syntax Error: Document contains more that 1000 tokens. Parsing aborted.');
  });

  it('refuses nested pages whose sizes multiply past the cost limit, as literals or as variables', async () => {
    const literal = '{ entities(first: 100) { nodes { relationships(first: 100) { nodes { id source { id } } } } } }';
    const variables = 'query ($outer: Int, $inner: Int) { entities(first: $outer) { nodes { relationships(first: $inner) { nodes { id source { id } } } } } }';
    for (const response of [await seeded.api.query(literal), await seeded.api.query(variables, { outer: 100, inner: 100 })]) {
      expect(response.status).toBe(400);
      expect(errorCodes(response)).toEqual(['QUERY_TOO_COMPLEX']);
      expect(response.errors?.[0]?.message).toMatch(/^Query cost limit of 10000 exceeded, found \d+/);
    }
    // The same shape with small pages is fine, and so is the default page size.
    expectNoErrors(await seeded.api.query(variables, { outer: 10, inner: 10 }));
    expectNoErrors(await seeded.api.query('{ entities { nodes { relationships { nodes { id source { id } } } } } }'));
  });

  it('prices a query again for each value of the variables its cost depends on (costs are remembered per document)', async () => {
    const query = 'query ($outer: Int = 100, $inner: Int = 100, $deep: Boolean = true) { entities(first: $outer) { nodes { id relationships(first: $inner) @include(if: $deep) { nodes { id source { id } } } } } }';
    const refused = (response: Awaited<ReturnType<typeof seeded.api.query>>): void => expect(errorCodes(response)).toEqual(['QUERY_TOO_COMPLEX']);
    // Twice round: the second time every answer comes from the remembered costs.
    for (let round = 0; round < 2; round += 1) {
      refused(await seeded.api.query(query, {}));
      // An explicit null is not the variable's default (and `first` refuses it, which is a different error).
      expect(errorCodes(await seeded.api.query(query, { outer: null, inner: null }))).toEqual(['BAD_USER_INPUT']);
      expectNoErrors(await seeded.api.query(query, { deep: false }));
      refused(await seeded.api.query(query, { outer: 100, inner: 100, deep: true }));
      expectNoErrors(await seeded.api.query(query, { outer: 10, inner: 10 }));
      refused(await seeded.api.query(query, { outer: 100, inner: 100, deep: true }));
    }
  });

  it('answers HTTP 413 for a body over 100 kB, before parsing it', async () => {
    const response = await post(seeded.api.url, JSON.stringify({ query: `{ __typename } #${'x'.repeat(110_000)}` }));
    expect(response.status).toBe(413);
    expect(((await response.json()) as { errors: { message: string; extensions: { code: string } }[] }).errors[0]).toMatchObject({
      message: expect.stringContaining('the limit is 100000 bytes') as unknown,
      extensions: { code: 'PAYLOAD_TOO_LARGE' },
    });
  });

  it('answers HTTP 400 BAD_REQUEST for a JSON body that does not parse, saying so', async () => {
    for (const body of ['{"query": "{ entity(name: \\"nato\\") { id } }"', "{ query: '{ __typename }' }", '{"query": "{ __typename }"} trailing']) {
      const response = await post(seeded.api.url, body);
      expect(response.status).toBe(400);
      const answer = (await response.json()) as { data?: unknown; errors: { message: string; extensions: { code: string } }[] };
      expect(answer.data).toBeUndefined();
      expect(answer.errors).toEqual([{ message: expect.stringMatching(/^Request body is not valid JSON: /) as unknown, extensions: { code: 'BAD_REQUEST' } }]);
    }
  });

  it('answers HTTP 400 for an operationName the document does not define, naming it (not a masked internal error)', async () => {
    const response = await post(seeded.api.url, JSON.stringify({ query: 'query A { __typename } query B { __typename }', operationName: 'NatoRelationships' }));
    expect(response.status).toBe(400);
    expect(((await response.json()) as { errors: unknown[] }).errors).toEqual([
      expect.objectContaining({ message: 'Unknown operation named "NatoRelationships".', extensions: expect.objectContaining({ code: 'OPERATION_RESOLUTION_FAILURE' }) as unknown }),
    ]);
  });

  it('answers HTTP 400 BAD_REQUEST for a subscription sent over HTTP, pointing to WebSocket', async () => {
    const response = await post(seeded.api.url, JSON.stringify({ query: 'subscription Live { changes { cursor } }' }));
    expect(response.status).toBe(400);
    const answer = (await response.json()) as { data?: unknown; errors: { message: string; extensions: { code: string } }[] };
    expect(answer.data).toBeUndefined();
    expect(answer.errors).toHaveLength(1);
    expect(answer.errors[0]?.extensions.code).toBe('BAD_REQUEST');
    expect(answer.errors[0]?.message).toMatch(/^Subscriptions are served over WebSocket, not HTTP: .*graphql-transport-ws/);
  });

  it('does not run batched HTTP requests', async () => {
    const response = await post(seeded.api.url, JSON.stringify([{ query: '{ __typename }' }, { query: '{ __typename }' }]));
    expect(response.status).toBe(400);
    expect(await response.text()).toMatch(/batching/i);
  });

  it('stops a query at the transaction timeout with TIMEOUT', async () => {
    const impatient = new CypherExecutor(seeded.neo4j.driver, TEST_DATABASE, 300);
    const slow = impatient.read('UNWIND range(1, 200000000) AS x RETURN sum(x) AS total', {}, (records) => records.length);
    const error = await slow.then(() => undefined, (e: unknown) => e);
    // The Neo4j layer's plain error, which clients get as TIMEOUT.
    expect(error).toBeInstanceOf(Neo4jTimeout);
    expect(codedError(error)).toMatchObject({ extensions: { code: 'TIMEOUT' } });
  });
});

describe('production mode', () => {
  it('hides stack traces and field suggestions', async () => {
    const typo = await production.query('{ entity(name: "nato") { nmae } }');
    expect(typo.errors?.[0]?.message).not.toMatch(/Did you mean/);
    expect(JSON.stringify(typo)).not.toMatch(/stacktrace/);
    const development = await seeded.api.query('{ entity(name: "nato") { nmae } }');
    expect(development.errors?.[0]?.message).toMatch(/Did you mean "name"/);
    const bad = await production.query('{ entity { id } }');
    expect(errorCodes(bad)).toEqual(['BAD_USER_INPUT']);
    expect(JSON.stringify(bad)).not.toMatch(/stacktrace|\.ts:|\.js:/);
  });

  it('turns introspection off by default', async () => {
    const response = await production.query('{ __schema { types { name } } }');
    expect(response.status).toBe(400);
    expect(response.errors?.[0]?.message).toMatch(/introspection/i);
  });

  it('keeps CSRF prevention on: a GET without a preflight-forcing header is refused', async () => {
    const url = `${production.url}?query=${encodeURIComponent('{ entity(name: "nato") { id } }')}`;
    expect((await fetch(url)).status).toBe(400);
    const allowed = await fetch(url, { headers: { 'apollo-require-preflight': 'true' } });
    expect(allowed.status).toBe(200);
  });

  it('does not report round trips in responses', async () => {
    expect((await production.query('{ entity(name: "nato") { id } }')).extensions).toBeUndefined();
  });
});
