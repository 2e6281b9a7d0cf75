/**
 * One runner for both projects, Jest's own underneath: the unit files first, in parallel workers,
 * then the integration files one at a time in the main process (they share one database). The
 * integration files wait for the Neo4j the global setup is starting, so the unit tests run while
 * its JVM boots; those that read the project seed run one after another, so that they can share
 * one load of it (see ensureSeeded in neo4j.ts). With --runInBand everything runs in the main
 * process.
 */
const fs = require('node:fs');
const { default: TestRunner } = require('jest-runner');

const isIntegration = (test) => test.context.config.displayName?.name === 'integration';
const usesSeed = (test) => /\b(useSeededApi|ensureSeeded)\(/.test(fs.readFileSync(test.path, 'utf8'));

class UnitsThenIntegrationRunner extends TestRunner {
  async runTests(tests, watcher, options) {
    const units = tests.filter((test) => !isIntegration(test));
    const integration = tests.filter(isIntegration);
    if (units.length > 0) await super.runTests(units, watcher, options);
    if (integration.length === 0 || watcher.isInterrupted()) return;
    // Rejects with the reason the embedded Neo4j did not start.
    await globalThis.__TEST_NEO4J_READY__;
    const seeded = integration.filter(usesSeed);
    await super.runTests([...integration.filter((test) => !usesSeed(test)), ...seeded], watcher, { ...options, serial: true });
  }
}

module.exports = UnitsThenIntegrationRunner;
