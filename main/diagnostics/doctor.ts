// The doctor: ordered checks that explain why agents/states looks empty (CXONE-API.md §4). Each step
// adds findings with evidence; a step that makes the rest meaningless (no token, no API host, the list
// call refused) ends the run. The report is redacted before it leaves: no token, ever.
import { agoWords, formatDuration } from '../time-words';
import { createCxoneClient, type CxoneClient, type LeftOutItems, type RawResponse } from '../cxone/client';
import { DEFAULT_API_VERSION, apiBaseUrl, discoverCxoneConfiguration } from '../cxone/discovery';
import { CxoneError, kindForStatus, sentenceFor } from '../cxone/errors';
import { agentStatesEnvelope } from '../cxone/agent-states';
import { camelItem } from '../cxone/lenient';
import { parseServerTime } from '../cxone/server-time';
import { CATEGORY_LABELS, displayName, type AgentState, type StateCategory } from '../cxone/model';
import type { Clock, FetchLike } from '../ports';
import { systemClock } from '../ports';
import { checkServiceUrl } from '../net/url-policy';
import { SCOPES_FACT, adviceFor, finding, findingForError, type Advice } from './api-findings';
import { notACxoneApiHost } from './api-host';
import type { DoctorReport, Finding } from './finding';
import { decodeJwt, isExpired, readClaims, type TokenClaims } from './jwt';
import { redactReport } from './report';
import { checkSkillActivity } from './skill-check';
import { errorText } from '../auth/errors';
import { count } from '../words';

/** The app's own watch scope (main/monitor/watch-scope.ts), so the doctor can say when it hides an agent. */
export interface AppFilter {
  /** e.g. 'watch scope "my team" (Support Tier 1)'. */
  describe: string;
  /** Why the app hides this agent (a sentence), or null when it shows it. */
  hiddenReason?(agent: AgentState): string | null;
  /** The simpler form: whether the app hides this agent. */
  hides?(agent: AgentState): boolean;
}

function hiddenBy(filter: AppFilter | undefined, agent: AgentState): string | null {
  if (!filter) return null;
  if (filter.hiddenReason) return filter.hiddenReason(agent);
  return filter.hides?.(agent) ? `the app's ${filter.describe} does not include this agent` : null;
}

/** Claims the app already holds from its validated id_token (it never hands out the token itself). */
export interface DoctorIdentity {
  issuer: string | null;
  tenantId: string | null;
  icAgentId: string | null;
  userId?: string | null;
}

