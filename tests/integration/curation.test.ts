/**
 * Curation through the API against the real Neo4j: each mutation's happy path read back, every
 * refusal leaving the graph, the counts and the change log exactly as they were, concurrency
 * settled by the lock and the constraints, retraction, merging, and a re-seed that keeps what
 * curators wrote. Expected values come from the texts and from plain Cypher counts.
 */
import {
  AddDocumentDocument,
  AddEntityDocument,
  AssertRelationshipDocument,
  ChangesDocument,
  MergeEntitiesDocument,
  RetractRelationshipDocument,
  UpdateEntityDocument,
  type AssertRelationshipMutationVariables,
  type ChangesQuery,
  type TypedDocumentString,
} from '../../src/generated/operations/graphql';
import { loadSeed } from '../../src/seed/load';
import { floatProperties, graphSnapshot } from '../support/neo4j';
import { errorCodes, expectNoErrors, useSeededApi, type GraphQLResponse } from '../support/graphql';
import { signTestToken } from '../support/tokens';
import { random } from '../../bench/graph';

const seeded = useSeededApi();
const ARTICLE = 'document:nato-liaison-office-japan';
const DRILLS = {
  title: 'Antipodean drills',
  text: 'Australia and New Zealand held joint naval drills near the South China Sea. Australia thanked New Zealand; Australia called it routine.',
  url: 'https://example.org/drills',
  publishedAt: '2024-02-01T08:30:00+01:00',
};

let editor = '';
let admin = '';
beforeAll(async () => {
  editor = await signTestToken({ sub: 'alice', roles: ['editor'] });
  admin = await signTestToken({ sub: 'root', roles: ['admin'] });
});

const mutate = <T, V>(doc: TypedDocumentString<T, V>, variables: V, token: string = editor): Promise<GraphQLResponse<T>> => seeded.api.query<T, V>(doc, variables, { token });

async function count(cypher: string, params: Record<string, unknown> = {}): Promise<number> {
  return seeded.neo4j.db.read(cypher, params, (records) => Number(records[0]?.get(0)));
}

async function changeSeqs(): Promise<number[]> {
  return seeded.neo4j.db.read('MATCH (c:Change) RETURN c.seq AS seq ORDER BY seq', {}, (records) => records.map((r) => Number(r.get('seq'))));
}

/** The graph, the kept counts and the log: a refusal must leave all three as they were. */
async function everything(): Promise<string[]> {
  return graphSnapshot(seeded.neo4j.db);
}

async function addDrills(): Promise<string> {
  const data = expectNoErrors(await mutate(AddDocumentDocument, { input: DRILLS }));
  return data.addDocument.id;
}

function assertion(overrides: Partial<AssertRelationshipMutationVariables['input']> = {}): AssertRelationshipMutationVariables {
  return {
    input: {
      sourceId: 'entity:australia',
      type: 'COOPERATES_WITH',
      targetId: 'entity:new-zealand',
      stance: 'COOPERATIVE',
      modality: 'ASSERTED',
      evidence: [{ documentId: overrides.evidence?.[0]?.documentId ?? '', quote: 'Australia and New Zealand held joint naval drills' }],
      ...overrides,
    },
  };
}

