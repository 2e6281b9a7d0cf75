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
 *   and hangs, so they run from the start in one worker process of their own, one at a time
 *   (they time what they break). The worker is started before the run's Neo4j is up, so it never
 *   sees its NEO4J_URI: a file that claims to stand alone but uses the run's database fails loudly
 *   instead of corrupting a neighbour's data.
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

class TwoLaneRunner extends TestRunner {
  async runTests(tests, watcher, options) {
    const units = tests.filter((test) => !isIntegration(test));
    const integration = tests.filter(isIntegration);
    const alone = options.serial ? [] : integration.filter(standsAlone);
    const shared = integration.filter((test) => !alone.includes(test));
    const lanes = [this.#sharedLane(units, shared, watcher, options)];
    if (alone.length > 0) lanes.push(this.#inOneWorker(alone, watcher, options));
    // Both lanes always finish: a failure in one is a failed file, reported, not a stopped run.
    await Promise.all(lanes);
  }

  async #sharedLane(units, integration, watcher, options) {
    if (units.length > 0) await super.runTests(units, watcher, options);
    if (integration.length === 0 || watcher.isInterrupted()) return;
    // Rejects with the reason the embedded Neo4j did not start.
    await globalThis.__TEST_NEO4J_READY__;
    const seeded = integration.filter(usesSeed);
    await super.runTests([...integration.filter((test) => !usesSeed(test)), ...seeded], watcher, { ...options, serial: true });
  }

  /**
   * Jest's parallel run with a pool of one worker. Its worker count is read from the global config
   * while the run starts (synchronously, before its first await), so the config is swapped just
   * for that moment; the shared lane's runs see the original.
   */
  #inOneWorker(tests, watcher, options) {
    const globalConfig = this._globalConfig;
    this._globalConfig = { ...globalConfig, maxWorkers: 1 };
    try {
      return super.runTests(tests, watcher, { ...options, serial: false });
    } finally {
      this._globalConfig = globalConfig;
    }
  }
}

module.exports = TwoLaneRunner;
