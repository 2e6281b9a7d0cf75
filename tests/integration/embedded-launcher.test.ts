/**
 * The embedded Neo4j launcher's class archive: made once per build and JVM, and one that this
 * JVM maps for the launcher's classpath. `-Xshare:on` makes the JVM refuse to start when it
 * cannot map the archive (by default it quietly runs without it), and its class-loading log names
 * where each class came from.
 */
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import { createLogger } from '../../src/log';
import { ensureLauncherBuilt } from '../../src/neo4j/embedded';

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

  it('makes the archive once: a second call finds it', () => {
    const first = ensureLauncherBuilt(createLogger('silent')).jvmOptions;
    const archive = first.map((option) => ARCHIVE_OPTION.exec(option)?.[1]).find((file) => file !== undefined) ?? '';
    const made = fs.statSync(archive).mtimeMs;
    expect(ensureLauncherBuilt(createLogger('silent')).jvmOptions).toEqual(first);
    expect(fs.statSync(archive).mtimeMs).toBe(made);
  });
});
