/**
 * Relationship reads. Relationships are native Neo4j relationships between Entity nodes whose
 * type is the RelationType; their evidence travels with them (parallel list properties), so one
 * query returns relationships complete with evidence. Batch functions serve DataLoaders.
 */
import type { CypherExecutor, Neo4jRecord } from '../neo4j/driver';
import { int, toNumber } from '../neo4j/driver';
import type { Modality, Page, RelationshipModel, RelationType, Stance } from '../model';
import { MODALITIES, RELATION_TYPES, RETRACTED, STANCES, relationTypePattern } from '../model/vocabulary';
import { relationshipEnds } from '../model/ids';
import { entityRowOf, toEntity } from './entities';
import { RELATIONSHIP_COUNT } from './constraints';

export interface RelationshipFilter {
  types?: readonly RelationType[] | null;
  stances?: readonly Stance[] | null;
  modalities?: readonly Modality[] | null;
  documentIds?: readonly string[] | null;
}

export type Direction = 'OUTGOING' | 'INCOMING' | 'BOTH';

const RELATIONSHIP_FIELDS = `r.id, type(r), startNode(r).id, endNode(r).id, r.stance, r.modality, r.attributedTo,
  r.evidenceQuotes, r.evidenceStarts, r.evidenceEnds, r.evidenceDocuments`;

/** The relationship bound to `r` as a row (a list, like entities: see entityRowOf); `toRelationship` reads it. */
export const RELATIONSHIP_PROJECTION = `[${RELATIONSHIP_FIELDS}]`;

/** The same row without the evidence, for answers whose reader did not ask for it. */
export const RELATIONSHIP_WITHOUT_EVIDENCE_PROJECTION = '[r.id, type(r), startNode(r).id, endNode(r).id, r.stance, r.modality, r.attributedTo]';

/**
 * The relationship with both ends' entities inline: pages of relationships then need no second
 * query for `source`/`target`. (Neighbourhoods and paths return their entities once, as nodes,
 * and use the lean projection.)
 */
export const RELATIONSHIP_WITH_ENDS_PROJECTION = `[${RELATIONSHIP_FIELDS}, ${entityRowOf('startNode(r)')}, ${entityRowOf('endNode(r)')}]`;

const orNull = <T>(list: readonly T[] | null | undefined): readonly T[] | null => (list === undefined || list === null || list.length === 0 ? null : list);

/**
 * A filter as Cypher: the type expression (`:A|B`, every type when none given), a predicate on
 * `r` that names only the criteria given (`true` when none: the planner then answers counts from
 * degrees and the count store instead of reading relationships) and its parameters.
 */
export interface CypherFilter {
  types: readonly RelationType[];
  typePattern: string;
  predicate: string;
  params: Record<string, unknown>;
}

export function cypherFilter(filter: RelationshipFilter | null | undefined): CypherFilter {
  const stances = orNull(filter?.stances);
  const modalities = orNull(filter?.modalities);
  const documentIds = orNull(filter?.documentIds);
  const types = orNull(filter?.types) ?? RELATION_TYPES;
  const terms: string[] = [];
  if (stances !== null) terms.push('r.stance IN $stances');
  if (modalities !== null) terms.push('r.modality IN $modalities');
  if (documentIds !== null) terms.push('any(d IN r.documents WHERE d IN $documentIds)');
  return {
    types,
    typePattern: relationTypePattern(types),
    predicate: terms.length === 0 ? 'true' : terms.join(' AND '),
    params: { stances, modalities, documentIds },
  };
}

type RelationshipRow = [string, RelationType, string, string, Stance, Modality, string | null, string[]?, unknown[]?, unknown[]?, string[]?, unknown?, unknown?, ([string, string, unknown] | null)?];

export function toRelationship(value: unknown): RelationshipModel {
  const [id, type, sourceId, targetId, stance, modality, attributedTo, quotes, starts, ends, documents, source, target, retraction] = value as RelationshipRow;
  const relationship: RelationshipModel = { id, type, sourceId, targetId, stance, modality, attributedToId: attributedTo ?? null };
  if (quotes !== undefined && starts !== undefined && ends !== undefined && documents !== undefined) {
    relationship.evidence = quotes.map((quote, i) => ({ quote, start: toNumber(starts[i]), end: toNumber(ends[i]), documentId: documents[i] as string }));
  }
  if (source !== undefined && target !== undefined) {
    relationship.source = toEntity(source);
    relationship.target = toEntity(target);
  }
  if (retraction !== undefined) {
    relationship.retraction = retraction === null ? null : { reason: retraction[0], by: retraction[1], at: new Date(toNumber(retraction[2])).toISOString() };
  }
  return relationship;
}

