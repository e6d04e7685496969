// The agent row's time limit is the notifications' own threshold (issue 11/14): on an unavailable code,
// the user's rule, else the code's own limit from CXone (agentTimeout), else the general setting.
import { describe, expect, it } from 'vitest';
import { overLimitMs } from '../../renderer/src/tray/row-limit';
import { notificationSettingsSchema } from '../../main/settings/schema';
import { agent } from '../monitor/fakes';

const MIN = 60_000;
const codes = [
  { id: 12, name: 'Break', timeLimitMinutes: 15 },
  { id: 13, name: 'Lunch', timeLimitMinutes: null },
];
const onBreak = agent(1, { stateId: 2, outStateId: 12, outStateDescription: 'Break' });
const onLunch = agent(2, { stateId: 2, outStateId: 13, outStateDescription: 'Lunch' });
const available = agent(3, { stateId: 1 });

describe('row limit per unavailable code', () => {
  it("uses the code's own limit from CXone by default, with no general limit set", () => {
    const limitOf = overLimitMs(notificationSettingsSchema.parse({}), codes);
    expect(limitOf(onBreak)).toBe(15 * MIN);
    // No limit of its own and no general one: no warning.
    expect(limitOf(onLunch)).toBeNull();
    expect(limitOf(available)).toBeNull();
  });

  it("the user's code rule beats CXone's (0 = off for that code); without CXone's limits the general limit applies", () => {
    const n = notificationSettingsSchema.parse({ unavailableLongerThanMinutes: 30, codeRules: [{ outStateId: 13, minutes: 0 }] });
    expect(overLimitMs(n, codes)(onBreak)).toBe(15 * MIN);
    expect(overLimitMs(n, codes)(onLunch)).toBeNull();
    expect(overLimitMs({ ...n, codeLimitsFromCxone: false }, codes)(onBreak)).toBe(30 * MIN);
    // Codes not known yet: the general limit.
    expect(overLimitMs(n)(onBreak)).toBe(30 * MIN);
  });
});
