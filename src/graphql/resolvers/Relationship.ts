/**
 * Relationship ends resolve through the entity loader: all sources and targets of a response
 * are fetched in one batch.
 */
import type { RelationshipResolvers } from '../../generated/resolvers';
import type { EntityModel } from '../../model';
import type { Context } from '../context';

/** An end the graph guarantees (relationships connect existing entities); a miss is a bug, not a null. */
async function requiredEntity(id: string, { loaders }: Context): Promise<EntityModel> {
  const entity = await loaders.entityById.load(id);
  if (entity === null) throw new Error(`relationship end ${id} does not exist`);
  return entity;
}

export const Relationship: RelationshipResolvers = {
  source: (relationship, _args, context) => requiredEntity(relationship.sourceId, context),
  target: (relationship, _args, context) => requiredEntity(relationship.targetId, context),
  attributedTo: (relationship, _args, { loaders }) => (relationship.attributedToId === null ? null : loaders.entityById.load(relationship.attributedToId)),
};
