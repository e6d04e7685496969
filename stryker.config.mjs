// Mutation testing (`npm run mutate`): Stryker changes the product code one small fault at a time and
// runs the vitest tests that cover it; a fault no test notices ("survived") is a check missing.
// Slow (the first run of the whole vitest suite, then a few tests per mutant), so not part of `npm test`:
// narrow it to the files under review, e.g.
//   npm run mutate -- --mutate main/monitor/notification-gate.ts
// The run sits inside test/harness/with-keyring.sh, as `npm test`'s vitest does, so the keychain tests
// count too. Results: the terminal, and reports/mutation/ (HTML and JSON, not committed).
/** @type {import('@stryker-mutator/api/core').PartialStrykerOptions} */
export default {
  testRunner: 'vitest',
  plugins: ['@stryker-mutator/vitest-runner'],
  vitest: { configFile: 'vitest.config.ts' },
  // Everything that runs in plain Node; main/shell and main/index.ts load Electron, which cannot start here.
  mutate: ['main/**/*.ts', '!main/shell/**', '!main/index.ts', '!main/**/*.d.ts'],
  coverageAnalysis: 'perTest',
  reporters: ['clear-text', 'progress', 'html', 'json'],
  htmlReporter: { fileName: 'reports/mutation/index.html' },
  jsonReporter: { fileName: 'reports/mutation/mutation.json' },
  // Two cores: vitest's own workers use the rest.
  concurrency: 1,
  // A test that spawns a process or Chromium can take seconds on a loaded machine.
  timeoutMS: 60_000,
  tempDirName: '.stryker-tmp',
  cleanTempDir: 'always',
};
