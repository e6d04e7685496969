/**
 * Polls `probe` every 50 ms until it returns (or resolves to) something truthy; fails after `timeoutMs`
 * naming `what`. An async probe is awaited: its promise is not the answer (a promise is always truthy,
 * and a wait on one passed at once).
 */
export async function until<T>(what: string, probe: () => T | undefined | null | false | Promise<T | undefined | null | false>, timeoutMs = 20_000): Promise<T> {
  const end = Date.now() + timeoutMs;
  for (;;) {
    const v = await probe();
    if (v) return v;
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}
