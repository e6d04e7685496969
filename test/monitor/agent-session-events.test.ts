// How one answer of an agent session's long poll is read (readSessionEvents), and how the wait for a
// new login after a session ended uses what it said (createSessionWaits), on the fake clock.
import { describe, expect, it } from 'vitest';
import type { AgentSessionEvent } from '../../main/cxone/agent-session-calls';
import { readSessionEvents } from '../../main/monitor/agent-session';
import type { OwnStateEvent } from '../../main/monitor/own-state-event';
import { createSessionWaits } from '../../main/monitor/session-waits';
import { agent, FakeClock } from './fakes';

const state = (CurrentState: string, extra: Record<string, unknown> = {}): AgentSessionEvent => ({
  type: 'AgentState',
  raw: { Type: 'AgentState', CurrentState, StartTimeUTC: '2025-01-15T13:00:05.000Z', ...extra },
});
const typed = (type: string): AgentSessionEvent => ({ type, raw: { Type: type } });

function read(...events: AgentSessionEvent[]) {
  const own: OwnStateEvent[] = [];
  let refreshes = 0;
  const ending = readSessionEvents({ kind: 'events', sessionId: 's1', events }, (e) => own.push(e), () => (refreshes += 1));
  return { ending, own, refreshes };
}

describe('readSessionEvents', () => {
  it('passes one\'s own readable states on without asking the poller', () => {
    const r = read(state('Available'), state('Unavailable', { CurrentOutReason: 'Break' }), typed('SomethingElse'));
    expect(r.own.map((e) => [e.stateName, e.outReason])).toEqual([['Available', null], ['Unavailable', 'Break']]);
    expect(r.refreshes).toBe(0);
    expect(r.ending).toBeNull();
  });

  it('asks the poller once, after all events, for a session start or a state event it cannot read', () => {
    expect(read(typed('AgentSessionStart'), state('Available')).refreshes).toBe(1);
    const unreadable = read({ type: 'AgentState', raw: { Type: 'AgentState' } }, { type: 'AgentState', raw: { Type: 'AgentState', CurrentState: '  ' } });
    expect(unreadable.refreshes).toBe(1);
    expect(unreadable.own).toEqual([]);
  });

  it('ends at a session end, asking the poller at once, and says whether an event before it said logged out', () => {
    const plain = read(state('Available'), typed('AgentSessionEnd'), state('Unavailable'));
    expect(plain.ending).toEqual({ why: 'ended', err: null, loggedOut: false });
    expect(plain.own.map((e) => e.stateName)).toEqual(['Available']);
    expect(plain.refreshes).toBe(1);
    expect(read(state('LoggedOut'), typed('RemoteAgentSessionEnd')).ending).toEqual({ why: 'ended', err: null, loggedOut: true });
    // An end with no state event before it says nothing of a logout: a poll has to show it.
    expect(read(typed('AgentSessionEnd')).ending).toEqual({ why: 'ended', err: null, loggedOut: false });
  });
});

describe('the wait for a new login after a session ended', () => {
  const endedAt = Date.UTC(2025, 0, 15, 13, 5);
  // A poll still showing the login that began before the session ended.
  const oldLogin = agent(7, { stateId: 1, stateName: 'Available', category: 'available', startDate: '2025-01-15T13:00:00.000Z' });

  it('does not take a poll of the old login for a new one, unless the agent was seen or said logged out', async () => {
    const clock = new FakeClock(endedAt);
    const waits = createSessionWaits(clock);
    let done: boolean | null = null;
    void waits.untilLoggedIn(0, endedAt, false, () => true).then((ok) => (done = ok));
    waits.polled(oldLogin);
    await Promise.resolve();
    expect(done).toBeNull();
    waits.cancel();

    // The session's last events said LoggedOut: the next poll showing a login is a new one.
    let saidOut: boolean | null = null;
    const wait = waits.untilLoggedIn(0, endedAt, true, () => true).then((ok) => (saidOut = ok));
    waits.polled(oldLogin);
    await wait;
    expect(saidOut).toBe(true);
  });
});
