// The feed service (main/core/feed-service.ts) wires one tenant's feeds to the banner, the notifier and
// the notification rules. Here it runs against the real simulator server on 127.0.0.1 with the real
// client, live feed, queue feed, request budget, notification rules and banner board; only the
// notifier is a recorder (the OS's notifications need Electron). Spies on the real rule objects show
// which rule was told what where the rule's own effect is timed minutes ahead.
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { createCxoneClient, type CxoneClient } from '../../main/cxone/client';
import { createFeedService, TOKEN_REFUSED_NOTICE, type FeedService, type FeedTenant } from '../../main/core/feed-service';
import { NoticeBoard } from '../../main/core/notice-board';
import { createNotifications, type Notifications } from '../../main/core/notifications';
import { startSimulatorServer, type SimulatorServer } from '../../main/demo/server';
import { ContactCenterSimulator } from '../../main/demo/simulator';
import { RESET_BASE, type RosterDelta } from '../../main/monitor/status';
import { silentLogger, systemClock, type Clock, type FetchLike, type NotificationRequest } from '../../main/ports';
import { QUEUES_OFF, type QueueState } from '../../main/queues/model';
import { PAUSED_BEFORE_FIRST_ANSWER } from '../../main/queues/queue-poller';
import { defaultSettings, type Settings } from '../../main/settings/schema';
import { until } from '../harness/until';
import { withoutStartDates } from '../harness/without-start-dates';
import { FakeClock, settle } from '../monitor/fakes';

let sim: ContactCenterSimulator;
let server: SimulatorServer;
let service: FeedService | null = null;

beforeEach(async () => {
  sim = new ContactCenterSimulator({ agents: 40, seed: 31 });
  server = await startSimulatorServer({ simulator: sim });
});
afterEach(async () => {
  service?.stop();
  service = null;
  vi.restoreAllMocks();
  await server.stop();
});

interface Running {
  service: FeedService;
  /** The tenant's client run() started the feeds over. */
  client: CxoneClient;
  /** Another client of the same tenant, as the app makes one for every start (stop() closes the old). */
  newClient: () => CxoneClient;
  notices: NoticeBoard;
  notifications: Notifications;
  shown: NotificationRequest[];
  queueStates: QueueState[];
  deltas: RosterDelta[];
  /** How many times the service said the tray or app state, or Settings' pickers, may have changed. */
  ui: { changed: number; pickerChoices: number };
}

/** `fetch`: the client's; `serverDates`: its answers' Date headers set the notifications' timeline, as mode-switch.ts wires it. */
function run(tenant: FeedTenant, opts: { clock?: Clock; settings?: Partial<Settings>; fetch?: FetchLike; serverDates?: boolean } = {}): Running {
  const clock = opts.clock ?? systemClock;
  const settings: Settings = { ...defaultSettings(), pollIntervalSeconds: 5, ...opts.settings };
  const shown: NotificationRequest[] = [];
  const notifier = { show: (n: NotificationRequest) => void shown.push(n) };
  const notifications = createNotifications({ settings, clock, logger: silentLogger, notifier });
  const notices = new NoticeBoard(() => {});
  const queueStates: QueueState[] = [];
  const deltas: RosterDelta[] = [];
  const ui = { changed: 0, pickerChoices: 0 };
  service = createFeedService({
    settings: () => settings,
    clock,
    logger: silentLogger,
    notifier,
    notifications,
    notices,
    onRosterDelta: (d) => void deltas.push(d),
    onQueues: (q) => void queueStates.push(q),
    onPickerChoicesChanged: () => void (ui.pickerChoices += 1),
    changed: () => void (ui.changed += 1),
  });
  const newClient = () =>
    createCxoneClient({
      baseUrl: server.apiBase,
      getAccessToken: async () => 'agent-token',
      onUnauthorized: () => {},
      ...(opts.fetch ? { fetch: opts.fetch } : {}),
      ...(opts.serverDates ? { onServerDate: notifications.onServerDate } : {}),
    });
  const client = newClient();
  service.start(tenant, client, null);
  return { service, client, newClient, notices, notifications, shown, queueStates, deltas, ui };
}

