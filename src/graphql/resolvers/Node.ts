/**
 * The Node interface: the concrete type is read from the global ID's prefix.
 */
import type { NodeResolvers } from '../../generated/resolvers';
import type { DocumentModel, EntityModel, RelationshipModel } from '../../model';
import { nodeTypeOf } from '../../model/ids';
import type { Loaders } from '../context';

/** The node a global ID names, by its prefix; null for an unknown or foreign ID. */
export function loadNode(id: string, loaders: Loaders): Promise<EntityModel | DocumentModel | RelationshipModel | null> {
  switch (nodeTypeOf(id)) {
    case 'Entity':
      return loaders.entityById.load(id);
    case 'Document':
      return loaders.documentById.load(id);
    case 'Relationship':
      return loaders.relationshipById.load(id);
    default:
      return Promise.resolve(null);
  }
}

export const Node: NodeResolvers = {
  __resolveType: (node) => {
    const type = nodeTypeOf(node.id);
    if (type === null) throw new Error(`Node with an unrecognised id: ${node.id}`);
    return type;
  },
};
