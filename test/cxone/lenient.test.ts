// The single-value readers every CXone answer goes through (lenient.ts, CXONE-API.md §6): what each
// takes as a value, as "none" (null) and as unreadable (undefined) — the difference decides whether a
// field or the whole item is lost — and the PascalCase keys of old versions.
import { describe, expect, it } from 'vitest';
import { camelItem, camelKeys, isBeyondSafeInteger, looseBool, looseInt, looseStr, nextLinkOf } from '../../main/cxone/lenient';

describe('lenient readers', () => {
  it('looseInt: numbers and numeric strings; null or blank is none; fractions, other notations and beyond 2^53 are unreadable', () => {
    const cases: [unknown, number | null | undefined][] = [
      [77001, 77001], ['77001', 77001], [' -12 ', -12], ['+7', 7], [0, 0],
      [null, null], [undefined, null], ['', null], ['  ', null],
      [1.5, undefined], ['1.5', undefined], ['1e3', undefined], ['0x10', undefined], ['12abc', undefined], ['abc', undefined],
      [2 ** 53, undefined], ['9007199254740993', undefined], [true, undefined], [{}, undefined],
    ];
    for (const [v, want] of cases) expect(looseInt(v), JSON.stringify(v)).toBe(want);
  });

  it('isBeyondSafeInteger: only integers (as numbers or digits) that JSON.parse cannot keep exactly', () => {
    for (const v of [2 ** 53, 2 ** 60, '9007199254740993', ' 18446744073709551616 ']) expect(isBeyondSafeInteger(v), String(v)).toBe(true);
    for (const v of [2 ** 53 - 1, '9007199254740991', 1.5, 'abc', '1e30', true, null, {}]) expect(isBeyondSafeInteger(v), String(v)).toBe(false);
  });

  it('looseBool: true/false, "True"/"False" in any case and spacing, 1/0 as numbers or text; blank is none', () => {
    const cases: [unknown, boolean | null | undefined][] = [
      [true, true], [false, false], ['True', true], [' FALSE ', false], ['1', true], ['0', false], [1, true], [0, false],
      [null, null], [undefined, null], ['', null], [' ', null],
      ['yes', undefined], [2, undefined], [{}, undefined],
    ];
    for (const [v, want] of cases) expect(looseBool(v), JSON.stringify(v)).toBe(want);
  });

  it('looseStr: text as is; a number or boolean as its text; anything else unreadable', () => {
    const cases: [unknown, string | null | undefined][] = [
      ['Ana', 'Ana'], ['', ''], [4711, '4711'], [true, 'true'], [false, 'false'], [null, null], [undefined, null], [{}, undefined], [[1], undefined],
    ];
    for (const [v, want] of cases) expect(looseStr(v), JSON.stringify(v)).toBe(want);
  });

  it('camelKeys: PascalCase to camelCase, a camelCase twin winning whichever comes first; odd keys do no harm', () => {
    expect({ ...camelKeys({ AgentId: 1, AgentStateId: 2, agentStateId: 3 }) }).toEqual({ agentId: 1, agentStateId: 3 });
    expect({ ...camelKeys({ agentStateId: 3, AgentStateId: 2 }) }).toEqual({ agentStateId: 3 });
    expect({ ...camelKeys({ '': 1, IsACW: 'True' }) }).toEqual({ '': 1, isACW: 'True' });
    // Only an item without the camelCase key but with its PascalCase twin is rewritten.
    const v34 = { agentId: 1, AgentStateId: 2 };
    expect(camelItem(v34, 'agentId', 'AgentId')).toBe(v34);
    expect({ ...camelItem({ AgentId: 1 }, 'agentId', 'AgentId') }).toEqual({ agentId: 1 });
  });

  it('nextLinkOf: a link wrapped as { href } counts only when the href is text', () => {
    expect(nextLinkOf({ _links: { next: { href: 5 } } })).toBeNull();
    expect(nextLinkOf({ _links: { next: { href: ' ' } } })).toBeNull();
  });
});