const status = (s: FeedService) => s.live()!.status();
/** The agents' feed and the queues' both live. */
const bothLive = (s: FeedService) => status(s).kind === 'live' && s.queues().status === 'live';
const agentLists = () => server.requests.filter((r) => r.path.endsWith('/agents/states')).length;
const refusedBanner = (n: NoticeBoard) => n.all().filter((x) => x.id === TOKEN_REFUSED_NOTICE);

describe('feed service: a token CXone refuses', () => {
  it('raises one banner and one notification, keeps them through a pause and a refused retry, and drops the banner only when polling is live', async () => {
    const r = run('cxone');
    await until('live', () => status(r.service).kind === 'live');
    server.settings.acceptToken = () => false;
    r.service.refreshNow();
    await until('the refusal', () => r.service.tokenRefused());
    const refused = status(r.service);
    // The banner says what the window's status says.
    expect(refusedBanner(r.notices)).toMatchObject([{ level: 'error', action: 'sign-in', message: refused.kind === 'error' ? refused.error.message : null }]);
    expect(r.shown).toEqual([{ title: 'CXone refused the sign-in', body: expect.stringMatching(/no longer updated.*sign in again/) }]);

    // The user pauses and resumes polling while refused: the token is no better for it.
    r.service.setUserPaused(true);
    expect(status(r.service)).toMatchObject({ kind: 'paused', reason: 'user' });
    expect(r.service.tokenRefused()).toBe(true);
    expect(refusedBanner(r.notices)).toHaveLength(1);
    const before = agentLists();
    r.service.setUserPaused(false);
    await until('refused again after the resume', () => agentLists() > before && status(r.service).kind === 'error');
    expect(r.shown).toHaveLength(1);

    // CXone takes tokens again and the session renews: live, and the banner goes.
    server.settings.acceptToken = () => true;
    r.service.authRenewed();
    await until('live again', () => status(r.service).kind === 'live');
    expect(r.service.tokenRefused()).toBe(false);
    expect(refusedBanner(r.notices)).toEqual([]);
    expect(r.shown).toHaveLength(1);
  });

  it("is no sign-in matter for the demo tenant: no banner, no notification, and a CXone renewal does not poke the demo's feed", async () => {
    const r = run('demo');
    await until('live', () => status(r.service).kind === 'live');
    server.settings.acceptToken = () => false;
    r.service.refreshNow();
    await until('the refusal', () => status(r.service).kind === 'error');
    expect(r.service.tokenRefused()).toBe(false);
    expect(refusedBanner(r.notices)).toEqual([]);
    expect(r.shown).toEqual([]);
    // Only the agents' poll is what a renewal would poke: the queue and directory calls go on by their
    // own timers, and counting them made this flaky on a busy machine.
    const before = new Set(server.requests);
    r.service.authRenewed();
    await settle();
    await new Promise((res) => setTimeout(res, 200));
    expect(server.requests.filter((q) => !before.has(q) && q.path.endsWith('/agents/states'))).toEqual([]);
  });

  it('is no sign-in matter when CXone forbids the call (403): the error shows, but no Sign in banner or notification', async () => {
    const r = run('cxone');
    await until('live', () => status(r.service).kind === 'live');
    server.faults.add({ kind: 'status', status: 403, path: '/agents/states' });
    r.service.refreshNow();
    await until('the error', () => status(r.service).kind === 'error');
    expect(status(r.service)).toMatchObject({ kind: 'error', error: { kind: 'forbidden' } });
    expect(r.service.tokenRefused()).toBe(false);
    expect(refusedBanner(r.notices)).toEqual([]);
    expect(r.shown).toEqual([]);
  });
});

