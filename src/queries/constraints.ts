/**
 * Constraints and indexes the queries rely on. Idempotent (`IF NOT EXISTS`), applied at start-up
 * and before seeding. Uniqueness constraints double as the lookup indexes for ids and name keys.
 */
import type { CypherExecutor, Neo4jRecord } from '../neo4j/driver';
import { SEARCH_INDEX } from './search';
import { STORED_RELATIONSHIP_TYPES } from '../model/vocabulary';
import { CHANGE_LOG } from './changes';

/**
 * The label of the loader's relationship counts: one node per type, stance and modality with how
 * many relationships have them, so a filtered `totalCount` is a sum of at most a few hundred
 * numbers instead of a scan of every relationship.
 */
export const RELATIONSHIP_COUNT = 'RelationshipCount';

export const CONSTRAINT_STATEMENTS: readonly string[] = [
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
  ...STORED_RELATIONSHIP_TYPES.map((type) => `CREATE CONSTRAINT rel_${type.toLowerCase()}_id IF NOT EXISTS FOR ()-[r:${type}]-() REQUIRE r.id IS UNIQUE`),
  // A relationship's identity (ends, type, stance, modality, attributedTo) is one relationship:
  // concurrent writers stating the same one cannot both create it.
  ...STORED_RELATIONSHIP_TYPES.map((type) => `CREATE CONSTRAINT rel_${type.toLowerCase()}_key IF NOT EXISTS FOR ()-[r:${type}]-() REQUIRE r.key IS UNIQUE`),
  // The same title and text is one document.
  'CREATE CONSTRAINT document_content IF NOT EXISTS FOR (d:Document) REQUIRE d.contentHash IS UNIQUE',
  // Names are found in a text by their first word.
  'CREATE INDEX name_first IF NOT EXISTS FOR (n:Name) ON (n.first)',
  // A merged entity's id keeps answering, through its redirect.
  'CREATE CONSTRAINT redirect_id IF NOT EXISTS FOR (r:Redirect) REQUIRE r.id IS UNIQUE',
  // The change log: gap-free sequence numbers from one counter node.
  `CREATE CONSTRAINT change_seq IF NOT EXISTS FOR (c:Change) REQUIRE c.seq IS UNIQUE`,
  `CREATE CONSTRAINT change_log_name IF NOT EXISTS FOR (l:${CHANGE_LOG}) REQUIRE l.name IS UNIQUE`,
];

/** The name a schema statement creates (`CREATE [TEXT|FULLTEXT] CONSTRAINT|INDEX <name> ...`). */
export function schemaObjectName(statement: string): string {
  const name = /^CREATE (?:\w+ )?(?:CONSTRAINT|INDEX) (\w+)/.exec(statement)?.[1];
  if (name === undefined) throw new Error(`not a named schema statement: ${statement}`);
  return name;
}

/** `onStatement`: told how long each schema statement it ran took (the bulk path's profile). */
export async function applyConstraints(db: CypherExecutor, onStatement?: (statement: string, ms: number) => void): Promise<void> {
  // Building indexes on existing data can take longer than a request's timeout.
  const patient = db.withTimeout(undefined);
  // Only what is missing: each schema statement is a transaction of its own (they cannot share one
  // with data), and fifty of them cost seconds even when they all exist.
  const names = (records: Neo4jRecord[]): string[] => records.map((r) => r.get('name') as string);
  // (SHOW commands cannot be combined with UNION.)
  const existing = new Set([...(await patient.read('SHOW CONSTRAINTS YIELD name', {}, names)), ...(await patient.read('SHOW INDEXES YIELD name', {}, names))]);
  const missing = CONSTRAINT_STATEMENTS.filter((statement) => !existing.has(schemaObjectName(statement)));
  const timed = async (statement: string): Promise<void> => {
    const started = performance.now();
    await patient.write(statement, {}, () => undefined);
    onStatement?.(statement, performance.now() - started);
  };
  for (const statement of missing) await timed(statement);
  if (missing.length > 0) await timed('CALL db.awaitIndexes(300)');
  // The counter every write locks and numbers its change from (see changes.ts).
  await patient.write(`MERGE (l:${CHANGE_LOG} {name: 'changes'}) ON CREATE SET l.seq = 0`, {}, () => undefined);
}

/** Whether this database was written by a version before the change log (its seed is then reloaded once, in the current shape). */
export function lacksChangeLog(db: CypherExecutor): Promise<boolean> {
  return db.read(`RETURN NOT EXISTS { MATCH (:${CHANGE_LOG}) } AS missing`, {}, (records) => records[0]?.get('missing') === true);
}
