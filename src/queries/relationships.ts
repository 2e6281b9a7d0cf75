/**
 * Relationship reads. Relationships are native Neo4j relationships between Entity nodes whose
 * type is the RelationType; their evidence travels with them (parallel list properties), so one
 * query returns relationships complete with evidence. Batch functions serve DataLoaders.
 */
import type { Executor, Neo4jRecord } from '../neo4j/driver';
import { int, toNumber } from '../neo4j/driver';
import type { EvidenceModel, Modality, Page, RelationshipModel, RelationType, Stance } from '../model';
import { relationTypePattern } from '../model/vocabulary';
import { entityMapOf, toEntity } from './entities';

export interface RelationshipFilter {
  types?: readonly RelationType[] | null;
  stances?: readonly Stance[] | null;
  modalities?: readonly Modality[] | null;
  documentIds?: readonly string[] | null;
}

export type Direction = 'OUTGOING' | 'INCOMING' | 'BOTH';

export const RELATIONSHIP_PROJECTION = `r {.id, .stance, .modality, .attributedTo, .evidenceQuotes, .evidenceStarts, .evidenceEnds, .evidenceDocuments,
  type: type(r), source: startNode(r).id, target: endNode(r).id}`;

/**
 * The relationship with both ends' entities inline: pages of relationships then need no second
 * query for `source`/`target`. (Neighbourhoods and paths return their entities once, as nodes,
 * and use the lean projection.)
 */
export const RELATIONSHIP_WITH_ENDS_PROJECTION = `r {.id, .stance, .modality, .attributedTo, .evidenceQuotes, .evidenceStarts, .evidenceEnds, .evidenceDocuments,
  type: type(r), source: startNode(r).id, target: endNode(r).id, sourceEntity: ${entityMapOf('startNode(r)')}, targetEntity: ${entityMapOf('endNode(r)')}}`;

/** The part of a filter that is not the relationship type, as a predicate on `r`. */
export const FILTER_PREDICATE = `($stances IS NULL OR r.stance IN $stances)
  AND ($modalities IS NULL OR r.modality IN $modalities)
  AND ($documentIds IS NULL OR any(d IN r.documents WHERE d IN $documentIds))`;

const orNull = <T>(list: readonly T[] | null | undefined): readonly T[] | null => (list === undefined || list === null || list.length === 0 ? null : list);

/** Parameters for FILTER_PREDICATE; absent or empty lists do not filter. */
export function filterParams(filter: RelationshipFilter | null | undefined): Record<string, unknown> {
  return { stances: orNull(filter?.stances), modalities: orNull(filter?.modalities), documentIds: orNull(filter?.documentIds) };
}

/** `:A|B|...`: the filter's types, or every type of the vocabulary. */
export function typePattern(filter: RelationshipFilter | null | undefined): string {
  return relationTypePattern(orNull(filter?.types));
}

export function toRelationship(value: unknown): RelationshipModel {
  const v = value as Record<string, unknown>;
  const quotes = v.evidenceQuotes as string[];
  const starts = v.evidenceStarts as unknown[];
  const ends = v.evidenceEnds as unknown[];
  const documents = v.evidenceDocuments as string[];
  const evidence: EvidenceModel[] = quotes.map((quote, i) => ({ quote, start: toNumber(starts[i]), end: toNumber(ends[i]), documentId: documents[i] as string }));
  const relationship: RelationshipModel = {
    id: v.id as string,
    type: v.type as RelationType,
    sourceId: v.source as string,
    targetId: v.target as string,
    stance: v.stance as Stance,
    modality: v.modality as Modality,
    attributedToId: (v.attributedTo as string | null) ?? null,
    evidence,
  };
  if (v.sourceEntity !== undefined && v.targetEntity !== undefined) {
    relationship.source = toEntity(v.sourceEntity);
    relationship.target = toEntity(v.targetEntity);
  }
  return relationship;
}

/** Splits `relationship:<source>:<TYPE>:<target>`; null for anything else. */
function parseRelationshipId(id: string): { id: string; source: string; target: string } | null {
  const parts = id.split(':');
  if (parts.length !== 4 || parts[0] !== 'relationship') return null;
  return { id, source: `entity:${parts[1]}`, target: `entity:${parts[3]}` };
}

