/**
 * The embedded Neo4j launcher's class archive: made once per build and JVM, and one that this
 * JVM maps for the launcher's classpath. `-Xshare:on` makes the JVM refuse to start when it
 * cannot map the archive (by default it quietly runs without it), and its class-loading log names
 * where each class came from; `-XX:+PrintSharedArchiveAndExit` lists the classes it holds. And the
 * launcher's Neo4j settings (`--setting`): checked before anything starts, applied when it does.
 */
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { createLogger } from '../../src/log';
import { createDriver } from '../../src/neo4j/driver';
import { ensureLauncherBuilt, startEmbeddedNeo4j } from '../../src/neo4j/embedded';
import { QUICK_START_JVM_OPTIONS } from '../support/processes';

const ARCHIVE_OPTION = /^-XX:SharedArchiveFile=(.+)$/;

describe('the embedded Neo4j launcher', () => {
  it('starts its JVM with a class archive that maps for its classpath and holds its own classes', () => {
    const launcher = ensureLauncherBuilt(createLogger('silent'));
    const archive = launcher.jvmOptions.map((option) => ARCHIVE_OPTION.exec(option)?.[1]).find((file) => file !== undefined);
    expect(archive).toBeDefined();
    expect(fs.statSync(archive ?? '').size).toBeGreaterThan(0);

    // A usage error: the launcher's main class loads, complains and exits 1 without starting Neo4j.
    const run = spawnSync('java', [...launcher.jvmOptions, '-Xshare:on', '-Xlog:class+load=info:stdout', '-cp', launcher.classpath, 'io.actorgraph.embedded.EmbeddedNeo4j', '--no-such-option'], {
      encoding: 'utf8',
    });
    expect(run.stderr).toMatch(/neo4j-embedded: .*--no-such-option/);
    expect(run.status).toBe(1);
    // The archive also holds the classes Neo4j loads as it starts, not only the JDK's.
    const shared = run.stdout.split('\n').filter((line) => line.includes('source: shared objects file (top)'));
    expect(shared).toEqual(expect.arrayContaining([expect.stringContaining('io.actorgraph.embedded.EmbeddedNeo4j ')]));
    expect(shared.length).toBeGreaterThan(5);
  });

  it('runs Neo4j from unsigned copies of the jars it ships signed, so the archive holds their classes too', () => {
    const launcher = ensureLauncherBuilt(createLogger('silent'));
    // Class-data sharing skips classes from signed jars; eclipse-collections is the one Neo4j ships signed.
    const listing = spawnSync('java', [...launcher.jvmOptions, '-XX:+PrintSharedArchiveAndExit', '-cp', launcher.classpath, 'io.actorgraph.embedded.EmbeddedNeo4j'], { encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 });
    expect(listing.status).toBe(0);
    const archived = listing.stdout.split('\n').filter((line) => /^\s*\d+: org\.eclipse\.collections\.(api|impl)\./.test(line));
    expect(archived.length).toBeGreaterThan(100);
    expect(archived).toEqual(expect.arrayContaining([expect.stringContaining('org.eclipse.collections.impl.'), expect.stringContaining('org.eclipse.collections.api.')]));
  });

  it('makes the archive once: a second call finds it', () => {
    const first = ensureLauncherBuilt(createLogger('silent')).jvmOptions;
    const archive = first.map((option) => ARCHIVE_OPTION.exec(option)?.[1]).find((file) => file !== undefined) ?? '';
    const made = fs.statSync(archive).mtimeMs;
    expect(ensureLauncherBuilt(createLogger('silent')).jvmOptions).toEqual(first);
    expect(fs.statSync(archive).mtimeMs).toBe(made);
  });
});

describe('Neo4j settings given to the launcher', () => {
  let dir: string;
  beforeAll(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'actor-graph-launcher-settings-'));
  });
  afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

  it('refuses an unknown setting or a bad value, naming it, before Neo4j starts', () => {
    const launcher = ensureLauncherBuilt(createLogger('silent'));
    const dataDir = path.join(dir, 'refused');
    const launch = (setting: string): { status: number | null; stderr: string } =>
      spawnSync('java', [...launcher.jvmOptions, '-cp', launcher.classpath, 'io.actorgraph.embedded.EmbeddedNeo4j', '--data', dataDir, '--setting', setting], { encoding: 'utf8' });
    const unknown = launch('dbms.no_such_setting=1');
    expect(unknown.status).toBe(1);
    expect(unknown.stderr).toMatch(/^neo4j-embedded: invalid --setting 'dbms\.no_such_setting=1': Unrecognized setting\. No declared setting with name: dbms\.no_such_setting\./m);
    const bad = launch('dbms.cypher.min_replan_interval=soon');
    expect(bad.status).toBe(1);
    expect(bad.stderr).toMatch(/^neo4j-embedded: invalid --setting 'dbms\.cypher\.min_replan_interval=soon': .*'dbms\.cypher\.min_replan_interval'/m);
    // Refused before Neo4j started: it made no store.
    expect(fs.existsSync(dataDir)).toBe(false);
  });

  it('starts Neo4j with the settings it is given', async () => {
    const logger = createLogger('silent');
    const neo4j = await startEmbeddedNeo4j({
      host: '127.0.0.1',
      port: 0,
      dataDir: path.join(dir, 'applied'),
      heap: '384m',
      pageCache: '32m',
      logger,
      jvmOptions: QUICK_START_JVM_OPTIONS,
      settings: { 'dbms.cypher.min_replan_interval': '42m', 'db.transaction.timeout': '17s' },
    });
    const driver = createDriver({ uri: neo4j.uri, user: 'neo4j', password: undefined, logger });
    try {
      const { records } = await driver.executeQuery(
        "SHOW SETTINGS YIELD name, value WHERE name IN ['dbms.cypher.min_replan_interval', 'db.transaction.timeout'] RETURN name, value ORDER BY name",
        {},
        { database: 'neo4j' },
      );
      expect(records.map((r) => [r.get('name') as string, r.get('value') as string])).toEqual([
        ['db.transaction.timeout', '17s'],
        ['dbms.cypher.min_replan_interval', '42m'],
      ]);
    } finally {
      await driver.close();
      await neo4j.stop();
    }
  }, 120_000);
});
