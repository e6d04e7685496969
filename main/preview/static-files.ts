// Serving a built folder of web pages on 127.0.0.1: GET only, no directory listing, nothing outside the
// folder, so pages load over http with their CSP intact (as close to file:// as Chromium allows for module
// scripts). Used by the browser preview (main/preview/preview-server.ts) and the renderer benchmark.
import { createReadStream, existsSync, realpathSync, statSync } from 'node:fs';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { extname, join, normalize, sep } from 'node:path';
import { requestUrl } from '../net/request-target';

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.json': 'application/json',
  '.woff2': 'font/woff2',
};

export function contentType(file: string): string {
  return TYPES[extname(file)] ?? 'application/octet-stream';
}

/** The file extensions served, as they are spelt (`.js`), when not every file is. */
export type Extensions = ReadonlySet<string>;

function inside(dir: string, file: string): boolean {
  return file.startsWith(dir.endsWith(sep) ? dir : dir + sep);
}

/**
 * The file a URL path names inside `root`, or null (outside it — also through a symbolic link —, missing,
 * a folder, or, when `extensions` is given, of another kind: judged on the decoded name, as it is read).
 */
export function resolveStaticFile(root: string, urlPath: string, extensions?: Extensions): string | null {
  const base = normalize(root.endsWith(sep) ? root : root + sep);
  let path: string;
  try {
    path = decodeURIComponent(urlPath);
  } catch {
    return null;
  }
  const file = normalize(join(base, path));
  if (!inside(base, file) || !existsSync(file) || !statSync(file).isFile()) return null;
  if (extensions && !extensions.has(extname(file))) return null;
  // A link inside the folder can point anywhere: what would be read must be inside the folder too.
  if (!inside(realpathSync(base), realpathSync(file))) return null;
  return file;
}

/** Answers a GET for a file under `root` (of one of `extensions`, when given); 404 for anything else. */
export function sendStaticFile(root: string, req: IncomingMessage, res: ServerResponse, extensions?: Extensions): void {
  const url = requestUrl(req, 'http://x');
  if (!url) {
    res.writeHead(400).end();
    return;
  }
  const file = req.method === 'GET' ? resolveStaticFile(root, url.pathname, extensions) : null;
  if (!file) {
    res.writeHead(404).end();
    return;
  }
  res.writeHead(200, { 'content-type': contentType(file), 'cache-control': 'no-store', 'x-content-type-options': 'nosniff' });
  createReadStream(file).pipe(res);
}

export interface StaticServer {
  url: string;
  close(): Promise<void>;
}

/** A server for nothing but the files under `root`, on an ephemeral loopback port. */
export async function serveStatic(root: string): Promise<StaticServer> {
  const server = createServer((req, res) => sendStaticFile(root, req, res));
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}/`,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
