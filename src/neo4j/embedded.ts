/**
 * The embedded Neo4j as a child process: builds the Java launcher in neo4j-embedded/ on first use
 * (Maven Wrapper; cached in its target/ folder), starts it, waits for its ready line and stops it
 * cleanly. The child also exits by itself when its stdin closes, so it never outlives this process.
 * Next to the build it keeps a class-data-sharing archive of the classes Neo4j loads as it starts,
 * so later starts map them instead of loading and verifying them from some two hundred jars.
 */
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import readline from 'node:readline';
import { PROJECT_ROOT } from '../config';
import type { Logger } from '../log';

export const LAUNCHER_DIR = path.join(PROJECT_ROOT, 'neo4j-embedded');
const MAIN_CLASS = 'io.actorgraph.embedded.EmbeddedNeo4j';
const TARGET = path.join(LAUNCHER_DIR, 'target');
const JAR = path.join(TARGET, 'neo4j-embedded.jar');
/** Maven's classpath of the launcher's dependencies. */
const CLASSPATH_FILE = path.join(TARGET, 'classpath.txt');
/** The classpath the launcher runs with: Maven's, with unsigned copies of its signed jars (UnsignedJars.java). */
const LAUNCH_CLASSPATH_FILE = path.join(TARGET, 'launch-classpath.txt');
const UNSIGNED_DIR = path.join(TARGET, 'unsigned');
/** Touched after each build: Maven leaves an unchanged jar or classpath file as it was, so their times cannot tell. */
const BUILT_STAMP = path.join(TARGET, 'built.stamp');
const READY = /^NEO4J_READY (bolt:\/\/\S+)\s*$/;
const IMPORTED = /^NEO4J_IMPORTED (\d+)\s*$/;
/**
 * The importer's verbose stage lines: `Relationships, started 2026-...` then `Done in 3s 808ms`, and
 * `IMPORT DONE in 10s 15ms.` at the end. (Its heap warning ends without a line break: `...GiBNodes, started`.)
 */
const STAGE_STARTED = /^(?:WARNING: heap size .*?Suggested heap size is [\d.]+\s*\w+?B)?(.+?), started \d{4}-\d\d-\d\d/;
const STAGE_DONE = /^(IMPORT )?DONE in ((?:\d+(?:ms|h|m|s)\s*)+)\.?\s*$/i;

/** `1h 2m 3s 4ms` in milliseconds. */
export function importerDuration(text: string): number {
  const unit: Record<string, number> = { h: 3_600_000, m: 60_000, s: 1_000, ms: 1 };
  return [...text.matchAll(/(\d+)(ms|h|m|s)/g)].reduce((ms, [, n, u]) => ms + Number(n) * (unit[u as string] ?? 0), 0);
}

/** A start-up failure with a one-line cause, meant to be shown as is. */
export class EmbeddedNeo4jError extends Error {
  override name = 'EmbeddedNeo4jError';
}

export interface EmbeddedOptions {
  host: string;
  /** 0 picks a free port. */
  port: number;
  dataDir: string;
  heap: string;
  pageCache: string;
  /** Memory all transactions together may use (the launcher's default is 256m; "0" lifts the cap). */
  txMemory?: string;
  logger: Logger;
  /** How long to wait for the ready line (the first start of a new store takes longest). */
  readyTimeoutMs?: number;
  /** More JVM options, after ours. */
  jvmOptions?: readonly string[];
  /**
   * Neo4j settings by name, as in neo4j.conf (the launcher's `--setting`, after its own): Neo4j
   * checks names and values, and refuses to start on an unknown name or a bad value, naming it.
   */
  settings?: Readonly<Record<string, string>>;
  /**
   * A folder of bulk-importer files (src/seed/import-files.ts): the launcher imports them into the
   * `neo4j` database before the DBMS starts, and refuses (exits, with the reason) unless that
   * database is absent or empty. The ready timeout then counts from the end of the import.
   */
  importDir?: string;
  /** Told as each stage of the import ends (the importer's own names: `Node import`, `Relationship linking`...; `IMPORT DONE` last). */
  onImportStage?: (stage: { name: string; ms: number }) => void;
}

