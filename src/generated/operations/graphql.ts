/* eslint-disable */
/** Internal type. DO NOT USE DIRECTLY. */
type Exact<T extends { [key: string]: unknown }> = { [K in keyof T]: T[K] };
/** Internal type. DO NOT USE DIRECTLY. */
export type Incremental<T> = T | { [P in keyof T]?: P extends ' $fragmentName' | '__typename' ? T[P] : never };
import type { DocumentTypeDecoration } from '@graphql-typed-document-node/core';
export type AddDocumentInput = {
  publishedAt?: string | null | undefined;
  text: string;
  title: string;
  /** Where it was published. */
  url?: string | null | undefined;
};

export type AddEntityInput = {
  aliases?: Array<string> | null | undefined;
  description?: string | null | undefined;
  iso3?: string | null | undefined;
  kind: EntityKind;
  name: string;
  wikidataId?: string | null | undefined;
};

export type AssertRelationshipInput = {
  /** Whose claim it is; required for ATTRIBUTED, refused otherwise. */
  attributedToId?: string | null | undefined;
  /** At least one. */
  evidence: Array<EvidenceInput>;
  modality: Modality;
  sourceId: string;
  stance: Stance;
  targetId: string;
  type: RelationType;
};

export type ChangeKind =
  | 'DOCUMENT_ADDED'
  | 'ENTITIES_MERGED'
  | 'ENTITY_ADDED'
  | 'ENTITY_UPDATED'
  | 'EVIDENCE_ADDED'
  | 'RELATIONSHIP_ASSERTED'
  | 'RELATIONSHIP_RETRACTED'
  | 'SEEDED';

export type Direction =
  | 'BOTH'
  | 'INCOMING'
  | 'OUTGOING';

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

export type EvidenceInput = {
  documentId: string;
  /** Which occurrence of the quote, from 1, when the text has it more than once. */
  occurrence?: number | null | undefined;
  /** Copied exactly from the document's text. */
  quote: string;
};

export type Modality =
  /** The document states it as fact. */
  | 'ASSERTED'
  /** The document reports it as someone else's claim or assessment. */
  | 'ATTRIBUTED'
  /** The document reports it as intended or under way, not yet done. */
  | 'PLANNED';

/** The project's controlled vocabulary of relationship types (see seed/README.md). */
export type RelationType =
  /** The source is present or active in the target place. */
  | 'ACTIVE_IN'
  /** The source is called an ally of the target. */
  | 'ALLY_OF'
  /** The source poses a challenge or threat to the target. */
  | 'CHALLENGES'
  /** The source is alarmed by or concerned about the target. */
  | 'CONCERNED_ABOUT'
  /** The source meets or consults with the target. */
  | 'CONSULTS'
  /** The source cooperates with the target (joint exercises, coordination, shared efforts). */
  | 'COOPERATES_WITH'
  /** The source acts to counter or resist the target. */
  | 'COUNTERS'
  /** The source establishes (sets up, opens) the target. */
  | 'ESTABLISHES'
  /** The source leads or plays the leading role in the target. */
  | 'LEADS'
  /** The source is (or will be) located in the target place. */
  | 'LOCATED_IN'
  /** The source is a member of the target organisation. */
  | 'MEMBER_OF'
  /** The source is geographically close to the target. */
  | 'NEAR'
  /** The source is called a partner of the target. */
  | 'PARTNER_OF'
  /** The source shares values or interests with the target. */
  | 'SHARES_VALUES_WITH';

/**
 * A relationship passes when it matches every list given: one of `types`, one of `stances`, one of
 * `modalities`, and evidence in one of `documentIds`. An absent or empty list does not filter.
 */
export type RelationshipFilter = {
  documentIds?: Array<string> | null | undefined;
  modalities?: Array<Modality> | null | undefined;
  stances?: Array<Stance> | null | undefined;
  types?: Array<RelationType> | null | undefined;
};

export type Stance =
  | 'ADVERSARIAL'
  | 'COOPERATIVE'
  | 'NEUTRAL';

/** Only the fields given change; `aliases`, when given, replaces the list. */
export type UpdateEntityInput = {
  aliases?: Array<string> | null | undefined;
  description?: string | null | undefined;
  iso3?: string | null | undefined;
  name?: string | null | undefined;
  wikidataId?: string | null | undefined;
};

