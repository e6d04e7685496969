// Runs in the page before the renderer when the app is shown in a browser — `npm run preview:browser` and
// the Playwright tests: builds window.agentTray with the preload's own createAgentTrayApi, over HTTP to the
// preview server (main/preview/preview-server.ts), which routes through the real IPC router to the real
// core in Node. It stands in for Electron's preload + contextBridge. The per-run secret comes from this
// page's URL (?k=…) and goes with every request; the server refuses requests without it.
import { z } from 'zod';
import { CLIENT_HEADER, EVENTS_PATH, INVOKE_PATH, SECRET_HEADER, SECRET_PARAM, streamMessageSchema, type PreviewPage, type StreamMessage } from '../../main/preview/protocol';
import { createAgentTrayApi } from '../../preload/api';

// The renderer's CSP has no 'unsafe-eval': zod must not compile validators with new Function.
z.config({ jitless: true });

type Listener = (payload: unknown) => void;
interface BridgeWindow {
  /** Delivers an event to the page's subscribers, as the preload does for a message from main. */
  __agentTrayDispatch(channel: string, payload: unknown): void;
  agentTray: unknown;
}
const w = window as unknown as BridgeWindow;
const listeners = new Map<string, Set<Listener>>();
const secret = new URLSearchParams(location.search).get(SECRET_PARAM) ?? '';
const page: PreviewPage = location.pathname.endsWith('/settings.html') ? 'settings' : 'tray';
const headers = { [SECRET_HEADER]: secret, [CLIENT_HEADER]: crypto.randomUUID() };

w.__agentTrayDispatch = (channel, payload) => {
  for (const l of listeners.get(channel) ?? []) l(payload);
};

function pageUrl(target: PreviewPage, hash: string): string {
  return `/${target}.html?${SECRET_PARAM}=${encodeURIComponent(secret)}${hash ? `#${hash}` : ''}`;
}

/** What the shell does with windows, done by the browser. */
function handle(message: StreamMessage, ready: () => void): void {
  switch (message.kind) {
    case 'ready':
      return ready();
    case 'event':
      return w.__agentTrayDispatch(message.channel, message.payload);
    case 'open':
      // A named tab per window, so opening it again reuses it, as the app reuses its windows.
      if (!window.open(pageUrl(message.page, message.hash), `cxone-agent-tray-${message.page}`)) {
        console.warn(`The browser blocked a new tab; open ${pageUrl(message.page, message.hash)} yourself.`);
      }
      return;
    case 'focus':
      return window.focus();
    case 'copy':
      void navigator.clipboard.writeText(message.text).catch(() => console.warn('The browser refused the clipboard.'));
      return;
    case 'external':
      window.open(message.url, '_blank', 'noopener,noreferrer');
      return;
    case 'notify':
      if ('Notification' in window && Notification.permission === 'granted') new Notification(message.title, { body: message.body });
      return;
  }
}

/** The event stream: resolves once the server has subscribed this page (events from then on arrive). */
function connectEvents(): Promise<void> {
  return new Promise((resolve, reject) => {
    const read = async () => {
      const response = await fetch(`${EVENTS_PATH}?page=${page}`, { headers, cache: 'no-store' });
      if (!response.ok || !response.body) throw new Error(`The preview server refused this page (${response.status}). Open the address it printed.`);
      const reader = response.body.pipeThrough(new TextDecoderStream()).getReader();
      let buffered = '';
      for (;;) {
        const { value, done } = await reader.read();
        if (done) break;
        buffered += value;
        for (let i = buffered.indexOf('\n'); i >= 0; i = buffered.indexOf('\n')) {
          const parsed = streamMessageSchema.safeParse(JSON.parse(buffered.slice(0, i)));
          buffered = buffered.slice(i + 1);
          if (parsed.success) handle(parsed.data, resolve);
        }
      }
    };
    // A closed stream (the preview stopped, the page unloads) ends the events; commands then fail in words.
    read().catch(reject);
  });
}

const subscribed = connectEvents();
subscribed.catch(() => undefined);

w.agentTray = createAgentTrayApi({
  async invoke(channel, payload) {
    await subscribed;
    const response = await fetch(INVOKE_PATH, {
      method: 'POST',
      headers: { ...headers, 'content-type': 'application/json' },
      body: JSON.stringify({ channel, payload }),
      cache: 'no-store',
    });
    if (!response.ok) return { ok: false, error: { kind: 'failed', message: `The preview server refused the request (${response.status}).` } };
    return response.json();
  },
  on(channel, listener) {
    let set = listeners.get(channel);
    if (!set) listeners.set(channel, (set = new Set()));
    set.add(listener);
    return () => set.delete(listener);
  },
});
