// The URL an incoming request's target names, for the loopback servers the app and its tests run
// (the demo tenant, the browser preview, its static files). `new URL()` throws on targets a client can
// send — "http://[", "http://", "//" — and a throw in a request listener is an uncaught exception
// that ends the whole process; so the servers ask here and answer 400 to a null.
import type { IncomingMessage } from 'node:http';

/** `req.url` resolved against `base` (an origin such as http://127.0.0.1:8080); null when no URL can be made of it. */
export function requestUrl(req: Pick<IncomingMessage, 'url'>, base: string): URL | null {
  const target = req.url ?? '/';
  return URL.canParse(target, base) ? new URL(target, base) : null;
}
