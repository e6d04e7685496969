// Connects a Playwright page to a real core: the page's window.agentTray (built by the preload's
// createAgentTrayApi, bundled from page-bridge.browser.ts) invokes a binding that routes through the
// real IPC router with the contract's validation; the core's events are dispatched into the page.
import type { Page } from '@playwright/test';
import { fileURLToPath } from 'node:url';
import { build, type Rolldown } from 'vite';
import type { Core } from '../../../main/core-types';
import type { IpcRouter } from '../../../main/ipc/router';
import { events, type EventName } from '../../../preload/contract';

let bundle: Promise<string> | null = null;

/** The bridge as one classic script (IIFE), built once per worker. */
export function pageBridgeScript(): Promise<string> {
  bundle ??= (async () => {
    const result = (await build({
      configFile: false,
      logLevel: 'warn',
      build: {
        write: false,
        minify: false,
        lib: { entry: fileURLToPath(new URL('./page-bridge.browser.ts', import.meta.url)), formats: ['iife'], name: 'agentTrayBridge' },
      },
    })) as Rolldown.RolldownOutput[] | Rolldown.RolldownOutput;
    const outputs = Array.isArray(result) ? result : [result];
    const chunk = outputs.flatMap((o) => o.output).find((o) => o.type === 'chunk');
    if (!chunk || chunk.type !== 'chunk') throw new Error('The page bridge bundle is empty.');
    return chunk.code;
  })();
  return bundle;
}

export interface BridgeLog {
  /** Every command the page sent, in order: channel names. */
  calls: string[];
}

interface Target {
  core: Core;
  router: IpcRouter;
  log: BridgeLog;
  off: () => void;
}
const targets = new WeakMap<Page, Target>();

/**
 * Must run before page.goto. A page is bridged once; calling again points it at another core (the
 * binding and init script stay, events are re-subscribed).
 */
export async function bridgePage(page: Page, core: Core, router: IpcRouter, log: BridgeLog = { calls: [] }): Promise<void> {
  const existing = targets.get(page);
  existing?.off();
  const offs = (Object.keys(events) as EventName[]).map((name) =>
    core.onEvent(name, (payload) => {
      const channel = events[name].channel;
      // Ordered over the one CDP connection; a closed page just drops the event.
      page
        .evaluate(([c, p]) => (globalThis as unknown as { __agentTrayDispatch(c: string, p: unknown): void }).__agentTrayDispatch(c, p), [channel, payload] as const)
        .catch(() => undefined);
    }),
  );
  const target: Target = { core, router, log, off: () => offs.forEach((off) => off()) };
  targets.set(page, target);
  if (existing) return;
  await page.exposeBinding('__agentTrayInvoke', async (_source, channel: string, payload: unknown) => {
    const t = targets.get(page)!;
    t.log.calls.push(channel);
    return t.router.handle(channel, payload, true);
  });
  await page.addInitScript({ content: await pageBridgeScript() });
}
