// "Why is the list empty?": runs main's doctor on the live session and shows the findings as a
// checklist with the evidence and the fix. The report main returns is already redacted.
import { useState } from 'react';
import type { DoctorReport, Severity } from '../../../main/diagnostics/finding';
import { count } from '../../../main/words';
import { runAction } from '../actions';
import { agentTray } from '../api';
import { errorMessage } from '../format';
import { AGENT_ID_PATTERN } from './form';

const SEVERITY: Record<Severity, { glyph: string; word: string }> = {
  ok: { glyph: '✓', word: 'OK' },
  info: { glyph: 'ℹ', word: 'Info' },
  warning: { glyph: '⚠', word: 'Warning' },
  error: { glyph: '✖', word: 'Problem' },
};

export function reportText(report: DoctorReport): string {
  const lines = ['CXone Agent Tray — diagnostics report', report.ok ? 'Result: no problems found' : 'Result: problems found', ''];
  for (const f of report.findings) {
    lines.push(`[${f.severity.toUpperCase()}] ${f.code} — ${f.title}`);
    if (f.detail) lines.push(`  ${f.detail}`);
    if (f.fix) lines.push(`  Fix: ${f.fix}`);
  }
  return lines.join('\n');
}

export function DiagnosticsSection() {
  const [running, setRunning] = useState(false);
  const [report, setReport] = useState<DoctorReport | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [copied, setCopied] = useState(false);

  const run = async (agentId: string) => {
    setRunning(true);
    setError(null);
    setCopied(false);
    try {
      setReport(await agentTray().runDiagnostics(agentId ? { agentId } : {}));
    } catch (err) {
      setError(errorMessage(err));
    } finally {
      setRunning(false);
    }
  };

  return (
    <section aria-labelledby="diagnostics-title" className="settings-section">
      <h2 id="diagnostics-title" tabIndex={-1}>Diagnostics</h2>
      <p className="section-intro">
        Checks the sign-in token, the tenant, the API host, the agent id and the query, and says which known cause explains a missing or empty
        agent list.
      </p>
      <AgentToLookFor running={running} onRun={(agentId) => void run(agentId)} />
      <div aria-live="polite">
        {running && (
          <p className="progress">
            <span className="spinner" aria-hidden="true" /> Running the checks against the live session…
          </p>
        )}
        {error && (
          <p className="field-error" role="alert">
            The checks could not run: {error}
          </p>
        )}
        {report && !running && <Report report={report} copied={copied} onCopied={setCopied} />}
      </div>
    </section>
  );
}

/** The optional agent id and "Run checks": a malformed id is named at its box and cannot be run. */
function AgentToLookFor({ running, onRun }: { running: boolean; onRun(agentId: string): void }) {
  const [agentId, setAgentId] = useState('');
  const id = agentId.trim();
  const idError = id && !AGENT_ID_PATTERN.test(id) ? 'Enter a numeric agent id (e.g. 40112233) or a user UUID.' : null;
  return (
    <form
      className="diag-form"
      onSubmit={(e) => {
        e.preventDefault();
        if (!idError && !running) onRun(id);
      }}
    >
      <div className={`field${idError ? ' has-error' : ''}`}>
        <label htmlFor="diag-agent">Agent to look for (optional)</label>
        <div className="inline-row">
          <input
            id="diag-agent"
            value={agentId}
            placeholder="Numeric agent id or user UUID"
            spellCheck={false}
            autoComplete="off"
            aria-invalid={idError ? true : undefined}
            aria-describedby={idError ? 'diag-agent-error' : undefined}
            onChange={(e) => setAgentId(e.target.value)}
          />
          <button type="submit" className="button primary" disabled={running || !!idError}>
            {running ? 'Running…' : 'Run checks'}
          </button>
        </div>
        {idError && (
          <p className="field-error" id="diag-agent-error">
            <span aria-hidden="true">✖ </span>
            {idError}
          </p>
        )}
      </div>
    </form>
  );
}

/** "N problems found." (or none), in words and a glyph that agree with the findings. */
export function resultLine(report: DoctorReport): string {
  if (report.ok) return '✓ No problems found.';
  const n = report.findings.filter((f) => f.severity === 'error').length;
  return `✖ ${count(n, 'problem')} found.`;
}

/** The result, Copy report, and the findings as a checklist. */
function Report({ report, copied, onCopied }: { report: DoctorReport; copied: boolean; onCopied(copied: boolean): void }) {
  return (
    <div className="report">
      <div className="report-head">
        <p className={report.ok ? 'ok-text' : 'error-text'}>{resultLine(report)}</p>
        <button
          type="button"
          className="button"
          onClick={() => {
            void runAction(agentTray().copyText({ text: reportText(report) })).then(onCopied);
          }}
        >
          {copied ? 'Report copied' : 'Copy report'}
        </button>
      </div>
      <ul className="findings" aria-label="Findings">
        {report.findings.map((f, i) => (
          <FindingItem key={`${f.code}-${i}`} finding={f} />
        ))}
      </ul>
    </div>
  );
}

function FindingItem({ finding: f }: { finding: DoctorReport['findings'][number] }) {
  return (
    <li className={`finding sev-${f.severity}`}>
      <span className="sev-glyph" aria-hidden="true">
        {SEVERITY[f.severity].glyph}
      </span>
      <div className="finding-body">
        <p className="finding-title">
          <span className="sev-word">{SEVERITY[f.severity].word}:</span> {f.title} <code className="finding-code">{f.code}</code>
        </p>
        {f.detail && <p className="finding-detail">{f.detail}</p>}
        {f.fix && (
          <p className="finding-fix">
            <strong>Fix:</strong> {f.fix}
          </p>
        )}
      </div>
    </li>
  );
}
