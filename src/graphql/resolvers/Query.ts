/**
 * Root query fields: check arguments, call one data-access function, shape the result.
 */
import type { QueryResolvers } from '../../generated/resolvers';
import { BadUserInputError, NotImplementedError } from '../../errors';
import { findEntityByName, listEntities } from '../../data/entities';
import type { EntityModel } from '../../model';
import { nodeTypeOf } from '../../model/ids';
import { checkFirst, connection, decodeCursor, encodeCursor } from '../cursor';

const entityCursor = (e: EntityModel): string => encodeCursor([e.name, e.id]);

export const Query: QueryResolvers = {
  node: async (_parent, { id }, { loaders }) => {
    switch (nodeTypeOf(id)) {
      case 'Entity':
        return loaders.entityById.load(id);
      default:
        return null;
    }
  },

  entity: async (_parent, { id, name }, { loaders, db }) => {
    const hasId = id !== undefined && id !== null;
    const hasName = name !== undefined && name !== null;
    if (hasId === hasName) {
      throw new BadUserInputError('entity: give exactly one of `id` or `name`');
    }
    if (hasId) return loaders.entityById.load(id);
    return findEntityByName(db, name as string);
  },

  entities: async (_parent, { kinds, search, first, after }, { db }) => {
    const position = after === undefined || after === null ? null : decodeCursor<[string, string]>(after, ['string', 'string']);
    const page = await listEntities(db, {
      kinds: kinds === undefined || kinds === null || kinds.length === 0 ? null : [...kinds],
      search: search ?? null,
      first: checkFirst(first),
      after: position === null ? null : { name: position[0], id: position[1] },
    });
    return connection(page, entityCursor, position !== null);
  },

  relationships: () => {
    throw new NotImplementedError('Query.relationships');
  },
  relationshipsBetween: () => {
    throw new NotImplementedError('Query.relationshipsBetween');
  },
  neighborhood: () => {
    throw new NotImplementedError('Query.neighborhood');
  },
  shortestPath: () => {
    throw new NotImplementedError('Query.shortestPath');
  },
  search: () => {
    throw new NotImplementedError('Query.search');
  },
  document: () => {
    throw new NotImplementedError('Query.document');
  },
  documents: () => {
    throw new NotImplementedError('Query.documents');
  },
};
