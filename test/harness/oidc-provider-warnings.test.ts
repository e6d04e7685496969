// The test identity provider leaves out of `npm test`'s output only the warnings about its own
// deliberate set-up; any other warning (from oidc-provider or anyone else) still reaches the console.
import { afterEach, describe, expect, it, vi } from 'vitest';
import { isExpectedProviderWarning, startTestProvider, withoutExpectedProviderWarnings } from './oidc-provider';

afterEach(() => {
  vi.restoreAllMocks();
});

describe('the test provider and its warnings', () => {
  it('knows the three set-up warnings, plain or coloured, and nothing else', () => {
    expect(isExpectedProviderWarning('oidc-provider WARNING: Unsupported runtime. Use Node.js v22.x LTS, or a later LTS release.')).toBe(true);
    expect(isExpectedProviderWarning('\x1b[31;1moidc-provider WARNING: a quick start development-only in-memory adapter is used, you MUST change it\x1b[0m')).toBe(true);
    expect(isExpectedProviderWarning('oidc-provider WARNING: a quick start development-only feature devInteractions is enabled, you are expected to disable these')).toBe(true);
    expect(isExpectedProviderWarning('oidc-provider WARNING: configuration cookies.keys is missing')).toBe(false);
    expect(isExpectedProviderWarning('something else: in-memory adapter is used')).toBe(false);
  });

  it('passes every other warning through, and restores console.warn even when the work fails', async () => {
    const seen: unknown[][] = [];
    const original = console.warn;
    const spy = vi.spyOn(console, 'warn').mockImplementation((...args: unknown[]) => void seen.push(args));
    const spied = console.warn;
    await withoutExpectedProviderWarnings(() => {
      console.warn('oidc-provider WARNING: Unsupported runtime. Use Node.js v22.x LTS, or a later LTS release.');
      console.warn('oidc-provider WARNING: configuration cookies.keys is missing');
      console.warn('two', 'parts');
    });
    expect(seen).toEqual([['oidc-provider WARNING: configuration cookies.keys is missing'], ['two', 'parts']]);
    await expect(withoutExpectedProviderWarnings(() => Promise.reject(new Error('boom')))).rejects.toThrow('boom');
    expect(console.warn).toBe(spied);
    spy.mockRestore();
    expect(console.warn).toBe(original);
  });

  it('a real provider starts and answers without printing anything (its own signing key: no dev-keys warning)', async () => {
    const seen: string[] = [];
    const note = (...args: unknown[]) => void seen.push(args.map(String).join(' '));
    vi.spyOn(console, 'warn').mockImplementation(note);
    vi.spyOn(console, 'info').mockImplementation(note);
    const op = await startTestProvider();
    try {
      // It is a working provider: its discovery document answers.
      const res = await fetch(`${op.issuer}/.well-known/openid-configuration`);
      expect(res.status).toBe(200);
      const discovery = (await res.json()) as { issuer: string; jwks_uri: string };
      expect(discovery.issuer).toBe(op.issuer);
      const jwks = (await (await fetch(discovery.jwks_uri)).json()) as { keys: { alg?: string; kty: string; d?: unknown }[] };
      expect(jwks.keys).toEqual([expect.objectContaining({ kty: 'RSA', alg: 'RS256' })]);
      // Only the public half is published.
      expect(jwks.keys[0]!.d).toBeUndefined();
    } finally {
      await op.stop();
    }
    expect(seen).toEqual([]);
  });
});