describe("feed service: the server's clock", () => {
  it("times the agents' changes that carry no startDate on the notifications' timeline, which the answers' Date headers set", async () => {
    // The simulator's clock (its Date header) is 2025-01-15 13:00 UTC; this computer's runs 2 h 30 ahead.
    const clock = new FakeClock(sim.now() + 150 * 60_000);
    const r = run('cxone', { clock, fetch: withoutStartDates(), serverDates: true });
    const handleChanges = vi.spyOn(r.notifications.alerts, 'handleChanges');
    await until('the first list given to the rules', () => handleChanges.mock.calls.length > 0);
    const changes = handleChanges.mock.calls.flatMap(([cs]) => cs);
    expect(changes.length).toBe(sim.agents.length);
    expect(changes.every((c) => c.to.startDate === null)).toBe(true);
    // On the timeline the rules count on (the server's, to the Date header's second), not this computer's clock.
    for (const c of changes) expect(c.at - sim.now(), `agent ${c.agentId}`).toSatisfy((d: number) => d >= 0 && d <= 1_000);
  });
});

describe("feed service: the tenant's unavailable codes", () => {
  it('gives the codes to the rules and re-plans them, and takes them back on stop', async () => {
    const r = run('cxone');
    const setCodeLimits = vi.spyOn(r.notifications.policy, 'setCodeLimits');
    const reschedule = vi.spyOn(r.notifications.alerts, 'reschedule');
    await until('the codes', () => setCodeLimits.mock.calls.some(([codes]) => codes.length > 0));
    const given = setCodeLimits.mock.calls.findIndex(([codes]) => codes.length > 0);
    expect(setCodeLimits.mock.calls[given]![0].length).toBe(sim.unavailableCodes.length);
    // Re-planned after the limits were set, not before: a code's own limit can move an alert's time.
    expect(reschedule.mock.invocationCallOrder.some((o) => o > setCodeLimits.mock.invocationCallOrder[given]!)).toBe(true);
    r.service.stop();
    expect(setCodeLimits.mock.calls.at(-1)![0]).toEqual([]);
  });
});

describe('feed service: the skill queues follow the watched agents', () => {
  it("narrows the queues to the watched team's skills once the agents' list arrives after the queues'", async () => {
    const team = sim.teams[0]!.teamId;
    // The agents' first list is slow: the queues are composed before anyone is known to be watched.
    server.faults.add({ kind: 'slow', delayMs: 1500, path: '/agents/states', count: 1 });
    // This clock stands still: no later queue poll re-composes the queues; only the agents' news can.
    const r = run('cxone', { clock: new FakeClock(Date.now()), settings: { watch: { scope: 'teams', teamIds: [team], agentIds: [], skillScope: 'teams', skillIds: [] } } });
    await until('the queues before the agents', () => r.service.queues().status === 'live' && r.service.queues().skills.some((s) => s.agentIds !== null));
    const all = r.service.queues().skills.length;
    await until('the agents', () => r.deltas.length > 0);
    await until('the queues narrowed', () => r.service.queues().skills.length < all);
    const watched = new Set(sim.agents.filter((a) => a.teamId === team).map((a) => a.agentId));
    for (const s of r.service.queues().skills) expect(s.agentIds!.some((id) => watched.has(id))).toBe(true);
  });
});

