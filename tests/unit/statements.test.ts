/**
 * The curation's Cypher statements as data, without a database: each has a stable, unique name
 * (it reaches Neo4j's query log), carries its values as parameters (never in the text), and
 * interpolates relationship types only from the vocabulary.
 */
import { appendChange, lockChangeLog } from '../../src/queries/changes';
import {
  adjustRelationshipCounts,
  createCuratedDocument,
  createCuratedEntity,
  createSeedDocuments,
  createSeedEntities,
  createSeedRelationships,
  reinstateRelationship,
  retractRelationship,
  stateRelationships,
  updateDocumentRelationshipIds,
} from '../../src/queries/writes';
import type { RelationType } from '../../src/model';
import { CONSTRAINT_STATEMENTS, schemaObjectName } from '../../src/queries/constraints';

const hostile = "x'}) DETACH DELETE n //";
const row = {
  key: hostile,
  id: hostile,
  source: hostile,
  target: 'entity:b',
  stance: 'COOPERATIVE',
  modality: 'ASSERTED',
  attributedTo: null,
  quotes: [hostile],
  starts: [0],
  ends: [3],
  documents: ['document:d'],
  origins: ['curated' as const],
};

const statements = [
  lockChangeLog(),
  appendChange({ by: hostile, kind: 'DOCUMENT_ADDED', nodeId: hostile }),
  stateRelationships('ALLY_OF', [row], { stripSeed: false, seeded: false }),
  stateRelationships('COUNTERS', [row], { stripSeed: true, seeded: true }),
  retractRelationship('ALLY_OF', hostile, { reason: hostile, by: hostile }),
  reinstateRelationship('ALLY_OF', hostile),
  adjustRelationshipCounts([{ type: 'ALLY_OF', stance: 'NEUTRAL', modality: 'ASSERTED', delta: 1 }]),
  updateDocumentRelationshipIds([{ document: hostile, add: [hostile], remove: [] }]),
  createCuratedDocument({ id: hostile, title: hostile, text: hostile, contentHash: hostile, url: null, publishedAt: null }),
  createCuratedEntity({ id: hostile, name: hostile, kind: 'CITY', aliases: [], aliasText: '', description: null, wikidata: null, iso3: null, names: [{ key: hostile, first: 'x' }] }),
  createSeedEntities([{ id: hostile, name: hostile, kind: 'CITY', aliases: [hostile], aliasText: hostile, description: hostile, wikidata: null, iso3: null, names: [{ key: hostile, first: 'x' }] }]),
  createSeedDocuments([{ id: hostile, title: hostile, text: hostile, contentHash: hostile, url: null, publishedAt: null, relationshipIds: [hostile] }]),
  createSeedRelationships('ALLY_OF', [{ ...row, distinctDocuments: [hostile] }]),
];

describe('curation statements', () => {
  it('have unique names', () => {
    const names = statements.map((s) => s.name);
    expect(new Set(names).size).toBe(names.length);
    for (const name of names) expect(name).toMatch(/^[a-z-]+(\.[A-Za-z_-]+)+$/);
  });

  it('keep every value in parameters, never in the text', () => {
    for (const s of statements) expect(s.text).not.toContain('DETACH DELETE n //');
  });

  it('name the relationship type they write, per type', () => {
    const ally = stateRelationships('ALLY_OF', [row], { stripSeed: false, seeded: false });
    expect(ally.name).toBe('relationship.state.ALLY_OF');
    expect(ally.text).toContain('[r:ALLY_OF {key: row.key}]');
    expect(ally.params).toEqual({ rows: [row], stripSeed: false, seeded: false });
  });

  it('create the relationships of a first load with the type they are given', () => {
    const create = createSeedRelationships('COUNTERS', [{ ...row, distinctDocuments: ['document:d'] }]);
    expect(create.name).toBe('seed.create-relationships.COUNTERS');
    expect(create.text).toContain('CREATE (s)-[r:COUNTERS {');
    expect(() => createSeedRelationships('OWNS`]->() DETACH DELETE n //' as RelationType, [])).toThrow('not a relationship type of the vocabulary');
  });

  it('refuse a relationship type outside the vocabulary', () => {
    expect(() => stateRelationships('OWNS`]->() DETACH DELETE n //' as RelationType, [row], { stripSeed: false, seeded: false })).toThrow('not a relationship type of the vocabulary');
    expect(() => retractRelationship('RETRACTED' as RelationType, 'x', { reason: 'r', by: 'b' })).toThrow('not a relationship type of the vocabulary');
  });

  it('leave counts alone when a delta is zero', () => {
    expect(adjustRelationshipCounts([{ type: 'ALLY_OF', stance: 'NEUTRAL', modality: 'ASSERTED', delta: 0 }]).params).toEqual({ deltas: [] });
  });
});

describe('schema statements', () => {
  it('each name what they create, once, so start-up can skip what exists', () => {
    const names = CONSTRAINT_STATEMENTS.map(schemaObjectName);
    expect(new Set(names).size).toBe(CONSTRAINT_STATEMENTS.length);
    expect(names).toContain('rel_retracted_key');
    expect(() => schemaObjectName('MATCH (n) RETURN n')).toThrow('not a named schema statement');
  });
});
