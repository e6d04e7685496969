// Sign-in in progress: the browser should be open; the link is always shown so it can be copied.
import { useState } from 'react';
import { runAction } from '../actions';
import { agentTray } from '../api';

export function SignInBanner({ url }: { url: string }) {
  const [copied, setCopied] = useState(false);
  return (
    <div className="banner banner-info" role="status">
      <p className="banner-title">
        <span className="spinner" aria-hidden="true" /> Finish signing in in your browser.
      </p>
      <p className="banner-body">If no browser window opened, copy this link into one:</p>
      <input className="url-field" readOnly value={url} aria-label="Sign-in link" onFocus={(e) => e.currentTarget.select()} />
      <div className="banner-actions">
        <button
          type="button"
          className="button"
          onClick={() => {
            void runAction(agentTray().copyText({ text: url })).then(setCopied);
          }}
        >
          {copied ? 'Link copied' : 'Copy link'}
        </button>
        <button type="button" className="button" onClick={() => void runAction(agentTray().cancelSignIn())}>
          Cancel
        </button>
      </div>
    </div>
  );
}
