// What Settings' watch pickers are offered (main/monitor/picker-choices.ts): a pure function over the
// roster's states and the directory's agents, so these tests give it both directly.
import { describe, expect, it } from 'vitest';
import type { DirectoryAgent } from '../../main/monitor/directory-join';
import {
  createPickerChoices,
  findPickerChoices,
  INDEX_SLICE,
  indexPickerChoices,
  PICKER_CHOICES_IDLE_MS,
  PICKER_CHOICES_MAX,
  pickerChoicesSchema,
  type PickerChoices,
} from '../../main/monitor/picker-choices';
import { displayName } from '../../main/cxone/model';
import { nameKey, sortKeyOf } from '../../renderer/src/roster/entry';
import { matchesSearch } from '../../renderer/src/roster/view';
import { agent, FakeClock } from './fakes';

const state = (agentId: number, firstName: string, lastName: string, teamName = 'Billing', userName: string | null = null) =>
  agent(agentId, { firstName, lastName, teamName, teamId: 1, userName });
const dir = (agentId: number, firstName: string, lastName: string, teamName: string | null = 'Sales'): DirectoryAgent => ({
  agentId,
  firstName,
  lastName,
  userName: `${firstName}.${lastName}@example.com`.toLowerCase(),
  teamId: 2,
  teamName,
});
const teams = [
  { id: 2, name: 'sales' },
  { id: 1, name: 'Billing' },
  { id: 3, name: 'Élite' },
];
const roster = { agents: [state(1, 'Zoë', 'Quist'), state(2, 'Ann', 'Berg'), state(3, 'Émile', 'Durand')], teams };
const directory = [dir(1, 'Zoë', 'Quist'), dir(4, 'Bob', 'Cole'), dir(5, 'Ana', 'Ávila', null)];
const names = (c: PickerChoices) => c.matches.map((a) => a.name);