describe('addDocument', () => {
  it('stores the text exactly, finds its mentions (longest match: the South China Sea is not China), and is idempotent', async () => {
    const before = await changeSeqs();
    const first = expectNoErrors(await mutate(AddDocumentDocument, { input: DRILLS })).addDocument;
    expect(first).toMatchObject({ title: DRILLS.title, url: DRILLS.url, publishedAt: '2024-02-01T07:30:00.000Z' });
    expect(first.entities.map((e) => e.id).sort()).toEqual(['entity:australia', 'entity:new-zealand', 'entity:south-china-sea']);
    const text = await seeded.neo4j.db.read('MATCH (d:Document {id: $id}) RETURN d.text AS text', { id: first.id }, (r) => r[0]?.get('text') as string);
    expect(text).toBe(DRILLS.text);
    // Mentions at the offsets where the names are, computed here from the text itself.
    const australia = await seeded.neo4j.db.read(
      'MATCH (:Document {id: $id})-[m:MENTIONS]->(:Entity {id: "entity:australia"}) RETURN m.starts AS starts',
      { id: first.id },
      (r) => (r[0]?.get('starts') as unknown[]).map(Number),
    );
    expect(australia).toEqual([...DRILLS.text.matchAll(/Australia/g)].map((m) => m.index));
    expect(await changeSeqs()).toEqual([...before, before.length + 1]);

    const snapshot = await everything();
    const again = expectNoErrors(await mutate(AddDocumentDocument, { input: DRILLS })).addDocument;
    expect(again.id).toBe(first.id);
    expect(await everything()).toEqual(snapshot);
  });

  it.each([
    ['an empty title', { ...DRILLS, title: '  ' }, 'title must not be empty'],
    ['an empty text', { ...DRILLS, title: 'Other', text: ' ' }, 'text must not be empty'],
    ['a url that is not http(s)', { ...DRILLS, title: 'Other', url: 'javascript:alert(1)' }, 'url must be an absolute http(s) URL'],
    ['a date that is not RFC 3339', { ...DRILLS, title: 'Other', publishedAt: 'yesterday' }, 'DateTime must be an RFC 3339'],
  ])('refuses %s and writes nothing', async (_label, input, message) => {
    const before = await everything();
    const response = await mutate(AddDocumentDocument, { input });
    expect(errorCodes(response)).toEqual(['BAD_USER_INPUT']);
    expect(response.errors?.[0]?.message).toContain(message);
    expect(await everything()).toEqual(before);
  });
});

describe('limits on mutations', () => {
  it('answers a document larger than the body limit with 413 PAYLOAD_TOO_LARGE and writes nothing', async () => {
    const before = await everything();
    const response = await mutate(AddDocumentDocument, { input: { title: 'Huge', text: 'x'.repeat(120_000) } });
    expect(response.status).toBe(413);
    expect(errorCodes(response)).toEqual(['PAYLOAD_TOO_LARGE']);
    expect(await everything()).toEqual(before);
  });

  it('refuses a mutation document over the alias limit before any of it runs', async () => {
    const before = await everything();
    const many = Array.from({ length: 16 }, (_, i) => `a${i}: addEntity(input: {name: "Alias entity ${i}", kind: CITY}) { id }`).join(' ');
    const response = await seeded.api.query(`mutation { ${many} }`, {}, { token: editor });
    expect(response.status).toBe(400);
    expect(errorCodes(response)).toEqual(['GRAPHQL_VALIDATION_FAILED']);
    expect(await everything()).toEqual(before);
  });
});

describe('tokens and roles', () => {
  it('refuses a mutation without a token (UNAUTHENTICATED), or with the wrong role (FORBIDDEN), and writes nothing', async () => {
    const before = await everything();
    const anonymous = await seeded.api.query(AddDocumentDocument, { input: { title: 'Anon', text: 'Anon text' } });
    expect(errorCodes(anonymous)).toEqual(['UNAUTHENTICATED']);
    const expired = await mutate(AddDocumentDocument, { input: { title: 'Late', text: 'Late text' } }, await signTestToken({ sub: 'late', roles: ['editor'], exp: Math.floor(Date.now() / 1000) - 3600 }));
    expect(errorCodes(expired)).toEqual(['UNAUTHENTICATED']);
    const forged = await mutate(AddDocumentDocument, { input: { title: 'Forged', text: 'Forged text' } }, await signTestToken({ sub: 'mallory', roles: ['admin'], key: 'a-different-secret-of-at-least-32-bytes!!' }));
    expect(errorCodes(forged)).toEqual(['UNAUTHENTICATED']);
    const reader = await mutate(AddDocumentDocument, { input: { title: 'Reader', text: 'Reader text' } }, await signTestToken({ sub: 'bob', roles: [] }));
    expect(errorCodes(reader)).toEqual(['FORBIDDEN']);
    const editorMerge = await mutate(MergeEntitiesDocument, { keepId: 'entity:tokyo', mergeId: 'entity:asia' });
    expect(errorCodes(editorMerge)).toEqual(['FORBIDDEN']);
    expect(await everything()).toEqual(before);
  });
});

