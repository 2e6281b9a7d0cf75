/**
 * Entity fields beyond its stored properties.
 */
import type { EntityResolvers } from '../../generated/resolvers';
import { NotImplementedError } from '../../errors';

export const Entity: EntityResolvers = {
  relationships: () => {
    throw new NotImplementedError('Entity.relationships');
  },
  mentions: () => {
    throw new NotImplementedError('Entity.mentions');
  },
};
