/**
 * For tests that break a Neo4j on purpose: a Neo4j child process of the test's own (free port,
 * temporary folder) that the test can crash (SIGKILL), freeze (SIGSTOP) and thaw (SIGCONT); a
 * count of the Bolt connections open to it, read from the kernel's socket table rather than
 * from the driver; and small timing helpers.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { createLogger } from '../../src/log';
import { createDriver, CypherExecutor } from '../../src/neo4j/driver';
import { startEmbeddedNeo4j, type EmbeddedNeo4j } from '../../src/neo4j/embedded';
import { loadSeed } from '../../src/seed/load';
import { freePort, QUICK_START_JVM_OPTIONS } from './processes';

export interface OwnNeo4j {
  readonly uri: string;
  readonly port: number;
  readonly pid: number;
  /** SIGKILL, as a crash: no shutdown, sockets reset by the kernel. Resolves once it has exited. */
  crash: () => Promise<void>;
  /**
   * SIGSTOP: alive, sockets open, silent. Resolves once every thread of it has stopped: the kernel
   * stops a process's threads one by one as each is next scheduled, so on a busy machine a thread
   * already running could still answer a query sent right after the signal (seen once: a "frozen"
   * Neo4j answered the deadline test's read).
   */
  freeze: () => Promise<void>;
  /** SIGCONT. Harmless when not frozen. */
  thaw: () => void;
  /** SIGTERM and a clean shutdown. */
  stop: () => Promise<void>;
  /** Starts it again on the same port and data folder (after a crash or stop). */
  restart: () => Promise<void>;
  /** Thaws and stops it and deletes its folder; safe to call in any state. */
  dispose: () => Promise<void>;
}

/** Its own Neo4j on the quick JIT (QUICK_START_JVM_OPTIONS): crash tests start and restart it often. */
const startQuick = (dataDir: string, port: number): Promise<EmbeddedNeo4j> =>
  startEmbeddedNeo4j({ host: '127.0.0.1', port, dataDir, heap: '384m', pageCache: '32m', logger: createLogger('silent'), jvmOptions: QUICK_START_JVM_OPTIONS });

/**
 * A new folder holding a Neo4j store with the project seed loaded, stopped cleanly. The first call
 * of a run loads the seed into a Neo4j of its own and keeps that store in the run's state folder
 * (global-setup.ts); later calls copy it. The files that break a Neo4j each need the seed, and on
 * a fresh JVM its load costs more than the start itself (measured idle: a start 5 s, the schema
 * and the seed 11.5 s; a copied store starts in 4-5 s, seeded). Outside a Jest run (no state
 * folder) every call loads the seed itself.
 */
export async function seededDataDir(name: string): Promise<string> {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), `actor-graph-${name}-`));
  const stateDir = process.env.ACTOR_GRAPH_TEST_STATE_DIR;
  const template = stateDir === undefined ? undefined : path.join(stateDir, 'seeded-neo4j');
  if (template !== undefined && fs.existsSync(template)) {
    fs.cpSync(template, dataDir, { recursive: true });
    return dataDir;
  }
  const neo4j = await startQuick(dataDir, 0);
  const driver = createDriver({ uri: neo4j.uri, user: 'neo4j', password: undefined, logger: createLogger('silent') });
  try {
    await loadSeed(new CypherExecutor(driver, 'neo4j'));
  } finally {
    await driver.close();
    await neo4j.stop(30_000);
  }
  if (template !== undefined) {
    // Copied aside and renamed whole, so no caller ever copies half a store.
    const partial = fs.mkdtempSync(`${template}-`);
    fs.cpSync(dataDir, partial, { recursive: true });
    try {
      fs.renameSync(partial, template);
    } catch {
      // Another file of the run made it meanwhile.
      fs.rmSync(partial, { recursive: true, force: true });
    }
  }
  return dataDir;
}

