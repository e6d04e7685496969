// Turning a failed CXone call into a finding: which code, how bad, the evidence (status, CXone's own
// icStatusDescription, the endpoint) and what to do. One mapping for every call the doctor makes.
import { CxoneError } from '../cxone/errors';
import type { Finding, FindingCode, Severity } from './finding';
import { errorText } from '../auth/errors';

export function finding(code: FindingCode, severity: Severity, title: string, detail: string, fix?: string): Finding {
  return fix === undefined ? { code, severity, title, detail } : { code, severity, title, detail, fix };
}

/** The scope fact, said wherever a reader might reach for scopes (CXONE-API.md §1 and §4). */
export const SCOPES_FACT =
  'CXone has only the "openid" scope; "view:agent", "view:interaction" and "agent:read" do not exist, and changing scopes cannot fix an empty list.';

export interface CallContext {
  /** What the doctor was doing, e.g. "GET agents/states (full list)". */
  call: string;
  /** Extra evidence for a 401, e.g. "the token's exp passed 5 min ago". */
  unauthorizedHint?: string;
}

function said(e: CxoneError): string {
  return e.statusDescription ? ` CXone says (icStatusDescription): "${e.statusDescription}".` : '';
}

function status(e: CxoneError): string {
  return e.status === null ? 'no HTTP answer' : `HTTP ${e.status}`;
}

export function findingForError(err: unknown, ctx: CallContext): Finding {
  if (!(err instanceof CxoneError)) {
    const msg = errorText(err);
    return finding('UNEXPECTED_RESPONSE', 'error', `${ctx.call} failed unexpectedly`, `${ctx.call}: ${msg}`);
  }
  const where = `${ctx.call} → ${status(err)}.${said(err)}`;
  switch (err.kind) {
    case 'unauthorized':
      return finding(
        'UNAUTHORIZED',
        'error',
        'CXone refused the access token (401)',
        `${where}${ctx.unauthorizedHint ? ` ${ctx.unauthorizedHint}` : ''} A 401 means the token is expired, revoked, malformed, or was issued for another tenant or area than this API host.`,
        'Get a fresh access token (sign in again, or use --sign-in) and make sure the API host is the one discovered for the token\'s tenant.',
      );
    case 'forbidden':
      return finding(
        'FORBIDDEN',
        'error',
        'CXone refused access to the data (403)',
        `${where} The token is valid, but the signed-in CXone user may not see this business unit or these agents.`,
        `Ask a CXone administrator to check the user's security profile (permission to view agent states) and data-access restrictions (teams and business unit). ${SCOPES_FACT}`,
      );
    case 'conflict':
      return finding(
        'BUSINESS_UNIT_CONFLICT',
        'error',
        'CXone reported a business-unit conflict (409)',
        `${where} CXone answers 409 when the business-unit trust check fails: the token's business unit does not match the data asked for.`,
        'Sign in with a user of the business unit you want to see, or ask for the business-unit trust to be configured (reqBUIds).',
      );
    case 'rate-limited':
      return finding(
        'RATE_LIMITED',
        'error',
        'CXone asked to slow down (429)',
        `${where}${err.retryAfterMs !== null ? ` Retry-After: ${Math.round(err.retryAfterMs / 1000)} s.` : ''} Too many requests for this tenant right now; the check could not finish.`,
        'Wait and run the doctor again; poll every 5–15 s at most and back off on 429.',
      );
    case 'unavailable':
      return finding(
        'SERVICE_UNAVAILABLE',
        'error',
        `CXone is unavailable (${status(err)})`,
        `${where}${err.retryAfterMs !== null ? ` Retry-After: ${Math.round(err.retryAfterMs / 1000)} s.` : ''} The API host answered with a server error; this is on CXone's side.`,
        'Try again in a minute; if it lasts, check the CXone status page for your area.',
      );
    case 'timeout':
    case 'network':
      return finding(
        'NETWORK_ERROR',
        'error',
        err.kind === 'timeout' ? 'CXone did not answer in time' : 'CXone could not be reached',
        `${ctx.call}: ${err.message}`,
        'Check the network, proxy and firewall, and that the API host is right (see API_HOST_FOUND / --api-endpoint).',
      );
    case 'malformed':
      return finding(
        'UNEXPECTED_RESPONSE',
        'error',
        'CXone answered with data the doctor cannot read',
        `${ctx.call}: ${err.message}${err.path ? ` Where: ${err.path}.` : ''}${err.excerpt ? ` Excerpt: ${err.excerpt}` : ''}`,
        'Check --api-version (default v34.0) and that the API endpoint is a CXone API host.',
      );
    case 'bad-request':
      return finding(
        'BAD_REQUEST',
        'error',
        `CXone rejected the request as invalid (${status(err)})`,
        `${where} A parameter was not accepted (updatedSince must be ISO 8601; fields must be property names).`,
        'Fix the parameter CXone names, or run the query without it.',
      );
    case 'not-found':
      return finding(
        'API_PATH_NOT_FOUND',
        'error',
        'The API path does not exist on this host (404)',
        `${where} The host answered, but not as a CXone API of this version.`,
        'Check --api-endpoint (it is the host only, e.g. https://api-na1.niceincontact.com) and --api-version.',
      );
    case 'invalid-url':
      return finding('URL_NOT_ALLOWED', 'error', 'The address is not allowed', `${ctx.call}: ${err.message}`, 'Use an https URL (plain http only for 127.0.0.1, localhost or [::1]).');
  }
}
