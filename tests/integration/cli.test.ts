/**
 * `npm run seed` and `npm run neo4j` as built (dist/cli/), in child processes: the seed goes into
 * the run's Neo4j, counted there against seed/ read here (loading it again is seed.test.ts's
 * business); the embedded Neo4j runs alone, from start to a clean stop. (`npm run token`:
 * token-cli.test.ts; `npm start`: startup.test.ts.)
 */
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import neo4jDriver from 'neo4j-driver';
import YAML from 'yaml';
import { SEED_DIR } from '../../src/seed/load';
import { useEmptyNeo4j } from '../support/neo4j';
import { built, childCommandLines, cleanEnv, freePort, runToEnd, startLogging, type Running } from '../support/processes';

/** seed/ read with the YAML parser alone, not the loader, so the counts below do not come from the code under test. */
const seedFile = (name: string): unknown[] => YAML.parse(fs.readFileSync(path.join(SEED_DIR, name), 'utf8')) as unknown[];
const SEED_ENTITIES = seedFile('entities.yaml').length;
const SEED_RELATIONSHIPS = seedFile('relationships.yaml').length;
const SEED_DOCUMENTS = fs.readdirSync(path.join(SEED_DIR, 'documents')).filter((f) => f.endsWith('.txt')).length;

describe('npm run seed', () => {
  const neo4j = useEmptyNeo4j();
  let SEED: string;
  beforeAll(() => {
    SEED = built('cli/seed.js');
  });

  const count = (cypher: string): Promise<number> => neo4j.db.read(cypher, {}, (records) => Number(records[0]?.get(0)));
  // The run's Neo4j (NEO4J_URI, set by the global setup), with its credentials if it has any.
  const runNeo4j = (): Record<string, string> => {
    const env: Record<string, string> = {};
    for (const name of ['NEO4J_URI', 'NEO4J_USER', 'NEO4J_PASSWORD', 'NEO4J_DATABASE']) {
      const value = process.env[name];
      if (value !== undefined) env[name] = value;
    }
    return env;
  };

  it('loads seed/ into the configured Neo4j and logs what it wrote', async () => {
    const result = await runToEnd(SEED, [], cleanEnv({ ...runNeo4j(), LOG_LEVEL: 'info' }), 110_000);
    expect([result.code, result.stderr]).toEqual([0, '']);
    const lines = result.stdout
      .split('\n')
      .filter((l) => l !== '')
      .map((l) => JSON.parse(l) as Record<string, unknown>);
    const loaded = lines.find((l) => l.msg === 'seed loaded');
    // Not a terminal: the progress is logged as JSON lines, the last one with every row written.
    const progress = lines.filter((l) => l.msg === 'seed progress');
    expect(progress.length).toBeGreaterThanOrEqual(2);
    expect(progress[0]).toMatchObject({ rows: 0 });
    const last = progress[progress.length - 1] as Record<string, unknown>;
    expect(last.rows).toBe(last.total);
    expect(last.total).toBeGreaterThanOrEqual(SEED_ENTITIES + SEED_RELATIONSHIPS + SEED_DOCUMENTS);
    expect(loaded).toMatchObject({ entities: SEED_ENTITIES, relationships: SEED_RELATIONSHIPS, documents: SEED_DOCUMENTS, neo4j: process.env.NEO4J_URI });
    expect(await count('MATCH (e:Entity) RETURN count(e)')).toBe(SEED_ENTITIES);
    expect(await count('MATCH (:Entity)-[r]->(:Entity) RETURN count(r)')).toBe(SEED_RELATIONSHIPS);
    expect(await count('MATCH (d:Document) RETURN count(d)')).toBe(SEED_DOCUMENTS);
  }, 120_000);

  it('refuses --bulk against an external Neo4j (the importer writes only the embedded one\'s files), writing nothing', async () => {
    const before = await count('MATCH (n) RETURN count(n)');
    const result = await runToEnd(SEED, ['--bulk'], cleanEnv(runNeo4j()));
    expect(result.code).toBe(1);
    expect(result.stderr.trim().split('\n')).toEqual(['seed: --bulk refused, nothing was written: the bulk importer needs the embedded Neo4j (NEO4J_URI is set)']);
    expect(await count('MATCH (n) RETURN count(n)')).toBe(before);
  });

  it('lists every configuration problem and exits 2, writing nothing', async () => {
    const before = await count('MATCH (n) RETURN count(n)');
    const result = await runToEnd(SEED, [], cleanEnv({ NEO4J_URI: 'http://localhost:7474', NEO4J_STARTUP_TIMEOUT_SECONDS: 'soon' }));
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(/^seed: Invalid configuration:\n/);
    for (const name of ['NEO4J_URI', 'NEO4J_STARTUP_TIMEOUT_SECONDS']) expect(result.stderr).toContain(`  - ${name}: `);
    expect(await count('MATCH (n) RETURN count(n)')).toBe(before);
  });

  it('gives up on an unreachable Neo4j after NEO4J_STARTUP_TIMEOUT_SECONDS with a one-line cause', async () => {
    const port = await freePort();
    const result = await runToEnd(SEED, [], cleanEnv({ NEO4J_URI: `bolt://127.0.0.1:${port}`, NEO4J_STARTUP_TIMEOUT_SECONDS: '1' }));
    expect(result.code).toBe(1);
    expect(result.stderr.trim().split('\n')).toEqual([expect.stringMatching(new RegExp(`^seed: Neo4j at bolt://127.0.0.1:${port} \\(database "neo4j"\\) did not answer within 1 s`))]);
  });
});

