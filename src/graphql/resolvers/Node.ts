/**
 * The Node interface: the concrete type is read from the global ID's prefix.
 */
import type { NodeResolvers } from '../../generated/resolvers';
import { nodeTypeOf } from '../../model/ids';

export const Node: NodeResolvers = {
  __resolveType: (node) => {
    const type = nodeTypeOf(node.id);
    if (type === null) throw new Error(`Node with an unrecognised id: ${node.id}`);
    return type;
  },
};
