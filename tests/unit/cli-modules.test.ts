/**
 * `npm run seed` loads no GraphQL server: the seed CLI's module graph holds the Neo4j layer and
 * the loader, not Apollo. Each entry point is required in a child process (through tsx, so no
 * build is needed) with a configuration it refuses, so it loads every module it imports and then
 * exits 2 before touching Neo4j; the child prints the modules it had loaded on its way out.
 * `src/main.ts` is the control: the same check finds Apollo there.
 */
import { spawnSync } from 'node:child_process';
import path from 'node:path';
import { PROJECT_ROOT } from '../../src/config';

/** Printed at exit: every module file in require.cache, relative to the project root. */
const REPORT_MODULES = `process.on('exit', () => process.stdout.write(JSON.stringify(Object.keys(require.cache).map((f) => require('node:path').relative(${JSON.stringify(PROJECT_ROOT)}, f)))));`;

function modulesLoadedBy(entry: string): string[] {
  const result = spawnSync(process.execPath, ['--require', 'tsx/cjs', '--eval', `${REPORT_MODULES} require(${JSON.stringify(path.join(PROJECT_ROOT, entry))});`], {
    cwd: PROJECT_ROOT,
    // A port out of range: loadConfig refuses it and the command exits 2 before doing anything.
    env: { PATH: process.env.PATH, PORT: 'not-a-port' },
    encoding: 'utf8',
    timeout: 60_000,
  });
  expect(result.stderr).toContain('PORT: must be an integer');
  expect(result.status).toBe(2);
  return JSON.parse(result.stdout) as string[];
}

const fromPackage = (modules: string[], name: string): string[] => modules.filter((m) => m.startsWith(`node_modules/${name}/`));

describe('the seed command', () => {
  it('loads the driver and the loader but neither Apollo nor the GraphQL layer', () => {
    const modules = modulesLoadedBy('src/cli/seed.ts');
    expect(fromPackage(modules, 'neo4j-driver').length).toBeGreaterThan(0);
    expect(modules).toContain('src/seed/load.ts');
    expect(fromPackage(modules, '@apollo/server')).toEqual([]);
    expect(modules.filter((m) => m.startsWith('src/graphql/') || m.startsWith('src/http/server'))).toEqual([]);
  });

  it('differs from the server, which does load Apollo (the check can fail)', () => {
    expect(fromPackage(modulesLoadedBy('src/main.ts'), '@apollo/server').length).toBeGreaterThan(0);
  });
});
