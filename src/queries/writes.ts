/**
 * The write statements the seed loader and the curation mutations share: each builds a named,
 * parameterised statement over a list of rows (the loader sends thousands, a mutation one).
 * Ownership is recorded so a re-seed replaces only what the seed owns: `seeded` on entities,
 * documents and relationships, `curated` on entities a curator created or changed (the seed then
 * leaves their fields and names alone), and each evidence passage's origin (`seed` or `curated`).
 */
import { statement, type Statement } from '../neo4j/statement';
import { RETRACTED, relationTypePattern, type RelationType } from '../model/vocabulary';
import { RELATIONSHIP_COUNT } from './constraints';

export interface NameRow {
  key: string;
  /** The key's first word: documents are searched for names by the words they contain. */
  first: string | null;
}

export interface EntityRow {
  id: string;
  name: string;
  kind: string;
  aliases: string[];
  aliasText: string;
  description: string | null;
  wikidata: string | null;
  iso3: string | null;
  names: NameRow[];
}

/** Seed entities: created or refreshed, except that an entity a curator changed keeps its fields and names. */
export const upsertSeedEntities = (rows: EntityRow[]): Statement =>
  statement(
    'seed.upsert-entities',
    `UNWIND $rows AS row
     MERGE (e:Entity {id: row.id})
     SET e.seeded = true
     WITH e, row WHERE e.curated IS NULL
     SET e.name = row.name, e.kind = row.kind, e.aliases = row.aliases, e.aliasText = row.aliasText, e.description = row.description,
         e.wikidata = row.wikidata, e.iso3 = row.iso3
     WITH e, row
     UNWIND row.names AS name
     CREATE (:Name {key: name.key, first: name.first})-[:NAMES]->(e)`,
    { rows },
  );

/**
 * The first load into a graph without entities or documents: nothing to merge with, so plain
 * CREATE (the seed reader guarantees unique ids, names and relationship identities; the
 * constraints still check them). Measured on a 10k-entity graph: 29 s instead of 41 cold (the
 * MERGE statements take seconds to plan), 21.5 s instead of 24 warm; the commit is the rest.
 */
export const createSeedEntities = (rows: EntityRow[]): Statement =>
  statement(
    'seed.create-entities',
    `UNWIND $rows AS row
     CREATE (e:Entity {id: row.id, name: row.name, kind: row.kind, aliases: row.aliases, aliasText: row.aliasText, description: row.description,
                       wikidata: row.wikidata, iso3: row.iso3, seeded: true})
     WITH e, row
     UNWIND row.names AS name
     CREATE (:Name {key: name.key, first: name.first})-[:NAMES]->(e)`,
    { rows },
  );

export const createCuratedEntity = (row: EntityRow): Statement =>
  statement(
    'entity.create',
    `CREATE (e:Entity {id: $row.id, name: $row.name, kind: $row.kind, aliases: $row.aliases, aliasText: $row.aliasText,
                       description: $row.description, wikidata: $row.wikidata, iso3: $row.iso3, curated: true})
     WITH e
     UNWIND $row.names AS name
     CREATE (:Name {key: name.key, first: name.first})-[:NAMES]->(e)`,
    { row },
  );

/** Replaces an entity's fields and names (its id stays); the entity is the curators' from then on. */
export const replaceEntity = (row: EntityRow): Statement =>
  statement(
    'entity.replace',
    `MATCH (e:Entity {id: $row.id})
     OPTIONAL MATCH (n:Name)-[:NAMES]->(e)
     DETACH DELETE n
     WITH DISTINCT e
     SET e.name = $row.name, e.aliases = $row.aliases, e.aliasText = $row.aliasText, e.description = $row.description,
         e.wikidata = $row.wikidata, e.iso3 = $row.iso3, e.curated = true
     WITH e
     UNWIND $row.names AS name
     CREATE (:Name {key: name.key, first: name.first})-[:NAMES]->(e)`,
    { row },
  );

/** Which entity owns each of these name keys now (a clear refusal before the constraint would fail). */
export const findNameOwners = (keys: string[]): Statement =>
  statement('names.owners', 'MATCH (n:Name)-[:NAMES]->(e:Entity) WHERE n.key IN $keys RETURN n.key AS key, e.id AS owner, e.name AS ownerName', { keys });

export interface DocumentRow {
  id: string;
  title: string;
  text: string;
  contentHash: string;
  url: string | null;
  publishedAt: string | null;
}