describe('assertRelationship', () => {
  it('locates each quote in the stored text, records who and when, and counts it', async () => {
    const drills = await addDrills();
    const total = async (): Promise<number> =>
      expectNoErrors(await seeded.api.query<{ relationships: { totalCount: number } }>('{ relationships(filter: {types: [COOPERATES_WITH]}) { totalCount } }')).relationships.totalCount;
    const totalBefore = await total();
    const quote = 'Australia and New Zealand held joint naval drills';
    const stated = expectNoErrors(await mutate(AssertRelationshipDocument, assertion({ evidence: [{ documentId: drills, quote }] }))).assertRelationship;
    expect(stated).toMatchObject({ type: 'COOPERATES_WITH', stance: 'COOPERATIVE', source: { id: 'entity:australia' }, target: { id: 'entity:new-zealand' }, retraction: null });
    expect(stated.evidence).toEqual([{ quote, start: DRILLS.text.indexOf(quote), end: DRILLS.text.indexOf(quote) + quote.length, document: { id: drills } }]);
    expect(await total()).toBe(totalBefore + 1);
    expect(await total()).toBe(await count('MATCH ()-[r:COOPERATES_WITH]->() RETURN count(r)'));
    const log = expectNoErrors(await seeded.api.query(ChangesDocument, { first: 100 })).changes;
    expect(log.nodes.at(-1)).toMatchObject({ by: 'alice', kind: 'RELATIONSHIP_ASSERTED', nodeId: stated.id, node: { id: stated.id } });

    // The same again writes nothing; a second passage is appended (occurrence picks the repeat).
    const snapshot = await everything();
    expectNoErrors(await mutate(AssertRelationshipDocument, assertion({ evidence: [{ documentId: drills, quote }] })));
    expect(await everything()).toEqual(snapshot);
    const more = expectNoErrors(await mutate(AssertRelationshipDocument, assertion({ evidence: [{ documentId: drills, quote: 'Australia', occurrence: 2 }] }))).assertRelationship;
    const second = DRILLS.text.indexOf('Australia', 1);
    expect(more.id).toBe(stated.id);
    expect(more.evidence.map((e) => [e.start, e.end])).toEqual([
      [0, quote.length],
      [second, second + 'Australia'.length],
    ]);
    const last = expectNoErrors(await seeded.api.query(ChangesDocument, { first: 100 })).changes.nodes.at(-1);
    expect(last).toMatchObject({ kind: 'EVIDENCE_ADDED', nodeId: stated.id });
  });

  it.each([
    ['a quote that is not in the text', { evidence: [{ documentId: ARTICLE, quote: 'NATO dissolves itself' }] }, 'is not in document document:nato-liaison-office-japan'],
    ['a quote that differs only in typography', { evidence: [{ documentId: ARTICLE, quote: 'China\'s stated ambitions' }] }, 'differs from the text only in quote marks'],
    ['an empty quote', { evidence: [{ documentId: ARTICLE, quote: '' }] }, 'the quote is empty'],
    ['a missing occurrence', { evidence: [{ documentId: ARTICLE, quote: 'NATO', occurrence: null }] }, 'occurrence must be given'],
    ['an occurrence past the last', { evidence: [{ documentId: ARTICLE, quote: 'Tokyo', occurrence: 2 }] }, 'occurrence must be an integer from 1 to 1'],
    ['an unknown document', { evidence: [{ documentId: 'document:nope', quote: 'NATO' }] }, 'there is no document "document:nope"'],
    ['no evidence', { evidence: [] }, 'evidence must hold at least one passage'],
    ['an unknown entity', { sourceId: 'entity:atlantis', evidence: [{ documentId: ARTICLE, quote: 'Tokyo' }] }, 'there is no entity entity:atlantis'],
    ['the same entity at both ends', { targetId: 'entity:australia', evidence: [{ documentId: ARTICLE, quote: 'Tokyo' }] }, 'source and target are the same entity'],
    ['ATTRIBUTED without attributedToId', { modality: 'ATTRIBUTED' as const, evidence: [{ documentId: ARTICLE, quote: 'Tokyo' }] }, 'attributedToId is required'],
    ['attributedToId without ATTRIBUTED', { attributedToId: 'entity:nato', evidence: [{ documentId: ARTICLE, quote: 'Tokyo' }] }, 'attributedToId is only for ATTRIBUTED'],
  ])('refuses %s, naming it, and writes nothing', async (_label, overrides, message) => {
    const before = await everything();
    const response = await mutate(AssertRelationshipDocument, assertion(overrides));
    expect(errorCodes(response)).toEqual(['BAD_USER_INPUT']);
    expect(response.errors?.[0]?.message).toContain(message);
    expect(await everything()).toEqual(before);
  });

  it('20 identical assertions at once leave one relationship with one copy of its evidence, and one change', async () => {
    const quote = 'Japan shares common values and interests with NATO';
    const input = assertion({ sourceId: 'entity:japan', type: 'SHARES_VALUES_WITH', targetId: 'entity:nato', stance: 'NEUTRAL', evidence: [{ documentId: ARTICLE, quote }] });
    const seqsBefore = await changeSeqs();
    const responses = await Promise.all(Array.from({ length: 20 }, () => mutate(AssertRelationshipDocument, input)));
    const ids = new Set(responses.map((r) => expectNoErrors(r).assertRelationship.id));
    expect(ids.size).toBe(1);
    const key = 'entity:japan|SHARES_VALUES_WITH|entity:nato|NEUTRAL|ASSERTED|';
    expect(await count('MATCH ()-[r:SHARES_VALUES_WITH {key: $key}]->() RETURN count(r)', { key })).toBe(1);
    expect(await count('MATCH ()-[r:SHARES_VALUES_WITH {key: $key}]->() RETURN size(r.evidenceQuotes)', { key })).toBe(1);
    expect(await changeSeqs()).toEqual([...seqsBefore, seqsBefore.length + 1]);
  });
});

