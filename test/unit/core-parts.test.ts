// The core's pure parts (main/core/): the banner board and the tray model. The core's integration
// tests (test/integration/core*.test.ts) drive them through createCore against the demo simulator
// and oidc-provider; these pin the rules one by one.
import { describe, expect, it } from 'vitest';
import { NoticeBoard } from '../../main/core/notice-board';
import { buildTrayModel, type TrayModelInput } from '../../main/core/tray-model';
import { FEED_START_NOTICE, feedStartFailure } from '../../main/core/feed-start';
import type { Identity } from '../../main/auth/status';
import { QUEUES_OFF } from '../../main/queues/model';

describe('NoticeBoard', () => {
  it('keeps each id once, in the order raised, and says when it changed', () => {
    let changes = 0;
    const board = new NoticeBoard(() => (changes += 1));
    board.add('warning', 'The keychain is not available.', 'keychain-unavailable');
    board.add('warning', 'Another text, same id.', 'keychain-unavailable');
    board.add('error', 'CXone refused the token.', 'token-refused', 'sign-in');
    board.add('info', 'No id given.');
    expect(board.all()).toEqual([
      { id: 'keychain-unavailable', level: 'warning', message: 'The keychain is not available.' },
      { id: 'token-refused', level: 'error', message: 'CXone refused the token.', action: 'sign-in' },
      { id: 'info:No id given.', level: 'info', message: 'No id given.' },
    ]);
    expect(changes).toBe(3);
    board.drop('token-refused', 'not-up');
    expect(board.all().map((n) => n.id)).toEqual(['keychain-unavailable', 'info:No id given.']);
    // A dismissed banner must leave the windows too: the core is told to republish.
    expect(changes).toBe(4);
    // all() is a copy: a caller cannot change the board.
    board.all().pop();
    expect(board.all()).toHaveLength(2);
  });

  it("a lasting notice stays through the user's Dismiss and goes when the core drops it; others go on Dismiss", () => {
    const board = new NoticeBoard(() => {});
    board.add('error', 'The sign-in carried no tenantId.', 'feed-start', undefined, true);
    board.add('warning', 'The keychain is not available.', 'keychain-unavailable');
    expect(board.all()[0]).toEqual({ id: 'feed-start', level: 'error', message: 'The sign-in carried no tenantId.', lasting: true });
    board.dismiss('feed-start');
    board.dismiss('keychain-unavailable');
    expect(board.all().map((n) => n.id)).toEqual(['feed-start']);
    board.drop('feed-start');
    expect(board.all()).toEqual([]);
  });
});

const identity: Identity = {
  issuer: 'https://cxone.niceincontact.com',
  subject: 'user:1',
  tenantId: 't1',
  tenant: 'contoso',
  userId: null,
  icAgentId: '40110003',
  icBUId: null,
  icClusterId: null,
  area: null,
  name: null,
};
const counts = { available: 12, 'on-contact': 30, unavailable: 5, acw: 0, 'logged-out': 4, other: 0 };
const live: TrayModelInput = {
  mode: 'cxone',
  session: { kind: 'signed-in', identity, storage: 'keychain' },
  monitor: { kind: 'live', lastSuccessAt: Date.UTC(2026, 0, 1, 14, 5) },
  counts,
  queues: QUEUES_OFF,
  badge: 'available',
  notifications: { until: null, indefinitely: false },
  tokenRefused: false,
  pollingPaused: false,
  feedStartError: null,
  formatTime: (ms) => new Date(ms).toISOString().slice(11, 16),
  platform: 'linux',
};
const error = { kind: 'unavailable', message: 'CXone is temporarily unavailable.' };

