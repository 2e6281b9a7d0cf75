/**
 * Writes validated seed data in ONE write transaction: either the whole seed lands or nothing
 * changes, and readers never see half of it. Idempotent: loading twice gives the same graph.
 * It replaces only what the seed owns: entities a curator added or changed keep their fields
 * and names, curated documents, relationships and evidence stay, retracted relationships stay
 * retracted, and the seed's entities that were merged into others stay merged (their
 * relationships and mentions go to the entity they were merged into). One SEEDED change records
 * the load. The first load into a graph without entities or documents creates instead of merging.
 * Each statement is reported to an optional observer (name, rows, milliseconds): the profile
 * (bench/profile-load.ts) and the progress line (src/seed/progress.ts).
 */
import type { CypherExecutor, ManagedTransaction } from '../neo4j/driver';
import { run as runStatement, statement, type Statement } from '../neo4j/statement';
import { RELATION_TYPES, relationTypePattern } from '../model/vocabulary';
import type { SeedData } from '../seed/read';
import { distinctDocuments, relationshipCountRows, seedRows, type SeedCounts } from '../seed/rows';
import { RELATIONSHIP_COUNT } from './constraints';
import { lockWrites, recordChange } from './changes';
import { refreshMentions } from './mentions';
import { createSeedDocuments, createSeedEntities, createSeedRelationships, OFFSETS, stateRelationships, upsertSeedDocuments, upsertSeedEntities } from './writes';

const BATCH_SIZE = 10_000;

export type { SeedCounts };

/** Thrown when the database refuses the seed because of curated data (a name a curator gave another entity, say); nothing was written. */
export class SeedConflictError extends Error {
  override name = 'SeedConflictError';
}

/** Loads at least this big (entities plus relationships) are followed by fresh statistics and plans. */
const REPLAN_AFTER_ROWS = 10_000;

/** What the loader tells its caller while it works: each statement it ran, with how many rows it wrote and how long it took. */
export interface SeedObserver {
  /** Once, before the first write: how many rows the load will write (entities, documents, relationships, mentions). */
  planned?: (rows: number) => void;
  statement?: (event: { name: string; rows: number; ms: number }) => void;
}

export async function writeSeed(db: CypherExecutor, seed: SeedData, observer: SeedObserver = {}): Promise<SeedCounts> {
  // A big seed takes longer than a request may: the loader's transaction has no timeout.
  try {
    let written = 0;
    const counts = await db.withTimeout(undefined).writeTransaction(async (tx) => {
      const result = await writeSeedIn(tx, seed, observer);
      written = performance.now();
      return result;
    }, 'seed');
    // Neo4j applies the transaction's index and constraint updates at commit: often most of the load.
    observer.statement?.({ name: 'seed.commit', rows: 0, ms: performance.now() - written });
    // The planner's statistics lag a large write: resample the indexes and drop cached plans now,
    // or the first plans after a big load can scan an index instead of seeking in it (measured:
    // a name lookup at 100k entities ran at 80 req/s instead of about 1,200 until it was replanned).
    // Not after a small load, whose statistics barely move: dropping every cached plan made the
    // next load of the article's seed plan its thirty statements again (7-10 s instead of 0.3 s).
    if (counts.entities + counts.relationships >= REPLAN_AFTER_ROWS) {
      const replanning = performance.now();
      await db.withTimeout(undefined).read('CALL db.prepareForReplanning()', {}, () => undefined);
      observer.statement?.({ name: 'seed.replan', rows: 0, ms: performance.now() - replanning });
    }
    return counts;
  } catch (e: unknown) {
    if (e instanceof Error && 'code' in e && e.code === 'Neo.ClientError.Schema.ConstraintValidationFailed') {
      throw new SeedConflictError(`The seed was refused; nothing was written: it clashes with data in the graph (curated through the API?): ${e.message}`);
    }
    throw e;
  }
}

