// The report's redaction on its own: which strings are cut (every text of a finding, the agent record),
// in which order, and which are left alone so the advice stays readable.
import { describe, expect, it } from 'vitest';
import { SCOPES_FACT } from '../../main/diagnostics/api-findings';
import { doctorReportSchema } from '../../main/diagnostics/finding';
import { formatReport, redactReport, replaceSecrets } from '../../main/diagnostics/report';

describe('replaceSecrets', () => {
  it('cuts a secret that contains another one out whole, not leaving its tail behind', () => {
    const short = 'session-secret-0123';
    const long = `${short}-and-its-longer-sibling`;
    expect(replaceSecrets(`a ${long} b`, [short, long])).toBe('a [redacted] b');
  });

  it('leaves empty secrets and secrets shorter than 4 characters alone, so words are not garbled', () => {
    expect(replaceSecrets('agents/states lists 40 agents', ['', 'a', 'ts'])).toBe('agents/states lists 40 agents');
    // Four characters is long enough to be a secret.
    expect(replaceSecrets('pin 4711 given', ['4711'])).toBe('pin [redacted] given');
  });
});

describe('redactReport', () => {
  it('cuts a secret out of the fix and the agent record as well as the title and detail', () => {
    const secret = 'opaque-secret-value-0123456789';
    const r = redactReport(
      {
        ok: false,
        findings: [{ code: 'FORBIDDEN', severity: 'error', title: `t ${secret}`, detail: `d ${secret}`, fix: `f ${secret}` }],
        agent: { agentId: 1, firstName: secret, nested: { note: secret }, list: [secret, 2] },
      },
      [secret],
    );
    expect(r.findings[0]).toEqual({ code: 'FORBIDDEN', severity: 'error', title: 't [redacted]', detail: 'd [redacted]', fix: 'f [redacted]' });
    expect(r.agent).toEqual({ agentId: 1, firstName: '[redacted]', nested: { note: '[redacted]' }, list: ['[redacted]', 2] });
  });
});

describe('formatReport', () => {
  it('prints a count per severity, each finding with glyph, word, code, detail and fix, the agent, and the scope fact', () => {
    const text = formatReport({
      ok: false,
      findings: [
        { code: 'TOKEN_VALID', severity: 'ok', title: 'Token fine', detail: 'Claims: x.' },
        { code: 'NO_AGENT_ID', severity: 'info', title: 'No agent', detail: 'Whole list.', fix: 'Pass one.' },
        { code: 'PAGED_OUT', severity: 'warning', title: 'Page 2', detail: 'On page 2.', fix: 'Follow next.' },
        { code: 'TOKEN_NOT_JWT', severity: 'warning', title: 'Opaque', detail: 'Cannot read.' },
        { code: 'FORBIDDEN', severity: 'error', title: 'Refused', detail: 'HTTP 403.', fix: 'Ask an admin.' },
      ],
      agent: { agentId: 42, firstName: 'Ana', lastName: 'Example', stateName: 'Unavailable', outStateDescription: 'Break', startDate: '2025-01-15T14:03:27.000Z' },
    });
    expect(text).toBe(
      [
        'CXone doctor: 1 error, 2 warnings, 5 findings',
        '',
        '✓ OK      Token fine  [TOKEN_VALID]',
        '    Claims: x.',
        '',
        'ℹ Info    No agent  [NO_AGENT_ID]',
        '    Whole list.',
        '    Fix: Pass one.',
        '',
        '⚠ Warning Page 2  [PAGED_OUT]',
        '    On page 2.',
        '    Fix: Follow next.',
        '',
        '⚠ Warning Opaque  [TOKEN_NOT_JWT]',
        '    Cannot read.',
        '',
        '✗ Error   Refused  [FORBIDDEN]',
        '    HTTP 403.',
        '    Fix: Ask an admin.',
        '',
        'Agent 42 Ana Example: Unavailable (Break) since 2025-01-15T14:03:27.000Z',
        '',
        `Note: ${SCOPES_FACT}`,
      ].join('\n'),
    );
  });

  it('says "no errors" in the head line, and an agent record without name, code, start or state still reads', () => {
    const text = formatReport({ ok: true, findings: [{ code: 'AGENT_VISIBLE', severity: 'ok', title: 't', detail: 'd' }], agent: { agentId: 7, firstName: null, outStateDescription: '' } });
    expect(text.split('\n')[0]).toBe('CXone doctor: no errors, 0 warnings, 1 finding');
    expect(text).toContain('\nAgent 7: unknown\n');
    // Without an agent record there is no agent line at all.
    expect(formatReport({ ok: true, findings: [] })).toBe(`CXone doctor: no errors, 0 warnings, 0 findings\n\nNote: ${SCOPES_FACT}`);
  });
});

describe('doctorReportSchema (what scripts and the Diagnostics window are promised)', () => {
  const good = { code: 'AGENT_VISIBLE', severity: 'ok', title: 't', detail: 'd' };
  it('takes stable upper-case codes only, and a finding needs its severity, title and detail', () => {
    expect(doctorReportSchema.safeParse({ ok: true, findings: [good] }).success).toBe(true);
    for (const code of ['agent_visible', 'AGENT VISIBLE', '1AGENT', 'AGENT-VISIBLE']) {
      expect(doctorReportSchema.safeParse({ ok: true, findings: [{ ...good, code }] }).success, code).toBe(false);
    }
    expect(doctorReportSchema.safeParse({ ok: true, findings: [{ ...good, severity: 'fatal' }] }).success).toBe(false);
    const { detail: _detail, ...noDetail } = good;
    expect(doctorReportSchema.safeParse({ ok: true, findings: [noDetail] }).success).toBe(false);
    expect(doctorReportSchema.safeParse({ findings: [good] }).success).toBe(false);
  });
});
