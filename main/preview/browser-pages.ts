// The app's windows when it is shown in a browser: every open page (tab) holds an event stream to the
// preview server. The core's events go to all of them, as Electron sends them to every app window; what
// the shell would do with windows (open one, bring it to the front, copy, open a link, notify) becomes a
// message to the page that asked, or to the page that already shows the window.
import type { ServerResponse } from 'node:http';
import { events } from '../../preload/contract';
import type { UiPort } from '../core/types';
import type { Notifier, Opener } from '../ports';
import { isOpenableExternally } from '../shell/pages';
import type { PreviewPage, StreamMessage } from './protocol';

interface Connected {
  client: string;
  page: PreviewPage;
  res: ServerResponse;
}

export class BrowserPages {
  private readonly pages = new Set<Connected>();
  /** The page that sent the latest command: a window the core opens appears beside it. */
  private lastClient: string | null = null;

  /** A page's event stream; it stays until the page goes away. */
  connect(client: string, page: PreviewPage, res: ServerResponse): void {
    const entry: Connected = { client, page, res };
    this.pages.add(entry);
    res.on('close', () => this.pages.delete(entry));
    this.write(entry, { kind: 'ready' });
  }

  noteCommandFrom(client: string): void {
    this.lastClient = client;
  }

  broadcast(message: StreamMessage): void {
    for (const p of this.pages) this.write(p, message);
  }

  /** Ends every stream (the server is closing). */
  closeAll(): void {
    for (const p of this.pages) p.res.end();
    this.pages.clear();
  }

  get count(): number {
    return this.pages.size;
  }

  readonly ui: UiPort = {
    openWindow: (which) => {
      const page: PreviewPage = which === 'tray' ? 'tray' : 'settings';
      const section = which === 'diagnostics' || which === 'notifications' ? which : null;
      const open = [...this.pages].find((p) => p.page === page);
      if (open) {
        // As in the app: an open settings window switches section without losing unsaved edits.
        if (section) this.write(open, { kind: 'event', channel: events.showSection.channel, payload: { section } });
        this.write(open, { kind: 'focus' });
        return;
      }
      this.toAsker({ kind: 'open', page, hash: section ?? '' });
    },
    // A browser tab cannot hide itself; the tray window's Esc just stays.
    hideWindow: () => {},
    copyText: (text) => this.toAsker({ kind: 'copy', text }),
    openExternal: async (url) => {
      if (!isOpenableExternally(url)) throw new Error('Only https links can be opened.');
      this.toAsker({ kind: 'external', url });
    },
  };

  /** The sign-in page (https, or a loopback identity provider — the core has checked it). */
  readonly opener: Opener = {
    openExternal: async (url) => this.toAsker({ kind: 'external', url }),
  };

  readonly notifier: Notifier = {
    show: (n) => this.broadcastOnce({ kind: 'notify', title: n.title, body: n.body }),
  };

  private toAsker(message: StreamMessage): void {
    const all = [...this.pages];
    const target = all.find((p) => p.client === this.lastClient) ?? all.at(-1);
    if (target) this.write(target, message);
  }

  /** One page shows a notification, not every open tab. */
  private broadcastOnce(message: StreamMessage): void {
    const first = [...this.pages][0];
    if (first) this.write(first, message);
  }

  private write(p: Connected, message: StreamMessage): void {
    if (!p.res.writableEnded) p.res.write(`${JSON.stringify(message)}\n`);
  }
}
