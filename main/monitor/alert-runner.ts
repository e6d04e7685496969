// Drives the pure alert policy with real time: feeds it the roster's changes, wakes it at
// nextDueAt() through the Clock port, and hands each decision to the Notifier. One timer at most.
// Time is the `timeline`: the server's clock as measured (server-clock.ts), because the changes carry
// server timestamps; it runs on monotonic time, so a jump of this computer's wall clock moves nothing.
// When the measured offset itself moves (sleep, a new tenant), the owner calls reschedule().
import type { Clock, Logger, Notifier, TimerHandle } from '../ports';
import { silentLogger } from '../ports';
import type { QueueState } from '../queues/model';
import type { AlertPolicy } from './alerts';
import type { AgentChange } from './status';

export interface AlertRunner {
  handleChanges(changes: readonly AgentChange[]): void;
  /** A new QueueState: queue rules are checked now, and a longest wait is woken for when it passes its limit. */
  handleQueues(state: QueueState): void;
  /** Re-plans the wake-up after settings, pins or pause changed. */
  reschedule(): void;
  stop(): void;
}

export function createAlertRunner(opts: { policy: AlertPolicy; clock: Clock; notifier: Notifier; logger?: Logger; timeline?: () => number }): AlertRunner {
  const { policy, clock, notifier } = opts;
  const now = opts.timeline ?? (() => clock.now());
  const logger = opts.logger ?? silentLogger;
  let timer: TimerHandle | null = null;
  let timerAt: number | null = null;
  let stopped = false;

  function run(): void {
    timer = null;
    timerAt = null;
    for (const d of policy.tick(now())) {
      try {
        notifier.show(d);
      } catch (err) {
        logger.warn('showing a notification failed', { error: String(err) });
      }
    }
    plan();
  }

  function plan(): void {
    if (stopped) return;
    const due = policy.nextDueAt();
    if (due === null) {
      if (timer !== null) clock.clearTimeout(timer);
      timer = null;
      timerAt = null;
      return;
    }
    if (timer !== null && timerAt === due) return;
    if (timer !== null) clock.clearTimeout(timer);
    timerAt = due;
    timer = clock.setTimeout(run, Math.max(0, due - now()));
  }

  return {
    handleChanges(changes) {
      if (stopped || changes.length === 0) return;
      policy.onChanges(changes, now());
      plan();
    },
    handleQueues(state) {
      if (stopped) return;
      policy.onQueues(state, now());
      plan();
    },
    reschedule() {
      // The timeline may have moved under the planned timer: plan from scratch.
      if (timer !== null) clock.clearTimeout(timer);
      timer = null;
      timerAt = null;
      plan();
    },
    stop() {
      stopped = true;
      if (timer !== null) clock.clearTimeout(timer);
      timer = null;
    },
  };
}