describe('feed service: sleep, lock and network', () => {
  it('pauses on suspend, makes the queue state on waking a baseline, checks it at once, and polls at once', async () => {
    const clock = new FakeClock(Date.now());
    const r = run('cxone', { clock });
    await until('live', () => bothLive(r.service));
    const baseline = vi.spyOn(r.notifications.policy, 'queueBaseline');
    const handleQueues = vi.spyOn(r.notifications.alerts, 'handleQueues');
    r.service.power('suspend');
    expect(status(r.service)).toMatchObject({ kind: 'paused', reason: 'suspend' });
    expect(baseline).toHaveBeenCalledTimes(1);
    await settle();
    handleQueues.mockClear();
    const before = agentLists();
    r.service.power('resume');
    expect(baseline).toHaveBeenCalledTimes(2);
    // Checked at once, on the state as it is on waking (before any poll has answered).
    expect(handleQueues).toHaveBeenCalledWith(r.service.queues());
    await until('a poll without the clock moving', () => agentLists() > before && status(r.service).kind === 'live');
  });

  it('ends our own backoff on waking and on a network change, so a cleared fault is seen at once', async () => {
    // Jitter at its top: each backoff (and the budget's hold) is as long as its ceiling.
    vi.spyOn(Math, 'random').mockReturnValue(0.99);
    const clock = new FakeClock(Date.now());
    const r = run('cxone', { clock });
    await until('live', () => status(r.service).kind === 'live');
    const backOff = async (failures: number) => {
      server.faults.add({ kind: 'status', status: 503, path: '/agents/states', count: failures });
      for (let k = 0; k < failures; k++) {
        const sent = agentLists();
        r.service.refreshNow();
        await until('backing off', () => agentLists() > sent && status(r.service).kind === 'backing-off');
        await settle();
      }
      return agentLists();
    };

    // Two failures hold the tenant's requests for 9.9 s; the machine sleeps and wakes. The resume's
    // baseline goes out at once, and the next regular poll (5 s on) is not held by the old backoff.
    let before = await backOff(2);
    r.service.power('suspend');
    r.service.power('resume');
    await until('a poll at once after waking', () => agentLists() > before && status(r.service).kind === 'live');
    before = agentLists();
    await clock.advance(5_000);
    await until('the regular poll 5 s later', () => agentLists() > before && status(r.service).kind === 'live');

    // The network changes during a backoff: the retry comes now, not at the end of the wait. The
    // queue rules go on as they were (nothing slept, so what they see next is news).
    before = await backOff(1);
    const baseline = vi.spyOn(r.notifications.policy, 'queueBaseline');
    r.service.power('network-change');
    expect(baseline).not.toHaveBeenCalled();
    await until('a retry at once after the network change', () => agentLists() > before && status(r.service).kind === 'live');
  });
});

describe('feed service: one request budget per tenant', () => {
  it("a 503 with Retry-After on the agents' poll holds the queues' polls too, as the feeds are wired (live feed and queue feed)", async () => {
    const clock = new FakeClock(Date.now());
    const r = run('cxone', { clock });
    await until('live', () => bothLive(r.service));
    const skillPolls = () => server.requests.filter((q) => q.path.endsWith('/skills/activity')).length;
    server.faults.add({ kind: 'status', status: 503, retryAfter: '60', path: '/agents/states', count: 1 });
    const sent = agentLists();
    await clock.advance(5_000);
    await until('the refused poll', () => agentLists() > sent && status(r.service).kind === 'backing-off');
    await settle();
    const skillsBefore = skillPolls();
    // Eleven of the queues' 5 s intervals pass inside CXone's minute: none of them sends.
    for (let k = 0; k < 11; k++) {
      await clock.advance(5_000);
      await settle();
    }
    await new Promise((done) => setTimeout(done, 100));
    expect(skillPolls()).toBe(skillsBefore);
    await clock.advance(10_000);
    await until('both polling again after the minute', () => skillPolls() > skillsBefore && status(r.service).kind === 'live');
  });
});

