/**
 * Per-request context: built once per request with a fresh executor (its own round-trip counter)
 * and fresh DataLoaders, so batching and caching never leak between requests. Resolvers read it
 * and never mutate it.
 */
import DataLoader from 'dataloader';
import type { Executor } from '../neo4j/driver';
import type { EntityModel } from '../model';
import { findEntitiesByIds } from '../data/entities';

export interface Loaders {
  entityById: DataLoader<string, EntityModel | null>;
}

export interface Context {
  readonly db: Executor;
  readonly loaders: Loaders;
}

export function createContext(root: Executor): Context {
  const db = root.forRequest();
  return {
    db,
    loaders: {
      entityById: new DataLoader((ids) => findEntitiesByIds(db, ids)),
    },
  };
}
