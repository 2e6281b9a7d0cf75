/**
 * The curation mutations: check the caller's role first (a refused caller learns nothing about
 * the input), then one unit of work each in queries/curation.ts. The roles each needs are in
 * MUTATION_ROLES: `editor` may do everything but merge; `admin` may do everything.
 */
import type { MutationResolvers } from '../../generated/resolvers';
import { MUTATION_ROLES } from '../../auth';
import { addDocument, addEntity, assertRelationship, mergeEntities, retractRelationship, updateEntity } from '../../queries/curation';

export const Mutation: MutationResolvers = {
  addDocument: async (_parent, { input }, { db, auth }) => addDocument(db, (await auth.require(MUTATION_ROLES.addDocument)).sub, input),
  addEntity: async (_parent, { input }, { db, auth }) => addEntity(db, (await auth.require(MUTATION_ROLES.addEntity)).sub, input),
  updateEntity: async (_parent, { id, input }, { db, auth }) => updateEntity(db, (await auth.require(MUTATION_ROLES.updateEntity)).sub, id, input),
  mergeEntities: async (_parent, { keepId, mergeId }, { db, auth }) => mergeEntities(db, (await auth.require(MUTATION_ROLES.mergeEntities)).sub, keepId, mergeId),
  assertRelationship: async (_parent, { input }, { db, auth }) => assertRelationship(db, (await auth.require(MUTATION_ROLES.assertRelationship)).sub, input),
  retractRelationship: async (_parent, { id, reason }, { db, auth }) => retractRelationship(db, (await auth.require(MUTATION_ROLES.retractRelationship)).sub, id, reason),
};
