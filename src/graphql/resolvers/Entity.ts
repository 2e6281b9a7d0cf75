/**
 * Entity fields beyond its stored properties. Each batches through a per-request DataLoader, so
 * a list of entities costs one query per field, not one per entity.
 */
import type { EntityResolvers } from '../../generated/resolvers';
import { checkFirst, connection, idCursor, idPosition } from '../cursor';

export const Entity: EntityResolvers = {
  wikidataId: (entity) => entity.wikidata,

  relationships: async (entity, { direction, filter, first, after }, { loaders, limits }) => {
    const position = idPosition(after);
    const page = await loaders.relationshipPagesOfEntity(direction, { filter, first: checkFirst(first, limits), after: position }).load(entity.id);
    return connection(page, idCursor, position !== null);
  },

  mentions: (entity, _args, { loaders }) => loaders.mentionsOfEntity.load(entity.id),
};
