// Which system libraries an executable needs and this Linux machine lacks, said with the packages that
// provide them: `npm start` checks Electron with it before launching (build/launch-electron.mjs).
import { spawnSync } from 'node:child_process';

/**
 * Debian and Ubuntu packages for the libraries Electron links that a minimal system (WSL, a container,
 * a server install with a desktop added later) often lacks. A library not named here is still listed.
 */
const LIBRARY_PACKAGES = {
  'libnss3.so': 'libnss3',
  'libnssutil3.so': 'libnss3',
  'libsmime3.so': 'libnss3',
  'libnspr4.so': 'libnspr4',
  'libatk-1.0.so.0': 'libatk1.0-0',
  'libatk-bridge-2.0.so.0': 'libatk-bridge2.0-0',
  'libatspi.so.0': 'libatspi2.0-0',
  'libcups.so.2': 'libcups2',
  'libdrm.so.2': 'libdrm2',
  'libgbm.so.1': 'libgbm1',
  'libgtk-3.so.0': 'libgtk-3-0',
  'libasound.so.2': 'libasound2',
  'libxkbcommon.so.0': 'libxkbcommon0',
  'libXcomposite.so.1': 'libxcomposite1',
  'libXdamage.so.1': 'libxdamage1',
  'libXfixes.so.3': 'libxfixes3',
  'libXrandr.so.2': 'libxrandr2',
  'libpango-1.0.so.0': 'libpango-1.0-0',
  'libcairo.so.2': 'libcairo2',
  'libdbus-1.so.3': 'libdbus-1-3',
  'libexpat.so.1': 'libexpat1',
  'libX11.so.6': 'libx11-6',
  'libXext.so.6': 'libxext6',
  'libxcb.so.1': 'libxcb1',
};

/**
 * `ldd <exe>`'s standard output, or null where there is nothing to read: no ldd, a timeout, or an
 * executable that is not a dynamic one (a script).
 * @param {string} exe
 * @returns {string | null}
 */
export function lddReport(exe) {
  const r = spawnSync('ldd', [exe], { encoding: 'utf8', timeout: 10_000 });
  return r.status === 0 && typeof r.stdout === 'string' ? r.stdout : null;
}

/**
 * From ldd's report, the end of a sentence that starts with the executable's name: "needs system
 * libraries this machine does not have: libnss3.so. On Debian or Ubuntu …". Null when nothing is missing.
 * @param {string | null} report
 * @returns {string | null}
 */
export function missingLibrariesSentence(report) {
  const missing = [...(report ?? '').matchAll(/^\s*(\S+) => not found\s*$/gm)].map((m) => m[1]);
  if (missing.length === 0) return null;
  const packages = [...new Set(missing.map((lib) => LIBRARY_PACKAGES[lib]).filter(Boolean))];
  const others = missing.some((lib) => !LIBRARY_PACKAGES[lib]);
  const install = packages.length
    ? `On Debian or Ubuntu (WSL too): \`sudo apt-get install -y ${packages.join(' ')}\`${others ? ', and the packages that provide the others' : ''}; then run npm start again.`
    : 'Install the packages that provide them, then run npm start again.';
  return `needs system libraries this machine does not have: ${missing.join(', ')}. ${install}`;
}
