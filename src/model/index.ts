/**
 * The project's own model: plain objects the data-access layer returns and the GraphQL layer
 * receives through codegen mappers. Nothing here knows about Neo4j or GraphQL.
 */

export type EntityKind = 'COUNTRY' | 'ORGANIZATION' | 'OFFICE' | 'CITY' | 'REGION' | 'SEA';

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
  text: string;
}

/** One page of a keyset-paginated list, already sliced; cursors are made by the GraphQL layer. */
export interface Page<T> {
  items: T[];
  hasNextPage: boolean;
  totalCount: number;
}