export interface EmbeddedNeo4j {
  uri: string;
  pid: number;
  /** SIGTERM, then wait for a clean shutdown (SIGKILL only if it hangs past `graceMs`). */
  stop: (graceMs?: number) => Promise<void>;
  /** Resolves with the exit code when the process ends, for whatever reason. */
  exited: Promise<number | null>;
  /** With `importDir`: how long the import took (ms, as the launcher measured it). */
  importMs?: number;
}

/** Java 17 or newer on PATH, or an error saying what to do instead; returns its `java -version`. */
export function checkJava(): string {
  const result = spawnSync('java', ['-version'], { encoding: 'utf8' });
  if (result.error !== undefined || result.status !== 0) {
    throw new EmbeddedNeo4jError(
      'Java 17+ is needed for the embedded Neo4j but `java` was not found on PATH: install a JDK 17+, or run with Docker (`docker compose up`), or point NEO4J_URI at a running Neo4j.',
    );
  }
  const major = Number(/version "(?:1\.)?(\d+)/.exec(result.stderr)?.[1] ?? '0');
  if (major < 17) {
    throw new EmbeddedNeo4jError(`Java 17+ is needed for the embedded Neo4j, found Java ${major}: install a JDK 17+, or run with Docker (\`docker compose up\`).`);
  }
  return result.stderr;
}

function newestMtime(entry: string): number {
  const stat = fs.statSync(entry);
  if (!stat.isDirectory()) return stat.mtimeMs;
  return Math.max(stat.mtimeMs, ...fs.readdirSync(entry).map((child) => newestMtime(path.join(entry, child))));
}

function isBuilt(): boolean {
  if (!fs.existsSync(LAUNCH_CLASSPATH_FILE) || !fs.existsSync(JAR) || !fs.existsSync(BUILT_STAMP)) return false;
  const built = fs.statSync(BUILT_STAMP).mtimeMs;
  return newestMtime(path.join(LAUNCHER_DIR, 'pom.xml')) <= built && newestMtime(path.join(LAUNCHER_DIR, 'src')) <= built;
}

/** What the launcher runs with: its classpath, and the JVM options every start shares. */
export interface Launcher {
  classpath: string;
  jvmOptions: string[];
}

/**
 * JVM options every start shares. JVM warnings go to stderr (by default they go to stdout, which
 * carries only the ready line).
 */
const BASE_JVM_OPTIONS = [
  '-XX:+UseSerialGC',
  '-XX:+ExitOnOutOfMemoryError',
  '-Xlog:disable',
  '-Xlog:all=warning:stderr',
  // As the Neo4j server starts its JVM: without these, Neo4j logs page-cache and native-access
  // fallbacks (and cannot preallocate transaction logs).
  '--add-opens=java.base/java.nio=ALL-UNNAMED',
  '--add-opens=java.base/java.io=ALL-UNNAMED',
  '--add-opens=java.base/sun.nio.ch=ALL-UNNAMED',
  '--enable-native-access=ALL-UNNAMED',
];

/**
 * Builds the launcher unless an up-to-date build is cached, and its class archive unless one for
 * this build and this JVM exists.
 */
export function ensureLauncherBuilt(logger: Logger): Launcher {
  const javaVersion = checkJava();
  if (!isBuilt()) {
    logger.info('building the embedded Neo4j launcher (first run only: Maven downloads Neo4j from Maven Central)');
    const mvnw = process.platform === 'win32' ? 'mvnw.cmd' : './mvnw';
    const result = spawnSync(mvnw, ['-q', '-B', 'package', '-DskipTests'], { cwd: LAUNCHER_DIR, stdio: ['ignore', 'inherit', 'inherit'], shell: process.platform === 'win32' });
    if (result.status !== 0) {
      throw new EmbeddedNeo4jError(`building the embedded Neo4j launcher failed (exit ${result.status ?? result.signal}); run \`cd neo4j-embedded && ./mvnw package\` to see why`);
    }
    writeLaunchClasspath();
    fs.writeFileSync(BUILT_STAMP, '');
  }
  const classpath = `${JAR}${path.delimiter}${fs.readFileSync(LAUNCH_CLASSPATH_FILE, 'utf8').trim()}`;
  const archive = ensureClassArchive(classpath, javaVersion, logger);
  return { classpath, jvmOptions: archive === undefined ? BASE_JVM_OPTIONS : [...BASE_JVM_OPTIONS, `-XX:SharedArchiveFile=${archive}`] };
}

/** Maven's classpath with unsigned copies of the signed jars on it (why: UnsignedJars.java). */
function writeLaunchClasspath(): void {
  const dependencies = fs.readFileSync(CLASSPATH_FILE, 'utf8').trim().split(path.delimiter).filter((entry) => entry !== '');
  const result = spawnSync('java', ['-cp', JAR, 'io.actorgraph.embedded.UnsignedJars', UNSIGNED_DIR, ...dependencies], { encoding: 'utf8', maxBuffer: 16 * 1024 * 1024 });
  if (result.status !== 0) {
    throw new EmbeddedNeo4jError(`building the embedded Neo4j launcher failed: ${result.stderr.trim().replace(/^neo4j-embedded: /, '') || `exit ${result.status ?? result.signal}`}`);
  }
  const classpath = result.stdout.trim().split('\n');
  // Copies of jars the build no longer uses (another version) are of no more use.
  for (const name of fs.readdirSync(UNSIGNED_DIR)) {
    if (!classpath.includes(path.join(UNSIGNED_DIR, name))) fs.rmSync(path.join(UNSIGNED_DIR, name), { force: true });
  }
  fs.writeFileSync(LAUNCH_CLASSPATH_FILE, classpath.join(path.delimiter));
}

/**
 * A dynamic class-data-sharing archive (JDK 13+) of the classes a start of the launcher loads,
 * made once by starting it on an empty folder and stopping it (about 15 s). Measured on this
 * project's 2-core machine, in CPU seconds, without and with it: a start 13 and 9.4; with the
 * quick JIT the tests use, a start 7.6-9.3 and 5.3-5.4, and the first load of the project seed
 * into it 16-17 and 8.7-9.2 (classes Cypher loads later are verified faster). The JVM checks
 * that an archive matches its own build and the classpath's jars, and runs without it if not; the
 * archive's name also carries both, so a new JDK or a rebuilt launcher gets a new one. Without one
 * (it could not be made, which is remembered for this build and JDK) Neo4j starts as before.
 */
function ensureClassArchive(classpath: string, javaVersion: string, logger: Logger): string | undefined {
  const jar = fs.statSync(JAR);
  const key = createHash('sha256').update(`${javaVersion}\n${classpath}\n${jar.size}\n${jar.mtimeMs}`).digest('hex').slice(0, 16);
  const archive = path.join(TARGET, `classes-${key}.jsa`);
  if (fs.existsSync(archive)) return archive;
  const failed = `${archive}.failed`;
  if (fs.existsSync(failed)) return undefined;
  logger.info('preparing the embedded Neo4j class archive (once per build: a start and a stop of Neo4j, about 15 s)');
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'actor-graph-class-archive-'));
  // Made under a name of its own and renamed when whole: concurrent first starts each make one.
  const partial = `${archive}.${process.pid}.partial`;
  try {
    // With stdin already at its end, the launcher starts, prints its ready line, stops cleanly,
    // and the JVM writes the archive as it exits.
    const result = spawnSync(
      'java',
      ['-Xmx384m', ...BASE_JVM_OPTIONS, `-XX:ArchiveClassesAtExit=${partial}`, '-cp', classpath, MAIN_CLASS, '--data', dataDir, '--port', '0', '--pagecache', '32m', '--exit-on-stdin-close'],
      { input: '', encoding: 'utf8', timeout: 300_000 },
    );
    if (result.status !== 0 || !fs.existsSync(partial)) {
      fs.writeFileSync(failed, `${result.stderr}\n`);
      logger.warn({ exit: result.status ?? result.signal, stderr: result.stderr.split('\n').slice(-5).join('\n') }, 'could not make the embedded Neo4j class archive; Neo4j starts without it');
      return undefined;
    }
    fs.renameSync(partial, archive);
    // Archives of earlier builds or JDKs are of no more use (each is some 80 MB).
    for (const name of fs.readdirSync(TARGET)) {
      if (/^classes-[0-9a-f]+\.jsa(\.failed)?$/.test(name) && path.join(TARGET, name) !== archive) fs.rmSync(path.join(TARGET, name), { force: true });
    }
    return archive;
  } finally {
    fs.rmSync(partial, { force: true });
    fs.rmSync(dataDir, { recursive: true, force: true });
  }
}

