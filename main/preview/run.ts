// `npm run preview:browser`: the app in a browser, without Electron — for evaluators, machines without a
// desktop (WSL, remote servers) and screenshots. Builds the renderer, runs the real core in this Node
// process (the demo tenant unless the preview's settings say otherwise) and serves both on 127.0.0.1.
// Prints exactly one line on stdout, `Open <url>`; everything else goes to stderr. Ctrl+C stops it.
//
// A development tool, not part of the app: nothing under main/preview/ is in main's bundle (whose only
// entry is main/index.ts) or in the installers.
//
// Settings live in the preview's own folder, never the app's: CXONE_AGENT_TRAY_PREVIEW_DIR, else a per-user
// one (Linux ~/.config/cxone-agent-tray-preview, macOS ~/Library/Application Support/…, Windows %APPDATA%\…).
// A sign-in is kept in memory only, so the preview never touches the app's keychain entry.
// CXONE_AGENT_TRAY_PREVIEW_PORT fixes the port (to forward it over SSH as the same port); default: any.
import { z } from 'zod';
import { createCore } from '../core/app';
import { createIpcRouter } from '../ipc/router';
import { buildBridgeScript } from './bridge-script';
import { BrowserPages } from './browser-pages';
import { buildRenderer } from './build-renderer';
import { previewDir, previewPorts } from './preview-ports';
import { startPreviewServer } from './preview-server';

/** Why the preview could not start, with what to do where there is something to do. */
function startFailure(err: unknown, port: number): string {
  if ((err as NodeJS.ErrnoException | null)?.code === 'EADDRINUSE') {
    return `port ${port} on 127.0.0.1 is already in use (another preview still running?). Stop that one, or choose another port with CXONE_AGENT_TRAY_PREVIEW_PORT (0 or unset: any free port).`;
  }
  return err instanceof Error ? err.message : String(err);
}

async function main(): Promise<void> {
  const dir = previewDir();
  // Checked before the build, so a mistyped port is said at once, not after it.
  const port = z.coerce.number().int().min(0).max(65_535).safeParse(process.env.CXONE_AGENT_TRAY_PREVIEW_PORT ?? 0);
  if (!port.success) throw new Error('CXONE_AGENT_TRAY_PREVIEW_PORT must be a port number (0–65535).');
  process.stderr.write('Building the renderer…\n');
  const [rendererDir, bridgeScript] = await Promise.all([buildRenderer(), buildBridgeScript()]);
  const pages = new BrowserPages();
  const ports = previewPorts(dir, pages);
  const core = createCore(ports);
  const router = createIpcRouter(core.handlers, ports.logger);
  const server = await startPreviewServer({ core, router, rendererDir, bridgeScript, logger: ports.logger, pages, port: port.data }).catch((err: unknown) => {
    throw new Error(startFailure(err, port.data));
  });

  let stopping = false;
  const stop = async (signal: string) => {
    if (stopping) return;
    stopping = true;
    ports.logger.info('preview: stopping', { signal });
    await server.close();
    await core.stop();
    process.stderr.write('Preview stopped.\n');
    process.exit(0);
  };
  process.on('SIGINT', () => void stop('SIGINT'));
  process.on('SIGTERM', () => void stop('SIGTERM'));

  await core.start();
  process.stderr.write(
    `Settings: ${ports.paths.settings} (the preview's own; a sign-in is kept in memory only). Logs: ${ports.paths.logs}\n` +
      'Settings and Diagnostics open from the tray window\'s header, in a new tab. Ctrl+C stops the preview.\n',
  );
  process.stdout.write(`Open ${server.pageUrl('tray')}\n`);
}

main().catch((err: unknown) => {
  process.stderr.write(`The browser preview failed to start: ${err instanceof Error ? err.message : String(err)}\n`);
  process.exit(1);
});
