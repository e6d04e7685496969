// agents/states answers with every item's startDate left off, as some real tenants send them
// (CXONE-API.md): a change then has no time of its own, and the app must time it on the server's clock.
import type { FetchLike } from '../../main/ports';

/** `inner`, with startDate taken off every agents/states item; every other answer and every header as sent. */
export function withoutStartDates(inner: FetchLike = fetch): FetchLike {
  return async (input, init) => {
    const response = await inner(input, init);
    if (!new URL(String(input)).pathname.endsWith('/agents/states') || response.status !== 200) return response;
    const body = (await response.json()) as { agentStates?: Record<string, unknown>[] };
    for (const item of body.agentStates ?? []) delete item.startDate;
    const headers = new Headers(response.headers);
    headers.delete('content-length');
    return new Response(JSON.stringify(body), { status: 200, headers });
  };
}
