/**
 * Neighbourhoods, shortest paths and search on the article's graph, checked against what the
 * seed says (the expected answers are computed from seed/ in the test, not hard-coded).
 */
import { NatoNeighborhoodDocument, NewZealandToChinaDocument, SearchSeasDocument } from '../../src/generated/operations/graphql';
import type { SeedRelationship } from '../../src/seed/read';
import { errorCodes, expectNoErrors, useSeededApi } from '../support/graphql';
import { distances, entityId, seed } from '../support/seed-graph';

const seeded = useSeededApi();

interface SubgraphResult {
  nodes: { id: string }[];
  edges: { id: string; type: string; stance: string; source: { id: string }; target: { id: string } }[];
  truncated: boolean;
}

const NEIGHBORHOOD = `query ($id: ID!, $depth: Int, $filter: RelationshipFilter) {
  neighborhood(entityId: $id, depth: $depth, filter: $filter) {
    nodes { id } edges { id type stance source { id } target { id } } truncated
  }
}`;

async function neighborhood(slug: string, depth: number, filter?: object): Promise<SubgraphResult> {
  return expectNoErrors(await seeded.api.query<{ neighborhood: SubgraphResult }>(NEIGHBORHOOD, { id: entityId(slug), depth, filter })).neighborhood;
}

describe('neighborhood', () => {
  it.each([1, 2, 3])('holds the entities within %i hops, the centre first, and every relationship among them', async (depth) => {
    const result = await neighborhood('nato', depth);
    const expected = [...distances('nato').entries()].filter(([, d]) => d <= depth).map(([slug]) => entityId(slug));
    expect(result.nodes[0]?.id).toBe('entity:nato');
    expect(result.nodes.map((n) => n.id).sort()).toEqual(expected.sort());
    const members = new Set(expected);
    const expectedEdges = seed.relationships.filter((r) => members.has(entityId(r.sourceSlug)) && members.has(entityId(r.targetSlug))).map((r) => r.id);
    expect(result.edges.map((e) => e.id).sort()).toEqual(expectedEdges.sort());
    for (const e of result.edges) expect(members.has(e.source.id) && members.has(e.target.id)).toBe(true);
    expect(result.truncated).toBe(false);
  });

  it('honours the filter both in the hops and in the edges', async () => {
    const cooperative = (r: SeedRelationship): boolean => r.stance === 'COOPERATIVE';
    const result = await neighborhood('new-zealand', 2, { stances: ['COOPERATIVE'] });
    const expected = [...distances('new-zealand', cooperative).entries()].filter(([, d]) => d <= 2).map(([slug]) => entityId(slug));
    expect(result.nodes.map((n) => n.id).sort()).toEqual(expected.sort());
    expect(result.edges.every((e) => e.stance === 'COOPERATIVE')).toBe(true);
    expect(result.nodes.map((n) => n.id)).not.toContain('entity:china');
  });

  it('serves the showcase operation', async () => {
    const data = expectNoErrors(await seeded.api.query(NatoNeighborhoodDocument));
    const ids = new Set(data.neighborhood.nodes.map((n) => n.id));
    expect(data.neighborhood.edges.every((e) => ids.has(e.source.id) && ids.has(e.target.id))).toBe(true);
  });

  it('answers an empty subgraph for an unknown entity', async () => {
    expect(await neighborhood('atlantis', 1)).toEqual({ nodes: [], edges: [], truncated: false });
  });

  it.each([0, 4, -1])('refuses depth %i with BAD_USER_INPUT saying what is allowed', async (depth) => {
    const response = await seeded.api.query(NEIGHBORHOOD, { id: 'entity:nato', depth });
    expect(errorCodes(response)).toEqual(['BAD_USER_INPUT']);
    expect(response.errors?.[0]?.message).toBe(`depth must be between 1 and 3, got ${depth}`);
  });
});

const PATH = `query ($from: ID!, $to: ID!, $maxLength: Int, $filter: RelationshipFilter) {
  shortestPath(fromId: $from, toId: $to, maxLength: $maxLength, filter: $filter) {
    length nodes { id } edges { id stance source { id } target { id } }
  }
}`;

interface PathResult {
  length: number;
  nodes: { id: string }[];
  edges: { id: string; stance: string; source: { id: string }; target: { id: string } }[];
}

async function path(from: string, to: string, maxLength?: number, filter?: object): Promise<PathResult | null> {
  return expectNoErrors(await seeded.api.query<{ shortestPath: PathResult | null }>(PATH, { from: entityId(from), to: entityId(to), maxLength, filter })).shortestPath;
}

function expectWellFormed(p: PathResult, from: string, to: string): void {
  expect(p.nodes[0]?.id).toBe(entityId(from));
  expect(p.nodes[p.nodes.length - 1]?.id).toBe(entityId(to));
  expect(p.edges).toHaveLength(p.length);
  expect(p.nodes).toHaveLength(p.length + 1);
  p.edges.forEach((e, i) => {
    expect([e.source.id, e.target.id].sort()).toEqual([p.nodes[i]?.id, p.nodes[i + 1]?.id].sort());
  });
}

