import type { CliIo } from './cli-session';

/**
 * Wraps a poll call so each failure is also told to `onFail` before it is rethrown: the pollers turn
 * failures into statuses, but the watch command needs the error itself (and counts failed polls).
 */
export function reportingFailures<Q, R>(call: (q?: Q) => Promise<R>, onFail: (e: unknown) => void): (q?: Q) => Promise<R> {
  return async (q?: Q) => {
    try {
      return await call(q);
    } catch (e) {
      onFail(e);
      throw e;
    }
  };
}

/** Ends a watch once: the exit code, and an optional last line for stderr. */
export type FinishWatch = (code: number, message?: string) => void;

/**
 * Runs a watch's poller until `finish` is called (or the user interrupts, exit 0). `wire` hooks the
 * poller's events to `finish`; `isDone` tells whether the watch already ended.
 */
export async function watchUntilFinished(
  poller: { start(): void; stop(): void },
  io: CliIo,
  err: (text: string) => void,
  wire: (finish: FinishWatch, isDone: () => boolean) => void,
): Promise<number> {
  const finished = new Promise<number>((resolve) => {
    let done = false;
    const finish: FinishWatch = (code, message) => {
      if (done) return;
      done = true;
      if (message) err(message);
      resolve(code);
    };
    wire(finish, () => done);
    void io.interrupted?.then(() => finish(0));
  });
  // The poller's timers do not hold the process open (systemClock unrefs them); watching must.
  const keepAlive = setInterval(() => {}, 60_000);
  poller.start();
  try {
    return await finished;
  } finally {
    clearInterval(keepAlive);
    poller.stop();
  }
}
