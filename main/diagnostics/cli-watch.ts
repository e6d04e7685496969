// `cxone-agent-tray watch`: the app's own poller and roster in a terminal. A full snapshot first
// (printed as baseline lines), then every change as it is seen — human lines or JSON lines.
import { formatDuration } from '../time-words';
import { createCxoneClient, type CxoneClient, type GetAgentStatesQuery } from '../cxone/client';
import { apiBaseUrl, resolveApiBase } from '../cxone/discovery';
import { isCxoneError } from '../cxone/errors';
import { displayName, type AgentState } from '../cxone/model';
import { createPoller } from '../monitor/poller';
import { createRoster } from '../monitor/roster';
import type { AgentChange } from '../monitor/status';
import { systemClock } from '../ports';
import type { CliOptions } from './cli-options';
import { UsageError } from './cli-options';
import type { CliIo, CliSession } from './cli-session';
import { redactString } from './report';
import { errorText } from '../auth/errors';
import { notACxoneApiHost } from './api-host';
import { decodeJwt, isExpired, readClaims } from './jwt';
import { runQueueWatch } from './cli-watch-queues';
import { reportingFailures, watchUntilFinished } from './cli-watch-loop';

function stateText(s: AgentState): string {
  const code = s.outStateDescription ? ` (${s.outStateDescription})` : '';
  return `${s.stateName}${code}${s.isACW ? ' [ACW]' : ''}`;
}

export function changeLine(c: AgentChange): string {
  const who = `${c.to.agentId}  ${displayName(c.to)}${c.to.teamName ? ` (${c.to.teamName})` : ''}`;
  const at = new Date(c.at).toISOString();
  return c.baseline || !c.from ? `${at}  ${who}  ${stateText(c.to)}` : `${at}  ${who}  ${stateText(c.from)} → ${stateText(c.to)}`;
}

/** Why a poll failed, in a sentence; a refused token that has expired is named as such. */
export function pollFailure(e: unknown, token: string | null, now: number): string {
  const text = isCxoneError(e) ? e.message : errorText(e);
  if (!isCxoneError(e) || e.kind !== 'unauthorized' || !token) return text;
  const decoded = decodeJwt(token);
  const exp = decoded.ok ? readClaims(decoded.claims).exp : null;
  if (exp === null || !isExpired(exp, now)) return text;
  return `${text} The access token expired at ${new Date(exp * 1000).toISOString()} (${formatDuration(now - exp * 1000)} ago): get a fresh one (sign in again, or use --sign-in).`;
}

/** The watched tenant: its API base, a client, and the token last sent (to explain a refusal). */
export interface WatchTarget {
  apiBase: string;
  client: CxoneClient;
  lastToken(): string | null;
}

/** Finds the API host and the token source for watch; a number is the exit code of a failure already said. */
async function openWatchTarget(options: CliOptions, session: CliSession, io: CliIo, err: (text: string) => void): Promise<WatchTarget | number> {
  const input = session.input;
  const apiVersion = options['api-version'];

  const givenHost = options['api-endpoint'] ? notACxoneApiHost(new URL(options['api-endpoint'].trim())) : null;
  if (givenHost) {
    err(`watch: ${givenHost.title}. ${givenHost.detail}\nFix: ${givenHost.fix}\n`);
    return 1;
  }

  let apiBase: string;
  if (session.demo && !options['api-endpoint']) apiBase = apiBaseUrl(session.demo.url, apiVersion);
  else if (options['api-endpoint']) apiBase = apiBaseUrl(options['api-endpoint'], apiVersion);
  else if (session.identity?.issuer && session.identity.tenantId) {
    try {
      apiBase = (await resolveApiBase({ issuer: session.identity.issuer, tenantId: session.identity.tenantId, tenant: { apiEndpointOverride: '', apiVersion }, fetch: io.fetch })).apiBase;
    } catch (e) {
      err(`API discovery failed: ${errorText(e)} Pass --api-endpoint, or run the doctor.\n`);
      return 1;
    }
  } else {
    throw new UsageError(
      'watch needs the API host: pass --api-endpoint, or a token (--access-token / --id-token) with iss and tenantId claims, or sign in with --sign-in --client-id <id>; --demo watches the built-in demo tenant.',
    );
  }

  let tokenSource: () => Promise<string>;
  if (input.accessToken) {
    const t = input.accessToken;
    tokenSource = async () => t;
  } else if (input.getAccessToken) tokenSource = input.getAccessToken;
  else if (input.demo) tokenSource = async () => 'demo-tenant';
  else throw new UsageError('watch needs a token: pass --access-token (or set CXONE_ACCESS_TOKEN), --sign-in, or --demo.');
  // The token last sent, so a refusal can be explained (an expired token says so).
  let lastToken: string | null = null;
  const getAccessToken = async () => (lastToken = await tokenSource());

  const client = createCxoneClient({ baseUrl: apiBase, getAccessToken, onUnauthorized: input.onUnauthorized ?? (() => {}), fetch: io.fetch });
  return { apiBase, client, lastToken: () => lastToken };
}