export interface DoctorInput {
  accessToken?: string;
  /** Supplies iss, tenantId and icAgentId (the access token's iss may name an older host). */
  idToken?: string;
  /** Instead of an id token: the live session's identity claims. */
  identity?: DoctorIdentity | null;
  /** The built-in demo tenant: no sign-in, any bearer is accepted; token checks are skipped. */
  demo?: boolean;
  /** Who asks: the command line (default; advice names its flags) or the app (advice names its controls). */
  context?: 'cli' | 'app';
  /** Overrides the tokens' iss for discovery. */
  issuer?: string;
  /** `https://api-….niceincontact.com`: skips the need for discovery; compared with it when possible. */
  apiEndpoint?: string;
  apiVersion?: string;
  /** Numeric agent id, or a user UUID (reported as AGENT_ID_IS_USER_UUID). */
  agentId?: string;
  /** The user's own delta query, reproduced. */
  updatedSince?: string;
  fields?: string[];
  top?: number;
  skip?: number;
  appFilter?: AppFilter;
  fetch?: FetchLike;
  clock?: Clock;
  /** Per request; default 10 s. */
  timeoutMs?: number;
  /** The app's live session: called for the token instead of accessToken. */
  getAccessToken?: () => Promise<string>;
  /** Called on a 401 with the refused token, before the client retries once (the app refreshes its session here). */
  onUnauthorized?: (refusedToken: string) => void | Promise<void>;
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** Properties without which a client cannot show an agent's state at all. */
const ESSENTIAL_FIELDS = ['agentId'] as const;
const STATE_FIELDS = ['agentStateId', 'agentStateName'] as const;
/** Properties a state list needs to be readable (who, which break code, since when). */
const DISPLAY_FIELDS = ['firstName', 'lastName', 'outStateDescription', 'isACW', 'startDate'] as const;

interface Snapshot {
  states: AgentState[];
  /** The first page as a client that does not follow paging would see it. */
  firstPage: AgentState[];
  totalRecords: number | null;
  pages: number;
  status: number;
  lastPollTime: string | null;
  /** Items CXone sent that could not be read (left out), and why the first could not. */
  leftOut: LeftOutItems | null;
  /** Why the full list is not known to be whole (null when it is). */
  incomplete: string | null;
}

/** The user's own query (updatedSince/fields/top/skip), read raw so narrow fields are evidence, not a crash. */
interface UserQuery {
  path: string;
  raw: RawResponse;
  items: Record<string, unknown>[];
  totalRecords: number | null;
}

interface Run {
  findings: Finding[];
  /** Exact token strings seen, cut out of the report on the way out. */
  secrets: Set<string>;
  agent?: Record<string, unknown>;
}

/** Never throws: a failure the checks did not foresee becomes a finding too. */
export async function runDoctor(input: DoctorInput): Promise<DoctorReport> {
  const run: Run = { findings: [], secrets: new Set() };
  try {
    await diagnose(input, run);
  } catch (err) {
    run.findings.push(findingForError(err, { call: 'The doctor', context: input.context }));
  }
  const { findings, agent } = run;
  return redactReport({ ok: !findings.some((f) => f.severity === 'error'), findings, ...(agent ? { agent } : {}) }, [...run.secrets]);
}

/** What the token checks learned: the bearer to send and the tenant facts from the claims. */
interface TokenFacts {
  token: string;
  now: number;
  issuer: string | null;
  tenantId: string | null;
  icAgentId: string | null;
  /** Some claims could be read (a token or the session's identity). */
  claimsKnown: boolean;
  /** Where the user's own claims came from: a readable id token, the session's identity, or neither. */
  identityFrom: 'id token' | 'session' | null;
  /** For a 401: the access token's exp passed this long ago. */
  expiredHint: string | undefined;
}

async function diagnose(input: DoctorInput, run: Run): Promise<void> {
  const clock = input.clock ?? systemClock;
  const facts = await checkToken(input, run, clock);
  if (!facts) return;
  const endpoint = await findApiHost(input, run, facts, clock);
  if (!endpoint) return;
  await checkQueries(input, run, facts, endpoint, clock);
  run.findings.push(await checkSkillActivity(doctorClient(input, run, facts, endpoint, clock), input.context));
}

/** The client every API check uses: the token (or the app's session), the version, a short timeout. */
function doctorClient(input: DoctorInput, run: Run, facts: TokenFacts, endpoint: string, clock: Clock): CxoneClient {
  const apiVersion = input.apiVersion?.trim() || DEFAULT_API_VERSION;
  return createCxoneClient({
    baseUrl: apiBaseUrl(endpoint, apiVersion),
    getAccessToken: async () => {
      if (!input.getAccessToken || input.accessToken) return facts.token;
      const t = await input.getAccessToken();
      if (!input.demo) run.secrets.add(t);
      return t;
    },
    onUnauthorized: input.onUnauthorized ?? (() => {}),
    fetch: input.fetch,
    clock,
    timeoutMs: input.timeoutMs ?? 10_000,
  });
}

// ---- 1. The token ---------------------------------------------------------------------------------------

/**
 * The access token to ask CXone with (the demo's placeholder in demo mode), every token given added to
 * the run's secrets; null, with a TOKEN_MISSING finding, when there is none.
 */
async function tokenToUse(input: DoctorInput, run: Run): Promise<string | null> {
  const { findings, secrets } = run;
  let token = input.accessToken?.trim() || '';
  if (!token && input.getAccessToken) {
    try {
      token = (await input.getAccessToken()).trim();
    } catch (err) {
      findings.push(
        finding('TOKEN_MISSING', 'error', 'There is no access token', `The session could not give a token: ${errorText(err)}`, 'Sign in first.'),
      );
      return null;
    }
  }
  // The demo's placeholder bearer is no secret (and cutting a word like "demo" out of sentences would garble them).
  if (token && !input.demo) secrets.add(token);
  if (input.demo) {
    // A placeholder bearer (not a secret, so not redacted): the simulator accepts any.
    token ||= 'demo-tenant';
    findings.push(finding('DEMO_TENANT', 'info', 'Running against the built-in demo tenant', 'The demo tenant needs no sign-in: token checks are skipped and the simulated API answers like CXone.'));
  }
  if (input.accessToken) secrets.add(input.accessToken);
  if (input.idToken) secrets.add(input.idToken);
  if (token) return token;
  findings.push(
    input.context === 'app'
      ? finding(
          'TOKEN_MISSING',
          'error',
          'You are not signed in to CXone',
          'The app has no sign-in, so nothing can be asked of CXone.',
          'Sign in to your CXone tenant (tray menu or Settings → Connection), then run Diagnostics again — or try the demo tenant.',
        )
      : finding(
          'TOKEN_MISSING',
          'error',
          'There is no access token',
          'No token was given (--access-token or CXONE_ACCESS_TOKEN), so nothing can be asked of CXone.',
          'Pass the bearer token your code uses with --access-token (or set CXONE_ACCESS_TOKEN), or get one with --sign-in --client-id <id>. No CXone account at hand: --demo runs every check against the built-in demo tenant.',
        ),
  );
  return null;
}

/** The claims of the access token (none for the demo's placeholder) and of the id token; a TOKEN_NOT_JWT warning for each that cannot be read. */
function readTokens(token: string, input: DoctorInput, findings: Finding[]): { access: TokenClaims | null; id: TokenClaims | null } {
  const decoded = input.demo && !input.accessToken ? null : decodeJwt(token);
  let access: TokenClaims | null = null;
  if (decoded && !decoded.ok) {
    findings.push(
      finding(
        'TOKEN_NOT_JWT',
        'warning',
        'The access token is not a readable JWT',
        `The token cannot be decoded as a JWT: ${decoded.reason}. The API may still accept it, but its tenant, issuer and expiry cannot be read here.`,
        input.apiEndpoint
          ? 'Pass --id-token (for tenantId and icAgentId) so the doctor can check the agent id.'
          : 'Pass --id-token (for iss, tenantId, icAgentId) or --issuer/--api-endpoint so the doctor can find the API host.',
      ),
    );
  } else if (decoded) {
    access = readClaims(decoded.claims);
  }
  if (!input.idToken) return { access, id: null };
  const id = decodeJwt(input.idToken);
  if (id.ok) return { access, id: readClaims(id.claims) };
  findings.push(
    finding('TOKEN_NOT_JWT', 'warning', 'The id token is not a readable JWT', `The id token cannot be decoded as a JWT: ${id.reason}. Its claims (iss, tenantId, icAgentId) are not used.`, 'Pass the id_token from the same sign-in as the access token.'),
  );
  return { access, id: null };
}

/** TOKEN_EXPIRED (returning the words a later 401 repeats) or TOKEN_VALID with the claims it shows. */
function checkExpiry(access: TokenClaims, now: number, findings: Finding[]): string | undefined {
  const exp = access.exp;
  if (exp !== null && isExpired(exp, now)) {
    const ago = formatDuration(now - exp * 1000);
    findings.push(
      finding(
        'TOKEN_EXPIRED',
        'error',
        'The access token has expired',
        `exp is ${new Date(exp * 1000).toISOString()}, ${ago} before this machine's clock (${new Date(now).toISOString()}); 60 s of clock skew is allowed. CXone access tokens live 3600 s.`,
        'Refresh the token (refresh_token grant) or sign in again; refresh before expiry, not after a 401.',
      ),
    );
    return `The token's exp (${new Date(exp * 1000).toISOString()}) passed ${ago} ago.`;
  }
  const facts = [
    access.tenantId ? `tenantId ${access.tenantId}` : null,
    access.iss ? `iss ${access.iss}` : null,
    access.icBUId !== null ? `icBUId ${access.icBUId}` : null,
    exp !== null ? `expires ${new Date(exp * 1000).toISOString()} (in ${formatDuration(exp * 1000 - now)})` : 'no exp claim',
  ].filter(Boolean);
  findings.push(finding('TOKEN_VALID', 'ok', 'The access token is a readable, unexpired JWT', `Claims: ${facts.join(', ')}.`));
  return undefined;
}

/** The token and its claims; null when there is none (nothing can be asked of CXone then). */
async function checkToken(input: DoctorInput, run: Run, clock: Clock): Promise<TokenFacts | null> {
  const { findings } = run;
  const token = await tokenToUse(input, run);
  if (token === null) return null;

  const now = clock.now();
  const { access: accessClaims, id: idClaims } = readTokens(token, input, findings);
  // The user's own claims: the id token's first, then the session's identity, then the access token's.
  const ident = input.identity ?? undefined;
  const issuerClaim = idClaims?.iss ?? ident?.issuer ?? accessClaims?.iss ?? null;
  const issuer = input.issuer?.trim() || issuerClaim;
  const tenantId = idClaims?.tenantId ?? ident?.tenantId ?? accessClaims?.tenantId ?? null;
  const icAgentId = idClaims?.icAgentId ?? ident?.icAgentId ?? accessClaims?.icAgentId ?? null;
  const claimsKnown = accessClaims !== null || idClaims !== null || ident !== undefined;
  const expiredHint = accessClaims ? checkExpiry(accessClaims, now, findings) : undefined;

  const scopes = [...new Set([...(accessClaims?.scopes ?? []), ...(idClaims?.scopes ?? [])])];
  const odd = scopes.filter((s) => s !== 'openid');
  if (odd.length > 0) {
    findings.push(
      finding('SCOPES_IRRELEVANT', 'info', 'Scopes do not decide what agents/states returns', `The token lists the scopes ${scopes.map((s) => `"${s}"`).join(', ')}. ${SCOPES_FACT} What a token may see is the CXone user's security profile and team restrictions.`),
    );
  }

  if (claimsKnown && !tenantId) {
    findings.push(
      finding(
        'TOKEN_NO_TENANT',
        input.apiEndpoint ? 'warning' : 'error',
        'The token has no tenantId claim',
        `Without tenantId, the API host cannot be discovered (GET {iss}/.well-known/cxone-configuration?tenantId=…).${input.apiEndpoint ? ' The given --api-endpoint is used unchecked.' : ''}`,
        `Use a CXone access token or pass --id-token from the same sign-in${input.apiEndpoint ? '.' : '; or give the host with --api-endpoint.'}`,
      ),
    );
  }
  return { token, now, issuer, tenantId, icAgentId, claimsKnown, identityFrom: idClaims ? 'id token' : ident ? 'session' : null, expiredHint };
}

// ---- 2. The API host ------------------------------------------------------------------------------------

/** The API host to ask: the one given (no discovery then) or the tenant's discovered one; null ends the run. */
async function findApiHost(input: DoctorInput, run: Run, facts: TokenFacts, clock: Clock): Promise<string | null> {
  const { findings } = run;
  const { issuer, tenantId, claimsKnown } = facts;
  if (input.apiEndpoint) return givenApiHost(input, input.apiEndpoint, findings);
  if (issuer && tenantId) return discoveredApiHost(input, issuer, tenantId, findings, clock);
  if (claimsKnown && tenantId && !issuer) {
    findings.push(
      finding('DISCOVERY_FAILED', 'error', 'API discovery is impossible: no issuer', 'Neither token carries an iss claim and no --issuer was given.', 'Pass --issuer (e.g. https://cxone.niceincontact.com) or --api-endpoint.'),
    );
  } else if (!claimsKnown) {
    findings.push(
      finding('DISCOVERY_FAILED', 'error', 'The API host is unknown', 'The token cannot be read and no --api-endpoint was given, so there is no host to ask.', 'Pass --api-endpoint, or --id-token with --issuer.'),
    );
  }
  return null;
}

/** The host given (--api-endpoint, the Settings override, the demo's own), checked to be allowed and CXone's; null when not. */
function givenApiHost(input: DoctorInput, given: string, findings: Finding[]): string | null {
  const c = checkServiceUrl(given.trim(), 'API endpoint');
  if (!c.ok) {
    findings.push(finding('URL_NOT_ALLOWED', 'error', 'The API endpoint is not allowed', c.reason, 'Use an https URL (plain http only for 127.0.0.1, localhost or [::1]).'));
    return null;
  }
  const notCxone = notACxoneApiHost(c.url);
  if (notCxone) {
    findings.push(finding('API_HOST_NOT_CXONE', 'error', notCxone.title, notCxone.detail, notCxone.fix));
    return null;
  }
  const apiEndpoint = c.url.origin + c.url.pathname.replace(/\/+$/, '');
  // The host was given: discovery would only second-guess it (and fail where there is no issuer to ask).
  const source = input.demo ? "The demo tenant's own host is used" : `The host was given with ${input.context === 'app' ? 'the API endpoint override in Settings' : '--api-endpoint'}`;
  findings.push(finding('API_HOST_FOUND', 'ok', `Using the given API host ${apiEndpoint}`, `${source}, so API discovery was skipped.`));
  return apiEndpoint;
}

const DISCOVERY_UNKNOWN_TENANT: Advice = {
  cli: "The issuer does not know this tenant: use the id_token's iss (--id-token or --issuer), not an older host from the access token.",
  app: 'The issuer does not know this tenant: check the sign-in issuer in Settings → Connection, then sign in again.',
};
const DISCOVERY_UNREACHABLE: Advice = {
  cli: 'Check the issuer URL (--issuer) and the network, or give the API host with --api-endpoint.',
  app: 'Check the network and the sign-in issuer in Settings → Connection, or give the API host with the API endpoint override in Settings.',
};

/** The tenant's API host from the issuer's cxone-configuration; null (and DISCOVERY_FAILED) when that fails. */
async function discoveredApiHost(input: DoctorInput, issuer: string, tenantId: string, findings: Finding[], clock: Clock): Promise<string | null> {
  try {
    const config = await discoverCxoneConfiguration({ issuer, tenantId, fetch: input.fetch, clock, timeoutMs: input.timeoutMs ?? 10_000 });
    findings.push(
      finding(
        'API_HOST_FOUND',
        'ok',
        `The tenant's API host is ${config.apiEndpoint}`,
        `Discovered from ${issuer}/.well-known/cxone-configuration for tenant ${tenantId}${config.area ? ` (area ${config.area})` : ''}${input.issuer ? ' (issuer given with --issuer)' : ''}.`,
      ),
    );
    return config.apiEndpoint;
  } catch (err) {
    const e = err instanceof CxoneError ? err : null;
    findings.push(
      finding(
        'DISCOVERY_FAILED',
        'error',
        'API discovery failed',
        `GET ${issuer}/.well-known/cxone-configuration?tenantId=${tenantId} → ${e?.status ? `HTTP ${e.status}` : 'no usable answer'}: ${e ? e.message : String(err)}`,
        adviceFor(e?.kind === 'not-found' ? DISCOVERY_UNKNOWN_TENANT : DISCOVERY_UNREACHABLE, input.context),
      ),
    );
    return null;
  }
}

// ---- 3–7. The queries: the full list, the agent, the user's own query, the app's filter ---------------

async function checkQueries(input: DoctorInput, run: Run, facts: TokenFacts, endpoint: string, clock: Clock): Promise<void> {
  const { findings } = run;
  const client = doctorClient(input, run, facts, endpoint, clock);
  const fail = (err: unknown, call: string) => findings.push(findingForError(err, { call, unauthorizedHint: facts.expiredHint, context: input.context }));

  // ---- 3. The full list: what this user can see at all --------------------------------------------
  const snapshot = await readFullList(client, input, findings, fail);
  if (!snapshot) return;

  // ---- 4. Which agent --------------------------------------------------------------------------------
  const { agentIdText, idSource } = agentToLookFor(input, facts);
  let userQuery: UserQuery | null = null;
  const wantsUserQuery = input.updatedSince !== undefined || input.fields !== undefined || input.top !== undefined || input.skip !== undefined;
  if (wantsUserQuery) {
    try {
      userQuery = await runUserQuery(client, input);
    } catch (err) {
      fail(err, `GET ${shownPath(userQueryPath(input))}`);
    }
  }
  if (!agentIdText) {
    findings.push(noAgentFinding(snapshot, facts, input));
    listFindings(findings, snapshot, userQuery, input);
    return;
  }
  const numericId = await resolveAgentId(client, agentIdText, idSource ?? 'the agent id', findings, fail);
  if (numericId === null) {
    listFindings(findings, snapshot, userQuery, input, true);
    return;
  }
  await checkOneAgent({ client, input, run, now: facts.now, fail }, snapshot, numericId, userQuery);
}

/** Step 3: the full list (readFindings on it), or null when it cannot be read (the failure and any hopeless projection told). */
async function readFullList(client: CxoneClient, input: DoctorInput, findings: Finding[], fail: (err: unknown, call: string) => void): Promise<Snapshot | null> {
  let snapshot: Snapshot;
  try {
    snapshot = await fullSnapshot(client);
  } catch (err) {
    fail(err, 'GET agents/states (full list, no updatedSince)');
    // The fields check needs no API: still tell the user about a projection that cannot work.
    const narrow = fieldsFinding(input.fields, null);
    if (narrow) findings.push(narrow);
    return null;
  }
  readFindings(findings, snapshot);
  return snapshot;
}

/** Step 4: the agent id to look for (as given, else the id token's icAgentId) and where it came from. */
function agentToLookFor(input: DoctorInput, facts: TokenFacts): { agentIdText: string | null; idSource: string | null } {
  const given = input.agentId?.trim() || null;
  if (given) return { agentIdText: given, idSource: 'the agent id given' };
  return facts.icAgentId ? { agentIdText: facts.icAgentId, idSource: "the id token's icAgentId" } : { agentIdText: null, idSource: null };
}

/** Steps 5–7 for one agent: its record and state, the user's own query, paging and projection, the app's filter. */
async function checkOneAgent(
  ctx: { client: CxoneClient; input: DoctorInput; run: Run; now: number; fail: (err: unknown, call: string) => void },
  snapshot: Snapshot,
  numericId: number,
  userQuery: UserQuery | null,
): Promise<void> {
  const { client, input, run, now } = ctx;
  const { findings } = run;
  // ---- 5. The agent's record and state ------------------------------------------------------------
  const found = await checkAgent(client, numericId, snapshot, findings, ctx.fail, now);
  if (!found) return;
  const { listed, state } = found;
  if (state) run.agent = { ...state };

  // ---- 6. The user's own query, paging, projection -------------------------------------------------
  if (listed && snapshot.totalRecords !== null && snapshot.totalRecords > snapshot.firstPage.length && !snapshot.firstPage.some((s) => s.agentId === numericId)) {
    const index = snapshot.states.findIndex((s) => s.agentId === numericId);
    const size = snapshot.firstPage.length;
    findings.push(pagedOut(numericId, snapshot.totalRecords, size, Math.floor(index / Math.max(1, size)) + 1, 'the default query'));
  }
  if (userQuery) userQueryFindings(findings, userQuery, input, snapshot, numericId, now);
  else {
    const narrow = fieldsFinding(input.fields, null);
    if (narrow) findings.push(narrow);
  }

  // ---- 7. The app's own filter, then the healthy answer -------------------------------------------
  if (listed) findings.push(...visibleFindings(listed, input.appFilter, now));
}

// ---- steps ---------------------------------------------------------------------------------------------

/** NO_AGENT_ID, saying why there is no agent to look for (the demo, an identity without icAgentId, or nothing given). */
function noAgentFinding(snapshot: Snapshot, facts: TokenFacts, input: DoctorInput): Finding {
  const first = snapshot.states[0]?.agentId;
  // Where the id goes: the command line's flag, or the app's box ("Pass an agent id" named neither).
  const ask =
    input.context === 'app'
      ? `Enter an agent id${first === undefined ? '' : ` (e.g. ${first})`} in "Agent to look for" to ask about one agent.`
      : `Pass --agent-id ${first ?? '<numeric id>'} to ask about one agent.`;
  if (input.demo) {
    return finding('NO_AGENT_ID', 'info', 'No agent to look for', 'No agent id was given: reporting on the demo list as a whole.', ask);
  }
  if (facts.identityFrom) {
    return finding('NO_AGENT_ID', 'info', 'The signed-in user has no ACD agent id', `The ${facts.identityFrom === 'id token' ? 'id token' : "signed-in user's identity"} has no icAgentId claim (the user may have no ACD agent record) and no agent id was given: reporting on the list as a whole.`, ask);
  }
  return finding('NO_AGENT_ID', 'info', 'No agent to look for', 'No --agent-id and no id token with icAgentId: reporting on the list as a whole.', input.context === 'app' ? ask : 'Pass --agent-id <numeric id> (or --id-token) to ask about one agent.');
}

/**
 * The agent's record (AGENT_INACTIVE when inactive) and state: its item in the full list, else GET
 * agents/{id}/states; AGENT_LOGGED_OUT, or AGENT_NOT_IN_LIST for a state the list leaves out. Null when
 * the record cannot be read (its finding is pushed); `state` null when the state cannot be.
 */
async function checkAgent(
  client: CxoneClient,
  numericId: number,
  snapshot: Snapshot,
  findings: Finding[],
  fail: (err: unknown, call: string) => void,
  now: number,
): Promise<{ listed: AgentState | null; state: AgentState | null } | null> {
  let record;
  try {
    record = await client.getAgent(numericId);
  } catch (err) {
    if (err instanceof CxoneError && err.kind === 'not-found') {
      findings.push(agentNotFound(numericId, err, snapshot));
    } else {
      fail(err, `GET agents/${numericId}`);
    }
    return null;
  }
  if (!record.isActive) {
    findings.push(
      finding('AGENT_INACTIVE', 'error', `Agent ${numericId} is inactive`, `GET agents/${numericId} → isActive: false (${displayName(record)}${record.teamName ? `, team ${record.teamName}` : ''}). An inactive agent cannot log in and has no live state.`, 'Ask a CXone administrator to reactivate the agent, or use the id of the active record.'),
    );
  }

  const listed = snapshot.states.find((s) => s.agentId === numericId) ?? null;
  let state = listed;
  if (!listed) {
    try {
      state = await client.getAgentState(numericId);
    } catch (err) {
      if (err instanceof CxoneError && err.kind === 'not-found') findings.push(agentNotFound(numericId, err, snapshot));
      else fail(err, `GET agents/${numericId}/states`);
    }
  }

  if (state) findings.push(...stateFindings(numericId, state, listed !== null, snapshot, now));
  return { listed, state };
}

/**
 * What the agent's state says: AGENT_LOGGED_OUT (whether or not the list names them), or
 * AGENT_NOT_IN_LIST for a state GET agents/{id}/states gave that the full list left out; else nothing.
 */
function stateFindings(numericId: number, state: AgentState, listed: boolean, snapshot: Snapshot, now: number): Finding[] {
  if (state.stateId === 0) {
    return [
      finding(
        'AGENT_LOGGED_OUT',
        'warning',
        `Agent ${numericId} is logged out`,
        `CXone reports ${describeState(state, now)}.${listed ? ' agents/states lists the agent as LoggedOut.' : ' agents/states leaves logged-out agents off this list.'} A logged-out agent has no live state to show.`,
        'The agent must log in to the ACD (agent application); signing in to CXone alone is not an ACD login.',
      ),
    ];
  }
  if (!listed) {
    return [
      finding(
        'AGENT_NOT_IN_LIST',
        'error',
        `Agent ${numericId} has a state but is not in agents/states`,
        `GET agents/${numericId}/states → ${describeState(state, now)}, but GET agents/states (${count(snapshot.states.length, 'agent')}${snapshot.pages > 1 ? `, ${snapshot.pages} pages followed` : ''}) does not list them${state.businessUnitId !== null ? `; the agent's business unit is ${state.businessUnitId}` : ''}.`,
        `The signed-in user's data-access restrictions (teams) or business unit hide this agent: ask a CXone administrator, or pass reqBUIds for another business unit. ${SCOPES_FACT}`,
      ),
    ];
  }
  return [];
}

/** For an agent the list shows: HIDDEN_BY_APP_FILTER when the app's own filter hides it, then AGENT_VISIBLE. */
function visibleFindings(listed: AgentState, appFilter: DoctorInput['appFilter'], now: number): Finding[] {
  const out: Finding[] = [];
  const hiddenReason = hiddenBy(appFilter, listed);
  if (hiddenReason && appFilter) {
    out.push(
      finding('HIDDEN_BY_APP_FILTER', 'warning', `The app's ${appFilter.describe} hides agent ${listed.agentId}`, `CXone lists ${describeState(listed, now)}, but ${hiddenReason}.`, 'Change the watch scope or filters in the app to include this agent.'),
    );
  }
  out.push(finding('AGENT_VISIBLE', 'ok', `Agent ${listed.agentId} is in agents/states: ${stateWords(listed)}`, `GET agents/states lists ${describeState(listed, now)}.`));
  return out;
}


async function fullSnapshot(client: CxoneClient): Promise<Snapshot> {
  const first = await client.getAgentStates({ followPages: false });
  if (first.kind === 'no-change') return { states: [], firstPage: [], totalRecords: 0, pages: 1, status: first.status, lastPollTime: first.lastPollTime, leftOut: null, incomplete: null };
  const paged = first.totalRecords !== null && first.totalRecords > first.states.length + (first.leftOut?.count ?? 0);
  const all = paged ? await client.getAgentStates() : first;
  const whole = all.kind === 'changes' ? all : first;
  return {
    states: whole.states,
    firstPage: first.states,
    totalRecords: first.totalRecords,
    pages: whole.pages,
    status: 200,
    lastPollTime: first.lastPollTime,
    leftOut: whole.leftOut ?? null,
    incomplete: whole.complete === false && !whole.leftOut ? (whole.incompleteReason ?? 'CXone did not send the whole list.') : null,
  };
}

/** What the tolerant read could not use: items left out, or a list shorter than CXone said. */
function readFindings(findings: Finding[], snapshot: Snapshot): void {
  const lost = snapshot.leftOut;
  if (lost) {
    findings.push(
      finding(
        'ITEMS_LEFT_OUT',
        'warning',
        `${count(lost.count, 'item')} of agents/states could not be read`,
        `GET agents/states: ${lost.count} item${lost.count === 1 ? ' was' : 's were'} left out, every other agent was read. The first one: ${lost.firstReason}.`,
        'Check the fields parameter and any proxy that rewrites answers; if CXone itself sends these items, report them to NICE support with the reason above.',
      ),
    );
  }
  if (snapshot.incomplete) {
    findings.push(
      finding('LIST_INCOMPLETE', 'warning', 'agents/states did not send the whole list', `${snapshot.incomplete} Agents missing from it are not known to be logged out.`, 'Run the check again; if it lasts, compare totalRecords with the pages CXone sends.'),
    );
  }
}

function userQueryPath(input: DoctorInput): string {
  const p = new URLSearchParams();
  if (input.updatedSince !== undefined) p.set('updatedSince', input.updatedSince);
  if (input.fields !== undefined) p.set('fields', input.fields.join(','));
  if (input.top !== undefined) p.set('top', String(input.top));
  if (input.skip !== undefined) p.set('skip', String(input.skip));
  const qs = p.toString();
  return qs ? `agents/states?${qs}` : 'agents/states';
}

/** The query as a person wrote it (no percent-encoding), for the evidence. */
const shownPath = (path: string) => decodeURIComponent(path);

const isRecord = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

async function runUserQuery(client: CxoneClient, input: DoctorInput): Promise<UserQuery> {
  const path = userQueryPath(input);
  const raw = await client.getRaw(path);
  if (raw.status >= 400 || (raw.status >= 300 && raw.status !== 304)) {
    const kind = kindForStatus(raw.status);
    throw new CxoneError({
      kind,
      status: raw.status,
      statusDescription: raw.statusDescription,
      endpoint: new URL(raw.url).pathname,
      message: `${sentenceFor(kind)} (HTTP ${raw.status})`,
    });
  }
  // Read as the app reads a page (every spelling of the envelope, a count sent as text), so the doctor
  // never judges the user's answer by other rules than the app's.
  const envelope = isRecord(raw.json) ? agentStatesEnvelope(raw.json) : null;
  if (raw.status === 200 && raw.bodyText.trim() !== '' && !Array.isArray(envelope?.list)) {
    throw new CxoneError({ kind: 'malformed', status: 200, endpoint: new URL(raw.url).pathname, excerpt: raw.bodyText.slice(0, 80), message: `CXone answered ${path} without an agentStates list.` });
  }
  const items = Array.isArray(envelope?.list) ? envelope.list.filter(isRecord) : [];
  return { path, raw, items, totalRecords: envelope?.totalRecords ?? null };
}

function answerWords(q: UserQuery): string {
  if (q.raw.status === 204) return 'HTTP 204 No Content';
  if (q.raw.status === 304) return 'HTTP 304 Not Modified';
  return `HTTP 200 with ${count(q.items.length, 'item')}${q.totalRecords !== null ? ` (totalRecords ${q.totalRecords})` : ''}`;
}

/** agentId as the raw item carries it (a number, or a numeric string; `AgentId` in the PascalCase items of old versions). */
function itemAgentId(o: Record<string, unknown>): number | null {
  const id = camelItem(o, 'agentId', 'AgentId').agentId;
  return typeof id === 'number' ? id : typeof id === 'string' && /^\d+$/.test(id) ? Number(id) : null;
}

function userQueryFindings(findings: Finding[], q: UserQuery, input: DoctorInput, snapshot: Snapshot, agentId: number, now: number): void {
  const listed = snapshot.states.find((s) => s.agentId === agentId) ?? null;
  // Missing from the answer only when every item names its agent: items without a readable agentId (a
  // fields list without it) may hold this agent, so they are no evidence of "no change" or of paging.
  const ids = q.items.map(itemAgentId);
  const missing = !ids.includes(agentId) && !ids.includes(null);
  // An answer that holds fewer items than its totalRecords may list the agent on a later page: no evidence of "no change".
  const morePages = q.totalRecords !== null && q.totalRecords > q.items.length;
  if (input.updatedSince !== undefined && missing && listed && !morePages) {
    const since = parseServerTime(input.updatedSince);
    const changed = listed.lastUpdateTime ?? listed.startDate;
    const changedAt = parseServerTime(changed);
    const before = since !== undefined && changedAt !== undefined && changedAt <= since;
    findings.push(
      finding(
        'NO_CHANGE_SINCE',
        'info',
        `No change since ${input.updatedSince}: normal, agent ${agentId} is still ${stateWords(listed)}`,
        `GET ${shownPath(q.path)} → ${answerWords(q)}${q.items.length ? ' without this agent' : ''}. Without updatedSince, agents/states lists ${describeState(listed, now)}${
          before ? `; that change happened before ${input.updatedSince}` : changed ? `; its last change (${changed}) is not before updatedSince by the server's clock` : ''
        }. With updatedSince, CXone returns only agents whose state changed after that instant, so an empty answer (200 [], 204 or 304) means "no change", not "nobody".`,
        "Take one full snapshot without updatedSince, then pass each answer's lastPollTime (the server's clock) as the next updatedSince and merge the changes into the snapshot.",
      ),
    );
  }
  if (input.top !== undefined && missing && listed && q.totalRecords !== null && morePages && !findings.some((f) => f.code === 'PAGED_OUT')) {
    const index = snapshot.states.findIndex((s) => s.agentId === agentId);
    findings.push(pagedOut(agentId, q.totalRecords, input.top, Math.floor(index / Math.max(1, input.top)) + 1, `top=${input.top}${input.skip !== undefined ? `&skip=${input.skip}` : ''}`));
  }
  const narrow = fieldsFinding(input.fields, q);
  if (narrow) findings.push(narrow);
}

function pagedOut(agentId: number, total: number, pageSize: number, page: number, query: string): Finding {
  return finding(
    'PAGED_OUT',
    'warning',
    `Agent ${agentId} is only on page ${page} of agents/states`,
    `With ${query}, a page holds ${pageSize} agents but totalRecords is ${total}; agent ${agentId} is on page ${page}. A client that reads only the first page never sees this agent.`,
    'Follow _links.next (or raise skip by top) until totalRecords agents are read.',
  );
}

/** Static check of a `fields` projection, with the keys the server actually sent as evidence. */
function fieldsFinding(fields: string[] | undefined, q: UserQuery | null): Finding | null {
  if (!fields) return null;
  const have = new Set(fields.map((f) => f.trim()).filter(Boolean));
  const missingEssential = [...ESSENTIAL_FIELDS.filter((f) => !have.has(f)), ...(STATE_FIELDS.some((f) => have.has(f)) ? [] : [STATE_FIELDS.join(' or ')])];
  const missingDisplay = DISPLAY_FIELDS.filter((f) => !have.has(f));
  if (missingEssential.length === 0 && missingDisplay.length === 0) return null;
  const keys = q && q.items[0] ? ` The first item of the answer carries only: ${Object.keys(q.items[0]).join(', ') || '(nothing)'}.` : '';
  const list = `fields=${[...have].join(',') || '(empty)'}`;
  if (missingEssential.length > 0) {
    return finding(
      'FIELDS_TOO_NARROW',
      'error',
      'The fields list leaves out what is needed to show a state',
      `${list} omits ${missingEssential.join(', ')}: without them an item cannot be matched to an agent or a state.${keys}`,
      `Add ${missingEssential.join(', ')} to fields (and ${DISPLAY_FIELDS.join(', ')} to show names, break codes and time in state), or drop fields.`,
    );
  }
  return finding(
    'FIELDS_TOO_NARROW',
    'warning',
    'The fields list leaves out properties a state list shows',
    `${list} omits ${missingDisplay.join(', ')}: states can be matched, but names, break codes or time in state will be blank.${keys}`,
    `Add ${missingDisplay.join(', ')} to fields, or drop fields.`,
  );
}

async function resolveAgentId(
  client: CxoneClient,
  given: string,
  source: string,
  findings: Finding[],
  fail: (err: unknown, call: string) => void,
): Promise<number | null> {
  if (/^\d+$/.test(given)) return Number(given);
  const uuid = given.replace(/^user:/i, '');
  if (!UUID.test(uuid)) {
    findings.push(finding('AGENT_NOT_FOUND', 'error', `"${given}" is not an agent id`, `${source} is neither a numeric ACD agent id nor a user UUID.`, 'Use the numeric agent id (the id token\'s icAgentId).'));
    return null;
  }
  try {
    const info = await client.getAgent(uuid);
    findings.push(
      finding(
        'AGENT_ID_IS_USER_UUID',
        'warning',
        `${given} is a user UUID; the agent id is ${info.agentId}`,
        `${source} is a user UUID (sub/userId), but the state endpoints take the numeric ACD agent id. GET agents/${uuid} resolves it to agent ${info.agentId} (${displayName(info)}).`,
        `Use ${info.agentId} (the id token's icAgentId) in agents/{agentId}/states and when matching agents/states items.`,
      ),
    );
    return info.agentId;
  } catch (err) {
    if (err instanceof CxoneError && err.kind === 'not-found') {
      findings.push(
        finding('AGENT_ID_IS_USER_UUID', 'warning', `${given} is a user UUID, not an agent id`, `${source} is a user UUID (sub/userId); the state endpoints take the numeric ACD agent id.`, "Use the numeric agent id (the id token's icAgentId)."),
        finding('AGENT_NOT_FOUND', 'error', `No agent record for user ${uuid}`, `GET agents/${uuid} → HTTP ${err.status ?? 404}${err.statusDescription ? ` ("${err.statusDescription}")` : ''}: this user has no ACD agent record in the business unit.`, 'Ask a CXone administrator to give the user an agent record, or ask about another agent.'),
      );
    } else {
      fail(err, `GET agents/${uuid}`);
    }
    return null;
  }
}

function agentNotFound(agentId: number, err: CxoneError, snapshot: Snapshot): Finding {
  return finding(
    'AGENT_NOT_FOUND',
    'error',
    `CXone has no agent ${agentId}`,
    `GET ${err.endpoint ?? `agents/${agentId}`} → HTTP ${err.status ?? 404}${err.statusDescription ? ` ("${err.statusDescription}")` : ''}; agents/states (${count(snapshot.states.length, 'agent')}) does not list ${agentId} either.`,
    "Check the id: it is the numeric ACD agent id (icAgentId) of this business unit, not a user UUID or another tenant's id.",
  );
}

/** Findings when no single agent is asked about: counts, emptiness, paging, the delta query. */
function listFindings(findings: Finding[], snapshot: Snapshot, q: UserQuery | null, input: DoctorInput, partial = false): void {
  const n = snapshot.states.length;
  if (n === 0) {
    findings.push(
      finding(
        'LIST_EMPTY',
        'error',
        'agents/states lists no agents at all',
        `GET agents/states without updatedSince → ${snapshot.status === 200 ? 'HTTP 200 with 0 items' : `HTTP ${snapshot.status}`}. This user sees no agent of this business unit.`,
        `Check the business unit and API host (another area's host or BU shows nothing; use reqBUIds for another BU) and the user's data-access restrictions (teams). ${SCOPES_FACT}`,
      ),
    );
  } else if (!partial) {
    const counts = new Map<StateCategory, number>();
    for (const s of snapshot.states) counts.set(s.category, (counts.get(s.category) ?? 0) + 1);
    const words = [...counts].map(([c, k]) => `${k} ${CATEGORY_LABELS[c].toLowerCase()}`).join(', ');
    const paging = snapshot.pages > 1 ? ` The list spans ${snapshot.pages} pages (page size ${snapshot.firstPage.length}, totalRecords ${snapshot.totalRecords}): a client must follow _links.next.` : '';
    findings.push(finding('LIST_SUMMARY', 'ok', `agents/states lists ${count(n, 'agent')}`, `${words}.${paging}`));
    if (input.appFilter) {
      const hidden = snapshot.states.filter((s) => hiddenBy(input.appFilter, s) !== null).length;
      if (hidden > 0) {
        findings.push(
          finding('HIDDEN_BY_APP_FILTER', hidden === n ? 'warning' : 'info', `The app's ${input.appFilter.describe} hides ${hidden} of ${count(n, 'agent')}`, `CXone lists ${count(n, 'agent')}; the app shows ${n - hidden} of them.`, hidden === n ? 'Change the watch scope or filters in the app.' : undefined),
        );
      }
    }
  }
  if (q && input.updatedSince !== undefined && q.items.length === 0 && n > 0) {
    findings.push(
      finding(
        'NO_CHANGE_SINCE',
        'info',
        `No change since ${input.updatedSince}: normal`,
        `GET ${shownPath(q.path)} → ${answerWords(q)}, while the full list has ${count(n, 'agent')}. With updatedSince, CXone returns only agents whose state changed after that instant; an empty answer means "no change", not "nobody".`,
        "Take one full snapshot without updatedSince, then pass each answer's lastPollTime as the next updatedSince and merge.",
      ),
    );
  }
  const narrow = fieldsFinding(input.fields, q);
  if (narrow) findings.push(narrow);
}

// ---- words -------------------------------------------------------------------------------------------

function stateWords(s: AgentState): string {
  const code = s.outStateDescription ? ` (${s.outStateDescription})` : '';
  return `${s.stateName}${code}${s.isACW ? ', after-contact work' : ''}`;
}

function describeState(s: AgentState, now: number): string {
  const since = s.startDate ?? s.lastUpdateTime;
  const sinceMs = parseServerTime(since);
  const ago = sinceMs !== undefined ? ` (${agoWords(sinceMs, now)})` : '';
  return `agent ${s.agentId} (${displayName(s)}${s.teamName ? `, team ${s.teamName}` : ''}) as ${stateWords(s)}${since ? ` since ${since}${ago}` : ''}`;
}
