/**
 * Totals and pages of relationships under every kind of filter, against answers computed here
 * from the seed: `totalCount` comes from the loader's maintained counts (or, with a document
 * filter, from the documents' relationships) and pages merge per-type indexes, so both are
 * checked to equal a plain filter over the data. Runs on its own random graph, cleaned up after.
 */
import { RELATION_TYPES, STANCES, MODALITIES, type Modality, type RelationType, type Stance } from '../../src/model/vocabulary';
import { refreshRelationshipCounts, writeSeed } from '../../src/queries/seed';
import { applyConstraints } from '../../src/queries/constraints';
import { relationshipId, type SeedData, type SeedRelationship } from '../../src/seed/read';
import { clearDatabase, connectTestNeo4j, type TestNeo4j } from '../support/neo4j';
import { expectNoErrors, startTestServer, type TestServer } from '../support/graphql';
import { random } from '../../bench/graph';

let neo4j: TestNeo4j;
let api: TestServer;

const SIZE = 30;
const TYPES = RELATION_TYPES.slice(0, 6);
const DOCUMENTS = ['report-a', 'report-b', 'report-c', 'report-d'];
const slug = (i: number): string => `actor-${i}`;

/** ~150 relationships of six types with random stances and modalities, each stated in one or two of four documents. */
function randomGraph(): SeedData {
  const rand = random(11);
  const pick = <T>(list: readonly T[]): T => list[Math.floor(rand() * list.length)] as T;
  const texts = new Map(DOCUMENTS.map((d) => [d, d]));
  const relationships = new Map<string, SeedRelationship>();
  for (let n = 0; n < 170; n += 1) {
    const source = Math.floor(rand() * SIZE);
    const target = Math.floor(rand() * SIZE);
    const type = pick(TYPES);
    const id = relationshipId(slug(source), type, slug(target));
    if (source === target || relationships.has(id)) continue;
    const sentence = `Actor ${source} ${type} actor ${target}.`;
    const documents = rand() < 0.3 ? [pick(DOCUMENTS), pick(DOCUMENTS)] : [pick(DOCUMENTS)];
    const evidence = [...new Set(documents)].map((documentSlug) => {
      const text = texts.get(documentSlug) as string;
      const start = text.length + 1;
      texts.set(documentSlug, `${text} ${sentence}`);
      return { documentSlug, quote: sentence, start, end: start + sentence.length };
    });
    const modality = pick(MODALITIES);
    relationships.set(id, {
      id,
      type,
      sourceSlug: slug(source),
      targetSlug: slug(target),
      stance: pick(STANCES),
      modality,
      attributedToSlug: modality === 'ATTRIBUTED' ? slug(0) : null,
      evidence,
    });
  }
  return {
    entities: Array.from({ length: SIZE }, (_, i) => ({ slug: slug(i), name: `Actor ${i}`, kind: 'COUNTRY' as const, aliases: [], description: null, wikidata: null, iso3: null })),
    documents: DOCUMENTS.map((d) => ({ slug: d, title: d, text: texts.get(d) as string })),
    relationships: [...relationships.values()],
    mentions: [],
  };
}

interface Filter {
  types?: RelationType[];
  stances?: Stance[];
  modalities?: Modality[];
  documentIds?: string[];
}

const graph = randomGraph();

function expected(filter: Filter, of: (r: SeedRelationship) => boolean = () => true): string[] {
  const given = <T>(list: T[] | undefined): list is T[] => list !== undefined && list.length > 0;
  return graph.relationships
    .filter(of)
    .filter((r) => !given(filter.types) || filter.types.includes(r.type))
    .filter((r) => !given(filter.stances) || filter.stances.includes(r.stance))
    .filter((r) => !given(filter.modalities) || filter.modalities.includes(r.modality))
    .filter((r) => !given(filter.documentIds) || r.evidence.some((e) => filter.documentIds?.includes(`document:${e.documentSlug}`)))
    .map((r) => r.id)
    .sort();
}

/** Filters of every shape: none, empty lists, each criterion alone, and random combinations. */
function filters(): Filter[] {
  const rand = random(5);
  const some = <T>(list: readonly T[]): T[] => list.filter(() => rand() < 0.4);
  const shapes: Filter[] = [{}, { types: [], stances: [], modalities: [], documentIds: [] }, { types: ['LEADS'] }, { stances: ['NEUTRAL'] }, { modalities: ['PLANNED', 'ATTRIBUTED'] }];
  shapes.push({ documentIds: ['document:report-b'] }, { documentIds: ['document:report-a', 'document:report-c', 'document:nowhere'] }, { types: ['NEAR'] });
  for (let i = 0; i < 12; i += 1) {
    shapes.push({ types: some(TYPES), stances: some(STANCES), modalities: some(MODALITIES), documentIds: rand() < 0.5 ? some(DOCUMENTS).map((d) => `document:${d}`) : [] });
  }
  return shapes;
}

beforeAll(async () => {
  neo4j = connectTestNeo4j();
  await clearDatabase(neo4j.db);
  await applyConstraints(neo4j.db);
  await writeSeed(neo4j.db, graph);
  api = await startTestServer(neo4j.db);
});

