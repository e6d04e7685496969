// The doctor engine in-process against a live simulator server on 127.0.0.1: every finding code is
// produced by a real HTTP answer (fault switches, shapes, no-change answers), never by a stub.
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { AgentState } from '../../main/cxone/model';
import { SENDS_WHEN_DROPPED } from '../../main/cxone/client';
import { runDoctor, type DoctorInput } from '../../main/diagnostics/doctor';
import { doctorReportSchema, FINDING_CODES, type DoctorReport, type Finding } from '../../main/diagnostics/finding';
import { formatReport } from '../../main/diagnostics/report';
import { createWatchFilter } from '../../main/monitor/watch-scope';
import { systemClock, type FetchLike } from '../../main/ports';
import { mintJwt, nowSeconds, startSimTenant, type SimTenant } from './helpers';

const codes = (r: DoctorReport) => r.findings.map((f) => f.code);
function get(r: DoctorReport, code: string): Finding {
  const f = r.findings.find((x) => x.code === code);
  if (!f) throw new Error(`no ${code} in ${codes(r).join(', ')}`);
  return f;
}

let t: SimTenant;
const run = async (input: DoctorInput): Promise<DoctorReport> => {
  const r = await runDoctor(input);
  // Every report the engine returns is valid against the published schema and uses known codes.
  doctorReportSchema.parse(r);
  for (const c of codes(r)) expect(FINDING_CODES as readonly string[]).toContain(c);
  return r;
};

beforeAll(async () => {
  t = await startSimTenant();
});
afterAll(async () => {
  await t.stop();
});
afterEach(() => {
  t.server.faults.clear();
  t.server.settings.noChange = '200-empty';
  t.server.settings.defaultPageSize = null;
  t.server.settings.acceptToken = (tok) => tok.length > 0;
});

describe('the original question: updatedSince, an empty answer, an agent who is logged in', () => {
  for (const answer of ['200-empty', '204', '304'] as const) {
    it(`answers NO_CHANGE_SINCE and shows the agent from the full snapshot (${answer})`, async () => {
      const agentId = t.pinAgent(0, 'Available');
      t.server.settings.noChange = answer;
      // "now": after the agent's last change, by the server's clock.
      const updatedSince = new Date(t.sim.now() + 1).toISOString();
      const r = await run({ accessToken: t.accessToken(), idToken: t.idToken(agentId), updatedSince });
      expect(r.ok).toBe(true);
      const f = get(r, 'NO_CHANGE_SINCE');
      expect(f.severity).toBe('info');
      expect(f.detail).toContain(answer === '204' ? 'HTTP 204' : answer === '304' ? 'HTTP 304' : 'HTTP 200 with 0 items');
      expect(f.detail).toContain(`agent ${agentId}`);
      // The other branch says "is not before updatedSince", so 'before' alone would pass either way.
      expect(f.detail).toContain(`that change happened before ${updatedSince}`);
      expect(f.fix).toContain('lastPollTime');
      expect(get(r, 'AGENT_VISIBLE').title).toContain('Available');
      expect(r.agent).toMatchObject({ agentId, stateName: 'Available' });
      // The request really carried the user's updatedSince.
      expect(t.server.requests.some((q) => q.query.includes('updatedSince='))).toBe(true);
    });
  }

  it("says how long the agent has been in its state by this computer's clock, and when that clock is behind the server's", async () => {
    const agentId = t.pinAgent(2, 'Available');
    const started = t.sim.now();
    const at = (ms: number) => run({ accessToken: t.accessToken(), idToken: t.idToken(agentId), clock: { ...systemClock, now: () => started + ms } });
    const later = await at(192_400);
    expect(Date.parse(String(later.agent?.startDate))).toBe(started);
    expect(get(later, 'AGENT_VISIBLE').detail).toMatch(new RegExp(`as Available since \\S+ \\(3 m 12 s ago\\)\\.?$`));
    const hours = await at(26 * 3600_000 + 60_000);
    expect(get(hours, 'AGENT_VISIBLE').detail).toContain('(26 h 01 m ago)');
    // A start 12 s in this computer's future: the clocks disagree, and the words say so instead of "0 s ago".
    const behind = await at(-12_000);
    expect(get(behind, 'AGENT_VISIBLE').detail).toContain("(12 s ahead of this computer's clock)");
    // Within 5 s of skew it is simply now.
    expect(get(await at(-3_000), 'AGENT_VISIBLE').detail).toContain('(0 s ago)');
  });

  it("NO_CHANGE_SINCE dates the agent's last change by lastUpdateTime, and a change at exactly updatedSince counts as before it", async () => {
    const agentId = t.pinAgent(4, 'Available');
    const updatedLater = new Date(t.sim.now() + 5000).toISOString();
    // This fetch answers every delta query with "nothing changed" and, in the full list, dates the
    // agent's record update 5 s after its state began; everything else is real HTTP.
    const rewrite: FetchLike = async (input, init) => {
      const res = await fetch(input, init);
      if (!String(input).includes('/agents/states') || res.status !== 200) return res;
      const body = (await res.json()) as { agentStates: Array<{ agentId: number; lastUpdateTime: string }>; totalRecords: number };
      if (String(input).includes('updatedSince=')) {
        body.agentStates = [];
        body.totalRecords = 0;
      } else {
        for (const a of body.agentStates) if (a.agentId === agentId) a.lastUpdateTime = updatedLater;
      }
      return new Response(JSON.stringify(body), { status: 200, headers: { 'content-type': 'application/json' } });
    };
    const ask = async (updatedSince: string) => get(await run({ accessToken: t.accessToken(), agentId: String(agentId), updatedSince, fetch: rewrite }), 'NO_CHANGE_SINCE').detail;
    // After the state began but before the record's last update: the server should have listed the agent.
    const after = await ask(new Date(t.sim.now() + 1).toISOString());
    expect(after).toContain(`its last change (${updatedLater}) is not before updatedSince`);
    // Time in state counts from the state's start, not from the record's later update.
    expect(after).not.toContain(`Available since ${updatedLater}`);
    // At exactly the last update: CXone returns changes after that instant, so this one is before it.
    expect(await ask(updatedLater)).toContain(`that change happened before ${updatedLater}`);
  });

  it('does not claim NO_CHANGE_SINCE when the delta query does list the agent', async () => {
    const agentId = t.pinAgent(1, 'Available');
    const updatedSince = new Date(t.sim.now() - 1).toISOString();
    const r = await run({ accessToken: t.accessToken(), idToken: t.idToken(agentId), updatedSince });
    expect(codes(r)).not.toContain('NO_CHANGE_SINCE');
    expect(codes(r)).toContain('AGENT_VISIBLE');
  });

  it('with top as well, an empty delta is still NO_CHANGE_SINCE, not PAGED_OUT (no later page exists)', async () => {
    const agentId = t.pinAgent(3, 'Available');
    const updatedSince = new Date(t.sim.now() + 1).toISOString();
    const r = await run({ accessToken: t.accessToken(), idToken: t.idToken(agentId), updatedSince, top: 5 });
    expect(codes(r)).toContain('NO_CHANGE_SINCE');
    expect(codes(r)).not.toContain('PAGED_OUT');
  });

  it('over the whole list, a delta answer that has changes is not NO_CHANGE_SINCE', async () => {
    t.pinAgent(15, 'Available');
    const r = await run({ accessToken: t.accessToken(), updatedSince: new Date(t.sim.now() - 1).toISOString() });
    expect(codes(r)).toContain('LIST_SUMMARY');
    expect(codes(r)).not.toContain('NO_CHANGE_SINCE');
  });

  it('an agent the delta answer lists with agentId as a string (as real tenants send it) is found there', async () => {
    const agentId = t.pinAgent(1, 'Available');
    t.server.faults.add({ kind: 'schema-drift', drift: 'agentId-string', path: 'agents/states' });
    const r = await run({ accessToken: t.accessToken(), agentId: String(agentId), updatedSince: new Date(t.sim.now() - 1).toISOString() });
    expect(codes(r)).toContain('AGENT_VISIBLE');
    expect(codes(r)).not.toContain('NO_CHANGE_SINCE');
  });

  it("a redirect the client cannot follow on the user's own query is an error, not an empty \"no change\" answer", async () => {
    const agentId = t.pinAgent(3, 'Available');
    // A 302 without Location (fetch cannot follow it) on the delta query only; every other request is real HTTP.
    const redirecting: FetchLike = (input, init) => (String(input).includes('updatedSince=') ? Promise.resolve(new Response(null, { status: 302 })) : fetch(input, init));
    const r = await run({ accessToken: t.accessToken(), agentId: String(agentId), updatedSince: new Date(t.sim.now() + 1).toISOString(), fetch: redirecting });
    expect(get(r, 'BAD_REQUEST').detail).toContain('HTTP 302');
    expect(codes(r)).not.toContain('NO_CHANGE_SINCE');
    expect(r.ok).toBe(false);
  });

  it('reports on the whole list when no agent id is known', async () => {
    const r = await run({ accessToken: t.accessToken(), updatedSince: new Date(t.sim.now() + 1).toISOString() });
    expect(get(r, 'NO_AGENT_ID').severity).toBe('info');
    expect(get(r, 'LIST_SUMMARY').title).toContain(`${t.sim.agents.length} agents`);
    expect(get(r, 'NO_CHANGE_SINCE').detail).toContain(`full list has ${t.sim.agents.length} agents`);
  });
});