export type AddDocumentMutationVariables = Exact<{
  input: AddDocumentInput;
}>;


export type AddDocumentMutation = { addDocument: { id: string, title: string, url: string | null, publishedAt: string | null, entities: Array<{ id: string, name: string }> } };

export type AddEntityMutationVariables = Exact<{
  input: AddEntityInput;
}>;


export type AddEntityMutation = { addEntity: { id: string, name: string, kind: EntityKind, aliases: Array<string>, description: string | null, wikidataId: string | null, iso3: string | null } };

export type UpdateEntityMutationVariables = Exact<{
  id: string;
  input: UpdateEntityInput;
}>;


export type UpdateEntityMutation = { updateEntity: { id: string, name: string, aliases: Array<string>, description: string | null, wikidataId: string | null, iso3: string | null } };

export type MergeEntitiesMutationVariables = Exact<{
  keepId: string;
  mergeId: string;
}>;


export type MergeEntitiesMutation = { mergeEntities: { id: string, name: string, aliases: Array<string> } };

export type AssertRelationshipMutationVariables = Exact<{
  input: AssertRelationshipInput;
}>;


export type AssertRelationshipMutation = { assertRelationship: { id: string, type: RelationType, stance: Stance, modality: Modality, source: { id: string }, target: { id: string }, attributedTo: { id: string } | null, evidence: Array<{ quote: string, start: number, end: number, document: { id: string } }>, retraction: { reason: string, by: string, at: string } | null } };

export type RetractRelationshipMutationVariables = Exact<{
  id: string;
  reason: string;
}>;


export type RetractRelationshipMutation = { retractRelationship: { id: string, type: RelationType, retraction: { reason: string, by: string, at: string } | null } };

export type ChangesQueryVariables = Exact<{
  after?: string | null | undefined;
  first?: number | null | undefined;
}>;


export type ChangesQuery = { changes: { totalCount: number, pageInfo: { hasNextPage: boolean, endCursor: string | null }, nodes: Array<{ cursor: string, at: string, by: string, kind: ChangeKind, nodeId: string | null, node:
        | { id: string }
        | { name: string, id: string }
        | { id: string, retraction: { reason: string } | null }
       | null }> } };

export type DocumentsQueryVariables = Exact<{
  first?: number | null | undefined;
  after?: string | null | undefined;
}>;


export type DocumentsQuery = { documents: { totalCount: number, pageInfo: { hasNextPage: boolean, endCursor: string | null }, nodes: Array<{ id: string, title: string }> } };

export type DocumentWithGraphQueryVariables = Exact<{
  id: string;
}>;


export type DocumentWithGraphQuery = { document: { id: string, title: string, text: string, entities: Array<{ id: string, name: string }>, relationships: Array<{ id: string, type: RelationType }> } | null };

export type EntityMentionsQueryVariables = Exact<{
  name: string;
}>;


export type EntityMentionsQuery = { entity: { id: string, mentions: Array<{ text: string, start: number, end: number, document: { id: string, text: string } }> } | null };

export type DocumentNodeQueryVariables = Exact<{
  id: string;
}>;


export type DocumentNodeQuery = { node:
    | { __typename: 'Document', id: string, title: string }
    | { __typename: 'Entity' }
    | { __typename: 'Relationship' }
   | null };

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

export type RelationshipFieldsFragment = { id: string, type: RelationType, stance: Stance, modality: Modality, source: { id: string, name: string }, target: { id: string, name: string }, attributedTo: { id: string } | null, evidence: Array<{ quote: string, start: number, end: number, document: { id: string } }> };

export type RelationshipsBetweenQueryVariables = Exact<{
  a: string;
  b: string;
  filter?: RelationshipFilter | null | undefined;
}>;


export type RelationshipsBetweenQuery = { relationshipsBetween: Array<{ id: string, type: RelationType, stance: Stance, modality: Modality, source: { id: string, name: string }, target: { id: string, name: string }, attributedTo: { id: string } | null, evidence: Array<{ quote: string, start: number, end: number, document: { id: string } }> }> };

export type RelationshipsPageQueryVariables = Exact<{
  filter?: RelationshipFilter | null | undefined;
  first?: number | null | undefined;
  after?: string | null | undefined;
}>;


