/**
 * Document and mention reads. Mentions are (:Document)-[:MENTIONS {starts, ends, texts}]->(:Entity)
 * relationships, one per document and entity, holding every span the loader found in the text.
 */
import type { CypherExecutor, Neo4jRecord } from '../neo4j/driver';
import { int, toNumber } from '../neo4j/driver';
import type { DocumentModel, EntityModel, MentionModel, Page } from '../model';
import { ENTITY_PROJECTION, toEntity } from './entities';

/**
 * The map projection of a document bound to `variable`. `complete: false` leaves out the text and
 * the ids of the relationships it states (both can be large; a search hit needs neither unless
 * asked, and Document's resolvers load them then).
 */
export const documentProjection = (variable: string, complete = true): string => `${variable} {.id, .title, .url, .publishedAt${complete ? ', .text, .relationshipIds' : ''}}`;
const DOCUMENT_PROJECTION = documentProjection('d');

export function toDocument(value: unknown): DocumentModel {
  const v = value as Record<string, unknown>;
  const document: DocumentModel = { id: v.id as string, title: v.title as string, url: (v.url as string | null | undefined) ?? null, publishedAt: (v.publishedAt as string | null | undefined) ?? null };
  if (typeof v.text === 'string') document.text = v.text;
  if (Array.isArray(v.relationshipIds)) document.relationshipIds = v.relationshipIds as string[];
  return document;
}

/** Documents by id, in the order asked, null where none has the id (a DataLoader batch function). */
export function findDocumentsByIds(db: CypherExecutor, ids: readonly string[]): Promise<(DocumentModel | null)[]> {
  return db.read(
    `UNWIND $ids AS id
     OPTIONAL MATCH (d:Document {id: id})
     RETURN CASE WHEN d IS NULL THEN null ELSE ${DOCUMENT_PROJECTION} END AS document`,
    { ids },
    (records) => records.map((r: Neo4jRecord) => (r.get('document') === null ? null : toDocument(r.get('document')))),
  );
}

/** A page of documents ordered by id, with the total. */
export function pageDocuments(db: CypherExecutor, { first, after }: { first: number; after: string | null }): Promise<Page<DocumentModel>> {
  return db.read(
    `CALL () { MATCH (d:Document) RETURN count(d) AS total }
     CALL () {
       MATCH (d:Document) WHERE $after IS NULL OR d.id > $after
       WITH d ORDER BY d.id LIMIT $limit
       RETURN collect(${DOCUMENT_PROJECTION}) AS page
     }
     RETURN total, page`,
    { after, limit: int(first + 1) },
    (records) => {
      const record = records[0];
      const page = record === undefined ? [] : (record.get('page') as unknown[]).map(toDocument);
      return { items: page.slice(0, first), hasNextPage: page.length > first, totalCount: record === undefined ? 0 : toNumber(record.get('total')) };
    },
  );
}

/** The entities each document mentions, ordered by name (a DataLoader batch function). */
export function findEntitiesOfDocuments(db: CypherExecutor, documentIds: readonly string[]): Promise<EntityModel[][]> {
  return db.read(
    `UNWIND $ids AS documentId
     CALL (documentId) {
       MATCH (:Document {id: documentId})-[:MENTIONS]->(e:Entity)
       WITH e ORDER BY e.name, e.id
       RETURN collect(${ENTITY_PROJECTION}) AS entities
     }
     RETURN documentId, entities`,
    { ids: documentIds },
    (records) => {
      const byId = new Map(records.map((r: Neo4jRecord) => [r.get('documentId') as string, (r.get('entities') as unknown[]).map(toEntity)]));
      return documentIds.map((id) => byId.get(id) ?? []);
    },
  );
}

/** Every mention of each entity, by document id then offset (a DataLoader batch function). */
export function findMentionsOfEntities(db: CypherExecutor, entityIds: readonly string[]): Promise<MentionModel[][]> {
  return db.read(
    `UNWIND $ids AS entityId
     CALL (entityId) {
       MATCH (d:Document)-[m:MENTIONS]->(:Entity {id: entityId})
       WITH d, m ORDER BY d.id
       RETURN collect({document: d.id, starts: m.starts, ends: m.ends, texts: m.texts}) AS spans
     }
     RETURN entityId, spans`,
    { ids: entityIds },
    (records) => {
      const byId = new Map(
        records.map((r: Neo4jRecord) => [
          r.get('entityId') as string,
          (r.get('spans') as { document: string; starts: unknown[]; ends: unknown[]; texts: string[] }[]).flatMap((s) =>
            s.texts.map((text, i) => ({ text, start: toNumber(s.starts[i]), end: toNumber(s.ends[i]), documentId: s.document })),
          ),
        ]),
      );
      return entityIds.map((id) => byId.get(id) ?? []);
    },
  );
}
