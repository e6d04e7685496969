// Runs `npm run preview:browser` as a user does (its own process group, like a terminal's foreground job)
// and reads the one line it prints; stop() is Ctrl+C: SIGINT to the whole group. Bounded throughout.
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export interface PreviewProcess {
  /** The URL from the `Open <url>` line. */
  url: string;
  /** The preview's own settings folder (a temp folder, never the user's). */
  settingsDir: string;
  stdout(): string;
  stderr(): string;
  /**
   * Ctrl+C; resolves with how npm ended (npm re-raises a SIGINT it received on itself, so that is
   * `signal: 'SIGINT'` — the script's own clean end shows in its stderr) and whether the bound ran out.
   */
  stop(): Promise<{ code: number | null; signal: NodeJS.Signals | null; killed: boolean }>;
}

export async function startPreviewProcess(cwd: string, opts: { limitMs?: number } = {}): Promise<PreviewProcess> {
  const settingsDir = mkdtempSync(join(tmpdir(), 'preview-settings-'));
  const child: ChildProcess = spawn('npm', ['run', '--silent', 'preview:browser'], {
    cwd,
    env: { ...process.env, CXONE_AGENT_TRAY_PREVIEW_DIR: settingsDir },
    stdio: ['ignore', 'pipe', 'pipe'],
    detached: true,
  });
  let stdout = '';
  let stderr = '';
  child.stdout!.on('data', (d: Buffer) => (stdout += d.toString()));
  child.stderr!.on('data', (d: Buffer) => (stderr += d.toString()));
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) => child.on('close', (code, signal) => resolve({ code, signal })));
  const group = (signal: NodeJS.Signals) => {
    try {
      process.kill(-child.pid!, signal);
    } catch {
      // Already gone.
    }
  };
  const deadline = Date.now() + (opts.limitMs ?? 180_000);
  let done = false;
  void exited.then(() => (done = true));
  while (!/^Open (\S+)\n/m.test(stdout)) {
    if (done || Date.now() > deadline) {
      group('SIGKILL');
      rmSync(settingsDir, { recursive: true, force: true });
      throw new Error(`npm run preview:browser printed no Open line (${done ? 'it exited' : 'timed out'}).\nstdout: ${stdout}\nstderr: ${stderr}`);
    }
    await new Promise((r) => setTimeout(r, 100));
  }
  const url = /^Open (\S+)\n/m.exec(stdout)![1]!;
  return {
    url,
    settingsDir,
    stdout: () => stdout,
    stderr: () => stderr,
    async stop() {
      group('SIGINT');
      let killed = false;
      const killer = setTimeout(() => {
        killed = true;
        group('SIGKILL');
      }, 20_000);
      const end = await exited;
      clearTimeout(killer);
      rmSync(settingsDir, { recursive: true, force: true });
      return { ...end, killed };
    },
  };
}
