/**
 * Relationship ends come with the relationship where its query brought them; otherwise they
 * resolve through the entity loader, so all sources and targets of a response are one batch.
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
  source: (relationship, _args, context) => relationship.source ?? requiredEntity(relationship.sourceId, context),
  target: (relationship, _args, context) => relationship.target ?? requiredEntity(relationship.targetId, context),
  // Read without evidence only when the selection did not ask for it; a reader that got here
  // anyway (a selection the look-ahead did not foresee) still gets it, with one batched query.
  evidence: (relationship, _args, { loaders }) => relationship.evidence ?? loaders.relationshipById.load(relationship.id).then((read) => read?.evidence ?? []),
  // Lists, neighbourhoods and paths read standing relationships only; node(id) reads the retraction.
  retraction: (relationship) => relationship.retraction ?? null,
  attributedTo: (relationship, _args, { loaders }) => (relationship.attributedToId === null ? null : loaders.entityById.load(relationship.attributedToId)),
};
