/**
 * The benchmark's fixed workload: six operations, each with its actor-graph GraphQL query and
 * random parameters drawn from the generated graph (seeded, so runs are comparable).
 */
import type { RelationType, Stance } from '../src/model/vocabulary';
import { BENCH_TYPES, nameOf, slugOf } from './graph';

export const OPERATIONS = ['entityByName', 'entityWithRelationships', 'relationshipsPage', 'neighborhood', 'shortestPath', 'search'] as const;
export type Operation = (typeof OPERATIONS)[number];

export interface BenchParams {
  name: string;
  id: string;
  otherId: string;
  type: RelationType;
  stance: Stance;
  text: string;
}

export const ACTOR_GRAPH_QUERIES: Record<Operation, { query: string; variables: (p: BenchParams) => Record<string, unknown> }> = {
  entityByName: { query: 'query ($name: String!) { entity(name: $name) { id name kind aliases } }', variables: (p) => ({ name: p.name }) },
  entityWithRelationships: {
    query:
      'query ($id: ID!) { entity(id: $id) { id name relationships(first: 20) { nodes { id type stance modality source { id name } target { id name } evidence { quote start end } } } } }',
    variables: (p) => ({ id: p.id }),
  },
  relationshipsPage: {
    query: 'query ($f: RelationshipFilter) { relationships(filter: $f, first: 20) { totalCount nodes { id type source { id } target { id } } } }',
    variables: (p) => ({ f: { types: [p.type], stances: [p.stance] } }),
  },
  neighborhood: {
    query: 'query ($id: ID!) { neighborhood(entityId: $id, depth: 2) { nodes { id name } edges { id type source { id } target { id } } } }',
    variables: (p) => ({ id: p.id }),
  },
  shortestPath: {
    query: 'query ($from: ID!, $to: ID!) { shortestPath(fromId: $from, toId: $to) { length nodes { id name } edges { id type } } }',
    variables: (p) => ({ from: p.id, to: p.otherId }),
  },
  search: { query: 'query ($text: String!) { search(text: $text, first: 10) { score node { id } } }', variables: (p) => ({ text: p.text }) },
};

/** Random parameters: entities uniformly (hubs come up now and then), names as stored (the peer's generated filter matches exactly). */
export function paramsFor(size: number, rand: () => number): BenchParams {
  const a = Math.floor(rand() * size);
  // A path needs two different ends (from an entity to itself is answered without a query).
  const b = (a + 1 + Math.floor(rand() * (size - 1))) % size;
  const type = BENCH_TYPES[Math.floor(rand() * BENCH_TYPES.length)] as RelationType;
  return {
    name: nameOf(a),
    id: `entity:${slugOf(a)}`,
    otherId: `entity:${slugOf(b)}`,
    type,
    stance: type === 'COUNTERS' || type === 'CONCERNED_ABOUT' ? 'ADVERSARIAL' : 'COOPERATIVE',
    text: `${nameOf(a).split(' ')[0] ?? ''} ${a}`,
  };
}
