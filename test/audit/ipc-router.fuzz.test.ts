// Fuzzing the IPC router (main/ipc/router.ts) with any channel, any payload and either sender: it never
// throws, answers every request with a typed result, and calls a handler only for a trusted sender with
// a payload its contract schema accepts. The handlers are recorders: the router is what is under test.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { createIpcRouter, type CommandHandlers } from '../../main/ipc/router';
import { silentLogger } from '../../main/ports';
import { commands, type CommandName } from '../../preload/contract';
import { AUDIT_RUNS, fcOptions } from './runs';

const names = Object.keys(commands) as CommandName[];
const channels = names.map((n) => commands[n].channel);

describe(`IPC router fuzzing (${AUDIT_RUNS} cases)`, () => {
  it('refuses unknown channels, foreign senders and invalid payloads as typed results, and never throws', async () => {
    const calls: { name: CommandName; request: unknown }[] = [];
    let throwNext = false;
    const handlers = Object.fromEntries(
      names.map((name) => [
        name,
        (request: unknown) => {
          calls.push({ name, request });
          if (throwNext) throw new Error('handler failed');
          return { ok: true };
        },
      ]),
    ) as unknown as CommandHandlers;
    const router = createIpcRouter(handlers, silentLogger);

    const channel = fc.oneof(fc.constantFrom(...channels), fc.string(), fc.constantFrom('__proto__', 'constructor', 'toString', 'electron-store-get-data'));
    const payload = fc.oneof(fc.anything({ maxDepth: 2, maxKeys: 4, withNullPrototype: true }), fc.constant(undefined), fc.record({ agentId: fc.integer(), pinned: fc.boolean() }), fc.record({ url: fc.oneof(fc.constantFrom('https://developer.niceincontact.com/x', 'file:///etc/passwd', 'javascript:alert(1)'), fc.string()) }), fc.record({ window: fc.string() }));

    await fc.assert(
      fc.asyncProperty(channel, payload, fc.boolean(), fc.boolean(), async (ch, body, trusted, failing) => {
        throwNext = failing;
        const before = calls.length;
        const result = await router.handle(ch, body, trusted);
        expect(typeof result.ok).toBe('boolean');
        const name = names.find((n) => commands[n].channel === ch);
        if (!name) expect(result).toMatchObject({ ok: false, error: { kind: 'unknown-channel' } });
        else if (!trusted) expect(result).toMatchObject({ ok: false, error: { kind: 'forbidden-sender' } });
        else if (!commands[name].request.safeParse(body).success) expect(result).toMatchObject({ ok: false, error: { kind: 'invalid-payload' } });
        else expect(result).toMatchObject(failing ? { ok: false, error: { kind: 'failed', message: 'handler failed' } } : { ok: true });
        // A handler ran exactly when the request was trusted, known and valid.
        const ran = calls.length - before;
        expect(ran).toBe(result.ok || (!result.ok && result.error.kind === 'failed') ? 1 : 0);
        if (!result.ok) expect(typeof result.error.message).toBe('string');
      }),
      fcOptions,
    );
  });
});
