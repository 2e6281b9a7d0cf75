import type { GraphQLResolveInfo, GraphQLScalarType, GraphQLScalarTypeConfig } from 'graphql';
import type { EntityModel, DocumentModel, RelationshipModel, EvidenceModel, MentionModel, SubgraphModel, PathModel, SearchHitModel, ChangeModel, RetractionModel } from '../model';
import type { Context } from '../graphql/context';
export type Maybe<T> = T | null;
export type InputMaybe<T> = Maybe<T>;
export type Omit<T, K extends keyof T> = Pick<T, Exclude<keyof T, K>>;
export type RequireFields<T, K extends keyof T> = Omit<T, K> & { [P in K]-?: NonNullable<T[P]> };
/** All built-in and custom scalars, mapped to their actual values */
export type Scalars = {
  ID: { input: string; output: string; }
  String: { input: string; output: string; }
  Boolean: { input: boolean; output: boolean; }
  Int: { input: number; output: number; }
  Float: { input: number; output: number; }
  /** An instant, RFC 3339 (e.g. 2023-05-03T09:00:00Z). */
  DateTime: { input: string; output: string; }
};

export type AddDocumentInput = {
  publishedAt?: InputMaybe<Scalars['DateTime']['input']>;
  text: Scalars['String']['input'];
  title: Scalars['String']['input'];
  /** Where it was published. */
  url?: InputMaybe<Scalars['String']['input']>;
};

export type AddEntityInput = {
  aliases?: InputMaybe<Array<Scalars['String']['input']>>;
  description?: InputMaybe<Scalars['String']['input']>;
  iso3?: InputMaybe<Scalars['String']['input']>;
  kind: EntityKind;
  name: Scalars['String']['input'];
  wikidataId?: InputMaybe<Scalars['String']['input']>;
};

export type AssertRelationshipInput = {
  /** Whose claim it is; required for ATTRIBUTED, refused otherwise. */
  attributedToId?: InputMaybe<Scalars['ID']['input']>;
  /** At least one. */
  evidence: Array<EvidenceInput>;
  modality: Modality;
  sourceId: Scalars['ID']['input'];
  stance: Stance;
  targetId: Scalars['ID']['input'];
  type: RelationType;
};

/** One write, recorded in the same transaction as the write itself. */
export type Change = {
  __typename?: 'Change';
  at: Scalars['DateTime']['output'];
  /** Who made it: the token's `sub`, or `seed` for the loader. */
  by: Scalars['String']['output'];
  /** Ordered and opaque; give it as `after` to continue from here. */
  cursor: Scalars['String']['output'];
  kind: ChangeKind;
  /** That node as it is now (for a merged entity: the entity it was merged into). */
  node: Maybe<Node>;
  /** The ID of the node the change wrote; null for SEEDED, which replaced the seed's part of the graph. */
  nodeId: Maybe<Scalars['ID']['output']>;
};

export type ChangeConnection = {
  __typename?: 'ChangeConnection';
  edges: Array<ChangeEdge>;
  nodes: Array<Change>;
  pageInfo: PageInfo;
  totalCount: Scalars['Int']['output'];
};