export type RelationshipsPageQuery = { relationships: { totalCount: number, pageInfo: { hasNextPage: boolean, endCursor: string | null }, nodes: Array<{ id: string, type: RelationType, stance: Stance, modality: Modality, source: { id: string, name: string }, target: { id: string, name: string }, attributedTo: { id: string } | null, evidence: Array<{ quote: string, start: number, end: number, document: { id: string } }> }> } };

export type EntityRelationshipsQueryVariables = Exact<{
  name: string;
  direction?: Direction | null | undefined;
  filter?: RelationshipFilter | null | undefined;
  first?: number | null | undefined;
  after?: string | null | undefined;
}>;


export type EntityRelationshipsQuery = { entity: { id: string, name: string, relationships: { totalCount: number, pageInfo: { hasNextPage: boolean, hasPreviousPage: boolean, endCursor: string | null }, edges: Array<{ cursor: string, node: { id: string, type: RelationType, stance: Stance, modality: Modality, source: { id: string, name: string }, target: { id: string, name: string }, attributedTo: { id: string } | null, evidence: Array<{ quote: string, start: number, end: number, document: { id: string } }> } }> } } | null };

export type RelationshipNodeQueryVariables = Exact<{
  id: string;
}>;


export type RelationshipNodeQuery = { node:
    | { __typename: 'Document' }
    | { __typename: 'Entity' }
    | { __typename: 'Relationship', id: string, type: RelationType, stance: Stance, modality: Modality, source: { id: string, name: string }, target: { id: string, name: string }, attributedTo: { id: string } | null, evidence: Array<{ quote: string, start: number, end: number, document: { id: string } }> }
   | null };

export type NatoRelationshipsQueryVariables = Exact<{ [key: string]: never; }>;


export type NatoRelationshipsQuery = { entity: { name: string, kind: EntityKind, relationships: { totalCount: number, nodes: Array<{ type: RelationType, stance: Stance, modality: Modality, source: { name: string }, target: { name: string }, evidence: Array<{ quote: string, start: number, end: number }> }> } } | null };

export type NatoNeighborhoodQueryVariables = Exact<{ [key: string]: never; }>;


export type NatoNeighborhoodQuery = { neighborhood: { nodes: Array<{ id: string, name: string, kind: EntityKind }>, edges: Array<{ id: string, type: RelationType, stance: Stance, source: { id: string }, target: { id: string } }> } };

export type NewZealandToChinaQueryVariables = Exact<{ [key: string]: never; }>;


export type NewZealandToChinaQuery = { shortestPath: { length: number, nodes: Array<{ name: string }>, edges: Array<{ type: RelationType, modality: Modality, source: { name: string }, target: { name: string }, evidence: Array<{ quote: string }> }> } | null };

export type SearchSeasQueryVariables = Exact<{ [key: string]: never; }>;


export type SearchSeasQuery = { search: Array<{ score: number, snippet: string | null, node:
      | { __typename: 'Document', title: string, id: string }
      | { __typename: 'Entity', name: string, kind: EntityKind, id: string }
      | { __typename: 'Relationship', id: string }
     }> };

export type LiveChangesSubscriptionVariables = Exact<{
  after?: string | null | undefined;
}>;


export type LiveChangesSubscription = { changes: { cursor: string, at: string, by: string, kind: ChangeKind, node:
      | { __typename: 'Document', title: string, id: string }
      | { __typename: 'Entity', name: string, id: string }
      | { __typename: 'Relationship', id: string }
     | null } };

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
export const RelationshipFieldsFragmentDoc = new TypedDocumentString(`
    fragment RelationshipFields on Relationship {
  id
  type
  stance
  modality
  source {
    id
    name
  }
  target {
    id
    name
  }
  attributedTo {
    id
  }
  evidence {
    quote
    start
    end
    document {
      id
    }
  }
}
    `, {"fragmentName":"RelationshipFields"}) as unknown as TypedDocumentString<RelationshipFieldsFragment, unknown>;
export const AddDocumentDocument = new TypedDocumentString(`
    mutation AddDocument($input: AddDocumentInput!) {
  addDocument(input: $input) {
    id
    title
    url
    publishedAt
    entities {
      id
      name
    }
  }
}
    `, {"hash":"sha256:2eeeee23912bcbaaf3d826b9a3dff3399463a193ff7a83228ba4f13e78a154dc"}) as unknown as TypedDocumentString<AddDocumentMutation, AddDocumentMutationVariables>;
