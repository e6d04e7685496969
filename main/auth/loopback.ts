// The one-shot HTTP listener that receives the browser's redirect after sign-in (RFC 8252 §7.3).
// Listens on a loopback address only, answers exactly one valid callback, and closes. Anything that
// does not carry the expected `state` gets an error page but cannot end or cancel the user's sign-in.
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { timingSafeEqual } from 'node:crypto';
import type { Clock, Logger } from '../ports';
import { CALLBACK_PAGE_CSP, renderCallbackPage } from './callback-page';
import { checkRedirectUri } from '../net/url-policy';
import { AuthError, errorText } from './errors';
import { count } from '../words';

export type RedirectSetting = { mode: 'any-loopback' } | { mode: 'exact'; uri: string };

export const DEFAULT_CALLBACK_PATH = '/callback';

export interface LoopbackOptions {
  redirect: RedirectSetting;
  expectedState: string;
  timeoutMs: number;
  clock: Clock;
  logger: Logger;
  signal?: AbortSignal;
  /**
   * Runs once, for the first callback with the right `state` and a `code`. `callbackUrl` is rebuilt
   * from the listener's own redirect URI plus the request's query — never from request headers.
   * Resolving shows the success page; throwing shows the error's sentence and ends the sign-in.
   */
  onCallback(callbackUrl: URL): Promise<void>;
}

export interface LoopbackListener {
  /** The redirect_uri to send in the authorization request, e.g. http://127.0.0.1:53124/callback. */
  readonly redirectUri: string;
  /** Settles once: resolved after a successful onCallback, rejected with an AuthError otherwise. */
  readonly done: Promise<void>;
  /** Stops listening without a result (done rejects with "cancelled" if still pending). */
  close(): void;
}

interface Binding {
  bindHost: string;
  port: number;
  path: string;
  /** `host` as the browser writes it in the redirect URI ("localhost", "127.0.0.1", "[::1]"). */
  uriHost: string;
}

function bindingFor(redirect: RedirectSetting): Binding {
  if (redirect.mode === 'any-loopback') return { bindHost: '127.0.0.1', port: 0, path: DEFAULT_CALLBACK_PATH, uriHost: '127.0.0.1' };
  const checked = checkRedirectUri(redirect.uri);
  if (!checked.ok) throw new AuthError('config', checked.reason);
  const uri = checked.url;
  const host = uri.hostname.toLowerCase();
  // "localhost" may resolve to anything the hosts file says; the listener binds the IPv4 loopback,
  // which browsers try for localhost. [::1] has to be the IPv6 loopback itself.
  const bindHost = host === 'localhost' ? '127.0.0.1' : host === '[::1]' ? '::1' : host;
  return { bindHost, port: Number(uri.port), path: uri.pathname || '/', uriHost: host };
}

function sameSecret(a: string, b: string): boolean {
  const x = Buffer.from(a);
  const y = Buffer.from(b);
  return x.length === y.length && timingSafeEqual(x, y);
}

function minutesText(ms: number): string {
  const min = Math.round(ms / 60_000);
  if (min >= 1) return count(min, 'minute');
  return count(Math.max(1, Math.round(ms / 1000)), 'second');
}

/** What the listener's error and result pages say. */
type Page = { ok: boolean; title: string; message: string };
/** A request answered with an error page (and its extra headers), and what the log says of it, if anything. */
type Refusal = { status: number; page: Page; extra?: Record<string, string>; warn?: string };

/** Listens on the binding (exclusively); resolves to the port, rejects with an AuthError that says what to do. */
function listenOn(server: Server, binding: Binding): Promise<number> {
  return new Promise<number>((resolve, reject) => {
    server.once('error', (err: NodeJS.ErrnoException) => {
      if (err.code === 'EADDRINUSE') {
        reject(
          new AuthError(
            'port-in-use',
            `Port ${binding.port} on ${binding.uriHost} is already in use by another program, so the sign-in redirect cannot be received. Close that program or change the redirect URI in Settings.`,
          ),
        );
      } else {
        reject(new AuthError('listener', `Could not listen for the sign-in redirect on ${binding.uriHost}:${binding.port}: ${err.message}.`));
      }
    });
    server.listen({ host: binding.bindHost, port: binding.port, exclusive: true }, () => resolve((server.address() as AddressInfo).port));
  });
}

/**
 * The Host headers the listener answers ("127.0.0.1:53124", and the bound address's own spelling),
 * always with the port: a redirect URI without an explicit port is refused by checkRedirectUri.
 * DNS-rebinding defence: a page on evil.example resolving to 127.0.0.1 sends Host: evil.example.
 */