describe('buildTrayModel', () => {
  it('shows a live CXone tenant with its available count and tooltip', () => {
    const m = buildTrayModel(live);
    expect(m.tooltip).toBe('CXone Agent Tray — 12 available · 30 on contact · 5 unavailable — updated at 14:05');
    expect(Object.keys(m).sort()).toEqual(
      ['availableCount', 'badge', 'demo', 'icon', 'notificationsPausedIndefinitely', 'notificationsPausedUntil', 'pollingPaused', 'signInNeeded', 'signedIn', 'tooltip', 'waitingCount'],
    );
    expect([m.icon, m.availableCount, m.waitingCount, m.badge, m.signedIn, m.signInNeeded, m.demo]).toEqual(['live', 12, null, 'available', true, false, false]);
    expect([m.pollingPaused, m.notificationsPausedUntil, m.notificationsPausedIndefinitely]).toEqual([false, null, false]);
  });

  it("names the demo in the tooltip, so a simulated count is not read as the tenant's", () => {
    expect(buildTrayModel({ ...live, mode: 'demo' }).tooltip).toBe('CXone Agent Tray (demo) — 12 available · 30 on contact · 5 unavailable — updated at 14:05');
  });

  it('puts the worst news on the icon: signed out, waiting for the sign-in server, then the feed', () => {
    const icon = (over: Partial<TrayModelInput>) => buildTrayModel({ ...live, ...over }).icon;
    expect(icon({ session: { kind: 'signed-out' }, monitor: { kind: 'error', error, lastSuccessAt: null } })).toBe('signed-out');
    expect(icon({ session: { kind: 'expired', message: 'Sign in again.' } })).toBe('signed-out');
    expect(icon({ session: { kind: 'reconnecting', identity: null, retryAt: 0, message: 'x' }, monitor: { kind: 'signed-out' } })).toBe('error');
    expect(icon({ session: { kind: 'reconnecting', identity, retryAt: 0, message: 'x' } })).toBe('live');
    // Renewing the token is no interruption.
    expect(icon({ session: { kind: 'refreshing', identity } })).toBe('live');
    expect(icon({ monitor: { kind: 'paused', reason: 'user', lastSuccessAt: null } })).toBe('paused');
    expect(icon({ monitor: { kind: 'error', error, lastSuccessAt: null } })).toBe('error');
    expect(icon({ monitor: { kind: 'backing-off', nextAttemptAt: 0, error, lastSuccessAt: null } })).toBe('error');
    expect(icon({ monitor: { kind: 'stale', lastSuccessAt: null } })).toBe('stale');
    // The demo tenant needs no session, nor minds one left over from CXone.
    expect(icon({ mode: 'demo', session: { kind: 'signed-out' } })).toBe('demo');
    // Just signed in, the feed not started yet: no error, the sign-in server is not what is missing.
    expect(icon({ session: { kind: 'refreshing', identity }, monitor: { kind: 'signed-out' } })).toBe('live');
    expect(icon({ mode: 'demo', session: { kind: 'reconnecting', identity: null, retryAt: 0, message: 'x' }, monitor: { kind: 'signed-out' } })).toBe('demo');
    expect(icon({ mode: 'unconfigured', session: { kind: 'signed-out' } })).toBe('demo');
  });

  it('a feed that could not start is an error on the icon and says why in the tooltip, not "live, waiting"', () => {
    const why = 'The sign-in carried no tenantId, so the API host cannot be discovered. Set an API endpoint override in Settings.';
    const model = (over: Partial<TrayModelInput>) => buildTrayModel({ ...live, counts: null, feedStartError: why, ...over });
    const m = model({ monitor: { kind: 'signed-out' } });
    expect([m.icon, m.tooltip]).toEqual(['error', `CXone Agent Tray — could not start — ${why}`]);
    // Windows' 127 characters: the fact stays, the reason gives way at a word.
    expect(model({ monitor: { kind: 'idle' }, platform: 'win32' }).tooltip).toMatch(/^CXone Agent Tray — could not start — The sign-in carried no tenantId, .*…$/);
    // The demo tenant that could not start (its port taken) alike.
    expect(model({ mode: 'demo', monitor: { kind: 'idle' } }).icon).toBe('error');
    // Signed out is the worse news.
    expect(model({ session: { kind: 'signed-out' }, monitor: { kind: 'signed-out' } }).icon).toBe('signed-out');
  });

  it('feedStartFailure: the banner\'s words only while no feed runs, and only that banner\'s', () => {
    const notices = [
      { id: 'keychain-unavailable', message: 'The keychain is not available.' },
      { id: FEED_START_NOTICE, message: 'The demo tenant could not start: port in use.' },
    ];
    for (const kind of ['idle', 'signed-out', 'starting'] as const) expect(feedStartFailure(notices, { kind }), kind).toBe('The demo tenant could not start: port in use.');
    // A feed that runs tells its own state (a banner left up from before says nothing on the tray).
    for (const kind of ['live', 'stale', 'paused', 'backing-off', 'error'] as const) expect(feedStartFailure(notices, { kind }), kind).toBeNull();
    expect(feedStartFailure(notices.slice(0, 1), { kind: 'idle' })).toBeNull();
  });

  it('says why there is no data while the sign-in server is unreachable', () => {
    const m = buildTrayModel({ ...live, session: { kind: 'reconnecting', identity: null, retryAt: 0, message: 'The sign-in server did not answer.' }, monitor: { kind: 'signed-out' }, counts: null });
    expect(m.tooltip).toMatch(/^CXone Agent Tray — reconnecting to the sign-in server/);
    expect(m.tooltip).toContain('The sign-in server did not answer.');
    expect(m.availableCount).toBeNull();
  });

  it('keeps showing the counts while a signed-in session reconnects to the sign-in server and the data still flows', () => {
    const m = buildTrayModel({ ...live, session: { kind: 'reconnecting', identity, retryAt: 0, message: 'The sign-in server did not answer.' } });
    expect(m.tooltip).toBe('CXone Agent Tray — 12 available · 30 on contact · 5 unavailable — updated at 14:05');
  });

  it("keeps the sign-in server's words within the Windows tooltip limit, cut at a word", () => {
    const message = 'The sign-in server did not answer (connect ECONNREFUSED 10.0.0.8:443). The app tries again in 30 s, and again every minute after that.';
    const reconnecting = { ...live, session: { kind: 'reconnecting', identity: null, retryAt: 0, message }, monitor: { kind: 'signed-out' }, counts: null } as const;
    const win = buildTrayModel({ ...reconnecting, platform: 'win32' }).tooltip;
    expect(win.length).toBeLessThanOrEqual(127);
    expect(win).toBe('CXone Agent Tray — reconnecting to the sign-in server — The sign-in server did not answer (connect ECONNREFUSED…');
    expect(buildTrayModel(reconnecting).tooltip).toBe(`CXone Agent Tray — reconnecting to the sign-in server — ${message}`);
  });

  it("a renewal that failed for now while the feed still runs is not 'signed out': an error on the icon, the reason, and 'Sign in again…'", () => {
    const message = 'Cannot reach the sign-in server: this computer is offline (net::ERR_INTERNET_DISCONNECTED). The app stopped retrying on its own; it will try again the next time it needs the session.';
    const m = buildTrayModel({ ...live, session: { kind: 'error', message } });
    expect([m.icon, m.signedIn, m.signInNeeded, m.availableCount]).toEqual(['error', true, true, 12]);
    expect(m.tooltip).toBe(`CXone Agent Tray — renewing the sign-in failed — ${message}`);
    expect(buildTrayModel({ ...live, session: { kind: 'error', message }, platform: 'win32' }).tooltip).toMatch(/^CXone Agent Tray — renewing the sign-in failed — Cannot reach the sign-in server: .*…$/);
    // With no feed running (a sign-in that failed), it is signed out, as before.
    const none = buildTrayModel({ ...live, session: { kind: 'error', message: 'Sign-in failed: x' }, monitor: { kind: 'signed-out' }, counts: null });
    expect([none.icon, none.signedIn, none.signInNeeded, none.tooltip]).toEqual(['signed-out', false, false, 'CXone Agent Tray — signed out']);
    // The demo tenant does not mind a CXone session's trouble.
    expect(buildTrayModel({ ...live, mode: 'demo', session: { kind: 'error', message } }).icon).toBe('demo');
  });

  it('asks for a new sign-in only for a signed-in CXone session whose token is refused', () => {
    expect(buildTrayModel({ ...live, tokenRefused: true }).signInNeeded).toBe(true);
    expect(buildTrayModel({ ...live, mode: 'demo', tokenRefused: true }).signInNeeded).toBe(false);
    expect(buildTrayModel({ ...live, session: { kind: 'signed-out' }, tokenRefused: true }).signInNeeded).toBe(false);
  });

  it('passes the pauses and the badge choice through', () => {
    const m = buildTrayModel({ ...live, pollingPaused: true, badge: 'waiting', notifications: { until: Date.UTC(2026, 0, 1, 15, 5), indefinitely: false } });
    expect(m).toMatchObject({ pollingPaused: true, badge: 'waiting', notificationsPausedUntil: Date.UTC(2026, 0, 1, 15, 5), notificationsPausedIndefinitely: false });
    expect(m.tooltip).toMatch(/notifications paused until 15:05$/);
  });
});

