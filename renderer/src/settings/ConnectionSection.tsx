// Tenant setup: issuer, client id, redirect URI, API version and host; test the connection; sign in/out.
import { useState } from 'react';
import { ISSUER_PRESETS, type Settings } from '../../../main/settings/schema';
import type { AppState } from '../../../preload/contract';
import { agentTray } from '../api';
import { ActionError, runAction, wordsShown } from '../actions';
import { sessionWords } from './session-words';
import { RadioGroup, SelectField, TextField } from './fields';
import type { FieldErrors, SetSetting } from './form';

type TestResult = { ok: boolean; steps: { name: string; ok: boolean; skipped?: boolean; message: string }[] };

interface Props {
  draft: Settings;
  errors: FieldErrors;
  state: AppState;
  set: SetSetting;
  /** Saves the draft first when it has unsaved changes; false when it could not. */
  saveIfDirty(): Promise<boolean>;
}

const ISSUER_OPTIONS = [
  { value: 'cxone', label: 'CXone (cxone.niceincontact.com)' },
  { value: 'cxone-gov', label: 'CXone Gov (cxone-gov.niceincontact.com)' },
  { value: 'custom', label: 'Custom issuer' },
] as const;

/** The tenant's sign-in and API settings, with each field's error beside it. */
function TenantFields({ tenant: t, errors, set }: { tenant: Settings['tenant']; errors: FieldErrors; set: Props['set'] }) {
  return (
    <>
      <SelectField
        label="Issuer"
        value={t.issuerPreset}
        options={ISSUER_OPTIONS}
        onChange={(v) => {
          set(['tenant', 'issuerPreset'], v);
          if (v !== 'custom') set(['tenant', 'issuer'], ISSUER_PRESETS[v]);
        }}
      />
      <TextField
        label="Issuer URL"
        name="issuer"
        type="url"
        value={t.issuer}
        readOnly={t.issuerPreset !== 'custom'}
        error={errors.get('tenant.issuer')}
        hint={t.issuerPreset === 'custom' ? 'https, or http only for 127.0.0.1 / localhost.' : undefined}
        onChange={(v) => set(['tenant', 'issuer'], v)}
      />
      <TextField label="Client id" name="clientId" value={t.clientId} error={errors.get('tenant.clientId')} placeholder="From your CXone app registration" onChange={(v) => set(['tenant', 'clientId'], v)} />
      <RadioGroup
        legend="Redirect URI"
        name="redirect-mode"
        value={t.redirect.mode}
        options={[
          { value: 'any-loopback', label: 'Any loopback port', hint: 'http://127.0.0.1:<any port>/callback' },
          { value: 'exact', label: 'An exact registered URI', hint: 'Use when your registration lists one fixed URI.' },
        ]}
        onChange={(mode) => set(['tenant', 'redirect'], mode === 'exact' ? { mode, uri: t.redirect.mode === 'exact' ? t.redirect.uri : 'http://localhost:3000/callback' } : { mode })}
      />
      {t.redirect.mode === 'exact' && (
        <TextField
          label="Registered redirect URI"
          name="redirectUri"
          type="url"
          value={t.redirect.uri}
          error={errors.get('tenant.redirect.uri')}
          onChange={(v) => set(['tenant', 'redirect', 'uri'], v)}
        />
      )}
      <div className="field-row">
        <TextField label="API version" name="apiVersion" value={t.apiVersion} error={errors.get('tenant.apiVersion')} onChange={(v) => set(['tenant', 'apiVersion'], v)} />
        <TextField
          label="API endpoint override"
          name="apiEndpointOverride"
          type="url"
          value={t.apiEndpointOverride}
          placeholder="Empty: discover it"
          error={errors.get('tenant.apiEndpointOverride')}
          onChange={(v) => set(['tenant', 'apiEndpointOverride'], v)}
        />
      </div>
    </>
  );
}

/** What the connection test found, step by step: passed, failed, or not run yet (and why). */
function TestResultView({ result }: { result: TestResult }) {
  return (
    <div className="test-result">
      <p className={result.ok ? 'ok-text' : 'error-text'}>
        {!result.ok
          ? '✖ The connection test found a problem.'
          : result.steps.some((s) => s.skipped)
            ? '✓ Every check that could run passed.'
            : '✓ The connection works.'}
      </p>
      <ol className="steps">
        {result.steps.map((s, i) => (
          <li key={i} className={s.skipped ? 'step-skipped' : s.ok ? 'step-ok' : 'step-fail'}>
            <span className="step-mark" aria-hidden="true">
              {s.skipped ? '–' : s.ok ? '✓' : '✖'}
            </span>
            <span>
              <strong>
                {s.name}: {s.skipped ? 'not run yet' : s.ok ? 'passed' : 'failed'}
              </strong>
              <span className="step-message">{s.message}</span>
            </span>
          </li>
        ))}
      </ol>
    </div>
  );
}

