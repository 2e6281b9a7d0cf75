/**
 * The controlled vocabulary: entity kinds, relationship types, stances and modalities. These are
 * the allowlists: the only labels and relationship types ever interpolated into Cypher come from
 * here, and the seed is refused for anything else. A unit test keeps them equal to schema/'s enums.
 */

export const ENTITY_KINDS = ['COUNTRY', 'ORGANIZATION', 'OFFICE', 'CITY', 'REGION', 'SEA'] as const;
export type EntityKind = (typeof ENTITY_KINDS)[number];

/** Relationship types, loosely after CAMEO's cooperation/conflict categories (see seed/README.md). */
export const RELATION_TYPES = [
  'MEMBER_OF',
  'LEADS',
  'ALLY_OF',
  'PARTNER_OF',
  'ESTABLISHES',
  'LOCATED_IN',
  'CONSULTS',
  'COOPERATES_WITH',
  'SHARES_VALUES_WITH',
  'COUNTERS',
  'CONCERNED_ABOUT',
  'CHALLENGES',
  'ACTIVE_IN',
  'NEAR',
] as const;
export type RelationType = (typeof RELATION_TYPES)[number];

/**
 * The stored type of a retracted relationship (its own type is kept in `r.type`): reads name only
 * the vocabulary's types, so every list, count, neighbourhood and path leaves retracted ones out
 * without a filter, while `node(id)` still finds them.
 */
export const RETRACTED = 'RETRACTED';

/** Every stored relationship type: the vocabulary's and RETRACTED. */
export const STORED_RELATIONSHIP_TYPES: readonly string[] = [...RELATION_TYPES, RETRACTED];

export const STANCES = ['COOPERATIVE', 'NEUTRAL', 'ADVERSARIAL'] as const;
export type Stance = (typeof STANCES)[number];

export const MODALITIES = ['ASSERTED', 'PLANNED', 'ATTRIBUTED'] as const;
export type Modality = (typeof MODALITIES)[number];

export function isRelationType(value: unknown): value is RelationType {
  return (RELATION_TYPES as readonly unknown[]).includes(value);
}

/** A Cypher relationship-type expression (`:A|B`) from allowlisted types only; all types when none given. */
export function relationTypePattern(types?: readonly string[] | null): string {
  const chosen = types === undefined || types === null || types.length === 0 ? RELATION_TYPES : types;
  for (const t of chosen) if (!isRelationType(t)) throw new Error(`not a relationship type of the vocabulary: ${JSON.stringify(t)}`);
  return `:${chosen.join('|')}`;
}
