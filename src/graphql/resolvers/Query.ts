/**
 * Root query fields: check arguments, call one data-access function, shape the result.
 */
import type { QueryResolvers } from '../../generated/resolvers';
import { BadUserInputError } from '../../errors';
import { findEntityByName, listEntities } from '../../queries/entities';
import { pageDocuments } from '../../queries/documents';
import { findRelationshipsBetween, pageRelationships } from '../../queries/relationships';
import { findNeighborhood, findShortestPath } from '../../queries/graph';
import { searchGraph } from '../../queries/search';
import { checkRange } from '../limits';
import { selects } from '../selection';
import type { EntityModel } from '../../model';
import { loadNode } from './Node';
import { changeCursor } from './Change';
import { pageChanges } from '../../queries/changes';
import { checkFirst, connection, decodeCursor, encodeCursor, idCursor, idPosition } from '../cursor';

const entityCursor = (e: EntityModel): string => encodeCursor([e.name, e.id]);

export const Query: QueryResolvers = {
  node: (_parent, { id }, { loaders }) => loadNode(id, loaders),

  entity: async (_parent, { id, name }, { loaders, db }) => {
    const hasId = id !== undefined && id !== null;
    const hasName = name !== undefined && name !== null;
    if (hasId === hasName) {
      throw new BadUserInputError('entity: give exactly one of `id` or `name`');
    }
    if (hasId) return loaders.entityById.load(id);
    return findEntityByName(db, name as string);
  },

  entities: async (_parent, { kinds, search, first, after }, { db, limits }) => {
    const position = after === undefined || after === null ? null : decodeCursor<[string, string]>(after, ['string', 'string']);
    const page = await listEntities(db, {
      kinds: kinds === undefined || kinds === null || kinds.length === 0 ? null : [...kinds],
      search: search ?? null,
      first: checkFirst(first, limits),
      after: position === null ? null : { name: position[0], id: position[1] },
    });
    return connection(page, entityCursor, position !== null);
  },

  relationships: async (_parent, { filter, first, after }, { db, limits }) => {
    const position = idPosition(after);
    const page = await pageRelationships(db, { filter, first: checkFirst(first, limits), after: position });
    return connection(page, idCursor, position !== null);
  },

  relationshipsBetween: (_parent, { a, b, filter }, { db }) => findRelationshipsBetween(db, a, b, filter),

  neighborhood: async (_parent, { entityId, depth, filter }, { db, loaders, limits }, info) => {
    const subgraph = await findNeighborhood(db, {
      entityId,
      depth: checkRange(depth, 'depth', 1, limits.maxNeighborhoodDepth),
      filter,
      maxNodes: limits.maxNeighborhoodNodes,
      withEvidence: selects(info, ['edges', 'evidence']),
    });
    // Edge ends are among the nodes: let the loader answer them without another query.
    for (const node of subgraph.nodes) loaders.entityById.prime(node.id, node);
    return subgraph;
  },

  shortestPath: async (_parent, { fromId, toId, maxLength, filter }, { db, loaders, limits }, info) => {
    const length = checkRange(maxLength, 'maxLength', 1, limits.maxPathLength);
    if (fromId === toId) {
      // A path from an entity to itself is that entity alone (Cypher's shortestPath needs two).
      const entity = await loaders.entityById.load(fromId);
      return entity === null ? null : { nodes: [entity], edges: [] };
    }
    const path = await findShortestPath(db, { fromId, toId, maxLength: length, filter, withEvidence: selects(info, ['edges', 'evidence']) });
    for (const node of path?.nodes ?? []) loaders.entityById.prime(node.id, node);
    return path;
  },

  search: (_parent, { text, first }, { db, limits }) => {
    if (text.length > limits.maxSearchTextLength) {
      throw new BadUserInputError(`text must be at most ${limits.maxSearchTextLength} characters, got ${text.length}`, 'text');
    }
    return searchGraph(db, text, checkFirst(first, limits));
  },

  document: (_parent, { id }, { loaders }) => loaders.documentById.load(id),

  changes: async (_parent, { after, first }, { db, limits }) => {
    const position = after === undefined || after === null ? null : decodeCursor<[number]>(after, ['number'])[0];
    const page = await pageChanges(db, { after: position ?? 0, first: checkFirst(first, limits) });
    return connection(page, changeCursor, position !== null);
  },

  documents: async (_parent, { first, after }, { db, limits }) => {
    const position = idPosition(after);
    const page = await pageDocuments(db, { first: checkFirst(first, limits), after: position });
    return connection(page, idCursor, position !== null);
  },
};
