// Playwright fixtures for the renderer tests: per test, a REAL core (main/core/app.ts createCore) with
// plain-Node test ports — demo simulator over HTTP, real poller and roster, settings in a temp folder —
// served to the page with the built renderer by the browser preview's own server (main/preview/), the one
// `npm run preview:browser` runs. Window actions stay recorded by the test ports (ports.uiCalls).
import { test as base, expect, type Page } from '@playwright/test';
import { createCore } from '../../../main/core/app';
import type { Core } from '../../../main/core/types';
import { createIpcRouter, type IpcRouter } from '../../../main/ipc/router';
import { systemClock, type Clock, type FetchLike, type SecretStore } from '../../../main/ports';
import { buildBridgeScript } from '../../../main/preview/bridge-script';
import { RENDERER_OUT } from '../../../main/preview/build-renderer';
import { startPreviewServer, type PreviewServer } from '../../../main/preview/preview-server';
import { TRAY_WINDOW_SIZE } from '../../../main/shell/window-sizes';
import { createTestPorts, type TestPorts } from '../../harness/core-ports';

/** Real time plus an offset the test can move forward, so the simulator jumps ahead on demand. */
export class OffsetClock implements Clock {
  offsetMs = 0;
  now = () => Date.now() + this.offsetMs;
  setTimeout = systemClock.setTimeout;
  clearTimeout = systemClock.clearTimeout;
}

/**
 * The offset that puts a clock at `hour`:`minute` local time today. The demo's skill queues follow the
 * time of day (office skills are busy in the morning, quiet at night), and the queue strip's lines
 * change the height left for the agent list: a demo test started at 07:05 saw 11 rows where one at
 * 06:40 saw 12. So every demo test runs at the same time of day, whenever CI runs it.
 */
function offsetToLocalTime(hour: number, minute: number): number {
  const d = new Date();
  d.setHours(hour, minute, 0, 0);
  return d.getTime() - Date.now();
}
/** The demo tests' time of day: the morning, when the demo's office skills have traffic. */
const DEMO_TIME_OF_DAY = { hour: 10, minute: 30 } as const;

/**
 * What the CXone API does to the core's next agents/states requests. Everything else (the sign-in
 * server, discovery) is untouched. Used to drive the connection states the header must put in words.
 */
export type ApiFault =
  | { kind: 'network' }
  | { kind: 'http'; status: number; headers?: Record<string, string>; body?: string }
  /** No answer until the client gives up (its own timeout aborts the request). */
  | { kind: 'hang' }
  /** The real answer, once `until` settles (a slow directory, say). */
  | { kind: 'held'; until: Promise<void> };

export class FaultSwitch {
  fault: ApiFault | null = null;
  /** Which requests the fault hits: those whose URL contains this. */
  path = '/agents/states';

  wrap(inner: FetchLike): FetchLike {
    return async (input, init) => {
      const fault = this.fault;
      if (!fault || !String(input).includes(this.path)) return inner(input, init);
      if (fault.kind === 'held') return fault.until.then(() => inner(input, init));
      if (fault.kind === 'network') throw new TypeError('fetch failed', { cause: new Error('connect ECONNREFUSED 127.0.0.1') });
      if (fault.kind === 'http') return new Response(fault.body ?? null, { status: fault.status, headers: fault.headers });
      return new Promise<Response>((_resolve, reject) => {
        const signal = init?.signal;
        if (signal?.aborted) reject(signal.reason);
        signal?.addEventListener('abort', () => reject(signal.reason), { once: true });
      });
    };
  }

  /**
   * Holds GET /unavailable-codes — and with it the whole directory load (names, teams, the codes' own
   * time limits) — until the returned function is called.
   */
  holdCodes(): () => void {
    let release = () => {};
    this.path = '/unavailable-codes';
    this.fault = { kind: 'held', until: new Promise<void>((r) => (release = r)) };
    return () => release();
  }
}

/** The state fields of a raw agents/states item that a forced state replaces. */
export type ForcedState =
  | { state: 'LoggedOut' }
  | { state: 'Available' }
  | { state: 'Unavailable'; reason: string };

