// Runs in the page before the renderer: builds window.agentTray with the preload's own
// createAgentTrayApi, over a transport that calls the Playwright binding (→ the real IPC router and
// core in the test process) and receives events pushed by page.evaluate. Stands in for Electron's
// preload + contextBridge, which cannot run here (no Electron binary).
import { z } from 'zod';
import { createAgentTrayApi } from '../../../preload/api';

z.config({ jitless: true });

type Listener = (payload: unknown) => void;
interface HarnessWindow {
  __agentTrayInvoke(channel: string, payload: unknown): Promise<unknown>;
  __agentTrayDispatch(channel: string, payload: unknown): void;
  agentTray: unknown;
}
const w = window as unknown as HarnessWindow;
const listeners = new Map<string, Set<Listener>>();

w.__agentTrayDispatch = (channel, payload) => {
  for (const l of listeners.get(channel) ?? []) l(payload);
};

w.agentTray = createAgentTrayApi({
  invoke: (channel, payload) => w.__agentTrayInvoke(channel, payload),
  on(channel, listener) {
    let set = listeners.get(channel);
    if (!set) listeners.set(channel, (set = new Set()));
    set.add(listener);
    return () => set.delete(listener);
  },
});
