/**
 * The change log's lock across processes: writers that do not share the in-process write queue
 * (two API processes do not) still get consecutive sequence numbers, the later one waiting for
 * the earlier to commit. Live updates rely on this: a reader that sees change N has seen all
 * before it.
 */
import { lockWrites, recordChange } from '../../src/queries/changes';
import { useEmptyNeo4j } from '../support/neo4j';

const neo4j = useEmptyNeo4j({ schema: true });

it('numbers two overlapping writers consecutively, the second after the first commits', async () => {
  let locked: () => void = () => undefined;
  const firstHasLock = new Promise<void>((resolve) => (locked = resolve));
  const first = neo4j.db.writeTransaction(async (tx) => {
    await lockWrites(tx);
    locked();
    // Hold the lock while the other writer asks for it.
    await new Promise((resolve) => setTimeout(resolve, 1_000));
    return recordChange(tx, { by: 'first', kind: 'ENTITY_ADDED', nodeId: null });
  });
  await firstHasLock;
  const second = neo4j.db.writeTransaction(async (tx) => {
    await lockWrites(tx);
    return recordChange(tx, { by: 'second', kind: 'ENTITY_ADDED', nodeId: null });
  });
  // Taking the lock by writing the counter to itself gave the second writer the first one's
  // number (read before the lock was granted): a uniqueness violation, and a failed write.
  expect(await Promise.all([first, second])).toEqual([1, 2]);
});
