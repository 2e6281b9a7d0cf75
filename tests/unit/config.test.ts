import path from 'node:path';
import fs from 'node:fs';
import { CONFIG_VARIABLES, ConfigError, loadConfig, PROJECT_ROOT } from '../../src/config';

function problemsOf(env: Record<string, string>): string[] {
  try {
    loadConfig(env);
  } catch (e: unknown) {
    if (e instanceof ConfigError) return e.problems;
    throw e;
  }
  throw new Error('expected a ConfigError');
}

describe('loadConfig', () => {
  it('defaults to the embedded Neo4j and port 4000 with no configuration', () => {
    const config = loadConfig({});
    expect(config.port).toBe(4000);
    expect(config.neo4j.mode).toBe('embedded');
    expect(config.neo4j.database).toBe('neo4j');
    expect(config.embedded.port).toBe(7687);
    expect(config.embedded.dataDir).toBe(path.join(PROJECT_ROOT, '.data', 'neo4j'));
    expect(config.maxBodyBytes).toBe(100_000);
  });

  it('uses an external Neo4j when NEO4J_URI is set', () => {
    const config = loadConfig({ NEO4J_URI: 'neo4j://db.example:7687', NEO4J_USER: 'reader', NEO4J_PASSWORD: 'secret-pw', NEO4J_DATABASE: 'actors', PORT: '8080' });
    expect(config.neo4j).toMatchObject({ mode: 'external', uri: 'neo4j://db.example:7687', user: 'reader', password: 'secret-pw', database: 'actors' });
    expect(config.port).toBe(8080);
  });

  it('reports every problem at once, each naming its variable', () => {
    const problems = problemsOf({
      PORT: 'abc',
      NEO4J_URI: 'http://localhost:7474',
      LOG_LEVEL: 'loud',
      NEO4J_EMBEDDED_HEAP: 'lots',
      NEO4J_STARTUP_TIMEOUT_SECONDS: '0',
      NEO4J_DATABASE: 'x',
    });
    expect(problems).toHaveLength(6);
    for (const name of ['PORT', 'NEO4J_URI', 'LOG_LEVEL', 'NEO4J_EMBEDDED_HEAP', 'NEO4J_STARTUP_TIMEOUT_SECONDS', 'NEO4J_DATABASE']) {
      expect(problems.some((p) => p.startsWith(`${name}:`))).toBe(true);
    }
    expect(problems.find((p) => p.startsWith('PORT:'))).toContain('"abc"');
  });

  it('refuses a port out of range and a password without a URI', () => {
    expect(problemsOf({ PORT: '70000' })[0]).toMatch(/^PORT: must be an integer from 0 to 65535/);
    expect(problemsOf({ NEO4J_PASSWORD: 'secret-pw' })[0]).toMatch(/^NEO4J_PASSWORD:/);
  });

  it('sets the request deadline from NEO4J_QUERY_TIMEOUT_MS plus NEO4J_DEADLINE_MARGIN_MS', () => {
    expect(loadConfig({}).limits).toMatchObject({ queryTimeoutMs: 5_000, deadlineMarginMs: 2_000 });
    expect(loadConfig({ NEO4J_QUERY_TIMEOUT_MS: '3000', NEO4J_DEADLINE_MARGIN_MS: '500' }).limits).toMatchObject({ queryTimeoutMs: 3_000, deadlineMarginMs: 500 });
    expect(problemsOf({ NEO4J_DEADLINE_MARGIN_MS: '0' })[0]).toMatch(/^NEO4J_DEADLINE_MARGIN_MS: must be an integer from 100 to 60000, got "0"/);
    expect(problemsOf({ NEO4J_DEADLINE_MARGIN_MS: '2s' })[0]).toMatch(/^NEO4J_DEADLINE_MARGIN_MS:/);
  });

  it('treats empty variables as unset', () => {
    expect(loadConfig({ NEO4J_URI: '', PORT: ' ' }).neo4j.mode).toBe('embedded');
  });
});

describe('the README', () => {
  it('documents every configuration variable', () => {
    const readme = fs.readFileSync(path.join(PROJECT_ROOT, 'README.md'), 'utf8');
    const undocumented = CONFIG_VARIABLES.filter((name) => !readme.includes(`| \`${name}\` |`));
    expect(undocumented).toEqual([]);
  });
});
