// The app's own renderer pages and how to recognize them. Pure (no electron import): the window factory
// loads these URLs and the IPC sender check trusts only these URLs.
import { join } from 'node:path';
import { checkExternalLink } from '../net/external-links';
import { pathToFileURL } from 'node:url';

export type PageName = 'tray' | 'settings';
export const PAGES: readonly PageName[] = ['tray', 'settings'];

export interface PageLocator {
  /** Where the page is loaded from: a file path (production) or a dev-server URL. */
  source(page: PageName): { kind: 'file'; path: string } | { kind: 'url'; url: string };
  /** True only for the app's own pages: exact file URLs of out/renderer, or the dev server's origin. */
  isAppPage(url: string): boolean;
}

/**
 * rendererDir: the built out/renderer folder. devServerUrl: electron-vite's ELECTRON_RENDERER_URL in
 * development only; null in a built app.
 */
export function createPageLocator(rendererDir: string, devServerUrl: string | null): PageLocator {
  const filePath = (page: PageName) => join(rendererDir, `${page}.html`);
  const trustedFileUrls = new Set(PAGES.map((p) => pathToFileURL(filePath(p)).href));
  let devOrigin: string | null = null;
  if (devServerUrl) {
    const u = new URL(devServerUrl);
    // The dev server is only trusted on loopback; anything else in that variable is a mistake.
    if (u.protocol === 'http:' && ['localhost', '127.0.0.1', '[::1]'].includes(u.hostname)) devOrigin = u.origin;
  }
  return {
    source(page) {
      if (devOrigin) return { kind: 'url', url: new URL(`/${page}.html`, devOrigin).href };
      return { kind: 'file', path: filePath(page) };
    },
    isAppPage(url) {
      let u: URL;
      try {
        u = new URL(url);
      } catch {
        return false;
      }
      if (devOrigin) return u.origin === devOrigin;
      if (u.protocol !== 'file:') return false;
      u.hash = '';
      u.search = '';
      return trustedFileUrls.has(u.href);
    },
  };
}

/** Only https links leave the app, and only through the system browser. */
/** A link a window tried to open or navigate to: https on the issuer's host or NICE's documentation. */
export function isOpenableExternally(url: string, issuer: string | null = null): boolean {
  return checkExternalLink(url, issuer).ok;
}