/**
 * The agent id `--agent-id` names: null for everyone, the number as given, or a user UUID (`user:` or
 * bare) mapped through GET agents/{uuid} — the state endpoints key agents by the numeric id, so a UUID
 * would match nobody. 'unknown' (after saying why on stderr) when the UUID maps to no agent.
 */
async function watchedAgentId(givenId: string | undefined, client: CxoneClient, err: (text: string) => void): Promise<number | null | 'unknown'> {
  if (!givenId) return null;
  if (/^\d+$/.test(givenId)) return Number(givenId);
  try {
    const { agentId } = await client.getAgent(givenId.replace(/^user:/i, ''));
    err(`${givenId} is a user UUID; watching its agent id ${agentId}.\n`);
    return agentId;
  } catch (e) {
    err(`watch: the user UUID ${givenId} could not be mapped to an agent id: ${errorText(e)}\n`);
    return 'unknown';
  }
}

export async function runWatch(options: CliOptions, session: CliSession, io: CliIo, secrets: readonly string[]): Promise<number> {
  const out = (text: string) => io.stdout(redactString(text, secrets));
  const err = (text: string) => io.stderr(redactString(text, secrets));
  const target = await openWatchTarget(options, session, io, err);
  if (typeof target === 'number') return target;
  if (options.queues) return runQueueWatch(options, target, out, err, io);
  const { apiBase, client } = target;
  let failedPoll: ((err: unknown) => void) | null = null;
  const source = { getAgentStates: reportingFailures((q?: GetAgentStatesQuery) => client.getAgentStates(q), (e) => failedPoll?.(e)) };
  const agentFilter = await watchedAgentId(options['agent-id'], client, err);
  if (agentFilter === 'unknown') return 1;
  const poller = createPoller({ source, clock: systemClock, intervalMs: (options.interval ?? 10) * 1000, fields: options.fields });
  const roster = createRoster();
  const maxPolls = options.polls ?? Infinity;
  let polls = 0;
  let lastError: unknown = null;

  err(`Watching ${new URL(apiBase).host} (agents/states every ${options.interval ?? 10} s${agentFilter !== null ? `, agent ${agentFilter}` : ''}); Ctrl+C to stop.\n`);
  return watchUntilFinished(poller, io, err, (finish, isDone) => {
    poller.onResult((result) => {
      const changes = roster.applyPollResult(result);
      for (const c of changes) {
        if (agentFilter !== null && c.agentId !== agentFilter) continue;
        out(options.json ? `${JSON.stringify({ type: 'change', ...c })}\n` : `${changeLine(c)}\n`);
      }
      // The first answer is the whole list: an agent it does not hold would leave watch silent with no word why.
      if (polls === 0 && agentFilter !== null && roster.get(agentFilter) === undefined) {
        err(`agents/states does not list agent ${agentFilter}, so there is nothing to show until it does; cxone-agent-tray doctor --agent-id ${agentFilter} says why.\n`);
      }
      if (++polls >= maxPolls) finish(0);
    });
    // A failed poll counts toward --polls too: an unreachable host must not keep watch running forever.
    failedPoll = (e) => {
      lastError = e;
      if (++polls >= maxPolls) finish(1, `watch stopped: the last poll (${polls} of ${maxPolls}) failed: ${pollFailure(e, target.lastToken(), Date.now())}\n`);
    };
    poller.onStatus((s) => {
      if (s.kind === 'error') {
        const why = lastError !== null ? pollFailure(lastError, target.lastToken(), Date.now()) : s.error.message;
        finish(1, `watch stopped: ${why}\n`);
      } else if (s.kind === 'backing-off' && !isDone()) {
        err(`${s.error.message} Retrying at ${new Date(s.nextAttemptAt).toISOString()}.\n`);
      }
    });
  });
}
