// `cxone-agent-tray watch --queues`: the app's own queue poller in a terminal. The full list first
// (baseline lines), then every skill whose queue changed — waiting count, longest wait, service level,
// agents — as human lines or JSON lines ({"type":"queue",…}), like agent changes.
import type { GetSkillActivityQuery } from '../cxone/client';
import { isCxoneError } from '../cxone/errors';
import { systemClock } from '../ports';
import { createQueuePoller } from '../queues/queue-poller';
import { queueEntryMs } from '../queues/queue-summary';
import type { SkillActivity } from '../queues/skill-activity';
import type { CliOptions } from './cli-options';
import type { CliIo } from './cli-session';
import { pollFailure, type WatchTarget } from './cli-watch';
import { reportingFailures, watchUntilFinished } from './cli-watch-loop';

/** One skill's queue change: the new figures, the previous ones (null for the first or a new skill). */
export interface QueueChange {
  type: 'queue';
  /** When the app saw it (ISO 8601, this computer's clock). */
  at: string;
  /** True for the first list after start: not news. */
  baseline: boolean;
  skill: SkillActivity;
  from: SkillActivity | null;
}

const SHOWN: readonly (keyof SkillActivity)[] = [
  'queueCount', 'earliestQueueTime', 'serviceLevel', 'serviceLevelGoal', 'serviceLevelStatus', 'agentsAvailable', 'agentsUnavailable', 'agentsACW', 'agentsWorking', 'agentsLoggedIn', 'skillName',
];

const changed = (a: SkillActivity, b: SkillActivity) => SHOWN.some((k) => a[k] !== b[k]);

/** ", longest 2 min 5 s": how long the longest-waiting contact has waited (server times, read as the tray reads them). */
function waitText(skill: SkillActivity, now: number): string {
  const entered = queueEntryMs(skill);
  if (entered === null) return '';
  const s = Math.max(0, Math.round((now - entered) / 1000));
  return `, longest ${s >= 60 ? `${Math.floor(s / 60)} min ${s % 60} s` : `${s} s`}`;
}

export function queueLine(c: QueueChange, now: number): string {
  const s = c.skill;
  const sl = s.serviceLevel === null ? 'no service level yet' : `service level ${s.serviceLevel} %${s.serviceLevelGoal !== null ? ` (goal ${s.serviceLevelGoal} %, ${s.serviceLevelStatus})` : ''}`;
  const was = c.from && !c.baseline ? ` (was ${c.from.queueCount} waiting)` : '';
  return `${c.at}  ${s.skillId}  ${s.skillName} [${s.mediaTypeName || 'skill'}${s.isOutbound ? ', outbound' : ''}]  ${s.queueCount} waiting${was}${waitText(s, now)}; ${sl}; ${s.agentsAvailable} available`;
}

export async function runQueueWatch(options: CliOptions, target: WatchTarget, out: (t: string) => void, err: (t: string) => void, io: CliIo): Promise<number> {
  const { client, apiBase } = target;
  let failedPoll: ((e: unknown) => void) | null = null;
  const source = { getSkillActivity: reportingFailures((q?: GetSkillActivityQuery) => client.getSkillActivity(q), (e) => failedPoll?.(e)) };
  const poller = createQueuePoller({ source, clock: systemClock, intervalMs: (options.interval ?? 10) * 1000, ...(options.fields ? { fields: options.fields } : {}) });
  const known = new Map<number, SkillActivity>();
  const maxPolls = options.polls ?? Infinity;
  let polls = 0;
  let first = true;

  err(`Watching ${new URL(apiBase).host} (skills/activity every ${options.interval ?? 10} s); Ctrl+C to stop.\n`);
  return watchUntilFinished(poller, io, err, (finish, isDone) => {
    poller.onResult((r) => {
      const at = new Date().toISOString();
      const baseline = first;
      first = false;
      for (const s of r.skills) {
        const from = known.get(s.skillId) ?? null;
        known.set(s.skillId, s);
        if (from && !changed(from, s)) continue;
        const c: QueueChange = { type: 'queue', at, baseline, skill: s, from };
        out(options.json ? `${JSON.stringify(c)}\n` : `${queueLine(c, Date.now())}\n`);
      }
      if (r.kind === 'snapshot' && r.complete) {
        const listed = new Set(r.skills.map((s) => s.skillId));
        for (const id of [...known.keys()]) {
          if (listed.has(id)) continue;
          known.delete(id);
          out(options.json ? `${JSON.stringify({ type: 'queue-gone', at, skillId: id })}\n` : `${at}  ${id}  no longer listed\n`);
        }
      }
      if (++polls >= maxPolls) finish(0);
    });
    failedPoll = (e) => {
      // The client already renewed once: a refused token will not get better by waiting.
      if (isCxoneError(e) && e.kind === 'unauthorized') finish(1, `watch stopped: ${pollFailure(e, target.lastToken(), Date.now())}\n`);
      if (++polls >= maxPolls) finish(1, `watch stopped: the last poll (${polls} of ${maxPolls}) failed: ${pollFailure(e, target.lastToken(), Date.now())}\n`);
    };
    poller.onStatus((s) => {
      // 403/404: no skill activity for this user or tenant — the poller has stopped for good.
      if (s.status === 'unavailable') finish(1, `watch stopped: ${s.reason ?? 'CXone refused skill activity.'}\n`);
      else if ((s.status === 'error' || s.status === 'stale') && s.reason && !isDone()) err(`${s.reason}\n`);
    });
  });
}