export const upsertSeedDocuments = (rows: DocumentRow[]): Statement =>
  statement(
    'seed.upsert-documents',
    `UNWIND $rows AS row
     MERGE (d:Document {id: row.id})
     ON CREATE SET d.relationshipIds = []
     SET d.title = row.title, d.text = row.text, d.contentHash = row.contentHash, d.seeded = true`,
    { rows },
  );

/** Documents of a first load (see createSeedEntities), with the relationships they state. */
export const createSeedDocuments = (rows: (DocumentRow & { relationshipIds: string[] })[]): Statement =>
  statement(
    'seed.create-documents',
    `UNWIND $rows AS row
     CREATE (:Document {id: row.id, title: row.title, text: row.text, contentHash: row.contentHash, relationshipIds: row.relationshipIds, seeded: true})`,
    { rows },
  );

export const createCuratedDocument = (row: DocumentRow): Statement =>
  statement(
    'document.create',
    `CREATE (d:Document {id: $row.id, title: $row.title, text: $row.text, contentHash: $row.contentHash, url: $row.url,
                         publishedAt: $row.publishedAt, relationshipIds: []})`,
    { row },
  );

/** Parallel lists of passages, as relationships store them. */
export interface EvidenceRows {
  quotes: string[];
  starts: number[];
  ends: number[];
  documents: string[];
  origins: ('seed' | 'curated')[];
}

export interface RelationshipRow extends EvidenceRows {
  key: string;
  /** The ID it gets if this creates it. */
  id: string;
  source: string;
  target: string;
  stance: string;
  modality: string;
  attributedTo: string | null;
}

/**
 * A list of character offsets from a parameter, stored as integers. The driver sends every
 * JavaScript number as a float; offsets are whole numbers, and whoever queries the graph directly
 * should get them as such (Cypher refuses a float as a list index, other drivers read `12.0`).
 */
export const OFFSETS = (list: string): string => `[x IN ${list} | toInteger(x)]`;

const distinctDocuments = "reduce(acc = [], d IN r.evidenceDocuments | CASE WHEN d IN acc THEN acc ELSE acc + d END)";

/**
 * States relationships of one type: merged on their identity key (unique per type, so concurrent
 * writers cannot duplicate one), created with the row's ID, and given the row's passages that
 * they do not have yet (same document and offsets). A key that is retracted is left alone (the
 * caller reinstates it first when that is meant). `stripSeed` first drops the passages the seed
 * gave earlier (a re-seed replaces its own evidence and keeps curators').
 */
export const stateRelationships = (type: RelationType, rows: RelationshipRow[], { stripSeed, seeded }: { stripSeed: boolean; seeded: boolean }): Statement =>
  statement(
    `relationship.state.${type}`,
    `UNWIND $rows AS row
     MATCH (s:Entity {id: row.source}), (t:Entity {id: row.target})
     WHERE NOT EXISTS { (s)-[:${RETRACTED} {key: row.key}]->(t) }
     MERGE (s)-[r${relationTypePattern([type])} {key: row.key}]->(t)
     ON CREATE SET r.id = row.id, r.stance = row.stance, r.modality = row.modality, r.attributedTo = row.attributedTo,
                   r.evidenceQuotes = [], r.evidenceStarts = [], r.evidenceEnds = [], r.evidenceDocuments = [], r.evidenceOrigins = [],
                   r.created = true
     WITH r, row, r.created IS NOT NULL AS created
     REMOVE r.created
     WITH r, row, created, [i IN range(0, size(r.evidenceQuotes) - 1) WHERE NOT ($stripSeed AND r.evidenceOrigins[i] = 'seed')] AS kept
     WITH r, row, created, kept,
          [i IN range(0, size(row.quotes) - 1)
           WHERE NOT any(j IN kept WHERE r.evidenceDocuments[j] = row.documents[i] AND r.evidenceStarts[j] = row.starts[i] AND r.evidenceEnds[j] = row.ends[i])] AS fresh
     SET r.evidenceQuotes = [j IN kept | r.evidenceQuotes[j]] + [i IN fresh | row.quotes[i]],
         r.evidenceStarts = [j IN kept | toInteger(r.evidenceStarts[j])] + [i IN fresh | toInteger(row.starts[i])],
         r.evidenceEnds = [j IN kept | toInteger(r.evidenceEnds[j])] + [i IN fresh | toInteger(row.ends[i])],
         r.evidenceDocuments = [j IN kept | r.evidenceDocuments[j]] + [i IN fresh | row.documents[i]],
         r.evidenceOrigins = [j IN kept | r.evidenceOrigins[j]] + [i IN fresh | row.origins[i]],
         r.seeded = CASE WHEN $seeded THEN true ELSE r.seeded END
     SET r.documents = ${distinctDocuments}
     RETURN row.key AS key, r.id AS id, created, size(fresh) AS added`,
    { rows, stripSeed, seeded },
  );