describe('token checks', () => {
  it('TOKEN_MISSING: no token, no request', async () => {
    const before = t.server.stats.total;
    const r = await run({ apiEndpoint: t.server.url });
    expect(codes(r)).toEqual(['TOKEN_MISSING']);
    expect(r.ok).toBe(false);
    expect(t.server.stats.total).toBe(before);
  });

  it('TOKEN_MISSING in the app speaks of signing in, not of command-line flags', async () => {
    const cli = await run({});
    expect(get(cli, 'TOKEN_MISSING').fix).toContain('--access-token');
    // A newcomer without an account learns that the demo tenant exists.
    expect(get(cli, 'TOKEN_MISSING').fix).toContain('--demo');
    const app = await run({ context: 'app' });
    const f = get(app, 'TOKEN_MISSING');
    expect(f.title).toBe('You are not signed in to CXone');
    expect(`${f.title} ${f.detail} ${f.fix}`).not.toMatch(/--|CXONE_ACCESS_TOKEN/);
    expect(app.ok).toBe(false);
  });

  it('TOKEN_NOT_JWT: warns, says the API may still accept it, and goes on', async () => {
    const agentId = t.pinAgent(2);
    const r = await run({ accessToken: 'opaque-token-value-123', apiEndpoint: t.server.url, agentId: String(agentId) });
    const f = get(r, 'TOKEN_NOT_JWT');
    expect(f.severity).toBe('warning');
    expect(f.detail).toContain('The API may still accept it');
    expect(codes(r)).toContain('AGENT_VISIBLE');
    expect(r.ok).toBe(true);
  });

  it('TOKEN_NOT_JWT without any host: the host is unknown', async () => {
    const r = await run({ accessToken: 'opaque-token-value-123' });
    expect(codes(r)).toEqual(['TOKEN_NOT_JWT', 'DISCOVERY_FAILED']);
    expect(r.ok).toBe(false);
  });

  it('TOKEN_EXPIRED beyond 60 s of skew; within the skew it is still valid', async () => {
    const expired = await run({ accessToken: t.accessToken({ exp: nowSeconds() - 120 }) });
    expect(get(expired, 'TOKEN_EXPIRED').severity).toBe('error');
    expect(expired.ok).toBe(false);
    const skewed = await run({ accessToken: t.accessToken({ exp: nowSeconds() - 30 }) });
    expect(codes(skewed)).not.toContain('TOKEN_EXPIRED');
    expect(codes(skewed)).toContain('TOKEN_VALID');
  });

  it('TOKEN_EXPIRED and the API\'s 401 together explain each other', async () => {
    t.server.settings.acceptToken = () => false;
    const r = await run({ accessToken: t.accessToken({ exp: nowSeconds() - 600 }) });
    expect(codes(r)).toEqual(expect.arrayContaining(['TOKEN_EXPIRED', 'UNAUTHORIZED']));
    expect(get(r, 'UNAUTHORIZED').detail).toContain("The token's exp");
  });

  it('TOKEN_NO_TENANT: an error without a host, a warning with one', async () => {
    const noTenant = mintJwt({ iss: t.server.url, exp: nowSeconds() + 600 });
    const before = t.server.stats.total;
    const r = await run({ accessToken: noTenant });
    expect(get(r, 'TOKEN_NO_TENANT').severity).toBe('error');
    expect(t.server.stats.total).toBe(before);
    const withHost = await run({ accessToken: noTenant, apiEndpoint: t.server.url });
    expect(get(withHost, 'TOKEN_NO_TENANT').severity).toBe('warning');
    expect(codes(withHost)).toContain('LIST_SUMMARY');
  });

  it('DISCOVERY_FAILED when the token has a tenantId but no iss and no --issuer is given', async () => {
    const before = t.server.stats.total;
    const r = await run({ accessToken: mintJwt({ tenantId: t.server.tenantId, exp: nowSeconds() + 600 }) });
    const f = get(r, 'DISCOVERY_FAILED');
    expect(f.title).toContain('no issuer');
    expect(f.fix).toContain('--issuer');
    expect(r.ok).toBe(false);
    expect(t.server.stats.total).toBe(before);
  });

  it('SCOPES_IRRELEVANT when the token lists invented scopes', async () => {
    const r = await run({ accessToken: t.accessToken({ scope: 'openid view:agent agent:read' }) });
    const f = get(r, 'SCOPES_IRRELEVANT');
    expect(f.severity).toBe('info');
    expect(f.detail).toContain('CXone has only the "openid" scope');
    expect(f.detail).toContain('cannot fix an empty list');
    const plain = await run({ accessToken: t.accessToken({ scope: 'openid' }) });
    expect(codes(plain)).not.toContain('SCOPES_IRRELEVANT');
  });
});

