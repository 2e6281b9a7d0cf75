/**
 * Per-request context: built once per request with a fresh executor (its own round-trip counter)
 * and fresh DataLoaders, so batching and caching never leak between requests. Resolvers read it
 * and never replace anything in it; the loaders cache what the request has already fetched.
 */
import DataLoader from 'dataloader';
import type { RequestAuth } from '../auth';
import type { Limits } from '../config';
import type { CypherExecutor } from '../neo4j/driver';
import type { ChangeSource } from '../live/feed';
import type { DocumentModel, EntityModel, MentionModel, Page, RelationshipModel } from '../model';
import { findEntitiesByIds } from '../queries/entities';
import { findDocumentsByIds, findEntitiesOfDocuments, findMentionsOfEntities } from '../queries/documents';
import { findRelationshipsByIds, pageRelationshipsOfEntities, type Direction, type RelationshipPageArgs } from '../queries/relationships';

export interface Loaders {
  entityById: DataLoader<string, EntityModel | null>;
  documentById: DataLoader<string, DocumentModel | null>;
  relationshipById: DataLoader<string, RelationshipModel | null>;
  mentionsOfEntity: DataLoader<string, MentionModel[]>;
  entitiesOfDocument: DataLoader<string, EntityModel[]>;
  /** One loader per distinct (direction, filter, page) so all entities asking the same page batch together. */
  relationshipPagesOfEntity: (direction: Direction, args: RelationshipPageArgs) => DataLoader<string, Page<RelationshipModel>>;
}

export interface Context {
  readonly db: CypherExecutor;
  readonly loaders: Loaders;
  readonly limits: Limits;
  /** Who sent the request: the bearer token, verified when first asked (mutations call `auth.require(role)`). */
  readonly auth: RequestAuth;
  /** The process's change feed; only subscriptions (over WebSocket) have it. */
  readonly changes?: ChangeSource;
}

export function createContext(root: CypherExecutor, limits: Limits, auth: RequestAuth): Context {
  const db = root.forRequest();
  const relationshipPageLoaders = new Map<string, DataLoader<string, Page<RelationshipModel>>>();
  return {
    db,
    limits,
    auth,
    loaders: {
      entityById: new DataLoader((ids) => findEntitiesByIds(db, ids)),
      documentById: new DataLoader((ids) => findDocumentsByIds(db, ids)),
      relationshipById: new DataLoader((ids) => findRelationshipsByIds(db, ids)),
      mentionsOfEntity: new DataLoader((ids) => findMentionsOfEntities(db, ids)),
      entitiesOfDocument: new DataLoader((ids) => findEntitiesOfDocuments(db, ids)),
      relationshipPagesOfEntity: (direction, args) => {
        const key = JSON.stringify([direction, args.filter ?? null, args.first, args.after]);
        let loader = relationshipPageLoaders.get(key);
        if (loader === undefined) {
          loader = new DataLoader((ids) => pageRelationshipsOfEntities(db, ids, direction, args));
          relationshipPageLoaders.set(key, loader);
        }
        return loader;
      },
    },
  };
}
