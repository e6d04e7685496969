import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    exclude: ['test/e2e/**', 'node_modules/**'],
    environment: 'node',
    testTimeout: 30_000,
    hookTimeout: 60_000,
    // Two cores: keep forks low so the OP, the simulator and Chromium get CPU too.
    maxWorkers: 2,
    env: {
      // No Electron binary exists here; an accidental import of 'electron' must fail fast, not download.
      ELECTRON_OVERRIDE_DIST_PATH: '/nonexistent/electron-dist',
    },
  },
});
