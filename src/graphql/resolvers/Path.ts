/**
 * Path fields derived from the model.
 */
import type { PathResolvers } from '../../generated/resolvers';

export const Path: PathResolvers = {
  length: (path) => path.edges.length,
};
