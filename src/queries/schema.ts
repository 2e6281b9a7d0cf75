/**
 * Constraints and indexes the queries rely on. Idempotent (`IF NOT EXISTS`), applied at start-up
 * and before seeding. Uniqueness constraints double as the lookup indexes for ids and name keys.
 */
import type { Executor } from '../neo4j/driver';
import { RELATION_TYPES } from '../model/vocabulary';
import { SEARCH_INDEX } from './search';

/**
 * The label of the loader's relationship counts: one node per type, stance and modality with how
 * many relationships have them, so a filtered `totalCount` is a sum of at most a few hundred
 * numbers instead of a scan of every relationship.
 */
export const RELATIONSHIP_COUNT = 'RelationshipCount';

export const SCHEMA_STATEMENTS: readonly string[] = [
  'CREATE CONSTRAINT entity_id IF NOT EXISTS FOR (e:Entity) REQUIRE e.id IS UNIQUE',
  'CREATE CONSTRAINT document_id IF NOT EXISTS FOR (d:Document) REQUIRE d.id IS UNIQUE',
  // One Name node per normalised name or alias: `entity(name:)` is an index seek, and an alias
  // can never silently point at two entities.
  'CREATE CONSTRAINT name_key IF NOT EXISTS FOR (n:Name) REQUIRE n.key IS UNIQUE',
  // Entities are listed by name; the range index serves ORDER BY and keyset pages.
  'CREATE INDEX entity_name IF NOT EXISTS FOR (e:Entity) ON (e.name)',
  'CREATE INDEX entity_kind IF NOT EXISTS FOR (e:Entity) ON (e.kind)',
  // Substring search over names and aliases (`entities(search:)`) uses a text index.
  'CREATE TEXT INDEX name_key_text IF NOT EXISTS FOR (n:Name) ON (n.key)',
  // Full-text search over entities and documents (Query.search); aliases are indexed as one text.
  `CREATE FULLTEXT INDEX ${SEARCH_INDEX} IF NOT EXISTS FOR (n:Entity|Document) ON EACH [n.name, n.aliasText, n.description, n.title, n.text]`,
  // Relationship ids are unique per type (Community has no cross-type relationship constraint;
  // the id embeds source, type and target, so it cannot repeat across types either).
  ...RELATION_TYPES.map((type) => `CREATE CONSTRAINT rel_${type.toLowerCase()}_id IF NOT EXISTS FOR ()-[r:${type}]-() REQUIRE r.id IS UNIQUE`),
];

export async function applySchema(db: Executor): Promise<void> {
  // Building indexes on existing data can take longer than a request's timeout.
  const patient = db.withTimeout(undefined);
  // Schema changes cannot share a transaction with each other's data; one statement per unit.
  for (const statement of SCHEMA_STATEMENTS) {
    await patient.write(statement, {}, () => undefined);
  }
  await patient.write('CALL db.awaitIndexes(300)', {}, () => undefined);
}