/**
 * Relationships of one type in a first load (see createSeedEntities): created with all their
 * passages, as stateRelationships would leave them in an empty graph. `documents` is each row's
 * distinct evidence documents, in order of first appearance.
 */
export const createSeedRelationships = (type: RelationType, rows: (RelationshipRow & { distinctDocuments: string[] })[]): Statement =>
  statement(
    `seed.create-relationships.${type}`,
    `UNWIND $rows AS row
     MATCH (s:Entity {id: row.source})
     MATCH (t:Entity {id: row.target})
     CREATE (s)-[r${relationTypePattern([type])} {id: row.id, key: row.key, stance: row.stance, modality: row.modality, attributedTo: row.attributedTo,
                           evidenceQuotes: row.quotes, evidenceStarts: ${OFFSETS('row.starts')}, evidenceEnds: ${OFFSETS('row.ends')}, evidenceDocuments: row.documents,
                           evidenceOrigins: row.origins, documents: row.distinctDocuments, seeded: true}]->(t)
     RETURN count(r) AS created`,
    { rows },
  );

/**
 * Moves relationships between stored types (retracting: to RETRACTED, keeping the type in
 * `r.type`; reinstating: back). Neo4j cannot change a relationship's type, so each is recreated
 * with its properties between the same ends.
 */
export const retractRelationship = (type: RelationType, id: string, retraction: { reason: string; by: string }): Statement =>
  statement(
    'relationship.retract',
    `MATCH (s)-[r${relationTypePattern([type])} {id: $id}]->(t)
     CREATE (s)-[x:${RETRACTED}]->(t)
     SET x = properties(r), x.type = $type, x.retractedReason = $reason, x.retractedBy = $by, x.retractedAt = timestamp()
     DELETE r
     RETURN x.id AS id`,
    { id, type, ...retraction },
  );

export const reinstateRelationship = (type: RelationType, id: string): Statement =>
  statement(
    'relationship.reinstate',
    `MATCH (s)-[x:${RETRACTED} {id: $id}]->(t)
     CREATE (s)-[r${relationTypePattern([type])}]->(t)
     SET r = properties(x)
     REMOVE r.type, r.retractedReason, r.retractedBy, r.retractedAt
     DELETE x
     RETURN r.id AS id`,
    { id },
  );

/** Adjusts the kept relationship counts by whole-number deltas per type, stance and modality. */
export const adjustRelationshipCounts = (deltas: { type: string; stance: string; modality: string; delta: number }[]): Statement =>
  statement(
    'relationship-counts.adjust',
    `UNWIND $deltas AS d
     MERGE (c:${RELATIONSHIP_COUNT} {type: d.type, stance: d.stance, modality: d.modality})
     ON CREATE SET c.count = 0
     SET c.count = c.count + toInteger(d.delta)`,
    { deltas: deltas.filter((d) => d.delta !== 0) },
  );

/** Adds and removes relationship IDs in the lists documents keep of the relationships they state. */
export const updateDocumentRelationshipIds = (changes: { document: string; add: string[]; remove: string[] }[]): Statement =>
  statement(
    'documents.update-relationship-ids',
    `UNWIND $changes AS c
     MATCH (d:Document {id: c.document})
     SET d.relationshipIds = [id IN coalesce(d.relationshipIds, []) WHERE NOT id IN c.remove AND NOT id IN c.add] + c.add`,
    { changes },
  );

export interface MentionRow {
  document: string;
  entity: string;
  starts: number[];
  ends: number[];
  texts: string[];
}

/** Replaces every mention in the given documents. */
export const replaceMentions = (documentIds: string[], rows: MentionRow[]): Statement =>
  statement(
    'mentions.replace',
    `CALL () {
       MATCH (d:Document)-[m:MENTIONS]->(:Entity) WHERE d.id IN $documentIds
       DELETE m
     }
     UNWIND $rows AS row
     MATCH (d:Document {id: row.document}), (e:Entity {id: row.entity})
     CREATE (d)-[:MENTIONS {starts: ${OFFSETS('row.starts')}, ends: ${OFFSETS('row.ends')}, texts: row.texts}]->(e)`,
    { documentIds, rows },
  );