describe('the change log', () => {
  it('numbers concurrent writers gap-free, in commit order, oldest first, and pages by cursor', async () => {
    const documents = Array.from({ length: 12 }, (_, i) => ({ title: `Bulletin ${i}`, text: `Bulletin number ${i}: Japan and Australia met in Tokyo.` }));
    await Promise.all(documents.map((input) => mutate(AddDocumentDocument, { input })));
    const seqs = await changeSeqs();
    expect(seqs).toEqual(seqs.map((_, i) => i + 1));
    // Commit order: each change's time never goes backwards along the sequence.
    const times = await seeded.neo4j.db.read('MATCH (c:Change) RETURN c.at AS at ORDER BY c.seq', {}, (r) => r.map((x) => Number(x.get('at'))));
    expect(times).toEqual([...times].sort((a, b) => a - b));

    const pages: number[] = [];
    let after: string | null = null;
    for (let i = 0; i < 50; i += 1) {
      const page: ChangesQuery['changes'] = expectNoErrors(await seeded.api.query(ChangesDocument, { first: 5, after })).changes;
      expect(page.totalCount).toBe(seqs.length);
      pages.push(...page.nodes.map((n) => (JSON.parse(Buffer.from(n.cursor, 'base64url').toString()) as number[])[0] as number));
      if (!page.pageInfo.hasNextPage) break;
      after = page.pageInfo.endCursor ?? null;
    }
    expect(pages).toEqual(seqs);
    const first = expectNoErrors(await seeded.api.query(ChangesDocument, { first: 1 })).changes.nodes[0];
    expect(first).toMatchObject({ kind: 'SEEDED', by: 'seed', nodeId: null, node: null });
    expect(errorCodes(await seeded.api.query(ChangesDocument, { after: 'not-a-cursor' }))).toEqual(['BAD_USER_INPUT']);
  });
});

