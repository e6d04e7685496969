// The tray list is kept up to date incrementally (issue 15): the sorted sections, the category and
// reason tallies and the same-name set move only for the agents a delta changed. These tests apply
// many seeded random deltas — state changes, renames, team moves, arrivals, departures — and check
// after each one that everything equals the plain from-scratch computation in view.ts, under every
// sort key, with and without team groups, pins, chip filters and search. Pure code: no DOM, no timing.
import { describe, expect, it } from 'vitest';
import { categorize, displayName, type AgentState } from '../../main/cxone/model';
import type { RosterDelta } from '../../main/monitor/status';
import { RosterRows, type RowList } from '../../renderer/src/roster/rows';
import { SortedBlocks } from '../../renderer/src/roster/sorted-blocks';
import { RosterStore } from '../../renderer/src/roster/store';
import { COMPARATORS, Entry, countRoster, deriveRows, duplicateNames, sortAgents, type ChipId, type Row, type SortKey, type ViewOptions } from '../../renderer/src/roster/view';
import { sortEntries } from '../../renderer/src/roster/sort-entries';
import { sortKeyOf } from '../../renderer/src/roster/entry';
import { RowGeometry } from '../../renderer/src/roster/row-geometry';
import { makeRng } from '../../main/demo/rng';

const prng = makeRng;

// Small pools on purpose: equal names, equal start times and empty teams make ties the sort must break.
const FIRST = ['Ana', 'ana', 'Ben', 'Chloe', 'Chloé', 'Émile', 'Emile', ''];
const LAST = ['Silva', 'Berg', 'Ito', 'Zhang', ''];
const TEAMS = ['North', 'South', 'east', ' ', null];
const REASONS = ['Break', 'Lunch', 'Meeting', '  ', null];
const STATES: [number, string, boolean][] = [
  [1, 'Available', false],
  [2, 'Unavailable', false],
  [3, 'InboundContact', false],
  [2, 'Unavailable', true],
  [0, 'LoggedOut', false],
  [8, 'LoggedIn', false],
];
const T0 = Date.UTC(2025, 0, 15, 12);

function randomAgent(rand: () => number, agentId: number): AgentState {
  const pick = <T,>(xs: readonly T[]): T => xs[Math.floor(rand() * xs.length)]!;
  const [stateId, stateName, isACW] = pick(STATES);
  const start = rand() < 0.1 ? null : new Date(T0 + Math.floor(rand() * 20) * 60_000).toISOString().replace('.000Z', 'Z');
  const team = pick(TEAMS);
  return {
    agentId,
    stateId,
    stateName,
    category: categorize(stateId, stateName, isACW),
    outStateId: stateId === 2 ? 7 : null,
    outStateDescription: stateId === 2 ? pick(REASONS) : null,
    isACW,
    contactId: null,
    skillName: null,
    mediaTypeName: null,
    startDate: start,
    lastUpdateTime: start,
    firstName: pick(FIRST),
    lastName: pick(LAST),
    userName: rand() < 0.2 ? null : `user${agentId % 97}`,
    teamId: team === null ? null : TEAMS.indexOf(team),
    teamName: team,
    businessUnitId: 1,
    isActive: true,
  };
}

/** A delta of fresh random changes: state changes (some with a new name or team), arrivals, departures. */
function randomDelta(rand: () => number, store: RosterStore, nextId: () => number): RosterDelta {
  const ids = [...store.values()].map((a) => a.agentId);
  const upserts = new Map<number, AgentState>();
  const removed = new Set<number>();
  const changes = Math.floor(rand() * 40);
  for (let i = 0; i < changes; i++) {
    const r = rand();
    const id = ids[Math.floor(rand() * ids.length)];
    if (r < 0.1 || id === undefined) {
      const a = randomAgent(rand, nextId());
      upserts.set(a.agentId, a);
    } else if (r < 0.18) {
      if (!upserts.has(id)) removed.add(id);
    } else if (!removed.has(id)) {
      const fresh = randomAgent(rand, id);
      const old = store.get(id)!;
      // Most changes keep the person (name and team) and move the state only.
      const keep = rand() < 0.8 ? { firstName: old.firstName, lastName: old.lastName, userName: old.userName, teamId: old.teamId, teamName: old.teamName } : {};
      upserts.set(id, { ...fresh, ...keep });
    }
  }
  const base = store.currentRevision!;
  return { base, revision: base + 1, upserts: [...upserts.values()], removed: [...removed] };
}