export async function startEmbeddedNeo4j(options: EmbeddedOptions): Promise<EmbeddedNeo4j> {
  const { logger } = options;
  const launcher = ensureLauncherBuilt(logger);
  fs.mkdirSync(options.dataDir, { recursive: true });

  const child = spawn(
    'java',
    [
      `-Xmx${options.heap}`,
      ...launcher.jvmOptions,
      ...(options.jvmOptions ?? []),
      '-cp',
      launcher.classpath,
      MAIN_CLASS,
      '--data',
      options.dataDir,
      '--host',
      options.host,
      '--port',
      String(options.port),
      '--pagecache',
      options.pageCache,
      ...(options.txMemory === undefined ? [] : ['--tx-memory', options.txMemory]),
      ...(options.importDir === undefined ? [] : ['--import', options.importDir]),
      ...Object.entries(options.settings ?? {}).flatMap(([name, value]) => ['--setting', `${name}=${value}`]),
      '--exit-on-stdin-close',
    ],
    { stdio: ['pipe', 'pipe', 'pipe'] },
  );

  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  const recentErrors: string[] = [];
  let stage = 'import';
  let importMs: number | undefined;
  readline.createInterface({ input: child.stderr as NodeJS.ReadableStream }).on('line', (line) => {
    recentErrors.push(line);
    if (recentErrors.length > 20) recentErrors.shift();
    logger.debug({ neo4j: line }, 'embedded neo4j');
    if (options.importDir !== undefined && importMs === undefined) {
      const started = STAGE_STARTED.exec(line)?.[1];
      if (started !== undefined) stage = started;
      const done = STAGE_DONE.exec(line);
      if (done?.[2] !== undefined) options.onImportStage?.({ name: done[1] === undefined ? stage : 'import', ms: importerDuration(done[2]) });
    }
  });

  const uri = await new Promise<string>((resolve, reject) => {
    const readyTimeoutMs = options.readyTimeoutMs ?? 120_000;
    const expire = (): void => {
      child.kill('SIGKILL');
      reject(new EmbeddedNeo4jError(`the embedded Neo4j did not become ready within ${readyTimeoutMs / 1000} s`));
    };
    // An import takes as long as the data needs (the launcher reports its failures itself).
    let timer = options.importDir === undefined ? setTimeout(expire, readyTimeoutMs) : undefined;
    readline.createInterface({ input: child.stdout as NodeJS.ReadableStream }).on('line', (line) => {
      const imported = IMPORTED.exec(line);
      if (imported?.[1] !== undefined) {
        importMs = Number(imported[1]);
        timer = setTimeout(expire, readyTimeoutMs);
        return;
      }
      const match = READY.exec(line);
      if (match?.[1] !== undefined) {
        clearTimeout(timer);
        resolve(match[1]);
      }
    });
    child.once('error', (e) => {
      clearTimeout(timer);
      reject(new EmbeddedNeo4jError(`the embedded Neo4j could not be started: ${e.message}`));
    });
    void exited.then((code) => {
      clearTimeout(timer);
      const cause = [...recentErrors].reverse().find((l) => l.startsWith('neo4j-embedded: ')) ?? recentErrors[recentErrors.length - 1] ?? 'no output';
      reject(new EmbeddedNeo4jError(`the embedded Neo4j exited (code ${code}) before it was ready: ${cause.replace(/^neo4j-embedded: /, '')}`));
    });
  });

  return {
    uri,
    pid: child.pid ?? -1,
    exited,
    importMs,
    stop: (graceMs = 30_000) => stopChild(child, exited, graceMs),
  };
}

async function stopChild(child: ChildProcess, exited: Promise<number | null>, graceMs: number): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return;
  child.kill('SIGTERM');
  const timer = setTimeout(() => child.kill('SIGKILL'), graceMs);
  await exited;
  clearTimeout(timer);
}