/** A Neo4j of the caller's own, on a store that holds the project seed (seededDataDir). */
export async function startOwnNeo4j(name: string): Promise<OwnNeo4j> {
  const dataDir = await seededDataDir(name);
  const port = await freePort();
  const start = (): Promise<EmbeddedNeo4j> => startQuick(dataDir, port);
  let current: EmbeddedNeo4j | undefined = await start();
  const signal = (sig: NodeJS.Signals): void => {
    if (current === undefined) return;
    try {
      process.kill(current.pid, sig);
    } catch {
      // already gone
    }
  };
  return {
    uri: current.uri,
    port,
    get pid() {
      return current?.pid ?? -1;
    },
    crash: async () => {
      const dying = current;
      signal('SIGKILL');
      current = undefined;
      await dying?.exited;
    },
    stop: async () => {
      const stopping = current;
      current = undefined;
      await stopping?.stop(10_000);
    },
    freeze: async () => {
      const pid = current?.pid;
      signal('SIGSTOP');
      if (pid !== undefined) await untilStopped(pid);
    },
    thaw: () => signal('SIGCONT'),
    restart: async () => {
      if (current !== undefined) throw new Error('restart: Neo4j is still running');
      current = await start();
    },
    dispose: async () => {
      signal('SIGCONT');
      await current?.stop(10_000);
      current = undefined;
      fs.rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

/** A thread's state letter from /proc (T: stopped); undefined once it has gone. */
function threadState(pid: number, tid: string): string | undefined {
  try {
    const stat = fs.readFileSync(`/proc/${pid}/task/${tid}/stat`, 'utf8');
    return stat.slice(stat.lastIndexOf(')') + 2, stat.lastIndexOf(')') + 3);
  } catch {
    return undefined;
  }
}

/** Waits until every thread of `pid` is stopped (Linux /proc), polling every few milliseconds. */
async function untilStopped(pid: number, limitMs = 10_000): Promise<void> {
  const started = Date.now();
  for (;;) {
    let tids: string[];
    try {
      tids = fs.readdirSync(`/proc/${pid}/task`);
    } catch {
      return; // gone: nothing left to answer
    }
    const running = tids.filter((tid) => {
      const state = threadState(pid, tid);
      return state !== undefined && state !== 'T' && state !== 't' && state !== 'Z' && state !== 'X';
    });
    if (running.length === 0) return;
    if (Date.now() - started > limitMs) throw new Error(`freeze: ${running.length} threads of process ${pid} still not stopped after ${limitMs} ms`);
    await new Promise((resolve) => setTimeout(resolve, 2));
  }
}

// TCP states in /proc/net/tcp: 01 ESTABLISHED, 02 SYN_SENT. A socket we destroyed moves on to
// FIN_WAIT and no longer counts (its file descriptor is gone).
const OPEN_STATES = new Set(['01', '02']);

/**
 * Client-side TCP connections open to `port` on this machine (Linux). In these tests only the
 * test process talks to its own Neo4j, so these are the driver's Bolt connections, including
 * ones whose handshake a frozen Neo4j never answers.
 */
export function openConnectionsTo(port: number): number {
  let count = 0;
  for (const table of ['/proc/net/tcp', '/proc/net/tcp6']) {
    if (!fs.existsSync(table)) continue;
    for (const line of fs.readFileSync(table, 'utf8').split('\n').slice(1)) {
      const fields = line.trim().split(/\s+/);
      const remote = fields[2];
      const state = fields[3];
      if (remote === undefined || state === undefined) continue;
      if (parseInt(remote.slice(remote.lastIndexOf(':') + 1), 16) === port && OPEN_STATES.has(state)) count += 1;
    }
  }
  return count;
}

/** Runs `action` and returns its result (or what it threw) with how long it took. */
export async function timed<T>(action: () => Promise<T>): Promise<{ value: T; ms: number }> {
  const started = Date.now();
  const value = await action();
  return { value, ms: Date.now() - started };
}

/** Polls `check` every 100 ms until it holds; returns how long that took, or throws after `limitMs`. */
export async function until(check: () => Promise<boolean> | boolean, limitMs: number): Promise<number> {
  const started = Date.now();
  while (!(await check())) {
    if (Date.now() - started > limitMs) throw new Error(`condition not met within ${limitMs} ms`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  return Date.now() - started;
}

export const sleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));