const shape = (r: Row) => (r.kind === 'header' ? `${r.key}=${r.count}` : `${r.key}@${r.agent.stateId}:${r.agent.startDate}:${r.agent.firstName}`);

/** The incremental rows equal deriveRows over a from-scratch sort, and every accessor agrees with them. */
function expectSameRows(list: RowList, store: RosterStore, o: ViewOptions, rand: () => number): void {
  const expected = deriveRows(sortAgents(store.values(), o.sort), o);
  const rows = list.toArray();
  expect(rows.map(shape)).toEqual(expected.map(shape));
  expect(list.length).toBe(expected.length);
  expect(list.agentCount).toBe(expected.filter((r) => r.kind === 'agent').length);
  for (let k = 0; k < 8 && expected.length > 0; k++) {
    const i = Math.floor(rand() * expected.length);
    const row = expected[i]!;
    expect(shape(list.at(i)!)).toBe(shape(row));
    expect(list.indexOfKey(row.key)).toBe(i);
    expect(list.headersBefore(i)).toBe(expected.slice(0, i).filter((r) => r.kind === 'header').length);
    if (row.kind === 'agent') expect(list.indexOfAgent(row.agent.agentId)).toBe(i);
  }
  expect(list.at(expected.length)).toBeUndefined();
  expect(list.headersBefore(expected.length)).toBe(expected.filter((r) => r.kind === 'header').length);
}

function expectSameTallies(store: RosterStore): void {
  expect(store.counts()).toEqual(countRoster(store.values()));
  expect([...store.sameNames].sort()).toEqual([...duplicateNames(store.values())].sort());
}

const OPTIONS: { name: string; o: Omit<ViewOptions, 'sort'> }[] = [
  { name: 'plain', o: { search: '', chips: new Set(), pinned: new Set(), groupByTeam: false } },
  { name: 'pinned', o: { search: '', chips: new Set(), pinned: new Set([3, 8, 15, 1000, 1003]), groupByTeam: false } },
  { name: 'teams + pinned', o: { search: '', chips: new Set(), pinned: new Set([3, 8, 1001]), groupByTeam: true } },
  { name: 'chips', o: { search: '', chips: new Set<ChipId>(['available', 'unavailable:Break', 'unavailable:No reason']), pinned: new Set([5]), groupByTeam: false } },
  { name: 'search + teams', o: { search: ' AN ', chips: new Set(), pinned: new Set(), groupByTeam: true } },
  { name: 'search by user name', o: { search: 'USER1', chips: new Set(), pinned: new Set([12]), groupByTeam: false } },
  { name: 'search without accents', o: { search: 'emile', chips: new Set(), pinned: new Set(), groupByTeam: false } },
  { name: 'search with an accent', o: { search: 'CHLOÉ', chips: new Set(), pinned: new Set(), groupByTeam: true } },
];

