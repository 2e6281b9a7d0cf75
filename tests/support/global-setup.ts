/**
 * Jest global setup for integration tests: a real Neo4j for the whole run. With NEO4J_URI set,
 * that server is used (and must be disposable: tests clear it); otherwise the embedded Neo4j
 * starts on a free port in a temporary folder, and the teardown stops it and deletes the folder.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { createLogger } from '../../src/log';
import { startEmbeddedNeo4j, type EmbeddedNeo4j } from '../../src/neo4j/embedded';
import { createDriver, Executor } from '../../src/neo4j/driver';
import { applySchema } from '../../src/queries/schema';

export interface TestNeo4jState {
  embedded: EmbeddedNeo4j | undefined;
  dataDir: string | undefined;
}

declare global {
  var __TEST_NEO4J__: TestNeo4jState | undefined;
}

export default async function globalSetup(): Promise<void> {
  if (process.env.NEO4J_URI !== undefined && process.env.NEO4J_URI !== '') {
    globalThis.__TEST_NEO4J__ = { embedded: undefined, dataDir: undefined };
    return;
  }
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'actor-graph-test-neo4j-'));
  const embedded = await startEmbeddedNeo4j({
    host: '127.0.0.1',
    port: 0,
    dataDir,
    heap: '512m',
    pageCache: '64m',
    logger: createLogger('warn'),
  });
  process.env.NEO4J_URI = embedded.uri;
  globalThis.__TEST_NEO4J__ = { embedded, dataDir };
  // Constraints and indexes once for the run (files clear data, never the schema), so no test
  // file's set-up pays for creating fifty of them on a fresh store.
  const driver = createDriver({ uri: embedded.uri, user: 'neo4j', password: undefined, logger: createLogger('warn') });
  try {
    await applySchema(new Executor(driver, process.env.NEO4J_DATABASE ?? 'neo4j'));
  } finally {
    await driver.close();
  }
}
