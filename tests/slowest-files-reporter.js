'use strict';

/** Jest reporter: after the run, the ten slowest test files with their durations, so a slow file shows. */
class SlowestFilesReporter {
  onRunComplete(_contexts, results) {
    const files = results.testResults
      .filter((file) => !file.skipped && file.perfStats.end > 0)
      .map((file) => ({
        seconds: (file.perfStats.end - file.perfStats.start) / 1000,
        name: file.testFilePath.slice(process.cwd().length + 1),
      }))
      .sort((a, b) => b.seconds - a.seconds)
      .slice(0, 10);
    if (files.length < 2) return;
    const lines = files.map(
      ({ seconds, name }) => `  ${seconds.toFixed(1).padStart(6)} s  ${name}`
    );
    process.stderr.write(`\nSlowest test files:\n${lines.join('\n')}\n`);
  }
}

module.exports = SlowestFilesReporter;