const FORCED_FIELDS: Record<ForcedState['state'], { agentStateId: number; agentStateName: string }> = {
  LoggedOut: { agentStateId: 0, agentStateName: 'LoggedOut' },
  Available: { agentStateId: 1, agentStateName: 'Available' },
  Unavailable: { agentStateId: 2, agentStateName: 'Unavailable' },
};

/**
 * Forced agent states as the API reports them. The core keeps its demo simulator to itself, so a test
 * forces a transition here instead: the next agents/states answers carry the forced agents with their
 * new state (the rest of each item as last seen), and, with `freezeOthers`, the delta answers carry
 * nothing else, so the only changes the core sees are the forced ones.
 */
export class StateOverrides {
  /** `clock`: the core's, so a forced state's start is on the app's timeline (not the wall clock's). */
  constructor(private readonly clock: Clock) {}
  private readonly lastSeen = new Map<number, Record<string, unknown>>();
  private readonly forced = new Map<number, Record<string, unknown>>();
  freezeOthers = false;
  /** Items added to every answer's first page that the app cannot read (e.g. one without agentId). */
  unreadable: Record<string, unknown>[] = [];

  /** `fields` replaces more of the item (e.g. a long name or team, to test layouts). */
  force(agentId: number, to: ForcedState, at = this.clock.now(), fields: Record<string, unknown> = {}): void {
    const seen = this.lastSeen.get(agentId);
    if (!seen) throw new Error(`agent ${agentId} has not been in an agents/states answer yet`);
    const reason = to.state === 'Unavailable' ? { outStateId: 9001, outStateDescription: to.reason } : { outStateId: 0, outStateDescription: '' };
    this.forced.set(agentId, { ...seen, ...FORCED_FIELDS[to.state], ...reason, isACW: false, isAcw: false, contactId: 0, skillName: '', startDate: new Date(at).toISOString(), ...fields });
  }

  /**
   * An agent CXone did not list before (a user created since): from now on in every agents/states answer,
   * as a copy of agent `like`'s item with `fields` (a new agentId, names) and a state that starts now.
   */
  hire(like: number, fields: Record<string, unknown> & { agentId: number }): void {
    const seen = this.lastSeen.get(like);
    if (!seen) throw new Error(`agent ${like} has not been in an agents/states answer yet`);
    this.forced.set(fields.agentId, { ...seen, ...fields, startDate: new Date(this.clock.now()).toISOString() });
  }

  wrap(inner: FetchLike): FetchLike {
    return async (input, init) => {
      const response = await inner(input, init);
      const url = new URL(String(input));
      if (!url.pathname.endsWith('/agents/states') || response.status !== 200) return response;
      const body = (await response.json()) as { agentStates?: Record<string, unknown>[]; totalRecords?: number; _links?: { next?: string | null } };
      const items = body.agentStates ?? [];
      for (const item of items) if (typeof item.agentId === 'number') this.lastSeen.set(item.agentId, item);
      const delta = url.searchParams.has('updatedSince');
      const kept = items.filter((i) => !this.forced.has(i.agentId as number) && !(delta && this.freezeOthers));
      // A list in pages (the app asks for 1,000 at a time): each forced agent leaves the page it was on
      // and joins the first page, so the whole list still counts totalRecords agents — telling
      // totalRecords = this page's length would end the paging after page one.
      const firstPage = Number(url.searchParams.get('skip') ?? 0) === 0;
      const paged = !firstPage || Boolean(body._links?.next);
      body.agentStates = firstPage ? [...kept, ...this.forced.values(), ...this.unreadable] : kept;
      if (!paged && 'totalRecords' in body) body.totalRecords = body.agentStates.length;
      const headers = new Headers(response.headers);
      headers.delete('content-length');
      return new Response(JSON.stringify(body), { status: 200, headers });
    };
  }
}

/** A skill's queue as a test forces it: what the next skills/activity answers say for that skill. */
export interface ForcedQueue {
  queueCount: number;
  /** How long the oldest contact has waited when forced, seconds (its entry time stays fixed after). */
  longestWaitSeconds?: number;
  /** Percent; the goal is the skill's own unless given. */
  serviceLevel?: number;
  serviceLevelGoal?: number;
}