export type ChangeEdge = {
  __typename?: 'ChangeEdge';
  cursor: Scalars['String']['output'];
  node: Change;
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

export type Document = Node & {
  __typename?: 'Document';
  entities: Array<Entity>;
  id: Scalars['ID']['output'];
  publishedAt: Maybe<Scalars['DateTime']['output']>;
  relationships: Array<Relationship>;
  /** The full text, unaltered: evidence and mention offsets index into it. */
  text: Scalars['String']['output'];
  title: Scalars['String']['output'];
  url: Maybe<Scalars['String']['output']>;
};

export type DocumentConnection = {
  __typename?: 'DocumentConnection';
  edges: Array<DocumentEdge>;
  nodes: Array<Document>;
  pageInfo: PageInfo;
  totalCount: Scalars['Int']['output'];
};

export type DocumentEdge = {
  __typename?: 'DocumentEdge';
  cursor: Scalars['String']['output'];
  node: Document;
};

/** A political actor or a place named by a document. */
export type Entity = Node & {
  __typename?: 'Entity';
  /** Other names users type for it: abbreviations, full names, common variants. */
  aliases: Array<Scalars['String']['output']>;
  description: Maybe<Scalars['String']['output']>;
  id: Scalars['ID']['output'];
  /** ISO 3166-1 alpha-3 country code (e.g. JPN), for countries. */
  iso3: Maybe<Scalars['String']['output']>;
  kind: EntityKind;
  /** Every span of every document's text that names this entity. */
  mentions: Array<Mention>;
  name: Scalars['String']['output'];
  relationships: RelationshipConnection;
  /** Wikidata item ID (e.g. Q7184), where there is one. */
  wikidataId: Maybe<Scalars['String']['output']>;
};


/** A political actor or a place named by a document. */
export type EntityRelationshipsArgs = {
  after?: InputMaybe<Scalars['String']['input']>;
  direction?: InputMaybe<Direction>;
  filter?: InputMaybe<RelationshipFilter>;
  first?: InputMaybe<Scalars['Int']['input']>;
};

export type EntityConnection = {
  __typename?: 'EntityConnection';
  edges: Array<EntityEdge>;
  nodes: Array<Entity>;
  pageInfo: PageInfo;
  totalCount: Scalars['Int']['output'];
};

export type EntityEdge = {
  __typename?: 'EntityEdge';
  cursor: Scalars['String']['output'];
  node: Entity;
};

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

/** A passage of a document; `quote` is exactly `document.text.slice(start, end)` (JavaScript string offsets). */
export type Evidence = {
  __typename?: 'Evidence';
  document: Document;
  end: Scalars['Int']['output'];
  quote: Scalars['String']['output'];
  start: Scalars['Int']['output'];
};

export type EvidenceInput = {
  documentId: Scalars['ID']['input'];
  /** Which occurrence of the quote, from 1, when the text has it more than once. */
  occurrence?: InputMaybe<Scalars['Int']['input']>;
  /** Copied exactly from the document's text. */
  quote: Scalars['String']['input'];
};

/** Where a document names an entity; `text` is exactly `document.text.slice(start, end)`. */
export type Mention = {
  __typename?: 'Mention';
  document: Document;
  end: Scalars['Int']['output'];
  start: Scalars['Int']['output'];
  text: Scalars['String']['output'];
};

export type Modality =
  /** The document states it as fact. */
  | 'ASSERTED'
  /** The document reports it as someone else's claim or assessment. */
  | 'ATTRIBUTED'
  /** The document reports it as intended or under way, not yet done. */
  | 'PLANNED';

export type Mutation = {
  __typename?: 'Mutation';
  /**
   * Store a document. Its text is kept exactly as sent. Sending the same title and text again
   * returns the stored document and writes nothing (idempotent). Mentions of every known entity
   * are found in it before the mutation returns.
   */
  addDocument: Document;
  /** Add an entity. Refused (BAD_USER_INPUT) when its name or one of its aliases already names another entity. */
  addEntity: Entity;
  /**
   * State a relationship with the passages that state it. Every quote must occur verbatim in its
   * document, or nothing is written. Stating a relationship that exists (same source, type, target,
   * stance, modality and attributedTo) adds the new evidence to it and returns it; evidence already
   * there is not added twice.
   */
  assertRelationship: Relationship;
  /**
   * Merge `mergeId` into `keepId`: names, aliases, relationships and mentions move to the kept entity.
   * Afterwards `node(id: mergeId)` and `entity(id: mergeId)` answer the kept entity. Needs the admin role.
   */
  mergeEntities: Entity;
  /**
   * Retract a relationship: from then on lists, counts, neighbourhoods, paths and search leave it
   * out; `node(id)` still answers it, with `retraction` set, and `changes` keeps its history.
   */
  retractRelationship: Relationship;
  /** Change an entity's name, aliases, description or external ids; mentions are found again everywhere. */
  updateEntity: Entity;
};


export type MutationAddDocumentArgs = {
  input: AddDocumentInput;
};


export type MutationAddEntityArgs = {
  input: AddEntityInput;
};


export type MutationAssertRelationshipArgs = {
  input: AssertRelationshipInput;
};


export type MutationMergeEntitiesArgs = {
  keepId: Scalars['ID']['input'];
  mergeId: Scalars['ID']['input'];
};


export type MutationRetractRelationshipArgs = {
  id: Scalars['ID']['input'];
  reason: Scalars['String']['input'];
};


export type MutationUpdateEntityArgs = {
  id: Scalars['ID']['input'];
  input: UpdateEntityInput;
};

/** Anything that can be fetched again by its ID alone (Relay Global Object Identification). */
export type Node = {
  /** Globally unique across all types, opaque to clients, stable across restarts and re-seeding. */
  id: Scalars['ID']['output'];
};

/** Relay cursor-connection page information. Cursors are opaque. */
export type PageInfo = {
  __typename?: 'PageInfo';
  endCursor: Maybe<Scalars['String']['output']>;
  hasNextPage: Scalars['Boolean']['output'];
  hasPreviousPage: Scalars['Boolean']['output'];
  startCursor: Maybe<Scalars['String']['output']>;
};

/** `nodes` in order from the start entity to the end entity; `edges[i]` joins `nodes[i]` and `nodes[i+1]`; `length` counts edges. */
export type Path = {
  __typename?: 'Path';
  edges: Array<Relationship>;
  length: Scalars['Int']['output'];
  nodes: Array<Entity>;
};

export type Query = {
  __typename?: 'Query';
  /** Every write since the graph was created, oldest first: the audit trail. */
  changes: ChangeConnection;
  document: Maybe<Document>;
  documents: DocumentConnection;
  /** Entities, ordered by name; `search` matches names and aliases (case-insensitive substring or better). */
  entities: EntityConnection;
  /**
   * One entity, by ID or by name. A name matches the entity's name or any of its aliases,
   * ignoring case and surrounding whitespace. Give exactly one of the two arguments.
   */
  entity: Maybe<Entity>;
  /**
   * The entities within `depth` hops of an entity (direction ignored, the entity itself included)
   * and every relationship among them that passes the filter: ready to draw as a graph.
   */
  neighborhood: Subgraph;
  /** Refetch any Node (Entity, Relationship, Document) by its ID; null when none has it. */
  node: Maybe<Node>;
  /** Relationships that pass the filter, in a stable order. */
  relationships: RelationshipConnection;
  /** Every relationship between two entities, in either direction, that passes the filter. */
  relationshipsBetween: Array<Relationship>;
  /** Full-text search over entity names, aliases and descriptions, and the text of documents; best first. */
  search: Array<SearchHit>;
  /**
   * A shortest path between two entities over relationships that pass the filter, direction
   * ignored; null when none exists within `maxLength` hops.
   */
  shortestPath: Maybe<Path>;
};


export type QueryChangesArgs = {
  after?: InputMaybe<Scalars['String']['input']>;
  first?: InputMaybe<Scalars['Int']['input']>;
};


export type QueryDocumentArgs = {
  id: Scalars['ID']['input'];
};


export type QueryDocumentsArgs = {
  after?: InputMaybe<Scalars['String']['input']>;
  first?: InputMaybe<Scalars['Int']['input']>;
};


export type QueryEntitiesArgs = {
  after?: InputMaybe<Scalars['String']['input']>;
  first?: InputMaybe<Scalars['Int']['input']>;
  kinds?: InputMaybe<Array<EntityKind>>;
  search?: InputMaybe<Scalars['String']['input']>;
};


export type QueryEntityArgs = {
  id?: InputMaybe<Scalars['ID']['input']>;
  name?: InputMaybe<Scalars['String']['input']>;
};


export type QueryNeighborhoodArgs = {
  depth?: InputMaybe<Scalars['Int']['input']>;
  entityId: Scalars['ID']['input'];
  filter?: InputMaybe<RelationshipFilter>;
};


export type QueryNodeArgs = {
  id: Scalars['ID']['input'];
};


export type QueryRelationshipsArgs = {
  after?: InputMaybe<Scalars['String']['input']>;
  filter?: InputMaybe<RelationshipFilter>;
  first?: InputMaybe<Scalars['Int']['input']>;
};


export type QueryRelationshipsBetweenArgs = {
  a: Scalars['ID']['input'];
  b: Scalars['ID']['input'];
  filter?: InputMaybe<RelationshipFilter>;
};


export type QuerySearchArgs = {
  first?: InputMaybe<Scalars['Int']['input']>;
  text: Scalars['String']['input'];
};


export type QueryShortestPathArgs = {
  filter?: InputMaybe<RelationshipFilter>;
  fromId: Scalars['ID']['input'];
  maxLength?: InputMaybe<Scalars['Int']['input']>;
  toId: Scalars['ID']['input'];
};

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

/** A relationship that a document states between two entities. */
export type Relationship = Node & {
  __typename?: 'Relationship';
  /** For ATTRIBUTED relationships: the entity whose claim or assessment the document reports; null otherwise. */
  attributedTo: Maybe<Entity>;
  /** The passages that state it; never empty. */
  evidence: Array<Evidence>;
  id: Scalars['ID']['output'];
  modality: Modality;
  /** Null while the relationship stands. */
  retraction: Maybe<Retraction>;
  source: Entity;
  stance: Stance;
  target: Entity;
  type: RelationType;
};

export type RelationshipConnection = {
  __typename?: 'RelationshipConnection';
  edges: Array<RelationshipEdge>;
  nodes: Array<Relationship>;
  pageInfo: PageInfo;
  totalCount: Scalars['Int']['output'];
};

export type RelationshipEdge = {
  __typename?: 'RelationshipEdge';
  cursor: Scalars['String']['output'];
  node: Relationship;
};

/**
 * A relationship passes when it matches every list given: one of `types`, one of `stances`, one of
 * `modalities`, and evidence in one of `documentIds`. An absent or empty list does not filter.
 */
export type RelationshipFilter = {
  documentIds?: InputMaybe<Array<Scalars['ID']['input']>>;
  modalities?: InputMaybe<Array<Modality>>;
  stances?: InputMaybe<Array<Stance>>;
  types?: InputMaybe<Array<RelationType>>;
};

export type Retraction = {
  __typename?: 'Retraction';
  at: Scalars['DateTime']['output'];
  by: Scalars['String']['output'];
  reason: Scalars['String']['output'];
};

export type SearchHit = {
  __typename?: 'SearchHit';
  node: Node;
  score: Scalars['Float']['output'];
  /** A short passage around the match, for display. */
  snippet: Maybe<Scalars['String']['output']>;
};

export type Stance =
  | 'ADVERSARIAL'
  | 'COOPERATIVE'
  | 'NEUTRAL';

/** Nodes and edges for a graph view: every edge's source and target are among the nodes. */
export type Subgraph = {
  __typename?: 'Subgraph';
  edges: Array<Relationship>;
  nodes: Array<Entity>;
  /** True when the neighbourhood had more entities than the server's cap and was cut short. */
  truncated: Scalars['Boolean']['output'];
};

export type Subscription = {
  __typename?: 'Subscription';
  /**
   * Every change after `after` (a Change cursor), then every new change as it commits, in order.
   * Without `after`, from now on. A client that reconnects with the last cursor it saw misses none.
   * Served over WebSocket (graphql-ws) at the same path as queries.
   */
  changes: Change;
};


export type SubscriptionChangesArgs = {
  after?: InputMaybe<Scalars['String']['input']>;
};

/** Only the fields given change; `aliases`, when given, replaces the list. */
export type UpdateEntityInput = {
  aliases?: InputMaybe<Array<Scalars['String']['input']>>;
  description?: InputMaybe<Scalars['String']['input']>;
  iso3?: InputMaybe<Scalars['String']['input']>;
  name?: InputMaybe<Scalars['String']['input']>;
  wikidataId?: InputMaybe<Scalars['String']['input']>;
};



export type ResolverTypeWrapper<T> = Promise<T> | T;


export type ResolverWithResolve<TResult, TParent, TContext, TArgs> = {
  resolve: ResolverFn<TResult, TParent, TContext, TArgs>;
};
export type Resolver<TResult, TParent = Record<PropertyKey, never>, TContext = Record<PropertyKey, never>, TArgs = Record<PropertyKey, never>> = ResolverFn<TResult, TParent, TContext, TArgs> | ResolverWithResolve<TResult, TParent, TContext, TArgs>;

export type ResolverFn<TResult, TParent, TContext, TArgs> = (
  parent: TParent,
  args: TArgs,
  context: TContext,
  info: GraphQLResolveInfo
) => Promise<TResult> | TResult;

export type SubscriptionSubscribeFn<TResult, TParent, TContext, TArgs> = (
  parent: TParent,
  args: TArgs,
  context: TContext,
  info: GraphQLResolveInfo
) => AsyncIterable<TResult> | Promise<AsyncIterable<TResult>>;

export type SubscriptionResolveFn<TResult, TParent, TContext, TArgs> = (
  parent: TParent,
  args: TArgs,
  context: TContext,
  info: GraphQLResolveInfo
) => TResult | Promise<TResult>;

export interface SubscriptionSubscriberObject<TResult, TKey extends string, TParent, TContext, TArgs> {
  subscribe: SubscriptionSubscribeFn<{ [key in TKey]: TResult }, TParent, TContext, TArgs>;
  resolve?: SubscriptionResolveFn<TResult, { [key in TKey]: TResult }, TContext, TArgs>;
}

export interface SubscriptionResolverObject<TResult, TParent, TContext, TArgs> {
  subscribe: SubscriptionSubscribeFn<any, TParent, TContext, TArgs>;
  resolve: SubscriptionResolveFn<TResult, any, TContext, TArgs>;
}

export type SubscriptionObject<TResult, TKey extends string, TParent, TContext, TArgs> =
  | SubscriptionSubscriberObject<TResult, TKey, TParent, TContext, TArgs>
  | SubscriptionResolverObject<TResult, TParent, TContext, TArgs>;

export type SubscriptionResolver<TResult, TKey extends string, TParent = Record<PropertyKey, never>, TContext = Record<PropertyKey, never>, TArgs = Record<PropertyKey, never>> =
  | ((...args: any[]) => SubscriptionObject<TResult, TKey, TParent, TContext, TArgs>)
  | SubscriptionObject<TResult, TKey, TParent, TContext, TArgs>;

export type TypeResolveFn<TTypes, TParent = Record<PropertyKey, never>, TContext = Record<PropertyKey, never>> = (
  parent: TParent,
  context: TContext,
  info: GraphQLResolveInfo
) => Maybe<TTypes> | Promise<Maybe<TTypes>>;

export type IsTypeOfResolverFn<T = Record<PropertyKey, never>, TContext = Record<PropertyKey, never>> = (obj: T, context: TContext, info: GraphQLResolveInfo) => boolean | Promise<boolean>;

export type NextResolverFn<T> = () => Promise<T>;

export type DirectiveResolverFn<TResult = Record<PropertyKey, never>, TParent = Record<PropertyKey, never>, TContext = Record<PropertyKey, never>, TArgs = Record<PropertyKey, never>> = (
  next: NextResolverFn<TResult>,
  parent: TParent,
  args: TArgs,
  context: TContext,
  info: GraphQLResolveInfo
) => TResult | Promise<TResult>;




/** Mapping of interface types */
export type ResolversInterfaceTypes<_RefType extends Record<string, unknown>> = {
  Node:
    | ( DocumentModel )
    | ( EntityModel )
    | ( RelationshipModel )
  ;
};

/** Mapping between all available schema types and the resolvers types */
export type ResolversTypes = {
  AddDocumentInput: AddDocumentInput;
  AddEntityInput: AddEntityInput;
  AssertRelationshipInput: AssertRelationshipInput;
  Boolean: ResolverTypeWrapper<Scalars['Boolean']['output']>;
  Change: ResolverTypeWrapper<ChangeModel>;
  ChangeConnection: ResolverTypeWrapper<Omit<ChangeConnection, 'edges' | 'nodes'> & { edges: Array<ResolversTypes['ChangeEdge']>, nodes: Array<ResolversTypes['Change']> }>;
  ChangeEdge: ResolverTypeWrapper<Omit<ChangeEdge, 'node'> & { node: ResolversTypes['Change'] }>;
  ChangeKind: ChangeKind;
  DateTime: ResolverTypeWrapper<Scalars['DateTime']['output']>;
  Direction: Direction;
  Document: ResolverTypeWrapper<DocumentModel>;
  DocumentConnection: ResolverTypeWrapper<Omit<DocumentConnection, 'edges' | 'nodes'> & { edges: Array<ResolversTypes['DocumentEdge']>, nodes: Array<ResolversTypes['Document']> }>;
  DocumentEdge: ResolverTypeWrapper<Omit<DocumentEdge, 'node'> & { node: ResolversTypes['Document'] }>;
  Entity: ResolverTypeWrapper<EntityModel>;
  EntityConnection: ResolverTypeWrapper<Omit<EntityConnection, 'edges' | 'nodes'> & { edges: Array<ResolversTypes['EntityEdge']>, nodes: Array<ResolversTypes['Entity']> }>;
  EntityEdge: ResolverTypeWrapper<Omit<EntityEdge, 'node'> & { node: ResolversTypes['Entity'] }>;
  EntityKind: EntityKind;
  Evidence: ResolverTypeWrapper<EvidenceModel>;
  EvidenceInput: EvidenceInput;
  Float: ResolverTypeWrapper<Scalars['Float']['output']>;
  ID: ResolverTypeWrapper<Scalars['ID']['output']>;
  Int: ResolverTypeWrapper<Scalars['Int']['output']>;
  Mention: ResolverTypeWrapper<MentionModel>;
  Modality: Modality;
  Mutation: ResolverTypeWrapper<Record<PropertyKey, never>>;
  Node: ResolverTypeWrapper<ResolversInterfaceTypes<ResolversTypes>['Node']>;
  PageInfo: ResolverTypeWrapper<PageInfo>;
  Path: ResolverTypeWrapper<PathModel>;
  Query: ResolverTypeWrapper<Record<PropertyKey, never>>;
  RelationType: RelationType;
  Relationship: ResolverTypeWrapper<RelationshipModel>;
  RelationshipConnection: ResolverTypeWrapper<Omit<RelationshipConnection, 'edges' | 'nodes'> & { edges: Array<ResolversTypes['RelationshipEdge']>, nodes: Array<ResolversTypes['Relationship']> }>;
  RelationshipEdge: ResolverTypeWrapper<Omit<RelationshipEdge, 'node'> & { node: ResolversTypes['Relationship'] }>;
  RelationshipFilter: RelationshipFilter;
  Retraction: ResolverTypeWrapper<RetractionModel>;
  SearchHit: ResolverTypeWrapper<SearchHitModel>;
  Stance: Stance;
  String: ResolverTypeWrapper<Scalars['String']['output']>;
  Subgraph: ResolverTypeWrapper<SubgraphModel>;
  Subscription: ResolverTypeWrapper<Record<PropertyKey, never>>;
  UpdateEntityInput: UpdateEntityInput;
};

/** Mapping between all available schema types and the resolvers parents */
export type ResolversParentTypes = {
  AddDocumentInput: AddDocumentInput;
  AddEntityInput: AddEntityInput;
  AssertRelationshipInput: AssertRelationshipInput;
  Boolean: Scalars['Boolean']['output'];
  Change: ChangeModel;
  ChangeConnection: Omit<ChangeConnection, 'edges' | 'nodes'> & { edges: Array<ResolversParentTypes['ChangeEdge']>, nodes: Array<ResolversParentTypes['Change']> };
  ChangeEdge: Omit<ChangeEdge, 'node'> & { node: ResolversParentTypes['Change'] };
  DateTime: Scalars['DateTime']['output'];
  Document: DocumentModel;
  DocumentConnection: Omit<DocumentConnection, 'edges' | 'nodes'> & { edges: Array<ResolversParentTypes['DocumentEdge']>, nodes: Array<ResolversParentTypes['Document']> };
  DocumentEdge: Omit<DocumentEdge, 'node'> & { node: ResolversParentTypes['Document'] };
  Entity: EntityModel;
  EntityConnection: Omit<EntityConnection, 'edges' | 'nodes'> & { edges: Array<ResolversParentTypes['EntityEdge']>, nodes: Array<ResolversParentTypes['Entity']> };
  EntityEdge: Omit<EntityEdge, 'node'> & { node: ResolversParentTypes['Entity'] };
  Evidence: EvidenceModel;
  EvidenceInput: EvidenceInput;
  Float: Scalars['Float']['output'];
  ID: Scalars['ID']['output'];
  Int: Scalars['Int']['output'];
  Mention: MentionModel;
  Mutation: Record<PropertyKey, never>;
  Node: ResolversInterfaceTypes<ResolversParentTypes>['Node'];
  PageInfo: PageInfo;
  Path: PathModel;
  Query: Record<PropertyKey, never>;
  Relationship: RelationshipModel;
  RelationshipConnection: Omit<RelationshipConnection, 'edges' | 'nodes'> & { edges: Array<ResolversParentTypes['RelationshipEdge']>, nodes: Array<ResolversParentTypes['Relationship']> };
  RelationshipEdge: Omit<RelationshipEdge, 'node'> & { node: ResolversParentTypes['Relationship'] };
  RelationshipFilter: RelationshipFilter;
  Retraction: RetractionModel;
  SearchHit: SearchHitModel;
  String: Scalars['String']['output'];
  Subgraph: SubgraphModel;
  Subscription: Record<PropertyKey, never>;
  UpdateEntityInput: UpdateEntityInput;
};

export type ChangeResolvers<ContextType = Context, ParentType extends ResolversParentTypes['Change'] = ResolversParentTypes['Change']> = {
  at?: Resolver<ResolversTypes['DateTime'], ParentType, ContextType>;
  by?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  cursor?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  kind?: Resolver<ResolversTypes['ChangeKind'], ParentType, ContextType>;
  node?: Resolver<Maybe<ResolversTypes['Node']>, ParentType, ContextType>;
  nodeId?: Resolver<Maybe<ResolversTypes['ID']>, ParentType, ContextType>;
};

export type ChangeConnectionResolvers<ContextType = Context, ParentType extends ResolversParentTypes['ChangeConnection'] = ResolversParentTypes['ChangeConnection']> = {
  edges?: Resolver<Array<ResolversTypes['ChangeEdge']>, ParentType, ContextType>;
  nodes?: Resolver<Array<ResolversTypes['Change']>, ParentType, ContextType>;
  pageInfo?: Resolver<ResolversTypes['PageInfo'], ParentType, ContextType>;
  totalCount?: Resolver<ResolversTypes['Int'], ParentType, ContextType>;
};

export type ChangeEdgeResolvers<ContextType = Context, ParentType extends ResolversParentTypes['ChangeEdge'] = ResolversParentTypes['ChangeEdge']> = {
  cursor?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  node?: Resolver<ResolversTypes['Change'], ParentType, ContextType>;
};

export interface DateTimeScalarConfig extends GraphQLScalarTypeConfig<ResolversTypes['DateTime'], any> {
  name: 'DateTime';
}

export type DocumentResolvers<ContextType = Context, ParentType extends ResolversParentTypes['Document'] = ResolversParentTypes['Document']> = {
  entities?: Resolver<Array<ResolversTypes['Entity']>, ParentType, ContextType>;
  id?: Resolver<ResolversTypes['ID'], ParentType, ContextType>;
  publishedAt?: Resolver<Maybe<ResolversTypes['DateTime']>, ParentType, ContextType>;
  relationships?: Resolver<Array<ResolversTypes['Relationship']>, ParentType, ContextType>;
  text?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  title?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  url?: Resolver<Maybe<ResolversTypes['String']>, ParentType, ContextType>;
  __isTypeOf?: IsTypeOfResolverFn<ParentType, ContextType>;
};

export type DocumentConnectionResolvers<ContextType = Context, ParentType extends ResolversParentTypes['DocumentConnection'] = ResolversParentTypes['DocumentConnection']> = {
  edges?: Resolver<Array<ResolversTypes['DocumentEdge']>, ParentType, ContextType>;
  nodes?: Resolver<Array<ResolversTypes['Document']>, ParentType, ContextType>;
  pageInfo?: Resolver<ResolversTypes['PageInfo'], ParentType, ContextType>;
  totalCount?: Resolver<ResolversTypes['Int'], ParentType, ContextType>;
};

export type DocumentEdgeResolvers<ContextType = Context, ParentType extends ResolversParentTypes['DocumentEdge'] = ResolversParentTypes['DocumentEdge']> = {
  cursor?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  node?: Resolver<ResolversTypes['Document'], ParentType, ContextType>;
};

export type EntityResolvers<ContextType = Context, ParentType extends ResolversParentTypes['Entity'] = ResolversParentTypes['Entity']> = {
  aliases?: Resolver<Array<ResolversTypes['String']>, ParentType, ContextType>;
  description?: Resolver<Maybe<ResolversTypes['String']>, ParentType, ContextType>;
  id?: Resolver<ResolversTypes['ID'], ParentType, ContextType>;
  iso3?: Resolver<Maybe<ResolversTypes['String']>, ParentType, ContextType>;
  kind?: Resolver<ResolversTypes['EntityKind'], ParentType, ContextType>;
  mentions?: Resolver<Array<ResolversTypes['Mention']>, ParentType, ContextType>;
  name?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  relationships?: Resolver<ResolversTypes['RelationshipConnection'], ParentType, ContextType, RequireFields<EntityRelationshipsArgs, 'direction' | 'first'>>;
  wikidataId?: Resolver<Maybe<ResolversTypes['String']>, ParentType, ContextType>;
  __isTypeOf?: IsTypeOfResolverFn<ParentType, ContextType>;
};

export type EntityConnectionResolvers<ContextType = Context, ParentType extends ResolversParentTypes['EntityConnection'] = ResolversParentTypes['EntityConnection']> = {
  edges?: Resolver<Array<ResolversTypes['EntityEdge']>, ParentType, ContextType>;
  nodes?: Resolver<Array<ResolversTypes['Entity']>, ParentType, ContextType>;
  pageInfo?: Resolver<ResolversTypes['PageInfo'], ParentType, ContextType>;
  totalCount?: Resolver<ResolversTypes['Int'], ParentType, ContextType>;
};

export type EntityEdgeResolvers<ContextType = Context, ParentType extends ResolversParentTypes['EntityEdge'] = ResolversParentTypes['EntityEdge']> = {
  cursor?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  node?: Resolver<ResolversTypes['Entity'], ParentType, ContextType>;
};

export type EvidenceResolvers<ContextType = Context, ParentType extends ResolversParentTypes['Evidence'] = ResolversParentTypes['Evidence']> = {
  document?: Resolver<ResolversTypes['Document'], ParentType, ContextType>;
  end?: Resolver<ResolversTypes['Int'], ParentType, ContextType>;
  quote?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  start?: Resolver<ResolversTypes['Int'], ParentType, ContextType>;
};

export type MentionResolvers<ContextType = Context, ParentType extends ResolversParentTypes['Mention'] = ResolversParentTypes['Mention']> = {
  document?: Resolver<ResolversTypes['Document'], ParentType, ContextType>;
  end?: Resolver<ResolversTypes['Int'], ParentType, ContextType>;
  start?: Resolver<ResolversTypes['Int'], ParentType, ContextType>;
  text?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
};

export type MutationResolvers<ContextType = Context, ParentType extends ResolversParentTypes['Mutation'] = ResolversParentTypes['Mutation']> = {
  addDocument?: Resolver<ResolversTypes['Document'], ParentType, ContextType, RequireFields<MutationAddDocumentArgs, 'input'>>;
  addEntity?: Resolver<ResolversTypes['Entity'], ParentType, ContextType, RequireFields<MutationAddEntityArgs, 'input'>>;
  assertRelationship?: Resolver<ResolversTypes['Relationship'], ParentType, ContextType, RequireFields<MutationAssertRelationshipArgs, 'input'>>;
  mergeEntities?: Resolver<ResolversTypes['Entity'], ParentType, ContextType, RequireFields<MutationMergeEntitiesArgs, 'keepId' | 'mergeId'>>;
  retractRelationship?: Resolver<ResolversTypes['Relationship'], ParentType, ContextType, RequireFields<MutationRetractRelationshipArgs, 'id' | 'reason'>>;
  updateEntity?: Resolver<ResolversTypes['Entity'], ParentType, ContextType, RequireFields<MutationUpdateEntityArgs, 'id' | 'input'>>;
};

export type NodeResolvers<ContextType = Context, ParentType extends ResolversParentTypes['Node'] = ResolversParentTypes['Node']> = {
  __resolveType: TypeResolveFn<'Document' | 'Entity' | 'Relationship', ParentType, ContextType>;
};

export type PageInfoResolvers<ContextType = Context, ParentType extends ResolversParentTypes['PageInfo'] = ResolversParentTypes['PageInfo']> = {
  endCursor?: Resolver<Maybe<ResolversTypes['String']>, ParentType, ContextType>;
  hasNextPage?: Resolver<ResolversTypes['Boolean'], ParentType, ContextType>;
  hasPreviousPage?: Resolver<ResolversTypes['Boolean'], ParentType, ContextType>;
  startCursor?: Resolver<Maybe<ResolversTypes['String']>, ParentType, ContextType>;
};

export type PathResolvers<ContextType = Context, ParentType extends ResolversParentTypes['Path'] = ResolversParentTypes['Path']> = {
  edges?: Resolver<Array<ResolversTypes['Relationship']>, ParentType, ContextType>;
  length?: Resolver<ResolversTypes['Int'], ParentType, ContextType>;
  nodes?: Resolver<Array<ResolversTypes['Entity']>, ParentType, ContextType>;
};

export type QueryResolvers<ContextType = Context, ParentType extends ResolversParentTypes['Query'] = ResolversParentTypes['Query']> = {
  changes?: Resolver<ResolversTypes['ChangeConnection'], ParentType, ContextType, RequireFields<QueryChangesArgs, 'first'>>;
  document?: Resolver<Maybe<ResolversTypes['Document']>, ParentType, ContextType, RequireFields<QueryDocumentArgs, 'id'>>;
  documents?: Resolver<ResolversTypes['DocumentConnection'], ParentType, ContextType, RequireFields<QueryDocumentsArgs, 'first'>>;
  entities?: Resolver<ResolversTypes['EntityConnection'], ParentType, ContextType, RequireFields<QueryEntitiesArgs, 'first'>>;
  entity?: Resolver<Maybe<ResolversTypes['Entity']>, ParentType, ContextType, Partial<QueryEntityArgs>>;
  neighborhood?: Resolver<ResolversTypes['Subgraph'], ParentType, ContextType, RequireFields<QueryNeighborhoodArgs, 'depth' | 'entityId'>>;
  node?: Resolver<Maybe<ResolversTypes['Node']>, ParentType, ContextType, RequireFields<QueryNodeArgs, 'id'>>;
  relationships?: Resolver<ResolversTypes['RelationshipConnection'], ParentType, ContextType, RequireFields<QueryRelationshipsArgs, 'first'>>;
  relationshipsBetween?: Resolver<Array<ResolversTypes['Relationship']>, ParentType, ContextType, RequireFields<QueryRelationshipsBetweenArgs, 'a' | 'b'>>;
  search?: Resolver<Array<ResolversTypes['SearchHit']>, ParentType, ContextType, RequireFields<QuerySearchArgs, 'first' | 'text'>>;
  shortestPath?: Resolver<Maybe<ResolversTypes['Path']>, ParentType, ContextType, RequireFields<QueryShortestPathArgs, 'fromId' | 'maxLength' | 'toId'>>;
};

export type RelationshipResolvers<ContextType = Context, ParentType extends ResolversParentTypes['Relationship'] = ResolversParentTypes['Relationship']> = {
  attributedTo?: Resolver<Maybe<ResolversTypes['Entity']>, ParentType, ContextType>;
  evidence?: Resolver<Array<ResolversTypes['Evidence']>, ParentType, ContextType>;
  id?: Resolver<ResolversTypes['ID'], ParentType, ContextType>;
  modality?: Resolver<ResolversTypes['Modality'], ParentType, ContextType>;
  retraction?: Resolver<Maybe<ResolversTypes['Retraction']>, ParentType, ContextType>;
  source?: Resolver<ResolversTypes['Entity'], ParentType, ContextType>;
  stance?: Resolver<ResolversTypes['Stance'], ParentType, ContextType>;
  target?: Resolver<ResolversTypes['Entity'], ParentType, ContextType>;
  type?: Resolver<ResolversTypes['RelationType'], ParentType, ContextType>;
  __isTypeOf?: IsTypeOfResolverFn<ParentType, ContextType>;
};

export type RelationshipConnectionResolvers<ContextType = Context, ParentType extends ResolversParentTypes['RelationshipConnection'] = ResolversParentTypes['RelationshipConnection']> = {
  edges?: Resolver<Array<ResolversTypes['RelationshipEdge']>, ParentType, ContextType>;
  nodes?: Resolver<Array<ResolversTypes['Relationship']>, ParentType, ContextType>;
  pageInfo?: Resolver<ResolversTypes['PageInfo'], ParentType, ContextType>;
  totalCount?: Resolver<ResolversTypes['Int'], ParentType, ContextType>;
};

export type RelationshipEdgeResolvers<ContextType = Context, ParentType extends ResolversParentTypes['RelationshipEdge'] = ResolversParentTypes['RelationshipEdge']> = {
  cursor?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  node?: Resolver<ResolversTypes['Relationship'], ParentType, ContextType>;
};

export type RetractionResolvers<ContextType = Context, ParentType extends ResolversParentTypes['Retraction'] = ResolversParentTypes['Retraction']> = {
  at?: Resolver<ResolversTypes['DateTime'], ParentType, ContextType>;
  by?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  reason?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
};

export type SearchHitResolvers<ContextType = Context, ParentType extends ResolversParentTypes['SearchHit'] = ResolversParentTypes['SearchHit']> = {
  node?: Resolver<ResolversTypes['Node'], ParentType, ContextType>;
  score?: Resolver<ResolversTypes['Float'], ParentType, ContextType>;
  snippet?: Resolver<Maybe<ResolversTypes['String']>, ParentType, ContextType>;
};

export type SubgraphResolvers<ContextType = Context, ParentType extends ResolversParentTypes['Subgraph'] = ResolversParentTypes['Subgraph']> = {
  edges?: Resolver<Array<ResolversTypes['Relationship']>, ParentType, ContextType>;
  nodes?: Resolver<Array<ResolversTypes['Entity']>, ParentType, ContextType>;
  truncated?: Resolver<ResolversTypes['Boolean'], ParentType, ContextType>;
};

export type SubscriptionResolvers<ContextType = Context, ParentType extends ResolversParentTypes['Subscription'] = ResolversParentTypes['Subscription']> = {
  changes?: SubscriptionResolver<ResolversTypes['Change'], "changes", ParentType, ContextType, Partial<SubscriptionChangesArgs>>;
};

export type Resolvers<ContextType = Context> = {
  Change?: ChangeResolvers<ContextType>;
  ChangeConnection?: ChangeConnectionResolvers<ContextType>;
  ChangeEdge?: ChangeEdgeResolvers<ContextType>;
  DateTime?: GraphQLScalarType;
  Document?: DocumentResolvers<ContextType>;
  DocumentConnection?: DocumentConnectionResolvers<ContextType>;
  DocumentEdge?: DocumentEdgeResolvers<ContextType>;
  Entity?: EntityResolvers<ContextType>;
  EntityConnection?: EntityConnectionResolvers<ContextType>;
  EntityEdge?: EntityEdgeResolvers<ContextType>;
  Evidence?: EvidenceResolvers<ContextType>;
  Mention?: MentionResolvers<ContextType>;
  Mutation?: MutationResolvers<ContextType>;
  Node?: NodeResolvers<ContextType>;
  PageInfo?: PageInfoResolvers<ContextType>;
  Path?: PathResolvers<ContextType>;
  Query?: QueryResolvers<ContextType>;
  Relationship?: RelationshipResolvers<ContextType>;
  RelationshipConnection?: RelationshipConnectionResolvers<ContextType>;
  RelationshipEdge?: RelationshipEdgeResolvers<ContextType>;
  Retraction?: RetractionResolvers<ContextType>;
  SearchHit?: SearchHitResolvers<ContextType>;
  Subgraph?: SubgraphResolvers<ContextType>;
  Subscription?: SubscriptionResolvers<ContextType>;
};

