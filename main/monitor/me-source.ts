// The poller's source for the "me" watch scope: one GET /agents/{id}/states for the signed-in agent
// instead of the whole business unit's /agents/states filtered on the client.
//
// The endpoint has no updatedSince, so every answer is the agent's full state, handed on as a
// one-agent 'changes' result. That is safe for both of the poller's result kinds: the roster diffs
// each state against what it holds, so an unchanged state yields no change event, and a full
// snapshot of [me] marks nobody else logged out because a feed on this source holds only this agent
// (the live feed clears its roster when it switches sources).
import type { AgentStatesResult, OneAgentStateResult } from '../cxone/client';
import { CxoneError, isCxoneError } from '../cxone/errors';
import type { AgentStatesSource } from './poller';

/** The one thing this source needs from the CXone client (CxoneClient satisfies it). */
export interface OneAgentStateApi {
  getOneAgentState(agentId: number): Promise<OneAgentStateResult>;
}

/**
 * CXone answered 404 ("Invalid Agent Id") for the signed-in user's own agent id: the user has no ACD
 * agent record in this business unit. A 'not-found' CxoneError, so the poller reports it as an error
 * with this sentence (and keeps retrying slowly, in case the record is created).
 */
export class NoAgentRecordError extends CxoneError {
  readonly agentId: number;
  constructor(agentId: number, cause: CxoneError) {
    const said = cause.statusDescription ? ` (CXone says: "${cause.statusDescription}")` : '';
    super({
      kind: 'not-found',
      status: cause.status,
      statusDescription: cause.statusDescription,
      endpoint: cause.endpoint,
      cause,
      message:
        `Your user has no ACD agent record that CXone recognises: agent id ${agentId} was not found${said}. ` +
        'Ask your CXone administrator to give your user an agent record in this business unit, or choose another watch scope.',
    });
    this.name = 'NoAgentRecordError';
    this.agentId = agentId;
  }
}

export function isNoAgentRecordError(err: unknown): err is NoAgentRecordError {
  return err instanceof NoAgentRecordError;
}

export function createMeSource(opts: { client: OneAgentStateApi; agentId: number }): AgentStatesSource {
  const { client, agentId } = opts;
  return {
    // The query (updatedSince, fields) does not apply to the single-agent endpoint.
    async getAgentStates(): Promise<AgentStatesResult> {
      let answer: OneAgentStateResult;
      try {
        answer = await client.getOneAgentState(agentId);
      } catch (err) {
        if (isCxoneError(err) && err.kind === 'not-found') throw new NoAgentRecordError(agentId, err);
        throw err;
      }
      const { state, lastPollTime } = answer;
      // No item (or 204/304) is "nothing new", never "logged out".
      if (state === null) return { kind: 'no-change', lastPollTime, status: 200 };
      // Another agent's state would be a server mix-up; do not let it into the roster as "me".
      if (state.agentId !== agentId) {
        throw new CxoneError({
          kind: 'malformed',
          path: 'agentStates[0].agentId',
          excerpt: String(state.agentId),
          message: `CXone answered the state of agent ${state.agentId} when asked for agent ${agentId}.`,
        });
      }
      return { kind: 'changes', states: [state], lastPollTime, totalRecords: 1, pages: 1, status: 200 };
    },
  };
}
