#!/usr/bin/env node
// `npm start` and `npm run dev`: make sure the Electron binary is there, then hand over to electron-vite
// (preview: build and launch; dev: dev server and launch).
//
//   node build/launch-electron.mjs preview|dev [electron-vite options]
//
// Why this step exists: electron 45 has no install script — its binary is downloaded the first time
// `require('electron')` runs — while electron-vite only reads node_modules/electron/path.txt and throws
// "Electron uninstall" when it is missing. So the binary is fetched here, by Electron's OWN install script
// (node_modules/electron/install.js → @electron/get), which keeps ELECTRON_MIRROR, ELECTRON_CUSTOM_DIR,
// the proxy variables, Electron's download cache and ELECTRON_OVERRIDE_DIST_PATH working as documented.
// Its path — from node_modules/electron/index.js, the same resolution `require('electron')` does — is
// passed to electron-vite as ELECTRON_EXEC_PATH (which also makes ELECTRON_OVERRIDE_DIST_PATH count there).
//
// When Electron cannot be had (offline, blocked, a server without a desktop), one paragraph says what
// failed, how to fix it, and what works without Electron; no stack trace, non-zero exit.
import { spawn } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { lddReport, missingLibrariesSentence } from './missing-libraries.mjs';

const require = createRequire(import.meta.url);
const ROOT = join(import.meta.dirname, '..');
const ELECTRON_DIR = dirname(require.resolve('electron/package.json', { paths: [ROOT] }));
const ELECTRON_VERSION = JSON.parse(readFileSync(join(ELECTRON_DIR, 'package.json'), 'utf8')).version;
const LOG_FILE = join(ROOT, 'node_modules/.cache/cxone-agent-tray/electron-install.log');
const WITHOUT_ELECTRON =
  'Without Electron you can still see the app in your browser with `npm run preview:browser`, and check your tenant ' +
  'from the terminal with `npx cxone-agent-tray doctor` (`npx cxone-agent-tray --help` for its options), or try it ' +
  'on the built-in demo tenant with `npx cxone-agent-tray doctor --demo`.';
const HOW_TO_FIX =
  'To fix it, set ELECTRON_MIRROR to a mirror you can reach (and ELECTRON_CUSTOM_DIR if its layout differs), ' +
  'or HTTPS_PROXY with ELECTRON_GET_USE_PROXY=1 behind a proxy, or point ELECTRON_OVERRIDE_DIST_PATH at the ' +
  `folder of an Electron ${ELECTRON_VERSION.split('.')[0]} you already have; then run npm start again.`;

/** A failure the user can act on: printed as one paragraph, never as a stack trace. */
class StartFailure extends Error {}

/** One paragraph, wrapped for a terminal; a `command` in backticks is never split. */
function paragraph(text) {
  const lines = [];
  let line = '';
  for (const word of text.match(/`[^`]*`\S*|\S+/g) ?? []) {
    if (line && line.length + 1 + word.length > 100) {
      lines.push(line);
      line = word;
    } else line = line ? `${line} ${word}` : word;
  }
  if (line) lines.push(line);
  return lines.join('\n');
}

function platformName() {
  return `${process.env.ELECTRON_INSTALL_PLATFORM || process.env.npm_config_platform || process.platform}-${process.env.ELECTRON_INSTALL_ARCH || process.env.npm_config_arch || process.arch}`;
}

/** Linux without X11 or Wayland (a server, an SSH session without forwarding): Electron cannot show anything. */
function checkDesktop() {
  if (process.platform !== 'linux' || process.env.DISPLAY || process.env.WAYLAND_DISPLAY) return;
  throw new StartFailure(
    'Could not start CXone Agent Tray: Electron needs a desktop session, and this one has none (neither DISPLAY ' +
      'nor WAYLAND_DISPLAY is set, as on a server or over SSH without X forwarding). Run npm start on a desktop, or ' +
      `connect with ssh -X. ${WITHOUT_ELECTRON}`,
  );
}

/** What a failed install.js said, in a few words: the error's first line, never its stack. */
function describeInstallError(stderr) {
  const first = stderr.split('\n').find((l) => /^\s*\w*Error\b|^Error:/.test(l) && !l.includes('@electron/get')) ?? '';
  const message = first.replace(/^\s*\w*Error:\s*/, '').trim();
  if (!message) return 'the install script failed';
  if (/^fetch failed$/i.test(message)) return 'no connection: offline, blocked by a firewall or proxy, or the mirror is down';
  if (/ENOSPC/.test(message)) return 'the disk is full';
  if (/EACCES|EPERM/.test(message)) return `no permission to write there (${message.slice(0, 160)})`;
  return message.slice(0, 200);
}

/** The download's URL and temporary file, from @electron/get's debug line "Downloading <url> to <file> with options". */
function parseDownloadLine(text) {
  const m = /Downloading (\S+) to (\S+) with options/.exec(text);
  return m ? { url: m[1], file: m[2] } : null;
}

function formatMB(bytes) {
  return `${(bytes / 1e6).toFixed(1)} MB`;
}

/**
 * Runs node_modules/electron/install.js — Electron's own: a no-op when the binary is installed, else the
 * download (through the cache, mirror and proxy settings) and the unpacking into node_modules/electron/dist.
 * Progress: @electron/get draws its own bar only after 30 s and only on a terminal it owns, so the file it
 * downloads into (named in its debug output) is watched here instead.
 */
function runElectronInstall() {
  return new Promise((resolve, reject) => {
    const env = { ...process.env, DEBUG: [process.env.DEBUG, '@electron/get:index'].filter(Boolean).join(',') };
    const child = spawn(process.execPath, [join(ELECTRON_DIR, 'install.js')], { cwd: ROOT, env, stdio: ['ignore', 'inherit', 'pipe'] });
    let stderr = '';
    let download = null;
    let lastShown = 0;
    let announced = false;
    const tty = process.stderr.isTTY;
    const showProgress = () => {
      if (!download || !existsSync(download.file)) return;
      const size = statSync(download.file).size;
      if (!announced) {
        process.stderr.write(`Downloading Electron ${ELECTRON_VERSION} for ${platformName()} (once; later starts use Electron's cache) from ${download.url}\n`);
        announced = true;
      }
      if (tty) process.stderr.write(`\r  ${formatMB(size)} received`);
      else if (Date.now() - lastShown >= 5_000) {
        process.stderr.write(`  ${formatMB(size)} received\n`);
        lastShown = Date.now();
      }
    };
    const timer = setInterval(showProgress, 500);
    child.stderr.on('data', (chunk) => {
      stderr += chunk.toString();
      download ??= parseDownloadLine(stderr);
    });
    child.on('error', (err) => {
      clearInterval(timer);
      reject(new StartFailure(`Could not start CXone Agent Tray: Electron's install script could not run (${err.message}). ${HOW_TO_FIX} ${WITHOUT_ELECTRON}`));
    });
    child.on('close', (code, signal) => {
      clearInterval(timer);
      if (announced && tty) process.stderr.write('\n');
      if (code === 0) {
        if (announced) process.stderr.write(`Electron ${ELECTRON_VERSION} is installed.\n`);
        resolve();
        return;
      }
      let logNote = '';
      try {
        mkdirSync(dirname(LOG_FILE), { recursive: true });
        writeFileSync(LOG_FILE, stderr);
        logNote = ` (The full output is in ${LOG_FILE}.)`;
      } catch {
        // No log is no reason to hide the paragraph below.
      }
      const from = download ? ` from ${download.url}` : '';
      const cause = signal ? `stopped by ${signal}` : describeInstallError(stderr);
      reject(new StartFailure(`Could not start CXone Agent Tray: Electron ${ELECTRON_VERSION} for ${platformName()} could not be downloaded${from} (${cause}). ${HOW_TO_FIX} ${WITHOUT_ELECTRON}${logNote}`));
    });
  });
}