export const AddEntityDocument = new TypedDocumentString(`
    mutation AddEntity($input: AddEntityInput!) {
  addEntity(input: $input) {
    id
    name
    kind
    aliases
    description
    wikidataId
    iso3
  }
}
    `, {"hash":"sha256:763318722af32fff6159f6d750f76b395eb01db3991eaf3f80de8013d89bd981"}) as unknown as TypedDocumentString<AddEntityMutation, AddEntityMutationVariables>;
export const UpdateEntityDocument = new TypedDocumentString(`
    mutation UpdateEntity($id: ID!, $input: UpdateEntityInput!) {
  updateEntity(id: $id, input: $input) {
    id
    name
    aliases
    description
    wikidataId
    iso3
  }
}
    `, {"hash":"sha256:2fad20c227186d1d1761031a72001205abdcc2291d9e90b300a103041470d0df"}) as unknown as TypedDocumentString<UpdateEntityMutation, UpdateEntityMutationVariables>;
export const MergeEntitiesDocument = new TypedDocumentString(`
    mutation MergeEntities($keepId: ID!, $mergeId: ID!) {
  mergeEntities(keepId: $keepId, mergeId: $mergeId) {
    id
    name
    aliases
  }
}
    `, {"hash":"sha256:75fd461db94b16afcf9657357105a78798fbd5702a69f555ae33aeb3c1eedcba"}) as unknown as TypedDocumentString<MergeEntitiesMutation, MergeEntitiesMutationVariables>;
export const AssertRelationshipDocument = new TypedDocumentString(`
    mutation AssertRelationship($input: AssertRelationshipInput!) {
  assertRelationship(input: $input) {
    id
    type
    stance
    modality
    source {
      id
    }
    target {
      id
    }
    attributedTo {
      id
    }
    evidence {
      quote
      start
      end
      document {
        id
      }
    }
    retraction {
      reason
      by
      at
    }
  }
}
    `, {"hash":"sha256:a72cf294486b3f444a2e3eb15d761b6d879259965c16ec43d04396fbaf0c44ff"}) as unknown as TypedDocumentString<AssertRelationshipMutation, AssertRelationshipMutationVariables>;
export const RetractRelationshipDocument = new TypedDocumentString(`
    mutation RetractRelationship($id: ID!, $reason: String!) {
  retractRelationship(id: $id, reason: $reason) {
    id
    type
    retraction {
      reason
      by
      at
    }
  }
}
    `, {"hash":"sha256:afcc39128972f8e1553e71d2af68cef30721bca67e728c02294924b3dbcffd47"}) as unknown as TypedDocumentString<RetractRelationshipMutation, RetractRelationshipMutationVariables>;
export const ChangesDocument = new TypedDocumentString(`
    query Changes($after: String, $first: Int) {
  changes(after: $after, first: $first) {
    totalCount
    pageInfo {
      hasNextPage
      endCursor
    }
    nodes {
      cursor
      at
      by
      kind
      nodeId
      node {
        id
        ... on Entity {
          name
        }
        ... on Relationship {
          retraction {
            reason
          }
        }
      }
    }
  }
}
    `, {"hash":"sha256:606013f9801df72206e440575ef1121c43ae243187e5b3c964861db85b75f90c"}) as unknown as TypedDocumentString<ChangesQuery, ChangesQueryVariables>;
export const DocumentsDocument = new TypedDocumentString(`
    query Documents($first: Int, $after: String) {
  documents(first: $first, after: $after) {
    totalCount
    pageInfo {
      hasNextPage
      endCursor
    }
    nodes {
      id
      title
    }
  }
}
    `, {"hash":"sha256:bf0515df9a7ae40c0e69b97b49341c0388a10db49a2f3447fe50c28b4f1409b7"}) as unknown as TypedDocumentString<DocumentsQuery, DocumentsQueryVariables>;