/**
 * A relationship as `node(id)` answers it: retracted ones too (stored as RETRACTED with their
 * type in `r.type`), with the retraction's reason, author and time after the ends.
 */
export const RELATIONSHIP_BY_ID_PROJECTION = `[r.id, coalesce(r.type, type(r)), startNode(r).id, endNode(r).id, r.stance, r.modality, r.attributedTo,
  r.evidenceQuotes, r.evidenceStarts, r.evidenceEnds, r.evidenceDocuments, ${entityRowOf('startNode(r)')}, ${entityRowOf('endNode(r)')},
  CASE WHEN r.retractedAt IS NULL THEN null ELSE [r.retractedReason, r.retractedBy, r.retractedAt] END]`;

/** Relationships by id, in the order asked, null where none has the id (a DataLoader batch function). Retracted ones are answered too. */
export async function findRelationshipsByIds(db: CypherExecutor, ids: readonly string[]): Promise<(RelationshipModel | null)[]> {
  const keys = ids.flatMap((id) => {
    const ends = relationshipEnds(id);
    return ends === null ? [] : [{ id, source: ends.sourceId, target: ends.targetId }];
  });
  if (keys.length === 0) return ids.map(() => null);
  // The id names both ends, so each lookup starts from an index seek.
  const found = await db.read(
    `UNWIND $keys AS k
     MATCH (:Entity {id: k.source})-[r${relationTypePattern()}|${RETRACTED}]->(:Entity {id: k.target})
     WHERE r.id = k.id
     RETURN ${RELATIONSHIP_BY_ID_PROJECTION} AS rel`,
    { keys },
    (records) => new Map(records.map((rec: Neo4jRecord) => toRelationship(rec.get('rel'))).map((r) => [r.id, r])),
  );
  return ids.map((id) => found.get(id) ?? null);
}

