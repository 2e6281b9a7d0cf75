/* eslint-disable */
import * as types from './graphql';



/**
 * Map of all GraphQL operations in the project.
 *
 * This map has several performance disadvantages:
 * 1. It is not tree-shakeable, so it will include all operations in the project.
 * 2. It is not minifiable, so the string of a GraphQL query will be multiple times inside the bundle.
 * 3. It does not support dead code elimination, so it will add unused operations.
 *
 * Therefore it is highly recommended to use the babel or swc plugin for production.
 * Learn more about it here: https://the-guild.dev/graphql/codegen/plugins/presets/preset-client#reducing-bundle-size
 */
type Documents = {
    "fragment EntityFields on Entity {\n  id\n  name\n  kind\n  aliases\n  description\n}\n\nquery EntityByName($name: String!) {\n  entity(name: $name) {\n    ...EntityFields\n  }\n}\n\nquery EntityById($id: ID!) {\n  entity(id: $id) {\n    ...EntityFields\n  }\n}\n\nquery EntitiesPage($kinds: [EntityKind!], $search: String, $first: Int, $after: String) {\n  entities(kinds: $kinds, search: $search, first: $first, after: $after) {\n    totalCount\n    pageInfo {\n      hasNextPage\n      hasPreviousPage\n      startCursor\n      endCursor\n    }\n    edges {\n      cursor\n      node {\n        id\n        name\n        kind\n      }\n    }\n    nodes {\n      id\n    }\n  }\n}\n\nquery NodeById($id: ID!) {\n  node(id: $id) {\n    __typename\n    id\n    ... on Entity {\n      name\n    }\n  }\n}": typeof types.EntityFieldsFragmentDoc,
};
const documents: Documents = {
    "fragment EntityFields on Entity {\n  id\n  name\n  kind\n  aliases\n  description\n}\n\nquery EntityByName($name: String!) {\n  entity(name: $name) {\n    ...EntityFields\n  }\n}\n\nquery EntityById($id: ID!) {\n  entity(id: $id) {\n    ...EntityFields\n  }\n}\n\nquery EntitiesPage($kinds: [EntityKind!], $search: String, $first: Int, $after: String) {\n  entities(kinds: $kinds, search: $search, first: $first, after: $after) {\n    totalCount\n    pageInfo {\n      hasNextPage\n      hasPreviousPage\n      startCursor\n      endCursor\n    }\n    edges {\n      cursor\n      node {\n        id\n        name\n        kind\n      }\n    }\n    nodes {\n      id\n    }\n  }\n}\n\nquery NodeById($id: ID!) {\n  node(id: $id) {\n    __typename\n    id\n    ... on Entity {\n      name\n    }\n  }\n}": types.EntityFieldsFragmentDoc,
};

/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "fragment EntityFields on Entity {\n  id\n  name\n  kind\n  aliases\n  description\n}\n\nquery EntityByName($name: String!) {\n  entity(name: $name) {\n    ...EntityFields\n  }\n}\n\nquery EntityById($id: ID!) {\n  entity(id: $id) {\n    ...EntityFields\n  }\n}\n\nquery EntitiesPage($kinds: [EntityKind!], $search: String, $first: Int, $after: String) {\n  entities(kinds: $kinds, search: $search, first: $first, after: $after) {\n    totalCount\n    pageInfo {\n      hasNextPage\n      hasPreviousPage\n      startCursor\n      endCursor\n    }\n    edges {\n      cursor\n      node {\n        id\n        name\n        kind\n      }\n    }\n    nodes {\n      id\n    }\n  }\n}\n\nquery NodeById($id: ID!) {\n  node(id: $id) {\n    __typename\n    id\n    ... on Entity {\n      name\n    }\n  }\n}"): typeof import('./graphql').EntityFieldsFragmentDoc;


export function graphql(source: string) {
  return (documents as any)[source] ?? {};
}
