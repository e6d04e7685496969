import { mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { createFileLogger } from '../../main/log/file-logger';
import { redactText, redactValue } from '../../main/log/redact';

const JWT = 'eyJhbGciOiJSUzI1NiJ9.eyJzdWIiOiJ1c2VyOjEyMyIsInRlbmFudElkIjoiYWJjIn0.c2lnbmF0dXJlLXBhcnQ';
const OPAQUE = 'rt_8f3b9c1d2e4a5b6c7d8e9f00';

describe('redaction', () => {
  it('removes bearer tokens, JWTs and secret parameters from text', () => {
    const text = [
      `Authorization: Bearer ${OPAQUE}`,
      `token ${JWT} seen`,
      `GET /callback?code=abc123XYZ&state=s1`,
      `body grant_type=refresh_token&refresh_token=${OPAQUE}&code_verifier=verif_42`,
      `{"access_token":"${OPAQUE}","expires_in":3600}`,
    ].join('\n');
    const out = redactText(text);
    expect(out).not.toContain(OPAQUE);
    expect(out).not.toContain(JWT);
    expect(out).not.toContain('abc123XYZ');
    expect(out).not.toContain('verif_42');
    // What is not secret stays readable.
    expect(out).toContain('state=s1');
    expect(out).toContain('"expires_in":3600');
    expect(out).toContain('grant_type=refresh_token');
  });

  it('replaces secret-named properties in structured data, however deep', () => {
    const out = JSON.stringify(redactValue({ user: 'ana', nested: { refreshToken: OPAQUE, list: [{ code: 'c0de' }] }, error: new Error(`bad ${JWT}`) }));
    expect(out).not.toContain(OPAQUE);
    expect(out).not.toContain('c0de');
    expect(out).not.toContain(JWT);
    expect(out).toContain('"user":"ana"');
  });
});

describe('file logger', () => {
  const dirs: string[] = [];
  afterEach(() => dirs.splice(0).forEach((d) => rmSync(d, { recursive: true, force: true })));
  const tempDir = () => {
    const d = mkdtempSync(join(tmpdir(), 'cxone-log-'));
    dirs.push(d);
    return d;
  };

  it('writes levelled, redacted lines and drops those below the level', () => {
    const dir = tempDir();
    const log = createFileLogger({ dir, level: 'info', now: () => Date.UTC(2026, 0, 2, 3, 4, 5) });
    log.debug('not written');
    log.info('token refreshed', { refresh_token: OPAQUE, url: `https://x.test/cb?code=zzz999` });
    log.error(`request failed: Bearer ${JWT}`);
    const text = readFileSync(log.file, 'utf8');
    expect(text).not.toContain('not written');
    expect(text).toContain('2026-01-02T03:04:05.000Z INFO  token refreshed');
    expect(text).toMatch(/ERROR request failed: Bearer \[redacted\]/);
    expect(text).not.toContain(OPAQUE);
    expect(text).not.toContain('zzz999');
    expect(text).not.toContain(JWT);
  });

  it('rotates by size and keeps a bounded number of files', () => {
    const dir = tempDir();
    const log = createFileLogger({ dir, maxBytes: 400, keep: 2 });
    for (let i = 0; i < 60; i++) log.info(`line ${i} ${'x'.repeat(40)}`);
    const files = readdirSync(dir).sort();
    expect(files).toEqual(['main.1.log', 'main.2.log', 'main.log']);
    for (const f of files) expect(readFileSync(join(dir, f)).length).toBeLessThanOrEqual(400);
    expect(readFileSync(join(dir, 'main.log'), 'utf8')).toContain('line 59');
  });

  it('a log folder that cannot be made does not stop the app: lines still reach the echo', () => {
    // The folder's path runs through a regular file (ENOTDIR), as a profile the user cannot write would
    // (root here ignores permissions). Before, making the logger threw and the app never started.
    const blocker = join(tempDir(), 'blocker');
    writeFileSync(blocker, 'a file where the folder should be');
    const echoed: string[] = [];
    const log = createFileLogger({ dir: join(blocker, 'logs'), echo: (line) => echoed.push(line) });
    log.info('app: starting');
    log.error('still going');
    expect(echoed).toHaveLength(2);
    expect(echoed[1]).toMatch(/ERROR still going$/);
    expect(readFileSync(blocker, 'utf8')).toBe('a file where the folder should be');
  });
});
