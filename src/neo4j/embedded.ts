/**
 * The embedded Neo4j as a child process: builds the Java launcher in neo4j-embedded/ on first use
 * (Maven Wrapper; cached in its target/ folder), starts it, waits for its ready line and stops it
 * cleanly. The child also exits by itself when its stdin closes, so it never outlives this process.
 */
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import readline from 'node:readline';
import { PROJECT_ROOT } from '../config';
import type { Logger } from '../log';

export const LAUNCHER_DIR = path.join(PROJECT_ROOT, 'neo4j-embedded');
const MAIN_CLASS = 'io.actorgraph.embedded.EmbeddedNeo4j';
const CLASSES = path.join(LAUNCHER_DIR, 'target', 'classes');
const CLASSPATH_FILE = path.join(LAUNCHER_DIR, 'target', 'classpath.txt');
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

/** Java 17 or newer on PATH, or an error saying what to do instead. */
export function checkJava(): void {
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
}

function newestMtime(entry: string): number {
  const stat = fs.statSync(entry);
  if (!stat.isDirectory()) return stat.mtimeMs;
  return Math.max(stat.mtimeMs, ...fs.readdirSync(entry).map((child) => newestMtime(path.join(entry, child))));
}

function isBuilt(): boolean {
  if (!fs.existsSync(CLASSPATH_FILE) || !fs.existsSync(path.join(CLASSES, ...MAIN_CLASS.split('.')) + '.class')) return false;
  const built = fs.statSync(CLASSPATH_FILE).mtimeMs;
  return newestMtime(path.join(LAUNCHER_DIR, 'pom.xml')) <= built && newestMtime(path.join(LAUNCHER_DIR, 'src')) <= built;
}

/** Builds the launcher unless an up-to-date build is cached; returns the java classpath. */
export function ensureLauncherBuilt(logger: Logger): string {
  checkJava();
  if (!isBuilt()) {
    logger.info('building the embedded Neo4j launcher (first run only: Maven downloads Neo4j from Maven Central)');
    const mvnw = process.platform === 'win32' ? 'mvnw.cmd' : './mvnw';
    const result = spawnSync(mvnw, ['-q', '-B', 'package', '-DskipTests'], { cwd: LAUNCHER_DIR, stdio: ['ignore', 'inherit', 'inherit'], shell: process.platform === 'win32' });
    if (result.status !== 0) {
      throw new EmbeddedNeo4jError(`building the embedded Neo4j launcher failed (exit ${result.status ?? result.signal}); run \`cd neo4j-embedded && ./mvnw package\` to see why`);
    }
  }
  return `${CLASSES}${path.delimiter}${fs.readFileSync(CLASSPATH_FILE, 'utf8').trim()}`;
}

export async function startEmbeddedNeo4j(options: EmbeddedOptions): Promise<EmbeddedNeo4j> {
  const { logger } = options;
  const classpath = ensureLauncherBuilt(logger);
  fs.mkdirSync(options.dataDir, { recursive: true });

  const child = spawn(
    'java',
    [
      `-Xmx${options.heap}`,
      '-XX:+UseSerialGC',
      '-XX:+ExitOnOutOfMemoryError',
      // As the Neo4j server starts its JVM: without these, Neo4j logs page-cache and native-access
      // fallbacks (and cannot preallocate transaction logs).
      '--add-opens=java.base/java.nio=ALL-UNNAMED',
      '--add-opens=java.base/java.io=ALL-UNNAMED',
      '--add-opens=java.base/sun.nio.ch=ALL-UNNAMED',
      '--enable-native-access=ALL-UNNAMED',
      ...(options.jvmOptions ?? []),
      '-cp',
      classpath,
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
