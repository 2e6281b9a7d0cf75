/**
 * Document fields, and the `document` of evidence and mentions, through per-request loaders.
 */
import type { DocumentResolvers, EvidenceResolvers, MentionResolvers } from '../../generated/resolvers';
import type { DocumentModel, RelationshipModel } from '../../model';
import type { Context } from '../context';

async function requiredDocument(id: string, { loaders }: Context): Promise<DocumentModel> {
  const document = await loaders.documentById.load(id);
  if (document === null) throw new Error(`document ${id} does not exist`);
  return document;
}

/** The document's text, loaded when the model came without it (e.g. from a search hit). */
export async function documentText(document: DocumentModel, context: Context): Promise<string> {
  return document.text ?? (await requiredDocument(document.id, context)).text ?? '';
}

/** The ids of the relationships the document states, loaded when the model came without them. */
async function relationshipIds(document: DocumentModel, context: Context): Promise<string[]> {
  return document.relationshipIds ?? (await requiredDocument(document.id, context)).relationshipIds ?? [];
}

export const Document: DocumentResolvers = {
  text: (document, _args, context) => documentText(document, context),
  entities: (document, _args, { loaders }) => loaders.entitiesOfDocument.load(document.id),
  relationships: async (document, _args, context) =>
    (await context.loaders.relationshipById.loadMany(await relationshipIds(document, context))).filter((r): r is RelationshipModel => r !== null && !(r instanceof Error)),
};

export const Evidence: EvidenceResolvers = {
  document: (evidence, _args, context) => requiredDocument(evidence.documentId, context),
};

export const Mention: MentionResolvers = {
  document: (mention, _args, context) => requiredDocument(mention.documentId, context),
};
