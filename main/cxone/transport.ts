// How the CXone client talks HTTP: URLs under the API base, the bearer token, the timeout (body
// included), the 401 rule (tell the session, take a fresh token, retry once), a GET sent again when its
// connection closed before any answer, the body size limit, and CxoneErrors for every failure
// (main/cxone/errors.ts). The client (client.ts) and its paging (paging.ts) build on it.
import { AuthError } from '../auth/errors';
import type { Clock, FetchLike, Logger } from '../ports';
import { silentLogger, systemClock } from '../ports';
import { unansweredWords } from '../net/fetch-failure';
import { resendingDropped } from '../net/resend-dropped';
import { CxoneError, cxoneUrlOrThrow, excerptOf, kindForStatus, parseRetryAfter, sentenceFor } from './errors';
import type { CxoneClientOptions } from './client';

/** One answer as read: status, the headers the client uses, the body as text, and where it came from. */
export interface Exchange {
  status: number;
  statusDescription: string | null;
  retryAfter: string | null;
  contentType: string | null;
  text: string;
  url: string;
  endpoint: string;
}

/** How one request goes out; GET with the client's timeout unless said otherwise. */
export interface RequestSpec {
  method: 'GET' | 'POST';
  /** JSON text for a POST. */
  body?: string;
  timeoutMs?: number;
  signal?: AbortSignal;
}

const GET: RequestSpec = { method: 'GET' };

export interface Transport {
  /** The API base without a trailing slash. */
  readonly baseUrl: string;
  readonly logger: Logger;
  /** A path under baseUrl ("agents/states?top=5"). */
  apiUrl(path: string): URL;
  /** A `_links.next` resolved against the URL it came with; null (logged) when it is not a URL or leaves our host. */
  linkUrl(link: string, requestUrl: string): URL | null;
  /** One request with the 401 rule; any status comes back. */
  exchange(pathOrUrl: string | URL, req?: RequestSpec): Promise<Exchange>;
  /** A request that must succeed (2xx or 304); anything else becomes the matching CxoneError. */
  get(pathOrUrl: string | URL, req?: RequestSpec): Promise<Exchange>;
  /** The body as JSON; 'malformed' when it is not. */
  json(x: Exchange): unknown;
  /** Runs a body's reader, attaching the endpoint and status to a 'malformed' error it raises. */
  parseBody<T>(x: Exchange, parse: () => T): T;
  /**
   * Ends this transport: requests in flight are cancelled and later ones fail at once, unsent — a
   * CxoneError 'network' ("… was cancelled"). So a list being paged stops at its next page.
   */
  close(): void;
}

/** False for 204, 304 and a blank body. */
export const hasBody = (x: Exchange) => x.status !== 204 && x.status !== 304 && x.text.trim() !== '';

/** What one request needs: how it goes out, the default timeout, the body limit, and where it logs. */
interface Wire {
  send: FetchLike;
  clock: Clock;
  logger: Logger;
  timeoutMs: number;
  maxBodyBytes: number;
  onServerDate?: (date: string) => void;
}

/** The wire for `options`: the fetch (resending a GET a closed kept-alive connection dropped), limits, clock and log. */
function wireFor(options: CxoneClientOptions): Wire {
  const logger = options.logger ?? silentLogger;
  // A GET whose kept-alive connection the server had just closed is sent again (resend-dropped.ts):
  // one stale socket would otherwise show "backing off" and cost a full resync.
  const send: FetchLike = resendingDropped(options.fetch ?? ((input, init) => fetch(input, init)), (d) =>
    logger.info('cxone connection closed before an answer; sending the GET again', { endpoint: new URL(d.url).pathname, reason: d.reason, sent: d.sent }),
  );
  return {
    send,
    clock: options.clock ?? systemClock,
    logger,
    timeoutMs: options.timeoutMs ?? 15_000,
    maxBodyBytes: options.maxBodyBytes ?? 64 * 1024 * 1024,
    ...(options.onServerDate ? { onServerDate: options.onServerDate } : {}),
  };
}

/** What a request of a closed transport fails with, unsent (the words sendOnce gives a cancelled one). */
const closedError = (url: URL) => new CxoneError({ kind: 'network', endpoint: url.pathname, message: `The request to CXone (${url.host}) was cancelled.` });

/**
 * A signal that aborts when any of `signals` does, and `release` to unhook it from them once the request
 * is done. (Not AbortSignal.any: its composites of a long-lived signal — the transport's life — have
 * leaked in Node releases up to 2026.)
 */
function linkSignals(...signals: (AbortSignal | undefined)[]): { signal: AbortSignal; release: () => void } {
  const ctl = new AbortController();
  const abort = () => ctl.abort();
  const sources = signals.filter((s): s is AbortSignal => s !== undefined);
  for (const s of sources) {
    if (s.aborted) ctl.abort();
    else s.addEventListener('abort', abort, { once: true });
  }
  return { signal: ctl.signal, release: () => sources.forEach((s) => s.removeEventListener('abort', abort)) };
}

