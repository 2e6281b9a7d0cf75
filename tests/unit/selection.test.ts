/**
 * The resolver look-ahead (`selects`) on the served schema, with the resolve info graphql-js
 * itself builds: a neighbourhood reads its edges' evidence only when the query selects it, by
 * whatever route (alias, fragment, inline fragment, the field repeated); and it errs towards
 * reading more, never less.
 */
import { buildSchema, execute, parse, type GraphQLResolveInfo } from 'graphql';
import { loadTypeDefs } from '../../src/graphql/type-defs';
import { selects } from '../../src/graphql/selection';

const schema = buildSchema(loadTypeDefs().join('\n'));

/** What `selects(info, path)` answers inside Query.neighborhood for `query`. */
function selectsIn(query: string, path: readonly string[], variables: Record<string, unknown> = {}): boolean {
  let answer: boolean | undefined;
  const rootValue = {
    neighborhood: (_args: unknown, _context: unknown, info: GraphQLResolveInfo) => {
      answer = selects(info, path);
      return { nodes: [], edges: [], truncated: false };
    },
  };
  const result = execute({ schema, document: parse(query), rootValue, variableValues: variables });
  if ('then' in result) throw new Error('expected a synchronous execution');
  if (result.errors !== undefined) throw new Error(result.errors.map((e) => e.message).join('\n'));
  if (answer === undefined) throw new Error('neighborhood was not resolved');
  return answer;
}

const EVIDENCE = ['edges', 'evidence'];

describe('selects', () => {
  it('sees a field selected directly, and not one that is absent', () => {
    expect(selectsIn('{ neighborhood(entityId: "entity:nato") { edges { id evidence { quote } } } }', EVIDENCE)).toBe(true);
    expect(selectsIn('{ neighborhood(entityId: "entity:nato") { edges { id } nodes { id } } }', EVIDENCE)).toBe(false);
    expect(selectsIn('{ neighborhood(entityId: "entity:nato") { nodes { id } } }', EVIDENCE)).toBe(false);
  });

  it('follows the path level by level: evidence under nodes is not evidence under edges', () => {
    expect(selectsIn('{ neighborhood(entityId: "entity:nato") { nodes { relationships { nodes { evidence { quote } } } } } }', EVIDENCE)).toBe(false);
    expect(selectsIn('{ neighborhood(entityId: "entity:nato") { edges { id } } }', ['edges'])).toBe(true);
  });

  it('finds a field under an alias, at either level', () => {
    expect(selectsIn('{ hood: neighborhood(entityId: "entity:nato") { links: edges { proof: evidence { quote } } } }', EVIDENCE)).toBe(true);
  });

  it('follows named fragments, nested fragments and inline fragments', () => {
    const named = `{ neighborhood(entityId: "entity:nato") { ...Graph } }
      fragment Graph on Subgraph { edges { ...Edge } }
      fragment Edge on Relationship { id evidence { quote } }`;
    expect(selectsIn(named, EVIDENCE)).toBe(true);
    expect(selectsIn('{ neighborhood(entityId: "entity:nato") { ... on Subgraph { edges { ... { evidence { start } } } } } }', EVIDENCE)).toBe(true);
    const withoutEvidence = `{ neighborhood(entityId: "entity:nato") { ...Graph } }
      fragment Graph on Subgraph { edges { id } }`;
    expect(selectsIn(withoutEvidence, EVIDENCE)).toBe(false);
  });

  it('merges the field when the query names it more than once', () => {
    const twice = '{ neighborhood(entityId: "entity:nato") { nodes { id } } neighborhood(entityId: "entity:nato") { edges { evidence { quote } } } }';
    expect(selectsIn(twice, EVIDENCE)).toBe(true);
    const split = '{ neighborhood(entityId: "entity:nato") { edges { id } edges { evidence { quote } } } }';
    expect(selectsIn(split, EVIDENCE)).toBe(true);
  });

  it('counts a field under @skip or @include as selected, whatever the condition: it may read more, never less', () => {
    const conditional = 'query ($with: Boolean!) { neighborhood(entityId: "entity:nato") { edges { id evidence @include(if: $with) { quote } } } }';
    expect(selectsIn(conditional, EVIDENCE, { with: true })).toBe(true);
    expect(selectsIn(conditional, EVIDENCE, { with: false })).toBe(true);
    expect(selectsIn('{ neighborhood(entityId: "entity:nato") { edges @skip(if: true) { evidence { quote } } } }', EVIDENCE)).toBe(true);
  });
});
