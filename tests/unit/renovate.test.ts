/**
 * renovate.json groups the packages that move together: every Apollo, GraphQL, GraphQL Code
 * Generator and Neo4j dependency we have (here and in the benchmark peer) falls in exactly its
 * group, and nothing else does. Patterns are read as Renovate reads matchPackageNames globs
 * (`*` within a name segment, `**` across), enough for the exact names and scopes used there.
 */
import fs from 'node:fs';
import path from 'node:path';
import { PROJECT_ROOT } from '../../src/config';

interface Rule {
  groupName?: string;
  matchPackageNames?: string[];
  matchManagers?: string[];
}

const renovate = JSON.parse(fs.readFileSync(path.join(PROJECT_ROOT, 'renovate.json'), 'utf8')) as { packageRules: Rule[] };
const manifest = (file: string): string[] => {
  const json = JSON.parse(fs.readFileSync(path.join(PROJECT_ROOT, file), 'utf8')) as { dependencies?: object; devDependencies?: object };
  return [...Object.keys(json.dependencies ?? {}), ...Object.keys(json.devDependencies ?? {})];
};
const npmPackages = [...new Set([...manifest('package.json'), ...manifest('bench/peer/package.json')])].sort();

const globToRegExp = (glob: string): RegExp => {
  const segment = (part: string): string => part.replace(/[.+?^${}()|[\]\\]/g, '\\$&').replace(/\*/g, '[^/]*');
  return new RegExp(`^${glob.split('**').map(segment).join('.*')}$`);
};

/** The groups whose npm rules (no manager restriction) match `name`. */
const groupsOf = (name: string): string[] =>
  renovate.packageRules
    .filter((r) => r.groupName !== undefined && r.matchManagers === undefined && (r.matchPackageNames ?? []).some((p) => globToRegExp(p).test(name)))
    .map((r) => r.groupName as string);

describe('renovate.json', () => {
  it.each([
    ['Apollo', (n: string) => n.startsWith('@apollo/')],
    // @neo4j/graphql is Neo4j's (it follows the driver), so it is left to that group.
    ['GraphQL', (n: string) => !n.startsWith('@apollo/') && !n.startsWith('@graphql-codegen/') && !/neo4j/i.test(n) && /graph(ql|iql)/i.test(n)],
    ['GraphQL Code Generator', (n: string) => n.startsWith('@graphql-codegen/')],
    ['Neo4j', (n: string) => /neo4j/i.test(n)],
  ])('puts exactly the %s packages in their group', (group, belongs) => {
    const expected = npmPackages.filter(belongs);
    expect(expected.length).toBeGreaterThan(0);
    expect(npmPackages.filter((n) => groupsOf(n).includes(group))).toEqual(expected);
  });

  it('puts no package in two groups', () => {
    expect(npmPackages.filter((n) => groupsOf(n).length > 1)).toEqual([]);
  });

  it('matches globs as Renovate does: * within a segment, ** across', () => {
    expect(globToRegExp('@apollo/**').test('@apollo/server-plugin-response-cache')).toBe(true);
    expect(globToRegExp('graphql-*').test('graphql-jit')).toBe(true);
    expect(globToRegExp('graphql-*').test('@graphql-codegen/cli')).toBe(false);
    expect(globToRegExp('graphql').test('graphql-jit')).toBe(false);
  });
});
