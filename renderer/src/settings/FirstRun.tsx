// First run: two clear paths. The demo is one click and needs nothing else.
import { useState } from 'react';
import { agentTray } from '../api';
import { errorMessage } from '../format';

export function FirstRun({ onConnect }: { onConnect(): void }) {
  const [starting, setStarting] = useState(false);
  const [error, setError] = useState<string | null>(null);
  return (
    <main className="first-run">
      <h1>Welcome to CXone Agent Tray</h1>
      <p className="first-run-intro">See your contact center's agents live from the tray. How would you like to start?</p>
      <div className="choices">
        <button type="button" className="choice" onClick={onConnect}>
          <span className="choice-title">Connect your CXone tenant</span>
          <span className="choice-body">Sign in with your CXone account in your browser. You need a client id from your CXone administrator.</span>
        </button>
        <button
          type="button"
          className="choice choice-primary"
          disabled={starting}
          onClick={() => {
            setStarting(true);
            agentTray()
              .startDemo()
              .catch((err) => {
                setError(errorMessage(err));
                setStarting(false);
              });
          }}
        >
          <span className="choice-title">{starting ? 'Starting the demo…' : 'Try the demo'}</span>
          <span className="choice-body">A simulated tenant with 200 agents runs on this computer. Nothing to set up; connect your own tenant any time.</span>
        </button>
      </div>
      {error && (
        <p className="field-error" role="alert">
          {error}
        </p>
      )}
    </main>
  );
}
