/**
 * A page of relationships is read by one statement text, with parameters of one shape, whatever
 * the filter (short of a document filter): Neo4j plans each new text, and each new size of a list
 * parameter, and that plan cost 0.3-0.7 s against about 30 ms to run. Checked without a database,
 * by recording what pageRelationships sends.
 */
import type { CypherExecutor } from '../../src/neo4j/driver';
import { MODALITIES, RELATION_TYPES, STANCES, type Modality, type RelationType, type Stance } from '../../src/model/vocabulary';
import { pageRelationships, type RelationshipFilter } from '../../src/queries/relationships';

interface Sent {
  text: string;
  params: Record<string, unknown>;
}

async function sentFor(filter: RelationshipFilter | null): Promise<Sent> {
  let sent: Sent | undefined;
  const recorder = {
    read: (text: string, params: Record<string, unknown>) => {
      sent = { text, params };
      return Promise.resolve({ items: [], hasNextPage: false, totalCount: 0 });
    },
  } as unknown as CypherExecutor;
  await pageRelationships(recorder, { filter, first: 10, after: null });
  if (sent === undefined) throw new Error('pageRelationships sent nothing');
  return sent;
}

/** Each list parameter's length, and every other parameter's type. */
const shape = (params: Record<string, unknown>): Record<string, string> =>
  Object.fromEntries(Object.entries(params).map(([k, v]) => [k, Array.isArray(v) ? `list of ${v.length}` : v === null ? 'null' : typeof v]));

const filters: (RelationshipFilter | null)[] = [
  null,
  {},
  { types: ['LEADS'] },
  { types: ['ALLY_OF', 'COUNTERS', 'NEAR'], stances: ['ADVERSARIAL'] },
  { stances: ['NEUTRAL', 'COOPERATIVE'], modalities: ['PLANNED'] },
  { types: [...RELATION_TYPES], stances: [...STANCES], modalities: [...MODALITIES] },
  { types: [], stances: [], modalities: [] },
];

describe('a page of relationships, whatever the filter', () => {
  it('is read by one statement text with parameters of one shape', async () => {
    const sent = await Promise.all(filters.map(sentFor));
    const [first] = sent;
    for (const s of sent) {
      expect(s.text).toBe(first?.text);
      expect(shape(s.params)).toEqual(shape(first?.params ?? {}));
    }
  });

  it('still asks for exactly the types, stances and modalities of the filter (all of them when none)', async () => {
    const asked = async (filter: RelationshipFilter): Promise<[Set<RelationType>, Set<Stance>, Set<Modality>]> => {
      const { params } = await sentFor(filter);
      return [new Set(params.types as RelationType[]), new Set(params.stances as Stance[]), new Set(params.modalities as Modality[])];
    };
    expect(await asked({ types: ['ALLY_OF', 'NEAR'], stances: ['ADVERSARIAL'] })).toEqual([new Set(['ALLY_OF', 'NEAR']), new Set(['ADVERSARIAL']), new Set(MODALITIES)]);
    expect(await asked({})).toEqual([new Set(RELATION_TYPES), new Set(STANCES), new Set(MODALITIES)]);
  });

  it('guards every type branch by the types asked for, and names no type outside the vocabulary', async () => {
    const { text } = await sentFor({ types: ['LEADS'] });
    for (const type of RELATION_TYPES) expect(text).toContain(`WHERE '${type}' IN types`);
    const named = [...text.matchAll(/\[r:(\w+)\]/g)].map((m) => m[1]);
    expect(new Set(named)).toEqual(new Set(RELATION_TYPES));
  });
});
