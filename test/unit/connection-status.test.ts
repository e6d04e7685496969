// The header's words for a poll whose data was not all readable (main/monitor/status.ts ReadIssue).
import { describe, expect, it } from 'vitest';
import { issueWords } from '../../renderer/src/format';

describe('issueWords', () => {
  it('says how many items were left out and why, and what a partial list means for the rest', () => {
    expect(issueWords({ leftOut: 2, reason: 'agentStates[4].agentId is missing', complete: true })).toBe('2 items CXone sent could not be read (agentStates[4].agentId is missing).');
    expect(issueWords({ leftOut: 0, reason: 'CXone said totalRecords 60 but sent 45 after 3 pages.', complete: false })).toBe(
      'CXone said totalRecords 60 but sent 45 after 3 pages. Agents missing from the list show their last known state.',
    );
  });
});