export const DocumentWithGraphDocument = new TypedDocumentString(`
    query DocumentWithGraph($id: ID!) {
  document(id: $id) {
    id
    title
    text
    entities {
      id
      name
    }
    relationships {
      id
      type
    }
  }
}
    `, {"hash":"sha256:2c9c993699aa0de660f8d172bef8bc421cd311c0d92722dc29d6db574aed6334"}) as unknown as TypedDocumentString<DocumentWithGraphQuery, DocumentWithGraphQueryVariables>;
export const EntityMentionsDocument = new TypedDocumentString(`
    query EntityMentions($name: String!) {
  entity(name: $name) {
    id
    mentions {
      text
      start
      end
      document {
        id
        text
      }
    }
  }
}
    `, {"hash":"sha256:baefb2907bd8d1a56dea6d077b7b23092da078b66348b41ef2171efa8c0a8392"}) as unknown as TypedDocumentString<EntityMentionsQuery, EntityMentionsQueryVariables>;
export const DocumentNodeDocument = new TypedDocumentString(`
    query DocumentNode($id: ID!) {
  node(id: $id) {
    __typename
    ... on Document {
      id
      title
    }
  }
}
    `, {"hash":"sha256:27842f2f353ab1a18d18fdd933ea48c3e06ca989ac62502b7dac2d4f2cb36ad7"}) as unknown as TypedDocumentString<DocumentNodeQuery, DocumentNodeQueryVariables>;
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
}`, {"hash":"sha256:8b9e2d68e8a79f45ed8dd4590f5f870191a1973cf57085104be6e6dc2dafa9a8"}) as unknown as TypedDocumentString<EntityByNameQuery, EntityByNameQueryVariables>;
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
}`, {"hash":"sha256:0b997642e2f15d942100f3e0dc6989af3fbc39de15e5086fa8de62c0e4c2c224"}) as unknown as TypedDocumentString<EntityByIdQuery, EntityByIdQueryVariables>;
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
    `, {"hash":"sha256:fe47c21bcf22b6787a82d0e1e05f25cd10251050c255af07808cdc9dd5f55d76"}) as unknown as TypedDocumentString<EntitiesPageQuery, EntitiesPageQueryVariables>;
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
    `, {"hash":"sha256:3979c803425c62b0cc72ae67c89ab05750479d754b41f576544c245fedbcf768"}) as unknown as TypedDocumentString<NodeByIdQuery, NodeByIdQueryVariables>;
export const RelationshipsBetweenDocument = new TypedDocumentString(`
    query RelationshipsBetween($a: ID!, $b: ID!, $filter: RelationshipFilter) {
  relationshipsBetween(a: $a, b: $b, filter: $filter) {
    ...RelationshipFields
  }
}
    fragment RelationshipFields on Relationship {
  id
  type
  stance
  modality
  source {
    id
    name
  }
  target {
    id
    name
  }
  attributedTo {
    id
  }
  evidence {
    quote
    start
    end
    document {
      id
    }
  }
}`, {"hash":"sha256:4961e0c445c045fc5529a7a85b8b9c120705b4fe291d5b08dd51dcbb10075bd4"}) as unknown as TypedDocumentString<RelationshipsBetweenQuery, RelationshipsBetweenQueryVariables>;
export const RelationshipsPageDocument = new TypedDocumentString(`
    query RelationshipsPage($filter: RelationshipFilter, $first: Int, $after: String) {
  relationships(filter: $filter, first: $first, after: $after) {
    totalCount
    pageInfo {
      hasNextPage
      endCursor
    }
    nodes {
      ...RelationshipFields
    }
  }
}
    fragment RelationshipFields on Relationship {
  id
  type
  stance
  modality
  source {
    id
    name
  }
  target {
    id
    name
  }
  attributedTo {
    id
  }
  evidence {
    quote
    start
    end
    document {
      id
    }
  }
}`, {"hash":"sha256:3f814fcd215465033376ad63e9050cd39ab0038831973e643b24c540a2fd0c35"}) as unknown as TypedDocumentString<RelationshipsPageQuery, RelationshipsPageQueryVariables>;
export const EntityRelationshipsDocument = new TypedDocumentString(`
    query EntityRelationships($name: String!, $direction: Direction, $filter: RelationshipFilter, $first: Int, $after: String) {
  entity(name: $name) {
    id
    name
    relationships(
      direction: $direction
      filter: $filter
      first: $first
      after: $after
    ) {
      totalCount
      pageInfo {
        hasNextPage
        hasPreviousPage
        endCursor
      }
      edges {
        cursor
        node {
          ...RelationshipFields
        }
      }
    }
  }
}
    fragment RelationshipFields on Relationship {
  id
  type
  stance
  modality
  source {
    id
    name
  }
  target {
    id
    name
  }
  attributedTo {
    id
  }
  evidence {
    quote
    start
    end
    document {
      id
    }
  }
}`, {"hash":"sha256:37c432fdcaa071f0aaacb41469cd13b2aa19541e9707b2f9002abd715200ac8a"}) as unknown as TypedDocumentString<EntityRelationshipsQuery, EntityRelationshipsQueryVariables>;
export const RelationshipNodeDocument = new TypedDocumentString(`
    query RelationshipNode($id: ID!) {
  node(id: $id) {
    __typename
    ... on Relationship {
      ...RelationshipFields
    }
  }
}
    fragment RelationshipFields on Relationship {
  id
  type
  stance
  modality
  source {
    id
    name
  }
  target {
    id
    name
  }
  attributedTo {
    id
  }
  evidence {
    quote
    start
    end
    document {
      id
    }
  }
}`, {"hash":"sha256:944d0a5bb091e83318b29e90f7e354ec4b89cb45fd8542e5978bf53136ff95d4"}) as unknown as TypedDocumentString<RelationshipNodeQuery, RelationshipNodeQueryVariables>;
export const NatoRelationshipsDocument = new TypedDocumentString(`
    query NatoRelationships {
  entity(name: "NATO") {
    name
    kind
    relationships(first: 20) {
      totalCount
      nodes {
        type
        stance
        modality
        source {
          name
        }
        target {
          name
        }
        evidence {
          quote
          start
          end
        }
      }
    }
  }
}
    `, {"hash":"sha256:95a84140e50c0059be7d477dea838107f723b0fb458d5bc396aa8416ec06a199"}) as unknown as TypedDocumentString<NatoRelationshipsQuery, NatoRelationshipsQueryVariables>;
