// What happens when something crashes: every unhandled rejection and uncaught exception of the main
// process, and every renderer that dies, leaves a line in main.log (through the redacting logger), and
// the app keeps running where that is safe. No Electron import: the shapes it needs are structural, so
// it is tested in plain Node (and with the fake electron module).
import type { Logger } from '../ports';

/** Crashes this close together mean the app is stuck in a loop of failures: stop hiding it. */
const BURST_WINDOW_MS = 60_000;
/** Uncaught exceptions within the window after which the app quits (logged) instead of limping on. */
const MAX_UNCAUGHT_PER_WINDOW = 5;
/** Renderer reloads within the window after which a crashing window is left closed. */
const MAX_RELOADS_PER_WINDOW = 3;

type ProcessLike = {
  on(event: 'unhandledRejection', listener: (reason: unknown) => void): unknown;
  on(event: 'uncaughtException', listener: (error: Error) => void): unknown;
  off(event: 'unhandledRejection', listener: (reason: unknown) => void): unknown;
  off(event: 'uncaughtException', listener: (error: Error) => void): unknown;
};

/** Message and stack of anything thrown; the logger redacts tokens in both. */
export function describeCrash(reason: unknown): Record<string, unknown> {
  if (reason instanceof Error) return { name: reason.name, error: reason.message, stack: reason.stack?.split('\n').slice(0, 8).join('\n') };
  return { error: String(reason) };
}

/** Counts events in a sliding window: true once more than `max` happened within it. */
function burstCounter(max: number, now: () => number): () => boolean {
  let times: number[] = [];
  return () => {
    const t = now();
    times = times.filter((x) => t - x < BURST_WINDOW_MS);
    times.push(t);
    return times.length > max;
  };
}

/**
 * Installs the main process's last-resort handlers. An unhandled rejection is logged and the app goes
 * on (it is a forgotten catch, not a broken state). An uncaught exception is logged and the app goes on
 * too — Electron's own default would show a modal error box — unless they come in a burst, when
 * `exit(1)` ends a process that can no longer work. Returns a function that removes the handlers.
 */
export function installCrashGuard(deps: { process: ProcessLike; logger: Logger; exit: (code: number) => void; now?: () => number }): () => void {
  const { logger } = deps;
  const tooMany = burstCounter(MAX_UNCAUGHT_PER_WINDOW, deps.now ?? Date.now);
  const onRejection = (reason: unknown) => {
    logger.error('app: unhandled promise rejection (the app keeps running)', describeCrash(reason));
  };
  const onException = (error: Error) => {
    logger.error('app: uncaught exception', describeCrash(error));
    if (tooMany()) {
      logger.error(`app: ${MAX_UNCAUGHT_PER_WINDOW + 1} uncaught exceptions within a minute; quitting`);
      deps.exit(1);
    }
  };
  deps.process.on('unhandledRejection', onRejection);
  deps.process.on('uncaughtException', onException);
  return () => {
    deps.process.off('unhandledRejection', onRejection);
    deps.process.off('uncaughtException', onException);
  };
}

/** The part of a WebContents the renderer guard needs. */
export interface RendererLike {
  on(event: 'render-process-gone', listener: (event: unknown, details: { reason: string; exitCode: number }) => void): unknown;
  reload(): void;
  isDestroyed(): boolean;
  getURL(): string;
}

/**
 * A renderer that crashed, was killed or ran out of memory is logged and reloaded (the window stays,
 * its page comes back and asks main for a fresh snapshot). 'clean-exit' is a normal close. A renderer
 * that keeps crashing is reloaded at most a few times a minute, then left as it is (and logged).
 */
export function guardRendererCrashes(contents: RendererLike, logger: Logger, now: () => number = Date.now): void {
  const tooMany = burstCounter(MAX_RELOADS_PER_WINDOW, now);
  contents.on('render-process-gone', (_event, details) => {
    if (details.reason === 'clean-exit') return;
    const page = contents.isDestroyed() ? null : contents.getURL().split('#')[0];
    if (tooMany()) {
      logger.error('window: renderer keeps crashing; not reloading it again', { reason: details.reason, exitCode: details.exitCode, page });
      return;
    }
    logger.error('window: renderer gone; reloading it', { reason: details.reason, exitCode: details.exitCode, page });
    if (!contents.isDestroyed()) contents.reload();
  });
}

/** Hands a URL to the system browser; a refusal (no browser, a policy) is logged, never unhandled. */
export function openExternalLogged(open: (url: string) => Promise<void>, url: string, logger: Logger): void {
  open(url).catch((err: unknown) => logger.warn('could not open the link in the browser', describeCrash(err)));
}
