/**
 * Injection and robustness fuzzing: random and hostile values (quotes, backslashes, Cypher and
 * Lucene fragments, control characters, unicode, very long strings, extreme numbers) go into
 * every argument of every field reachable from the schema, through variables and as inline
 * literals, against a production-mode server. No response may be a 5xx or a masked internal
 * error, none may leak Cypher or driver text, and the graph must be unchanged afterwards.
 * The random values come from a seeded generator, so a failure can be replayed.
 */
import {
  buildSchema,
  getNamedType,
  isEnumType,
  isInputObjectType,
  isInterfaceType,
  isListType,
  isNonNullType,
  isObjectType,
  isScalarType,
  type GraphQLArgument,
  type GraphQLField,
  type GraphQLInputType,
  type GraphQLOutputType,
} from 'graphql';
import { random } from '../../bench/graph';
import { loadTypeDefs } from '../../src/graphql/type-defs';
import { graphSnapshot } from '../support/neo4j';
import { useSeededApi, type GraphQLResponse } from '../support/graphql';
import { signTestToken } from '../support/tokens';

const SEED = Number(process.env.FUZZ_SEED ?? 20261126);
const ROUNDS = Number(process.env.FUZZ_ROUNDS ?? 6);

const seeded = useSeededApi({ production: true });
let before: string[];

beforeAll(async () => {
  before = await graphSnapshot(seeded.neo4j.db);
});

const rand = random(SEED);
const pick = <T>(items: readonly T[]): T => items[Math.floor(rand() * items.length)] as T;

const HOSTILE_STRINGS = [
  "'",
  '"',
  '\\',
  "entity:nato'}) MATCH (n) DETACH DELETE n //",
  'entity:nato" OR 1=1 --',
  '`) DETACH DELETE n RETURN 1 //',
  "$ids', x: 1}) CALL db.clearQueryCaches() //",
  'relationship:nato:COUNTERS]->() DELETE r //:china',
  'relationship:a:B:c',
  'document:../../etc/passwd',
  'MATCH (n) RETURN n',
  '*:*',
  'title:* OR text:*',
  '"unterminated',
  'a~2 AND (b OR c^10)',
  '\u0000\u0001\u0007\u001b[31m',
  '\r\n\t',
  '🌏🇯🇵 日本 中国 한국',
  '\u202eevil\u202c',
  'Ω≈ç√∫˜µ≤≥÷',
  ' ',
  '',
  'x'.repeat(10_000),
  '\\u0027',
  '${process.exit()}',
  '<script>alert(1)</script>',
  'eyJ4IjoxfQ',
  'WyJOQVRPIiwiZW50aXR5Om5hdG8iXQ',
];

function randomString(): string {
  if (rand() < 0.6) return pick(HOSTILE_STRINGS);
  const length = Math.floor(rand() * 40);
  let s = '';
  for (let i = 0; i < length; i += 1) s += String.fromCodePoint(pick([32, 39, 34, 92, 40, 41, 123, 125, 58, 42, 0x4e2d, 0x1f30f, 0x202e, 10, 13, 0]) + (rand() < 0.3 ? Math.floor(rand() * 90) : 0));
  return s;
}

const EXTREME_INTS = [0, 1, -1, 2, 3, 7, 20, 99, 100, 101, 1000, 2147483647, -2147483648];

/** A random value of an input type (enums from their values, nulls where allowed). */
function randomValue(type: GraphQLInputType, depth = 0): unknown {
  if (isNonNullType(type)) return randomValue(type.ofType, depth);
  if (rand() < 0.1) return null;
  if (isListType(type)) return Array.from({ length: Math.floor(rand() * 4) }, () => randomValue(type.ofType, depth + 1) ?? randomValue(type.ofType, depth + 1));
  if (isEnumType(type)) return pick(type.getValues()).name;
  if (isInputObjectType(type)) return Object.fromEntries(Object.values(type.getFields()).map((f) => [f.name, randomValue(f.type, depth + 1)]));
  if (isScalarType(type)) {
    switch (type.name) {
      case 'Int':
        return pick(EXTREME_INTS);
      case 'Float':
        return rand() * 1e6;
      case 'Boolean':
        return rand() < 0.5;
      default:
        return randomString();
    }
  }
  return null;
}

