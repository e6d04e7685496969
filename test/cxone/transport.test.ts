// The transport (main/cxone/transport.ts) against a plain HTTP server on 127.0.0.1 that each test
// scripts: what goes out on the wire, cancelling, the timeout, the body limit, and that the token
// never shows in an error or a log line.
import { getEventListeners } from 'node:events';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { CxoneClientOptions } from '../../main/cxone/client';
import { CxoneError } from '../../main/cxone/errors';
import { createTransport } from '../../main/cxone/transport';
import type { Logger } from '../../main/ports';
import { ManualClock } from '../auth/helpers';
import { failure } from './failure';

const TOKEN = 'eyJhbGciOiJSUzI1NiJ9.eyJzdWIiOiJhZ2VudC03In0.c2lnbmF0dXJlLW9mLXRoZS10b2tlbg';
const BASE_PATH = '/inContactAPI/services/v34.0';

interface Seen {
  method: string;
  url: string;
  headers: IncomingMessage['headers'];
  body: string;
}
type Handler = (req: IncomingMessage, res: ServerResponse) => void;

let handler: Handler;
const seen: Seen[] = [];
const server = createServer((req, res) => {
  const parts: Buffer[] = [];
  req.on('data', (c: Buffer) => parts.push(c));
  req.on('end', () => {
    seen.push({ method: req.method ?? '', url: req.url ?? '', headers: req.headers, body: Buffer.concat(parts).toString('utf8') });
    handler(req, res);
  });
});
let origin = '';
const logged: Array<[string, string, Record<string, unknown> | undefined]> = [];
const logger: Logger = {
  debug: (m, d) => void logged.push(['debug', m, d]),
  info: (m, d) => void logged.push(['info', m, d]),
  warn: (m, d) => void logged.push(['warn', m, d]),
  error: (m, d) => void logged.push(['error', m, d]),
};

function transport(extra: Partial<CxoneClientOptions> = {}) {
  return createTransport({ baseUrl: `${origin}${BASE_PATH}`, getAccessToken: async () => TOKEN, onUnauthorized: () => {}, logger, ...extra });
}
const json = (body: unknown, headers: Record<string, string> = {}): Handler => (_req, res) => {
  res.writeHead(200, { 'content-type': 'application/json', ...headers });
  res.end(JSON.stringify(body));
};
/** No 8-character piece of the token appears in `text`. */
function holdsPieceOfToken(text: string): boolean {
  for (let i = 0; i + 8 <= TOKEN.length; i++) if (text.includes(TOKEN.slice(i, i + 8))) return true;
  return false;
}

