// The agent row's time limit: pure, so the tray and the tests read the same rule.
import type { AgentState } from '../../../main/cxone/model';
import { codeThresholdMinutes } from '../../../main/monitor/alerts';
import type { RosterSnapshot } from '../../../main/monitor/status';
import type { NotificationSettings } from '../../../main/settings/schema';

type UnavailableCodeInfo = NonNullable<RosterSnapshot['unavailableCodes']>[number];

/** The settings the row limit reads. */
export type RowLimitSettings = Pick<NotificationSettings, 'unavailableLongerThanMinutes' | 'codeLimitsFromCxone' | 'codeRules'>;

export type LimitOf = (agent: Pick<AgentState, 'category' | 'outStateId'>) => number | null;

/**
 * The row's time limit, the same threshold the notifications use (alerts.ts codeThresholdMinutes): on
 * an unavailable code, the user's rule for it, else the code's own limit from CXone (agentTimeout, when
 * "use each code's own limit" is on), else the general "Unavailable longer than N minutes"; 0 = none.
 */
export function overLimitMs(n: RowLimitSettings, codes: readonly Pick<UnavailableCodeInfo, 'id' | 'timeLimitMinutes'>[] = []): LimitOf {
  const limits = new Map(codes.map((c) => [c.id, c.timeLimitMinutes] as const));
  return (agent) => {
    if (agent.category !== 'unavailable') return null;
    const minutes = codeThresholdMinutes(n, limits, agent.outStateId) ?? n.unavailableLongerThanMinutes;
    return minutes > 0 ? minutes * 60_000 : null;
  };
}

