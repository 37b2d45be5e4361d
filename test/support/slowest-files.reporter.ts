/**
 * Prints the slowest test files at the end of a run (after the default reporter's output), so a
 * slow-down shows in every CI log without re-running anything. Durations are the files' own
 * (tests and hooks) plus their import and setup time.
 */
import type { Reporter, TestModule } from 'vitest/node';

const SHOWN = 10;

export default class SlowestFilesReporter implements Reporter {
  onTestRunEnd(testModules: ReadonlyArray<TestModule>): void {
    const timed = testModules.map((module) => {
      const d = module.diagnostic();
      return {
        file: module.relativeModuleId,
        ms: d.duration + d.collectDuration + d.setupDuration + d.prepareDuration + d.environmentSetupDuration,
      };
    });
    if (timed.length < 2) return;
    timed.sort((a, b) => b.ms - a.ms);
    const lines = timed.slice(0, SHOWN).map(({ file, ms }) => `  ${(ms / 1000).toFixed(1).padStart(7)} s  ${file}`);
    process.stdout.write(`\nSlowest test files:\n${lines.join('\n')}\n`);
  }
}
