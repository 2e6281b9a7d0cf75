/**
 * Global IDs: `<type>:<key>`, where the key comes from the seed's content (an entity's or a
 * document's slug), never from load order or Neo4j's internal ids, so IDs survive restarts and
 * re-seeding. Clients treat them as opaque; the server reads the prefix to route `node(id)`.
 */

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