type Session = AppState['session'];

/** The connection test's run: whether it is running, and what it found (cleared as a new run starts). */
function useConnectionTest(tenant: Settings['tenant']) {
  const [testing, setTesting] = useState(false);
  const [result, setResult] = useState<TestResult | null>(null);
  const test = async () => {
    setTesting(true);
    setResult(null);
    await runAction(agentTray().testConnection(tenant).then(setResult));
    setTesting(false);
  };
  return { testing, result, test };
}

export function ConnectionSection({ draft, errors, state, set, saveIfDirty }: Props) {
  const t = draft.tenant;
  const { testing, result, test } = useConnectionTest(t);
  const tenantValid = ![...errors.keys()].some((k) => k.startsWith('tenant'));
  const signedIn = ['signed-in', 'refreshing', 'reconnecting'].includes(state.session.kind);
  const signInUrl = state.session.kind === 'signing-in' ? state.session.url : null;
  // Unsaved tenant changes are saved first; when that fails the save bar says why.
  const signIn = () => runAction(saveIfDirty().then((saved) => (saved ? agentTray().signIn() : undefined)));

  return (
    <section aria-labelledby="connection-title" className="settings-section">
      <h2 id="connection-title" tabIndex={-1}>Connection</h2>
      <p className="section-intro">Connect to your CXone tenant. You need the client id of a CXone application registered as a public client (no client secret) with Authorization Code + PKCE.</p>
      <TenantFields tenant={t} errors={errors} set={set} />

      <div className="button-row">
        <button type="button" className="button" onClick={() => void test()} disabled={testing || !tenantValid} aria-describedby="test-status">
          {testing ? 'Testing…' : 'Test connection'}
        </button>
        <SessionButton session={state.session} signedIn={signedIn} signInDisabled={!tenantValid || !t.clientId} onSignIn={signIn} />
      </div>
      <p className="session-line" role="status">
        {sessionWords(state)}
        {/* A greyed Sign in says why, in the same place as the session's words. */}
        {!signedIn && state.session.kind !== 'signing-in' && !t.clientId && ' Enter the client id above to sign in.'}
      </p>
      {signInUrl !== null && <SignInLink url={signInUrl} />}
      <TestStatus testing={testing} result={result} shown={wordsShown(state)} />
    </section>
  );
}

/** The one session command that fits now: Sign out, Cancel sign-in, or Sign in. */
function SessionButton({ session, signedIn, signInDisabled, onSignIn }: { session: Session; signedIn: boolean; signInDisabled: boolean; onSignIn(): Promise<boolean> }) {
  if (signedIn) {
    return (
      <button type="button" className="button" onClick={() => void runAction(agentTray().signOut())}>
        Sign out
      </button>
    );
  }
  if (session.kind === 'signing-in') {
    return (
      <button type="button" className="button" onClick={() => void runAction(agentTray().cancelSignIn())}>
        Cancel sign-in
      </button>
    );
  }
  return (
    <button type="button" className="button primary" onClick={() => void onSignIn()} disabled={signInDisabled}>
      Sign in
    </button>
  );
}

/** The sign-in link, to open in a browser by hand or copy, for when none opened. */
function SignInLink({ url }: { url: string }) {
  return (
    <div className="field">
      <label htmlFor="signin-url">Sign-in link (open it in a browser if none opened)</label>
      <div className="inline-row">
        <input id="signin-url" readOnly value={url} onFocus={(e) => e.currentTarget.select()} />
        <button type="button" className="button" onClick={() => void runAction(agentTray().copyText({ text: url }))}>
          Copy link
        </button>
      </div>
    </div>
  );
}

/** Read out as it changes (the Test button points here): the test's progress and findings, and this section's command failures. */
function TestStatus({ testing, result, shown }: { testing: boolean; result: TestResult | null; shown: readonly string[] }) {
  return (
    <div id="test-status" aria-live="polite">
      {testing && (
        <p className="progress">
          <span className="spinner" aria-hidden="true" /> Running discovery and one poll…
        </p>
      )}
      {/* This section's commands say their failure here, beside their buttons (the window's banner is
          hidden while this section shows); a failed sign-in's words are the session line's. */}
      <ActionError saidElsewhere={shown} />
      {result && <TestResultView result={result} />}
    </div>
  );
}