async function writeSeedIn(tx: ManagedTransaction, seed: SeedData, observer: SeedObserver): Promise<SeedCounts> {
  // Every statement is timed and reported (rows it wrote, milliseconds): the profile and the progress line.
  const run = async (t: ManagedTransaction, s: Statement, rows = 0): ReturnType<typeof runStatement> => {
    const started = performance.now();
    const records = await runStatement(t, s);
    observer.statement?.({ name: s.name, rows, ms: performance.now() - started });
    return records;
  };
  await lockWrites(tx);
  // Entities merged into others since an earlier load: the seed's ids for them lead to the kept ones.
  const redirects = new Map(
    (await run(tx, statement('seed.redirects', 'MATCH (r:Redirect)-[:REDIRECTS_TO]->(e:Entity) RETURN r.id AS id, e.id AS to'))).map((r) => [r.get('id') as string, r.get('to') as string]),
  );
  const curated = (await run(tx, statement('seed.curation-exists', "RETURN EXISTS { MATCH (c:Change) WHERE c.kind <> 'SEEDED' } AS curated")))[0]?.get('curated') === true;
  const { entities, documents, relationships, mentions, counts: summary, rowsToWrite } = seedRows(seed, redirects);
  const entityIds = entities.map((e) => e.id);
  const documentIds = documents.map((d) => d.id);

  // One transaction, whatever the size; large lists go in batches so each statement stays small.
  const inBatches = async <T>(rows: T[], build: (batch: T[]) => ReturnType<typeof statement>): Promise<void> => {
    for (let at = 0; at < rows.length; at += BATCH_SIZE) {
      const batch = rows.slice(at, at + BATCH_SIZE);
      await run(tx, build(batch), batch.length);
    }
  };
  const types = relationTypePattern();

  // The first load into a graph without entities or documents has nothing to merge with, drop
  // or keep: plain CREATE, documents created with their relationship ids, counts from the rows.
  const empty = (await run(tx, statement('seed.graph-empty', 'RETURN NOT EXISTS { MATCH (:Entity) } AND NOT EXISTS { MATCH (:Document) } AS empty')))[0]?.get('empty') === true;
  if (empty) {
    observer.planned?.(rowsToWrite);
    await inBatches(entities, createSeedEntities);
    await inBatches(documents, createSeedDocuments);
    for (const type of RELATION_TYPES) {
      const ofType = relationships.filter((r) => r.type === type).map((r) => ({ ...r, distinctDocuments: distinctDocuments(r) }));
      await inBatches(ofType, (batch) => createSeedRelationships(type, batch));
    }
    await inBatches(mentions, createMentions);
    await run(tx, writeRelationshipCounts(relationships));
    await recordChange(tx, { by: 'seed', kind: 'SEEDED', nodeId: null });
    return summary;
  }

  observer.planned?.(rowsToWrite + (curated ? 0 : documents.length));

  // What the seed no longer has goes, unless curators built on it: then it stays theirs.
  await run(tx, statement('seed.drop-names', 'MATCH (n:Name)-[:NAMES]->(e:Entity) WHERE e.id IN $ids AND e.curated IS NULL DETACH DELETE n', { ids: entityIds }));
  await run(
    tx,
    statement(
      'seed.drop-relationships',
      `MATCH ()-[r${types}]->() WHERE r.seeded AND NOT r.key IN $keys
       WITH r, [i IN range(0, size(r.evidenceOrigins) - 1) WHERE r.evidenceOrigins[i] <> 'seed'] AS kept
       CALL (r, kept) {
         WITH r, kept WHERE size(kept) = 0
         DELETE r
       }
       CALL (r, kept) {
         WITH r, kept WHERE size(kept) > 0
         SET r.evidenceQuotes = [i IN kept | r.evidenceQuotes[i]], r.evidenceStarts = [i IN kept | r.evidenceStarts[i]],
             r.evidenceEnds = [i IN kept | r.evidenceEnds[i]], r.evidenceDocuments = [i IN kept | r.evidenceDocuments[i]],
             r.evidenceOrigins = [i IN kept | r.evidenceOrigins[i]], r.seeded = false
         SET r.documents = reduce(acc = [], d IN r.evidenceDocuments | CASE WHEN d IN acc THEN acc ELSE acc + d END)
       }`,
      { keys: relationships.map((r) => r.key) },
    ),
  );
  await run(
    tx,
    statement(
      'seed.drop-entities',
      `MATCH (e:Entity) WHERE e.seeded AND NOT e.id IN $ids
       WITH e, e.curated IS NOT NULL OR EXISTS { (e)-[r]-() WHERE 'curated' IN r.evidenceOrigins } AS keep
       CALL (e, keep) { WITH e, keep WHERE keep SET e.seeded = false, e.curated = true }
       CALL (e, keep) { WITH e, keep WHERE NOT keep OPTIONAL MATCH (n:Name)-[:NAMES]->(e) DETACH DELETE n, e }`,
      { ids: entityIds },
    ),
  );
  await run(
    tx,
    statement(
      'seed.drop-documents',
      `MATCH (d:Document) WHERE d.seeded AND NOT d.id IN $ids
       // Kept only for curators' passages: a relationship both seeds state still carries the old
       // seed's passages here (they are replaced below), and those must not keep a dropped document.
       WITH d, EXISTS { MATCH ()-[r${types}]->() WHERE any(i IN range(0, size(r.evidenceDocuments) - 1) WHERE r.evidenceDocuments[i] = d.id AND r.evidenceOrigins[i] <> 'seed') } AS keep
       CALL (d, keep) { WITH d, keep WHERE keep SET d.seeded = false }
       CALL (d, keep) { WITH d, keep WHERE NOT keep DETACH DELETE d }`,
      { ids: documentIds },
    ),
  );

  await inBatches(entities, upsertSeedEntities);
  await inBatches(documents, upsertSeedDocuments);
  for (const type of RELATION_TYPES) {
    await inBatches(
      relationships.filter((r) => r.type === type),
      (batch) => stateRelationships(type, batch, { stripSeed: true, seeded: true }),
    );
  }

  // Mentions of the seed's documents, found in the text by the reader.
  await run(tx, statement('seed.drop-mentions', 'MATCH (d:Document)-[m:MENTIONS]->(:Entity) WHERE d.id IN $ids DELETE m', { ids: documentIds }));
  await inBatches(mentions, createMentions);

  if (curated) {
    // Curators' documents, entities and relationships meet the seed's: find every document's
    // mentions and relationships again from the graph as it now is.
    const all = (await run(tx, statement('seed.all-documents', 'MATCH (d:Document) RETURN d.id AS id'))).map((r) => r.get('id') as string);
    await refreshMentions(tx, all);
    await run(
      tx,
      statement(
        'seed.document-relationship-ids',
        `MATCH (d:Document)
         CALL (d) {
           MATCH ()-[r${types}]->() WHERE d.id IN r.documents
           WITH r.id AS id ORDER BY id
           RETURN collect(id) AS ids
         }
         SET d.relationshipIds = ids`,
      ),
    );
  } else {
    await inBatches(documents, (rows) =>
      statement('seed.document-relationship-ids', 'UNWIND $rows AS row MATCH (d:Document {id: row.id}) SET d.relationshipIds = row.relationshipIds', { rows }),
    );
  }

  const counting = performance.now();
  await countRelationships(tx);
  observer.statement?.({ name: 'seed.count-relationships', rows: 0, ms: performance.now() - counting });
  await recordChange(tx, { by: 'seed', kind: 'SEEDED', nodeId: null });
  return summary;
}

