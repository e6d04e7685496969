// Build of the terminal command (`cxone-agent-tray`, main/cli.ts) to plain JavaScript for Node 20, so
// the installed package runs without a TypeScript loader. Project code is bundled; packages stay
// imports resolved from node_modules at run time — and each must be a runtime dependency (package.json
// "dependencies"), or `npm install --omit=dev` would install a CLI that cannot start. The build fails
// naming the package instead.
import { readFileSync } from 'node:fs';
import { builtinModules } from 'node:module';
import { resolve } from 'node:path';
import { defineConfig, type Plugin } from 'vite';

const root = import.meta.dirname;
const pkg = JSON.parse(readFileSync(resolve(root, 'package.json'), 'utf8')) as { dependencies?: Record<string, string> };
const runtimeDeps = new Set(Object.keys(pkg.dependencies ?? {}));
const builtins = new Set(builtinModules);

/** "openid-client/foo" → "openid-client", "@scope/pkg/x" → "@scope/pkg". */
const packageName = (id: string) => id.split('/').slice(0, id.startsWith('@') ? 2 : 1).join('/');

function onlyRuntimeDependencies(): Plugin {
  return {
    name: 'cli-only-runtime-dependencies',
    enforce: 'pre',
    resolveId(id, importer) {
      if (!importer || id.startsWith('.') || id.startsWith('/') || id.startsWith('\0')) return null;
      if (id.startsWith('node:') || builtins.has(id)) return { id, external: true };
      const name = packageName(id);
      if (!runtimeDeps.has(name)) {
        throw new Error(`The CLI imports "${id}" (from ${importer}), which is not in package.json "dependencies": an install without devDependencies could not run it.`);
      }
      return { id, external: true };
    },
  };
}

export default defineConfig({
  logLevel: 'warn',
  plugins: [onlyRuntimeDependencies()],
  build: {
    ssr: resolve(root, 'main/cli.ts'),
    outDir: resolve(root, 'out/cli'),
    emptyOutDir: true,
    target: 'node20',
    sourcemap: false,
    minify: false,
    rollupOptions: { output: { format: 'es', entryFileNames: 'cli.js', chunkFileNames: '[name]-[hash].js' } },
  },
});
