// Strict in what we send: every request the app makes to CXone names only parameters the v34 contract
// defines for that endpoint, with values of their type, format and enum, and every required one
// (test/harness/contract.ts requestFaults); a `fields` projection names only fields of the endpoint's
// items. First what the running app sends (the core on the demo tenant, on 127.0.0.1, its requests
// recorded as they leave), then the calls it makes only when signed in to CXone (one agent's states, the
// agent session, API discovery), through the client against answers in memory.
import { describe, expect, it } from 'vitest';
import { AGENT_STATE_FIELDS } from '../../main/cxone/agent-states';
import { createCxoneClient } from '../../main/cxone/client';
import { discoverCxoneConfiguration } from '../../main/cxone/discovery';
import type { FetchLike } from '../../main/ports';
import { contractKey, listItemProperties, requestFaults } from '../harness/contract';
import { corePerTest } from '../harness/core-per-test';
import { until } from '../harness/until';

const API = '/inContactAPI/services/v34.0';

interface Sent {
  method: string;
  url: string;
}

/** A fetch that notes each request as it leaves, then sends it on (or answers it with `answer`). */
function recording(sent: Sent[], answer?: (url: URL, method: string) => Response): FetchLike {
  return async (input, init) => {
    const method = init?.method ?? 'GET';
    sent.push({ method, url: String(input) });
    return answer ? answer(new URL(String(input)), method) : fetch(input, init);
  };
}

/** The request's faults against the contract, and a `fields` projection's names the endpoint's items do not have. */
function faultsOf({ method, url }: Sent): string[] {
  const u = new URL(url);
  const faults = requestFaults(method, u);
  const fields = u.searchParams.get('fields');
  if (fields) {
    // CXone matches field names without regard to case.
    const known = new Set(listItemProperties(contractKey(method, u.pathname)!).map((f) => f.toLowerCase()));
    for (const f of fields.split(',')) if (!known.has(f.trim().toLowerCase())) faults.push(`fields names ${f}, which ${u.pathname} items do not have`);
  }
  return faults;
}

const makeCore = corePerTest();

describe('what the running app sends to CXone honours the contract', () => {
  it('the agents and queues feeds (full lists, deltas, pages, the directory and the codes)', { timeout: 60_000 }, async () => {
    const sent: Sent[] = [];
    const { core } = makeCore({ fetch: recording(sent), settings: { mode: 'demo', demo: { agents: 40, seed: 5 } } });
    await core.start();
    await until('live agents', () => core.appState().monitor.kind === 'live');
    await until('queues read', () => sent.some((s) => s.url.includes('/skills/activity')));
    // Refresh now: the next polls are deltas on the server's lastPollTime.
    await core.handlers.refreshNow(undefined);
    await until('a delta of the agents', () => sent.some((s) => s.url.includes('/agents/states?') && new URL(s.url).searchParams.has('updatedSince')));
    const api = sent.filter((s) => new URL(s.url).pathname.startsWith(API));
    // skills/agents (who has which skill) is the Admin API's, outside the v34 subset.
    const inContract = api.filter((s) => !new URL(s.url).pathname.endsWith('/skills/agents'));
    expect(inContract.length).toBeGreaterThan(0);
    const keys = new Set(inContract.map((s) => contractKey(s.method, new URL(s.url).pathname)));
    expect([...keys].filter((k) => k === null)).toEqual([]);
    // What was sent covers each kind of request: full lists and deltas, a projection, a second page.
    const asked = (path: string, param: string) => inContract.some((s) => new URL(s.url).pathname === `${API}/${path}` && new URL(s.url).searchParams.has(param));
    expect(asked('agents/states', 'fields') && asked('agents/states', 'top') && asked('agents/states', 'updatedSince')).toBe(true);
    expect(asked('skills/activity', 'updatedSince')).toBe(true);
    expect(asked('unavailable-codes', 'skip')).toBe(true);
    expect([...keys].sort()).toEqual([`GET ${API}/agents`, `GET ${API}/agents/states`, `GET ${API}/skills/activity`, `GET ${API}/teams`, `GET ${API}/unavailable-codes`]);
    expect(inContract.map((s) => ({ request: `${s.method} ${s.url}`, faults: faultsOf(s) })).filter((r) => r.faults.length > 0)).toEqual([]);
  });
});

// ---- the calls made only when signed in to CXone ---------------------------------------------------------