/** A small selection that is valid for any output type. */
function selection(type: GraphQLOutputType, depth = 0): string {
  const named = getNamedType(type);
  if (isScalarType(named) || isEnumType(named)) return '';
  if (isInterfaceType(named)) return '{ __typename id }';
  if (!isObjectType(named)) return '{ __typename }';
  const fields = named.getFields();
  const scalars = Object.values(fields).filter((f) => {
    const t = getNamedType(f.type);
    return (isScalarType(t) || isEnumType(t)) && f.args.length === 0;
  });
  const nested = depth < 2 ? Object.values(fields).filter((f) => !scalars.includes(f) && f.args.every((a) => !isNonNullType(a.type))).slice(0, 2) : [];
  return `{ __typename ${scalars.map((f) => f.name).join(' ')} ${nested.map((f) => `${f.name} ${selection(f.type, depth + 1)}`).join(' ')} }`;
}

const schema = buildSchema(loadTypeDefs().join('\n'));
const queryFields = Object.values(schema.getQueryType()?.getFields() ?? {});
const mutationFields = Object.values(schema.getMutationType()?.getFields() ?? {});
const entityFields = Object.values((schema.getType('Entity') as { getFields: () => Record<string, GraphQLField<unknown, unknown>> }).getFields()).filter((f) => f.args.length > 0);

/** `field(a: $a, ...) { selection }` plus the variables, for a field with arguments. */
function call(field: GraphQLField<unknown, unknown>, prefix: string): { text: string; definitions: string[]; variables: Record<string, unknown> } {
  const args = field.args.filter((a: GraphQLArgument) => isNonNullType(a.type) || rand() < 0.8);
  const variables = Object.fromEntries(args.map((a) => [`${prefix}${a.name}`, randomValue(a.type)]));
  for (const a of args) if (isNonNullType(a.type) && variables[`${prefix}${a.name}`] === null) variables[`${prefix}${a.name}`] = randomValue(a.type);
  const definitions = args.map((a) => `$${prefix}${a.name}: ${String(a.type)}`);
  const argText = args.length === 0 ? '' : `(${args.map((a) => `${a.name}: $${prefix}${a.name}`).join(', ')})`;
  return { text: `${field.name}${argText} ${selection(field.type)}`, definitions, variables };
}