describe('incremental roster rows equal a from-scratch computation', () => {
  for (const sort of ['name', 'state', 'time'] as SortKey[]) {
    for (const { name, o } of OPTIONS) {
      it(`after 150 random deltas: sort ${sort}, ${name}`, () => {
        const rand = prng(sort.length * 7919 + name.length);
        let id = 0;
        const nextId = () => ++id;
        const store = new RosterStore();
        store.loadSnapshot({ revision: 1, agents: Array.from({ length: 300 }, () => randomAgent(rand, nextId())), teams: [] });
        const rows = new RosterRows();
        const options: ViewOptions = { sort, ...o };
        expectSameRows(rows.update(store.getView(), options), store, options, rand);
        expectSameTallies(store);
        for (let d = 0; d < 150; d++) {
          expect(store.applyDelta(randomDelta(rand, store, nextId))).toBe('applied');
          expectSameRows(rows.update(store.getView(), options), store, options, rand);
          expectSameTallies(store);
        }
      });
    }
  }

  it('a change of options (new sets with the same content keep the rows; new content rebuilds) and a new snapshot stay in step', () => {
    const rand = prng(42);
    let id = 0;
    const nextId = () => ++id;
    const store = new RosterStore();
    store.loadSnapshot({ revision: 1, agents: Array.from({ length: 200 }, () => randomAgent(rand, nextId())), teams: [] });
    const rows = new RosterRows();
    let options: ViewOptions = { sort: 'name', search: '', chips: new Set(), pinned: new Set([1, 2]), groupByTeam: false };
    const first = rows.update(store.getView(), options);
    // Equal content in new Set objects (as main re-sends its settings) is not a change.
    expect(rows.update(store.getView(), { ...options, pinned: new Set([2, 1]), chips: new Set() })).toBe(first);
    for (let d = 0; d < 60; d++) {
      if (d % 10 === 0) options = { ...options, sort: (['name', 'state', 'time'] as const)[d % 3]!, groupByTeam: d % 20 === 0, pinned: new Set([d, d + 1]) };
      if (d === 35) store.loadSnapshot({ revision: store.currentRevision! + 5, agents: Array.from({ length: 150 }, () => randomAgent(rand, nextId())), teams: [] });
      else store.applyDelta(randomDelta(rand, store, nextId));
      expectSameRows(rows.update(store.getView(), options), store, options, rand);
      expectSameTallies(store);
    }
  });
});

describe('several deltas between two updates of the rows (React renders once for a burst)', () => {
  for (const sort of ['name', 'state', 'time'] as SortKey[]) {
    it(`sort ${sort}: agents that leave and come back, are renamed twice or move teams in one burst end where a fresh sort puts them`, () => {
      const rand = prng(sort.length * 31 + 5);
      let id = 0;
      const nextId = () => ++id;
      const store = new RosterStore();
      store.loadSnapshot({ revision: 1, agents: Array.from({ length: 250 }, () => randomAgent(rand, nextId())), teams: [] });
      const rows = new RosterRows();
      const options: ViewOptions = { sort, search: '', chips: new Set(), pinned: new Set([2, 9]), groupByTeam: sort !== 'name' };
      rows.update(store.getView(), options);
      let gone: number[] = [];
      for (let burst = 0; burst < 60; burst++) {
        for (let d = 0, n = 1 + Math.floor(rand() * 3); d < n; d++) {
          const delta = randomDelta(rand, store, nextId);
          // Some who left in an earlier delta of the burst come back (same id, new state and maybe name).
          const back = gone.filter((x) => !delta.removed.includes(x) && rand() < 0.5).map((x) => randomAgent(rand, x));
          const upserts = [...delta.upserts.filter((a) => !back.some((b) => b.agentId === a.agentId)), ...back];
          expect(store.applyDelta({ ...delta, upserts })).toBe('applied');
          gone = [...gone.filter((x) => !back.some((b) => b.agentId === x)), ...delta.removed];
        }
        expectSameRows(rows.update(store.getView(), options), store, options, rand);
        expectSameTallies(store);
      }
    });
  }
});

describe('a large snapshot (the numeric sort over many blocks), then deltas', () => {
  for (const sort of ['name', 'state', 'time'] as SortKey[]) {
    it(`sort ${sort}: 20,000 agents in team groups with pins equal a from-scratch computation after the snapshot and after each of 5 deltas`, () => {
      const rand = prng(20_000 + sort.length);
      let id = 0;
      const nextId = () => ++id;
      const store = new RosterStore();
      // Names from the small pools repeat thousands of times: long runs of equal names, broken by id.
      store.loadSnapshot({ revision: 1, agents: Array.from({ length: 20_000 }, () => randomAgent(rand, nextId())), teams: [] });
      const rows = new RosterRows();
      const options: ViewOptions = { sort, search: '', chips: new Set(), pinned: new Set([11, 500, 19_999]), groupByTeam: sort === 'state' };
      expectSameRows(rows.update(store.getView(), options), store, options, rand);
      expectSameTallies(store);
      for (let d = 0; d < 5; d++) {
        expect(store.applyDelta(randomDelta(rand, store, nextId))).toBe('applied');
        expectSameRows(rows.update(store.getView(), options), store, options, rand);
        expectSameTallies(store);
      }
      // Each check sorts 20,000 agents from scratch: room for a slow, shared CI machine.
    }, 120_000);
  }
});