/** Relationships by id, in the order asked, null where none has the id (a DataLoader batch function). */
export async function findRelationshipsByIds(db: Executor, ids: readonly string[]): Promise<(RelationshipModel | null)[]> {
  const keys = ids.map(parseRelationshipId).filter((k) => k !== null);
  if (keys.length === 0) return ids.map(() => null);
  // Query: relationshipsByIds (the id names both ends, so each lookup starts from an index seek)
  const found = await db.read(
    `UNWIND $keys AS k
     MATCH (:Entity {id: k.source})-[r${relationTypePattern()}]->(:Entity {id: k.target})
     WHERE r.id = k.id
     RETURN ${RELATIONSHIP_WITH_ENDS_PROJECTION} AS rel`,
    { keys },
    (records) => new Map(records.map((rec: Neo4jRecord) => toRelationship(rec.get('rel'))).map((r) => [r.id, r])),
  );
  return ids.map((id) => found.get(id) ?? null);
}

/** Every relationship between two entities, either direction, that passes the filter; ordered by id. */
export function findRelationshipsBetween(db: Executor, a: string, b: string, filter: RelationshipFilter | null | undefined): Promise<RelationshipModel[]> {
  // Query: relationshipsBetween
  return db.read(
    `MATCH (:Entity {id: $a})-[r${typePattern(filter)}]-(:Entity {id: $b})
     WHERE ${FILTER_PREDICATE}
     RETURN DISTINCT ${RELATIONSHIP_WITH_ENDS_PROJECTION} AS rel
     ORDER BY rel.id`,
    { a, b, ...filterParams(filter) },
    (records) => records.map((rec: Neo4jRecord) => toRelationship(rec.get('rel'))),
  );
}

export interface RelationshipPageArgs {
  filter: RelationshipFilter | null | undefined;
  first: number;
  /** Keyset position: the id of the last relationship of the previous page. */
  after: string | null;
}

const PATTERNS: Record<Direction, (types: string) => string> = {
  OUTGOING: (types) => `(e)-[r${types}]->()`,
  INCOMING: (types) => `(e)<-[r${types}]-()`,
  BOTH: (types) => `(e)-[r${types}]-()`,
};

/**
 * A page of each entity's relationships (ordered by id) with each total, for many entities in
 * one query: the DataLoader behind `Entity.relationships`.
 */
export async function pageRelationshipsOfEntities(
  db: Executor,
  entityIds: readonly string[],
  direction: Direction,
  { filter, first, after }: RelationshipPageArgs,
): Promise<Page<RelationshipModel>[]> {
  const pattern = PATTERNS[direction](typePattern(filter));
  // Query: relationshipsOfEntities
  const pages = await db.read(
    `UNWIND $ids AS entityId
     MATCH (e:Entity {id: entityId})
     CALL (e) {
       MATCH ${pattern} WHERE ${FILTER_PREDICATE}
       RETURN count(DISTINCT r) AS total
     }
     CALL (e) {
       MATCH ${pattern} WHERE ${FILTER_PREDICATE} AND ($after IS NULL OR r.id > $after)
       WITH DISTINCT r ORDER BY r.id LIMIT $limit
       RETURN collect(${RELATIONSHIP_WITH_ENDS_PROJECTION}) AS page
     }
     RETURN entityId, total, page`,
    { ids: entityIds, after, limit: int(first + 1), ...filterParams(filter) },
    (records) => new Map(records.map((rec: Neo4jRecord) => [rec.get('entityId') as string, toPage(rec, first)])),
  );
  return entityIds.map((id) => pages.get(id) ?? { items: [], hasNextPage: false, totalCount: 0 });
}

/** A page of all relationships that pass the filter, ordered by id, with the total. */
export function pageRelationships(db: Executor, { filter, first, after }: RelationshipPageArgs): Promise<Page<RelationshipModel>> {
  const types = typePattern(filter);
  // Query: relationshipsPage
  return db.read(
    `CALL () {
       MATCH ()-[r${types}]->() WHERE ${FILTER_PREDICATE}
       RETURN count(r) AS total
     }
     CALL () {
       MATCH ()-[r${types}]->() WHERE ${FILTER_PREDICATE} AND ($after IS NULL OR r.id > $after)
       WITH r ORDER BY r.id LIMIT $limit
       RETURN collect(${RELATIONSHIP_WITH_ENDS_PROJECTION}) AS page
     }
     RETURN total, page`,
    { after, limit: int(first + 1), ...filterParams(filter) },
    (records) => (records[0] === undefined ? { items: [], hasNextPage: false, totalCount: 0 } : toPage(records[0], first)),
  );
}

function toPage(record: Neo4jRecord, first: number): Page<RelationshipModel> {
  const page = (record.get('page') as unknown[]).map(toRelationship);
  return { items: page.slice(0, first), hasNextPage: page.length > first, totalCount: toNumber(record.get('total')) };
}
