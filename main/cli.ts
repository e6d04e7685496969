// `cxone-agent-tray`: the doctor and watch commands in plain Node (no Electron). Run from a checkout
// with `npm run doctor -- …`, `npm run cli -- watch …`, or the bin (bin/cxone-agent-tray.mjs).
import { pathToFileURL } from 'node:url';
import { parseCommandLine, tokensOf, USAGE, UsageError } from './diagnostics/cli-options';
import type { CliIo } from './diagnostics/cli-session';
import { formatReport, redactString, reportJson } from './diagnostics/report';
// The CLI's build inlines the version alone (a named JSON import), not the whole package.json.
import { version } from '../package.json';

/** Runs one command line; resolves to the exit code (0 fine, 1 an error found, 2 usage). */
export async function runCli(argv: readonly string[], io: CliIo): Promise<number> {
  let secrets: string[] = [];
  // Set on Ctrl+C. Registered before any command's own reaction to it runs (a sign-in cancels itself),
  // so the failure that reaction causes is known as the user's doing: 130, like an interrupted doctor.
  let interrupted = false;
  void io.interrupted?.then(() => (interrupted = true));
  try {
    const { command, options } = parseCommandLine(argv, io.env);
    secrets = tokensOf(options);
    if (options.version) {
      io.stdout(`cxone-agent-tray ${version}\n`);
      return 0;
    }
    if (command === 'help' || options.help) {
      io.stdout(USAGE);
      return 0;
    }
    // Loaded only for a command, so `--help` stays close to a bare Node start (npm run bench measures it).
    const [{ openCliSession }, { runWatch }, { runDoctor }] = await Promise.all([
      import('./diagnostics/cli-session'),
      import('./diagnostics/cli-watch'),
      import('./diagnostics/doctor'),
    ]);
    const session = await openCliSession(options, io);
    try {
      if (command === 'watch') return await runWatch(options, session, io, secrets);
      const doctor = runDoctor({
        ...session.input,
        agentId: options['agent-id'],
        updatedSince: options['updated-since'],
        fields: options.fields,
        top: options.top,
        skip: options.skip,
        fetch: io.fetch,
      });
      // Ctrl+C during a slow check ends the command at once (130, the shell's code for SIGINT).
      const report = await Promise.race([doctor, ...(io.interrupted ? [io.interrupted.then(() => null)] : [])]);
      if (report === null) return 130;
      io.stdout(options.json ? reportJson(report, secrets) + '\n' : formatReport(report, secrets) + '\n');
      return report.ok ? 0 : 1;
    } finally {
      await session.close();
    }
  } catch (err) {
    if (err instanceof UsageError) {
      io.stderr(redactString(`cxone-agent-tray: ${err.message}\nRun "cxone-agent-tray --help" for the options.\n`, secrets));
      return 2;
    }
    if (interrupted) return 130;
    // Sign-in failures and the like: a sentence, never a stack with request details.
    io.stderr(redactString(`cxone-agent-tray: ${err instanceof Error ? err.message : String(err)}\n`, secrets));
    return 1;
  }
}

/** Calls `gone` when the stream's reader closed its end (EPIPE); any other write error is thrown. */
function onReaderGone(stream: NodeJS.WriteStream, gone: () => void): void {
  stream.on('error', (err: NodeJS.ErrnoException) => {
    if (err.code !== 'EPIPE') throw err;
    gone();
  });
}

/** The process wiring: real stdout/stderr, the environment, Ctrl+C. */
export async function main(argv: readonly string[] = process.argv.slice(2)): Promise<void> {
  // The reader of a pipe went away (`watch --json | head -3`, `… 2>&1 | head -1`): Node reports EPIPE as
  // an 'error' event, which unhandled is a crash (exit 1, its stack lost in the closed pipe). Without a
  // reader of stdout the command ends as Ctrl+C ends it, quietly; without one of stderr only the
  // messages stop (stdout may still be read: `watch 2>&1 >out.txt | head -1`).
  let readerGone = false;
  let stderrGone = false;
  const interrupted = new Promise<void>((resolve) => {
    process.once('SIGINT', () => resolve());
    process.once('SIGTERM', () => resolve());
    onReaderGone(process.stdout, () => {
      readerGone = true;
      resolve();
    });
  });
  onReaderGone(process.stderr, () => (stderrGone = true));
  const code = await runCli(argv, {
    stdout: (t) => void (readerGone || process.stdout.write(t)),
    stderr: (t) => void (stderrGone || process.stderr.write(t)),
    env: process.env,
    interrupted,
  });
  if (readerGone) process.exit(code);
  // Let stdout drain (a pipe may be slow), then leave even if a keep-alive socket lingers.
  process.stdout.write('', () => process.exit(code));
}

// `tsx main/cli.ts …` runs this file directly; the bin imports it and calls main() itself.
if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) void main();
