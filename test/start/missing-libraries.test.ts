// The check `npm start` runs before launching Electron on Linux (build/missing-libraries.mjs): real ldd on
// a real executable that lacks a library, and ldd's report for Electron on a minimal system.
import { chmodSync, existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { lddReport, missingLibrariesSentence } from '../../build/missing-libraries.mjs';

const dir = mkdtempSync(join(tmpdir(), 'missing-libs-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('missing system libraries', () => {
  it.runIf(process.platform === 'linux' && existsSync('/usr/bin/ldd'))('real ldd: an executable whose library is missing is named; a complete one and a script give nothing', () => {
    // /bin/true with its libc renamed (same length) in its dynamic section.
    const exe = join(dir, 'needs-libq');
    writeFileSync(exe, Buffer.from(readFileSync('/bin/true').toString('latin1').replace('libc.so.6\0', 'libq.so.6\0'), 'latin1'));
    chmodSync(exe, 0o755);
    expect(missingLibrariesSentence(lddReport(exe))).toBe(
      'needs system libraries this machine does not have: libq.so.6. Install the packages that provide them, then run npm start again.',
    );
    expect(missingLibrariesSentence(lddReport('/bin/true'))).toBeNull();
    const script = join(dir, 'script');
    writeFileSync(script, '#!/bin/sh\nexit 0\n');
    chmodSync(script, 0o755);
    expect(lddReport(script)).toBeNull();
    expect(missingLibrariesSentence(null)).toBeNull();
  });

  it('Electron on a minimal system (as on WSL): each missing library once, with the Debian packages that provide the known ones', () => {
    const report = [
      '\tlinux-vdso.so.1 (0x00007ffd1a1f2000)',
      '\tlibffmpeg.so => /opt/electron/libffmpeg.so (0x00007f2b4c000000)',
      '\tlibnss3.so => not found',
      '\tlibnssutil3.so => not found',
      '\tlibgbm.so.1 => not found',
      '\tlibasound.so.2 => not found',
      '\tlibfoo.so.7 => not found',
      '\tlibc.so.6 => /lib/x86_64-linux-gnu/libc.so.6 (0x00007f2b4be00000)',
    ].join('\n');
    expect(missingLibrariesSentence(report)).toBe(
      'needs system libraries this machine does not have: libnss3.so, libnssutil3.so, libgbm.so.1, libasound.so.2, libfoo.so.7. ' +
        'On Debian or Ubuntu (WSL too): `sudo apt-get install -y libnss3 libgbm1 libasound2`, and the packages that provide the others; then run npm start again.',
    );
  });
});