/** Every relationship between two entities, either direction, that passes the filter; ordered by id. */
export function findRelationshipsBetween(db: CypherExecutor, a: string, b: string, filter: RelationshipFilter | null | undefined): Promise<RelationshipModel[]> {
  const f = cypherFilter(filter);
  return db.read(
    `MATCH (:Entity {id: $a})-[r${f.typePattern}]-(:Entity {id: $b})
     WHERE ${f.predicate}
     RETURN ${RELATIONSHIP_WITH_ENDS_PROJECTION} AS rel
     ORDER BY r.id`,
    { a, b, ...f.params },
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
 * one query: the DataLoader behind `Entity.relationships`. The loader refuses self-relationships,
 * so an undirected pattern meets each relationship once; unfiltered totals are node degrees.
 */
export async function pageRelationshipsOfEntities(
  db: CypherExecutor,
  entityIds: readonly string[],
  direction: Direction,
  { filter, first, after }: RelationshipPageArgs,
): Promise<Page<RelationshipModel>[]> {
  const f = cypherFilter(filter);
  const pattern = PATTERNS[direction](f.typePattern);
  const total = f.predicate === 'true' ? `COUNT { ${pattern} }` : `COUNT { MATCH ${pattern} WHERE ${f.predicate} }`;
  const pages = await db.read(
    `UNWIND $ids AS entityId
     MATCH (e:Entity {id: entityId})
     CALL (e) {
       MATCH ${pattern} WHERE r.id > $after AND ${f.predicate}
       WITH r ORDER BY r.id LIMIT $limit
       RETURN collect(${RELATIONSHIP_WITH_ENDS_PROJECTION}) AS page
     }
     RETURN entityId, ${total} AS total, page`,
    { ids: entityIds, after: after ?? '', limit: int(first + 1), ...f.params },
    (records) => new Map(records.map((rec: Neo4jRecord) => [rec.get('entityId') as string, toPage(rec, first)])),
  );
  return entityIds.map((id) => pages.get(id) ?? { items: [], hasNextPage: false, totalCount: 0 });
}

/**
 * A page of all relationships that pass the filter, ordered by id, with the total. Neither part
 * grows with the graph:
 * - the total is summed from the counts the loader keeps per type, stance and modality
 *   (`RelationshipCount`, written in the seed's transaction), or, with a document filter,
 *   counted among the relationships those documents state;
 * - the page walks each type's id index in order and merges them, so it reads about
 *   `first` relationships per type.
 *
 * Without a document filter the statement's text is the same whatever the filter: Neo4j plans
 * each new text, and this one (a branch per type) took 0.3-0.7 s to plan on a warm server (2 s on
 * a cold one) against about 30 ms to run, so a text per filter made every new combination of
 * filters slow once. A branch whose type is not asked for is switched off by a one-row guard
 * ahead of its MATCH, which the planner keeps ahead of the index read (PROFILE: no row read), and
 * the index's order still serves the branch's ORDER BY ... LIMIT (no sort).
 */
export function pageRelationships(db: CypherExecutor, { filter, first, after }: RelationshipPageArgs): Promise<Page<RelationshipModel>> {
  const f = cypherFilter(filter);
  const params = { after: after ?? '', limit: int(first + 1), types: f.types, ...f.params };
  const toResult = (records: Neo4jRecord[]): Page<RelationshipModel> => (records[0] === undefined ? { items: [], hasNextPage: false, totalCount: 0 } : toPage(records[0], first));
  if (f.params.documentIds !== null) {
    // Candidates are the relationships the documents state.
    return db.read(
      `CALL () {
         MATCH (d:Document) WHERE d.id IN $documentIds
         UNWIND d.relationshipIds AS id
         WITH DISTINCT id, split(id, ':') AS key
         MATCH (:Entity {id: 'entity:' + key[1]})-[r${f.typePattern}]->(:Entity {id: 'entity:' + key[3]})
         WHERE r.id = id AND ${f.predicate}
         RETURN r
       }
       WITH r ORDER BY r.id
       WITH collect(r) AS rs
       RETURN size(rs) AS total, [r IN [r IN rs WHERE r.id > $after][0..$limit] | ${RELATIONSHIP_WITH_ENDS_PROJECTION}] AS page`,
      params,
      toResult,
    );
  }
  return db.read(
    `CALL () {
       MATCH (c:${RELATIONSHIP_COUNT}) WHERE c.type IN $types AND c.stance IN $stances AND c.modality IN $modalities
       RETURN coalesce(sum(c.count), 0) AS total
     }
     CALL () {
       CALL () {
         ${EVERY_TYPE_BRANCHES}
       }
       WITH r ORDER BY r.id LIMIT $limit
       RETURN collect(${RELATIONSHIP_WITH_ENDS_PROJECTION}) AS page
     }
     RETURN total, page`,
    // Every list given (all stances, all modalities when none is asked for) and of one length:
    // Neo4j plans a list parameter for its size (a list of one becomes an equality), so varying
    // lengths would bring the plans back.
    {
      ...params,
      types: ofLength(f.types, RELATION_TYPES.length),
      stances: ofLength(orNull(filter?.stances) ?? STANCES, STANCES.length),
      modalities: ofLength(orNull(filter?.modalities) ?? MODALITIES, MODALITIES.length),
    },
    toResult,
  );
}

/** `list` made at least `length` long by repeating its first item (which changes no `IN`). */
const ofLength = <T>(list: readonly T[], length: number): readonly T[] => Array.from({ length: Math.max(length, list.length) }, (_, i) => list[i] ?? (list[0] as T));

/** One branch per relation type, each guarded by whether `$types` asks for it (see pageRelationships). */
const EVERY_TYPE_BRANCHES = RELATION_TYPES.map(
  (type) => `WITH $types AS types WHERE '${type}' IN types
         MATCH ()-[r:${type}]->() WHERE r.id > $after AND r.stance IN $stances AND r.modality IN $modalities
         RETURN r ORDER BY r.id LIMIT $limit`,
).join('\n         UNION ALL\n         ');

function toPage(record: Neo4jRecord, first: number): Page<RelationshipModel> {
  const page = (record.get('page') as unknown[]).map(toRelationship);
  return { items: page.slice(0, first), hasNextPage: page.length > first, totalCount: toNumber(record.get('total')) };
}