describe('sortEntries (the snapshot sort) orders exactly as the comparators', () => {
  // Accents, case, empty names (the display name falls back to the user name or the id), names that
  // differ only by case or accent, equal names (the id breaks the tie), equal and unknown start times.
  const FIRSTS = ['Ana', 'ana', 'ANA', 'Émile', 'émile', 'Emile', 'Zoë', 'Zoe', 'Ångström', 'Øystein', 'İlkay', 'ß', '', ' '];
  const LASTS = ['Silva', 'silva', 'Berg', 'Ekström', 'Ito', '', 'Ñúñez'];
  function entries(rand: () => number, n: number, id: (i: number) => number): Entry[] {
    return Array.from({ length: n }, (_, i) => {
      const a = randomAgent(rand, id(i));
      const first = FIRSTS[Math.floor(rand() * FIRSTS.length)]!;
      const last = LASTS[Math.floor(rand() * LASTS.length)]!;
      const start = rand() < 0.1 ? 'not a time' : a.startDate;
      return new Entry({ ...a, firstName: first, lastName: last, startDate: start });
    });
  }
  const ids: [string, (i: number, rand: () => number) => number][] = [
    ['CXone-like ids', (i, rand) => 10_000_000 + Math.floor(rand() * 1000) * 100_000 + i],
    ['small ids in reverse', (i) => 50_000 - i],
    ['negative and fractional ids (comparator fallback)', (i) => (i % 2 ? -i : i + 0.5)],
    ['ids too large for exact keys (comparator fallback)', (i) => Number.MAX_SAFE_INTEGER - i],
  ];
  for (const sort of ['name', 'state', 'time'] as SortKey[]) {
    for (const [label, id] of ids) {
      it(`sort ${sort}, ${label}`, () => {
        const rand = prng(sort.length * 101 + label.length);
        const list = entries(rand, 4000, (i) => id(i, rand));
        const expected = [...list].sort(COMPARATORS[sort]);
        expect(sortEntries(list, sort).map((e) => e.agent.agentId)).toEqual(expected.map((e) => e.agent.agentId));
      });
    }
  }

  it('puts names equal but for case in id order, and an accented name among its unaccented letters (after the plain spelling)', () => {
    const agent = (agentId: number, firstName: string, lastName: string) => new Entry({ ...randomAgent(prng(agentId), agentId), firstName, lastName });
    const list = [agent(7, 'Zoe', 'Ito'), agent(5, 'ana', 'Silva'), agent(3, 'Ana', 'Silva'), agent(9, 'Émile', 'Berg'), agent(4, 'ANA', 'SILVA'), agent(8, 'Emile', 'Berg'), agent(6, 'Emilia', 'Abe')];
    // Code units alone put "émile" after "zoe" (U+00E9 > "z"): the order before sortKeyOf.
    expect(sortEntries(list, 'name').map((e) => e.agent.agentId)).toEqual([3, 4, 5, 8, 9, 6, 7]);
    expect([...list].sort(COMPARATORS.name).map((e) => e.agent.agentId)).toEqual([3, 4, 5, 8, 9, 6, 7]);
  });

  it("orders names as Intl.Collator does wherever the collator tells them apart (Latin scripts: accents, ß, ø, æ, ł, ŀ, ſ, ı, ŋ, ŧ, þ, ƿ, case, spaces)", () => {
    const FIRST = ['Ana', 'Ånä', 'Åsa', 'Aaron', 'Bjørn', 'Björn', 'Bo', 'Chloé', 'Chloe', 'Çelik', 'Dvořák', 'Dana', 'Émile', 'Emil', 'Eve', 'Ærøe', 'Aeron', 'Łukasz', 'Luka', 'Lars', 'Øyvind', 'Oscar', 'Ömer', 'Renée', 'René', 'Rene', 'Straße', 'Strasse', 'Stras', 'Zoë', 'Zoe', 'Zeynep', 'Ñaki', 'Nadia', 'İlkay', 'Ilse', 'Đorđe', 'Dorian', 'Işık', 'Isil', 'Iz', 'Jale', 'Þóra', 'Thor', 'Zygmunt', 'Áŋŋel', 'Anne', 'Ŧoma', 'Tuva', 'Ŀuís', 'Luis', 'Lluís', 'ſara', 'Sara', 'Sarah', 'Ƿynn', 'Wynn', 'Zara'];
    const LAST = ['Núñez', 'Nunez', 'García', 'Garcia', 'Gärtner', 'Müller', 'Mueller', 'Muller', 'de Vries', 'Devries', 'Østergaard', 'Olsen', 'Šimić', 'Simic', 'Łoś', 'Lopez', 'Aydın', 'Aydin', 'Aydinç', 'Aydoğan', 'Yıldız', 'Yilmaz', 'Yusuf'];
    const rand = prng(77);
    const list = Array.from({ length: 600 }, (_, i) => new Entry({ ...randomAgent(rand, 1000 + i), firstName: FIRST[Math.floor(rand() * FIRST.length)]!, lastName: LAST[Math.floor(rand() * LAST.length)]! }));
    const collator = new Intl.Collator('en', { sensitivity: 'base' });
    const sorted = sortEntries(list, 'name');
    const pos = new Map(sorted.map((e, k) => [e, k]));
    let compared = 0;
    for (const x of list) {
      for (const y of list) {
        const c = collator.compare(displayName(x.agent), displayName(y.agent));
        if (c === 0) continue;
        compared += 1;
        expect(Math.sign(pos.get(x)! - pos.get(y)!), `${displayName(x.agent)} vs ${displayName(y.agent)}`).toBe(c);
      }
    }
    expect(compared).toBeGreaterThan(300_000);
  });

  /** Agents with these names (ids 1, 2, …) → a search's agent ids, in the list's order (sorted by name). */
  function searchOver(names: [firstName: string, lastName: string][]): (search: string) => number[] {
    const store = new RosterStore();
    const agents = names.map(([firstName, lastName], i) => ({ ...randomAgent(prng(i + 1), i + 1), firstName, lastName, userName: null }));
    store.loadSnapshot({ revision: 1, agents, teams: [] });
    return (search) => {
      const rows = new RosterRows().update(store.getView(), { sort: 'name', search, chips: new Set(), pinned: new Set(), groupByTeam: false });
      const ids: number[] = [];
      for (let k = 0; k < rows.length; k++) {
        const r = rows.at(k);
        if (r?.kind === 'agent') ids.push(r.agent.agentId);
      }
      return ids;
    };
  }

  it('search finds a name without its accents, and with them only the accented spelling', () => {
    const found = searchOver([['Zoë', 'Ito'], ['Zoe', 'Berg'], ['Chloé', 'Ekström'], ['Straße', 'Ana']]);
    expect(found('zoe')).toEqual([2, 1]);
    expect(found('ZOË')).toEqual([1]);
    expect(found('ekstrom')).toEqual([3]);
    expect(found('strasse')).toEqual([4]);
    expect(found('straße')).toEqual([4]);
  });

  it('search reads a letter of its own as its Latin neighbour (ı as i, þ as th), and finds it as spelled', () => {
    const found = searchOver([['Işık', 'Aydın'], ['Isik', 'Aydin'], ['Þóra', 'Yıldız'], ['Áŋŋel', 'Ŧoma']]);
    // Sorted by name: "Isik Aydin" before "Işık Aydın" (ı comes after i).
    expect(found('aydin')).toEqual([2, 1]);
    expect(found('aydın')).toEqual([1]);
    expect(found('isik')).toEqual([2, 1]);
    expect(found('thora')).toEqual([3]);
    expect(found('þóra')).toEqual([3]);
    expect(found('yildiz')).toEqual([3]);
    expect(found('annel toma')).toEqual([4]);
    expect(found('áŋŋel ŧoma')).toEqual([4]);
    // Letters NFD keeps whole but the collator reads as their base (ŀ as l, long ſ as s), and wynn (ƿ) as w.
    const more = searchOver([['Ŀuís', 'Ƿynn'], ['Luis', 'Wynn'], ['ſara', 'Berg']]);
    expect(more('luis')).toEqual([2, 1]);
    expect(more('wynn')).toEqual([2, 1]);
    expect(more('ƿynn')).toEqual([1]);
    expect(more('sara')).toEqual([3]);
  });

  it('an ASCII name is its own sort key (no work, no new string); others are keyed once per name', () => {
    expect(sortKeyOf('ana silva')).toBe('ana silva');
    expect(sortKeyOf('émile berg')).toBe('emile berg\u0000émile berg');
    expect(sortKeyOf('straße')).toBe('strasse\u0000straße');
    expect(sortKeyOf('李 娜')).toBe('李 娜');
  });

  it('sorts an empty and a one-entry list', () => {
    expect(sortEntries([], 'time')).toEqual([]);
    const one = new Entry(randomAgent(prng(1), 1));
    expect(sortEntries([one], 'state')).toEqual([one]);
  });
});

