// Prints one plain closing line ("tests: N passed, N failed") as the very last line of a run, after
// Jest's own summary, so CI can count the tests whatever runner it knows.
const fs = require('node:fs');

class SummaryReporter {
  onRunComplete(_contexts, results) {
    const skipped = results.numPendingTests + results.numTodoTests;
    const failed = results.numFailedTests + results.numRuntimeErrorTestSuites;
    const line =
      `tests: ${results.numPassedTests} passed, ${failed} failed` + (skipped ? `, ${skipped} skipped` : '');
    process.once('exit', () => fs.writeSync(1, `${line}\n`));
  }
}
module.exports = SummaryReporter;
