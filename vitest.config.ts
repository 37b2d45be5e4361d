import { defineConfig } from 'vitest/config';
import SlowFirstSequencer from './test/support/slow-first.sequencer.ts';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    // One DynamoDB Local (in memory, free port) serves every test file; each file makes its own table.
    globalSetup: ['test/support/global-setup.ts'],
    testTimeout: 30_000,
    hookTimeout: 60_000,
    pool: 'forks',
    // Vitest's default on 2 cores is one worker (cores − 1), which ran the ~150 files one after another
    // although most of their time is spent waiting on DynamoDB Local, child processes and sockets.
    // Two forks: three timed out tests' hooks on this 2-core machine while other runs loaded it (README,
    // "Test suite time").
    maxWorkers: 2,
    // The known-long files start first, so no worker is left alone with one at the end.
    sequence: { sequencer: SlowFirstSequencer },
    // Powertools (shared/observability/powertools.ts): handlers run in process, so keep their logs and
    // metrics out of the test output; tests that check them turn them on for themselves.
    // AWS_XRAY_MANUAL_MODE: no X-Ray async hook on every promise while the tracer is off (infra/local/xray-manual-mode.ts).
    env: {
      POWERTOOLS_LOG_LEVEL: 'SILENT',
      POWERTOOLS_METRICS_DISABLED: 'true',
      POWERTOOLS_TRACE_ENABLED: 'false',
      AWS_XRAY_MANUAL_MODE: 'true',
    },
    reporters: ['default', './test/support/slowest-files.reporter.ts'],
  },
});