/** A client whose requests are noted and answered in memory: a join with a session, an event poll with 304, any other GET with 204. */
function clientSending(sent: Sent[]) {
  return createCxoneClient({
    baseUrl: `https://api-na1.niceincontact.com${API}`,
    getAccessToken: async () => 'token',
    onUnauthorized: () => {},
    fetch: recording(sent, (u, method) => {
      if (method === 'POST') return Response.json({ sessionId: 'session-2' }, { status: 202 });
      if (u.pathname.endsWith('/get-next-event')) return new Response(null, { status: 304 });
      return new Response(null, { status: 204 });
    }),
  });
}

describe('what the app sends when signed in to CXone honours the contract', () => {
  it("one agent's states (the 'only me' poll), a team's codes, and every delta query the pollers build", async () => {
    const sent: Sent[] = [];
    const client = clientSending(sent);
    await client.getOneAgentState(40112233);
    await client.getTeamUnavailableCodes(77001);
    await client.getAgentStates({ updatedSince: '2025-01-15T14:05:02.317Z', fields: AGENT_STATE_FIELDS, top: 1000, skip: 2000 });
    await client.getSkillActivity({ updatedSince: '2025-01-15T14:05:02.317Z', top: 100, skip: 0 });
    await client.getAgents({ updateSince: '2025-01-15T14:05:02.317Z', top: 500, skip: 500 });
    expect(sent.map((s) => new URL(s.url).pathname.split('/v34.0/')[1])).toEqual(['agents/40112233/states', 'teams/77001/unavailable-codes', 'agents/states', 'skills/activity', 'agents']);
    expect(sent.map((s) => ({ request: `${s.method} ${s.url}`, faults: faultsOf(s) })).filter((r) => r.faults.length > 0)).toEqual([]);
  });

  it('the agent session: get-next-event with a whole timeout in 0..60; the join as NICE\'s SDK sends it', async () => {
    const sent: Sent[] = [];
    const client = clientSending(sent);
    for (const seconds of [0, 30, 29.6, 600, -5]) await client.getNextAgentEvent('session/1', seconds);
    expect(sent.map((s) => new URL(s.url).searchParams.get('timeout'))).toEqual(['0', '30', '30', '60', '0']);
    for (const s of sent) expect(faultsOf(s)).toEqual([]);
    // The one knowing departure: the spec lists asAgentId as a required query parameter, but any value
    // there names another agent (impersonation, audited as such): a self-join sends the SDK's body
    // {"asAgentId":""} and no query (main/cxone/agent-session-calls.ts). Nothing else may differ.
    await client.joinAgentSession();
    expect(faultsOf(sent.at(-1)!)).toEqual(['required query parameter asAgentId is missing']);
  });

  it("API discovery asks with the tenant's UUID and nothing else", async () => {
    const sent: Sent[] = [];
    await discoverCxoneConfiguration({
      issuer: 'https://cxone.niceincontact.com',
      tenantId: '11111111-2222-4333-8444-555555555555',
      fetch: recording(sent, () => Response.json({ api_endpoint: 'https://api-na1.niceincontact.com', private: false })),
    });
    expect(sent).toHaveLength(1);
    expect(faultsOf(sent[0]!)).toEqual([]);
  });

  it('the check itself finds what the contract does not allow (so the tests above can fail)', () => {
    const at = (path: string) => `https://api-na1.niceincontact.com${API}/${path}`;
    expect(faultsOf({ method: 'GET', url: at('agents/states?updatedsince=2025-01-15T14:05:02Z&top=1.5&fields=agentId,agentStatus') })).toEqual([
      'query parameter updatedsince is not defined for GET /inContactAPI/services/v34.0/agents/states',
      'query parameter top="1.5" is not an integer',
      'fields names agentStatus, which /inContactAPI/services/v34.0/agents/states items do not have',
    ]);
    expect(faultsOf({ method: 'GET', url: at('skills/activity?updatedSince=2025-01-15T14:05:02&IsOutbound=True&skip=1&skip=2') })).toEqual([
      'query parameter updatedSince="2025-01-15T14:05:02" is not an RFC 3339 date-time',
      'query parameter IsOutbound="True" is not true or false',
      'query parameter skip is sent twice',
    ]);
    expect(faultsOf({ method: 'GET', url: at('agents/8f14e45f-ceea-467f-a8b8-9b8e0b5a6f1c/states') })).toEqual(['path parameter agentId="8f14e45f-ceea-467f-a8b8-9b8e0b5a6f1c" is not an integer']);
    expect(faultsOf({ method: 'GET', url: at('agent-sessions/s1/get-next-event') })).toEqual(['required query parameter timeout is missing']);
    expect(faultsOf({ method: 'GET', url: 'https://cxone.niceincontact.com/.well-known/cxone-configuration?tenantId=4600' })).toEqual(['query parameter tenantId="4600" is not a UUID']);
  });
});