function allowedHostsFor(binding: Binding, port: number): Set<string> {
  return new Set([`${binding.uriHost}:${port}`, `${binding.bindHost.includes(':') ? `[${binding.bindHost}]` : binding.bindHost}:${port}`]);
}

/**
 * A request's way in, before the sign-in's own state is looked at: a foreign Host (400), another path
 * (404) or method (405) is refused with its page; else its query.
 */
function routeRequest(req: IncomingMessage, path: string, allowedHosts: ReadonlySet<string>): { refused: Refusal } | { query: URLSearchParams } {
  if (!allowedHosts.has((req.headers.host ?? '').toLowerCase())) {
    return { refused: { status: 400, warn: 'auth: loopback request with a foreign Host header refused', page: { ok: false, title: 'Request refused', message: 'This address only answers the sign-in redirect sent to the loopback address.' } } };
  }
  // Split by hand: new URL() throws on request targets such as "///x" (an empty authority).
  const target = (req.url ?? '/').split('#')[0]!;
  const at = target.indexOf('?');
  if ((at === -1 ? target : target.slice(0, at)) !== path) return { refused: { status: 404, page: { ok: false, title: 'Not found', message: 'There is nothing here.' } } };
  if (req.method !== 'GET') {
    return { refused: { status: 405, page: { ok: false, title: 'Method not allowed', message: 'The sign-in redirect must be a GET request.' }, extra: { allow: 'GET' } } };
  }
  return { query: new URLSearchParams(at === -1 ? '' : target.slice(at + 1)) };
}

/** One of the listener's pages, with the headers that keep it from being cached, framed or sniffed. */
function sendPage(res: ServerResponse, status: number, page: Page, extra: Record<string, string> = {}): void {
  const body = renderCallbackPage(page);
  res.writeHead(status, {
    'content-type': 'text/html; charset=utf-8',
    'content-length': Buffer.byteLength(body),
    'content-security-policy': CALLBACK_PAGE_CSP,
    'cache-control': 'no-store',
    'referrer-policy': 'no-referrer',
    'x-content-type-options': 'nosniff',
    ...extra,
  });
  res.end(body);
}

export async function startLoopbackListener(opts: LoopbackOptions): Promise<LoopbackListener> {
  const binding = bindingFor(opts.redirect);
  if (opts.signal?.aborted) throw new AuthError('cancelled', 'Sign-in was cancelled.');
  const { done, settle } = oneResult();

  const server = createServer((req, res) => {
    try {
      handleRequest(l, req, res);
    } catch (err) {
      // Whatever a hostile request finds, it ends here as a 400, never as an uncaught exception.
      opts.logger.error('auth: loopback request failed', { error: errorText(err) });
      if (!res.headersSent) sendPage(res, 400, { ok: false, title: 'Request refused', message: 'This request could not be handled.' });
      else res.destroy();
    }
  });
  // Keep-alive sockets from the browser must not hold the listener open after the result.
  server.keepAliveTimeout = 1000;

  const port = await listenOn(server, binding);
  // Cancelled while binding: that abort event has fired and will not reach the listener added below.
  if (opts.signal?.aborted) {
    server.close();
    throw new AuthError('cancelled', 'Sign-in was cancelled.');
  }
  const redirectUri =
    opts.redirect.mode === 'exact' ? opts.redirect.uri : `http://${binding.uriHost}:${port}${binding.path}`;
  const l: ListenerState = {
    opts,
    server,
    settle,
    path: binding.path,
    base: new URL(redirectUri),
    allowedHosts: allowedHostsFor(binding, port),
    timer: opts.clock.setTimeout(
      () => finish(l, new AuthError('timeout', `Sign-in timed out: it was not completed in the browser within ${minutesText(opts.timeoutMs)}. Start it again.`)),
      opts.timeoutMs,
    ),
    onAbort: () => finish(l, new AuthError('cancelled', 'Sign-in was cancelled.')),
    phase: 'waiting',
  };
  opts.signal?.addEventListener('abort', l.onAbort, { once: true });

  return {
    redirectUri,
    done,
    close: () => finish(l, new AuthError('cancelled', 'Sign-in was cancelled.')),
  };
}

/** How the listener's one result is settled. */
type Settle = { resolve: () => void; reject: (e: AuthError) => void };

