// Builds the renderer exactly as the app does — the renderer part of electron.vite.config.ts, resolved by
// electron-vite itself — without main and preload, which a browser does not need. For the browser preview
// and the Playwright tests.
import { resolveConfig } from 'electron-vite';
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { build } from 'vite';

export const REPO_ROOT = fileURLToPath(new URL('../../', import.meta.url));
export const RENDERER_OUT = fileURLToPath(new URL('../../out/renderer/', import.meta.url));

export async function buildRenderer(): Promise<string> {
  process.env.NODE_ENV_ELECTRON_VITE = 'production';
  const resolved = await resolveConfig({ root: REPO_ROOT, logLevel: 'warn' }, 'build', 'production');
  const renderer = resolved.config?.renderer;
  if (!renderer) throw new Error('electron.vite.config.ts has no renderer config.');
  await build({ ...renderer, logLevel: 'warn' });
  for (const page of ['tray.html', 'settings.html']) {
    if (!existsSync(RENDERER_OUT + page)) throw new Error(`The renderer build did not produce ${page}.`);
  }
  return RENDERER_OUT;
}
