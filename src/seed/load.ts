/**
 * Loading the seed folder into Neo4j: validate everything first (a refused seed writes nothing),
 * make sure constraints and indexes exist, then write the whole seed in one transaction.
 */
import path from 'node:path';
import { PROJECT_ROOT } from '../config';
import type { CypherExecutor } from '../neo4j/driver';
import { applyConstraints } from '../queries/constraints';
import { writeSeed, type SeedCounts, type SeedObserver } from '../queries/seed';
import { readSeed } from './read';

export const SEED_DIR = path.join(PROJECT_ROOT, 'seed');

export async function loadSeed(db: CypherExecutor, dir: string = SEED_DIR, observer: SeedObserver = {}): Promise<SeedCounts> {
  const seed = readSeed(dir);
  await applyConstraints(db);
  return writeSeed(db, seed, observer);
}
