// The simulated contact center: deterministic, plausible, and a faithful ground truth.
import { describe, expect, it } from 'vitest';
import { ContactCenterSimulator } from '../../main/demo/simulator';
import type { SimEvent, SimStatus } from '../../main/demo/simulator';

const HOUR = 3600_000;
const kind = (s: SimStatus) => (s.isACW ? 'ACW' : ['LoggedOut', 'Available', 'Unavailable', 'Inbound', 'Outbound'][s.stateId]!);

describe('simulator', () => {
  it('the same seed gives the same agents and the same event log; another seed does not', () => {
    const run = (seed: number) => {
      const s = new ContactCenterSimulator({ agents: 150, seed });
      s.advance(2 * HOUR);
      return { agents: s.agents, events: s.events().map((e) => [e.seq, e.at, e.agentId, kind(e.to), e.to.outStateId, e.to.contactId]) };
    };
    const a = run(11);
    expect(a.events.length).toBeGreaterThan(1000);
    expect(run(11)).toEqual(a);
    expect(run(12).events).not.toEqual(a.events);
    // Advancing in many small steps replays the very same history as one big step.
    const s = new ContactCenterSimulator({ agents: 150, seed: 11 });
    for (let t = 0; t < 2 * HOUR; t += 7_777) s.advance(Math.min(7_777, 2 * HOUR - t));
    expect(s.events().map((e) => [e.seq, e.at, e.agentId, kind(e.to), e.to.outStateId, e.to.contactId])).toEqual(a.events);
  });

  it('transitions follow the contact-center cycle with plausible dwell times', () => {
    const s = new ContactCenterSimulator({ agents: 300, seed: 3 });
    s.advance(4 * HOUR);
    const allowed: Record<string, string[]> = {
      LoggedOut: ['Available', 'Unavailable'],
      Available: ['Inbound', 'Outbound', 'Unavailable', 'LoggedOut'],
      Inbound: ['ACW', 'Available'],
      Outbound: ['ACW', 'Available'],
      ACW: ['Available', 'Unavailable'],
      Unavailable: ['Available', 'LoggedOut'],
    };
    const seen = new Set<string>();
    let lastAt = -Infinity;
    const contactIds = new Set<number>();
    for (const e of s.events()) {
      const from = kind(e.from);
      const to = kind(e.to);
      expect(allowed[from], `${from} → ${to}`).toContain(to);
      seen.add(`${from}>${to}`);
      expect(e.at).toBeGreaterThanOrEqual(lastAt);
      lastAt = e.at;
      expect(e.to.startDate).toBe(e.at);
      expect(e.at - e.from.startDate).toBeGreaterThanOrEqual(1000);
      if (to === 'Inbound' || to === 'Outbound') {
        expect(e.to.contactId).not.toBeNull();
        expect(contactIds.has(e.to.contactId!)).toBe(false);
        contactIds.add(e.to.contactId!);
        expect(e.to.skillName).toBeTruthy();
      }
      if (to === 'ACW') expect(e.to).toMatchObject({ stateId: 2, isACW: true, outStateDescription: 'ACW' });
      if (to === 'Unavailable') expect(['Break', 'Lunch', 'Training', 'Meeting', 'Personal', 'Coaching', 'System Issue']).toContain(e.to.outStateDescription);
      if (to === 'LoggedOut') expect(e.to.sessionStartTime).toBeNull();
    }
    // Every edge of the cycle actually happens.
    expect(seen.size).toBe(Object.values(allowed).flat().length);
    // Inactive agents never move; at any time most active agents are working.
    const inactive = new Set(s.agents.filter((a) => !a.isActive).map((a) => a.agentId));
    expect(inactive.size).toBeGreaterThan(0);
    expect(s.events().some((e) => inactive.has(e.agentId))).toBe(false);
    const cats = s.snapshot().filter((a) => a.isActive).map((a) => a.category);
    const share = (c: string) => cats.filter((x) => x === c).length / cats.length;
    expect(share('available') + share('on-contact')).toBeGreaterThan(0.3);
    expect(share('logged-out')).toBeLessThan(0.6);
  });

  it('the event log is the ground truth: replaying it gives the current state and stateAt()', () => {
    const s = new ContactCenterSimulator({ agents: 80, seed: 5, historyPerAgent: 1000 });
    const initial = new Map(s.agents.map((a) => [a.agentId, s.statusOf(a.agentId)!]));
    const checkpoints: Array<{ at: number; truth: ReturnType<typeof s.snapshot> }> = [];
    for (let k = 0; k < 12; k++) {
      s.advance(5 * 60_000);
      checkpoints.push({ at: s.now(), truth: s.snapshot() });
    }
    const replay = new Map(initial);
    for (const e of s.events()) {
      expect(replay.get(e.agentId)).toBe(e.from);
      replay.set(e.agentId, e.to);
    }
    for (const a of s.agents) expect(replay.get(a.agentId)).toBe(s.statusOf(a.agentId));
    for (const c of checkpoints) {
      for (const t of c.truth) expect(s.stateAt(t.agentId, c.at)).toEqual(t);
    }
  });

  it('changedSince lists exactly the agents with a transition at or after the instant', () => {
    const s = new ContactCenterSimulator({ agents: 200, seed: 8 });
    s.advance(10 * 60_000);
    const since = s.now();
    const seq = s.lastSeq();
    s.advance(30_000);
    const fromLog = new Set(s.events(seq).map((e: SimEvent) => e.agentId));
    expect(fromLog.size).toBeGreaterThan(0);
    expect(new Set(s.changedSince(since))).toEqual(fromLog);
  });

  it('forceState changes the state now, logs it as forced, and the model resumes after holdMs', () => {
    const s = new ContactCenterSimulator({ agents: 20, seed: 2 });
    const id = s.agents.find((a) => a.isActive)!.agentId;
    const e = s.forceState(id, { state: 'Unavailable', code: 'Lunch', holdMs: 60_000 });
    expect(e).toMatchObject({ cause: 'forced', at: s.now(), agentId: id });
    expect(s.agentState(id)).toMatchObject({ stateName: 'Unavailable', outStateDescription: 'Lunch', category: 'unavailable' });
    s.advance(59_999);
    expect(s.agentState(id)!.outStateDescription).toBe('Lunch');
    s.advance(1);
    expect(s.agentState(id)!.outStateDescription).not.toBe('Lunch');
    expect(s.forceState(id, { state: 'ACW' }).to.isACW).toBe(true);
    expect(() => s.forceState(1, { state: 'Available' })).toThrow(RangeError);
  });

  it('the log is bounded and trimmable; seq numbers survive trimming', () => {
    const s = new ContactCenterSimulator({ agents: 100, seed: 4, logLimit: 300 });
    s.advance(HOUR);
    expect(s.lastSeq()).toBeGreaterThan(1000);
    expect(s.events().length).toBeLessThanOrEqual(375);
    const last = s.events().at(-1)!;
    expect(last.seq).toBe(s.lastSeq());
    s.trimLog(s.now() - 60_000);
    expect(s.events().every((e) => e.at >= s.now() - 60_000)).toBe(true);
    expect(s.events(last.seq - 1)).toEqual([last]);
  });

  it('scales to 10 000 agents: a simulated half hour applies every due transition', () => {
    const s = new ContactCenterSimulator({ agents: 10_000, seed: 1, logLimit: 1_000_000 });
    const n = s.advance(30 * 60_000);
    expect(n).toBe(s.lastSeq());
    expect(n).toBeGreaterThan(50_000);
    expect(s.snapshot()).toHaveLength(10_000);
  });
});
