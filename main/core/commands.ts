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

/** A command that only acts: answers { ok: true } once `act` has run; a throw becomes the router's error reply. */
const acting =
  <Req>(act: (request: Req) => void) =>
  (request: Req) => {
    act(request);
    return done;
  };

/** acting, for an act that ends later: answers once it has resolved. */
const actingAsync =
  <Req>(act: (request: Req) => Promise<void>) =>
  async (request: Req) => {
    await act(request);
    return done;
  };

/** The reads: the app state, and the running feed's views (without a live feed, their empty answers). */
function readCommands(
  c: CommandContext,
): Pick<CommandHandlers, 'getAppState' | 'getRosterSnapshotPart' | 'getPickerChoices' | 'getAgentHistory' | 'getTrend' | 'getQueues'> {
  return {
    getAppState: c.getAppState,
    getRosterSnapshotPart: c.getRosterSnapshotPart,
    getPickerChoices: (query) => c.feeds.live()?.pickerChoices(query) ?? findPickerChoices({ agents: [], teams: [] }, [], query),
    getAgentHistory: ({ agentId }) => c.feeds.live()?.history(agentId) ?? [],
    getTrend: () => c.feeds.live()?.trend() ?? EMPTY_TREND,
    getQueues: () => c.feeds.queues(),
  };
}

/**
 * Which tenant the app talks to, and whether it answers: sign-in (a failure is answered in words, not
 * thrown), sign-out, the demo tenant, the connection test and the doctor.
 */
function tenantCommands(c: CommandContext): Pick<CommandHandlers, 'signIn' | 'cancelSignIn' | 'signOut' | 'startDemo' | 'testConnection' | 'runDiagnostics'> {
  return {
    signIn: async () => {
      try {
        await c.signIn();
        return { ok: true as const };
      } catch (err) {
        return { ok: false as const, message: errorText(err) };
      }
    },
    cancelSignIn: acting(() => c.cancelSignIn()),
    signOut: actingAsync(() => c.signOut()),
    startDemo: actingAsync(() => c.startDemo()),
    testConnection: c.testConnection,
    runDiagnostics: c.runDiagnostics,
  };
}

/** The saved settings: the whole form, and one agent's pin (a file that cannot take it throws its reason). */
function settingsCommands(c: CommandContext): Pick<CommandHandlers, 'saveSettings' | 'setAgentPinned'> {
  return {
    saveSettings: (input) => c.settings.save(input),
    setAgentPinned: acting(({ agentId, pinned }) => {
      const r = c.settings.update((s) => {
        const ids = new Set(s.pinnedAgentIds);
        if (pinned) ids.add(agentId);
        else ids.delete(agentId);
        return { ...s, pinnedAgentIds: [...ids] };
      });
      if (!r.ok) throw new Error(r.issues[0]?.message ?? 'Could not save the pinned agents.');
    }),
  };
}

/** The switches the tray and windows flip on the running feed and its notifications. */
function feedCommands(c: CommandContext): Pick<CommandHandlers, 'refreshNow' | 'setPollingPaused' | 'pauseNotifications'> {
  return {
    refreshNow: acting(() => c.feeds.refreshNow()),
    setPollingPaused: acting(({ paused }) => c.feeds.setUserPaused(paused)),
    pauseNotifications: acting(({ minutes }) => c.pauseNotifications(minutes)),
  };
}

/** The desktop around the windows: banners, the clipboard, links (only those the link policy allows), windows. */
function desktopCommands(c: CommandContext): Pick<CommandHandlers, 'dismissNotice' | 'copyText' | 'openExternal' | 'openWindow' | 'hideWindow'> {
  return {
    dismissNotice: acting(({ id }) => c.notices.dismiss(id)),
    copyText: acting(({ text }) => c.ui.copyText(text)),
    openExternal: actingAsync(async ({ url }) => {
      const check = checkExternalLink(url, c.settings.get().tenant.issuer);
      if (!check.ok) throw new Error(check.reason);
      await c.ui.openExternal(check.url.href);
    }),
    openWindow: acting(({ window }) => c.ui.openWindow(window)),
    hideWindow: acting(() => c.ui.hideWindow()),
  };
}

/** Every command of the contract; the Picks above together must cover CommandHandlers, or this does not compile. */
export function createCommandHandlers(c: CommandContext): CommandHandlers {
  return { ...readCommands(c), ...tenantCommands(c), ...settingsCommands(c), ...feedCommands(c), ...desktopCommands(c) };
}
