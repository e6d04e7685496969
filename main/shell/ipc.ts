// Electron side of the IPC contract: one ipcMain.handle per contract command, each routed through the
// pure router (unknown channel / foreign sender / invalid payload → an error value), and core events
// forwarded to every app window.
import { ipcMain, type IpcMainInvokeEvent, type WebContents } from 'electron';
import { events, type EventName, type EventPayload } from '../../preload/contract';
import type { Core } from '../core/types';
import { createIpcRouter } from '../ipc/router';
import type { Logger } from '../ports';
import type { PageLocator } from './pages';

export interface SenderCheck {
  pages: PageLocator;
  /** True when these webContents belong to one of the app's own windows. */
  isAppWindow(contents: WebContents): boolean;
}

/**
 * A sender is trusted only when (1) it is the top frame (2) of one of the app's own windows and (3) that
 * frame shows one of the app's own pages. An iframe, a foreign window, or a page that somehow navigated
 * elsewhere is refused.
 */
export function isTrustedSender(event: Pick<IpcMainInvokeEvent, 'sender' | 'senderFrame'>, check: SenderCheck): boolean {
  const frame = event.senderFrame;
  if (!frame || frame.parent !== null) return false;
  if (!check.isAppWindow(event.sender)) return false;
  return check.pages.isAppPage(frame.url);
}

export interface IpcBridge {
  readonly channels: readonly string[];
  /** Sends a contract event to every app window (core events and shell events like focusAgent). */
  broadcast<K extends EventName>(name: K, payload: EventPayload<K>): void;
  dispose(): void;
}

export function registerIpc(deps: {
  core: Pick<Core, 'handlers' | 'onEvent'>;
  logger: Logger;
  senders: SenderCheck;
  /** The webContents of every live app window. */
  windows(): WebContents[];
}): IpcBridge {
  const router = createIpcRouter(deps.core.handlers, deps.logger);
  for (const channel of router.channels) {
    ipcMain.handle(channel, (event, payload: unknown) => router.handle(channel, payload, isTrustedSender(event, deps.senders)));
  }

  const broadcast = <K extends EventName>(name: K, payload: EventPayload<K>) => {
    const channel = events[name].channel;
    for (const contents of deps.windows()) if (!contents.isDestroyed()) contents.send(channel, payload);
  };

  const unsubscribe = (Object.keys(events) as EventName[]).map((name) =>
    deps.core.onEvent(name, (payload) => broadcast(name, payload)),
  );

  return {
    channels: router.channels,
    broadcast,
    dispose() {
      for (const channel of router.channels) ipcMain.removeHandler(channel);
      for (const off of unsubscribe) off();
    },
  };
}
