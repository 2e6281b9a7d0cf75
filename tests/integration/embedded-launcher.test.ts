/**
 * The embedded Neo4j launcher's class archive: made once per build and JVM, and one that this
 * JVM maps for the launcher's classpath. `-Xshare:on` makes the JVM refuse to start when it
 * cannot map the archive (by default it quietly runs without it), and its class-loading log names
 * where each class came from; `-XX:+PrintSharedArchiveAndExit` lists the classes it holds.
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
