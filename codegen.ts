/**
 * GraphQL Code Generator: resolver types from schema/ (mapped to our model types, so field
 * resolvers receive model objects), typed operations from operations/ for tests and clients, and
 * the explorer's (web/) typed documents. Both client targets also write `persisted-documents.json`
 * (`{ "sha256:<hex>": text }`), which the server loads at start (persisted operations).
 * `npm run codegen` writes src/generated/; CI fails when it differs from what is committed.
 */
import type { CodegenConfig } from '@graphql-codegen/cli';
import { addTypenameSelectionDocumentTransform } from '@graphql-codegen/client-preset';

const config: CodegenConfig = {
  schema: 'schema/*.graphql',
  ignoreNoDocuments: true,
  generates: {
    'src/generated/resolvers.ts': {
      plugins: ['typescript', 'typescript-resolvers'],
      config: {
        useTypeImports: true,
        enumsAsTypes: true,
        useIndexSignature: false,
        strictScalars: true,
        scalars: { ID: 'string', DateTime: 'string' },
        contextType: '../graphql/context#Context',
        mappers: {
          Entity: '../model#EntityModel',
          Document: '../model#DocumentModel',
          Relationship: '../model#RelationshipModel',
          Evidence: '../model#EvidenceModel',
          Mention: '../model#MentionModel',
          Subgraph: '../model#SubgraphModel',
          Path: '../model#PathModel',
          SearchHit: '../model#SearchHitModel',
          Change: '../model#ChangeModel',
          Retraction: '../model#RetractionModel',
        },
        avoidOptionals: { field: true, inputValue: false, object: false, defaultValue: false },
      },
    },
    'src/generated/operations/': {
      documents: 'operations/*.graphql',
      preset: 'client',
      config: { useTypeImports: true, enumsAsTypes: true, documentMode: 'string', scalars: { ID: 'string', DateTime: 'string' } },
      presetConfig: { fragmentMasking: false, persistedDocuments: true },
    },
    // The explorer's operations, as typed DocumentNodes for Apollo Client. web/ imports only these
    // generated types and documents, never server code. The explorer sends only their hashes
    // (persisted operations), so the stored text carries the `__typename`s Apollo Client's cache
    // needs, as the text Apollo Client would send does.
    'src/generated/web/': {
      documents: 'web/**/*.graphql',
      preset: 'client',
      documentTransforms: [addTypenameSelectionDocumentTransform],
      config: { useTypeImports: true, enumsAsTypes: true, scalars: { ID: 'string', DateTime: 'string' } },
      presetConfig: { fragmentMasking: false, persistedDocuments: true },
    },
  },
  hooks: {},
};

export default config;