describe('retractRelationship', () => {
  it('takes a relationship out of lists, counts, neighbourhoods and paths; node(id) still answers it', async () => {
    const id = 'relationship:japan:NEAR:china';
    const near = async (): Promise<Record<string, unknown>> =>
      expectNoErrors(
        await seeded.api.query(`{
          relationships(filter: {types: [NEAR]}) { totalCount nodes { id } }
          relationshipsBetween(a: "entity:japan", b: "entity:china", filter: {types: [NEAR]}) { id }
          neighborhood(entityId: "entity:japan", depth: 1, filter: {types: [NEAR]}) { edges { id } }
          shortestPath(fromId: "entity:japan", toId: "entity:china", filter: {types: [NEAR]}) { edges { id } }
          entity(id: "entity:japan") { relationships(filter: {types: [NEAR]}) { totalCount } }
          document(id: "${ARTICLE}") { relationships { id } }
        }`),
      );
    const before = await near();
    expect(JSON.stringify(before)).toContain(id);
    const nearBefore = await count('MATCH ()-[r:NEAR]->() RETURN count(r)');

    const retracted = expectNoErrors(await mutate(RetractRelationshipDocument, { id, reason: 'Proximity is geography, not a relationship the article argues' })).retractRelationship;
    expect(retracted).toMatchObject({ id, type: 'NEAR', retraction: { reason: 'Proximity is geography, not a relationship the article argues', by: 'alice' } });
    const after = await near();
    expect(JSON.stringify(after)).not.toContain(id);
    expect((after.relationships as { totalCount: number }).totalCount).toBe(nearBefore - 1);
    const node = expectNoErrors(await seeded.api.query<{ node: { retraction: { at: string } } }>(`{ node(id: "${id}") { id ... on Relationship { type retraction { by at } } } }`));
    expect(node.node).toMatchObject({ id, type: 'NEAR', retraction: { by: 'alice' } });
    expect(Number.isNaN(Date.parse(node.node.retraction.at))).toBe(false);

    // Retracting again writes nothing; asserting it again reinstates it, evidence and all.
    const snapshot = await everything();
    expectNoErrors(await mutate(RetractRelationshipDocument, { id, reason: 'again' }));
    expect(await everything()).toEqual(snapshot);
    expect(errorCodes(await mutate(RetractRelationshipDocument, { id: 'relationship:japan:NEAR:atlantis', reason: 'x' }))).toEqual(['BAD_USER_INPUT']);
    expect(errorCodes(await mutate(RetractRelationshipDocument, { id, reason: '  ' }))).toEqual(['BAD_USER_INPUT']);
  });
});

