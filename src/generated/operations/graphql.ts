/* eslint-disable */
/** Internal type. DO NOT USE DIRECTLY. */
type Exact<T extends { [key: string]: unknown }> = { [K in keyof T]: T[K] };
/** Internal type. DO NOT USE DIRECTLY. */
export type Incremental<T> = T | { [P in keyof T]?: P extends ' $fragmentName' | '__typename' ? T[P] : never };
import type { DocumentTypeDecoration } from '@graphql-typed-document-node/core';
/** COUNTRY and ORGANIZATION at least; the seed decides the rest. */
export type EntityKind =
  /** A city. */
  | 'CITY'
  /** A sovereign state. */
  | 'COUNTRY'
  /** An office or mission of an organisation in a place. */
  | 'OFFICE'
  /** An international organisation or alliance. */
  | 'ORGANIZATION'
  /** A geopolitical region (e.g. the Indo-Pacific). */
  | 'REGION'
  /** A sea or other body of water. */
  | 'SEA';

export type EntityFieldsFragment = { id: string, name: string, kind: EntityKind, aliases: Array<string>, description: string | null };

export type EntityByNameQueryVariables = Exact<{
  name: string;
}>;


export type EntityByNameQuery = { entity: { id: string, name: string, kind: EntityKind, aliases: Array<string>, description: string | null } | null };

export type EntityByIdQueryVariables = Exact<{
  id: string;
}>;


export type EntityByIdQuery = { entity: { id: string, name: string, kind: EntityKind, aliases: Array<string>, description: string | null } | null };

export type EntitiesPageQueryVariables = Exact<{
  kinds?: Array<EntityKind> | EntityKind | null | undefined;
  search?: string | null | undefined;
  first?: number | null | undefined;
  after?: string | null | undefined;
}>;


export type EntitiesPageQuery = { entities: { totalCount: number, pageInfo: { hasNextPage: boolean, hasPreviousPage: boolean, startCursor: string | null, endCursor: string | null }, edges: Array<{ cursor: string, node: { id: string, name: string, kind: EntityKind } }>, nodes: Array<{ id: string }> } };

export type NodeByIdQueryVariables = Exact<{
  id: string;
}>;


export type NodeByIdQuery = { node:
    | { __typename: 'Document', id: string }
    | { __typename: 'Entity', name: string, id: string }
    | { __typename: 'Relationship', id: string }
   | null };

export class TypedDocumentString<TResult, TVariables>
  extends String
  implements DocumentTypeDecoration<TResult, TVariables>
{
  __apiType?: NonNullable<DocumentTypeDecoration<TResult, TVariables>['__apiType']>;
  private value: string;
  public __meta__?: Record<string, any> | undefined;

  constructor(value: string, __meta__?: Record<string, any> | undefined) {
    super(value);
    this.value = value;
    this.__meta__ = __meta__;
  }

  override toString(): string & DocumentTypeDecoration<TResult, TVariables> {
    return this.value;
  }
}
export const EntityFieldsFragmentDoc = new TypedDocumentString(`
    fragment EntityFields on Entity {
  id
  name
  kind
  aliases
  description
}
    `, {"fragmentName":"EntityFields"}) as unknown as TypedDocumentString<EntityFieldsFragment, unknown>;
export const EntityByNameDocument = new TypedDocumentString(`
    query EntityByName($name: String!) {
  entity(name: $name) {
    ...EntityFields
  }
}
    fragment EntityFields on Entity {
  id
  name
  kind
  aliases
  description
}`) as unknown as TypedDocumentString<EntityByNameQuery, EntityByNameQueryVariables>;
export const EntityByIdDocument = new TypedDocumentString(`
    query EntityById($id: ID!) {
  entity(id: $id) {
    ...EntityFields
  }
}
    fragment EntityFields on Entity {
  id
  name
  kind
  aliases
  description
}`) as unknown as TypedDocumentString<EntityByIdQuery, EntityByIdQueryVariables>;
export const EntitiesPageDocument = new TypedDocumentString(`
    query EntitiesPage($kinds: [EntityKind!], $search: String, $first: Int, $after: String) {
  entities(kinds: $kinds, search: $search, first: $first, after: $after) {
    totalCount
    pageInfo {
      hasNextPage
      hasPreviousPage
      startCursor
      endCursor
    }
    edges {
      cursor
      node {
        id
        name
        kind
      }
    }
    nodes {
      id
    }
  }
}
    `) as unknown as TypedDocumentString<EntitiesPageQuery, EntitiesPageQueryVariables>;
export const NodeByIdDocument = new TypedDocumentString(`
    query NodeById($id: ID!) {
  node(id: $id) {
    __typename
    id
    ... on Entity {
      name
    }
  }
}
    `) as unknown as TypedDocumentString<NodeByIdQuery, NodeByIdQueryVariables>;