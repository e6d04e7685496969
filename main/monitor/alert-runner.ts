// Drives the pure alert policy with real time: feeds it the roster's changes, wakes it at
// nextDueAt() through the Clock port, and hands each decision to the Notifier. One timer at most.
// Time is the `timeline`: the server's clock as measured (server-clock.ts), because the changes carry
// server timestamps; it runs on monotonic time, so a jump of this computer's wall clock moves nothing.
// When the measured offset itself moves (sleep, a new tenant), the owner calls reschedule().
import type { Clock, Logger, Notifier, TimerHandle } from '../ports';
import { silentLogger } from '../ports';
import type { QueueState } from '../queues/model';
import type { AlertPolicy, NotificationDecision } from './alerts';
import type { AgentChange } from './status';

export interface AlertRunner {
  handleChanges(changes: readonly AgentChange[]): void;
  /** A new QueueState: queue rules are checked now, and a longest wait is woken for when it passes its limit. */
  handleQueues(state: QueueState): void;
  /** Re-plans the wake-up after settings, pins or pause changed. */
  reschedule(): void;
  stop(): void;
}

/** What the runner's parts share, built once by createAlertRunner; the timer changes while it runs. */
interface RunnerParts {
  readonly policy: AlertPolicy;
  readonly clock: Clock;
  readonly notifier: Notifier;
  readonly logger: Logger;
  /** The timeline: the server's clock as measured, or the Clock's wall time. */
  readonly now: () => number;
  /** The one wake-up planned, and the timeline time it is for. */
  timer: TimerHandle | null;
  timerAt: number | null;
  stopped: boolean;
}

export function createAlertRunner(opts: { policy: AlertPolicy; clock: Clock; notifier: Notifier; logger?: Logger; timeline?: () => number }): AlertRunner {
  const { policy, clock, notifier } = opts;
  const r: RunnerParts = {
    policy,
    clock,
    notifier,
    logger: opts.logger ?? silentLogger,
    now: opts.timeline ?? (() => clock.now()),
    timer: null,
    timerAt: null,
    stopped: false,
  };
  return {
    handleChanges(changes) {
      if (r.stopped || changes.length === 0) return;
      policy.onChanges(changes, r.now());
      plan(r);
    },
    handleQueues(state) {
      if (r.stopped) return;
      policy.onQueues(state, r.now());
      plan(r);
    },
    reschedule() {
      // The timeline may have moved under the planned timer: plan from scratch.
      cancelTimer(r);
      plan(r);
    },
    stop() {
      r.stopped = true;
      cancelTimer(r);
    },
  };
}

/** The planned wake-up: the policy's decisions due now are shown, then the next wake-up planned. */
function wake(r: RunnerParts): void {
  r.timer = null;
  r.timerAt = null;
  show(r, r.policy.tick(r.now()));
  plan(r);
}

/** Hands each decision to the Notifier; one that fails to show is logged and the rest still shown. */
function show(r: RunnerParts, decisions: readonly NotificationDecision[]): void {
  for (const d of decisions) {
    try {
      r.notifier.show(d);
    } catch (err) {
      r.logger.warn('showing a notification failed', { error: String(err) });
    }
  }
}

/** Sets the one timer for the policy's nextDueAt(): none when nothing is due, kept when already set for it. */
function plan(r: RunnerParts): void {
  if (r.stopped) return;
  const due = r.policy.nextDueAt();
  if (due === null) {
    cancelTimer(r);
    return;
  }
  if (r.timer !== null && r.timerAt === due) return;
  cancelTimer(r);
  r.timerAt = due;
  r.timer = r.clock.setTimeout(() => wake(r), Math.max(0, due - r.now()));
}

function cancelTimer(r: RunnerParts): void {
  if (r.timer !== null) r.clock.clearTimeout(r.timer);
  r.timer = null;
  r.timerAt = null;
}