describe('SortedBlocks', () => {
  it('keeps order, positions and lookups through thousands of random inserts and removes (several blocks)', () => {
    const rand = prng(7);
    const cmp = (a: number, b: number) => a - b;
    const blocks = new SortedBlocks(cmp);
    const plain: number[] = [];
    blocks.reset([]);
    for (let i = 0; i < 6000; i++) {
      const x = Math.floor(rand() * 1_000_000);
      if (rand() < 0.3 && plain.length > 0) {
        const victim = plain[Math.floor(rand() * plain.length)]!;
        expect(blocks.remove(victim)).toBe(true);
        plain.splice(plain.indexOf(victim), 1);
      } else if (!plain.includes(x)) {
        blocks.insert(x);
        plain.splice(plain.findIndex((y) => y > x) >>> 0, 0, x);
        plain.sort(cmp);
      }
    }
    expect(blocks.toArray()).toEqual(plain);
    expect(blocks.length).toBe(plain.length);
    for (let k = 0; k < 200; k++) {
      const i = Math.floor(rand() * plain.length);
      expect(blocks.at(i)).toBe(plain[i]);
      expect(blocks.indexOf(plain[i]!)).toBe(i);
    }
    expect(blocks.remove(-1)).toBe(false);
    expect(blocks.indexOf(-1)).toBe(-1);
  });
});

