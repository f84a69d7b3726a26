// Writes each jest run's counts to tmp/test-summary, so `npm test` can print one closing line
// ("tests: N passed, N failed") for every project and runner together.
const { mkdirSync, writeFileSync } = require('node:fs');
const { join } = require('node:path');

class SummaryReporter {
  constructor(globalConfig) {
    this.rootDir = globalConfig.rootDir;
  }

  onRunComplete(_contexts, results) {
    const dir = join(__dirname, '../../tmp/test-summary');
    mkdirSync(dir, { recursive: true });
    const name = this.rootDir.replace(/[^A-Za-z0-9]+/g, '_').slice(-80);
    writeFileSync(
      join(dir, `jest-${name}-${process.pid}.json`),
      JSON.stringify({
        numPassedTests: results.numPassedTests,
        numFailedTests: results.numFailedTests + results.numRuntimeErrorTestSuites,
        numPendingTests: results.numPendingTests,
      }),
    );
  }
}

module.exports = SummaryReporter;