describe('addEntity, updateEntity and mergeEntities', () => {
  it('adds an entity, finds its mentions in every document, and refuses a name another entity has', async () => {
    const before = await everything();
    const taken = await mutate(AddEntityDocument, { input: { name: 'Canberra', kind: 'CITY', aliases: ['nippon', 'Japan'] } });
    expect(errorCodes(taken)).toEqual(['BAD_USER_INPUT']);
    expect(taken.errors?.[0]?.message).toContain('"Japan" already names entity entity:japan');
    expect(await everything()).toEqual(before);

    const added = expectNoErrors(await mutate(AddEntityDocument, { input: { name: 'Naval drills', kind: 'REGION', aliases: ['joint naval drills'] } })).addEntity;
    expect(added.id).toBe('entity:naval-drills');
    const mentions = expectNoErrors(await seeded.api.query<{ entity: { mentions: { text: string }[] } }>(`{ entity(id: "entity:naval-drills") { mentions { text document { id } } } }`));
    // "joint naval drills" (the longer alias) in the drills document.
    expect(mentions.entity.mentions.map((m) => m.text)).toEqual(['joint naval drills']);
  });

  it('of 8 concurrent additions of one name, exactly one succeeds and the others are refused', async () => {
    const responses = await Promise.all(Array.from({ length: 8 }, (_, i) => mutate(AddEntityDocument, { input: { name: 'Canberra', kind: 'CITY', aliases: [`Canberra ${i}`] } })));
    expect(responses.filter((r) => r.errors === undefined)).toHaveLength(1);
    expect(responses.flatMap(errorCodes)).toEqual(Array.from({ length: 7 }, () => 'BAD_USER_INPUT'));
    expect(await count("MATCH (e:Entity {id: 'entity:canberra'}) RETURN count(e)")).toBe(1);
    expect(await count("MATCH (n:Name)-[:NAMES]->(:Entity {id: 'entity:canberra'}) RETURN count(n)")).toBe(2);
  });

  it('updates an entity: names are found again, the id stays', async () => {
    const updated = expectNoErrors(await mutate(UpdateEntityDocument, { id: 'entity:naval-drills', input: { aliases: ['naval drills'], description: 'Exercises at sea' } })).updateEntity;
    expect(updated).toMatchObject({ id: 'entity:naval-drills', name: 'Naval drills', aliases: [], description: 'Exercises at sea' });
    const byName = expectNoErrors(await seeded.api.query<{ entity: { id: string } }>('{ entity(name: "NAVAL DRILLS") { id } }'));
    expect(byName.entity.id).toBe('entity:naval-drills');
  });

  it('merges: names, relationships and mentions move; the old id answers the kept entity; identical relationships unite their evidence', async () => {
    // Two identical facts, one on each entity, so the merge has to unite them.
    const drills = (await seeded.neo4j.db.read("MATCH (d:Document {title: 'Antipodean drills'}) RETURN d.id AS id", {}, (r) => r[0]?.get('id') as string));
    expectNoErrors(await mutate(AddEntityDocument, { input: { name: 'Wellington', kind: 'CITY' } }));
    expectNoErrors(await mutate(AssertRelationshipDocument, assertion({ targetId: 'entity:wellington', evidence: [{ documentId: drills, quote: 'Australia thanked New Zealand' }] })));
    const nz = expectNoErrors(await seeded.api.query<{ entity: { relationships: { totalCount: number } } }>('{ entity(id: "entity:new-zealand") { relationships(first: 100) { totalCount } } }'));

    const merged = expectNoErrors(await mutate(MergeEntitiesDocument, { keepId: 'entity:new-zealand', mergeId: 'entity:wellington' }, admin)).mergeEntities;
    expect(merged.id).toBe('entity:new-zealand');
    expect(merged.aliases).toContain('Wellington');
    const old = expectNoErrors(await seeded.api.query('{ node(id: "entity:wellington") { id } entity(id: "entity:wellington") { id } byName: entity(name: "wellington") { id } }'));
    expect(old).toEqual({ node: { id: 'entity:new-zealand' }, entity: { id: 'entity:new-zealand' }, byName: { id: 'entity:new-zealand' } });
    const united = await seeded.neo4j.db.read(
      "MATCH (:Entity {id: 'entity:australia'})-[r:COOPERATES_WITH {stance: 'COOPERATIVE', modality: 'ASSERTED'}]->(:Entity {id: 'entity:new-zealand'}) RETURN r.evidenceQuotes AS quotes",
      {},
      (r) => r.map((x) => x.get('quotes') as string[]),
    );
    expect(united).toHaveLength(1);
    expect(new Set(united[0])).toEqual(new Set(['Australia and New Zealand held joint naval drills', 'Australia', 'Australia thanked New Zealand']));
    const after = expectNoErrors(await seeded.api.query<{ entity: { relationships: { totalCount: number } } }>('{ entity(id: "entity:new-zealand") { relationships(first: 100) { totalCount } } }'));
    expect(after.entity.relationships.totalCount).toBe(nz.entity.relationships.totalCount);
    expect(await count("MATCH (e:Entity {id: 'entity:wellington'}) RETURN count(e)")).toBe(0);
  });
});

