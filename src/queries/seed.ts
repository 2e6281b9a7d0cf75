/**
 * Writes validated seed data in ONE write transaction: either the whole seed lands or nothing
 * changes. Idempotent: nodes are merged on their content-derived ids, their properties replaced,
 * and whatever the seed no longer has is removed, so loading twice gives the same graph.
 */
import type { Executor, ManagedTransaction } from '../neo4j/driver';
import { globalId, nameKey } from '../model/ids';
import { RELATION_TYPES, relationTypePattern } from '../model/vocabulary';
import type { SeedData } from '../seed/read';
import { RELATIONSHIP_COUNT } from './schema';

const BATCH_SIZE = 10_000;

export interface SeedCounts {
  entities: number;
  names: number;
  documents: number;
  relationships: number;
  mentions: number;
}

export async function writeSeed(db: Executor, seed: SeedData): Promise<SeedCounts> {
  const entities = seed.entities.map((e) => ({
    id: globalId('Entity', e.slug),
    name: e.name,
    kind: e.kind,
    aliases: e.aliases,
    aliasText: e.aliases.join('\n'),
    description: e.description,
    wikidata: e.wikidata,
    iso3: e.iso3,
    keys: [...new Set([e.name, ...e.aliases].map(nameKey))],
  }));
  // Which relationships each document states, so Document.relationships is an index lookup.
  const statedIn = new Map<string, string[]>();
  for (const r of seed.relationships) {
    for (const slug of new Set(r.evidence.map((e) => e.documentSlug))) {
      const ids = statedIn.get(slug) ?? [];
      ids.push(r.id);
      statedIn.set(slug, ids);
    }
  }
  const documents = seed.documents.map((d) => ({ id: globalId('Document', d.slug), title: d.title, text: d.text, relationshipIds: statedIn.get(d.slug) ?? [] }));
  // Evidence lives on the relationship itself, as parallel lists, so reading a relationship
  // with its evidence costs no extra hop per relationship.
  const relationships = seed.relationships.map((r) => ({
    id: r.id,
    type: r.type,
    source: globalId('Entity', r.sourceSlug),
    target: globalId('Entity', r.targetSlug),
    props: {
      id: r.id,
      stance: r.stance,
      modality: r.modality,
      attributedTo: r.attributedToSlug === null ? null : globalId('Entity', r.attributedToSlug),
      evidenceQuotes: r.evidence.map((e) => e.quote),
      evidenceStarts: r.evidence.map((e) => e.start),
      evidenceEnds: r.evidence.map((e) => e.end),
      evidenceDocuments: r.evidence.map((e) => globalId('Document', e.documentSlug)),
      documents: [...new Set(r.evidence.map((e) => globalId('Document', e.documentSlug)))],
    },
  }));
  const mentions = seed.mentions.map((m) => ({
    document: globalId('Document', m.documentSlug),
    entity: globalId('Entity', m.entitySlug),
    starts: m.spans.map((s) => s.start),
    ends: m.spans.map((s) => s.end),
    texts: m.spans.map((s) => s.text),
  }));

  // One transaction, whatever the size; large lists go in batches so each statement stays small.
  const inBatches = async <T>(tx: ManagedTransaction, cypher: string, rows: T[]): Promise<void> => {
    for (let at = 0; at < rows.length; at += BATCH_SIZE) await tx.run(cypher, { rows: rows.slice(at, at + BATCH_SIZE) });
  };

  // A big seed takes longer than a request may: the loader's transaction has no timeout.
  const counts = await db.withTimeout(undefined).writeTransaction(async (tx: ManagedTransaction) => {
    // Seed: remove what the seed no longer has
    await tx.run('MATCH (n:Name) DETACH DELETE n');
    await tx.run('MATCH (e:Entity) WHERE NOT e.id IN $ids DETACH DELETE e', { ids: entities.map((e) => e.id) });
    await tx.run('MATCH (d:Document) WHERE NOT d.id IN $ids DETACH DELETE d', { ids: documents.map((d) => d.id) });

    // Seed: entities and their name keys
    await inBatches(
      tx,
      `UNWIND $rows AS row
       MERGE (e:Entity {id: row.id})
       SET e.name = row.name, e.kind = row.kind, e.aliases = row.aliases, e.aliasText = row.aliasText, e.description = row.description,
           e.wikidata = row.wikidata, e.iso3 = row.iso3
       WITH e, row
       UNWIND row.keys AS key
       CREATE (:Name {key: key})-[:NAMES]->(e)`,
      entities,
    );

    // Seed: documents
    await inBatches(
      tx,
      `UNWIND $rows AS row
       MERGE (d:Document {id: row.id})
       SET d.title = row.title, d.text = row.text, d.relationshipIds = row.relationshipIds`,
      documents,
    );

    // Seed: relationships, one statement per type (relationship types cannot be parameters; they
    // come from the vocabulary allowlist)
    await tx.run(`MATCH ()-[r${relationTypePattern()}]->() WHERE NOT r.id IN $ids DELETE r`, { ids: relationships.map((r) => r.id) });
    for (const type of RELATION_TYPES) {
      await inBatches(
        tx,
        `UNWIND $rows AS row
         MATCH (s:Entity {id: row.source}), (t:Entity {id: row.target})
         MERGE (s)-[r${relationTypePattern([type])} {id: row.id}]->(t)
         SET r = row.props`,
        relationships.filter((r) => r.type === type),
      );
    }

    // Seed: mentions, found in the text by the loader
    await tx.run('MATCH (:Document)-[m:MENTIONS]->(:Entity) DELETE m');
    await inBatches(
      tx,
      `UNWIND $rows AS row
       MATCH (d:Document {id: row.document}), (e:Entity {id: row.entity})
       CREATE (d)-[:MENTIONS {starts: row.starts, ends: row.ends, texts: row.texts}]->(e)`,
      mentions,
    );

    await countRelationships(tx);

    return {
      entities: entities.length,
      names: entities.reduce((n, e) => n + e.keys.length, 0),
      documents: documents.length,
      relationships: relationships.length,
      mentions: mentions.reduce((n, m) => n + m.starts.length, 0),
    };
  });
  // The planner's statistics lag a large write: resample the indexes and drop cached plans now,
  // or the first plans after a big load can scan an index instead of seeking in it (measured:
  // a name lookup at 100k entities ran at 80 req/s instead of about 1,200 until it was replanned).
  // Seed: replan
  await db.withTimeout(undefined).read('CALL db.prepareForReplanning()', {}, () => undefined);
  return counts;
}