/** The listener's result (done) and its settle functions. */
function oneResult(): { done: Promise<void>; settle: Settle } {
  let settle!: Settle;
  const done = new Promise<void>((resolve, reject) => {
    settle = { resolve, reject };
  });
  // A rejection nobody awaited yet (e.g. cancel before the caller awaits) must not crash the process.
  done.catch(() => {});
  return { done, settle };
}

/** What one listener's parts share, built once it listens; only the phase changes. */
interface ListenerState {
  readonly opts: LoopbackOptions;
  readonly server: Server;
  readonly settle: Settle;
  /** The callback path. */
  readonly path: string;
  /** The redirect URI: a callback URL is rebuilt from it, never from request headers. */
  readonly base: URL;
  readonly allowedHosts: ReadonlySet<string>;
  /** The sign-in's timeout. */
  readonly timer: ReturnType<Clock['setTimeout']>;
  readonly onAbort: () => void;
  phase: 'waiting' | 'completing' | 'finished';
}

/** Ends the sign-in once (null: it succeeded): the timer and the abort listener go, the port is freed. */
function finish(l: ListenerState, error: AuthError | null): void {
  if (l.phase === 'finished') return;
  l.phase = 'finished';
  l.opts.clock.clearTimeout(l.timer);
  l.opts.signal?.removeEventListener('abort', l.onAbort);
  // close() stops accepting; idle keep-alive sockets are dropped so the port is free at once.
  l.server.close();
  l.server.closeIdleConnections();
  if (error) l.settle.reject(error);
  else l.settle.resolve();
}

/** One request: refused by its way in, or once the sign-in has its answer; else a callback to check. */
function handleRequest(l: ListenerState, req: IncomingMessage, res: ServerResponse): void {
  const routed = routeRequest(req, l.path, l.allowedHosts);
  if ('refused' in routed) {
    if (routed.refused.warn) l.opts.logger.warn(routed.refused.warn);
    sendPage(res, routed.refused.status, routed.refused.page, routed.refused.extra);
    return;
  }
  const { query } = routed;
  if (l.phase !== 'waiting') {
    sendPage(res, 409, { ok: false, title: 'Already handled', message: 'This sign-in has already received its answer.' }, { connection: 'close' });
    return;
  }
  handleCallback(l, query, res);
}

/**
 * A callback while waiting. Without the expected state it is ignored (the sign-in keeps waiting); with
 * it, the sign-in server's error ends the sign-in, a missing code is refused, and a code completes it.
 */
function handleCallback(l: ListenerState, query: URLSearchParams, res: ServerResponse): void {
  const { opts } = l;
  const state = query.get('state');
  if (state === null || !sameSecret(state, opts.expectedState)) {
    // Not ours (an old tab, or someone else's link): say so, but keep waiting for the real one.
    opts.logger.warn('auth: loopback callback with a missing or wrong state ignored');
    sendPage(res, 400, {
      ok: false,
      title: 'Sign-in link not recognized',
      message: 'This answer does not belong to the sign-in that CXone Agent Tray is waiting for. Use the browser tab the app opened, or start the sign-in again from the app.',
    });
    return;
  }
  const idpError = query.get('error');
  if (idpError !== null) {
    const description = query.get('error_description');
    const error = new AuthError('idp', `The sign-in server did not sign you in: ${description || idpError}.`);
    sendPage(res, 200, { ok: false, title: 'Sign-in failed', message: error.message }, { connection: 'close' });
    finish(l, error);
    return;
  }
  if (!query.get('code')) {
    sendPage(res, 400, { ok: false, title: 'Sign-in incomplete', message: 'The sign-in server sent no authorization code. Start the sign-in again from the app.' });
    return;
  }
  complete(l, query, res);
}

/** The one valid callback: onCallback gets it (once), and its outcome is both the page and the result. */
function complete(l: ListenerState, query: URLSearchParams, res: ServerResponse): void {
  l.phase = 'completing';
  const callbackUrl = new URL(l.base.href);
  callbackUrl.search = query.toString();
  l.opts.onCallback(callbackUrl).then(
    () => {
      sendPage(res, 200, { ok: true, title: 'Signed in', message: 'You are signed in to CXone Agent Tray.' }, { connection: 'close' });
      finish(l, null);
    },
    (err: unknown) => {
      const error = err instanceof AuthError ? err : new AuthError('server', `Sign-in could not be completed: ${errorText(err)}`, { cause: err });
      sendPage(res, 200, { ok: false, title: 'Sign-in failed', message: error.message }, { connection: 'close' });
      finish(l, error);
    },
  );
}
