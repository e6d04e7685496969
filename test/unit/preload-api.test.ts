// The preload API is built from the contract: every command is a named function, every event an
// on<Name> subscription with an unsubscribe. A transport records what would cross the IPC boundary.
import { describe, expect, expectTypeOf, it } from 'vitest';
import { AgentTrayIpcError, createAgentTrayApi, type AgentTrayApi } from '../../preload/api';
import { commands, events } from '../../preload/contract';

function recordingTransport() {
  const calls: [string, unknown][] = [];
  const listeners = new Map<string, Set<(p: unknown) => void>>();
  return {
    calls,
    emit: (channel: string, payload: unknown) => listeners.get(channel)?.forEach((l) => l(payload)),
    transport: {
      invoke: async (channel: string, payload: unknown) => {
        calls.push([channel, payload]);
        return channel === 'window:hide' ? { ok: false, error: { kind: 'failed', message: 'No window.' } } : { ok: true, value: { ok: true } };
      },
      on: (channel: string, l: (p: unknown) => void) => {
        const set = listeners.get(channel) ?? new Set();
        set.add(l);
        listeners.set(channel, set);
        return () => set.delete(l);
      },
    },
  };
}

describe('preload API', () => {
  it('exposes one function per command and one subscription per event, nothing else', () => {
    const api = createAgentTrayApi(recordingTransport().transport);
    const expected = [...Object.keys(commands), ...Object.keys(events).map((e) => `on${e[0]!.toUpperCase()}${e.slice(1)}`)].sort();
    expect(Object.keys(api).sort()).toEqual(expected);
    expect(Object.isFrozen(api)).toBe(true);
  });

  it('sends on the contract channel and unwraps results and errors', async () => {
    const rec = recordingTransport();
    const api = createAgentTrayApi(rec.transport);
    await expect(api.setAgentPinned({ agentId: 3, pinned: true })).resolves.toEqual({ ok: true });
    expect(rec.calls).toEqual([['agents:set-pinned', { agentId: 3, pinned: true }]]);
    const err = await api.hideWindow().catch((e: unknown) => e);
    expect(err).toBeInstanceOf(AgentTrayIpcError);
    expect((err as AgentTrayIpcError).message).toBe('No window.');
  });

  it('delivers events until unsubscribed', () => {
    const rec = recordingTransport();
    const api = createAgentTrayApi(rec.transport);
    const got: number[] = [];
    const off = api.onFocusAgent((p) => got.push(p.agentId));
    rec.emit('ui:focus-agent', { agentId: 5 });
    off();
    rec.emit('ui:focus-agent', { agentId: 6 });
    expect(got).toEqual([5]);
  });

  it('types calls by the contract (wrong names or payloads do not compile)', () => {
    expectTypeOf<AgentTrayApi['setAgentPinned']>().parameter(0).toEqualTypeOf<{ agentId: number; pinned: boolean }>();
    expectTypeOf<AgentTrayApi>().not.toHaveProperty('readFile');
    // The lines below are compile errors; `tsc -b` (part of npm test) fails if they ever compile.
    const api = null as unknown as AgentTrayApi;
    if (api) {
      // @ts-expect-error — not a contract command
      void api.deleteEverything();
      // @ts-expect-error — agentId must be a number
      void api.setAgentPinned({ agentId: '3', pinned: true });
      // @ts-expect-error — not a contract event
      void api.onSecretsLeaked(() => {});
    }
  });
});
