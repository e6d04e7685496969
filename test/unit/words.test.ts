// Counted nouns (main/words.ts): one sentence form for every count the app, the doctor and the CLI show.
import { describe, expect, it } from 'vitest';
import { count } from '../../main/words';

describe('count', () => {
  it('says the noun in its number, never "(s)"', () => {
    expect([count(0, 'agent'), count(1, 'agent'), count(2, 'agent')]).toEqual(['0 agents', '1 agent', '2 agents']);
    expect(count(1, 'skill item')).toBe('1 skill item');
    expect(count(3, 'reply', 'replies')).toBe('3 replies');
  });
});
