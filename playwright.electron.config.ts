// The Playwright _electron suite: the built app (e2e variant, see test/electron-e2e/global-setup.ts) in
// a real Electron. Where no Electron binary can run, every test is skipped with one line of reason.
import { defineConfig } from '@playwright/test';

export default defineConfig({
  testDir: 'test/electron-e2e',
  testMatch: '**/*.spec.ts',
  globalSetup: './test/electron-e2e/global-setup.ts',
  workers: 1,
  fullyParallel: false,
  timeout: 120_000,
  expect: { timeout: 15_000 },
  reporter: [['list'], ['json', { outputFile: process.env.PLAYWRIGHT_JSON_OUTPUT_NAME ?? 'test-results/playwright-electron.json' }]],
  outputDir: 'test-results/playwright-electron',
});
