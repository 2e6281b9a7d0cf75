/**
 * Loading the seed folder into Neo4j: validate everything first (a refused seed writes nothing),
 * make sure constraints and indexes exist, then write the whole seed in one transaction.
 */
import path from 'node:path';
import { PROJECT_ROOT } from '../config';
import type { CypherExecutor } from '../neo4j/driver';
import { applyConstraints } from '../queries/constraints';
import { writeSeed, type SeedCounts, type SeedObserver } from '../queries/seed';
import { readSeed, type SeedData } from './read';

export const SEED_DIR = path.join(PROJECT_ROOT, 'seed');

// Async, so that a refused seed is a rejection like every other failure of a load, not a throw.
export async function loadSeed(db: CypherExecutor, dir: string = SEED_DIR, observer: SeedObserver = {}): Promise<SeedCounts> {
  return loadSeedData(db, readSeed(dir), observer);
}

/** Seed data already read and validated, through the transactional loader. */
export async function loadSeedData(db: CypherExecutor, seed: SeedData, observer: SeedObserver = {}): Promise<SeedCounts> {
  await applyConstraints(db);
  return writeSeed(db, seed, observer);
}
