// The browser preview's server: the built renderer and the real core, on 127.0.0.1 only. A page talks to
// the core through the same IPC router (and so the same contract validation) the Electron app uses:
// POST /__preview/invoke for commands, a held-open GET /__preview/events for events (one JSON per line).
//
// Another web page open in the same browser must not drive it, so every request is checked:
// - Host must be 127.0.0.1:<port> (a DNS-rebinding page has another Host), Origin, when sent, ours;
// - the pages (tray.html, settings.html) need the per-run secret in their URL (?k=…), and the API needs it
//   in a header, which no cross-origin page can send without a CORS preflight that is never granted;
// - pages are served with Referrer-Policy: no-referrer (the secret never leaves in a Referer) and may not
//   be framed.
// The renderer's own scripts and styles are served to anyone: they are the app's public code.
import { randomBytes, timingSafeEqual } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { events, type EventName } from '../../preload/contract';
import type { Core } from '../core/types';
import type { IpcRouter } from '../ipc/router';
import type { Logger } from '../ports';
import { BrowserPages } from './browser-pages';
import { BRIDGE_SCRIPT_PATH, CLIENT_HEADER, clientIdSchema, EVENTS_PATH, INVOKE_PATH, invokeRequestSchema, previewPageSchema, SECRET_HEADER, SECRET_PARAM, type PreviewPage } from './protocol';
import { resolveStaticFile, sendStaticFile } from './static-files';
import { requestUrl } from '../net/request-target';

/** Largest command body accepted (settings with long rule lists stay far below). */
export const MAX_BODY_BYTES = 1_000_000;

/**
 * The renderer's files served without the secret: its scripts, styles and images. Never a page: a page
 * is served only by servePage, with the secret, whatever spelling of its name a request uses
 * (/tray.htm%6C decodes to tray.html).
 */
const ASSET_EXTENSIONS: ReadonlySet<string> = new Set(['.js', '.css', '.svg', '.png', '.json', '.woff2']);

/** Answers that are not documents: never sniffed into one, and nothing runs if one is opened. */
const NOT_A_DOCUMENT = { 'x-content-type-options': 'nosniff', 'content-security-policy': "default-src 'none'; frame-ancestors 'none'" } as const;

export interface PreviewServerOptions {
  core: Pick<Core, 'onEvent'>;
  router: IpcRouter;
  /** The built renderer (out/renderer). */
  rendererDir: string;
  /** renderer/preview/page-bridge.ts as one classic script (main/preview/bridge-script.ts). */
  bridgeScript: string;
  logger: Logger;
  /** The pages' side of the shell; the caller passes its ui/opener/notifier to the core. */
  pages?: BrowserPages;
  /** Called with each command's channel before it is routed (the tests keep a log). */
  onCommand?: (channel: string) => void;
  /** A fixed port (e.g. to forward over SSH); 0 or absent: any free one. */
  port?: number;
}

export interface PreviewServer {
  /** http://127.0.0.1:<port> */
  readonly origin: string;
  /** The URL of a window of the app, with the secret; `hash` as the app puts it (#diagnostics, #agent=1). */
  pageUrl(page: PreviewPage, hash?: string): string;
  readonly pages: BrowserPages;
  close(): Promise<void>;
}

/**
 * The renderer's page with the bridge loaded before the app's scripts. Its CSP stays as it ships, except
 * that the page may talk to its own origin (connect-src 'self' instead of 'none'): that is the preview's
 * stand-in for Electron's IPC.
 */
export function previewHtml(html: string): string {
  const withConnect = html.replace("connect-src 'none'", "connect-src 'self'");
  if (withConnect === html) throw new Error("The renderer's CSP has no \"connect-src 'none'\" to adapt; the preview needs updating.");
  return withConnect.replace('<script', `<script src="${BRIDGE_SCRIPT_PATH}"></script>\n    <script`);
}

function sameSecret(given: string | null | undefined, secret: Buffer): boolean {
  const g = Buffer.from(given ?? '');
  return g.length === secret.length && timingSafeEqual(g, secret);
}

function refuse(res: ServerResponse, status: number, text: string): void {
  res.writeHead(status, { 'content-type': 'text/plain; charset=utf-8', 'cache-control': 'no-store', ...NOT_A_DOCUMENT }).end(`${text}\n`);
}

async function readBody(req: IncomingMessage): Promise<string | null> {
  let size = 0;
  const chunks: Buffer[] = [];
  for await (const chunk of req as AsyncIterable<Buffer>) {
    size += chunk.length;
    if (size > MAX_BODY_BYTES) return null;
    chunks.push(chunk);
  }
  return Buffer.concat(chunks).toString('utf8');
}

/** What the preview's requests are checked and served against; host and origin are set once it listens. */
interface PreviewHost {
  opts: PreviewServerOptions;
  pages: BrowserPages;
  secret: Buffer;
  host: string;
  origin: string;
}

