/**
 * One runner for both projects, Jest's own underneath: the unit files first, in parallel workers,
 * then the integration files one at a time in the main process (they share one database). The
 * integration files wait for the Neo4j the global setup is starting, so the unit tests run while
 * its JVM boots. With --runInBand everything runs in the main process, as before.
 */
const { default: TestRunner } = require('jest-runner');

const isIntegration = (test) => test.context.config.displayName?.name === 'integration';

class UnitsThenIntegrationRunner extends TestRunner {
  async runTests(tests, watcher, options) {
    const integration = tests.filter(isIntegration);
    const units = tests.filter((test) => !isIntegration(test));
    if (units.length > 0) await super.runTests(units, watcher, options);
    if (integration.length === 0 || watcher.isInterrupted()) return;
    // Rejects with the reason the embedded Neo4j did not start.
    await globalThis.__TEST_NEO4J_READY__;
    await super.runTests(integration, watcher, { ...options, serial: true });
  }
}

module.exports = UnitsThenIntegrationRunner;
