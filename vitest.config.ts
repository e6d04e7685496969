import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    exclude: ['test/e2e/**', 'node_modules/**'],
    environment: 'node',
    // Limits catch hangs, not slowness: tests that spawn processes, Chromium or the identity provider
    // took up to 30 s on a loaded 2-core machine, so the limit is twice that (speed goals live in the bench).
    testTimeout: 60_000,
    hookTimeout: 90_000,
    // Two cores: keep forks low so the OP, the simulator and Chromium get CPU too.
    maxWorkers: 2,
    env: {
      // No Electron binary exists here; an accidental import of 'electron' must fail fast, not download.
      ELECTRON_OVERRIDE_DIST_PATH: '/nonexistent/electron-dist',
    },
  },
});
