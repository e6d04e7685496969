// A service level in figures (main/queues/queue-summary.ts), as the queue strip shows it: the figure must sit
// on the same side of the goal as the status word beside it ("80%" next to "at risk" contradicts itself).
import { describe, expect, it } from 'vitest';
import { serviceLevelPercent, serviceLevelText } from '../../main/queues/queue-summary';
import { serviceLevelStatus } from '../../main/queues/skill-activity';

describe('service level in figures', () => {
  it('says the level and its goal, or nothing without a level', () => {
    expect(serviceLevelText({ serviceLevel: 62, serviceLevelGoal: 80 })).toBe('62% of 80% goal');
    expect(serviceLevelText({ serviceLevel: 62, serviceLevelGoal: null })).toBe('62%');
    expect(serviceLevelText({ serviceLevel: null, serviceLevelGoal: 80 })).toBeNull();
  });

  it('never rounds a level up to a goal it misses', () => {
    expect(serviceLevelStatus(79.6, 80)).toBe('at-risk');
    expect(serviceLevelText({ serviceLevel: 79.6, serviceLevelGoal: 80 })).toBe('79% of 80% goal');
    expect(serviceLevelStatus(74.9, 80)).toBe('breached');
    expect(serviceLevelPercent(74.9)).toBe('74%');
    expect(serviceLevelPercent(80.4)).toBe('80%');
    expect(serviceLevelPercent(100)).toBe('100%');
  });

  it('shows a figure that agrees with the status for every level in tenths around a whole-percent goal', () => {
    for (let tenths = 700; tenths <= 900; tenths++) {
      const level = tenths / 10;
      const shown = Number.parseInt(serviceLevelPercent(level), 10);
      expect(shown >= 80, `${level}% of an 80% goal shows ${shown}%`).toBe(serviceLevelStatus(level, 80) === 'meeting');
    }
  });
});
