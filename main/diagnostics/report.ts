// What leaves the doctor: a redacted report, and its readable rendering (glyph + word per finding,
// never colour alone). Redaction is belt and braces: the known-secret patterns, then the exact tokens.
import { redactText } from '../log/redact';
import { SCOPES_FACT } from './api-findings';
import type { DoctorReport, Finding, Severity } from './finding';
import { count } from '../words';

/** Replaces every exact occurrence of the given secrets (safe on serialized JSON, unlike redactText). */
export function replaceSecrets(text: string, secrets: readonly string[]): string {
  let out = text;
  // Longest first, so a token that contains another one is cut out whole.
  for (const s of [...secrets].filter((x) => x.length >= 4).sort((a, b) => b.length - a.length)) out = out.split(s).join('[redacted]');
  return out;
}

/** Replaces every occurrence of the given secrets, then runs the generic redaction. */
export function redactString(text: string, secrets: readonly string[]): string {
  return redactText(replaceSecrets(text, secrets));
}

/** The --json output: each string was redacted in the report; the exact tokens are cut once more. */
export function reportJson(report: DoctorReport, secrets: readonly string[]): string {
  return replaceSecrets(JSON.stringify(redactReport(report, secrets)), secrets);
}

function redactDeep(value: unknown, secrets: readonly string[], depth = 0): unknown {
  if (typeof value === 'string') return redactString(value, secrets);
  if (depth > 6 || value === null || typeof value !== 'object') return value;
  if (Array.isArray(value)) return value.map((v) => redactDeep(v, secrets, depth + 1));
  return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, redactDeep(v, secrets, depth + 1)]));
}

export function redactReport(report: DoctorReport, secrets: readonly string[]): DoctorReport {
  const findings = report.findings.map((f): Finding => {
    const out: Finding = {
      code: f.code,
      severity: f.severity,
      title: redactString(f.title, secrets),
      detail: redactString(f.detail, secrets),
    };
    if (f.fix !== undefined) out.fix = redactString(f.fix, secrets);
    return out;
  });
  const agent = report.agent ? (redactDeep(report.agent, secrets) as Record<string, unknown>) : undefined;
  return { ok: report.ok, findings, ...(agent ? { agent } : {}) };
}

export const SEVERITY_MARKS: Record<Severity, { glyph: string; word: string }> = {
  ok: { glyph: '✓', word: 'OK' },
  info: { glyph: 'ℹ', word: 'Info' },
  warning: { glyph: '⚠', word: 'Warning' },
  error: { glyph: '✗', word: 'Error' },
};

/** The readable report: for terminals, and for "Copy report" in the app. */
export function formatReport(report: DoctorReport, secrets: readonly string[] = []): string {
  const lines: string[] = [];
  const bySeverity = (s: Severity) => report.findings.filter((f) => f.severity === s).length;
  const errors = bySeverity('error');
  const warnings = bySeverity('warning');
  lines.push(
    `CXone doctor: ${errors === 0 ? 'no errors' : `${count(errors, 'error')}`}, ${count(warnings, 'warning')}, ${count(report.findings.length, 'finding')}`,
    '',
  );
  for (const f of report.findings) {
    const m = SEVERITY_MARKS[f.severity];
    lines.push(`${m.glyph} ${m.word.padEnd(7)} ${f.title}  [${f.code}]`);
    lines.push(`    ${f.detail}`);
    if (f.fix) lines.push(`    Fix: ${f.fix}`);
    lines.push('');
  }
  const a = report.agent;
  if (a) {
    const name = `${String(a.firstName ?? '')} ${String(a.lastName ?? '')}`.trim();
    const code = typeof a.outStateDescription === 'string' && a.outStateDescription ? ` (${a.outStateDescription})` : '';
    lines.push(`Agent ${String(a.agentId)}${name ? ` ${name}` : ''}: ${String(a.stateName ?? 'unknown')}${code}${typeof a.startDate === 'string' ? ` since ${a.startDate}` : ''}`, '');
  }
  lines.push(`Note: ${SCOPES_FACT}`);
  return redactString(lines.join('\n'), secrets);
}