const createMentions = (rows: { document: string; entity: string; starts: number[]; ends: number[]; texts: string[] }[]): Statement =>
  statement(
    'seed.create-mentions',
    `UNWIND $rows AS row
     MATCH (d:Document {id: row.document}), (e:Entity {id: row.entity})
     CREATE (d)-[:MENTIONS {starts: ${OFFSETS('row.starts')}, ends: ${OFFSETS('row.ends')}, texts: row.texts}]->(e)`,
    { rows },
  );

/** The relationship counts of a first load, counted from its rows (the graph holds no others). */
function writeRelationshipCounts(relationships: { type: string; stance: string; modality: string }[]): Statement {
  return statement(
    'seed.write-relationship-counts',
    `OPTIONAL MATCH (old:${RELATIONSHIP_COUNT}) DELETE old
     WITH count(*) AS dropped
     UNWIND $counts AS c
     CREATE (:${RELATIONSHIP_COUNT} {type: c.type, stance: c.stance, modality: c.modality, count: toInteger(c.count)})`,
    { counts: relationshipCountRows(relationships) },
  );
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
export function refreshRelationshipCounts(db: CypherExecutor): Promise<void> {
  return db.withTimeout(undefined).writeTransaction(countRelationships);
}

/** Whether the database holds any seeded data yet (start-up seeds only an empty database). */
export function hasSeedData(db: CypherExecutor): Promise<boolean> {
  return db.read('MATCH (e:Entity) RETURN count(e) > 0 AS seeded', {}, (records) => records[0]?.get('seeded') === true);
}
