// The roster's name join (main/monitor/directory-join.ts): what an agents/states item lacks — with a
// `fields` projection or an older API version — is filled in from GET /agents, /teams and
// /unavailable-codes, and nothing the item has is overwritten.
import { describe, expect, it } from 'vitest';
import type { AgentState } from '../../main/cxone/model';
import { DirectoryJoin } from '../../main/monitor/directory-join';

const bare = (over: Partial<AgentState> = {}): AgentState => ({
  agentId: 7, stateId: 2, stateName: 'Unavailable', category: 'unavailable', outStateId: 12, outStateDescription: null, isACW: false,
  contactId: null, skillName: null, mediaTypeName: null, startDate: '2026-12-01T10:00:00.000Z', lastUpdateTime: null,
  firstName: '', lastName: '', userName: null, teamId: null, teamName: null, businessUnitId: null, isActive: true, ...over,
});

function joined(): DirectoryJoin {
  const join = new DirectoryJoin();
  join.setDirectory(
    [
      { agentId: 7, firstName: 'Ada', lastName: 'Byron', userName: 'ada@example.com', teamId: 3, teamName: 'Team from the agent list' },
      { agentId: 8, firstName: 'Bo', lastName: 'Li', userName: null, teamId: 4, teamName: 'Night shift' },
    ],
    [{ teamId: 3, teamName: 'Billing' }],
  );
  join.setUnavailableCodes([{ outStateId: 12, outStateDescription: 'Lunch', timeLimitMinutes: 30 }, { outStateId: 13, outStateDescription: 'Training' }]);
  return join;
}

describe('directory join', () => {
  it('fills in names, user name, team and code name from the directory, teams and codes', () => {
    const s = bare();
    const out = joined().enrich(s);
    expect(out).toMatchObject({ firstName: 'Ada', lastName: 'Byron', userName: 'ada@example.com', teamId: 3, teamName: 'Billing', outStateDescription: 'Lunch' });
    // A new object: the item read from the answer is left as it was.
    expect(out).not.toBe(s);
    expect(s).toEqual(bare());
  });

  it("takes a team's name from the agent's directory entry when /teams does not list it, but only for that same team", () => {
    const join = joined();
    expect(join.enrich(bare({ agentId: 8 })).teamName).toBe('Night shift');
    // The state names team 5; the directory entry's name is team 4's: no name rather than a wrong one.
    expect(join.enrich(bare({ agentId: 8, teamId: 5 })).teamName).toBeNull();
    // /teams wins over the agent list's copy.
    expect(join.enrich(bare({ agentId: 7 })).teamName).toBe('Billing');
  });

  it('never overwrites what the state has, and returns the same object when it lacks nothing', () => {
    const join = joined();
    const full = bare({ firstName: 'Own', lastName: 'Name', userName: 'own@example.com', teamId: 9, teamName: 'Own team', outStateDescription: 'Own code' });
    expect(join.enrich(full)).toBe(full);
    const partial = join.enrich(bare({ firstName: 'Own', teamId: 9 }));
    expect(partial).toMatchObject({ firstName: 'Own', lastName: '', teamId: 9, teamName: null, userName: 'ada@example.com' });
  });

  it('looks no code up for "no code" (0 or null), and leaves an unknown agent as it is', () => {
    const join = joined();
    const noCode = bare({ agentId: 99, outStateId: null });
    expect(join.enrich(noCode)).toBe(noCode);
    expect(join.enrich(bare({ agentId: 99, outStateId: 0 })).outStateDescription).toBeNull();
    expect(join.enrich(bare({ agentId: 99, outStateId: 13 })).outStateDescription).toBe('Training');
  });

  it('lists the codes for the snapshot with their own time limits (null when CXone gives none), and forgets the old ones', () => {
    const join = joined();
    expect(join.codeList).toEqual([
      { id: 12, name: 'Lunch', timeLimitMinutes: 30 },
      { id: 13, name: 'Training', timeLimitMinutes: null },
    ]);
    join.setUnavailableCodes([{ outStateId: 14, outStateDescription: 'Coaching', timeLimitMinutes: null }]);
    expect(join.codeList).toEqual([{ id: 14, name: 'Coaching', timeLimitMinutes: null }]);
    expect(join.enrich(bare({ agentId: 99 })).outStateDescription).toBeNull();
  });

  it('forgets the previous directory and teams when given new ones', () => {
    const join = joined();
    join.setDirectory([], [{ teamId: 4, teamName: 'Nights' }]);
    expect(join.teamNames).toEqual(new Map([[4, 'Nights']]));
    expect(join.enrich(bare({ outStateId: null }))).toMatchObject({ firstName: '', userName: null, teamId: null });
  });
});
