/**
 * Round trips to Neo4j per request are bounded by the shape of the query, not the size of the
 * answer: 20 entities with their relationships, ends, evidence and mentions cost what 2 cost.
 * Runs on its own synthetic graph (written through the loader's writer, cleaned up after).
 */
import { writeSeed } from '../../src/queries/seed';
import { applyConstraints } from '../../src/queries/constraints';
import type { SeedData, SeedRelationship } from '../../src/seed/read';
import { relationshipId } from '../../src/seed/read';
import { clearDatabase, connectTestNeo4j, type TestNeo4j } from '../support/neo4j';
import { expectNoErrors, startTestServer, type GraphQLResponse, type TestServer } from '../support/graphql';

let neo4j: TestNeo4j;
let api: TestServer;
const SIZE = 24;

/** 24 actors in a ring, each tied to the next three, every tie stated by one sentence of one document. */
function syntheticGraph(): SeedData {
  const slug = (i: number): string => `actor-${String(i % SIZE).padStart(2, '0')}`;
  const sentences: string[] = [];
  const relationships: SeedRelationship[] = [];
  for (let i = 0; i < SIZE; i += 1) {
    for (const step of [1, 2, 3]) {
      const sentence = `Actor ${slug(i)} works with actor ${slug(i + step)} (tie ${i}-${step}).`;
      const start = sentences.join(' ').length + (sentences.length > 0 ? 1 : 0) + 'Synthetic\n'.length;
      sentences.push(sentence);
      relationships.push({
        id: relationshipId(slug(i), 'COOPERATES_WITH', slug(i + step)),
        type: 'COOPERATES_WITH',
        sourceSlug: slug(i),
        targetSlug: slug(i + step),
        stance: 'COOPERATIVE',
        modality: 'ASSERTED',
        attributedToSlug: null,
        evidence: [{ documentSlug: 'synthetic', quote: sentence, start, end: start + sentence.length }],
      });
    }
  }
  const text = `Synthetic\n${sentences.join(' ')}`;
  return {
    entities: Array.from({ length: SIZE }, (_, i) => ({ slug: slug(i), name: `Actor ${slug(i)}`, kind: 'COUNTRY' as const, aliases: [], description: null, wikidata: null, iso3: null })),
    documents: [{ slug: 'synthetic', title: 'Synthetic', text }],
    relationships,
    mentions: Array.from({ length: SIZE }, (_, i) => {
      const name = `Actor ${slug(i)}`;
      const start = text.indexOf(name);
      return { documentSlug: 'synthetic', entitySlug: slug(i), spans: [{ start, end: start + name.length, text: name }] };
    }),
  };
}

beforeAll(async () => {
  neo4j = connectTestNeo4j();
  await clearDatabase(neo4j.db);
  await applyConstraints(neo4j.db);
  await writeSeed(neo4j.db, syntheticGraph());
  api = await startTestServer(neo4j.db);
});

afterAll(async () => {
  await api.stop();
  await clearDatabase(neo4j.db);
  await neo4j.close();
});

const roundTrips = (response: GraphQLResponse<unknown>): number => {
  expectNoErrors(response);
  return (response.extensions?.neo4j as { roundTrips: number }).roundTrips;
};

const WIDE = `query ($first: Int) {
  entities(first: $first) {
    totalCount
    nodes {
      id name
      relationships(first: 20) {
        totalCount
        nodes { id type source { id name } target { id name } evidence { quote start end document { id title } } }
      }
      mentions { text start end document { id } }
    }
  }
}`;

describe('round trips per request', () => {
  it('do not grow with the number of entities, relationships and ends returned', async () => {
    const small = await api.query<{ entities: { nodes: { relationships: { nodes: unknown[] } }[] } }>(WIDE, { first: 2 });
    const large = await api.query<{ entities: { nodes: { relationships: { nodes: unknown[] } }[] } }>(WIDE, { first: 20 });
    expect(expectNoErrors(large).entities.nodes).toHaveLength(20);
    expect(expectNoErrors(large).entities.nodes.every((n) => n.relationships.nodes.length === 6)).toBe(true);
    expect(roundTrips(large)).toBe(roundTrips(small));
    // entities page, relationship pages (ends included), evidence documents, mentions
    expect(roundTrips(large)).toBe(4);
  });

  it('cost one query for a neighbourhood with its edges and their ends', async () => {
    const response = await api.query('{ neighborhood(entityId: "entity:actor-00", depth: 3) { nodes { id } edges { id source { name } target { name } } } }');
    expect(roundTrips(response)).toBe(1);
  });

  it('cost one query for a shortest path with its edges and ends', async () => {
    const response = await api.query('{ shortestPath(fromId: "entity:actor-00", toId: "entity:actor-12") { length nodes { name } edges { source { name } target { name } } } }');
    expect((response.data as { shortestPath: { length: number } }).shortestPath.length).toBe(4);
    expect(roundTrips(response)).toBe(1);
  });

  it('read the evidence of neighbourhood and path edges only when asked, still in one query, under aliases and fragments', async () => {
    const seed = new Map(syntheticGraph().relationships.map((r) => [r.id, r.evidence.map(({ quote, start, end }) => ({ quote, start, end }))]));
    type Edge = { id: string; evidence?: unknown; proof?: unknown };
    const edgesOf = (response: GraphQLResponse<unknown>): Edge[] => {
      const data = expectNoErrors(response) as { neighborhood?: { edges: Edge[] }; shortestPath?: { edges: Edge[] } };
      return data.neighborhood?.edges ?? data.shortestPath?.edges ?? [];
    };
    const asked = [
      '{ neighborhood(entityId: "entity:actor-00", depth: 2) { edges { id evidence { quote start end } } } }',
      '{ neighborhood(entityId: "entity:actor-00", depth: 2) { ...Edges } } fragment Edges on Subgraph { edges { id ... on Relationship { proof: evidence { quote start end } } } }',
      '{ shortestPath(fromId: "entity:actor-00", toId: "entity:actor-12") { edges { id evidence { quote start end } } } }',
    ];
    for (const query of asked) {
      const response = await api.query(query);
      const edges = edgesOf(response);
      expect(edges.length).toBeGreaterThan(0);
      for (const edge of edges) expect(edge.evidence ?? edge.proof).toEqual(seed.get(edge.id));
      expect(roundTrips(response)).toBe(1);
    }
    const unasked = await api.query('{ neighborhood(entityId: "entity:actor-00", depth: 2) { edges { id type } } }');
    expect(edgesOf(unasked).length).toBeGreaterThan(0);
    expect(roundTrips(unasked)).toBe(1);
  });

  it("cost a fixed number of queries for all of a document's relationships with ends and evidence", async () => {
    const response = await api.query<{ documents: { nodes: { relationships: unknown[] }[] } }>(
      '{ documents { nodes { entities { id } relationships { id source { name } target { name } evidence { document { title } } } } } }',
    );
    expect(expectNoErrors(response).documents.nodes[0]?.relationships).toHaveLength(SIZE * 3);
    // documents page, document entities, relationships by id (ends included), evidence documents
    expect(roundTrips(response)).toBe(4);
  });
});