afterAll(async () => {
  await api.stop();
  await clearDatabase(neo4j.db);
  await neo4j.close();
});

const PAGE = `query ($filter: RelationshipFilter, $after: String) {
  relationships(filter: $filter, first: 7, after: $after) { totalCount pageInfo { hasNextPage endCursor } nodes { id } }
}`;

interface PageData {
  relationships: { totalCount: number; pageInfo: { hasNextPage: boolean; endCursor: string | null }; nodes: { id: string }[] };
}

async function everyPage(filter: Filter): Promise<{ totals: number[]; ids: string[] }> {
  const totals: number[] = [];
  const ids: string[] = [];
  let after: string | null = null;
  for (let i = 0; i < 100; i += 1) {
    const data: PageData = expectNoErrors(await api.query<PageData>(PAGE, { filter, after }));
    totals.push(data.relationships.totalCount);
    ids.push(...data.relationships.nodes.map((r) => r.id));
    if (!data.relationships.pageInfo.hasNextPage) break;
    after = data.relationships.pageInfo.endCursor;
  }
  return { totals, ids };
}

describe('relationship totals and pages', () => {
  it('the random graph has every stance, modality and several types, and relationships stated twice', () => {
    expect(new Set(graph.relationships.map((r) => r.stance)).size).toBe(STANCES.length);
    expect(new Set(graph.relationships.map((r) => r.modality)).size).toBe(MODALITIES.length);
    expect(new Set(graph.relationships.map((r) => r.type)).size).toBe(TYPES.length);
    expect(graph.relationships.some((r) => r.evidence.length > 1)).toBe(true);
  });

  it.each(filters().map((f) => [JSON.stringify(f), f]))('relationships(filter: %s): totalCount on every page, and the pages, equal the filtered data', async (_name, filter) => {
    const want = expected(filter);
    const { totals, ids } = await everyPage(filter);
    expect(ids).toEqual(want);
    expect(new Set(totals)).toEqual(new Set([want.length]));
  });

  it.each(['OUTGOING', 'INCOMING', 'BOTH'] as const)("every entity's relationships (%s), filtered or not: totals and first pages equal the data", async (direction) => {
    for (const filter of filters().slice(0, 8)) {
      const data = expectNoErrors(
        await api.query<{ entities: { nodes: { id: string; relationships: { totalCount: number; nodes: { id: string }[] } }[] } }>(
          `query ($filter: RelationshipFilter, $direction: Direction) {
             entities(first: 100) { nodes { id relationships(filter: $filter, direction: $direction, first: 5) { totalCount nodes { id } } } }
           }`,
          { filter, direction },
        ),
      );
      expect(data.entities.nodes).toHaveLength(SIZE);
      for (const entity of data.entities.nodes) {
        const touches = (r: SeedRelationship): boolean =>
          (direction !== 'INCOMING' && `entity:${r.sourceSlug}` === entity.id) || (direction !== 'OUTGOING' && `entity:${r.targetSlug}` === entity.id);
        const want = expected(filter, touches);
        expect({ entity: entity.id, filter, total: entity.relationships.totalCount, page: entity.relationships.nodes.map((r) => r.id) }).toEqual({
          entity: entity.id,
          filter,
          total: want.length,
          page: want.slice(0, 5),
        });
      }
    }
  });

  it('recounts at start-up what was written outside the loader', async () => {
    const before = await everyPage({ types: ['NEAR'] });
    await neo4j.db.write("MATCH (a:Entity {id: 'entity:actor-1'}), (b:Entity {id: 'entity:actor-2'}) CREATE (a)-[:NEAR {id: 'relationship:actor-1:NEAR:actor-2x', stance: 'NEUTRAL', modality: 'ASSERTED', evidenceQuotes: [], evidenceStarts: [], evidenceEnds: [], evidenceDocuments: [], documents: []}]->(b)", {}, () => undefined);
    try {
      // The counts are the loader's: a write behind its back is not counted until the next recount.
      expect((await everyPage({ types: ['NEAR'] })).totals[0]).toBe(before.ids.length);
      await refreshRelationshipCounts(neo4j.db);
      const after = await everyPage({ types: ['NEAR'] });
      expect(after.ids).toHaveLength(before.ids.length + 1);
      expect(new Set(after.totals)).toEqual(new Set([before.ids.length + 1]));
    } finally {
      await neo4j.db.write("MATCH ()-[r:NEAR {id: 'relationship:actor-1:NEAR:actor-2x'}]->() DELETE r", {}, () => undefined);
      await refreshRelationshipCounts(neo4j.db);
    }
  });

  it('reseeding with fewer relationships updates the totals', async () => {
    const fewer = { ...graph, relationships: graph.relationships.filter((r) => r.type !== 'LEADS') };
    await writeSeed(neo4j.db, fewer);
    try {
      const all = await everyPage({});
      expect(all.totals[0]).toBe(fewer.relationships.length);
      expect((await everyPage({ types: ['LEADS'] })).totals).toEqual([0]);
    } finally {
      await writeSeed(neo4j.db, graph);
    }
  });
});