/**
 * Forced skill queues as the API reports them (the core keeps its demo simulator to itself, as with
 * StateOverrides): every skills/activity answer carries the forced skills with the given figures, delta
 * answers included, so the core sees them at its next poll. `refuse` answers every skills/activity
 * request with that HTTP status instead (403: the feature turns off with its sentence).
 */
export class QueueOverrides {
  /** `clock`: the core's (see StateOverrides). */
  constructor(private readonly clock: Clock) {}
  private readonly lastSeen = new Map<number, Record<string, unknown>>();
  private readonly forced = new Map<number, Record<string, unknown>>();
  refuse: number | null = null;
  /** Answers who-has-which-skill (skills/agents) with this status: agents per skill stay unknown. */
  refuseAssignments: number | null = null;

  force(skillId: number, q: ForcedQueue, at = this.clock.now()): void {
    const seen = this.lastSeen.get(skillId);
    if (!seen) throw new Error(`skill ${skillId} has not been in a skills/activity answer yet`);
    const item: Record<string, unknown> = { ...seen, queueCount: q.queueCount, skillQueueCount: q.queueCount };
    if (q.queueCount > 0) item.earliestQueueTime = new Date(at - (q.longestWaitSeconds ?? 0) * 1000).toISOString();
    else delete item.earliestQueueTime;
    if (q.serviceLevel !== undefined) item.serviceLevel = q.serviceLevel;
    if (q.serviceLevelGoal !== undefined) item.serviceLevelGoal = q.serviceLevelGoal;
    this.forced.set(skillId, item);
  }

  wrap(inner: FetchLike): FetchLike {
    return async (input, init) => {
      const url = new URL(String(input));
      if (this.refuseAssignments !== null && url.pathname.endsWith('/skills/agents')) return new Response(null, { status: this.refuseAssignments });
      if (!url.pathname.endsWith('/skills/activity')) return inner(input, init);
      if (this.refuse !== null) return new Response(null, { status: this.refuse });
      const response = await inner(input, init);
      if (response.status !== 200) return response;
      const body = (await response.json()) as { skillActivity?: Record<string, unknown>[]; totalRecords?: number; _links?: { next?: string | null } };
      const items = body.skillActivity ?? [];
      for (const item of items) if (typeof item.skillId === 'number') this.lastSeen.set(item.skillId, item);
      const kept = items.filter((i) => !this.forced.has(i.skillId as number));
      // As with agents: in a paged list the forced skills join the first page and the total stays.
      const firstPage = Number(url.searchParams.get('skip') ?? 0) === 0;
      const paged = !firstPage || Boolean(body._links?.next);
      body.skillActivity = firstPage ? [...kept, ...this.forced.values()] : kept;
      if (!paged && 'totalRecords' in body) body.totalRecords = body.skillActivity.length;
      const headers = new Headers(response.headers);
      headers.delete('content-length');
      return new Response(JSON.stringify(body), { status: 200, headers });
    };
  }
}

/** The windows' real content sizes (main/shell/), so layouts and screenshots are what users see. */
export const TRAY_VIEWPORT = { ...TRAY_WINDOW_SIZE };
export const SETTINGS_VIEWPORT = { width: 760, height: 600 };

export interface BridgeLog {
  /** Every command the page sent, in order: channel names. */
  calls: string[];
}

export interface AppHarness {
  core: Core;
  ports: TestPorts;
  router: IpcRouter;
  clock: OffsetClock;
  /** Set a fault to make the API misbehave; null restores it. */
  faults: FaultSwitch;
  /** Force agents' states as the API reports them. */
  overrides: StateOverrides;
  /** Force skills' queues (or refuse the endpoint) as the API reports them. */
  queues: QueueOverrides;
  log: BridgeLog;
  /** The preview server this core is served by. */
  server: PreviewServer;
  /** Console errors and uncaught exceptions of pages opened with open() (CSP violations land here). */
  pageErrors: string[];
  /** Bridges the page to this core and loads a window. */
  open(page: Page, window: 'tray' | 'settings', hash?: string): Promise<void>;
  /** Waits until the core reports a live feed. */
  live(): Promise<void>;
}

