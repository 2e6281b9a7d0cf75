/**
 * Search hit snippets, computed only when a client selects them (a document's text is loaded
 * through the per-request loader then, not shipped with every hit).
 */
import type { SearchHitResolvers } from '../../generated/resolvers';
import { entitySnippet, passage } from '../../queries/search';
import { nodeTypeOf } from '../../model/ids';
import type { DocumentModel, EntityModel } from '../../model';
import { documentText } from './Document';

export const SearchHit: SearchHitResolvers = {
  snippet: async (hit, _args, context) =>
    nodeTypeOf(hit.node.id) === 'Entity'
      ? entitySnippet(hit.node as EntityModel, hit.words)
      : passage(await documentText(hit.node as DocumentModel, context), hit.words),
};
