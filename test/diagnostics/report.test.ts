// The report's redaction on its own: which strings are cut (every text of a finding, the agent record),
// in which order, and which are left alone so the advice stays readable.
import { describe, expect, it } from 'vitest';
import { redactReport, replaceSecrets } from '../../main/diagnostics/report';

describe('replaceSecrets', () => {
  it('cuts a secret that contains another one out whole, not leaving its tail behind', () => {
    const short = 'session-secret-0123';
    const long = `${short}-and-its-longer-sibling`;
    expect(replaceSecrets(`a ${long} b`, [short, long])).toBe('a [redacted] b');
  });

  it('leaves empty secrets and secrets shorter than 4 characters alone, so words are not garbled', () => {
    expect(replaceSecrets('agents/states lists 40 agents', ['', 'a', 'ts'])).toBe('agents/states lists 40 agents');
  });
});

describe('redactReport', () => {
  it('cuts a secret out of the fix and the agent record as well as the title and detail', () => {
    const secret = 'opaque-secret-value-0123456789';
    const r = redactReport(
      {
        ok: false,
        findings: [{ code: 'FORBIDDEN', severity: 'error', title: `t ${secret}`, detail: `d ${secret}`, fix: `f ${secret}` }],
        agent: { agentId: 1, firstName: secret, nested: { note: secret } },
      },
      [secret],
    );
    expect(r.findings[0]).toEqual({ code: 'FORBIDDEN', severity: 'error', title: 't [redacted]', detail: 'd [redacted]', fix: 'f [redacted]' });
    expect(r.agent).toEqual({ agentId: 1, firstName: '[redacted]', nested: { note: '[redacted]' } });
  });
});