export const NatoNeighborhoodDocument = new TypedDocumentString(`
    query NatoNeighborhood {
  neighborhood(entityId: "entity:nato", depth: 1) {
    nodes {
      id
      name
      kind
    }
    edges {
      id
      type
      stance
      source {
        id
      }
      target {
        id
      }
    }
  }
}
    `, {"hash":"sha256:f49f1a4c5e3018841b0bfdc8ee47b5bd4c597736ac7a56e02269daa09f70dbdc"}) as unknown as TypedDocumentString<NatoNeighborhoodQuery, NatoNeighborhoodQueryVariables>;
export const NewZealandToChinaDocument = new TypedDocumentString(`
    query NewZealandToChina {
  shortestPath(fromId: "entity:new-zealand", toId: "entity:china") {
    length
    nodes {
      name
    }
    edges {
      type
      modality
      source {
        name
      }
      target {
        name
      }
      evidence {
        quote
      }
    }
  }
}
    `, {"hash":"sha256:56b0454c1df8a1df330de81d5f10c6275927e8e58204093392f9878e523928e2"}) as unknown as TypedDocumentString<NewZealandToChinaQuery, NewZealandToChinaQueryVariables>;
export const SearchSeasDocument = new TypedDocumentString(`
    query SearchSeas {
  search(text: "South China Sea", first: 5) {
    score
    snippet
    node {
      __typename
      id
      ... on Entity {
        name
        kind
      }
      ... on Document {
        title
      }
    }
  }
}
    `, {"hash":"sha256:17d411ca9c29e5402b7036e58b6bfd98a8460202f595cb362e548b5cd762cfb0"}) as unknown as TypedDocumentString<SearchSeasQuery, SearchSeasQueryVariables>;
export const LiveChangesDocument = new TypedDocumentString(`
    subscription LiveChanges($after: String) {
  changes(after: $after) {
    cursor
    at
    by
    kind
    node {
      id
      __typename
      ... on Entity {
        name
      }
      ... on Document {
        title
      }
    }
  }
}
    `, {"hash":"sha256:3cf38a39f093fc4b32dcfe73ab499fb6db3fc1847349b56cc45c09a1a33cc628"}) as unknown as TypedDocumentString<LiveChangesSubscription, LiveChangesSubscriptionVariables>;