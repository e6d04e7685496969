// npm 11.19+ runs no dependency's install script that package.json's `allowScripts` does not allow, and
// lists each one it skipped at the end of `npm install` — noise a newcomer reads as a fault. Every
// dependency with an install script gets a decision (README, "Which Node"); these checks fail when a new
// one arrives without one, or when the keychain's addon would need its skipped build step after all.
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ROOT } from './build-once';

const json = (file: string) => JSON.parse(readFileSync(join(ROOT, file), 'utf8')) as Record<string, unknown>;
const pkg = json('package.json') as { allowScripts?: Record<string, boolean> };
const lock = json('package-lock.json') as { packages: Record<string, { version?: string; hasInstallScript?: boolean }> };

/** Package names (the last node_modules/ part of the lock's key) whose install scripts npm would run. */
const withScripts = [...new Set(Object.entries(lock.packages).filter(([key, p]) => key !== '' && p.hasInstallScript).map(([key]) => key.slice(key.lastIndexOf('node_modules/') + 'node_modules/'.length)))].sort();

describe('dependency install scripts (npm allowScripts)', () => {
  it('every dependency the lock file marks as having an install script has a decision in allowScripts', () => {
    expect(withScripts.length).toBeGreaterThan(0);
    const decided = Object.keys(pkg.allowScripts ?? {}).map((k) => k.replace(/@[^@/]+$/, '')).sort();
    expect(withScripts.filter((name) => !decided.includes(name))).toEqual([]);
  });

  it('keytar, whose script is denied, loads from the addon its package ships for this platform', async () => {
    expect(pkg.allowScripts?.['@github/keytar']).toBe(false);
    const dir = join(ROOT, 'node_modules/@github/keytar');
    const shipped = [join(dir, 'build/Release/keytar.node'), join(dir, 'prebuilds', `${process.platform}-${process.arch}`)];
    expect(shipped.some((p) => existsSync(p))).toBe(true);
    // Loading needs libsecret (installed by .ci/run), not a build: no node-gyp ran.
    const keytar = (await import('@github/keytar')) as { default?: { getPassword?: unknown }; getPassword?: unknown };
    expect(typeof (keytar.default?.getPassword ?? keytar.getPassword)).toBe('function');
  });
});