describe('totals', () => {
  it('stay exact through a random sequence of assertions, retractions and merges', async () => {
    const rand = random(Number(process.env.CURATION_SEED ?? 20261128));
    const pick = <T>(items: readonly T[]): T => items[Math.floor(rand() * items.length)] as T;
    const text = await seeded.neo4j.db.read('MATCH (d:Document {id: $id}) RETURN d.text AS text', { id: ARTICLE }, (r) => r[0]?.get('text') as string);
    for (const name of ['Alpha Bloc', 'Beta Union', 'Gamma Pact', 'Delta League']) expectNoErrors(await mutate(AddEntityDocument, { input: { name, kind: 'ORGANIZATION' } }));
    const entities = async (): Promise<string[]> => seeded.neo4j.db.read('MATCH (e:Entity) RETURN e.id AS id ORDER BY id', {}, (r) => r.map((x) => x.get('id') as string));
    const standing = async (): Promise<string[]> => seeded.neo4j.db.read("MATCH ()-[r]->() WHERE r.key IS NOT NULL AND type(r) <> 'RETRACTED' RETURN r.id AS id ORDER BY id", {}, (r) => r.map((x) => x.get('id') as string));
    const merged: string[] = [];
    for (let step = 0; step < 40; step += 1) {
      const roll = rand();
      if (roll < 0.65) {
        const ids = await entities();
        const [source, target, other] = [pick(ids), pick(ids), pick(ids)];
        const start = Math.floor(rand() * (text.length - 60));
        const quote = text.slice(start, start + 10 + Math.floor(rand() * 40));
        if (quote.trim() === '' || source === target) continue;
        const modality = pick(['ASSERTED', 'PLANNED', 'ATTRIBUTED'] as const);
        const response = await mutate(AssertRelationshipDocument, {
          input: { sourceId: source, targetId: target, type: pick(['ALLY_OF', 'COUNTERS', 'CONSULTS', 'NEAR'] as const), stance: pick(['COOPERATIVE', 'NEUTRAL', 'ADVERSARIAL'] as const), modality, attributedToId: modality === 'ATTRIBUTED' ? other : null, evidence: [{ documentId: ARTICLE, quote }] },
        });
        expectNoErrors(response);
      } else if (roll < 0.9) {
        const ids = await standing();
        if (ids.length > 0) expectNoErrors(await mutate(RetractRelationshipDocument, { id: pick(ids), reason: `random step ${step}` }));
      } else {
        const candidates = (await entities()).filter((id) => /alpha|beta|gamma|delta/.test(id) && !merged.includes(id));
        if (candidates.length < 2) continue;
        const [keep, merge] = [pick(candidates), pick(candidates)];
        if (keep === merge) continue;
        expectNoErrors(await mutate(MergeEntitiesDocument, { keepId: keep, mergeId: merge }, admin));
        merged.push(merge);
      }
    }
    // The API's totals against plain counts of what is stored, for several filters.
    const filters = [{}, { stances: ['ADVERSARIAL'] }, { modalities: ['ATTRIBUTED', 'PLANNED'] }, { types: ['ALLY_OF', 'COUNTERS'], stances: ['COOPERATIVE', 'NEUTRAL'] }];
    for (const filter of filters) {
      const api = expectNoErrors(await seeded.api.query<{ relationships: { totalCount: number } }, { filter: unknown }>('query($filter: RelationshipFilter) { relationships(filter: $filter) { totalCount } }', { filter })).relationships.totalCount;
      const f = filter as { types?: string[]; stances?: string[]; modalities?: string[] };
      const plain = await count(
        `MATCH ()-[r]->() WHERE r.key IS NOT NULL AND type(r) <> 'RETRACTED'
           AND ($types IS NULL OR type(r) IN $types) AND ($stances IS NULL OR r.stance IN $stances) AND ($modalities IS NULL OR r.modality IN $modalities)
         RETURN count(r)`,
        { types: f.types ?? null, stances: f.stances ?? null, modalities: f.modalities ?? null },
      );
      expect({ filter, total: api }).toEqual({ filter, total: plain });
    }
    // And every entity's total, which the planner answers from degrees.
    for (const id of await entities()) {
      const api = expectNoErrors(await seeded.api.query<{ entity: { relationships: { totalCount: number } } }>(`{ entity(id: "${id}") { relationships { totalCount } } }`)).entity.relationships.totalCount;
      const plain = await count("MATCH (e:Entity {id: $id})-[r]-() WHERE r.key IS NOT NULL AND type(r) <> 'RETRACTED' RETURN count(r)", { id });
      expect({ id, total: api }).toEqual({ id, total: plain });
    }
  });

  it('every kept count equals a plain count of the standing relationships', async () => {
    const kept = await seeded.neo4j.db.read('MATCH (c:RelationshipCount) WHERE c.count > 0 RETURN c.type + "|" + c.stance + "|" + c.modality AS k, c.count AS n ORDER BY k', {}, (r) =>
      r.map((x) => `${x.get('k') as string}=${Number(x.get('n'))}`),
    );
    const plain = await seeded.neo4j.db.read(
      'MATCH ()-[r]->() WHERE r.id IS NOT NULL AND type(r) <> "RETRACTED" RETURN type(r) + "|" + r.stance + "|" + r.modality AS k, count(*) AS n ORDER BY k',
      {},
      (r) => r.map((x) => `${x.get('k') as string}=${Number(x.get('n'))}`),
    );
    expect(kept).toEqual(plain);
  });

  it('are stored as integers, like every offset the assertions, retractions and merges above wrote', async () => {
    expect(await floatProperties(seeded.neo4j.db)).toEqual([]);
  });
});

