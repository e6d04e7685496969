// The IPC router: the one place where a renderer's request is checked before the core sees it.
// (a) unknown channels are refused, (b) foreign senders are refused, (c) payloads are validated by the
// contract's schema. Failures come back as values with a sentence; nothing throws into the void.
// Pure: the Electron adapter (main/shell/ipc.ts) and the renderer test harness both route through it.
import type { z } from 'zod';
import { commandByChannel, commands, type CommandName, type CommandResponse, type IpcResult } from '../../preload/contract';
import type { Logger } from '../ports';

export type CommandHandlers = {
  [K in CommandName]: (request: z.output<(typeof commands)[K]['request']>) => Promise<CommandResponse<K>> | CommandResponse<K>;
};

export interface IpcRouter {
  readonly channels: readonly string[];
  handle(channel: string, payload: unknown, senderTrusted: boolean): Promise<IpcResult<unknown>>;
}

function describeIssues(error: z.ZodError): string {
  return error.issues
    .slice(0, 3)
    .map((i) => (i.path.length ? `${i.path.join('.')}: ${i.message}` : i.message))
    .join('; ');
}

export function createIpcRouter(handlers: CommandHandlers, logger: Logger): IpcRouter {
  return {
    channels: [...commandByChannel.keys()],
    async handle(channel, payload, senderTrusted) {
      const found = commandByChannel.get(channel);
      if (!found) {
        logger.warn('ipc: refused unknown channel', { channel });
        return { ok: false, error: { kind: 'unknown-channel', message: `The app has no command "${channel}".` } };
      }
      if (!senderTrusted) {
        logger.warn('ipc: refused foreign sender', { channel });
        return { ok: false, error: { kind: 'forbidden-sender', message: 'This page is not allowed to talk to the app.' } };
      }
      const name: CommandName = found;
      const parsed = commands[name].request.safeParse(payload);
      if (!parsed.success) {
        logger.warn('ipc: invalid payload', { channel, issues: describeIssues(parsed.error) });
        return { ok: false, error: { kind: 'invalid-payload', message: `Invalid request for ${name}: ${describeIssues(parsed.error)}` } };
      }
      try {
        // The schema above has validated the payload for exactly this handler; the map's per-key types
        // cannot be correlated by TypeScript through a runtime key, hence the widening cast.
        const handler = handlers[name] as (req: unknown) => Promise<unknown> | unknown;
        const value = await handler(parsed.data);
        return { ok: true, value };
      } catch (err) {
        const message = err instanceof Error ? err.message : String(err);
        logger.error('ipc: command failed', { channel, message });
        return { ok: false, error: { kind: 'failed', message } };
      }
    },
  };
}