beforeAll(async () => {
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
beforeEach(() => {
  seen.length = 0;
  handler = json({ ok: true });
});
afterAll(async () => {
  server.closeAllConnections();
  await new Promise((r) => server.close(r));
  // No token, nor a piece of one, in any log line of any test here.
  expect(holdsPieceOfToken(JSON.stringify(logged))).toBe(false);
});

describe('what goes out', () => {
  it('a GET carries the bearer token, asks for JSON, and has no body nor content-type', async () => {
    await transport().get('agents/states?top=5');
    expect(seen).toHaveLength(1);
    expect(seen[0]).toMatchObject({ method: 'GET', url: `${BASE_PATH}/agents/states?top=5`, body: '' });
    expect(seen[0]!.headers.authorization).toBe(`Bearer ${TOKEN}`);
    expect(seen[0]!.headers.accept).toBe('application/json');
    expect(seen[0]!.headers['content-type']).toBeUndefined();
  });

  it('a POST carries its JSON body as application/json', async () => {
    await transport().get('agent-sessions/join', { method: 'POST', body: '{"stationId":"x"}' });
    expect(seen[0]).toMatchObject({ method: 'POST', url: `${BASE_PATH}/agent-sessions/join`, body: '{"stationId":"x"}' });
    expect(seen[0]!.headers['content-type']).toBe('application/json');
  });

  it('a base URL with trailing slashes and a path with leading slashes meet at one slash', async () => {
    const t = transport({ baseUrl: `${origin}${BASE_PATH}///` });
    expect(t.baseUrl).toBe(`${origin}${BASE_PATH}`);
    await t.get('/agents');
    const root = transport({ baseUrl: `${origin}/` });
    expect(root.baseUrl).toBe(origin);
    await root.get('teams');
    expect(seen.map((s) => s.url)).toEqual([`${BASE_PATH}/agents`, '/teams']);
  });

  it('refuses plain http to a host that is not loopback, before any request, naming the API endpoint', () => {
    let thrown: unknown;
    try {
      transport({ baseUrl: 'http://api.example.com/inContactAPI/services/v34.0' });
    } catch (e) {
      thrown = e;
    }
    expect(thrown).toBeInstanceOf(CxoneError);
    expect(thrown).toMatchObject({ kind: 'invalid-url', message: expect.stringMatching(/^The API endpoint must use https/) });
    expect(seen).toHaveLength(0);
  });

  it("each answer's Date header goes to onServerDate; an answer without one calls nothing", async () => {
    const dates: string[] = [];
    const t = transport({ onServerDate: (d) => void dates.push(d) });
    handler = (_req, res) => {
      res.setHeader('date', 'Tue, 01 Jan 2030 12:00:00 GMT');
      json({})(_req, res);
    };
    await t.get('a');
    handler = (_req, res) => {
      res.sendDate = false;
      json({})(_req, res);
    };
    await t.get('b');
    expect(dates).toEqual(['Tue, 01 Jan 2030 12:00:00 GMT']);
  });
});

describe('statuses', () => {
  it('204 and 205 have an empty body; a 300 that is not a redirect is an error, not data', async () => {
    const t = transport();
    handler = (_req, res) => {
      res.writeHead(204);
      res.end();
    };
    expect((await t.get('a')).text).toBe('');
    handler = (_req, res) => {
      res.writeHead(205);
      res.end();
    };
    expect(await t.exchange('a')).toMatchObject({ status: 205, text: '' });
    handler = (_req, res) => {
      res.writeHead(300, { 'content-type': 'application/json' });
      res.end('{"choices":[]}');
    };
    expect(await failure(t.get('a'))).toMatchObject({ kind: 'bad-request', status: 300 });
  });

  it('an error names the endpoint: the path, without host or query', async () => {
    handler = (_req, res) => {
      res.writeHead(404);
      res.end();
    };
    const e = await failure(transport().get('agents/123/states?fields=agentId'));
    expect(e).toMatchObject({ kind: 'not-found', status: 404, endpoint: `${BASE_PATH}/agents/123/states` });
    // Without an icStatusDescription the message is the kind's sentence and the status, nothing more.
    expect(e.message).toBe('CXone answered that this item does not exist. (HTTP 404)');
  });

  it('Retry-After is honoured on 429 and 503 only', async () => {
    const t = transport();
    for (const [status, want] of [[429, 9000], [503, 9000], [500, null], [502, null]] as const) {
      handler = (_req, res) => {
        res.writeHead(status, { 'retry-after': '9' });
        res.end();
      };
      expect(await failure(t.get('a')), String(status)).toMatchObject({ status, retryAfterMs: want });
    }
  });

  it('no sign-in is unauthorized before any request, with the failure underneath kept as the cause', async () => {
    const under = new Error('no refresh token');
    const e = await failure(transport({ getAccessToken: async () => { throw under; } }).get('a'));
    expect(e.kind).toBe('unauthorized');
    expect(e.message).toMatch(/sign-in/);
    expect(e.cause).toBe(under);
    expect(seen).toHaveLength(0);
  });
});

describe('cancel and timeout', () => {
  it("the caller's signal cancels a request in flight: a 'network' error that says so, and no warning logged", async () => {
    handler = () => {}; // never answers
    const ctl = new AbortController();
    const warnsBefore = logged.filter((l) => l[0] === 'warn').length;
    const p = failure(transport({ timeoutMs: 30_000 }).get('agent-sessions/1/get-next-event', { method: 'GET', signal: ctl.signal }));
    while (seen.length === 0) await new Promise((r) => setTimeout(r, 5));
    const started = Date.now();
    ctl.abort();
    const e = await p;
    expect(Date.now() - started).toBeLessThan(5000);
    expect(e.kind).toBe('network');
    expect(e.message).toMatch(/was cancelled/);
    expect(logged.filter((l) => l[0] === 'warn').length).toBe(warnsBefore);
  });

  it('a signal already cancelled sends nothing', async () => {
    const ctl = new AbortController();
    ctl.abort();
    const e = await failure(transport().get('a', { method: 'GET', signal: ctl.signal }));
    expect(e.message).toMatch(/was cancelled/);
    expect(seen).toHaveLength(0);
  });

  it("a request leaves neither a timer nor a listener on the caller's signal behind", async () => {
    const clock = new ManualClock();
    const ctl = new AbortController();
    const t = transport({ clock });
    for (let i = 0; i < 3; i++) await t.get('a', { method: 'GET', signal: ctl.signal });
    handler = (_req, res) => {
      res.writeHead(503);
      res.end();
    };
    await failure(t.get('a', { method: 'GET', signal: ctl.signal }));
    // A pending timeout would keep a CLI run alive for up to 15 s after its last request.
    expect(clock.pending()).toBe(0);
    expect(getEventListeners(ctl.signal, 'abort')).toHaveLength(0);
  });

  it('a server that does not answer in time is a timeout naming the host and the limit in seconds, logged as a warning', async () => {
    handler = () => {};
    const e = await failure(transport({ timeoutMs: 1000 }).get('agents/states?top=1'));
    expect(e).toMatchObject({ kind: 'timeout', status: null });
    expect(e.message).toBe(`CXone (${new URL(origin).host}) did not answer within 1 s.`);
    const warn = logged.filter((l) => l[1] === 'cxone request failed').at(-1);
    expect(warn?.[2]).toMatchObject({ endpoint: `${BASE_PATH}/agents/states`, kind: 'timeout' });
    expect(warn?.[2]?.ms).toBeGreaterThanOrEqual(900);
    expect(warn?.[2]?.ms).toBeLessThan(30_000);
  });

  it('each answer is logged with its endpoint, status, time and size', async () => {
    handler = json({ a: 1 });
    await transport().get('teams?top=1');
    const line = logged.filter((l) => l[1] === 'cxone response').at(-1);
    expect(line?.[2]).toMatchObject({ endpoint: `${BASE_PATH}/teams`, status: 200, bytes: 7 });
    expect(line?.[2]?.ms).toBeGreaterThanOrEqual(0);
    expect(line?.[2]?.ms).toBeLessThan(30_000);
  });
});

describe('the body limit', () => {
  const MIB = 1024 * 1024;

  it('a declared Content-Length over the limit is refused at once, without waiting for the body, naming the limit', async () => {
    handler = (_req, res) => {
      res.writeHead(200, { 'content-type': 'application/json', 'content-length': String(2 * MIB) });
      res.write('{"agentStates":['); // and then nothing: the rest would never come
    };
    const e = await failure(transport({ maxBodyBytes: MIB, timeoutMs: 5_000 }).get('agents/states'));
    expect(e).toMatchObject({ kind: 'malformed', path: '(body)', status: 200 });
    expect(e.message).toMatch(/larger than 1 MiB/);
  });

  it('a body sent without a length is cut off past the limit; one of exactly the limit is read whole', async () => {
    const limit = 4096;
    const chunked = (size: number): Handler => (_req, res) => {
      res.writeHead(200, { 'content-type': 'text/plain' }); // no content-length: chunked
      for (let i = 0; i < size; i += 1000) res.write('x'.repeat(Math.min(1000, size - i)));
      res.end();
    };
    const t = transport({ maxBodyBytes: limit });
    handler = chunked(limit);
    expect((await t.get('a')).text).toHaveLength(limit);
    expect(seen.at(-1)?.headers['content-length']).toBeUndefined();
    handler = chunked(limit + 1);
    expect(await failure(t.get('a'))).toMatchObject({ kind: 'malformed', path: '(body)' });
    handler = (_req, res) => {
      res.writeHead(200, { 'content-length': String(limit) });
      res.end('y'.repeat(limit));
    };
    expect((await t.get('a')).text).toHaveLength(limit);
  });
});

describe('the token never shows', () => {
  it('a body that is not JSON is malformed with an excerpt, and an echoed token is cut out of it', async () => {
    const t = transport();
    handler = (_req, res) => {
      res.writeHead(200, { 'content-type': 'text/plain' });
      res.end(`refused:\n  Authorization: Bearer ${TOKEN}`);
    };
    const x = await t.get('teams');
    let e: unknown;
    try {
      t.json(x);
    } catch (err) {
      e = err;
    }
    expect(e).toBeInstanceOf(CxoneError);
    expect(e).toMatchObject({ kind: 'malformed', path: '(body)', status: 200, endpoint: `${BASE_PATH}/teams`, excerpt: 'refused: Authorization: Bearer …' });
    expect((e as CxoneError).message).toContain(`${BASE_PATH}/teams`);
    handler = (_req, res) => {
      res.writeHead(200, { 'content-type': 'application/json' });
      res.end(`{"echo":"${TOKEN}",`);
    };
    try {
      t.json(await t.get('teams'));
    } catch (err) {
      e = err;
    }
    expect(e).toMatchObject({ kind: 'malformed', excerpt: '{"echo":"…",' });
    const all = JSON.stringify((e as CxoneError).toJSON()) + (e as CxoneError).message;
    expect(holdsPieceOfToken(all)).toBe(false);
  });

  it("a reader's error other than 'malformed' passes through unchanged", async () => {
    const t = transport();
    const x = await t.get('teams');
    const own = new CxoneError({ kind: 'conflict', message: 'already joined' });
    const bug = new RangeError('a bug in a reader');
    expect(() => t.parseBody(x, () => { throw own; })).toThrow(own);
    expect(() => t.parseBody(x, () => { throw bug; })).toThrow(bug);
  });

  it('a next-page link that is not a URL, or leads to another host, is not followed', () => {
    const t = transport();
    const here = `${origin}${BASE_PATH}/agents?top=2`;
    expect(t.linkUrl('http://[not-a-host/agents?skip=2', here)).toBeNull();
    expect(t.linkUrl('https://elsewhere.example.com/agents?skip=2', here)).toBeNull();
    expect(t.linkUrl('agents?skip=2', here)?.href).toBe(`${origin}${BASE_PATH}/agents?skip=2`);
    // Each refusal is a warning that says what was refused, so a short list can be explained.
    const warns = logged.filter((l) => l[0] === 'warn').slice(-2);
    expect(warns).toEqual([
      ['warn', expect.stringMatching(/not a URL/), { link: 'http://[not-a-host/agents?skip=2' }],
      ['warn', expect.stringMatching(/another host/), { host: 'elsewhere.example.com' }],
    ]);
  });

  it('a 401 is logged with the endpoint, then the call is retried once with a fresh token', async () => {
    const refused: string[] = [];
    let answered = 0;
    handler = (_req, res) => {
      answered += 1;
      res.writeHead(answered === 1 ? 401 : 200, { 'content-type': 'application/json' });
      res.end('{}');
    };
    await transport({ onUnauthorized: (t) => void refused.push(t) }).get('agents/states?top=1');
    expect(refused).toEqual([TOKEN]);
    expect(seen).toHaveLength(2);
    expect(logged.filter((l) => l[0] === 'info').at(-1)).toEqual(['info', expect.stringMatching(/401/), { endpoint: `${BASE_PATH}/agents/states` }]);
  });
});
