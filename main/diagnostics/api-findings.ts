// Turning a failed CXone call into a finding: which code, how bad, the evidence (status, CXone's own
// icStatusDescription, the endpoint) and what to do. One mapping for every call the doctor makes.
import { CxoneError, type CxoneErrorKind } from '../cxone/errors';
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
  /** Who reads the advice: the command line (default; it names flags) or the app (it names Settings). */
  context?: Reader;
}

export type Reader = 'cli' | 'app';

/** Advice that names a control: the command line's flag, or the app's own place for the same thing. */
export type Advice = string | Record<Reader, string>;

/** The advice in the words of its reader. */
export function adviceFor(advice: Advice, reader: Reader = 'cli'): string {
  return typeof advice === 'string' ? advice : advice[reader];
}

function said(e: CxoneError): string {
  return e.statusDescription ? ` CXone says (icStatusDescription): "${e.statusDescription}".` : '';
}

function status(e: CxoneError): string {
  return e.status === null ? 'no HTTP answer' : `HTTP ${e.status}`;
}

function retryAfter(e: CxoneError): string {
  return e.retryAfterMs !== null ? ` Retry-After: ${Math.round(e.retryAfterMs / 1000)} s.` : '';
}

/** What a rule reads: the error, the call and `where`, the shared "call → HTTP status. CXone says …" evidence. */
interface ErrorEvidence {
  err: CxoneError;
  ctx: CallContext;
  where: string;
}

/** How one kind of CxoneError becomes a finding; every such finding is severity 'error'. */
interface FindingRule {
  code: FindingCode;
  title: string | ((err: CxoneError) => string);
  detail: (e: ErrorEvidence) => string;
  fix: Advice;
}

// No HTTP answer, so no `where`: the error's own message says what went wrong on the way.
const NETWORK_RULE: FindingRule = {
  code: 'NETWORK_ERROR',
  title: (err) => (err.kind === 'timeout' ? 'CXone did not answer in time' : 'CXone could not be reached'),
  detail: ({ err, ctx }) => `${ctx.call}: ${err.message}`,
  fix: {
    cli: 'Check the network, proxy and firewall, and that the API host is right (see API_HOST_FOUND / --api-endpoint).',
    app: 'Check the network, proxy and firewall, and that the API host is right (see API_HOST_FOUND / the API endpoint override in Settings).',
  },
};

/** One rule per error kind; the Record type makes a new kind a compile error until it has a rule. */
const FINDING_RULES: Record<CxoneErrorKind, FindingRule> = {
  unauthorized: {
    code: 'UNAUTHORIZED',
    title: 'CXone refused the access token (401)',
    detail: ({ ctx, where }) =>
      `${where}${ctx.unauthorizedHint ? ` ${ctx.unauthorizedHint}` : ''} A 401 means the token is expired, revoked, malformed, or was issued for another tenant or area than this API host.`,
    fix: {
      cli: 'Get a fresh access token (sign in again, or use --sign-in) and make sure the API host is the one discovered for the token\'s tenant.',
      app: 'Sign in again (tray menu or Settings → Connection), and make sure an API endpoint override in Settings, if any, is the host discovered for your tenant.',
    },
  },
  forbidden: {
    code: 'FORBIDDEN',
    title: 'CXone refused access to the data (403)',
    detail: ({ where }) => `${where} The token is valid, but the signed-in CXone user may not see this business unit or these agents.`,
    fix: `Ask a CXone administrator to check the user's security profile (permission to view agent states) and data-access restrictions (teams and business unit). ${SCOPES_FACT}`,
  },
  conflict: {
    code: 'BUSINESS_UNIT_CONFLICT',
    title: 'CXone reported a business-unit conflict (409)',
    detail: ({ where }) =>
      `${where} CXone answers 409 when the business-unit trust check fails: the token's business unit does not match the data asked for.`,
    fix: 'Sign in with a user of the business unit you want to see, or ask for the business-unit trust to be configured (reqBUIds).',
  },
  'rate-limited': {
    code: 'RATE_LIMITED',
    title: 'CXone asked to slow down (429)',
    detail: ({ err, where }) => `${where}${retryAfter(err)} Too many requests for this tenant right now; the check could not finish.`,
    fix: 'Wait and run the doctor again; poll every 5–15 s at most and back off on 429.',
  },
  unavailable: {
    code: 'SERVICE_UNAVAILABLE',
    title: (err) => `CXone is unavailable (${status(err)})`,
    detail: ({ err, where }) => `${where}${retryAfter(err)} The API host answered with a server error; this is on CXone's side.`,
    fix: 'Try again in a minute; if it lasts, check the CXone status page for your area.',
  },
  timeout: NETWORK_RULE,
  network: NETWORK_RULE,
  malformed: {
    code: 'UNEXPECTED_RESPONSE',
    title: 'CXone answered with data the doctor cannot read',
    detail: ({ err, ctx }) =>
      `${ctx.call}: ${err.message}${err.path ? ` Where: ${err.path}.` : ''}${err.excerpt ? ` Excerpt: ${err.excerpt}` : ''}`,
    fix: {
      cli: 'Check --api-version (default v34.0) and that the API endpoint is a CXone API host.',
      app: 'Check the API version in Settings (default v34.0) and that the API endpoint override, if any, is a CXone API host.',
    },
  },
  'bad-request': {
    code: 'BAD_REQUEST',
    title: (err) => `CXone rejected the request as invalid (${status(err)})`,
    detail: ({ where }) => `${where} A parameter was not accepted (updatedSince must be ISO 8601; fields must be property names).`,
    fix: 'Fix the parameter CXone names, or run the query without it.',
  },
  'not-found': {
    code: 'API_PATH_NOT_FOUND',
    title: 'The API path does not exist on this host (404)',
    detail: ({ where }) => `${where} The host answered, but not as a CXone API of this version.`,
    fix: {
      cli: 'Check --api-endpoint (it is the host only, e.g. https://api-na1.niceincontact.com) and --api-version.',
      app: 'Check the API version and any API endpoint override in Settings (the host only, e.g. https://api-na1.niceincontact.com).',
    },
  },
  'invalid-url': {
    code: 'URL_NOT_ALLOWED',
    title: 'The address is not allowed',
    detail: ({ err, ctx }) => `${ctx.call}: ${err.message}`,
    fix: 'Use an https URL (plain http only for 127.0.0.1, localhost or [::1]).',
  },
};

/**
 * The finding for a failed call: a CxoneError by its kind (see FINDING_RULES), anything else as
 * UNEXPECTED_RESPONSE with the error's text. Always severity 'error'; never throws.
 */
export function findingForError(err: unknown, ctx: CallContext): Finding {
  if (!(err instanceof CxoneError)) {
    const msg = errorText(err);
    return finding('UNEXPECTED_RESPONSE', 'error', `${ctx.call} failed unexpectedly`, `${ctx.call}: ${msg}`);
  }
  const rule = FINDING_RULES[err.kind];
  const title = typeof rule.title === 'string' ? rule.title : rule.title(err);
  const where = `${ctx.call} → ${status(err)}.${said(err)}`;
  return finding(rule.code, 'error', title, rule.detail({ err, ctx, where }), adviceFor(rule.fix, ctx.context));
}
