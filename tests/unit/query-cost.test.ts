/**
 * The query cost estimator on the served schema, against costs worked out by hand from the rule
 * the README states: every object costs 1 plus what it contains, scalars are free, and a page
 * size (`first`, literal, variable or the schema's default) or a known list size multiplies what
 * the list contains.
 */
import { makeExecutableSchema } from '@graphql-tools/schema';
import { parse } from 'graphql';
import { getComplexity } from 'graphql-query-complexity';
import { loadTypeDefs } from '../../src/graphql/type-defs';
import { pageCostEstimator } from '../../src/graphql/protection';

const schema = makeExecutableSchema({ typeDefs: loadTypeDefs() });

const cost = (query: string, variables: Record<string, unknown> = {}): number =>
  getComplexity({ schema, query: parse(query), variables, estimators: [pageCostEstimator] });

describe('pageCostEstimator', () => {
  it('charges 1 per object and nothing for scalars', () => {
    expect(cost('{ entity(name: "nato") { id name kind aliases description } }')).toBe(1);
    expect(cost('{ entity(name: "nato") { id } node(id: "entity:nato") { id } }')).toBe(2);
    expect(cost('{ __typename }')).toBe(0);
  });

  it('multiplies what a page contains by its size', () => {
    // entities 1 + 10 × (nodes 1 + 1 × 0)
    expect(cost('{ entities(first: 10) { nodes { id name } } }')).toBe(11);
    // entities 1 + 10 × (nodes 1 + 1 × (relationships 1 + 5 × (nodes 1 + 1 × (source 1))))
    expect(cost('{ entities(first: 10) { nodes { relationships(first: 5) { nodes { id source { id } } } } } }')).toBe(1 + 10 * (1 + (1 + 5 * (1 + 1))));
  });

  it('prices first: 100 inside first: 100 over the 10,000 limit', () => {
    // entities 1 + 100 × (nodes 1 + relationships 1 + 100 × (nodes 1 + source 1)) = 20,201
    expect(cost('{ entities(first: 100) { nodes { relationships(first: 100) { nodes { id source { id } } } } } }')).toBe(20_201);
  });

  it('takes page sizes from variables, from a variable default, and from the schema default', () => {
    const query = 'query ($outer: Int, $inner: Int = 3) { entities(first: $outer) { nodes { relationships(first: $inner) { nodes { source { id } } } } } }';
    const expected = (outer: number, inner: number): number => 1 + outer * (1 + (1 + inner * (1 + 1)));
    expect(cost(query, { outer: 100, inner: 100 })).toBe(expected(100, 100));
    expect(cost(query, { outer: 7 })).toBe(expected(7, 3));
    // `entities(first:)` and `relationships(first:)` default to 20 in the schema.
    expect(cost('{ entities { nodes { relationships { nodes { source { id } } } } } }')).toBe(expected(20, 20));
  });

  it('sizes lists that take no `first` by their expected length', () => {
    // relationshipsBetween 1 + 20 × (evidence 1 + 3 × (document 1))
    expect(cost('{ relationshipsBetween(a: "entity:nato", b: "entity:china") { id evidence { quote document { id } } } }')).toBe(1 + 20 * (1 + 3 * 1));
    // neighborhood 1 + nodes (1 + 100 × 0) + edges (1 + 200 × (source 1 + target 1))
    expect(cost('{ neighborhood(entityId: "entity:nato") { nodes { id } edges { source { id } target { id } } } }')).toBe(1 + (1 + 100 * 0) + (1 + 200 * 2));
  });

  it('leaves out what @skip or @include drop for the given variables', () => {
    const query = 'query ($deep: Boolean!) { entities(first: 100) { nodes { id relationships(first: 100) @include(if: $deep) { nodes { id } } } } }';
    expect(cost(query, { deep: false })).toBe(1 + 100 * 1);
    expect(cost(query, { deep: true })).toBe(1 + 100 * (1 + (1 + 100 * 1)));
  });
});
