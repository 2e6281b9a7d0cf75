/**
 * GraphQL Code Generator: resolver types from schema/ (mapped to our model types, so field
 * resolvers receive model objects), typed operations from operations/ for tests and clients, and
 * the explorer's (web/) typed documents.
 * `npm run codegen` writes src/generated/; CI fails when it differs from what is committed.
 */
import type { CodegenConfig } from '@graphql-codegen/cli';

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
      presetConfig: { fragmentMasking: false },
    },
    // The explorer's operations, as typed DocumentNodes for Apollo Client. web/ imports only these
    // generated types and documents, never server code.
    'src/generated/web/': {
      documents: 'web/**/*.graphql',
      preset: 'client',
      config: { useTypeImports: true, enumsAsTypes: true, scalars: { ID: 'string', DateTime: 'string' } },
      presetConfig: { fragmentMasking: false },
    },
  },
  hooks: {},
};

export default config;
