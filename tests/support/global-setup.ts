/**
 * Jest global setup for integration tests: a real Neo4j for the whole run. With NEO4J_URI set,
 * that server is used (and must be disposable: tests clear it); otherwise the embedded Neo4j
 * starts on a free port in a temporary folder, and the teardown stops it and deletes the folder.
 *
 * The setup only begins the start: the unit tests run in their workers while the JVM boots, and
 * the integration tests' runner (runner.js) waits for `__TEST_NEO4J_READY__`, which also
 * sets NEO4J_URI before the first integration test file reads it.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { createLogger } from '../../src/log';
import { createDriver, CypherExecutor } from '../../src/neo4j/driver';
import { startEmbeddedNeo4j, type EmbeddedNeo4j } from '../../src/neo4j/embedded';
import { applyConstraints } from '../../src/queries/constraints';

export interface TestNeo4jState {
  /** Settles once the embedded Neo4j is up (or failed to start); undefined with NEO4J_URI set. */
  embedded: Promise<EmbeddedNeo4j> | undefined;
  dataDir: string | undefined;
  stateDir: string;
}

declare global {
  var __TEST_NEO4J__: TestNeo4jState | undefined;
  /** Resolves when the run's Neo4j answers at NEO4J_URI; rejects with why it could not start. */
  var __TEST_NEO4J_READY__: Promise<void> | undefined;
}

/**
 * The optimising JIT compiler (C2) only for methods four times as hot as by default. The run's
 * Neo4j serves thousands of short, varied queries, and C2 compiling Neo4j's planner and runtime
 * was most of its CPU: measured over five of the heaviest test files, 83 s of C2 and C1 and 63 s
 * of queries, against 52 s and 70 s with these thresholds (Neo4j's CPU 160 s against 136–142 s,
 * the files' time unchanged); in a whole `npm test`, 248 s of its CPU against 305 s (compilers
 * 95 s against 154 s). The quick JIT alone (C1) made queries slower than it saved; ten times the
 * thresholds did too.
 */
const SHARED_NEO4J_JVM_OPTIONS = ['-XX:Tier4InvocationThreshold=20000', '-XX:Tier4MinInvocationThreshold=2400', '-XX:Tier4CompileThreshold=60000', '-XX:Tier4BackEdgeThreshold=160000'];

/**
 * Plans are not replanned for changed statistics (by default a cached plan is replanned, at most
 * every 10 s, once the counts it was planned on have changed enough). Test files load, change and
 * clear small graphs all the time, so the run's Neo4j kept replanning queries it had planned
 * already; planning is most of its work. Measured over thirteen of the shared files: its CPU 210 s
 * against 230-253 s with the default, the files 173 s against 188-202 s. Plans only affect speed:
 * every answer is the same.
 */
const SHARED_NEO4J_SETTINGS = { 'dbms.cypher.min_replan_interval': '1h' };

export default function globalSetup(): Promise<void> {
  // For what test files hand on to later ones (the seeded graph, see neo4j.ts); removed by the teardown.
  const stateDir = fs.mkdtempSync(path.join(os.tmpdir(), 'actor-graph-test-state-'));
  process.env.ACTOR_GRAPH_TEST_STATE_DIR = stateDir;
  if (process.env.NEO4J_URI !== undefined && process.env.NEO4J_URI !== '') {
    globalThis.__TEST_NEO4J__ = { embedded: undefined, dataDir: undefined, stateDir };
    globalThis.__TEST_NEO4J_READY__ = Promise.resolve();
    return Promise.resolve();
  }
  const logger = createLogger('warn');
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'actor-graph-test-neo4j-'));
  const embedded = startEmbeddedNeo4j({
    host: '127.0.0.1',
    port: 0,
    dataDir,
    heap: '512m',
    pageCache: '64m',
    logger,
    jvmOptions: SHARED_NEO4J_JVM_OPTIONS,
    settings: SHARED_NEO4J_SETTINGS,
  });
  const ready = embedded.then(async (neo4j) => {
    process.env.NEO4J_URI = neo4j.uri;
    // Constraints and indexes once for the run (files clear data, never the schema), so no test
    // file's set-up pays for creating fifty of them on a fresh store; done here, it overlaps the
    // unit tests.
    const driver = createDriver({ uri: neo4j.uri, user: 'neo4j', password: undefined, logger });
    try {
      await applyConstraints(new CypherExecutor(driver, process.env.NEO4J_DATABASE ?? 'neo4j'));
    } finally {
      await driver.close();
    }
  });
  // Awaited only by the integration runner (and the teardown): no unhandled rejection before then.
  ready.catch(() => undefined);
  globalThis.__TEST_NEO4J__ = { embedded, dataDir, stateDir };
  globalThis.__TEST_NEO4J_READY__ = ready;
  return Promise.resolve();
}