/** The session's access token;/** The session's access token; errors: CxoneError 'network' (renewal offline) or 'unauthorized' (no sign-in). */
async function accessToken(getAccessToken: CxoneClientOptions['getAccessToken']): Promise<string> {
  try {
    return await getAccessToken();
  } catch (err) {
    // Renewal failing on the network (auth state "reconnecting") is an outage, not a lost sign-in:
    // reporting it as unauthorized would stop the poller as if the user had been signed out.
    if (err instanceof AuthError && err.kind === 'network') {
      throw new CxoneError({ kind: 'network', cause: err, message: `The session could not be renewed: ${err.message}` });
    }
    throw new CxoneError({ kind: 'unauthorized', cause: err, message: 'There is no valid sign-in to call CXone with.' });
  }
}

export function createTransport(options: CxoneClientOptions): Transport {
  const wire = wireFor(options);
  const { clock, logger } = wire;
  const base = cxoneUrlOrThrow(options.baseUrl.replace(/\/+$/, ''), 'API endpoint');
  const baseUrl = base.href.replace(/\/+$/, '');
  const token = () => accessToken(options.getAccessToken);
  // The transport's life: close() aborts it, and with it every request (see Transport.close).
  const life = new AbortController();

  /** A path under baseUrl ("agents/states?top=5"). */
  const apiUrl = (path: string): URL => new URL(`${baseUrl}/${path.replace(/^\/+/, '')}`);

  /** One GET with the 401 rule: tell the session, take a fresh token, retry once. */
  async function exchange(pathOrUrl: string | URL, req: RequestSpec = GET): Promise<Exchange> {
    const url = typeof pathOrUrl === 'string' ? apiUrl(pathOrUrl) : pathOrUrl;
    // Checked before every step, as close() may come during any wait: a closed client asks the session
    // for no token and no renewal, and sends nothing.
    const open = () => {
      if (life.signal.aborted) throw closedError(url);
    };
    open();
    const linked = linkSignals(req.signal, life.signal);
    try {
      const spec: RequestSpec = { ...req, signal: linked.signal };
      const refused = await token();
      open();
      const first = await sendOnce(wire, url, refused, spec);
      if (first.status !== 401) return first;
      open();
      logger.info('cxone 401: refreshing the token and retrying once', { endpoint: first.endpoint });
      await options.onUnauthorized(refused);
      const fresh = await token();
      open();
      return await sendOnce(wire, url, fresh, spec);
    } finally {
      linked.release();
    }
  }

  /** GET that must succeed (2xx or 304); anything else becomes the matching CxoneError. */
  async function get(pathOrUrl: string | URL, req: RequestSpec = GET): Promise<Exchange> {
    const x = await exchange(pathOrUrl, req);
    if ((x.status >= 200 && x.status < 300) || x.status === 304) return x;
    throw httpError(x, clock.now());
  }

  return {
    baseUrl,
    logger,
    apiUrl,
    linkUrl: (link, requestUrl) => linkUrl(link, requestUrl, base.origin, logger),
    exchange,
    get,
    json: bodyJson,
    parseBody,
    close: () => life.abort(),
  };
}

/**
 * A `_links.next` resolved as a URL reference against the URL it came with (a full URL, or a path
 * from the host root, or a relative one). Null, with a log line, when it is not a URL or leaves
 * `origin`: the token goes with every request, so another host is never followed.
 */
function linkUrl(link: string, requestUrl: string, origin: string, logger: Logger): URL | null {
  let u: URL;
  try {
    u = new URL(link, requestUrl);
  } catch {
    logger.warn('cxone next-page link is not a URL; paging on with top/skip', { link: excerptOf(link) });
    return null;
  }
  if (u.origin !== origin) {
    logger.warn('cxone next-page link leads to another host; not followed', { host: u.host });
    return null;
  }
  return u;
}

/**
 * One request as sent, with `token`: the timeout covers the answer and its body, the caller's signal
 * cancels it, a Date header goes to onServerDate. Any status comes back as an Exchange; no answer at all
 * is a CxoneError 'timeout' or 'network' (a body over the limit: 'malformed', from readText).
 */