describe('npm run neo4j', () => {
  let dataDir: string;
  let running: Running | undefined;
  beforeAll(() => {
    dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'actor-graph-cli-neo4j-'));
  });
  afterAll(async () => {
    if (running !== undefined && running.child.exitCode === null) {
      running.child.kill('SIGKILL');
      await running.exited;
    }
    fs.rmSync(dataDir, { recursive: true, force: true });
  });

  it('starts the embedded Neo4j in the foreground, answers Cypher on the Bolt port it logs, and stops cleanly on SIGINT', async () => {
    const jvmOptions = ['-XX:TieredStopAtLevel=1', '-Dactorgraph.test=cli-neo4j'];
    running = startLogging(
      built('cli/neo4j.js'),
      cleanEnv({ NEO4J_EMBEDDED_PORT: '0', NEO4J_EMBEDDED_DATA_DIR: dataDir, LOG_LEVEL: 'info', NEO4J_EMBEDDED_JVM_OPTIONS: jvmOptions.join(' ') }),
    );
    const ready = await running.logged((entry) => typeof entry.msg === 'string' && entry.msg.startsWith('embedded Neo4j ready at '));
    const uri = ready.uri as string;
    expect(uri).toMatch(/^bolt:\/\/127\.0\.0\.1:\d+$/);
    expect(ready.dataDir).toBe(dataDir);
    // NEO4J_EMBEDDED_JVM_OPTIONS reached the JVM, before its main class (after it, they would be the launcher's arguments).
    const java = childCommandLines(running.child.pid ?? -1).find((argv) => path.basename(argv[0] ?? '') === 'java');
    expect(java).toBeDefined();
    const main = java?.indexOf('io.actorgraph.embedded.EmbeddedNeo4j') ?? -1;
    expect(main).toBeGreaterThan(0);
    for (const option of jvmOptions) expect(java?.slice(0, main)).toContain(option);

    const driver = neo4jDriver.driver(uri);
    try {
      const { records } = await driver.executeQuery('RETURN 6 * 7 AS answer', {}, { database: 'neo4j' });
      expect(records[0]?.get('answer')).toEqual(neo4jDriver.int(42));
    } finally {
      await driver.close();
    }

    running.child.kill('SIGINT');
    expect(await running.exited).toBe(0);
    await running.logged((entry) => entry.msg === 'shutting down');
    // Neo4j went with it: nothing listens on its Bolt port any more.
    const { hostname, port } = new URL(uri.replace(/^bolt:/, 'http:'));
    await expect(
      new Promise<void>((resolve, reject) => {
        const socket = net.connect(Number(port), hostname, () => {
          socket.destroy();
          resolve();
        });
        socket.once('error', reject);
      }),
    ).rejects.toMatchObject({ code: 'ECONNREFUSED' });
    // Its store is in the data folder, where a later start finds it.
    expect(fs.readdirSync(dataDir).length).toBeGreaterThan(0);
  }, 120_000);
});
