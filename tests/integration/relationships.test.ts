/**
 * The article's knowledge graph through the API: every relationship with its evidence (exactly
 * the document's text at the offsets), direction, stance and modality; mentions; documents.
 */
import fs from 'node:fs';
import path from 'node:path';
import {
  DocumentNodeDocument,
  DocumentsDocument,
  DocumentWithGraphDocument,
  EntityMentionsDocument,
  EntityRelationshipsDocument,
  NatoRelationshipsDocument,
  RelationshipNodeDocument,
  RelationshipsBetweenDocument,
  RelationshipsPageDocument,
  type EntityRelationshipsQuery,
  type RelationshipsPageQuery,
} from '../../src/generated/operations/graphql';
import { SEED_DIR } from '../../src/seed/load';
import { readSeed } from '../../src/seed/read';
import { errorCodes, expectNoErrors, useSeededApi } from '../support/graphql';

const seed = readSeed(SEED_DIR);
const ARTICLE_ID = 'document:nato-liaison-office-japan';
const articleText = fs.readFileSync(path.join(SEED_DIR, 'documents', 'nato-liaison-office-japan.txt'), 'utf8');

const seeded = useSeededApi();

describe('relationships', () => {
  it('serves every seeded relationship, with evidence equal to document.text.slice(start, end)', async () => {
    const data = expectNoErrors(await seeded.api.query(RelationshipsPageDocument, { first: 100 }));
    expect(data.relationships.totalCount).toBe(seed.relationships.length);
    expect(data.relationships.nodes.map((r) => r.id).sort()).toEqual(seed.relationships.map((r) => r.id).sort());
    for (const r of data.relationships.nodes) {
      const expected = seed.relationships.find((s) => s.id === r.id);
      expect(r).toMatchObject({
        type: expected?.type,
        stance: expected?.stance,
        modality: expected?.modality,
        source: { id: `entity:${expected?.sourceSlug}` },
        target: { id: `entity:${expected?.targetSlug}` },
      });
      expect(r.evidence.length).toBeGreaterThan(0);
      for (const e of r.evidence) {
        expect(e.document.id).toBe(ARTICLE_ID);
        expect(articleText.slice(e.start, e.end)).toBe(e.quote);
      }
    }
  });

  it('answers what the article says about NATO and China: typed, directed, with quotes', async () => {
    const data = expectNoErrors(await seeded.api.query(RelationshipsBetweenDocument, { a: 'entity:nato', b: 'entity:china' }));
    expect(data.relationshipsBetween.map((r) => [r.source.name, r.type, r.target.name, r.stance, r.modality])).toEqual([
      ['China', 'CHALLENGES', 'NATO', 'ADVERSARIAL', 'ATTRIBUTED'],
      ['NATO', 'CONCERNED_ABOUT', 'China', 'ADVERSARIAL', 'ASSERTED'],
      ['NATO', 'COUNTERS', 'China', 'ADVERSARIAL', 'PLANNED'],
    ]);
    const challenge = data.relationshipsBetween[0];
    expect(challenge?.attributedTo?.id).toBe('entity:nato');
    expect(challenge?.evidence[0]?.quote).toBe('China’s stated ambitions and assertive behavior present systemic challenges to the rules-based international order and to areas relevant to alliance security');
    // Either order of the two ends gives the same answer.
    const reversed = expectNoErrors(await seeded.api.query(RelationshipsBetweenDocument, { a: 'entity:china', b: 'entity:nato' }));
    expect(reversed.relationshipsBetween.map((r) => r.id)).toEqual(data.relationshipsBetween.map((r) => r.id));
  });

  it('honours every part of the filter', async () => {
    const between = async (filter: object) =>
      expectNoErrors(await seeded.api.query(RelationshipsBetweenDocument, { a: 'entity:nato', b: 'entity:china', filter })).relationshipsBetween.map((r) => r.type);
    expect(await between({ modalities: ['PLANNED'] })).toEqual(['COUNTERS']);
    expect(await between({ types: ['CHALLENGES', 'COUNTERS'] })).toEqual(['CHALLENGES', 'COUNTERS']);
    expect(await between({ stances: ['COOPERATIVE'] })).toEqual([]);
    expect(await between({ documentIds: [ARTICLE_ID] })).toHaveLength(3);
    expect(await between({ documentIds: ['document:elsewhere'] })).toEqual([]);
    expect(await between({ types: [], stances: [] })).toHaveLength(3);
  });

  it('pages all relationships with a filter consistently', async () => {
    const cooperative = seed.relationships.filter((r) => r.stance === 'COOPERATIVE').map((r) => r.id).sort();
    const seen: string[] = [];
    let after: string | null = null;
    for (let i = 0; i < 30; i += 1) {
      const page: RelationshipsPageQuery['relationships'] = expectNoErrors(await seeded.api.query(RelationshipsPageDocument, { filter: { stances: ['COOPERATIVE'] }, first: 4, after })).relationships;
      expect(page.totalCount).toBe(cooperative.length);
      seen.push(...page.nodes.map((r) => r.id));
      if (!page.pageInfo.hasNextPage) break;
      after = page.pageInfo.endCursor ?? null;
    }
    expect(seen).toEqual(cooperative);
  });

  it("serves an entity's relationships by direction, with totals", async () => {
    const ofNato = async (direction: 'OUTGOING' | 'INCOMING' | 'BOTH'): Promise<NonNullable<EntityRelationshipsQuery['entity']>['relationships']> => {
      const data = expectNoErrors(await seeded.api.query(EntityRelationshipsDocument, { name: 'NATO', direction, first: 100 }));
      if (data.entity === null || data.entity === undefined) throw new Error('NATO is missing');
      return data.entity.relationships;
    };
    const outgoing = seed.relationships.filter((r) => r.sourceSlug === 'nato');
    const incoming = seed.relationships.filter((r) => r.targetSlug === 'nato');
    expect((await ofNato('OUTGOING')).edges.map((e) => e.node.id)).toEqual(outgoing.map((r) => r.id).sort());
    expect((await ofNato('INCOMING')).edges.map((e) => e.node.id)).toEqual(incoming.map((r) => r.id).sort());
    const both = await ofNato('BOTH');
    expect(both.totalCount).toBe(outgoing.length + incoming.length);
    expect(both.edges.every((e) => e.node.source.id === 'entity:nato' || e.node.target.id === 'entity:nato')).toBe(true);
  });

  it("pages an entity's relationships with first/after", async () => {
    const first = expectNoErrors(await seeded.api.query(EntityRelationshipsDocument, { name: 'Japan', first: 3 })).entity?.relationships;
    expect(first?.edges).toHaveLength(3);
    expect(first?.pageInfo).toMatchObject({ hasNextPage: true, hasPreviousPage: false });
    const second = expectNoErrors(await seeded.api.query(EntityRelationshipsDocument, { name: 'Japan', first: 3, after: first?.pageInfo.endCursor })).entity?.relationships;
    expect(second?.pageInfo.hasPreviousPage).toBe(true);
    const firstIds = first?.edges.map((e) => e.node.id) ?? [];
    const secondIds = second?.edges.map((e) => e.node.id) ?? [];
    expect(secondIds.every((id) => !firstIds.includes(id))).toBe(true);
    expect([...firstIds, ...secondIds]).toEqual([...firstIds, ...secondIds].sort());
    expect(second?.totalCount).toBe(first?.totalCount);
  });

  it('refetches a relationship by id; unknown ids give null', async () => {
    const data = expectNoErrors(await seeded.api.query(RelationshipNodeDocument, { id: 'relationship:united-states:LEADS:nato' }));
    expect(data.node).toMatchObject({ __typename: 'Relationship', type: 'LEADS', source: { name: 'United States' }, target: { name: 'NATO' } });
    for (const id of ['relationship:nato:LEADS:china', 'relationship:nope', 'relationship:a:B:c:d']) {
      expect(expectNoErrors(await seeded.api.query(RelationshipNodeDocument, { id })).node).toBeNull();
    }
  });

  it('serves the showcase operation: NATO relationships with their quotes', async () => {
    const data = expectNoErrors(await seeded.api.query(NatoRelationshipsDocument));
    const involving = seed.relationships.filter((r) => r.sourceSlug === 'nato' || r.targetSlug === 'nato');
    expect(data.entity?.relationships.totalCount).toBe(involving.length);
    for (const r of data.entity?.relationships.nodes ?? []) for (const e of r.evidence) expect(articleText.slice(e.start, e.end)).toBe(e.quote);
  });

  it.each([
    ['relationships', '{ relationships(after: "x") { totalCount } }'],
    ['Entity.relationships', '{ entity(name: "nato") { relationships(after: "eyJ4IjoxfQ") { totalCount } } }'],
    ['documents', '{ documents(after: "WyJhIiwiYiJd") { totalCount } }'],
    ['relationships(first: 101)', '{ relationships(first: 101) { totalCount } }'],
  ])('refuses a malformed cursor or page size on %s with BAD_USER_INPUT', async (_field, query) => {
    const response = await seeded.api.query(query);
    expect(errorCodes(response)).toEqual(['BAD_USER_INPUT']);
    expect(response.errors?.[0]?.message).toMatch(/^(after: not a cursor this API issued|first must be between 0 and 100)/);
  });

  it('refuses an enum value outside the vocabulary', async () => {
    const response = await seeded.api.query('{ relationships(filter: { types: [LIKES] }) { totalCount } }');
    expect(response.status).toBe(400);
    expect(errorCodes(response)).toEqual(['GRAPHQL_VALIDATION_FAILED']);
  });
});

