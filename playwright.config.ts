// Renderer tests: the built renderer in Debian's Chromium (never a downloaded browser), against the
// real core in the test process. One worker: the machine has two cores and the core runs in-process.
import { defineConfig } from '@playwright/test';
import { CHROMIUM_ARGS, CHROMIUM_PATH } from './test/harness/chromium';
import { FAR_ZONE } from './test/harness/time-zone';

export default defineConfig({
  testDir: 'test/e2e',
  testMatch: '**/*.spec.ts',
  globalSetup: './test/e2e/harness/global-setup.ts',
  workers: 1,
  fullyParallel: false,
  // On CI one retry absorbs a timing hiccup of the shared two-core machine; npm test's summary lists
  // every test that needed it, so flakiness stays visible instead of hidden.
  retries: process.env.CI ? 1 : 0,
  // A limit for hangs, not speed: the longest walks (every settings section, every status) took
  // 50–65 s on the loaded two-core machine.
  timeout: 120_000,
  expect: { timeout: 10_000 },
  reporter: [['list'], ['json', { outputFile: 'test-results/playwright.json' }]],
  outputDir: 'test-results/playwright',
  use: {
    browserName: 'chromium',
    headless: true,
    launchOptions: { executablePath: CHROMIUM_PATH, args: CHROMIUM_ARGS },
    trace: 'off',
    screenshot: 'only-on-failure',
  },
  // CI runs in UTC with English, where a time shown in UTC or in a fixed format reads right. The tests
  // tagged @far-zone check shown clock times exactly, as the browser writes them: they run only in a
  // browser (and a core) in Pacific/Chatham with German, where either fault shows, at no extra cost.
  projects: [
    { name: 'chromium', grepInvert: /@far-zone/ },
    { name: 'far-zone', grep: /@far-zone/, use: { timezoneId: FAR_ZONE, locale: 'de-DE' } },
  ],
});