describe('feed service: a locked screen and a lost network', () => {
  it('pause the agents and the queues, each with its own reason, and unlocking or coming online resumes both on a new baseline', async () => {
    const clock = new FakeClock(Date.now());
    const r = run('cxone', { clock });
    await until('live', () => bothLive(r.service));
    const baseline = vi.spyOn(r.notifications.policy, 'queueBaseline');
    const steps = [
      ['lock-screen', 'unlock-screen', 'lock'],
      ['offline', 'online', 'offline'],
    ] as const;
    for (const [away, back, reason] of steps) {
      const changed = r.ui.changed;
      r.service.power(away);
      expect(status(r.service)).toMatchObject({ kind: 'paused', reason });
      expect(r.service.queues()).toMatchObject({ status: 'stale', reason: 'Polling is paused.' });
      // The tray hears of the pause (its icon and tooltip say so).
      expect(r.ui.changed).toBeGreaterThan(changed);
      const before = agentLists();
      r.service.power(back);
      // At once, without the clock moving: the list as it is now, and the queues live again.
      await until(`live after ${back}`, () => agentLists() > before && bothLive(r.service));
    }
    expect(baseline).toHaveBeenCalledTimes(4);
  });

  it('are nothing to pause while no feed runs, nor are the tray\'s commands and a settings save: the next feed starts live', async () => {
    const r = run('demo');
    r.service.stop();
    for (const event of ['suspend', 'lock-screen', 'offline', 'network-change'] as const) r.service.power(event);
    r.service.refreshNow();
    r.service.applySettings({ ...defaultSettings(), pollIntervalSeconds: 5 });
    r.service.setUserPaused(true);
    r.service.setUserPaused(false);
    r.service.start('demo', r.newClient(), null);
    await until('live', () => status(r.service).kind === 'live');
  });
});

describe("feed service: the user's pause", () => {
  it("holds the new tenant's agents and queues too, until the user resumes", async () => {
    const r = run('demo');
    await until('live', () => bothLive(r.service));
    const changed = r.ui.changed;
    r.service.setUserPaused(true);
    expect(r.ui.changed).toBeGreaterThan(changed);
    expect(r.service.userPaused()).toBe(true);
    expect(r.service.queues()).toMatchObject({ status: 'stale', reason: 'Polling is paused.' });

    // The user switches to the CXone tenant: its feeds are new, the pause is not.
    r.service.start('cxone', r.newClient(), null);
    expect(r.service.userPaused()).toBe(true);
    expect(status(r.service)).toMatchObject({ kind: 'paused', reason: 'user' });
    expect(r.service.queues()).toMatchObject({ status: 'loading', reason: PAUSED_BEFORE_FIRST_ANSWER });

    r.service.setUserPaused(false);
    expect(r.service.userPaused()).toBe(false);
    await until('live', () => bothLive(r.service));
  });
});

describe('feed service: stop', () => {
  it('tells the window the queues are off, and takes the refused-token banner down with the feed', async () => {
    const r = run('cxone');
    await until('live', () => bothLive(r.service));
    server.settings.acceptToken = () => false;
    r.service.refreshNow();
    await until('the refusal', () => r.service.tokenRefused());
    r.service.stop();
    expect(r.queueStates.at(-1)).toEqual(QUEUES_OFF);
    expect(r.service.queues()).toEqual(QUEUES_OFF);
    expect(r.service.live()).toBeNull();
    expect(r.service.tokenRefused()).toBe(false);
    expect(refusedBanner(r.notices)).toEqual([]);
  });

  it("closes the feeds' client, as it does when another tenant's feeds start: what it was still reading is cancelled, and nothing more is sent", async () => {
    // The first full list is slow to come, as 100 pages of a large tenant are: stopped meanwhile.
    server.faults.add({ kind: 'slow', delayMs: 3_000, path: 'agents/states', count: 1 });
    const r = run('cxone');
    await until('the first list asked for', () => (agentLists() === 1 ? true : undefined));
    const next = r.newClient();
    r.service.start('demo', next, null);
    const sent = server.requests.length;
    await expect(r.client.getTeams()).rejects.toMatchObject({ kind: 'network', message: expect.stringMatching(/was cancelled\.$/) });
    expect(server.requests.length).toBe(sent);
    // The new feeds' own client works, and stop() closes it in turn.
    await until('live', () => status(r.service).kind === 'live');
    r.service.stop();
    await expect(next.getTeams()).rejects.toMatchObject({ kind: 'network' });
  });

  it("tells the window the agents are gone: a reset, so it fetches the snapshot again instead of listing the stopped feed's agents", async () => {
    const r = run('cxone');
    await until('agents listed', () => status(r.service).kind === 'live' && r.deltas.some((d) => d.upserts.length > 0));
    const before = r.deltas.length;
    r.service.stop();
    // A window holds the agents the deltas brought; only a reset makes it ask for a snapshot, and with
    // no feed running the core answers an empty one (app.ts EMPTY_SNAPSHOT).
    expect(r.deltas.slice(before)).toEqual([{ base: RESET_BASE, revision: 0, upserts: [], removed: [] }]);
    expect(r.service.live()).toBeNull();
    // Nothing ran, nothing to take back.
    r.service.stop();
    expect(r.deltas).toHaveLength(before + 1);
  });
});