describe('shortestPath', () => {
  it('finds how New Zealand is connected to China, direction ignored', async () => {
    const p = await path('new-zealand', 'china');
    expect(p?.length).toBe(distances('new-zealand').get('china'));
    if (p !== null) expectWellFormed(p, 'new-zealand', 'china');
    const showcase = expectNoErrors(await seeded.api.query(NewZealandToChinaDocument)).shortestPath;
    expect(showcase?.nodes.map((n) => n.name)).toEqual(['New Zealand', 'NATO', 'China']);
  });

  it('honours the filter: over cooperative and neutral relationships only the path is longer; over cooperative ones there is none', async () => {
    const keep = (r: SeedRelationship): boolean => r.stance !== 'ADVERSARIAL';
    const p = await path('new-zealand', 'china', 6, { stances: ['COOPERATIVE', 'NEUTRAL'] });
    expect(p?.length).toBe(distances('new-zealand', keep).get('china'));
    expect(p?.length).toBeGreaterThan(2);
    expect(p?.edges.every((e) => e.stance !== 'ADVERSARIAL')).toBe(true);
    if (p !== null) expectWellFormed(p, 'new-zealand', 'china');
    expect(await path('new-zealand', 'china', 6, { stances: ['COOPERATIVE'] })).toBeNull();
  });

  it('answers null when no path is within maxLength, or an end is unknown', async () => {
    expect(await path('new-zealand', 'china', 1)).toBeNull();
    expect(await path('new-zealand', 'atlantis')).toBeNull();
  });

  it('answers a path of length 0 from an entity to itself', async () => {
    expect(await path('japan', 'japan')).toEqual({ length: 0, nodes: [{ id: 'entity:japan' }], edges: [] });
  });

  it.each([0, 11])('refuses maxLength %i with BAD_USER_INPUT', async (maxLength) => {
    const response = await seeded.api.query(PATH, { from: 'entity:japan', to: 'entity:china', maxLength });
    expect(errorCodes(response)).toEqual(['BAD_USER_INPUT']);
    expect(response.errors?.[0]?.message).toBe(`maxLength must be between 1 and 10, got ${maxLength}`);
  });
});

const SEARCH = 'query ($text: String!, $first: Int) { search(text: $text, first: $first) { score snippet node { __typename id } } }';
interface Hit {
  score: number;
  snippet: string | null;
  node: { __typename: string; id: string };
}
const search = async (text: string, first?: number): Promise<Hit[]> => expectNoErrors(await seeded.api.query<{ search: Hit[] }>(SEARCH, { text, first })).search;

describe('search', () => {
  it('finds entities by name, alias and description, and documents by text, best first', async () => {
    const hits = expectNoErrors(await seeded.api.query(SearchSeasDocument)).search;
    expect(hits[0]?.node).toMatchObject({ __typename: 'Entity', id: 'entity:south-china-sea' });
    const scores = hits.map((h) => h.score);
    expect(scores).toEqual([...scores].sort((a, b) => b - a));
    const article = hits.find((h) => h.node.id === 'document:nato-liaison-office-japan');
    expect(article?.snippet).toContain('South China Sea');
    expect((await search('North Atlantic Treaty'))[0]?.node.id).toBe('entity:nato');
    expect((await search('capital'))[0]?.node.id).toBe('entity:tokyo');
    expect((await search('liaiso')).map((h) => h.node.id)).toContain('entity:nato-liaison-office-japan');
  });

  it("a document hit loads its text and relationships when asked (the hit itself carries neither)", async () => {
    const data = expectNoErrors(
      await seeded.api.query<{ search: { node: { __typename: string; id: string; title?: string; text?: string; relationships?: { id: string }[] } }[] }>(
        '{ search(text: "liaison office Tokyo", first: 20) { node { __typename id ... on Document { title text relationships { id } } } } }',
      ),
    );
    const article = data.search.find((h) => h.node.__typename === 'Document')?.node;
    expect(article?.id).toBe('document:nato-liaison-office-japan');
    expect(article?.text).toBe(seed.documents[0]?.text);
    expect(article?.relationships?.map((r) => r.id).sort()).toEqual(seed.relationships.map((r) => r.id).sort());
  });

  it('bounds the hits by first', async () => {
    expect(await search('china', 2)).toHaveLength(2);
    expect(await search('china', 0)).toEqual([]);
  });

  it.each(['"', 'AND (', '*', '\\', 'title:x OR text:"y', '~!@#$%^&*()', '   ', "'; MATCH (n) DETACH DELETE n //"])('takes %j as plain words, never as query syntax', async (text) => {
    const response = await seeded.api.query(SEARCH, { text });
    expect(response.errors).toBeUndefined();
  });
});
