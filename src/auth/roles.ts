/**
 * Roles and what they allow. `editor` curates: every mutation except merging entities; `admin`
 * may do everything. Roles come from one claim of a verified token (AUTH_ROLES_CLAIM).
 */
export type Role = 'editor' | 'admin';

export const ROLES: readonly Role[] = ['editor', 'admin'];

/** The role each mutation needs; the contract says merging needs admin, the rest is editors' work. */
export const MUTATION_ROLES = {
  addDocument: 'editor',
  addEntity: 'editor',
  updateEntity: 'editor',
  mergeEntities: 'admin',
  assertRelationship: 'editor',
  retractRelationship: 'editor',
} as const satisfies Record<string, Role>;

/** The token roles that grant each role: an admin may do whatever an editor may. */
const GRANTED_BY: Record<Role, readonly string[]> = { editor: ['editor', 'admin'], admin: ['admin'] };

export function hasRole(roles: readonly string[], needed: Role): boolean {
  return roles.some((role) => GRANTED_BY[needed].includes(role));
}

export function isRole(value: string): value is Role {
  return (ROLES as readonly string[]).includes(value);
}

/**
 * The roles in a verified token's payload. `claim` is tried first as one claim name, because
 * namespaced claims (Auth0's `https://example.com/roles`) contain dots, then as a dotted path into
 * nested objects (Keycloak's `realm_access.roles`). An array gives its strings; a string is split
 * on spaces and commas (the way `scope` is written); anything else, or nothing, gives no roles.
 */
export function readRoles(payload: Readonly<Record<string, unknown>>, claim: string): string[] {
  const value = Object.hasOwn(payload, claim) ? payload[claim] : lookup(payload, claim.split('.'));
  if (Array.isArray(value)) return value.filter((role): role is string => typeof role === 'string' && role !== '');
  if (typeof value === 'string') return value.split(/[\s,]+/).filter((role) => role !== '');
  return [];
}

function lookup(value: unknown, path: readonly string[]): unknown {
  let current = value;
  for (const key of path) {
    // Own properties of plain objects only: `constructor` or `__proto__` must not reach the prototype.
    if (typeof current !== 'object' || current === null || Array.isArray(current) || !Object.hasOwn(current, key)) return undefined;
    current = (current as Record<string, unknown>)[key];
  }
  return current;
}

/** The payload fragment that `readRoles(…, claim)` reads back as `roles` (nested along the dotted path). */
export function rolesClaimValue(claim: string, roles: readonly string[]): Record<string, unknown> {
  return claim
    .split('.')
    .reduceRight<unknown>((inner, key) => ({ [key]: inner }), [...roles]) as Record<string, unknown>;
}