export interface StartOptions {
  settings?: Record<string, unknown>;
  /** The keychain as the app finds it at start (default: empty, in memory). */
  secrets?: SecretStore;
  /** Skip core.start() (e.g. to inspect the pre-start state). */
  noStart?: boolean;
  /** The folders Settings → General shows (screenshots show a user's, not the test's temp folder). */
  displayPaths?: { settings: string; logs: string };
  /** The settings folder cannot be used at all (see createTestPorts). */
  unusableSettingsFolder?: boolean;
  /** The OS's regional format the core is given (Electron's app.getSystemLocale()); unset: the window's default locale. */
  clockLocale?: string;
}

type TestFixtures = { startApp: (opts?: StartOptions) => Promise<AppHarness> };
type WorkerFixtures = { coreTimeZone: void };

export const test = base.extend<TestFixtures, WorkerFixtures>({
  // The core runs in this process: in a project whose browser has a time zone of its own (the far-zone
  // project), this process takes the same one, as Electron's main process shares the window's.
  coreTimeZone: [
    // eslint-disable-next-line no-empty-pattern
    async ({}, use, workerInfo) => {
      const zone = workerInfo.project.use.timezoneId;
      const before = process.env.TZ;
      if (zone) process.env.TZ = zone;
      await use();
      if (before === undefined) delete process.env.TZ;
      else process.env.TZ = before;
    },
    { scope: 'worker', auto: true },
  ],
  // Playwright reads a fixture's dependencies from this (here empty) destructuring pattern.
  // eslint-disable-next-line no-empty-pattern
  startApp: async ({}, use) => {
    const started: AppHarness[] = [];
    await use(async (opts = {}) => {
      const clock = new OffsetClock();
      // The demo (the default mode) at a fixed time of day; a CXone sign-in keeps real time, as the
      // sign-in server's tokens do.
      if (opts.settings?.mode !== 'cxone') clock.offsetMs = offsetToLocalTime(DEMO_TIME_OF_DAY.hour, DEMO_TIME_OF_DAY.minute);
      const faults = new FaultSwitch();
      const overrides = new StateOverrides(clock);
      const queues = new QueueOverrides(clock);
      const ports = createTestPorts({ clock, settings: opts.settings, secrets: opts.secrets, unusableSettingsFolder: opts.unusableSettingsFolder, clockLocale: opts.clockLocale, fetch: faults.wrap(overrides.wrap(queues.wrap((input, init) => fetch(input, init)))) });
      if (opts.displayPaths) ports.paths = opts.displayPaths;
      const core = createCore(ports);
      const router = createIpcRouter(core.handlers, ports.logger);
      const log: BridgeLog = { calls: [] };
      const pageErrors: string[] = [];
      const server = await startPreviewServer({
        core,
        router,
        rendererDir: RENDERER_OUT,
        bridgeScript: await buildBridgeScript(),
        logger: ports.logger,
        onCommand: (channel) => log.calls.push(channel),
      });
      const harness: AppHarness = {
        core,
        ports,
        router,
        clock,
        faults,
        overrides,
        queues,
        log,
        server,
        pageErrors,
        async open(page, window, hash) {
          page.on('console', (m) => m.type() === 'error' && pageErrors.push(m.text()));
          page.on('pageerror', (e) => pageErrors.push(String(e)));
          await page.setViewportSize(window === 'tray' ? TRAY_VIEWPORT : SETTINGS_VIEWPORT);
          // The page's clock follows the core's (moved) clock, so times in state read true.
          if (clock.offsetMs !== 0) {
            await page.clock.install({ time: clock.now() });
            await page.clock.resume();
          }
          await page.goto(server.pageUrl(window, hash));
        },
        async live() {
          await expect.poll(() => core.appState().monitor.kind, { timeout: 15_000 }).toBe('live');
        },
      };
      started.push(harness);
      if (!opts.noStart) await core.start();
      return harness;
    });
    for (const h of started) {
      await h.server.close();
      await h.core.stop();
      h.ports.cleanup();
    }
  },
});

export { expect };
