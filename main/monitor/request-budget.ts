// One budget of requests to CXone for every poller of a tenant (agent states, skill queues): when one
// of them meets a 429, a 503 or a network failure and backs off, the others hold their requests for as
// long, so the tenant never sees two storms, and a server's Retry-After is honoured by everyone.
// A hold ends when monotonic time or the wall clock says it has passed: a wall clock set back does
// not stretch it, and a sleep (monotonic time stands still, the wall clock and the server move on)
// does not keep it for its whole length after waking.
import { monotonicNow, type Clock } from '../ports';

export interface RequestBudget {
  /** How long (ms) requests must still wait before going out; 0 = now. */
  waitMs(): number;
  /**
   * A poller backs off for `ms` after a transient failure: every poller waits at least as long.
   * `serverAsked`: the wait is the server's Retry-After (a network change does not end it).
   */
  hold(ms: number, serverAsked: boolean): void;
  /** The network changed or the machine woke: a hold that was only the app's own backoff ends now. */
  wake(): void;
}

/** The end of a hold on both clocks. */
interface Until {
  mono: number;
  wall: number;
}

const NONE: Until = { mono: 0, wall: 0 };

export function createRequestBudget(clock: Clock): RequestBudget {
  let own = NONE;
  let server = NONE;
  const left = (u: Until) => Math.max(0, Math.min(u.mono - monotonicNow(clock), u.wall - clock.now()));
  const later = (a: Until, b: Until) => (left(b) > left(a) ? b : a);
  return {
    waitMs: () => Math.max(left(own), left(server)),
    hold(ms, serverAsked) {
      if (!(ms > 0)) return;
      const until = { mono: monotonicNow(clock) + ms, wall: clock.now() + ms };
      if (serverAsked) server = later(server, until);
      else own = later(own, until);
    },
    wake() {
      own = NONE;
    },
  };
}