describe('re-seeding after curation', () => {
  it('keeps curated documents, entities, relationships, evidence, retractions and merges', async () => {
    const curated = async (): Promise<unknown> =>
      seeded.neo4j.db.read(
        `MATCH (d:Document) WHERE d.seeded IS NULL WITH collect(d.id) AS documents
         MATCH (e:Entity) WHERE e.curated WITH documents, collect(e.id) AS entities
         MATCH ()-[r]->() WHERE 'curated' IN r.evidenceOrigins OR type(r) = 'RETRACTED'
         WITH documents, entities, collect([r.id, type(r), r.evidenceQuotes]) AS relationships
         MATCH (x:Redirect)-->(k) RETURN documents, entities, relationships, collect([x.id, k.id]) AS redirects`,
        {},
        (r): unknown => JSON.parse(JSON.stringify(r[0]?.toObject())),
      );
    const before = await curated();
    const seqs = await changeSeqs();
    await loadSeed(seeded.neo4j.db);
    expect(await curated()).toEqual(before);
    expect(await changeSeqs()).toEqual([...seqs, seqs.length + 1]);
    const retracted = expectNoErrors(await seeded.api.query('{ relationships(filter: {types: [NEAR]}) { nodes { id } } }'));
    expect(JSON.stringify(retracted)).not.toContain('relationship:japan:NEAR:china');
  });
});
