// Builds the window.agentTray API from the contract over any transport: ipcRenderer in the preload,
// a Playwright binding in the renderer test harness. Named, typed functions only — never a raw channel.
import { COMMAND_CHANNELS, EVENT_CHANNELS } from './channels';
import type { CommandName, CommandRequest, CommandResponse, EventName, EventPayload, IpcResult } from './contract';

export interface IpcTransport {
  invoke(channel: string, payload: unknown): Promise<unknown>;
  /** Subscribes to a main → renderer channel; returns the unsubscribe function. */
  on(channel: string, listener: (payload: unknown) => void): () => void;
}

type CommandFn<K extends CommandName> = undefined extends CommandRequest<K>
  ? (request?: CommandRequest<K>) => Promise<CommandResponse<K>>
  : (request: CommandRequest<K>) => Promise<CommandResponse<K>>;

type EventSubscriber<K extends EventName> = (listener: (payload: EventPayload<K>) => void) => () => void;

export type AgentTrayApi = { [K in CommandName]: CommandFn<K> } & {
  [K in EventName as `on${Capitalize<K>}`]: EventSubscriber<K>;
};

/** An IPC call main refused or failed; `kind` says which (invalid-payload, failed, …). */
export class AgentTrayIpcError extends Error {
  constructor(
    readonly kind: string,
    message: string,
  ) {
    super(message);
    this.name = 'AgentTrayIpcError';
  }
}

export function createAgentTrayApi(transport: IpcTransport): AgentTrayApi {
  const api: Record<string, unknown> = {};
  for (const name of Object.keys(COMMAND_CHANNELS) as CommandName[]) {
    const channel = COMMAND_CHANNELS[name];
    api[name] = async (request?: unknown) => {
      const result = (await transport.invoke(channel, request)) as IpcResult<unknown>;
      if (!result || typeof result !== 'object' || !('ok' in result)) {
        throw new AgentTrayIpcError('failed', `No answer from the app for ${name}.`);
      }
      if (!result.ok) throw new AgentTrayIpcError(result.error.kind, result.error.message);
      return result.value;
    };
  }
  for (const name of Object.keys(EVENT_CHANNELS) as EventName[]) {
    const channel = EVENT_CHANNELS[name];
    const method = `on${name[0]!.toUpperCase()}${name.slice(1)}`;
    api[method] = (listener: (payload: unknown) => void) => transport.on(channel, listener);
  }
  return Object.freeze(api) as AgentTrayApi;
}
