// Build of the three parts: main (ESM, dependencies left to node_modules so ESM-only openid-client and
// electron-store load natively and the keychain's native module stays outside the bundle), preload
// (ONE CommonJS file with everything inlined — sandboxed preloads cannot require modules), renderer
// (React, two pages).
import { resolve } from 'node:path';
import react from '@vitejs/plugin-react';
import { defineConfig } from 'electron-vite';

const root = import.meta.dirname;

export default defineConfig({
  main: {
    build: {
      outDir: 'out/main',
      externalizeDeps: true,
      sourcemap: false,
      rollupOptions: {
        input: { index: resolve(root, 'main/index.ts') },
        output: { format: 'es', entryFileNames: '[name].js' },
      },
    },
  },
  preload: {
    build: {
      outDir: 'out/preload',
      externalizeDeps: false,
      sourcemap: false,
      rollupOptions: {
        input: { index: resolve(root, 'preload/index.ts') },
        external: ['electron'],
        output: { format: 'cjs', entryFileNames: '[name].cjs', codeSplitting: false },
      },
    },
  },
  renderer: {
    root: resolve(root, 'renderer'),
    plugins: [react()],
    build: {
      outDir: resolve(root, 'out/renderer'),
      sourcemap: false,
      // electron-vite leaves bundles unminified; the renderer is the one part whose size is felt at every open.
      minify: true,
      rollupOptions: {
        input: {
          tray: resolve(root, 'renderer/tray.html'),
          settings: resolve(root, 'renderer/settings.html'),
        },
      },
    },
  },
});
