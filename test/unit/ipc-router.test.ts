import { describe, expect, it, vi } from 'vitest';
import { createIpcRouter, type CommandHandlers } from '../../main/ipc/router';
import { silentLogger, type Logger } from '../../main/ports';
import { commands } from '../../preload/contract';

function handlers(overrides: Partial<CommandHandlers> = {}): CommandHandlers {
  const fail = () => {
    throw new Error('not used in this test');
  };
  const all = Object.fromEntries(Object.keys(commands).map((k) => [k, fail])) as unknown as CommandHandlers;
  return { ...all, ...overrides };
}

/** Keeps what the router logs: a refused request must leave a trace for whoever investigates. */
function recordingLogger(): Logger & { lines: { level: string; message: string; data?: Record<string, unknown> }[] } {
  const lines: { level: string; message: string; data?: Record<string, unknown> }[] = [];
  const at = (level: string) => (message: string, data?: Record<string, unknown>) => void lines.push({ level, message, data });
  return { lines, debug: at('debug'), info: at('info'), warn: at('warn'), error: at('error') };
}

describe('IPC router', () => {
  it('lists exactly the contract channels', () => {
    const router = createIpcRouter(handlers(), silentLogger);
    expect([...router.channels].sort()).toEqual(Object.values(commands).map((c) => c.channel).sort());
  });

  it('refuses a channel that is not in the contract', async () => {
    const router = createIpcRouter(handlers(), silentLogger);
    const r = await router.handle('fs:read-file', { path: '/etc/passwd' }, true);
    expect(r).toEqual({ ok: false, error: { kind: 'unknown-channel', message: expect.stringContaining('fs:read-file') } });
  });

  it('refuses a foreign sender before the handler runs', async () => {
    const setAgentPinned = vi.fn(() => ({ ok: true as const }));
    const router = createIpcRouter(handlers({ setAgentPinned }), silentLogger);
    const r = await router.handle('agents:set-pinned', { agentId: 1, pinned: true }, false);
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.error.kind).toBe('forbidden-sender');
    expect(setAgentPinned).not.toHaveBeenCalled();
  });

  it('validates payloads and names the bad field', async () => {
    const setAgentPinned = vi.fn(() => ({ ok: true as const }));
    const router = createIpcRouter(handlers({ setAgentPinned }), silentLogger);
    const r = await router.handle('agents:set-pinned', { agentId: 'x', pinned: true }, true);
    expect(r.ok).toBe(false);
    if (!r.ok) {
      expect(r.error.kind).toBe('invalid-payload');
      expect(r.error.message).toContain('agentId');
    }
    expect(setAgentPinned).not.toHaveBeenCalled();
    const ok = await router.handle('agents:set-pinned', { agentId: 7, pinned: true }, true);
    expect(ok).toEqual({ ok: true, value: { ok: true } });
    expect(setAgentPinned).toHaveBeenCalledWith({ agentId: 7, pinned: true });
  });

  it('turns a handler exception into an error value', async () => {
    const router = createIpcRouter(handlers({ refreshNow: () => Promise.reject(new Error('The tenant did not answer.')) }), silentLogger);
    expect(await router.handle('monitor:refresh-now', undefined, true)).toEqual({ ok: false, error: { kind: 'failed', message: 'The tenant did not answer.' } });
  });

  it('logs every refusal and failure with its channel, and tells a foreign page it may not talk to the app', async () => {
    const logger = recordingLogger();
    const router = createIpcRouter(handlers({ refreshNow: () => Promise.reject(new Error('down')) }), logger);
    await router.handle('fs:read-file', {}, true);
    const foreign = await router.handle('monitor:refresh-now', undefined, false);
    await router.handle('agents:set-pinned', { agentId: 'x', pinned: true }, true);
    await router.handle('monitor:refresh-now', undefined, true);
    expect(foreign).toEqual({ ok: false, error: { kind: 'forbidden-sender', message: 'This page is not allowed to talk to the app.' } });
    expect(logger.lines).toEqual([
      { level: 'warn', message: 'ipc: refused unknown channel', data: { channel: 'fs:read-file' } },
      { level: 'warn', message: 'ipc: refused foreign sender', data: { channel: 'monitor:refresh-now' } },
      { level: 'warn', message: 'ipc: invalid payload', data: { channel: 'agents:set-pinned', issues: expect.stringContaining('agentId') } },
      { level: 'error', message: 'ipc: command failed', data: { channel: 'monitor:refresh-now', message: 'down' } },
    ]);
  });

  it('names at most three bad fields, nested ones by their path', async () => {
    const router = createIpcRouter(handlers(), silentLogger);
    const r = await router.handle('settings:test-connection', { scopes: ['two words'], clientId: 5, tenantIdHint: 6, apiVersion: 7 }, true);
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(r.error.kind).toBe('invalid-payload');
    const issues = r.error.message.replace(/^Invalid request for testConnection: /, '').split('; ');
    expect(issues).toHaveLength(3);
    expect(issues.some((i) => i.startsWith('scopes.0: '))).toBe(true);
  });
});

