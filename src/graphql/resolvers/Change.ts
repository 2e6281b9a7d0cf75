/**
 * The change log's entries: `node` is what the change wrote, as it is now (a merged entity's id
 * answers the entity it was merged into).
 */
import type { ChangeResolvers } from '../../generated/resolvers';
import { loadNode } from './Node';
import { encodeCursor } from '../cursor';

export const changeCursor = (change: { seq: number }): string => encodeCursor([change.seq]);

export const Change: ChangeResolvers = {
  cursor: (change) => changeCursor(change),
  node: (change, _args, { loaders }) => (change.nodeId === null ? null : loadNode(change.nodeId, loaders)),
};
