// The doctor's one check of the queue feature (issue 14): does GET skills/activity answer for this
// user? 403 (the security profile does not allow it) and 404 (the tenant does not offer it) are the
// two answers that turn the app's queue strip off; say which, with CXone's own words. A warning, not an
// error: the agent list — the doctor's main question — does not depend on it.
import type { CxoneClient } from '../cxone/client';
import { CxoneError } from '../cxone/errors';
import { adviceFor, finding, type Reader } from './api-findings';
import type { Finding } from './finding';
import { count } from '../words';

const CALL = 'GET skills/activity';

/** `reader`: whose words the advice is in (the command line's flags, or the app's Settings). */
export async function checkSkillActivity(client: Pick<CxoneClient, 'getSkillActivity'>, reader: Reader = 'cli'): Promise<Finding> {
  try {
    const r = await client.getSkillActivity();
    if (r.kind === 'no-change') {
      return finding('SKILL_ACTIVITY_OK', 'ok', 'skills/activity answers, with no skills', `${CALL} → HTTP ${r.status} with no skill: this user sees no skill queues.`, 'Skills appear once the user may see some (security profile, skill assignments).');
    }
    const waiting = r.skills.reduce((n, s) => n + s.queueCount, 0);
    const left = r.leftOut ? ` Left out ${count(r.leftOut.count, 'item')} that could not be read (${r.leftOut.firstReason}).` : '';
    return finding(
      'SKILL_ACTIVITY_OK',
      r.leftOut ? 'warning' : 'ok',
      `skills/activity answers: ${count(r.skills.length, 'skill')}, ${count(waiting, 'contact')} waiting`,
      `${CALL} → HTTP 200, ${count(r.skills.length, 'skill')}${r.pages > 1 ? ` over ${r.pages} pages` : ''}.${left}`,
    );
  } catch (err) {
    const said = err instanceof CxoneError && err.statusDescription ? ` CXone says (icStatusDescription): "${err.statusDescription}".` : '';
    if (err instanceof CxoneError && err.kind === 'forbidden') {
      return finding(
        'SKILL_ACTIVITY_FORBIDDEN',
        'warning',
        'This user may not see skill queues (403)',
        `${CALL} → HTTP 403.${said} The app's queue strip stays off; agent states are not affected.`,
        "Ask a CXone administrator to allow viewing skill activity (real-time skill data) in the user's security profile.",
      );
    }
    if (err instanceof CxoneError && err.kind === 'not-found') {
      return finding('SKILL_ACTIVITY_UNAVAILABLE', 'warning', 'This tenant does not offer skill activity (404)', `${CALL} → HTTP 404.${said} The app's queue strip stays off; agent states are not affected.`, adviceFor({ app: 'Check the API version in Settings (skills/activity is part of v34.0).', cli: 'Check --api-version (skills/activity is part of v34.0).' }, reader));
    }
    const what = err instanceof CxoneError ? `${err.status === null ? 'no HTTP answer' : `HTTP ${err.status}`}: ${err.message}` : String(err);
    return finding('SKILL_ACTIVITY_FAILED', 'warning', 'skills/activity did not answer', `${CALL} → ${what}`, 'The app retries with backoff; run the doctor again later.');
  }
}