async function sendOnce(wire: Wire, url: URL, token: string, req: RequestSpec = GET): Promise<Exchange> {
  const { clock, logger } = wire;
  const endpoint = url.pathname;
  const controller = new AbortController();
  const limitMs = req.timeoutMs ?? wire.timeoutMs;
  let timedOut = false;
  const timer = clock.setTimeout(() => {
    timedOut = true;
    controller.abort();
  }, limitMs);
  // The caller's cancel (a long poll being stopped) aborts the same request.
  const cancel = () => controller.abort();
  req.signal?.addEventListener('abort', cancel, { once: true });
  if (req.signal?.aborted) controller.abort();
  const started = clock.now();
  try {
    const headers: Record<string, string> = { authorization: `Bearer ${token}`, accept: 'application/json' };
    if (req.body !== undefined) headers['content-type'] = 'application/json';
    const init: RequestInit = { method: req.method, headers, ...(req.body !== undefined ? { body: req.body } : {}), signal: controller.signal };
    const res = await wire.send(url, init);
    const date = res.headers.get('date');
    if (date) wire.onServerDate?.(date);
    // The timeout covers the body too: a server that stalls mid-body is as stuck as one that never answers.
    const text = res.status === 204 || res.status === 304 ? '' : await readText(res, wire.maxBodyBytes, endpoint);
    logger.debug('cxone response', { endpoint, status: res.status, ms: clock.now() - started, bytes: text.length });
    return {
      status: res.status,
      statusDescription: res.headers.get('icStatusDescription'),
      retryAfter: res.headers.get('retry-after'),
      contentType: res.headers.get('content-type'),
      text,
      url: url.href,
      endpoint,
    };
  } catch (err) {
    if (err instanceof CxoneError) throw err;
    const kind = timedOut ? 'timeout' : 'network';
    const cancelled = !timedOut && req.signal?.aborted === true;
    if (!cancelled) logger.warn('cxone request failed', { endpoint, kind, ms: clock.now() - started });
    throw new CxoneError({
      kind,
      endpoint,
      cause: err,
      message: timedOut
        ? `CXone (${url.host}) did not answer within ${Math.round(limitMs / 1000)} s.`
        : cancelled
          ? `The request to CXone (${url.host}) was cancelled.`
          : `CXone (${url.host}) could not be reached: ${unansweredWords(err)}.`,
    });
  } finally {
    clock.clearTimeout(timer);
    req.signal?.removeEventListener('abort', cancel);
  }
}

/** The CxoneError for an answer that is not 2xx/304; `now` (ms) dates a Retry-After of 429 and 503. */
function httpError(x: Exchange, now: number): CxoneError {
  const kind = kindForStatus(x.status);
  const said = x.statusDescription ? ` CXone says: "${x.statusDescription}".` : '';
  const retryAfterMs = x.status === 429 || x.status === 503 ? parseRetryAfter(x.retryAfter, now) : null;
  return new CxoneError({
    kind,
    status: x.status,
    statusDescription: x.statusDescription,
    retryAfterMs,
    endpoint: x.endpoint,
    message: `${sentenceFor(kind)} (HTTP ${x.status})${said}`,
  });
}

/** The body as JSON; a CxoneError 'malformed' (with an excerpt) when it is not. */
function bodyJson(x: Exchange): unknown {
  try {
    return JSON.parse(x.text);
  } catch {
    throw new CxoneError({
      kind: 'malformed',
      status: x.status,
      endpoint: x.endpoint,
      path: '(body)',
      excerpt: excerptOf(x.text),
      message: `CXone answered ${x.endpoint} with a body that is not valid JSON.`,
    });
  }
}

/** Runs a body's reader, attaching the endpoint and status to a 'malformed' error it raises. */
function parseBody<T>(x: Exchange, parse: () => T): T {
  try {
    return parse();
  } catch (err) {
    if (err instanceof CxoneError && err.kind === 'malformed') {
      throw new CxoneError({ ...err.toJSON(), kind: 'malformed', message: err.message, status: x.status, endpoint: x.endpoint });
    }
    throw err;
  }
}

/**
 * The body as text, refusing more than maxBytes: a huge answer ends in a 'malformed' error instead
 * of filling the memory. Reads the stream when there is one (undici's Response), else text().
 */
async function readText(res: Response, maxBytes: number, endpoint: string): Promise<string> {
  const tooLarge = () =>
    new CxoneError({ kind: 'malformed', status: res.status, endpoint, path: '(body)', message: `CXone answered ${endpoint} with a body larger than ${Math.round(maxBytes / 1024 / 1024)} MiB; the app does not read it.` });
  const declared = Number(res.headers.get('content-length'));
  if (Number.isFinite(declared) && declared > maxBytes) {
    await res.body?.cancel().catch(() => {});
    throw tooLarge();
  }
  if (!res.body) return res.text();
  const reader = res.body.getReader();
  const chunks: Uint8Array[] = [];
  let size = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    size += value.byteLength;
    if (size > maxBytes) {
      await reader.cancel().catch(() => {});
      throw tooLarge();
    }
    chunks.push(value);
  }
  // Decoded once, into one flat string: decoding chunk by chunk made a rope of pieces that JSON.parse
  // (or the first trim) had to copy flat again — a second 300 KB string per page of 1,000 agents.
  return new TextDecoder().decode(chunks.length === 1 ? chunks[0] : Buffer.concat(chunks, size));
}