describe('mentions and documents', () => {
  it("serves an entity's mentions as exact spans of the text", async () => {
    const data = expectNoErrors(await seeded.api.query(EntityMentionsDocument, { name: 'Japan' }));
    const mentions = data.entity?.mentions ?? [];
    // Every "Japan" in the text, found here with a plain regular expression (the seed gives Japan
    // no alias that the article uses, and no longer name covers one of them).
    const inText = [...articleText.matchAll(/\bJapan\b/g)].map((m) => m.index);
    expect(inText.length).toBeGreaterThan(10);
    expect(mentions.map((m) => m.start).sort((a, b) => a - b)).toEqual(inText);
    for (const m of mentions) {
      expect(m.document.text.slice(m.start, m.end)).toBe(m.text);
      expect(m.text).toBe('Japan');
    }
    const china = expectNoErrors(await seeded.api.query(EntityMentionsDocument, { name: 'China' })).entity?.mentions ?? [];
    expect(china.every((m) => m.text === 'China')).toBe(true);
    expect(china.some((m) => articleText.slice(m.start - 6, m.end + 4) === 'South China Sea')).toBe(false);
  });

  it('serves the article as a document: title, unaltered text, entities and relationships', async () => {
    const data = expectNoErrors(await seeded.api.query(DocumentWithGraphDocument, { id: ARTICLE_ID }));
    expect(data.document?.title).toBe("NATO's Liaison Office in Japan: An Initiative to Counter China and Promote Regional Stability");
    expect(data.document?.text).toBe(articleText);
    const names = data.document?.entities.map((e) => e.name) ?? [];
    for (const actor of ['NATO', 'Japan', 'China', 'South Korea', 'Australia', 'New Zealand', 'United States']) expect(names).toContain(actor);
    expect(names).not.toContain('East China Sea'); // the text never names it on its own
    expect(data.document?.relationships.map((r) => r.id).sort()).toEqual(seed.relationships.map((r) => r.id).sort());
  });

  it('lists documents and refetches one by id', async () => {
    const data = expectNoErrors(await seeded.api.query(DocumentsDocument, {}));
    expect(data.documents).toMatchObject({ totalCount: 1, nodes: [{ id: ARTICLE_ID }], pageInfo: { hasNextPage: false } });
    expect(expectNoErrors(await seeded.api.query(DocumentNodeDocument, { id: ARTICLE_ID })).node).toMatchObject({ __typename: 'Document', id: ARTICLE_ID });
    expect(expectNoErrors(await seeded.api.query(DocumentNodeDocument, { id: 'document:none' })).node).toBeNull();
  });
});
