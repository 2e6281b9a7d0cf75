/**
 * One runner for both projects, Jest's own underneath, in two lanes that run side by side:
 *
 * - the shared lane: the unit files first, in parallel workers, while the run's embedded Neo4j
 *   boots; then the integration files that use that database, one at a time in the main process.
 *   Those that read the project seed run last, one after another, so that they share one load of
 *   it (see ensureSeeded in neo4j.ts);
 * - the standalone lane: integration files whose docblock says `@standalone` start everything they
 *   need themselves (a Neo4j they crash and freeze, the built app with its own embedded Neo4j, a
 *   CLI) and touch nothing of the run's. Most of their time is waiting for deadlines, restarts
 *   and hangs, so they run from the start, one at a time, each in a worker process of its own
 *   (they time what they break). That worker never sees the run's NEO4J_URI: a file that claims
 *   to stand alone but uses the run's database fails loudly instead of corrupting a neighbour's
 *   data.
 *
 * The standalone files are one queue. When the shared lane has run its last file, it takes the
 * next ones from that queue too, in the main process, with NEO4J_URI unset there as well: the
 * standalone lane alone took the last minute or two of a run while one core sat idle. Two
 * standalone files may then run at once, as a standalone and a shared file always did.
 *
 * With --runInBand (or a run of one file) everything runs in the main process, one file at a time.
 */
const fs = require('node:fs');
const { default: TestRunner } = require('jest-runner');

const isIntegration = (test) => test.context.config.displayName?.name === 'integration';
const source = (test) => fs.readFileSync(test.path, 'utf8');
const usesSeed = (test) => /\b(useSeededApi|ensureSeeded)\(/.test(source(test));
/** The `@standalone` pragma in the file's leading docblock. */
const standsAlone = (test) => /^\/\*\*(?:(?!\*\/)[\s\S])*@standalone\b/.test(source(test));

/** Unsets NEO4J_URI (the run's database) in this process; returns what sets it back. */
function hideRunDatabase() {
  const uri = process.env.NEO4J_URI;
  delete process.env.NEO4J_URI;
  return () => {
    if (uri !== undefined) process.env.NEO4J_URI = uri;
  };
}

class TwoLaneRunner extends TestRunner {
  async runTests(tests, watcher, options) {
    const units = tests.filter((test) => !isIntegration(test));
    const integration = tests.filter(isIntegration);
    const alone = options.serial ? [] : integration.filter(standsAlone);
    const shared = integration.filter((test) => !alone.includes(test));
    // Shared by both lanes: whichever is free takes the next file.
    const queue = [...alone];
    const lanes = [this.#sharedLane(units, shared, queue, watcher, options)];
    if (alone.length > 0) lanes.push(this.#standaloneLane(queue, watcher, options));
    // Both lanes always finish: a failure in one is a failed file, reported, not a stopped run.
    await Promise.all(lanes);
  }

  async #sharedLane(units, integration, standalone, watcher, options) {
    if (units.length > 0) await super.runTests(units, watcher, options);
    if (integration.length > 0 && !watcher.isInterrupted()) {
      // Rejects with the reason the embedded Neo4j did not start.
      await globalThis.__TEST_NEO4J_READY__;
      const seeded = integration.filter(usesSeed);
      await super.runTests([...integration.filter((test) => !usesSeed(test)), ...seeded], watcher, { ...options, serial: true });
    }
    if (standalone.length === 0) return;
    // No file of this lane's own runs after this point, so the run's database stays hidden to the end.
    const restore = hideRunDatabase();
    try {
      while (standalone.length > 0 && !watcher.isInterrupted()) await super.runTests([standalone.shift()], watcher, { ...options, serial: true });
    } finally {
      restore();
    }
  }

  async #standaloneLane(queue, watcher, options) {
    while (queue.length > 0 && !watcher.isInterrupted()) await this.#inOneWorker([queue.shift()], watcher, options);
  }

  /**
   * Jest's parallel run with a pool of one worker. Its worker count is read from the global config,
   * and the worker's environment copied from this process's, while the run starts (synchronously,
   * before its first await), so both are swapped just for that moment; the shared lane sees the
   * originals.
   */
  #inOneWorker(tests, watcher, options) {
    const globalConfig = this._globalConfig;
    this._globalConfig = { ...globalConfig, maxWorkers: 1 };
    const restore = hideRunDatabase();
    try {
      return super.runTests(tests, watcher, { ...options, serial: false });
    } finally {
      restore();
      this._globalConfig = globalConfig;
    }
  }
}

module.exports = TwoLaneRunner;
