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

  it('allows every origin by default and reads CORS_ORIGINS as a list of origins', () => {
    expect(loadConfig({}).corsOrigins).toBe('*');
    expect(loadConfig({ CORS_ORIGINS: 'https://App.Example.org, http://localhost:5173' }).corsOrigins).toEqual(['https://app.example.org', 'http://localhost:5173']);
  });

  it('reports malformed CORS_ORIGINS entries together with the other problems', () => {
    const problems = problemsOf({ PORT: 'abc', CORS_ORIGINS: 'https://app.example.org/,app.example.org' });
    expect(problems).toHaveLength(3);
    expect(problems[0]).toMatch(/^CORS_ORIGINS: "https:\/\/app\.example\.org\/" is not an origin .*trailing slash.*scheme:\/\/host\[:port\]/);
    expect(problems[1]).toMatch(/^CORS_ORIGINS: "app\.example\.org" is not an origin \(no scheme\)/);
    expect(problems[2]).toMatch(/^PORT:/);
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