describe('RowGeometry', () => {
  it('places every row at the sum of the heights before it, taller measured rows included, and finds the row at a pixel', () => {
    const rand = prng(99);
    let id = 0;
    const store = new RosterStore();
    store.loadSnapshot({ revision: 1, agents: Array.from({ length: 400 }, () => randomAgent(rand, ++id)), teams: [] });
    const list = new RosterRows().update(store.getView(), { sort: 'state', search: '', chips: new Set(), pinned: new Set([4, 9]), groupByTeam: true });
    const rows = list.toArray();
    const extra = new Map<string, number>([
      [rows[0]!.key, 5],
      [rows[7]!.key, 30],
      [rows[200]!.key, 12],
      ['a:999999', 50], // a row no longer shown: ignored
    ]);
    const heights = { header: 28, agent: 24 };
    const geometry = new RowGeometry(list, heights, extra);
    let y = 0;
    for (let i = 0; i < rows.length; i++) {
      const size = (rows[i]!.kind === 'header' ? heights.header : heights.agent) + (extra.get(rows[i]!.key) ?? 0);
      expect(geometry.offset(i)).toBe(y);
      expect(geometry.size(i)).toBe(size);
      expect(geometry.indexAt(y)).toBe(i);
      expect(geometry.indexAt(y + size - 1)).toBe(i);
      y += size;
    }
    expect(geometry.total).toBe(y);
  });
});