describe('picker choices', () => {
  it('lists the roster and the directory once each, by name, with the teams by name', async () => {
    const c = await findPickerChoices(roster, directory, { text: '', chosenAgentIds: [], limit: 50 });
    expect(names(c)).toEqual(['Ana Ávila', 'Ann Berg', 'Bob Cole', 'Émile Durand', 'Zoë Quist']);
    expect(c.matched).toBe(5);
    // The roster's own (joined) state wins over the directory's entry for the same agent.
    expect(c.matches.find((a) => a.agentId === 1)).toEqual({ agentId: 1, name: 'Zoë Quist', teamId: 1, teamName: 'Billing' });
    expect(c.matches.find((a) => a.agentId === 5)).toEqual({ agentId: 5, name: 'Ana Ávila', teamId: 2, teamName: null });
    expect(c.teams.map((t) => t.name)).toEqual(['Billing', 'Élite', 'sales']);
    expect(c.unavailableCodes).toEqual([]);
    const codes = [{ id: 7, name: 'Break', timeLimitMinutes: 15 }];
    expect((await findPickerChoices({ ...roster, unavailableCodes: codes }, directory, { text: '', chosenAgentIds: [], limit: 1 })).unavailableCodes).toEqual(codes);
  });

  it('marks agents of the same name (case aside), across the roster and the directory, so the pickers can tell them apart', async () => {
    const withNamesakes = { agents: [...roster.agents, state(6, 'Ann', 'Berg', 'Sales')], teams };
    const c = await findPickerChoices(withNamesakes, [...directory, dir(7, 'BOB', 'COLE'), dir(8, 'Émile', 'Durand')], { text: '', chosenAgentIds: [6], limit: 50 });
    const marked = (list: PickerChoices['matches']) => list.filter((a) => a.namesake === true).map((a) => a.agentId);
    // Two Ann Bergs in the roster (one of them chosen), Bob Cole in the directory and BOB COLE, Émile Durand in both lists.
    expect([...marked(c.chosen), ...marked(c.matches)].sort((x, y) => x - y)).toEqual([2, 3, 4, 6, 7, 8]);
    // One agent in the roster and the directory is one agent, no namesake of itself; a name alone is not marked.
    expect(c.matches.find((a) => a.agentId === 1)).toEqual({ agentId: 1, name: 'Zoë Quist', teamId: 1, teamName: 'Billing' });
    expect(c.matches.find((a) => a.agentId === 5)!.namesake).toBeUndefined();
    expect(pickerChoicesSchema.parse(c)).toEqual(c);
  });

  it('matches a part of the name without regard to case or accents, the user name, or the id', async () => {
    expect(names(await findPickerChoices(roster, directory, { text: 'avil', chosenAgentIds: [], limit: 50 }))).toEqual(['Ana Ávila']);
    expect(names(await findPickerChoices(roster, directory, { text: ' EMILE ', chosenAgentIds: [], limit: 50 }))).toEqual(['Émile Durand']);
    expect(names(await findPickerChoices(roster, directory, { text: 'bob.co', chosenAgentIds: [], limit: 50 }))).toEqual(['Bob Cole']);
    // Not by the domain every user name shares.
    expect((await findPickerChoices(roster, directory, { text: 'example.com', chosenAgentIds: [], limit: 50 })).matched).toBe(0);
    expect(names(await findPickerChoices(roster, directory, { text: '4', chosenAgentIds: [], limit: 50 }))).toEqual(['Bob Cole']);
    const none = await findPickerChoices(roster, directory, { text: 'nobody', chosenAgentIds: [], limit: 50 });
    expect([none.chosen, none.matches, none.matched]).toEqual([[], [], 0]);
  });

  it('lists the chosen agents apart, matching or not, by name; one nobody knows any more last, nameless', async () => {
    const c = await findPickerChoices(roster, directory, { text: 'an', chosenAgentIds: [99, 4, 1], limit: 50 });
    expect(c.chosen.map((a) => [a.agentId, a.name])).toEqual([
      [4, 'Bob Cole'],
      [1, 'Zoë Quist'],
      [99, null],
    ]);
    expect(names(c)).toEqual(['Ana Ávila', 'Ann Berg', 'Émile Durand']);
    expect(c.matched).toBe(3);
  });

  it('keeps the first `limit` of each list by name and counts every match', async () => {
    const many = Array.from({ length: 1_000 }, (_, i) => state(i + 1, 'Agent', `N${String(999 - i).padStart(4, '0')}`));
    const chosenIds = [500, 3, 1_000, 7, 123_456];
    const c = await findPickerChoices({ agents: many, teams: [] }, [], { text: 'agent', chosenAgentIds: chosenIds, limit: 4 });
    expect(c.matched).toBe(996);
    expect(names(c)).toEqual(['Agent N0001', 'Agent N0002', 'Agent N0003', 'Agent N0004']);
    expect(c.chosen.map((a) => a.name)).toEqual(['Agent N0000', 'Agent N0500', 'Agent N0993', 'Agent N0997']);
  });

  it('orders the teams by name whatever their ids, two of the same name by id', async () => {
    const named = [
      { id: 9, name: 'Support' },
      { id: 1, name: 'Zeta' },
      { id: 4, name: 'support' },
      { id: 7, name: 'Alpha' },
      { id: 2, name: 'Mid' },
    ];
    for (const teams of [named, [...named].reverse()]) {
      const c = await findPickerChoices({ agents: [], teams }, [], { text: '', chosenAgentIds: [], limit: 1 });
      expect(c.teams.map((t) => t.id)).toEqual([7, 2, 4, 9, 1]);
    }
  });

  it('an accented letter typed alone finds the names with that letter, accented or not', async () => {
    expect(names(await findPickerChoices(roster, directory, { text: 'É', chosenAgentIds: [], limit: 50 }))).toEqual(['Ann Berg', 'Bob Cole', 'Émile Durand', 'Zoë Quist']);
  });

  it("reads letters without an accent to take off as the tray window's search does (ø as o, ß as ss, ı as i)", async () => {
    const people = { agents: [state(6, 'Øyvind', 'Strand'), state(7, 'Emre', 'Aydın'), state(8, 'Jörg', 'Straße'), state(9, 'Łucja', 'Nowak'), state(2, 'Ann', 'Berg')], teams };
    const needles = ['oyvind', 'Øyv', 'aydin', 'strasse', 'lucja', 'jorg', 'berg'];
    for (const text of needles) {
      const found = names(await findPickerChoices(people, [], { text, chosenAgentIds: [], limit: 50 }));
      // The tray window's list, given the same names and needle, finds the same agents.
      const inTray = people.agents.filter((a) => matchesSearch(sortKeyOf(nameKey(a)), a.userName, text.trim().toLowerCase())).map(displayName);
      expect(found, text).toEqual([...inTray].sort((x, y) => x.localeCompare(y)));
      expect(found.length, text).toBeGreaterThan(0);
    }
    expect(names(await findPickerChoices(people, [], { text: 'oyvind', chosenAgentIds: [], limit: 50 }))).toEqual(['Øyvind Strand']);
    expect(names(await findPickerChoices(people, [], { text: 'strasse', chosenAgentIds: [], limit: 50 }))).toEqual(['Jörg Straße']);
  });

  it('answers what the IPC contract lets through, whole', async () => {
    const c = await findPickerChoices(roster, directory, { text: 'an', chosenAgentIds: [4, 99], limit: 50 });
    expect(c.matched).toBe(3);
    expect(pickerChoicesSchema.parse(c)).toEqual(c);
  });

  it('refuses a malformed query (the IPC boundary validates it, and so does the function)', async () => {
    await expect(findPickerChoices(roster, directory, { text: '', chosenAgentIds: [], limit: 0 })).rejects.toThrow();
    await expect(findPickerChoices(roster, directory, { text: '', chosenAgentIds: [], limit: PICKER_CHOICES_MAX + 1 })).rejects.toThrow();
    await expect(findPickerChoices(roster, directory, { text: 'x'.repeat(201), chosenAgentIds: [], limit: 5 })).rejects.toThrow();
    await expect(findPickerChoices(roster, directory, { text: '', chosenAgentIds: [1.5], limit: 5 })).rejects.toThrow();
  });

  it('a build that failed is not kept: the next query builds again', async () => {
    let failing = true;
    const finder = createPickerChoices(
      {
        snapshot: () => roster,
        directory: function* () {
          if (failing) throw new Error('directory unreadable');
          yield* directory;
        },
        namesVersion: () => 'v1',
      },
      new FakeClock(),
    );
    const ask = () => finder.find({ text: '', chosenAgentIds: [], limit: 50 });
    await expect(ask()).rejects.toThrow('directory unreadable');
    failing = false;
    expect((await ask()).matched).toBe(5);
  });

  it('keeps its index while the names stay the same, builds it anew when they change, and lets it go when nobody asks', async () => {
    const clock = new FakeClock();
    let builds = 0;
    let version = 'v1';
    const agents = [...roster.agents];
    const finder = createPickerChoices(
      {
        snapshot: () => {
          builds += 1;
          return { agents, teams };
        },
        directory: () => directory,
        namesVersion: () => version,
      },
      clock,
    );
    const ask = (text: string) => finder.find({ text, chosenAgentIds: [], limit: 50 });
    expect((await ask('')).matched).toBe(5);
    expect((await ask('bob')).matched).toBe(1);
    expect(builds).toBe(1);
    // A new agent in the roster, and the version says so: found at the next query.
    agents.push(state(6, 'Bo', 'Nyx'));
    expect((await ask('nyx')).matched).toBe(0);
    version = 'v2';
    expect(names(await ask('nyx'))).toEqual(['Bo Nyx']);
    expect(builds).toBe(2);
    // Idle: each query holds it another PICKER_CHOICES_IDLE_MS, then it goes (a timer, no leak).
    await clock.advance(PICKER_CHOICES_IDLE_MS - 1);
    await ask('');
    await clock.advance(PICKER_CHOICES_IDLE_MS - 1);
    expect(builds).toBe(2);
    await ask('');
    expect(builds).toBe(2);
    await clock.advance(PICKER_CHOICES_IDLE_MS);
    expect(clock.pending()).toBe(0);
    await ask('');
    expect(builds).toBe(3);
    finder.drop();
    expect(clock.pending()).toBe(0);
  });

  it('builds in slices, letting the event loop run between them; queries that come meanwhile share the one build', async () => {
    const many = Array.from({ length: 2 * INDEX_SLICE + 5 }, (_, i) => state(i + 1, 'Agent', `N${i}`));
    let yields = 0;
    const index = await indexPickerChoices({ agents: many, teams: [] }, [dir(1, 'Agent', 'N0'), dir(999_999, 'Only', 'Directory')], async () => {
      yields += 1;
    });
    expect(index.entries).toHaveLength(2 * INDEX_SLICE + 6);
    expect(yields).toBe(2);

    // By default the turn it yields is a real one: a timer set before the build runs before the build ends.
    let built = false;
    let timerRanFirst: boolean | null = null;
    setTimeout(() => (timerRanFirst = !built), 0);
    await indexPickerChoices({ agents: many, teams: [] }, []).then(() => (built = true));
    expect(timerRanFirst).toBe(true);

    let builds = 0;
    const finder = createPickerChoices(
      {
        snapshot: () => {
          builds += 1;
          return { agents: many, teams: [] };
        },
        directory: () => [],
        namesVersion: () => 'v1',
      },
      new FakeClock(),
    );
    const [a, b] = await Promise.all([finder.find({ text: 'n1', chosenAgentIds: [], limit: 5 }), finder.find({ text: 'n2', chosenAgentIds: [], limit: 5 })]);
    expect(builds).toBe(1);
    expect([a.matches[0]!.name, b.matches[0]!.name]).toEqual(['Agent N1', 'Agent N2']);
    finder.drop();
  });
});