/** Rewrites the relationship counts (see RELATIONSHIP_COUNT) from the relationships in the graph. */
async function countRelationships(tx: ManagedTransaction): Promise<void> {
  // Seed: relationship counts
  await tx.run(`MATCH (c:${RELATIONSHIP_COUNT}) DELETE c`);
  for (const type of RELATION_TYPES) {
    await tx.run(
      `MATCH ()-[r${relationTypePattern([type])}]->()
       WITH r.stance AS stance, r.modality AS modality, count(*) AS n
       CREATE (:${RELATIONSHIP_COUNT} {type: $type, stance: stance, modality: modality, count: n})`,
      { type },
    );
  }
}

/**
 * Recounts relationships at start-up: a database seeded by an older version has no counts, and
 * one edited outside the loader (Neo4j Browser, say) has stale ones. One pass over the
 * relationships; about a second per million.
 */
export function refreshRelationshipCounts(db: Executor): Promise<void> {
  return db.withTimeout(undefined).writeTransaction(countRelationships);
}

/** Whether the database holds any seeded data yet (start-up seeds only an empty database). */
export function hasSeedData(db: Executor): Promise<boolean> {
  // Query: hasSeedData
  return db.read('MATCH (e:Entity) RETURN count(e) > 0 AS seeded', {}, (records) => records[0]?.get('seeded') === true);
}
