import { describe, expect, it } from 'vitest';
import { checkRedirectUri, checkServiceUrl, isLoopbackHost } from '../../main/net/url-policy';

describe('URL policy', () => {
  it('allows http only for loopback hosts', () => {
    for (const h of ['127.0.0.1', '127.1.2.3', 'localhost', '[::1]']) expect(isLoopbackHost(h)).toBe(true);
    for (const h of ['127.0.0.256', '10.0.0.1', 'localhost.example.com', 'api.cxone.com']) expect(isLoopbackHost(h)).toBe(false);
    expect(checkServiceUrl('https://cxone.niceincontact.com', 'issuer').ok).toBe(true);
    expect(checkServiceUrl('http://127.0.0.1:4000', 'issuer').ok).toBe(true);
    expect(checkServiceUrl('http://cxone.niceincontact.com', 'issuer')).toEqual({ ok: false, reason: expect.stringMatching(/must use https/) });
    expect(checkServiceUrl('ftp://x', 'issuer')).toEqual({ ok: false, reason: expect.stringMatching(/https URL, not ftp/) });
  });

  it('one redirect URI rule for Settings, the CLI and the listener: http, loopback, explicit port', () => {
    expect(checkRedirectUri('http://localhost:3000/auth-callback').ok).toBe(true);
    expect(checkRedirectUri('http://127.0.0.1:8765/callback').ok).toBe(true);
    expect(checkRedirectUri('http://[::1]:8765/cb').ok).toBe(true);
    expect(checkRedirectUri('/auth-callback')).toEqual({ ok: false, reason: expect.stringMatching(/full redirect URI/) });
    expect(checkRedirectUri('https://localhost:3000/cb')).toEqual({ ok: false, reason: expect.stringMatching(/must be http on/) });
    expect(checkRedirectUri('http://example.com:3000/cb')).toEqual({ ok: false, reason: expect.stringMatching(/must be http on/) });
    expect(checkRedirectUri('http://localhost/cb')).toEqual({ ok: false, reason: expect.stringMatching(/explicit port/) });
  });
});
