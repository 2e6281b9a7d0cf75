import { hasRole, MUTATION_ROLES, readRoles } from '../../src/auth';
import { rolesClaimValue } from '../../src/auth/roles';

describe('readRoles', () => {
  it('reads an array of strings, ignoring anything else in it', () => {
    expect(readRoles({ roles: ['editor', 7, null, '', 'admin'] }, 'roles')).toEqual(['editor', 'admin']);
  });

  it('splits a string on spaces and commas', () => {
    expect(readRoles({ roles: 'editor admin' }, 'roles')).toEqual(['editor', 'admin']);
    expect(readRoles({ roles: 'editor,admin' }, 'roles')).toEqual(['editor', 'admin']);
    expect(readRoles({ roles: ' editor ,  admin ' }, 'roles')).toEqual(['editor', 'admin']);
  });

  it('follows a dotted path into nested objects (Keycloak)', () => {
    expect(readRoles({ realm_access: { roles: ['editor'] }, roles: ['admin'] }, 'realm_access.roles')).toEqual(['editor']);
    expect(readRoles({ a: { b: { c: 'admin' } } }, 'a.b.c')).toEqual(['admin']);
  });

  it('reads a namespaced claim whose name contains dots as one name first (Auth0)', () => {
    expect(readRoles({ 'https://actor-graph.example/roles': ['admin'] }, 'https://actor-graph.example/roles')).toEqual(['admin']);
  });

  it('gives no roles for a missing claim or one of another shape', () => {
    expect(readRoles({}, 'roles')).toEqual([]);
    expect(readRoles({ roles: { editor: true } }, 'roles')).toEqual([]);
    expect(readRoles({ roles: 1 }, 'roles')).toEqual([]);
    expect(readRoles({ realm_access: ['roles'] }, 'realm_access.roles')).toEqual([]);
    expect(readRoles({ realm_access: null }, 'realm_access.roles')).toEqual([]);
  });

  it('never reaches into prototypes', () => {
    expect(readRoles({}, 'constructor.name')).toEqual([]);
    expect(readRoles({}, '__proto__.toString')).toEqual([]);
    expect(readRoles({ a: {} }, 'a.constructor')).toEqual([]);
  });

  it('reads back what the token command writes, for plain, nested and namespaced claims', () => {
    for (const claim of ['roles', 'realm_access.roles', 'https://actor-graph.example/roles']) {
      expect(readRoles(JSON.parse(JSON.stringify(rolesClaimValue(claim, ['editor', 'admin']))) as Record<string, unknown>, claim)).toEqual(['editor', 'admin']);
    }
    expect(rolesClaimValue('realm_access.roles', ['editor'])).toEqual({ realm_access: { roles: ['editor'] } });
  });
});

describe('role rules', () => {
  it('lets editor do editor work only, and admin do everything', () => {
    expect(hasRole(['editor'], 'editor')).toBe(true);
    expect(hasRole(['editor'], 'admin')).toBe(false);
    expect(hasRole(['admin'], 'editor')).toBe(true);
    expect(hasRole(['admin'], 'admin')).toBe(true);
    expect(hasRole(['viewer', 'admin'], 'admin')).toBe(true);
  });

  it('grants nothing for no roles, unknown roles, or different case', () => {
    expect(hasRole([], 'editor')).toBe(false);
    expect(hasRole(['viewer', 'superuser'], 'editor')).toBe(false);
    expect(hasRole(['Editor', 'ADMIN'], 'editor')).toBe(false);
  });

  it('needs admin for mergeEntities and editor for every other mutation of the issue', () => {
    // The issue: "`editor` may do everything except `mergeEntities`. `admin` may do everything."
    const mutations = ['addDocument', 'addEntity', 'updateEntity', 'mergeEntities', 'assertRelationship', 'retractRelationship'];
    expect(Object.keys(MUTATION_ROLES).sort()).toEqual([...mutations].sort());
    for (const name of mutations) {
      const needed = MUTATION_ROLES[name as keyof typeof MUTATION_ROLES];
      expect([name, hasRole(['editor'], needed)]).toEqual([name, name !== 'mergeEntities']);
      expect([name, hasRole(['admin'], needed)]).toEqual([name, true]);
    }
  });
});