describe("feed service: where the feeds' news goes", () => {
  it("gives an agent's change to the notification rules, the queues to the window and the rules, and tells Settings' pickers of the directory", async () => {
    const r = run('cxone');
    const handleChanges = vi.spyOn(r.notifications.alerts, 'handleChanges');
    const handleQueues = vi.spyOn(r.notifications.alerts, 'handleQueues');
    await until('live', () => bothLive(r.service));
    expect(r.queueStates.at(-1)).toEqual(r.service.queues());
    expect(handleQueues).toHaveBeenCalledWith(r.service.queues());
    await until("Settings' pickers told of the directory", () => r.ui.pickerChoices > 0);

    const agent = sim.agents[3]!.agentId;
    sim.forceState(agent, { state: sim.agentState(agent)!.stateId === 1 ? 'LoggedOut' : 'Available' });
    r.service.refreshNow();
    await until('the change given to the rules', () => handleChanges.mock.calls.some(([changes]) => changes.some((c) => c.agentId === agent && !c.baseline)));
  });

  it('polls both feeds at once on a refresh, and retunes both with new settings', async () => {
    const clock = new FakeClock(Date.now());
    const r = run('cxone', { clock });
    await until('live', () => bothLive(r.service));
    await settle();
    const skillPolls = () => server.requests.filter((q) => q.path.endsWith('/skills/activity')).length;
    const [agentsBefore, skillsBefore] = [agentLists(), skillPolls()];
    r.service.refreshNow();
    await until('both polled without the clock moving', () => agentLists() > agentsBefore && skillPolls() > skillsBefore);

    // One team watched, and no skills: the agents narrow to the team, the queues turn off.
    const team = sim.teams[0]!.teamId;
    const base = defaultSettings();
    r.service.applySettings({ ...base, pollIntervalSeconds: 5, watch: { ...base.watch, scope: 'teams', teamIds: [team], skillScope: 'none' } });
    const agents = r.service.live()!.snapshot().agents;
    expect(agents.length).toBeGreaterThan(0);
    expect(agents.every((a) => a.teamId === team)).toBe(true);
    expect(r.service.queues()).toEqual(QUEUES_OFF);
    expect(r.queueStates.at(-1)).toEqual(QUEUES_OFF);
  });

  it('needs a session while no CXone feed runs: none, or the demo tenant\'s', async () => {
    const r = run('demo');
    // A feed that has not answered yet was refused nothing.
    expect(r.service.tokenRefused()).toBe(false);
    await until('live', () => status(r.service).kind === 'live');
    expect(r.service.needsSession()).toBe(true);
    r.service.start('cxone', r.newClient(), null);
    await until('live', () => status(r.service).kind === 'live');
    expect(r.service.needsSession()).toBe(false);
    r.service.stop();
    expect(r.service.needsSession()).toBe(true);
  });
});
