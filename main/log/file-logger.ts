// The main process's logger: levelled lines, redacted, appended to a size-rotated file in the app's log
// folder (main.log, main.1.log … main.<keep>.log). Writes are synchronous: log volume is small and a
// crash must not lose the line that explains it.
import { appendFileSync, existsSync, mkdirSync, renameSync, rmSync, statSync } from 'node:fs';
import { join } from 'node:path';
import type { LogLevel, Logger } from '../ports';
import { redactText, redactValue } from './redact';

const ORDER: Record<LogLevel, number> = { debug: 10, info: 20, warn: 30, error: 40 };

export interface FileLoggerOptions {
  dir: string;
  level?: LogLevel;
  /** Rotate when the file would grow past this size. */
  maxBytes?: number;
  /** Rotated files kept besides the current one. */
  keep?: number;
  fileName?: string;
  now?: () => number;
  /** Also echo lines here (the terminal in development). */
  echo?: (line: string) => void;
}

export function formatLogLine(time: number, level: LogLevel, message: string, data?: Record<string, unknown>): string {
  const extra = data && Object.keys(data).length ? ' ' + JSON.stringify(redactValue(data)) : '';
  return `${new Date(time).toISOString()} ${level.toUpperCase().padEnd(5)} ${redactText(message)}${extra}\n`;
}

export function createFileLogger(opts: FileLoggerOptions): Logger & { readonly file: string } {
  const maxBytes = opts.maxBytes ?? 1_000_000;
  const keep = opts.keep ?? 3;
  const now = opts.now ?? Date.now;
  const threshold = ORDER[opts.level ?? 'info'];
  const file = join(opts.dir, opts.fileName ?? 'main.log');
  try {
    mkdirSync(opts.dir, { recursive: true });
  } catch {
    // A log folder that cannot be made (its path runs through a file, a read-only profile) must not stop
    // the app from starting: every write below then fails quietly and the echo still runs.
  }
  const rotated = (i: number) => file.replace(/\.log$/, `.${i}.log`);

  const rotateIfNeeded = (incoming: number) => {
    if (!existsSync(file) || statSync(file).size + incoming <= maxBytes) return;
    rmSync(rotated(keep), { force: true });
    for (let i = keep - 1; i >= 1; i--) if (existsSync(rotated(i))) renameSync(rotated(i), rotated(i + 1));
    renameSync(file, rotated(1));
  };

  const write = (level: LogLevel, message: string, data?: Record<string, unknown>) => {
    if (ORDER[level] < threshold) return;
    const line = formatLogLine(now(), level, message, data);
    try {
      rotateIfNeeded(Buffer.byteLength(line));
      appendFileSync(file, line, { mode: 0o600 });
    } catch {
      // A full disk or a vanished folder must not take the app down; the echo (if any) still runs.
    }
    opts.echo?.(line.trimEnd());
  };

  return {
    file,
    debug: (m, d) => write('debug', m, d),
    info: (m, d) => write('info', m, d),
    warn: (m, d) => write('warn', m, d),
    error: (m, d) => write('error', m, d),
  };
}
