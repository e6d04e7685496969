// The renderer's commands (preload/contract.ts), each a thin adapter over what the core does: the IPC
// router has validated the request; a handler answers with the contract's response shape or throws
// (the router turns a throw into an error reply).
import { errorText } from '../auth/errors';
import type { CommandHandlers } from '../ipc/router';
import type { UiPort } from './types';
import { checkExternalLink } from '../net/external-links';
import type { SettingsStore } from '../settings/store';
import type { Trend } from '../monitor/status';
import { findPickerChoices } from '../monitor/picker-choices';
import type { FeedService } from './feed-service';
import type { NoticeBoard } from './notice-board';

type Handler<K extends keyof CommandHandlers> = CommandHandlers[K];

/** What the commands act on: the core's parts, and its operations that span several of them. */
export interface CommandContext {
  feeds: Pick<FeedService, 'live' | 'queues' | 'refreshNow' | 'setUserPaused'>;
  settings: SettingsStore;
  notices: NoticeBoard;
  ui: UiPort;
  getAppState: Handler<'getAppState'>;
  getRosterSnapshotPart: Handler<'getRosterSnapshotPart'>;
  testConnection: Handler<'testConnection'>;
  /** Signs in through the system browser and connects the feed; throws with words for the user. */
  signIn(): Promise<void>;
  cancelSignIn(): void;
  signOut(): Promise<void>;
  /** Switches to the demo tenant (restarts it when it runs); resolves when it runs. */
  startDemo(): Promise<void>;
  /** null: until resumed; 0: resume now; else minutes. */
  pauseNotifications(minutes: number | null): void;
  runDiagnostics: Handler<'runDiagnostics'>;
}

const EMPTY_TREND: Trend = { bucketMs: 60_000, buckets: [] };
const done = { ok: true as const };

export function createCommandHandlers(c: CommandContext): CommandHandlers {
  return {
    getAppState: c.getAppState,
    getRosterSnapshotPart: c.getRosterSnapshotPart,
    getPickerChoices: (query) => c.feeds.live()?.pickerChoices(query) ?? findPickerChoices({ agents: [], teams: [] }, [], query),
    getAgentHistory: ({ agentId }) => c.feeds.live()?.history(agentId) ?? [],
    getTrend: () => c.feeds.live()?.trend() ?? EMPTY_TREND,
    getQueues: () => c.feeds.queues(),
    saveSettings: (input) => c.settings.save(input),
    testConnection: c.testConnection,
    signIn: async () => {
      try {
        await c.signIn();
        return { ok: true as const };
      } catch (err) {
        return { ok: false as const, message: errorText(err) };
      }
    },
    cancelSignIn: () => {
      c.cancelSignIn();
      return done;
    },
    signOut: async () => {
      await c.signOut();
      return done;
    },
    startDemo: async () => {
      await c.startDemo();
      return done;
    },
    refreshNow: () => {
      c.feeds.refreshNow();
      return done;
    },
    setPollingPaused: ({ paused }) => {
      c.feeds.setUserPaused(paused);
      return done;
    },
    pauseNotifications: ({ minutes }) => {
      c.pauseNotifications(minutes);
      return done;
    },
    setAgentPinned: ({ agentId, pinned }) => {
      const r = c.settings.update((s) => {
        const ids = new Set(s.pinnedAgentIds);
        if (pinned) ids.add(agentId);
        else ids.delete(agentId);
        return { ...s, pinnedAgentIds: [...ids] };
      });
      if (!r.ok) throw new Error(r.issues[0]?.message ?? 'Could not save the pinned agents.');
      return done;
    },
    runDiagnostics: c.runDiagnostics,
    dismissNotice: ({ id }) => {
      c.notices.drop(id);
      return done;
    },
    copyText: ({ text }) => {
      c.ui.copyText(text);
      return done;
    },
    openExternal: async ({ url }) => {
      const check = checkExternalLink(url, c.settings.get().tenant.issuer);
      if (!check.ok) throw new Error(check.reason);
      await c.ui.openExternal(check.url.href);
      return done;
    },
    openWindow: ({ window }) => {
      c.ui.openWindow(window);
      return done;
    },
    hideWindow: () => {
      c.ui.hideWindow();
      return done;
    },
  };
}