describe('finding the API host', () => {
  it('API_HOST_FOUND from discovery with the token\'s iss and tenantId', async () => {
    const r = await run({ accessToken: t.accessToken() });
    expect(get(r, 'API_HOST_FOUND').title).toContain(t.server.url);
    expect(t.server.requests.some((q) => q.path === '/.well-known/cxone-configuration')).toBe(true);
  });

  it('DISCOVERY_FAILED: unknown tenant (404), an error when there is no host to fall back on', async () => {
    const r = await run({ accessToken: t.accessToken({ tenantId: '00000000-0000-4000-8000-000000000000' }) });
    const f = get(r, 'DISCOVERY_FAILED');
    expect(f.severity).toBe('error');
    expect(f.detail).toContain('HTTP 404');
    expect(f.fix).toContain("id_token's iss");
  });

  it('DISCOVERY_FAILED: the issuer cannot be reached', async () => {
    const r = await run({ accessToken: t.accessToken(), issuer: 'http://127.0.0.1:9' });
    expect(get(r, 'DISCOVERY_FAILED').detail).toContain('could not be reached');
  });

  it('DISCOVERY_FAILED: a malformed configuration answer (drifted JSON)', async () => {
    t.server.faults.add({ kind: 'malformed-json', path: '/.well-known/cxone-configuration' });
    const r = await run({ accessToken: t.accessToken() });
    expect(get(r, 'DISCOVERY_FAILED').detail).toContain('not JSON');
  });

  it('a given API host is used as given: no discovery, the report says so, and no advice to give --api-endpoint', async () => {
    const agentId = t.pinAgent(3);
    // An issuer that would fail discovery (nothing listens there): it must not even be asked.
    const before = t.server.requests.length;
    const r = await run({ accessToken: t.accessToken({ iss: 'http://127.0.0.1:9' }), apiEndpoint: t.server.url, agentId: String(agentId) });
    expect(r.ok).toBe(true);
    expect(codes(r)).not.toContain('DISCOVERY_FAILED');
    expect(get(r, 'API_HOST_FOUND').detail).toBe('The host was given with --api-endpoint, so API discovery was skipped.');
    expect(t.server.requests.slice(before).some((q) => q.path === '/.well-known/cxone-configuration')).toBe(false);
    expect(codes(r)).toContain('AGENT_VISIBLE');
    // Token findings do not send the user back to a flag they already gave either.
    const noTenant = await run({ accessToken: mintJwt({ iss: t.server.url, exp: nowSeconds() + 600 }), apiEndpoint: t.server.url });
    const opaque = await run({ accessToken: 'opaque-token-value-123', apiEndpoint: t.server.url });
    for (const report of [r, noTenant, opaque]) {
      for (const f of report.findings) expect(f.fix ?? '', f.code).not.toMatch(/(give|pass)[^.]*--api-endpoint|\/--api-endpoint/i);
    }
    expect(get(noTenant, 'TOKEN_NO_TENANT').fix).toBe('Use a CXone access token or pass --id-token from the same sign-in.');
    // In the app the host comes from Settings, and the report says that.
    const app = await run({ accessToken: t.accessToken(), apiEndpoint: t.server.url, context: 'app' });
    expect(get(app, 'API_HOST_FOUND').detail).toContain('the API endpoint override in Settings');
  });

  describe('API_HOST_NOT_CXONE: hosts and paths CXone never uses are named for what they are, before any request', () => {
    const cases: Array<[string, RegExp]> = [
      ['https://api.cxone.com', /api\.cxone\.com is not a CXone API host/],
      ['https://api.mypurecloud.com', /Genesys Cloud host/],
      ['https://api.usw2.pure.cloud', /Genesys Cloud host/],
      ['https://api-na1.niceincontact.com/api/v2', /\/api\/v2 is not a CXone API path/],
      ['https://api-na1.niceincontact.com/inContactAPI/services/v34.0', /it is the host only/],
      // Every Genesys Cloud region, the bare domain too, and any version number of the /api/vN style.
      ['https://api.mypurecloud.ie', /Genesys Cloud host/],
      ['https://mypurecloud.de', /Genesys Cloud host/],
      ['https://api.mypurecloud.jp', /Genesys Cloud host/],
      ['https://api.mypurecloud.com.au', /Genesys Cloud host/],
      ['https://api-na1.niceincontact.com/api/v10', /\/api\/v10 is not a CXone API path/],
      ['https://api-na1.niceincontact.com/inContactAPI', /it is the host only/],
    ];
    for (const [endpoint, title] of cases) {
      it(endpoint, async () => {
        const calls: string[] = [];
        const recording: FetchLike = (url, init) => {
          calls.push(String(url));
          return fetch(url, init);
        };
        const r = await run({ accessToken: t.accessToken(), apiEndpoint: endpoint, fetch: recording });
        const f = get(r, 'API_HOST_NOT_CXONE');
        expect(f.severity).toBe('error');
        expect(f.title).toMatch(title);
        expect(`${f.detail} ${f.fix}`).toMatch(/niceincontact\.com|inContactAPI\/services/);
        // Never shown as "✓ OK" first, and nothing was sent to a host CXone does not run.
        expect(codes(r)).not.toContain('API_HOST_FOUND');
        expect(calls).toEqual([]);
        expect(formatReport(r)).not.toMatch(/✓ OK +(Using the given API host|The tenant's API host)/);
        expect(formatReport(r)).toMatch(/✗ Error .*\[API_HOST_NOT_CXONE\]/);
      });
    }

    it('says what to give instead, in words that fit the host', async () => {
      const { notACxoneApiHost } = await import('../../main/diagnostics/api-host');
      const drop = "Drop --api-endpoint and let discovery find the host, or pass the api_endpoint your tenant's cxone-configuration names.";
      expect(notACxoneApiHost(new URL('https://api.mypurecloud.com'))?.fix).toBe(drop);
      expect(notACxoneApiHost(new URL('https://api.cxone.com'))).toMatchObject({ detail: expect.stringMatching(/^There is no api\.cxone\.com API: .* e\.g\. https:\/\/api-na1\.niceincontact\.com\.$/), fix: drop });
      // Trailing slashes are not part of the path named.
      const genesysPath = notACxoneApiHost(new URL('https://api-na1.niceincontact.com/api/v2//'));
      expect(genesysPath).toEqual({
        title: '/api/v2 is not a CXone API path',
        detail: "The /api/v2/… path style is Genesys Cloud's; CXone's REST paths are /inContactAPI/services/vNN.N/… (v34.0 by default), which the doctor adds to the host itself.",
        fix: 'Give the host only: https://api-na1.niceincontact.com, and the version with --api-version.',
      });
      // A host that only contains niceincontact.com is not known to be CXone's.
      expect(notACxoneApiHost(new URL('https://niceincontact.com.example.org/api/v2'))?.fix).toBe('Give the host only: https://niceincontact.com.example.org (if it is a CXone host at all), and the version with --api-version.');
      expect(notACxoneApiHost(new URL('https://api-na1.niceincontact.com/inContactAPI/services/v34.0/'))).toEqual({
        title: 'The API endpoint carries a path; it is the host only',
        detail: 'https://api-na1.niceincontact.com/inContactAPI/services/v34.0 already holds /inContactAPI/…; the doctor adds /inContactAPI/services/vNN.N/ to the host itself, so the path would appear twice.',
        fix: 'Give https://api-na1.niceincontact.com with --api-endpoint, and the version with --api-version (e.g. v34.0).',
      });
    });

    it('real-looking and loopback hosts pass', async () => {
      // A company's own proxy whose domain only ends in the letters "cxone.com" is not under cxone.com.
      // So do a proxy whose own path merely contains api/v2 or inContactAPI further down.
      for (const endpoint of ['https://api-na1.niceincontact.com', 'https://api-uk1.niceincontact.com/', 'https://api.contoso-cxone.com', t.server.url, 'https://proxy.example.com/cxone/api/v2', 'https://proxy.example.com/cxone/inContactAPI']) {
        const { notACxoneApiHost } = await import('../../main/diagnostics/api-host');
        expect(notACxoneApiHost(new URL(endpoint)), endpoint).toBeNull();
      }
    });
  });

  it('URL_NOT_ALLOWED: plain http to a non-loopback host is refused before any request', async () => {
    const r = await run({ accessToken: t.accessToken(), apiEndpoint: 'http://api-na1.niceincontact.com' });
    expect(get(r, 'URL_NOT_ALLOWED').detail).toContain('https');
  });
});

describe('API answers', () => {
  it('UNAUTHORIZED: 401 with CXone\'s reason', async () => {
    t.server.settings.acceptToken = () => false;
    const r = await run({ accessToken: t.accessToken() });
    const f = get(r, 'UNAUTHORIZED');
    expect(f.detail).toContain('HTTP 401');
    expect(f.detail).toContain('Invalid token');
    expect(r.ok).toBe(false);
  });

  it('FORBIDDEN: 403 with the icStatusDescription header', async () => {
    t.server.faults.add({ kind: 'status', status: 403, statusDescription: 'Security permissions prevent access to data', path: 'agents/states' });
    const r = await run({ accessToken: t.accessToken() });
    const f = get(r, 'FORBIDDEN');
    expect(f.detail).toContain('Security permissions prevent access to data');
    expect(f.fix).toContain('security profile');
    expect(f.fix).toContain('openid');
  });

  it('BUSINESS_UNIT_CONFLICT: 409', async () => {
    t.server.faults.add({ kind: 'status', status: 409, path: 'agents/states' });
    expect(get(await run({ accessToken: t.accessToken() }), 'BUSINESS_UNIT_CONFLICT').detail).toContain('HTTP 409');
  });

  it('RATE_LIMITED: 429 with Retry-After', async () => {
    t.server.faults.add({ kind: 'status', status: 429, retryAfter: '7', path: 'agents/states' });
    const f = get(await run({ accessToken: t.accessToken() }), 'RATE_LIMITED');
    expect(f.detail).toContain('HTTP 429');
    expect(f.detail).toContain('Retry-After: 7 s');
  });

  it('SERVICE_UNAVAILABLE: 503 and 500', async () => {
    t.server.faults.add({ kind: 'status', status: 503, retryAfter: '30', path: 'agents/states', count: 1 });
    const busy = get(await run({ accessToken: t.accessToken() }), 'SERVICE_UNAVAILABLE');
    expect(busy.title).toContain('HTTP 503');
    expect(busy.detail).toContain('Retry-After: 30 s');
    t.server.faults.add({ kind: 'status', status: 500, path: 'agents/states', count: 1 });
    expect(get(await run({ accessToken: t.accessToken() }), 'SERVICE_UNAVAILABLE').title).toContain('HTTP 500');
  });

  it('NETWORK_ERROR: a connection reset, and a host that does not answer in time', async () => {
    t.server.faults.add({ kind: 'reset', path: 'agents/states', count: SENDS_WHEN_DROPPED });
    expect(get(await run({ accessToken: t.accessToken() }), 'NETWORK_ERROR').title).toContain('could not be reached');
    t.server.faults.add({ kind: 'slow', delayMs: 3000, path: 'agents/states', count: 1 });
    const slow = await run({ accessToken: t.accessToken(), timeoutMs: 300 });
    expect(get(slow, 'NETWORK_ERROR').title).toContain('did not answer in time');
  });

  it('UNEXPECTED_RESPONSE: truncated JSON and schema drift', async () => {
    t.server.faults.add({ kind: 'malformed-json', path: 'agents/states', count: 1 });
    const f = get(await run({ accessToken: t.accessToken() }), 'UNEXPECTED_RESPONSE');
    expect(f.detail).toContain('agents/states');
    // The body CXone sent is quoted, so the reader sees what could not be read.
    expect(f.detail).toContain('Excerpt: {"totalRecords":2,"agentStates":[');
  });

  it('ITEMS_LEFT_OUT and LIST_INCOMPLETE: what a tolerant read could not use is reported, the rest is read', async () => {
    // agentId as a string is what real tenants send: read, nothing to report.
    t.server.faults.add({ kind: 'schema-drift', drift: 'agentId-string', path: 'agents/states', count: 1 });
    const strings = await run({ accessToken: t.accessToken() });
    expect(codes(strings)).toContain('LIST_SUMMARY');
    expect(codes(strings)).not.toContain('ITEMS_LEFT_OUT');
    expect(codes(strings)).not.toContain('UNEXPECTED_RESPONSE');
    t.server.faults.add({ kind: 'schema-drift', drift: 'agentId-missing', path: 'agents/states', count: 1 });
    const f = get(await run({ accessToken: t.accessToken() }), 'ITEMS_LEFT_OUT');
    expect(f.severity).toBe('warning');
    expect(f.detail).toContain('agentStates[0].agentId is missing');
    t.server.faults.add({ kind: 'short-list', missing: 3, path: 'agents/states' });
    const short = await run({ accessToken: t.accessToken() });
    expect(get(short, 'LIST_INCOMPLETE').detail).toMatch(/totalRecords \d+ but sent \d+/);
    t.server.faults.clear();
  });

  it('BAD_REQUEST: CXone refuses the user\'s own query parameter', async () => {
    const agentId = t.pinAgent(3);
    const r = await run({ accessToken: t.accessToken(), agentId: String(agentId), updatedSince: 'yesterday' });
    const f = get(r, 'BAD_REQUEST');
    expect(f.detail).toContain('HTTP 400');
    expect(f.detail).toContain('Invalid updatedSince');
    // The full list still worked, so the agent is still shown.
    expect(codes(r)).toContain('AGENT_VISIBLE');
  });

  it('API_PATH_NOT_FOUND: a wrong API version path', async () => {
    const r = await run({ accessToken: t.accessToken(), apiVersion: 'v34.0/nope' });
    expect(get(r, 'API_PATH_NOT_FOUND').detail).toContain('HTTP 404');
  });

  it('LIST_SUMMARY says how many pages the list spans and that a client must follow _links.next', async () => {
    t.server.settings.defaultPageSize = 10;
    const n = t.sim.agents.length;
    const f = get(await run({ accessToken: t.accessToken() }), 'LIST_SUMMARY');
    expect(f.title).toBe(`agents/states lists ${n} agents`);
    expect(f.detail).toContain(`The list spans ${Math.ceil(n / 10)} pages (page size 10, totalRecords ${n}): a client must follow _links.next.`);
  });

  it('HIDDEN_BY_APP_FILTER over the whole list: a warning when it hides everyone, info when some, nothing when none', async () => {
    const n = t.sim.agents.length;
    const all = await run({ accessToken: t.accessToken(), appFilter: { describe: 'watch scope', hides: () => true } });
    expect(get(all, 'HIDDEN_BY_APP_FILTER')).toMatchObject({ severity: 'warning', title: `The app's watch scope hides ${n} of ${n} agents` });
    const firstId = t.sim.agents[0]!.agentId;
    const one = await run({ accessToken: t.accessToken(), appFilter: { describe: 'watch scope', hides: (a) => a.agentId === firstId } });
    expect(get(one, 'HIDDEN_BY_APP_FILTER')).toMatchObject({ severity: 'info', detail: `CXone lists ${n} agents; the app shows ${n - 1} of them.` });
    const none = await run({ accessToken: t.accessToken(), appFilter: { describe: 'watch scope', hides: () => false } });
    expect(codes(none)).not.toContain('HIDDEN_BY_APP_FILTER');
  });

  it('LIST_EMPTY: a business unit where this user sees nobody', async () => {
    const empty = await startSimTenant({ agents: 0 });
    try {
      const r = await run({ accessToken: empty.accessToken() });
      const f = get(r, 'LIST_EMPTY');
      expect(f.severity).toBe('error');
      expect(f.fix).toContain('openid');
      // An empty delta over an empty list is not "no change, normal": the list itself is the problem.
      const delta = await run({ accessToken: empty.accessToken(), updatedSince: new Date(empty.sim.now() + 1).toISOString() });
      expect(codes(delta)).toContain('LIST_EMPTY');
      expect(codes(delta)).not.toContain('NO_CHANGE_SINCE');
    } finally {
      await empty.stop();
    }
  });
});

describe('the agent', () => {
  it('AGENT_VISIBLE from the id token\'s icAgentId, with its state', async () => {
    const agentId = t.pinAgent(4, 'Unavailable');
    const r = await run({ accessToken: t.accessToken(), idToken: t.idToken(agentId) });
    expect(r.ok).toBe(true);
    const f = get(r, 'AGENT_VISIBLE');
    expect(f.severity).toBe('ok');
    expect(f.title).toContain('Unavailable (Break)');
    expect(r.agent).toMatchObject({ agentId, stateName: 'Unavailable', outStateDescription: 'Break' });
  });

  it('AGENT_ID_IS_USER_UUID: resolves the UUID to the numeric id and goes on with it', async () => {
    const agentId = t.pinAgent(5);
    const uuid = t.sim.agents.find((a) => a.agentId === agentId)!.userId;
    const r = await run({ accessToken: t.accessToken(), agentId: uuid });
    const f = get(r, 'AGENT_ID_IS_USER_UUID');
    expect(f.title).toContain(String(agentId));
    expect(f.fix).toContain(String(agentId));
    expect(r.agent).toMatchObject({ agentId });
    expect(codes(r)).toContain('AGENT_VISIBLE');
  });

  it('AGENT_ID_IS_USER_UUID then AGENT_NOT_FOUND for a UUID without an agent record', async () => {
    const r = await run({ accessToken: t.accessToken(), agentId: 'user:0f8fad5b-d9cb-469f-a165-70867728950e' });
    expect(codes(r)).toEqual(expect.arrayContaining(['AGENT_ID_IS_USER_UUID', 'AGENT_NOT_FOUND']));
    expect(r.ok).toBe(false);
  });

  it('AGENT_NOT_FOUND: 404 "Invalid Agent Id"', async () => {
    const r = await run({ accessToken: t.accessToken(), agentId: '999' });
    const f = get(r, 'AGENT_NOT_FOUND');
    expect(f.detail).toContain('Invalid Agent Id');
    expect(f.detail).toContain(`${t.sim.agents.length} agents`);
  });

  it('AGENT_NOT_FOUND names the source of an id that is no id: the id token\'s icAgentId', async () => {
    const r = await run({ accessToken: t.accessToken(), idToken: t.idToken(null, { icAgentId: 'not-a-number' }) });
    expect(get(r, 'AGENT_NOT_FOUND').detail).toMatch(/^the id token's icAgentId is neither a numeric ACD agent id nor a user UUID/);
    // A real id with something glued on is no id either: not read as its leading digits.
    const glued = await run({ accessToken: t.accessToken(), agentId: `${t.sim.agents[0]!.agentId}x` });
    expect(get(glued, 'AGENT_NOT_FOUND').title).toContain('is not an agent id');
    expect(codes(glued)).not.toContain('AGENT_VISIBLE');
    // The report is about that id: no summary of the whole list beside it.
    expect(codes(r)).not.toContain('LIST_SUMMARY');
  });

  it('AGENT_NOT_FOUND when the agent has a record but its state endpoint answers 404 and the list leaves it off', async () => {
    const agentId = t.pinAgent(6, 'LoggedOut');
    t.server.faults.add({ kind: 'status', status: 404, statusDescription: 'Invalid Agent Id', path: `agents/${agentId}/states`, count: 1 });
    const hidden: FetchLike = async (input, init) => {
      const res = await fetch(input, init);
      if (!String(input).includes('/agents/states') || res.status !== 200) return res;
      const body = (await res.json()) as { agentStates: Array<{ agentId: number }>; totalRecords: number };
      body.agentStates = body.agentStates.filter((a) => a.agentId !== agentId);
      body.totalRecords = body.agentStates.length;
      return new Response(JSON.stringify(body), { status: 200, headers: { 'content-type': 'application/json' } });
    };
    const r = await run({ accessToken: t.accessToken(), agentId: String(agentId), fetch: hidden });
    const f = get(r, 'AGENT_NOT_FOUND');
    expect(f.detail).toContain(`agents/${agentId}/states → HTTP 404 ("Invalid Agent Id")`);
    expect(codes(r)).not.toContain('UNEXPECTED_RESPONSE');
  });

  it('AGENT_INACTIVE: the agent record has isActive false', async () => {
    const inactive = t.sim.agents.find((a) => !a.isActive);
    expect(inactive, 'the seeded tenant has an inactive agent').toBeDefined();
    const r = await run({ accessToken: t.accessToken(), agentId: String(inactive!.agentId) });
    expect(get(r, 'AGENT_INACTIVE').detail).toContain('isActive: false');
    expect(r.ok).toBe(false);
  });

  it('AGENT_LOGGED_OUT: the agent\'s state is LoggedOut', async () => {
    const agentId = t.pinAgent(6, 'LoggedOut');
    const r = await run({ accessToken: t.accessToken(), idToken: t.idToken(agentId) });
    const f = get(r, 'AGENT_LOGGED_OUT');
    expect(f.severity).toBe('warning');
    expect(f.detail).toContain('LoggedOut');
  });

  it('AGENT_LOGGED_OUT, not AGENT_NOT_IN_LIST, when agents/states leaves logged-out agents off', async () => {
    const agentId = t.pinAgent(6, 'LoggedOut');
    // Whether CXone lists logged-out agents is not documented; this fetch drops them from agents/states bodies.
    const noLoggedOut: FetchLike = async (input, init) => {
      const res = await fetch(input, init);
      if (!String(input).includes('/agents/states') || res.status !== 200) return res;
      const body = (await res.json()) as { agentStates: Array<{ agentStateId: number }>; totalRecords: number };
      body.agentStates = body.agentStates.filter((a) => a.agentStateId !== 0);
      body.totalRecords = body.agentStates.length;
      return new Response(JSON.stringify(body), { status: 200, headers: { 'content-type': 'application/json' } });
    };
    const r = await run({ accessToken: t.accessToken(), agentId: String(agentId), fetch: noLoggedOut });
    expect(get(r, 'AGENT_LOGGED_OUT').detail).toContain('agents/states leaves logged-out agents off this list');
    expect(codes(r)).not.toContain('AGENT_NOT_IN_LIST');
  });

  it('AGENT_NOT_IN_LIST: the agent has a state, but the user\'s list leaves them out', async () => {
    const agentId = t.pinAgent(7);
    // A team restriction cannot be switched on in the simulator; this fetch drops the agent from
    // agents/states bodies exactly as a restricted user's answer would look. Everything else is real HTTP.
    const restricted: FetchLike = async (input, init) => {
      const res = await fetch(input, init);
      if (!String(input).includes('/agents/states') || res.status !== 200) return res;
      const body = (await res.json()) as { agentStates: Array<{ agentId: number }>; totalRecords: number };
      body.agentStates = body.agentStates.filter((a) => a.agentId !== agentId);
      body.totalRecords = body.agentStates.length;
      return new Response(JSON.stringify(body), { status: 200, headers: { 'content-type': 'application/json' } });
    };
    const r = await run({ accessToken: t.accessToken(), agentId: String(agentId), fetch: restricted });
    const f = get(r, 'AGENT_NOT_IN_LIST');
    expect(f.severity).toBe('error');
    expect(r.ok).toBe(false);
    expect(f.detail).toContain(`the agent's business unit is ${t.sim.businessUnitId}`);
    expect(f.fix).toContain('data-access restrictions');
  });

  it('PAGED_OUT: the server pages by default and the agent is on a later page', async () => {
    t.server.settings.defaultPageSize = 10;
    const agentId = t.sim.agents[25]!.agentId;
    const r = await run({ accessToken: t.accessToken(), agentId: String(agentId) });
    const f = get(r, 'PAGED_OUT');
    expect(f.detail).toContain(`totalRecords is ${t.sim.agents.length}`);
    expect(f.title).toContain('page 3');
    expect(codes(r)).toContain('AGENT_VISIBLE');
  });

  it("one PAGED_OUT, not two, when both the server's page size and the user's top hide the agent", async () => {
    t.server.settings.defaultPageSize = 10;
    const agentId = t.sim.agents[25]!.agentId;
    const r = await run({ accessToken: t.accessToken(), agentId: String(agentId), top: 5 });
    expect(codes(r).filter((c) => c === 'PAGED_OUT')).toHaveLength(1);
  });

  it('no PAGED_OUT for an agent on the first page of a paged list', async () => {
    t.server.settings.defaultPageSize = 10;
    const agentId = t.sim.agents[2]!.agentId;
    const r = await run({ accessToken: t.accessToken(), agentId: String(agentId) });
    expect(codes(r)).toContain('AGENT_VISIBLE');
    expect(codes(r)).not.toContain('PAGED_OUT');
  });

  it('FIELDS_TOO_NARROW even when the full list cannot be read (the check needs no answer)', async () => {
    t.server.faults.add({ kind: 'status', status: 503, path: 'agents/states' });
    const r = await run({ accessToken: t.accessToken(), fields: ['agentId', 'firstName'] });
    expect(get(r, 'FIELDS_TOO_NARROW').severity).toBe('error');
  });

  it('PAGED_OUT: the user\'s own top/skip hides the agent', async () => {
    const agentId = t.sim.agents[15]!.agentId;
    const r = await run({ accessToken: t.accessToken(), agentId: String(agentId), top: 5 });
    const f = get(r, 'PAGED_OUT');
    expect(f.detail).toContain('top=5');
    expect(f.title).toContain('page 4');
  });

  it('FIELDS_TOO_NARROW: a projection without the state, with the keys the server sent as evidence', async () => {
    const agentId = t.pinAgent(8);
    const r = await run({ accessToken: t.accessToken(), agentId: String(agentId), fields: ['agentId', 'firstName'] });
    const f = get(r, 'FIELDS_TOO_NARROW');
    expect(f.severity).toBe('error');
    expect(f.detail).toContain('agentStateId or agentStateName');
    expect(f.detail).toMatch(/carries only: agentId, firstName/i);
    const display = await run({ accessToken: t.accessToken(), agentId: String(agentId), fields: ['agentId', 'agentStateId'] });
    expect(get(display, 'FIELDS_TOO_NARROW').severity).toBe('warning');
    const full = await run({ accessToken: t.accessToken(), agentId: String(agentId), fields: ['agentId', 'agentStateName', 'firstName', 'lastName', 'outStateDescription', 'isACW', 'startDate'] });
    expect(codes(full)).not.toContain('FIELDS_TOO_NARROW');
  });

  it('FIELDS_TOO_NARROW: a projection without agentId cannot match an item to an agent, and the fix names it', async () => {
    const agentId = t.pinAgent(8);
    const r = await run({ accessToken: t.accessToken(), agentId: String(agentId), fields: ['agentStateId', 'agentStateName', 'firstName', 'lastName', 'outStateDescription', 'isACW', 'startDate'] });
    const f = get(r, 'FIELDS_TOO_NARROW');
    expect(f.severity).toBe('error');
    expect(f.detail).toContain(' omits agentId:');
    expect(f.fix).toMatch(/^Add agentId to fields/);
  });

  it('FIELDS_TOO_NARROW names each display property left out, in the evidence and in the fix', async () => {
    const display = ['firstName', 'lastName', 'outStateDescription', 'isACW', 'startDate'];
    for (const gone of display) {
      const r = await run({ accessToken: t.accessToken(), fields: ['agentId', 'agentStateId', ...display.filter((x) => x !== gone)] });
      const f = get(r, 'FIELDS_TOO_NARROW');
      expect(f.severity, gone).toBe('warning');
      expect(f.detail, gone).toContain(` omits ${gone}:`);
      expect(f.fix, gone).toBe(`Add ${gone} to fields, or drop fields.`);
    }
  });

  it('HIDDEN_BY_APP_FILTER: the app\'s watch scope (main/monitor/watch-scope) hides the agent', async () => {
    const agentId = t.pinAgent(9);
    const agentTeam = t.sim.agents.find((a) => a.agentId === agentId)!.teamId;
    const otherTeam = t.sim.teams.find((x) => x.teamId !== agentTeam)!.teamId;
    const scope = createWatchFilter({ scope: 'teams', teamIds: [otherTeam], agentIds: [] }, null);
    const appFilter = { describe: 'watch scope', hiddenReason: (a: AgentState) => scope.hiddenReason(a) };
    const r = await run({ accessToken: t.accessToken(), agentId: String(agentId), appFilter });
    const f = get(r, 'HIDDEN_BY_APP_FILTER');
    expect(f.detail).toContain('chosen teams');
    // The simple hides() form works too, and a filter that shows the agent says nothing.
    const shown = await run({ accessToken: t.accessToken(), agentId: String(agentId), appFilter: { describe: 'scope', hides: () => false } });
    expect(codes(shown)).not.toContain('HIDDEN_BY_APP_FILTER');
  });
});

describe('the live session and the demo', () => {
  it('uses getAccessToken and the session identity instead of tokens', async () => {
    const agentId = t.pinAgent(10);
    const token = t.accessToken();
    let calls = 0;
    const r = await run({
      getAccessToken: async () => {
        calls++;
        return token;
      },
      identity: { issuer: t.server.url, tenantId: t.server.tenantId, icAgentId: String(agentId) },
    });
    expect(calls).toBeGreaterThan(0);
    expect(get(r, 'AGENT_VISIBLE').title).toContain(String(agentId));
    expect(JSON.stringify(r)).not.toContain(token);
  });

  it('a session that renews its token on a 401: the renewed token is used, and redacted like the first', async () => {
    const agentId = t.pinAgent(12);
    const stale = 'stale-session-bearer-0123456789';
    const fresh = 'renewed-session-bearer-9876543210';
    let current = stale;
    const refused: string[] = [];
    t.server.settings.acceptToken = (tok) => tok === fresh;
    // A later answer echoes the renewed token: it must not reach the report.
    t.server.faults.add({ kind: 'status', status: 403, statusDescription: `Refused for ${fresh}`, path: 'skills/activity', count: 1 });
    const r = await run({
      getAccessToken: async () => current,
      onUnauthorized: (tok) => {
        refused.push(tok);
        current = fresh;
      },
      identity: { issuer: t.server.url, tenantId: t.server.tenantId, icAgentId: String(agentId) },
    });
    expect(refused).toEqual([stale]);
    expect(codes(r)).not.toContain('UNAUTHORIZED');
    expect(get(r, 'AGENT_VISIBLE').title).toContain(String(agentId));
    expect(get(r, 'SKILL_ACTIVITY_FORBIDDEN').detail).toContain('Refused for [redacted]');
    expect(JSON.stringify(r)).not.toContain(fresh);
  });

  it('TOKEN_MISSING when the session cannot give a token', async () => {
    const r = await run({ getAccessToken: async () => Promise.reject(new Error('Not signed in.')) });
    expect(get(r, 'TOKEN_MISSING').detail).toContain('Not signed in.');
  });

  it('demo mode needs no token', async () => {
    const r = await run({ demo: true, apiEndpoint: t.server.url });
    expect(codes(r)).toEqual(['DEMO_TENANT', 'API_HOST_FOUND', 'NO_AGENT_ID', 'LIST_SUMMARY', 'SKILL_ACTIVITY_OK']);
  });

  it('NO_AGENT_ID says where an agent id goes: the flag on the command line, the box in the app (with an id from the list)', async () => {
    const cli = get(await run({ demo: true, apiEndpoint: t.server.url }), 'NO_AGENT_ID').fix;
    expect(cli).toMatch(/^Pass --agent-id \d+ to ask about one agent\.$/);
    const app = get(await run({ demo: true, apiEndpoint: t.server.url, context: 'app' }), 'NO_AGENT_ID').fix;
    expect(app).toMatch(/^Enter an agent id \(e\.g\. \d+\) in "Agent to look for" to ask about one agent\.$/);
    // Signed in as a user without an agent record: the same, per side.
    const session = { issuer: t.server.url, tenantId: t.server.tenantId, icAgentId: null };
    expect(get(await run({ accessToken: t.accessToken(), identity: session, context: 'app' }), 'NO_AGENT_ID').fix).toMatch(/in "Agent to look for"/);
    expect(get(await run({ accessToken: t.accessToken(), idToken: t.idToken(null) }), 'NO_AGENT_ID').fix).toMatch(/^Pass --agent-id \d+ /);
  });
});

describe('redaction', () => {
  it('a token echoed back by the server never reaches the report, JSON or text', async () => {
    const token = t.accessToken();
    const opaque = 'opaque-secret-token-0123456789';
    for (const tok of [token, opaque]) {
      t.server.faults.add({ kind: 'status', status: 403, statusDescription: `Token ${tok} refused`, path: 'agents/states', count: 1 });
      const r = await run({ accessToken: tok, apiEndpoint: t.server.url });
      expect(get(r, 'FORBIDDEN').detail).toContain('[redacted]');
      expect(JSON.stringify(r)).not.toContain(tok);
      expect(formatReport(r)).not.toContain(tok);
    }
  });
});

describe('redaction of the id token', () => {
  it('an id token echoed back by the server never reaches the report either, JWT or not', async () => {
    // A JWT would be caught by its shape alone; an opaque one only because it is known to be a secret.
    for (const idToken of [t.idToken(null), 'opaque-id-token-0123456789abcdef']) {
      t.server.faults.add({ kind: 'status', status: 403, statusDescription: `Token ${idToken} refused`, path: 'agents/states', count: 1 });
      const r = await run({ accessToken: t.accessToken(), idToken });
      expect(get(r, 'FORBIDDEN').detail).toContain('[redacted]');
      expect(JSON.stringify(r)).not.toContain(idToken);
      expect(formatReport(r)).not.toContain(idToken);
    }
  });
});

describe('which token speaks for the user', () => {
  it("the id token's tenantId wins over the access token's (discovery finds the API host with it)", async () => {
    const r = await run({ accessToken: t.accessToken({ tenantId: 'another-tenant' }), idToken: t.idToken(null) });
    expect(codes(r)).toContain('API_HOST_FOUND');
    expect(codes(r)).not.toContain('DISCOVERY_FAILED');
  });

  it("the id token's iss wins over the access token's, which may name an older host", async () => {
    const r = await run({ accessToken: t.accessToken({ iss: 'http://127.0.0.1:9' }), idToken: t.idToken(null) });
    expect(get(r, 'API_HOST_FOUND').detail).toContain(`Discovered from ${t.server.url}/.well-known/cxone-configuration`);
    expect(codes(r)).not.toContain('DISCOVERY_FAILED');
  });

  it("the id token's icAgentId wins over one in the access token", async () => {
    const mine = t.pinAgent(13);
    const other = t.pinAgent(14);
    const r = await run({ accessToken: t.accessToken({ icAgentId: String(other) }), idToken: t.idToken(mine) });
    expect(r.agent).toMatchObject({ agentId: mine });
  });

  it('says whose identity lacks an icAgentId: the id token, or the signed-in session', async () => {
    const fromIdToken = await run({ accessToken: t.accessToken(), idToken: t.idToken(null) });
    expect(get(fromIdToken, 'NO_AGENT_ID').detail).toMatch(/^The id token has no icAgentId claim/);
    const fromSession = await run({ accessToken: t.accessToken(), identity: { issuer: t.server.url, tenantId: t.server.tenantId, icAgentId: null } });
    expect(get(fromSession, 'NO_AGENT_ID').detail).toMatch(/^The signed-in user's identity has no icAgentId claim/);
  });
});

describe('demo mode with the app\'s own placeholder token', () => {
  it('skips token checks when demo is set, whatever getAccessToken returns', async () => {
    const r = await runDoctor({ demo: true, getAccessToken: async () => 'demo', identity: { issuer: t.server.url, tenantId: t.server.tenantId, icAgentId: null } });
    expect(r.findings.map((f) => f.code)).toEqual(['DEMO_TENANT', 'API_HOST_FOUND', 'NO_AGENT_ID', 'LIST_SUMMARY', 'SKILL_ACTIVITY_OK']);
    expect(r.findings[0]!.title).toBe('Running against the built-in demo tenant');
  });
});

describe('robustness', () => {
  it('never throws: a failing app filter becomes a finding', async () => {
    const agentId = t.pinAgent(11);
    const r = await run({
      accessToken: t.accessToken(),
      agentId: String(agentId),
      appFilter: {
        describe: 'broken scope',
        hides: () => {
          throw new Error('scope exploded');
        },
      },
    });
    const f = get(r, 'UNEXPECTED_RESPONSE');
    expect(f.detail).toContain('scope exploded');
    expect(r.ok).toBe(false);
  });
});

describe('the token and host checks, word for word', () => {
  const noon = Date.parse('2026-01-01T12:00:00.000Z');
  const atNoon = { ...systemClock, now: () => noon };

  it('TOKEN_VALID lists the claims it read, and says when there is no exp', async () => {
    const claims = { iss: t.server.url, tenantId: t.server.tenantId, icBUId: 4600000 };
    const valid = await run({ accessToken: mintJwt({ ...claims, exp: noon / 1000 + 3600 }), clock: atNoon });
    expect(get(valid, 'TOKEN_VALID')).toMatchObject({
      title: 'The access token is a readable, unexpired JWT',
      detail: `Claims: tenantId ${t.server.tenantId}, iss ${t.server.url}, icBUId 4600000, expires 2026-01-01T13:00:00.000Z (in 1 h 00 m).`,
    });
    const noExp = await run({ accessToken: mintJwt({ iss: t.server.url, tenantId: t.server.tenantId }), clock: atNoon });
    expect(get(noExp, 'TOKEN_VALID').detail).toBe(`Claims: tenantId ${t.server.tenantId}, iss ${t.server.url}, no exp claim.`);
  });

  it('TOKEN_EXPIRED says when exp was by both clocks, and the 401 repeats how long ago', async () => {
    t.server.settings.acceptToken = () => false;
    const r = await run({ accessToken: t.accessToken({ exp: noon / 1000 - 600 }), clock: atNoon });
    expect(get(r, 'TOKEN_EXPIRED')).toMatchObject({
      title: 'The access token has expired',
      detail: "exp is 2026-01-01T11:50:00.000Z, 10 m 00 s before this machine's clock (2026-01-01T12:00:00.000Z); 60 s of clock skew is allowed. CXone access tokens live 3600 s.",
      fix: expect.stringMatching(/^Refresh the token \(refresh_token grant\)/),
    });
    expect(get(r, 'UNAUTHORIZED').detail).toContain("The token's exp (2026-01-01T11:50:00.000Z) passed 10 m 00 s ago.");
  });

  it('a token read from the session is checked like a given one', async () => {
    const r = await run({ getAccessToken: async () => t.accessToken({ exp: nowSeconds() - 600 }) });
    expect(codes(r)).toContain('TOKEN_EXPIRED');
  });

  it('SCOPES_IRRELEVANT quotes the scopes the token lists', async () => {
    const r = await run({ accessToken: t.accessToken({ scope: 'openid view:agent' }) });
    expect(get(r, 'SCOPES_IRRELEVANT')).toMatchObject({ title: 'Scopes do not decide what agents/states returns', detail: expect.stringMatching(/^The token lists the scopes "openid", "view:agent"\. CXone has only/) });
  });

  it('TOKEN_NO_TENANT ends the run without a second DISCOVERY_FAILED, and says what to do per case', async () => {
    const noTenant = mintJwt({ iss: t.server.url, exp: nowSeconds() + 600 });
    const r = await run({ accessToken: noTenant });
    expect(codes(r)).toEqual(['TOKEN_VALID', 'TOKEN_NO_TENANT']);
    expect(get(r, 'TOKEN_NO_TENANT')).toMatchObject({
      title: 'The token has no tenantId claim',
      detail: 'Without tenantId, the API host cannot be discovered (GET {iss}/.well-known/cxone-configuration?tenantId=…).',
      fix: 'Use a CXone access token or pass --id-token from the same sign-in; or give the host with --api-endpoint.',
    });
    expect(get(await run({ accessToken: noTenant, apiEndpoint: t.server.url }), 'TOKEN_NO_TENANT').detail).toMatch(/ The given --api-endpoint is used unchecked\.$/);
    // An opaque access token with an id token that lacks tenantId: the id token's claims were read, so the same.
    const withId = await run({ accessToken: 'opaque-token-value-123', idToken: mintJwt({ iss: t.server.url }) });
    expect(codes(withId)).toEqual(['TOKEN_NOT_JWT', 'TOKEN_NO_TENANT']);
    // Nothing readable at all: the host is unknown (one finding, not also TOKEN_NO_TENANT).
    const unread = await run({ accessToken: 'opaque-token-value-123' });
    expect(get(unread, 'DISCOVERY_FAILED')).toMatchObject({ title: 'The API host is unknown', detail: 'The token cannot be read and no --api-endpoint was given, so there is no host to ask.', fix: 'Pass --api-endpoint, or --id-token with --issuer.' });
    expect(get(unread, 'TOKEN_NOT_JWT')).toMatchObject({ title: 'The access token is not a readable JWT', fix: expect.stringMatching(/^Pass --id-token \(for iss, tenantId, icAgentId\) or --issuer\/--api-endpoint/) });
    expect(get(await run({ accessToken: 'opaque-token-value-123', apiEndpoint: t.server.url }), 'TOKEN_NOT_JWT').fix).toBe('Pass --id-token (for tenantId and icAgentId) so the doctor can check the agent id.');
  });

  it('an unreadable id token is named as such, and its claims are not used', async () => {
    const r = await run({ accessToken: t.accessToken(), idToken: 'opaque-id-token-0123456789' });
    expect(get(r, 'TOKEN_NOT_JWT')).toMatchObject({
      title: 'The id token is not a readable JWT',
      detail: expect.stringMatching(/^The id token cannot be decoded as a JWT: .+\. Its claims \(iss, tenantId, icAgentId\) are not used\.$/),
      fix: 'Pass the id_token from the same sign-in as the access token.',
    });
  });

  it('values pasted with spaces or a line break around them still work', async () => {
    const agentId = t.pinAgent(16);
    const token = t.accessToken();
    const r = await run({ accessToken: `  ${token}\n`, issuer: ` ${t.server.url} `, agentId: ` ${agentId} `, apiVersion: ' v34.0 ' });
    expect(codes(r)).toContain('AGENT_VISIBLE');
    expect(get(r, 'API_HOST_FOUND').detail).toBe(`Discovered from ${t.server.url}/.well-known/cxone-configuration for tenant ${t.server.tenantId} (area sim1) (issuer given with --issuer).`);
    const session = await run({ getAccessToken: async () => `${token}\n`, apiEndpoint: ` ${t.server.url}/ `, agentId: String(agentId) });
    expect(codes(session)).toContain('TOKEN_VALID');
    expect(codes(session)).toContain('AGENT_VISIBLE');
  });

  it('a given host is named without trailing slashes, its own path kept', async () => {
    const r = await run({ accessToken: t.accessToken(), apiEndpoint: `${t.server.url}//` });
    expect(get(r, 'API_HOST_FOUND').title).toBe(`Using the given API host ${t.server.url}`);
    const proxied = await run({ accessToken: t.accessToken(), apiEndpoint: `${t.server.url}/cxone-proxy/` });
    expect(get(proxied, 'API_HOST_FOUND').title).toBe(`Using the given API host ${t.server.url}/cxone-proxy`);
    const demo = await run({ demo: true, apiEndpoint: t.server.url });
    expect(get(demo, 'API_HOST_FOUND').detail).toBe("The demo tenant's own host is used, so API discovery was skipped.");
    expect(get(demo, 'DEMO_TENANT').detail).toBe('The demo tenant needs no sign-in: token checks are skipped and the simulated API answers like CXone.');
  });

  it('URL_NOT_ALLOWED names the API endpoint and what is allowed', async () => {
    const f = get(await run({ accessToken: t.accessToken(), apiEndpoint: 'http://api-na1.niceincontact.com' }), 'URL_NOT_ALLOWED');
    expect(f).toMatchObject({ title: 'The API endpoint is not allowed', detail: "The API endpoint must use https (plain http is allowed only for 127.0.0.1, localhost and [::1]).", fix: "Use an https URL (plain http only for 127.0.0.1, localhost or [::1])." });
  });

  it('DISCOVERY_FAILED: the advice for an issuer that cannot be reached is to check it, not the 404 advice', async () => {
    const f = get(await run({ accessToken: t.accessToken(), issuer: 'http://127.0.0.1:9' }), 'DISCOVERY_FAILED');
    expect(f).toMatchObject({ title: 'API discovery failed', fix: 'Check the issuer URL (--issuer) and the network, or give the API host with --api-endpoint.' });
    expect(f.detail).toMatch(/^GET http:\/\/127\.0\.0\.1:9\/\.well-known\/cxone-configuration\?tenantId=\S+ → no usable answer: /);
    const noIss = get(await run({ accessToken: mintJwt({ tenantId: t.server.tenantId, exp: nowSeconds() + 600 }) }), 'DISCOVERY_FAILED');
    expect(noIss.detail).toBe('Neither token carries an iss claim and no --issuer was given.');
  });

  it('TOKEN_MISSING: the words for a session without a token, for the app and for the command line', async () => {
    expect(get(await run({ getAccessToken: () => Promise.reject(new Error('Not signed in.')) }), 'TOKEN_MISSING')).toMatchObject({ title: 'There is no access token', fix: 'Sign in first.' });
    expect(get(await run({ context: 'app' }), 'TOKEN_MISSING')).toMatchObject({ detail: 'The app has no sign-in, so nothing can be asked of CXone.', fix: expect.stringMatching(/^Sign in to your CXone tenant \(tray menu or Settings → Connection\)/) });
    expect(get(await run({}), 'TOKEN_MISSING')).toMatchObject({ title: 'There is no access token', detail: 'No token was given (--access-token or CXONE_ACCESS_TOKEN), so nothing can be asked of CXone.' });
  });
});

describe('the queries and the agent: which finding fires, in which words', () => {
  /** Real HTTP, except that agents/states bodies leave out the given agent (as a restricted user's would). */
  const without = (agentId: number): FetchLike => async (input, init) => {
    const res = await fetch(input, init);
    if (!String(input).includes('/agents/states') || res.status !== 200) return res;
    const body = (await res.json()) as { agentStates: Array<{ agentId: number }>; totalRecords: number };
    body.agentStates = body.agentStates.filter((a) => a.agentId !== agentId);
    body.totalRecords -= 1;
    return new Response(JSON.stringify(body), { status: 200, headers: { 'content-type': 'application/json' } });
  };

  it('a refused agent record (403, not 404) is FORBIDDEN on that call, with no agent state after it', async () => {
    const agentId = t.pinAgent(17);
    t.server.faults.add({ kind: 'status', status: 403, path: new RegExp(`/agents/${agentId}$`) });
    const r = await run({ accessToken: t.accessToken(), agentId: String(agentId) });
    expect(get(r, 'FORBIDDEN').detail).toMatch(new RegExp(`^GET agents/${agentId} → HTTP 403\\.`));
    expect(codes(r)).not.toContain('AGENT_NOT_FOUND');
    expect(codes(r)).not.toContain('AGENT_VISIBLE');
    expect(codes(r)).not.toContain('UNEXPECTED_RESPONSE');
    expect(r.agent).toBeUndefined();
  });

  it('a user UUID whose lookup is refused (403) is FORBIDDEN on that call, not "no agent record"', async () => {
    const uuid = t.sim.agents[0]!.userId;
    t.server.faults.add({ kind: 'status', status: 403, path: `/agents/${uuid}` });
    const r = await run({ accessToken: t.accessToken(), agentId: uuid });
    expect(get(r, 'FORBIDDEN').detail).toMatch(new RegExp(`^GET agents/${uuid} → HTTP 403\\.`));
    expect(codes(r)).not.toContain('AGENT_NOT_FOUND');
    expect(codes(r)).not.toContain('AGENT_ID_IS_USER_UUID');
  });

  it("an agent the list leaves out whose own state call fails (503) is that call's failure, not AGENT_NOT_FOUND", async () => {
    const agentId = t.pinAgent(18);
    t.server.faults.add({ kind: 'status', status: 503, path: `/agents/${agentId}/states` });
    const r = await run({ accessToken: t.accessToken(), agentId: String(agentId), fetch: without(agentId) });
    expect(get(r, 'SERVICE_UNAVAILABLE').detail).toMatch(new RegExp(`^GET agents/${agentId}/states → HTTP 503\\.`));
    expect(codes(r)).not.toContain('AGENT_NOT_FOUND');
    expect(r.agent).toBeUndefined();
  });

  it('AGENT_NOT_FOUND for an unknown id: one finding, its words, and no agent record', async () => {
    const r = await run({ accessToken: t.accessToken(), agentId: '999' });
    expect(codes(r).filter((c) => c === 'AGENT_NOT_FOUND')).toHaveLength(1);
    expect(get(r, 'AGENT_NOT_FOUND')).toMatchObject({ title: 'CXone has no agent 999', fix: expect.stringMatching(/^Check the id: it is the numeric ACD agent id \(icAgentId\)/) });
    expect(codes(r)).not.toContain('UNEXPECTED_RESPONSE');
    expect(r.agent).toBeUndefined();
  });

  it('an id that is no id: one AGENT_NOT_FOUND, and the list-level checks of the query still run', async () => {
    const r = await run({ accessToken: t.accessToken(), agentId: `x${t.sim.agents[0]!.agentId}`, fields: ['agentId'], updatedSince: new Date(t.sim.now() + 1).toISOString() });
    expect(codes(r).filter((c) => c === 'AGENT_NOT_FOUND')).toHaveLength(1);
    expect(get(r, 'AGENT_NOT_FOUND').fix).toBe("Use the numeric agent id (the id token's icAgentId).");
    expect(codes(r)).toContain('FIELDS_TOO_NARROW');
    expect(codes(r)).toContain('NO_CHANGE_SINCE');
    // Partial: the report is about that id, so no summary of the whole list.
    expect(codes(r)).not.toContain('LIST_SUMMARY');
    // Nor is a UUID with something before or after it.
    const uuid = t.sim.agents[0]!.userId;
    for (const glued of [`x${uuid}`, `${uuid}0`]) expect(get(await run({ accessToken: t.accessToken(), agentId: glued }), 'AGENT_NOT_FOUND').title, glued).toBe(`"${glued}" is not an agent id`);
  });

  it("AGENT_ID_IS_USER_UUID: the words for a UUID with an agent record, and for one without", async () => {
    const agentId = t.pinAgent(5);
    const uuid = t.sim.agents.find((a) => a.agentId === agentId)!.userId;
    expect(get(await run({ accessToken: t.accessToken(), agentId: uuid }), 'AGENT_ID_IS_USER_UUID').detail).toMatch(
      new RegExp(`^the agent id given is a user UUID \\(sub/userId\\), but the state endpoints take the numeric ACD agent id\\. GET agents/${uuid} resolves it to agent ${agentId} \\(`),
    );
    const none = '0f8fad5b-d9cb-469f-a165-70867728950e';
    const r = await run({ accessToken: t.accessToken(), agentId: `user:${none}` });
    expect(get(r, 'AGENT_ID_IS_USER_UUID')).toEqual({
      code: 'AGENT_ID_IS_USER_UUID',
      severity: 'warning',
      title: `user:${none} is a user UUID, not an agent id`,
      detail: 'the agent id given is a user UUID (sub/userId); the state endpoints take the numeric ACD agent id.',
      fix: "Use the numeric agent id (the id token's icAgentId).",
    });
    expect(get(r, 'AGENT_NOT_FOUND')).toMatchObject({
      title: `No agent record for user ${none}`,
      detail: expect.stringMatching(new RegExp(`^GET agents/${none} → HTTP 404 \\("[^"]+"\\): this user has no ACD agent record in the business unit\\.$`)),
      fix: 'Ask a CXone administrator to give the user an agent record, or ask about another agent.',
    });
  });

  it('AGENT_NOT_IN_LIST over a paged list says how many pages were followed, and is not also PAGED_OUT', async () => {
    t.server.settings.defaultPageSize = 10;
    const agentId = t.pinAgent(19);
    const r = await run({ accessToken: t.accessToken(), agentId: String(agentId), fetch: without(agentId) });
    const f = get(r, 'AGENT_NOT_IN_LIST');
    expect(f.title).toBe(`Agent ${agentId} has a state but is not in agents/states`);
    expect(f.detail).toContain(`GET agents/states (${t.sim.agents.length - 1} agents, 4 pages followed) does not list them`);
    expect(codes(r)).not.toContain('PAGED_OUT');
    // One page: no pages named.
    t.server.settings.defaultPageSize = null;
    expect(get(await run({ accessToken: t.accessToken(), agentId: String(agentId), fetch: without(agentId) }), 'AGENT_NOT_IN_LIST').detail).toContain(`GET agents/states (${t.sim.agents.length - 1} agents) does not list them`);
  });

  it('AGENT_INACTIVE, AGENT_LOGGED_OUT and HIDDEN_BY_APP_FILTER in their words', async () => {
    const inactive = t.sim.agents.find((a) => !a.isActive)!;
    const r = await run({ accessToken: t.accessToken(), agentId: String(inactive.agentId) });
    expect(get(r, 'AGENT_INACTIVE')).toMatchObject({
      title: `Agent ${inactive.agentId} is inactive`,
      detail: expect.stringMatching(new RegExp(`^GET agents/${inactive.agentId} → isActive: false \\(.+, team ${inactive.teamName}\\)\\. An inactive agent`)),
      fix: 'Ask a CXone administrator to reactivate the agent, or use the id of the active record.',
    });
    const out = t.pinAgent(6, 'LoggedOut');
    expect(get(await run({ accessToken: t.accessToken(), agentId: String(out) }), 'AGENT_LOGGED_OUT')).toMatchObject({
      title: `Agent ${out} is logged out`,
      detail: expect.stringContaining('. agents/states lists the agent as LoggedOut. A logged-out agent'),
      fix: 'The agent must log in to the ACD (agent application); signing in to CXone alone is not an ACD login.',
    });
    const shown = t.pinAgent(9);
    const hidden = await run({ accessToken: t.accessToken(), agentId: String(shown), appFilter: { describe: 'watch scope', hides: () => true } });
    expect(get(hidden, 'HIDDEN_BY_APP_FILTER')).toMatchObject({
      title: `The app's watch scope hides agent ${shown}`,
      detail: expect.stringMatching(/, but the app's watch scope does not include this agent\.$/),
      fix: 'Change the watch scope or filters in the app to include this agent.',
    });
    // The whole list hidden: the fix says what to change.
    expect(get(await run({ accessToken: t.accessToken(), appFilter: { describe: 'watch scope', hides: () => true } }), 'HIDDEN_BY_APP_FILTER').fix).toBe('Change the watch scope or filters in the app.');
  });

  it('AGENT_VISIBLE names the team and the time in state', async () => {
    const agentId = t.pinAgent(20, 'Available');
    const a = t.sim.agents.find((x) => x.agentId === agentId)!;
    const f = get(await run({ accessToken: t.accessToken(), agentId: String(agentId) }), 'AGENT_VISIBLE');
    expect(f.detail).toMatch(new RegExp(`^GET agents/states lists agent ${agentId} \\(.+, team ${a.teamName}\\) as Available since \\S+ \\(.+ ago\\)\\.$`));
  });

  it('NO_AGENT_ID in its words: the demo, a user without an agent record, nothing given', async () => {
    expect(get(await run({ demo: true, apiEndpoint: t.server.url }), 'NO_AGENT_ID')).toMatchObject({ title: 'No agent to look for', detail: 'No agent id was given: reporting on the demo list as a whole.' });
    expect(get(await run({ accessToken: t.accessToken(), idToken: t.idToken(null) }), 'NO_AGENT_ID').title).toBe('The signed-in user has no ACD agent id');
    expect(get(await run({ accessToken: t.accessToken() }), 'NO_AGENT_ID')).toEqual({
      code: 'NO_AGENT_ID',
      severity: 'info',
      title: 'No agent to look for',
      detail: 'No --agent-id and no id token with icAgentId: reporting on the list as a whole.',
      fix: 'Pass --agent-id <numeric id> (or --id-token) to ask about one agent.',
    });
  });
});

describe("the user's own query and the list, word for word", () => {
  it('the evidence shows the query as written (no percent-encoding) and the answer with its totalRecords', async () => {
    const agentId = t.pinAgent(21, 'Available');
    const updatedSince = new Date(t.sim.now() + 1).toISOString();
    const f = get(await run({ accessToken: t.accessToken(), agentId: String(agentId), updatedSince }), 'NO_CHANGE_SINCE');
    expect(f.title).toBe(`No change since ${updatedSince}: normal, agent ${agentId} is still Available`);
    expect(f.detail).toMatch(new RegExp(`^GET agents/states\\?updatedSince=${updatedSince.replace(/\./g, '\\.')} → HTTP 200 with 0 items \\(totalRecords 0\\)\\. Without updatedSince`));
    const list = get(await run({ accessToken: t.accessToken(), updatedSince }), 'NO_CHANGE_SINCE');
    expect(list).toMatchObject({
      title: `No change since ${updatedSince}: normal`,
      fix: "Take one full snapshot without updatedSince, then pass each answer's lastPollTime as the next updatedSince and merge.",
    });
  });

  it('skip alone is the user\'s query too, and PAGED_OUT names top and skip as given', async () => {
    const before = t.server.requests.length;
    await run({ accessToken: t.accessToken(), skip: 3 });
    expect(t.server.requests.slice(before).some((q) => new URLSearchParams(q.query).get('skip') === '3')).toBe(true);
    const agentId = t.sim.agents[15]!.agentId;
    const f = get(await run({ accessToken: t.accessToken(), agentId: String(agentId), top: 5, skip: 0 }), 'PAGED_OUT');
    expect(f).toMatchObject({ detail: expect.stringMatching(/^With top=5&skip=0, a page holds 5 agents but totalRecords is \d+; agent \d+ is on page 4\./), fix: 'Follow _links.next (or raise skip by top) until totalRecords agents are read.' });
  });

  it("a user's query answered 200 without an agentStates list is an unreadable answer, not \"no change\"", async () => {
    const agentId = t.pinAgent(22);
    const odd: FetchLike = (input, init) => (String(input).includes('updatedSince=') ? Promise.resolve(new Response('{"status":"ok"}', { status: 200, headers: { 'content-type': 'application/json' } })) : fetch(input, init));
    const r = await run({ accessToken: t.accessToken(), agentId: String(agentId), updatedSince: new Date(t.sim.now() + 1).toISOString(), fetch: odd });
    const f = get(r, 'UNEXPECTED_RESPONSE');
    expect(f.detail).toMatch(/^GET agents\/states\?updatedSince=\S+: CXone answered agents\/states\?updatedSince=\S+ without an agentStates list\. Excerpt: \{"status":"ok"\}$/);
    expect(codes(r)).not.toContain('NO_CHANGE_SINCE');
    // An empty 200 body is "no change", like 204.
    const empty: FetchLike = (input, init) => (String(input).includes('updatedSince=') ? Promise.resolve(new Response('', { status: 200 })) : fetch(input, init));
    const none = await run({ accessToken: t.accessToken(), agentId: String(agentId), updatedSince: new Date(t.sim.now() + 1).toISOString(), fetch: empty });
    expect(get(none, 'NO_CHANGE_SINCE').detail).toContain('→ HTTP 200 with 0 items.');
  });

  it('a projection without agentId cannot show the agent is missing: no NO_CHANGE_SINCE and no PAGED_OUT from it', async () => {
    const agentId = t.sim.agents[0]!.agentId;
    const r = await run({ accessToken: t.accessToken(), agentId: String(agentId), fields: ['agentStateId'], top: 5 });
    expect(codes(r)).not.toContain('NO_CHANGE_SINCE');
    expect(codes(r)).not.toContain('PAGED_OUT');
    expect(get(r, 'FIELDS_TOO_NARROW').severity).toBe('error');
    // A delta answer of items without agentId: not "no change" either.
    const delta = await run({ accessToken: t.accessToken(), agentId: String(agentId), fields: ['agentStateId'], updatedSince: new Date(t.sim.now() - 3600_000).toISOString() });
    expect(codes(delta)).not.toContain('NO_CHANGE_SINCE');
  });

  it('FIELDS_TOO_NARROW in its words: empty, padded and unknown field names', async () => {
    const empty = get(await run({ accessToken: t.accessToken(), fields: [] }), 'FIELDS_TOO_NARROW');
    expect(empty).toMatchObject({ title: 'The fields list leaves out what is needed to show a state', detail: expect.stringMatching(/^fields=\(empty\) omits agentId, agentStateId or agentStateName: /) });
    expect(empty.fix).toBe('Add agentId, agentStateId or agentStateName to fields (and firstName, lastName, outStateDescription, isACW, startDate to show names, break codes and time in state), or drop fields.');
    // Names padded with spaces (as "agentId, agentStateId" splits) count as given.
    const padded = await run({ accessToken: t.accessToken(), fields: [' agentId', ' agentStateName ', 'firstName', 'lastName', 'outStateDescription', 'isACW', 'startDate', ''] });
    expect(codes(padded)).not.toContain('FIELDS_TOO_NARROW');
    const display = get(await run({ accessToken: t.accessToken(), fields: ['agentId', 'agentStateId', 'isACW', ''] }), 'FIELDS_TOO_NARROW');
    expect(display).toMatchObject({
      title: 'The fields list leaves out properties a state list shows',
      detail: expect.stringMatching(/^fields=agentId,agentStateId,isACW omits firstName, lastName, outStateDescription, startDate: states can be matched/),
      fix: 'Add firstName, lastName, outStateDescription, startDate to fields, or drop fields.',
    });
    // A projection of nothing CXone knows: the evidence says the items came empty.
    expect(get(await run({ accessToken: t.accessToken(), fields: ['nothingKnown'] }), 'FIELDS_TOO_NARROW').detail).toMatch(/The first item of the answer carries only: \(nothing\)\.$/);
  });

  it('NO_CHANGE_SINCE when the delta answer lists other agents but not this one (they changed, it did not)', async () => {
    const agentId = t.pinAgent(24, 'Available');
    // Real HTTP, except that delta answers leave this agent out (with a totalRecords to match).
    const othersChanged: FetchLike = async (input, init) => {
      const res = await fetch(input, init);
      if (!String(input).includes('updatedSince=') || res.status !== 200) return res;
      const body = (await res.json()) as { agentStates: Array<{ agentId: number | string }>; totalRecords: number };
      body.agentStates = body.agentStates.filter((a) => Number(a.agentId) !== agentId);
      body.totalRecords = body.agentStates.length;
      return new Response(JSON.stringify(body), { status: 200, headers: { 'content-type': 'application/json' } });
    };
    const f = get(await run({ accessToken: t.accessToken(), agentId: String(agentId), updatedSince: new Date(t.sim.now() - 3600_000).toISOString(), fetch: othersChanged }), 'NO_CHANGE_SINCE');
    expect(f.detail).toMatch(/ → HTTP 200 with \d+ items \(totalRecords \d+\) without this agent\. /);
    // Ids sent as numeric strings (as real tenants do) are read too: the others are told apart from this agent.
    t.server.faults.add({ kind: 'schema-drift', drift: 'agentId-string', path: 'agents/states' });
    const strings = await run({ accessToken: t.accessToken(), agentId: String(agentId), updatedSince: new Date(t.sim.now() - 3600_000).toISOString(), fetch: othersChanged });
    expect(get(strings, 'NO_CHANGE_SINCE').detail).toContain(' without this agent. ');
  });

  it('a delta query CXone refuses, with no agent asked about, is that refusal and the list summary, nothing more', async () => {
    const r = await run({ accessToken: t.accessToken(), updatedSince: 'yesterday' });
    expect(codes(r)).toEqual(['TOKEN_VALID', 'API_HOST_FOUND', 'BAD_REQUEST', 'NO_AGENT_ID', 'LIST_SUMMARY', 'SKILL_ACTIVITY_OK']);
  });

  it("FIELDS_TOO_NARROW even when the user's own query fails", async () => {
    const agentId = t.pinAgent(23);
    const failing: FetchLike = (input, init) => (String(input).includes('fields=') ? Promise.resolve(new Response(null, { status: 503 })) : fetch(input, init));
    const r = await run({ accessToken: t.accessToken(), agentId: String(agentId), fields: ['agentId'], fetch: failing });
    expect(get(r, 'SERVICE_UNAVAILABLE').detail).toMatch(/^GET agents\/states\?fields=agentId → HTTP 503\./);
    expect(get(r, 'FIELDS_TOO_NARROW').severity).toBe('error');
    expect(codes(r)).toContain('AGENT_VISIBLE');
  });

  it('LIST_SUMMARY counts the agents per state category', async () => {
    const byCategory = new Map<string, number>();
    let states: AgentState[] = [];
    const recording: FetchLike = async (input, init) => {
      const res = await fetch(input, init);
      if (String(input).includes('/agents/states') && !String(input).includes('?') && res.status === 200) {
        const { parseAgentStatesPage } = await import('../../main/cxone/schemas');
        states = parseAgentStatesPage(await res.clone().json()).states;
      }
      return res;
    };
    const f = get(await run({ accessToken: t.accessToken(), fetch: recording }), 'LIST_SUMMARY');
    const { CATEGORY_LABELS } = await import('../../main/cxone/model');
    for (const s of states) byCategory.set(s.category, (byCategory.get(s.category) ?? 0) + 1);
    expect(byCategory.size).toBeGreaterThan(1);
    expect(f.detail).toBe(`${[...byCategory].map(([c, k]) => `${k} ${CATEGORY_LABELS[c as AgentState['category']].toLowerCase()}`).join(', ')}.`);
  });

  it('LIST_EMPTY says which answer the full list got: 200 with no items, or 204', async () => {
    const empty = await startSimTenant({ agents: 0 });
    try {
      // In the app, with no agent in the list to offer as an example.
      expect(get(await run({ accessToken: empty.accessToken(), context: 'app' }), 'NO_AGENT_ID').fix).toBe('Enter an agent id in "Agent to look for" to ask about one agent.');
      expect(get(await run({ accessToken: empty.accessToken() }), 'LIST_EMPTY')).toMatchObject({
        title: 'agents/states lists no agents at all',
        detail: 'GET agents/states without updatedSince → HTTP 200 with 0 items. This user sees no agent of this business unit.',
      });
    } finally {
      await empty.stop();
    }
    const noContent: FetchLike = (input, init) => (String(input).includes('/agents/states') ? Promise.resolve(new Response(null, { status: 204 })) : fetch(input, init));
    expect(get(await run({ accessToken: t.accessToken(), fetch: noContent }), 'LIST_EMPTY').detail).toMatch(/^GET agents\/states without updatedSince → HTTP 204\. /);
  });

  it('ITEMS_LEFT_OUT and LIST_INCOMPLETE in their words', async () => {
    t.server.faults.add({ kind: 'schema-drift', drift: 'agentId-missing', path: 'agents/states', count: 1 });
    const left = get(await run({ accessToken: t.accessToken() }), 'ITEMS_LEFT_OUT');
    expect(left.fix).toMatch(/^Check the fields parameter and any proxy that rewrites answers/);
    const n = Number(/^(\d+) items? of agents\/states could not be read$/.exec(left.title)?.[1]);
    expect(n).toBeGreaterThan(0);
    expect(left.detail).toMatch(new RegExp(`^GET agents/states: ${n} ${n === 1 ? 'item was' : 'items were'} left out, every other agent was read\\.`));
    t.server.faults.add({ kind: 'short-list', missing: 3, path: 'agents/states' });
    expect(get(await run({ accessToken: t.accessToken() }), 'LIST_INCOMPLETE')).toMatchObject({
      title: 'agents/states did not send the whole list',
      fix: 'Run the check again; if it lasts, compare totalRecords with the pages CXone sends.',
    });
  });

  it('a failure the checks did not foresee is the doctor\'s own', async () => {
    const r = await run({ accessToken: t.accessToken(), appFilter: { describe: 'broken', hides: () => { throw new Error('scope exploded'); } } });
    expect(get(r, 'UNEXPECTED_RESPONSE')).toMatchObject({ title: 'The doctor failed unexpectedly', detail: 'The doctor: scope exploded' });
  });
});

describe('advice names the controls of whoever reads it', () => {
  /** Every fix of the report; the app's Diagnostics window has no command-line flags, the command line no Settings. */
  const fixes = (r: DoctorReport) => r.findings.map((f) => `${f.code}: ${f.fix ?? ''}`);
  const faults: Array<[string, () => void, Partial<DoctorInput>]> = [
    ['a refused token (401)', () => (t.server.settings.acceptToken = () => false), {}],
    ['a wrong API path (404)', () => {}, { apiVersion: 'v34.0/nope' }],
    ['a dropped connection', () => void t.server.faults.add({ kind: 'reset', path: 'agents/states', count: SENDS_WHEN_DROPPED }), {}],
    ['an unreadable answer', () => void t.server.faults.add({ kind: 'malformed-json', path: 'agents/states', count: 1 }), {}],
    ['no skills/activity (404)', () => void t.server.faults.add({ kind: 'status', status: 404, path: 'skills/activity', count: 1 }), {}],
  ];
  for (const [what, arrange, more] of faults) {
    it(`${what}: flags on the command line, Settings in the app`, async () => {
      const identity = { issuer: t.server.url, tenantId: t.server.tenantId, icAgentId: null };
      arrange();
      const app = await run({ getAccessToken: async () => t.accessToken(), identity, context: 'app', ...more });
      expect(app.ok && what !== 'no skills/activity (404)').toBe(false);
      for (const fix of fixes(app)) expect(fix).not.toMatch(/--[a-z]/);
      // …and the cause's own advice says where in the app to look.
      expect(app.findings.find((f) => f.severity === 'error' || f.severity === 'warning')?.fix).toMatch(/Settings/);
      t.server.faults.clear();
      arrange();
      const cli = await run({ accessToken: t.accessToken(), ...more });
      for (const fix of fixes(cli)) expect(fix).not.toMatch(/Settings/);
      // The same cause either way.
      expect(codes(cli)).toEqual(codes(app));
    });
  }

  it('discovery that fails: the sign-in issuer in the app, --issuer on the command line', async () => {
    const app = await run({ getAccessToken: async () => t.accessToken(), identity: { issuer: 'http://127.0.0.1:9', tenantId: t.server.tenantId, icAgentId: null }, context: 'app' });
    expect(get(app, 'DISCOVERY_FAILED').fix).not.toMatch(/--[a-z]/);
    const unknown = await run({ getAccessToken: async () => t.accessToken(), identity: { issuer: t.server.url, tenantId: '00000000-0000-4000-8000-000000000000', icAgentId: null }, context: 'app' });
    expect(get(unknown, 'DISCOVERY_FAILED').fix).not.toMatch(/--[a-z]/);
  });
});