/** The executable, resolved exactly as `require('electron')` resolves it (node_modules/electron/index.js). */
function electronExecutable() {
  const override = process.env.ELECTRON_OVERRIDE_DIST_PATH;
  // With an override, index.js never downloads; without one, install.js has just made sure it need not.
  const exe = require(ELECTRON_DIR);
  if (!existsSync(exe)) {
    throw new StartFailure(
      override
        ? `Could not start CXone Agent Tray: ELECTRON_OVERRIDE_DIST_PATH is set to ${override}, but there is no Electron executable at ${exe}. Point it at the folder that holds the Electron ${ELECTRON_VERSION.split('.')[0]} executable, or unset it to download Electron. ${WITHOUT_ELECTRON}`
        : `Could not start CXone Agent Tray: Electron reported itself installed, but ${exe} does not exist. Delete node_modules/electron/dist and node_modules/electron/path.txt and run npm start again. ${WITHOUT_ELECTRON}`,
    );
  }
  return exe;
}

/**
 * Linux: the system libraries the Electron executable needs and cannot find. Without this check Electron
 * dies with "error while loading shared libraries" inside electron-vite's output.
 */
function checkSharedLibraries(exe) {
  if (process.platform !== 'linux') return;
  const why = missingLibrariesSentence(lddReport(exe));
  if (why) throw new StartFailure(`Could not start CXone Agent Tray: Electron ${ELECTRON_VERSION} ${why} ${WITHOUT_ELECTRON}`);
}

/** electron-vite with the binary found above; its exit code becomes ours. */
function runElectronVite(mode, args, exe) {
  const cli = join(dirname(require.resolve('electron-vite/package.json', { paths: [ROOT] })), 'bin/electron-vite.js');
  const child = spawn(process.execPath, [cli, mode, ...args], { cwd: ROOT, stdio: 'inherit', env: { ...process.env, ELECTRON_EXEC_PATH: exe } });
  // Ctrl+C reaches the whole process group; electron-vite forwards it to Electron and exits after it.
  // A signal sent to this process alone (a supervisor's SIGTERM) is passed on the same way.
  for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP']) {
    process.on(signal, () => {
      if (child.exitCode === null && child.signalCode === null) child.kill(signal);
    });
  }
  child.on('close', (code, signal) => process.exit(code ?? (signal ? 1 : 0)));
}

async function main() {
  const [mode, ...args] = process.argv.slice(2);
  if (mode !== 'preview' && mode !== 'dev') {
    process.stderr.write('usage: node build/launch-electron.mjs preview|dev [electron-vite options]\n');
    process.exit(2);
  }
  checkDesktop();
  if (!process.env.ELECTRON_OVERRIDE_DIST_PATH) await runElectronInstall();
  const exe = electronExecutable();
  checkSharedLibraries(exe);
  runElectronVite(mode, args, exe);
}

main().catch((err) => {
  if (err instanceof StartFailure) process.stderr.write(`\n${paragraph(err.message)}\n\n`);
  else process.stderr.write(`Could not start CXone Agent Tray: ${err instanceof Error ? err.message : String(err)}\n`);
  process.exit(1);
});
