/**
 * Jest's own summary followed by one plain closing line, e.g. "Tests: 72 passed, 0 failed", so
 * any CI log reader can tell how many tests ran. It replaces the built-in summary (Jest always
 * prints that last, after every custom reporter), so the plain line really is the last one.
 *
 * Jest runs without forceExit, so a handle a test leaves open would keep it alive for CI's whole
 * time budget. Instead of hiding it, this names what is still open and fails the run when Jest
 * has not exited two minutes after the last test (the global teardown, which stops Neo4j, fits
 * well inside that).
 */
const fs = require('node:fs');
const { SummaryReporter } = require('@jest/reporters');

const EXIT_GRACE_MS = 120_000;

class SummaryWithClosingLine extends SummaryReporter {
  onRunComplete(testContexts, results) {
    super.onRunComplete(testContexts, results);
    const skipped = results.numPendingTests + results.numTodoTests;
    const failed = results.numFailedTests + results.numRuntimeErrorTestSuites;
    const line = `Tests: ${results.numPassedTests} passed, ${failed} failed${skipped > 0 ? `, ${skipped} skipped` : ''}`;
    // On exit, so it also follows Jest's closing notes; written with writeSync so nothing is lost.
    process.once('exit', () => fs.writeSync(2, `\n${line}\n`));
    setTimeout(() => {
      fs.writeSync(2, `\nJest has not exited ${EXIT_GRACE_MS / 1000} s after the last test: something a test started is still open (${process.getActiveResourcesInfo().join(', ')}); run the file with --detectOpenHandles to find it.\n`);
      process.exit(1);
    }, EXIT_GRACE_MS).unref();
  }
}
module.exports = SummaryWithClosingLine;
