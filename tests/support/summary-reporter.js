/**
 * Jest's own summary followed by one plain closing line, e.g. "Tests: 72 passed, 0 failed", so
 * any CI log reader can tell how many tests ran. It replaces the built-in summary (Jest always
 * prints that last, after every custom reporter), so the plain line really is the last one.
 */
const fs = require('node:fs');
const { SummaryReporter } = require('@jest/reporters');

class SummaryWithClosingLine extends SummaryReporter {
  onRunComplete(testContexts, results) {
    super.onRunComplete(testContexts, results);
    const skipped = results.numPendingTests + results.numTodoTests;
    const failed = results.numFailedTests + results.numRuntimeErrorTestSuites;
    const line = `Tests: ${results.numPassedTests} passed, ${failed} failed${skipped > 0 ? `, ${skipped} skipped` : ''}`;
    // On exit, so it also follows Jest's closing notes (such as the force-exit notice); written
    // with writeSync because Jest's force exit silences the stdio streams first.
    process.once('exit', () => fs.writeSync(2, `\n${line}\n`));
  }
}
module.exports = SummaryWithClosingLine;
