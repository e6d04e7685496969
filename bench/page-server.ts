// The loopback server measure (b) of bench/monitor.ts reads full lists from: agents/states answered from
// prepared page texts, as CXone would (top/skip, the fields projection, next links). A process of its own,
// forked by monitor.ts and lowered to the least CPU priority (nice 19): it stands in for CXone's servers,
// which never share the user's CPU. In the bench's own process (which also holds the tenant and builds
// every body) it shared this machine's 2 cores with the app's, and the app waited for a CPU: a longest
// wall delay of 35–66 ms where the app's own CPU was 18–21 ms; niced, 24–26 ms (3 runs each, 100k).
//
// It makes its tenant itself from the same seed as monitor.ts (bench/tenant-bodies.ts is deterministic)
// and churns it in step; each list it serves comes with a checksum the parent compares with its own
// tenant's, so the two never silently diverge. Messages: ServerRequest in, ServerReply out.
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { AGENT_STATE_FIELDS } from '../main/cxone/agent-states';
import { DEFAULT_PAGE_SIZE } from '../main/monitor/poller';
import { body, churn, CHURN, makeTenant, projected, tenantChecksum, type Tenant } from './tenant-bodies';
import { requestUrl } from '../main/net/request-target';

export type ServerRequest = { tenant: { n: number; seed: number } } | { churn: number } | { serve: true } | { close: true };
export type ServerReply = { url: string } | { served: { ms: number; now: number; checksum: number } } | { done: true };

if (!process.send) throw new Error('bench/page-server.ts runs forked by bench/monitor.ts, with an IPC channel');
const reply = (m: ServerReply) => process.send!(m);

let pages = new Map<string, string>();
let tenant: Tenant | null = null;

const server: Server = createServer((req, res) => {
  const u = requestUrl(req, 'http://x');
  if (!u) {
    res.writeHead(400).end();
    return;
  }
  const key = `${u.searchParams.get('fields') ? 'p' : 'f'}:${u.searchParams.get('top') ?? 'all'}:${u.searchParams.get('skip') ?? '0'}`;
  const text = pages.get(key);
  if (!text) {
    res.writeHead(400).end();
    return;
  }
  res.writeHead(200, { 'content-type': 'application/json' }).end(text);
});
// Keep idle connections open: on a busy machine a merge can outlast Node's 5 s default, and a socket
// closed by the server just as the client reuses it is a reset (a race of the bench, not of CXone).
server.keepAliveTimeout = 10 * 60_000;

/** The tenant's current list as the unpaged 29-field body and as pages of the projection. */
function setList(t: Tenant): void {
  pages = new Map();
  const { items, n, now } = t;
  pages.set('f:all:0', body(items, { total: n, lastPollMs: now, query: '' }));
  const p = items.map(projected);
  for (let skip = 0; skip < n; skip += DEFAULT_PAGE_SIZE) {
    const next = skip + DEFAULT_PAGE_SIZE < n ? `top=${DEFAULT_PAGE_SIZE}&skip=${skip + DEFAULT_PAGE_SIZE}&fields=${AGENT_STATE_FIELDS.join(',')}` : undefined;
    pages.set(`p:${DEFAULT_PAGE_SIZE}:${skip}`, body(p.slice(skip, skip + DEFAULT_PAGE_SIZE), { total: n, lastPollMs: now, query: `top=${DEFAULT_PAGE_SIZE}&skip=${skip}`, ...(next ? { next } : {}) }));
  }
}

process.on('message', (m: ServerRequest) => {
  if ('tenant' in m) {
    tenant = makeTenant(m.tenant.n, m.tenant.seed);
    pages = new Map();
  } else if ('churn' in m) {
    for (let k = 0; k < m.churn; k++) churn(tenant!, CHURN);
  } else if ('serve' in m) {
    const t0 = performance.now();
    setList(tenant!);
    reply({ served: { ms: performance.now() - t0, now: tenant!.now, checksum: tenantChecksum(tenant!) } });
  } else {
    server.closeAllConnections();
    server.close(() => {
      reply({ done: true });
      process.disconnect();
    });
  }
});

server.listen(0, '127.0.0.1', () => reply({ url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/inContactAPI/services/v34.0` }));
