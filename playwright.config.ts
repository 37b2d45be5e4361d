/**
 * Browser tests of the staff console: Debian's Chromium (never a downloaded browser) against the whole
 * local system, started once for the run. Screenshots of each screen land in test-results/ (ignored).
 */
import { defineConfig } from '@playwright/test';

const ports = {
  BROWSER_TEST_CONSOLE_PORT: process.env.BROWSER_TEST_CONSOLE_PORT ?? '4731',
  BROWSER_TEST_API_PORT: process.env.BROWSER_TEST_API_PORT ?? '4732',
  BROWSER_TEST_SFN_PORT: process.env.BROWSER_TEST_SFN_PORT ?? '4733',
};

export default defineConfig({
  testDir: 'test/browser',
  outputDir: 'test-results/browser',
  // The flows share one system and its demo data; they run one after another.
  workers: 1,
  fullyParallel: false,
  timeout: 240_000,
  expect: { timeout: 15_000 },
  reporter: [['list']],
  use: {
    baseURL: `http://localhost:${ports.BROWSER_TEST_CONSOLE_PORT}`,
    locale: 'ko-KR',
    timezoneId: 'Asia/Seoul',
    viewport: { width: 1440, height: 1000 },
    acceptDownloads: true,
    // KRDS buttons fade their colours; axe's contrast check must not catch a button mid-fade.
    reducedMotion: 'reduce',
    trace: 'retain-on-failure',
    launchOptions: {
      executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
      args: [
        '--headless',
        '--no-sandbox',
        '--disable-gpu',
        '--disable-quic',
        '--no-first-run',
        '--disable-background-networking',
        '--disable-component-update',
        '--disable-sync',
      ],
    },
  },
  webServer: {
    command: 'tsx test/browser/serve-local-system.ts',
    url: `http://localhost:${ports.BROWSER_TEST_API_PORT}/health`,
    // The system's own start-up lines still print; the handlers' per-request metrics and INFO logs would
    // bury the test list (as in vitest.config.ts; warnings and errors still show).
    env: { ...ports, POWERTOOLS_METRICS_DISABLED: 'true', POWERTOOLS_LOG_LEVEL: 'WARN' },
    timeout: 180_000,
    reuseExistingServer: false,
    stdout: 'pipe',
  },
});
