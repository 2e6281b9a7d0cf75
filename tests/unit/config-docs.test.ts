/**
 * The configuration table is the one declaration of every variable: the README's Configuration
 * table and `.env.example` must be what it renders (`npm run config:docs` rewrites both), and
 * what it declares must be what loadConfig does with a value out of bounds or unset.
 */
import fs from 'node:fs';
import path from 'node:path';
import { ConfigError, loadConfig, PROJECT_ROOT, VARIABLES } from '../../src/config';
import { README_BEGIN, README_END, renderEnvExample, renderReadmeTable, updateReadme } from '../../src/config/docs';

const read = (file: string): string => fs.readFileSync(path.join(PROJECT_ROOT, file), 'utf8');

describe('the configuration docs', () => {
  it('README.md has the table the declarations render (else run npm run config:docs)', () => {
    const readme = read('README.md');
    expect(readme).toContain(renderReadmeTable());
    expect(updateReadme(readme)).toBe(readme);
  });

  it('.env.example is what the declarations render (else run npm run config:docs)', () => {
    expect(read('.env.example')).toBe(renderEnvExample());
  });

  it('lists every declared variable once in each, with its default', () => {
    const readme = read('README.md');
    const table = readme.slice(readme.indexOf(README_BEGIN), readme.indexOf(README_END));
    const env = read('.env.example');
    for (const v of VARIABLES) {
      expect(table.split(`| \`${v.name}\` |`)).toHaveLength(2);
      expect(env.split('\n').filter((line) => line.startsWith(`# ${v.name}=`))).toEqual([`# ${v.name}=${v.default === undefined ? '' : String(v.default)}`]);
    }
  });

  it('notices a drift: a changed default no longer renders the committed table', () => {
    const changed = VARIABLES.map((v) => (v.name === 'PORT' ? { ...v, default: 4001 } : v));
    expect(read('README.md')).not.toContain(renderReadmeTable(changed));
    expect(read('.env.example')).not.toBe(renderEnvExample(changed));
  });
});

describe('the declarations drive loadConfig', () => {
  const integers = VARIABLES.filter((v) => v.type === 'integer');

  it('refuses each integer one past its declared bounds, all in one report', () => {
    const env = Object.fromEntries(integers.map((v) => [v.name, String(v.max + 1)]));
    let problems: string[] = [];
    try {
      loadConfig(env);
    } catch (e: unknown) {
      if (!(e instanceof ConfigError)) throw e;
      problems = e.problems;
    }
    expect(problems).toEqual(integers.map((v) => `${v.name}: must be an integer from ${v.min} to ${v.max}, got "${v.max + 1}"`));
  });

  it('accepts each integer at its declared bounds', () => {
    expect(() => loadConfig(Object.fromEntries(integers.map((v) => [v.name, String(v.min)])))).not.toThrow();
    expect(() => loadConfig(Object.fromEntries(integers.map((v) => [v.name, String(v.max)])))).not.toThrow();
  });
});