/** A command from a page: the body read and validated, then routed through the real IPC router. */
async function invoke(h: PreviewHost, req: IncomingMessage, res: ServerResponse, client: string): Promise<void> {
  const body = await readBody(req);
  let json: unknown = undefined;
  try {
    json = body === null ? undefined : JSON.parse(body);
  } catch {
    // Refused below, like any other malformed request.
  }
  const parsed = invokeRequestSchema.safeParse(json);
  if (!parsed.success) return refuse(res, 400, 'Malformed command.');
  h.pages.noteCommandFrom(client);
  h.opts.onCommand?.(parsed.data.channel);
  // The secret and origin checks in route() are the preview's sender check.
  // Every answer is made before its head is written: a throw then is still a 500, not a 200 cut short.
  const result = JSON.stringify(await h.opts.router.handle(parsed.data.channel, parsed.data.payload, true));
  res.writeHead(200, { 'content-type': 'application/json', 'cache-control': 'no-store', ...NOT_A_DOCUMENT }).end(result);
}

/** The bridge's two paths, behind the per-run secret and a client id: a command, or a page's event stream. */
function bridgeRequest(h: PreviewHost, req: IncomingMessage, res: ServerResponse, url: URL): void | Promise<void> {
  if (!sameSecret(req.headers[SECRET_HEADER] as string | undefined, h.secret)) return refuse(res, 403, 'This preview needs its per-run secret.');
  const client = clientIdSchema.safeParse(req.headers[CLIENT_HEADER]);
  if (!client.success) return refuse(res, 400, 'Missing client id.');
  if (url.pathname === INVOKE_PATH) return req.method === 'POST' ? invoke(h, req, res, client.data) : refuse(res, 405, 'POST only.');
  const page = previewPageSchema.safeParse(url.searchParams.get('page'));
  if (req.method !== 'GET' || !page.success) return refuse(res, 400, 'Malformed event stream request.');
  res.writeHead(200, { 'content-type': 'application/x-ndjson', 'cache-control': 'no-store', ...NOT_A_DOCUMENT });
  res.flushHeaders();
  h.pages.connect(client.data, page.data, res);
}

/** A window's page: only with the secret in its URL, never framed, cached or sniffed. */
function servePage(h: PreviewHost, req: IncomingMessage, res: ServerResponse, url: URL): void {
  if (!sameSecret(url.searchParams.get(SECRET_PARAM), h.secret)) {
    return refuse(res, 403, 'Open the address printed by `npm run preview:browser`: it carries the secret of this run.');
  }
  const file = req.method === 'GET' ? resolveStaticFile(h.opts.rendererDir, url.pathname) : null;
  if (!file) return refuse(res, 404, 'No such page.');
  const html = previewHtml(readFileSync(file, 'utf8'));
  res
    .writeHead(200, {
      'content-type': 'text/html; charset=utf-8',
      'cache-control': 'no-store',
      'referrer-policy': 'no-referrer',
      'content-security-policy': "frame-ancestors 'none'",
      'x-content-type-options': 'nosniff',
    })
    .end(html);
}

/** Every request: its own host and origin only, then the bridge, the bridge script, a page, or a static file. */
function route(h: PreviewHost, req: IncomingMessage, res: ServerResponse): void | Promise<void> {
  if (req.headers.host !== h.host) return refuse(res, 421, 'Wrong host.');
  if (req.headers.origin !== undefined && req.headers.origin !== h.origin) return refuse(res, 403, 'Foreign origin.');
  const url = requestUrl(req, h.origin);
  if (!url) return refuse(res, 400, 'Malformed request target.');
  if (url.pathname === INVOKE_PATH || url.pathname === EVENTS_PATH) return bridgeRequest(h, req, res, url);
  if (url.pathname === BRIDGE_SCRIPT_PATH) {
    res.writeHead(200, { 'content-type': 'text/javascript; charset=utf-8', 'cache-control': 'no-store', ...NOT_A_DOCUMENT }).end(h.opts.bridgeScript);
    return;
  }
  if (url.pathname.endsWith('.html')) return servePage(h, req, res, url);
  sendStaticFile(h.opts.rendererDir, req, res, ASSET_EXTENSIONS);
}

export async function startPreviewServer(opts: PreviewServerOptions): Promise<PreviewServer> {
  const secretText = randomBytes(24).toString('base64url');
  const h: PreviewHost = { opts, pages: opts.pages ?? new BrowserPages(), secret: Buffer.from(secretText), host: '', origin: '' };
  const { pages } = h;
  const offs = (Object.keys(events) as EventName[]).map((name) =>
    opts.core.onEvent(name, (payload) => pages.broadcast({ kind: 'event', channel: events[name].channel, payload })),
  );

  const server = createServer((req, res) => {
    // Called inside then(): a throw of route's own, too, becomes a 500, never an uncaught exception.
    Promise.resolve()
      .then(() => route(h, req, res))
      .catch((err: unknown) => {
        opts.logger.error('preview: request failed', { error: err instanceof Error ? err.message : String(err) });
        if (!res.headersSent) refuse(res, 500, 'The preview failed to answer.');
        else res.end();
      });
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(opts.port ?? 0, '127.0.0.1', resolve);
  });
  const { port } = server.address() as AddressInfo;
  h.host = `127.0.0.1:${port}`;
  h.origin = `http://${h.host}`;
  const { origin } = h;

  return {
    origin,
    pages,
    pageUrl: (page, hash) => `${origin}/${page}.html?${SECRET_PARAM}=${secretText}${hash ? `#${hash}` : ''}`,
    close: () =>
      new Promise<void>((resolve) => {
        offs.forEach((off) => off());
        pages.closeAll();
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
