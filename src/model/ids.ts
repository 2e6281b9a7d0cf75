/**
 * Global IDs: `<type>:<key>`, where the key comes from the seed's content (an entity's or a
 * document's slug), never from load order or Neo4j's internal ids, so IDs survive restarts and
 * re-seeding. Clients treat them as opaque; the server reads the prefix to route `node(id)`.
 */
import { createHash } from 'node:crypto';

export type NodeType = 'Entity' | 'Document' | 'Relationship';

const PREFIX: Record<NodeType, string> = { Entity: 'entity', Document: 'document', Relationship: 'relationship' };
const TYPE_BY_PREFIX = new Map(Object.entries(PREFIX).map(([type, prefix]) => [prefix, type as NodeType]));

export const SLUG = /^[a-z0-9]+(?:-[a-z0-9]+)*$/;

export function globalId(type: NodeType, key: string): string {
  return `${PREFIX[type]}:${key}`;
}

/** The type an ID names, or null for anything this API never issued. */
export function nodeTypeOf(id: string): NodeType | null {
  const colon = id.indexOf(':');
  if (colon <= 0 || colon === id.length - 1) return null;
  return TYPE_BY_PREFIX.get(id.slice(0, colon)) ?? null;
}

/** How names and aliases are compared: case, surrounding and repeated whitespace ignored. */
export function nameKey(name: string): string {
  return name.normalize('NFC').trim().replace(/\s+/gu, ' ').toLowerCase();
}

/** The key of a global ID (`entity:nato` → `nato`). */
export function keyOf(id: string): string {
  return id.slice(id.indexOf(':') + 1);
}

/**
 * A slug from a display name or title: ASCII letters and digits joined by single dashes
 * ("Republic of Korea" → `republic-of-korea`, "Đà Nẵng" → `da-nang`), at most `max` characters.
 * Empty when the name has no letter or digit that survives.
 */
export function slugify(name: string, max = 60): string {
  const ascii = name.normalize('NFKD').replace(/\p{M}/gu, '').replace(/đ/giu, 'd').toLowerCase();
  return ascii.replace(/[^a-z0-9]+/g, '-').slice(0, max).replace(/^-+|-+$/g, '');
}

/**
 * What makes two relationships the same relationship: ends, type, stance, modality and whose
 * claim it is. Stored on each relationship under a uniqueness constraint, so concurrent writers
 * cannot create it twice.
 */
export interface RelationshipIdentity {
  sourceId: string;
  type: string;
  targetId: string;
  stance: string;
  modality: string;
  attributedToId: string | null;
}

export function relationshipKey(r: RelationshipIdentity): string {
  return [r.sourceId, r.type, r.targetId, r.stance, r.modality, r.attributedToId ?? ''].join('|');
}

/**
 * The ID of a relationship first stated through the API: every part of its identity, so two
 * relationships between the same ends with the same type (one cooperative, one adversarial, say)
 * never share one. The seed's relationships keep their shorter `relationship:<source>:<TYPE>:<target>`
 * (one per source, type and target there). Both forms start with source, type and target.
 */
export function curatedRelationshipId(r: RelationshipIdentity): string {
  const attributed = r.attributedToId === null ? [] : [keyOf(r.attributedToId)];
  return globalId('Relationship', [keyOf(r.sourceId), r.type, keyOf(r.targetId), r.stance, r.modality, ...attributed].join(':'));
}

/** The ends a relationship ID names (both ID forms start `relationship:<source>:<TYPE>:<target>`); null for anything else. */
export function relationshipEnds(id: string): { sourceId: string; targetId: string } | null {
  const parts = id.split(':');
  if (parts.length < 4 || parts[0] !== 'relationship' || parts.slice(1).some((p) => p === '')) return null;
  return { sourceId: globalId('Entity', parts[1] as string), targetId: globalId('Entity', parts[3] as string) };
}

/** Same title and text, same document: the identity `addDocument` is idempotent on. */
export function contentHash(title: string, text: string): string {
  return createHash('sha256').update(JSON.stringify([title, text])).digest('hex');
}

/** `document:<title slug>-<12 hex digits of the content hash>`: readable, content-derived, collision-safe. */
export function curatedDocumentId(title: string, hash: string): string {
  return globalId('Document', `${slugify(title, 50) || 'document'}-${hash.slice(0, 12)}`);
}
