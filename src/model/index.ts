/**
 * The project's own model: plain objects the data-access layer returns and the GraphQL layer
 * receives through codegen mappers. Nothing here knows about Neo4j or GraphQL.
 */

import type { EntityKind, Modality, RelationType, Stance } from './vocabulary';

export type { EntityKind, Modality, RelationType, Stance };

export interface EntityModel {
  /** Global ID, e.g. `entity:nato`. */
  id: string;
  name: string;
  kind: EntityKind;
  aliases: string[];
  description: string | null;
  /** External identifiers where they exist (Wikidata QID, ISO 3166 alpha-3). */
  wikidata: string | null;
  iso3: string | null;
}

export interface DocumentModel {
  /** Global ID, e.g. `document:nato-liaison-office-japan`. */
  id: string;
  title: string;
  /** The full text; absent when a query skipped it (search hits): `Document.text` loads it then. */
  text?: string;
  /** The relationships this document states (its evidence), by id; absent when a query skipped them (search hits). */
  relationshipIds?: string[];
  url?: string | null;
  /** RFC 3339. */
  publishedAt?: string | null;
}

/** A passage of a document that states a relationship: `quote === text.slice(start, end)`. */
export interface EvidenceModel {
  quote: string;
  start: number;
  end: number;
  documentId: string;
}

export interface RelationshipModel {
  /** Global ID from its content: `relationship:<source slug>:<TYPE>:<target slug>`. */
  id: string;
  type: RelationType;
  sourceId: string;
  targetId: string;
  stance: Stance;
  modality: Modality;
  /** For ATTRIBUTED relationships: the entity whose claim or assessment it is. */
  attributedToId: string | null;
  /** Absent when the query that read the relationship was told nobody asked for it. */
  evidence?: EvidenceModel[];
  /** The ends themselves, when the query that read the relationship brought them along. */
  source?: EntityModel;
  target?: EntityModel;
  /** Null while it stands; absent when the query that read it only reads standing relationships. */
  retraction?: RetractionModel | null;
}

/** A span of a document's text that names an entity: `text === document.text.slice(start, end)`. */
export interface MentionModel {
  text: string;
  start: number;
  end: number;
  documentId: string;
}

/** A neighbourhood, ready to draw: every edge's ends are among the nodes. */
export interface SubgraphModel {
  nodes: EntityModel[];
  edges: RelationshipModel[];
  /** True when the node cap cut the neighbourhood short. */
  truncated: boolean;
}

/** `nodes` from start to end; `edges[i]` joins `nodes[i]` and `nodes[i + 1]`. */
export interface PathModel {
  nodes: EntityModel[];
  edges: RelationshipModel[];
}

export interface SearchHitModel {
  score: number;
  node: EntityModel | DocumentModel;
  /** The searched words, for the snippet (computed only when a client asks for it). */
  words: string[];
}

/** One page of a keyset-paginated list, already sliced; cursors are made by the GraphQL layer. */
export interface Page<T> {
  items: T[];
  hasNextPage: boolean;
  totalCount: number;
}

export type ChangeKind =
  | 'SEEDED'
  | 'DOCUMENT_ADDED'
  | 'ENTITY_ADDED'
  | 'ENTITY_UPDATED'
  | 'ENTITIES_MERGED'
  | 'RELATIONSHIP_ASSERTED'
  | 'EVIDENCE_ADDED'
  | 'RELATIONSHIP_RETRACTED';

/** One write, as the change log recorded it. */
export interface ChangeModel {
  /** Gap-free, in commit order, from 1. */
  seq: number;
  /** RFC 3339, from the database's clock at commit. */
  at: string;
  /** The token's `sub`, or `seed`. */
  by: string;
  kind: ChangeKind;
  nodeId: string | null;
}

export interface RetractionModel {
  reason: string;
  by: string;
  at: string;
}
