/**
 * Writes validated seed data in ONE write transaction: either the whole seed lands or nothing
 * changes. Idempotent: nodes are merged on their content-derived ids, their properties replaced,
 * and whatever the seed no longer has is removed, so loading twice gives the same graph.
 */
import type { Executor, ManagedTransaction } from '../neo4j/driver';
import { globalId, nameKey } from '../model/ids';
import type { SeedData } from '../seed/read';

export interface SeedCounts {
  entities: number;
  names: number;
  documents: number;
}

export async function writeSeed(db: Executor, seed: SeedData): Promise<SeedCounts> {
  const entities = seed.entities.map((e) => ({
    id: globalId('Entity', e.slug),
    name: e.name,
    kind: e.kind,
    aliases: e.aliases,
    description: e.description,
    wikidata: e.wikidata,
    iso3: e.iso3,
    keys: [...new Set([e.name, ...e.aliases].map(nameKey))],
  }));
  const documents = seed.documents.map((d) => ({ id: globalId('Document', d.slug), title: d.title, text: d.text }));

  return db.writeTransaction(async (tx: ManagedTransaction) => {
    // Seed: remove what the seed no longer has
    await tx.run('MATCH (n:Name) DETACH DELETE n');
    await tx.run('MATCH (e:Entity) WHERE NOT e.id IN $ids DETACH DELETE e', { ids: entities.map((e) => e.id) });
    await tx.run('MATCH (d:Document) WHERE NOT d.id IN $ids DETACH DELETE d', { ids: documents.map((d) => d.id) });

    // Seed: entities and their name keys
    await tx.run(
      `UNWIND $entities AS row
       MERGE (e:Entity {id: row.id})
       SET e.name = row.name, e.kind = row.kind, e.aliases = row.aliases, e.description = row.description,
           e.wikidata = row.wikidata, e.iso3 = row.iso3
       WITH e, row
       UNWIND row.keys AS key
       CREATE (:Name {key: key})-[:NAMES]->(e)`,
      { entities },
    );

    // Seed: documents
    await tx.run(
      `UNWIND $documents AS row
       MERGE (d:Document {id: row.id})
       SET d.title = row.title, d.text = row.text`,
      { documents },
    );

    return {
      entities: entities.length,
      names: entities.reduce((n, e) => n + e.keys.length, 0),
      documents: documents.length,
    };
  });
}

/** Whether the database holds any seeded data yet (start-up seeds only an empty database). */
export function hasSeedData(db: Executor): Promise<boolean> {
  // Query: hasSeedData
  return db.read('MATCH (e:Entity) RETURN count(e) > 0 AS seeded', {}, (records) => records[0]?.get('seeded') === true);
}