const LEAKS = /Neo4jError|Neo\.(Client|Transient|Database)Error|neo4j-driver|Cypher|\bMATCH \(|\bUNWIND\b|DETACH|lucene|ParseException|at [\w.<>]+ \(|\.ts:\d+|\.js:\d+|stacktrace/i;

function stringsIn(value: unknown): string[] {
  if (typeof value === 'string') return [value];
  if (Array.isArray(value)) return value.flatMap(stringsIn);
  if (value !== null && typeof value === 'object') return Object.values(value).flatMap(stringsIn);
  return [];
}

function expectSafe(response: GraphQLResponse<unknown>, request: unknown): void {
  const text = JSON.stringify(response);
  const context = `request ${JSON.stringify(request).slice(0, 2000)}\nresponse ${text.slice(0, 2000)}\n(FUZZ_SEED=${SEED})`;
  if (response.status >= 500) throw new Error(`5xx: ${context}`);
  if ((response.errors ?? []).some((e) => e.extensions?.code === 'INTERNAL_SERVER_ERROR')) throw new Error(`internal error: ${context}`);
  // Echoing the client's own input back (e.g. in a validation message) is fine; leaking ours is not.
  let withoutInput = text.split(JSON.stringify(request).slice(1, -1)).join('');
  for (const value of stringsIn(request)) {
    // As sent, and as quoted inside an error message (escaped once more by the response's JSON).
    for (const form of [value, JSON.stringify(value).slice(1, -1), JSON.stringify(JSON.stringify(value)).slice(3, -3)]) {
      if (form.length >= 3) withoutInput = withoutInput.split(form).join('');
    }
  }
  if (LEAKS.test(withoutInput.replace(/"message":"[^"]*Variable \\"\$[^"]*"/g, ''))) throw new Error(`leaks internals: ${context}`);
}

describe('fuzzing every argument of every field', () => {
  for (const field of queryFields) {
    it(`Query.${field.name} survives hostile arguments`, async () => {
      for (let round = 0; round < ROUNDS; round += 1) {
        const c = call(field, 'v');
        const query = `query Fuzz${c.definitions.length > 0 ? `(${c.definitions.join(', ')})` : ''} { ${c.text} }`;
        expectSafe(await seeded.api.query(query, c.variables), { query, variables: c.variables });
        // The same values written inline as literals, for string-typed arguments.
        const inline = Object.entries(c.variables).reduce(
          (q, [name, value]) => (typeof value === 'string' ? q.replace(`$${name}`, JSON.stringify(value)) : q),
          c.text,
        );
        const remaining = c.definitions.filter((d) => inline.includes(d.split(':')[0] as string));
        const inlineQuery = `query Fuzz${remaining.length > 0 ? `(${remaining.join(', ')})` : ''} { ${inline} }`;
        expectSafe(await seeded.api.query(inlineQuery, c.variables), { query: inlineQuery, variables: c.variables });
      }
    });
  }

  for (const field of entityFields) {
    it(`Entity.${field.name} survives hostile arguments`, async () => {
      for (let round = 0; round < ROUNDS; round += 1) {
        const c = call(field, 'v');
        const query = `query Fuzz${c.definitions.length > 0 ? `(${c.definitions.join(', ')})` : ''} { entity(name: "NATO") { ${c.text} } }`;
        expectSafe(await seeded.api.query(query, c.variables), { query, variables: c.variables });
      }
    });
  }

  it('survives hostile raw HTTP bodies', async () => {
    const bodies = ['{', '[]', 'null', '"query"', '{"query": 1}', '{"query": "{ entity(name: \\"x\\") { id } }", "variables": "x"}', '\u0000', '{"query":"'.padEnd(5000, 'x')];
    for (const body of bodies) {
      const response = await fetch(seeded.api.url, { method: 'POST', headers: { 'content-type': 'application/json' }, body });
      expect(response.status).toBeLessThan(500);
      expect(await response.text()).not.toMatch(LEAKS);
    }
  });

  it('leaves the graph unchanged', async () => {
    expect(await graphSnapshot(seeded.neo4j.db)).toEqual(before);
  });
});

describe('fuzzing every input of every mutation', () => {
  // After the read fuzzing above (which must leave the graph as it was): mutations may succeed
  // here (a document titled "'" is a fine document), but a refused one must write nothing at all.
  for (const field of mutationFields) {
    it(`Mutation.${field.name} survives hostile input, and a refusal writes nothing`, async () => {
      const token = await signTestToken({ sub: 'fuzzer', roles: ['admin'] });
      for (let round = 0; round < ROUNDS; round += 1) {
        const c = call(field, 'v');
        const query = `mutation Fuzz${c.definitions.length > 0 ? `(${c.definitions.join(', ')})` : ''} { ${c.text} }`;
        const graph = await graphSnapshot(seeded.neo4j.db);
        const response = await seeded.api.query(query, c.variables, { token });
        expectSafe(response, { query, variables: c.variables });
        if ((response.errors ?? []).length > 0) expect(await graphSnapshot(seeded.neo4j.db)).toEqual(graph);
      }
    });
  }
});
