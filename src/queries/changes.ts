/**
 * The change log: one `Change` node per write, created in the write's own transaction, numbered
 * by one `ChangeLog` counter node. Every write transaction first takes that node's write lock
 * (`lockChangeLog`), so writers commit one at a time and sequence numbers are gap-free and in
 * commit order: a reader that sees change N has seen every change before it. A transaction that
 * fails or is refused rolls its number back with everything else. Tailing is an index seek on
 * `seq` (`seq > $after`), which live updates poll.
 */
import type { ManagedTransaction, CypherExecutor, Neo4jRecord } from '../neo4j/driver';
import { int, toNumber } from '../neo4j/driver';
import { run, statement, type Statement } from '../neo4j/statement';
import type { ChangeKind, ChangeModel, Page } from '../model';

export const CHANGE_LOG = 'ChangeLog';

/**
 * Serialises writers. Setting and removing a marker property takes the node's exclusive lock
 * (held to commit) without changing the graph, so a write that turns out to have nothing to do
 * leaves the graph exactly as it was. The lock must not be taken by writing the counter to
 * itself (`SET log.seq = log.seq`): the value is read before the lock is granted, so a writer
 * that waited would write back the number it read before the previous writer committed, and take
 * that writer's number again (across processes, where nothing else queues writers). (`applyConstraints`
 * creates the node and its uniqueness constraint.)
 */
export const lockChangeLog = (): Statement =>
  statement('changes.lock', `MERGE (log:${CHANGE_LOG} {name: 'changes'}) ON CREATE SET log.seq = 0 SET log.locked = true REMOVE log.locked`);

export const appendChange = (change: { by: string; kind: ChangeKind; nodeId: string | null }): Statement =>
  statement(
    'changes.append',
    `MATCH (log:${CHANGE_LOG} {name: 'changes'})
     SET log.seq = log.seq + 1
     CREATE (c:Change {seq: log.seq, at: timestamp(), by: $by, kind: $kind, nodeId: $nodeId})
     RETURN c.seq AS seq`,
    change,
  );

/** Takes the write lock; the work then runs alone among writers. */
export async function lockWrites(tx: ManagedTransaction): Promise<void> {
  await run(tx, lockChangeLog());
}

/** The last sequence number each transaction recorded, for its writer to report after the commit. */
const recorded = new WeakMap<ManagedTransaction, number>();

export async function recordChange(tx: ManagedTransaction, change: { by: string; kind: ChangeKind; nodeId: string | null }): Promise<number> {
  const records = await run(tx, appendChange(change));
  const seq = toNumber(records[0]?.get('seq'));
  recorded.set(tx, seq);
  return seq;
}

/** The sequence number `tx` recorded last (undefined when it recorded no change). */
export function recordedSeq(tx: ManagedTransaction): number | undefined {
  return recorded.get(tx);
}

const CHANGE_ROW = '[c.seq, c.at, c.by, c.kind, c.nodeId]';

function toChange(value: unknown): ChangeModel {
  const [seq, at, by, kind, nodeId] = value as [unknown, unknown, string, ChangeKind, string | null];
  return { seq: toNumber(seq), at: new Date(toNumber(at)).toISOString(), by, kind, nodeId: nodeId ?? null };
}

/** Changes after `after` (a sequence number; 0 for all), oldest first, and how many there are in all. */
export function pageChanges(db: CypherExecutor, { after, first }: { after: number; first: number }): Promise<Page<ChangeModel>> {
  return db.read(
    `OPTIONAL MATCH (log:${CHANGE_LOG} {name: 'changes'})
     CALL () {
       MATCH (c:Change) WHERE c.seq > $after
       WITH c ORDER BY c.seq LIMIT $limit
       RETURN collect(${CHANGE_ROW}) AS page
     }
     RETURN coalesce(log.seq, 0) AS total, page`,
    { after: int(after), limit: int(first + 1) },
    (records: Neo4jRecord[]) => {
      const record = records[0];
      const page = record === undefined ? [] : (record.get('page') as unknown[]).map(toChange);
      return { items: page.slice(0, first), hasNextPage: page.length > first, totalCount: record === undefined ? 0 : toNumber(record.get('total')) };
    },
  );
}

/**
 * Up to `limit` changes after `after`, oldest first: what live updates poll and replay. An index
 * seek on the `seq` constraint, read in index order, so its cost does not grow with the log.
 */
export function changesAfter(db: CypherExecutor, after: number, limit: number): Promise<ChangeModel[]> {
  return db.read(
    `MATCH (c:Change) WHERE c.seq > $after
     WITH c ORDER BY c.seq LIMIT $limit
     RETURN ${CHANGE_ROW} AS change`,
    { after: int(after), limit: int(limit) },
    (records: Neo4jRecord[]) => records.map((record) => toChange(record.get('change'))),
  );
}

/** The last sequence number written (0 before the first change). */
export function lastChangeSeq(db: CypherExecutor): Promise<number> {
  return db.read(`OPTIONAL MATCH (log:${CHANGE_LOG} {name: 'changes'}) RETURN coalesce(log.seq, 0) AS seq`, {}, (records) => toNumber(records[0]?.get('seq') ?? 0));
}
