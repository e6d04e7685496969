import { describe, expect, it } from 'vitest';
import { checkRedirectUri, checkServiceUrl, isLoopbackHost } from '../../main/net/url-policy';

describe('URL policy', () => {
  it('allows http only for loopback hosts', () => {
    for (const h of ['127.0.0.1', '127.1.2.3', 'localhost', '[::1]']) expect(isLoopbackHost(h)).toBe(true);
    for (const h of ['127.0.0.256', '10.0.0.1', 'localhost.example.com', 'api.cxone.com']) expect(isLoopbackHost(h)).toBe(false);
    expect(checkServiceUrl('https://cxone.niceincontact.com', 'issuer').ok).toBe(true);
    expect(checkServiceUrl('http://127.0.0.1:4000', 'issuer').ok).toBe(true);
    expect(checkServiceUrl('http://cxone.niceincontact.com', 'issuer')).toEqual({ ok: false, reason: expect.stringMatching(/must use https/) });
    expect(checkServiceUrl('ftp://x', 'issuer')).toEqual({ ok: false, reason: expect.stringMatching(/https URL, not ftp\.$/) });
  });

  it('a loopback-looking name that is really another host gets no plain http', () => {
    // 127.0.0.1.example.com resolves wherever example.com says: the token would cross the network in the clear.
    for (const raw of ['http://127.0.0.1.example.com/', 'http://127.0.0.1.example.com:4000/v34.0', 'http://localhost.example.com/']) {
      expect(checkServiceUrl(raw, 'API endpoint')).toEqual({ ok: false, reason: expect.stringMatching(/must use https/) });
    }
    expect(checkServiceUrl('https://127.0.0.1.example.com/', 'API endpoint').ok).toBe(true);
  });

  it('judges the host the URL parser reads, not what the text looks like', () => {
    // A user name that looks like loopback, a trailing-dot name (resolved by DNS), an IPv4-mapped IPv6 address.
    for (const host of ['127.0.0.1@evil.example', '127.0.0.1:80@evil.example', 'localhost@evil.example', 'localhost.', '[::ffff:127.0.0.1]', '0.0.0.0']) {
      expect(checkServiceUrl(`http://${host}/`, 'issuer'), host).toEqual({ ok: false, reason: expect.stringMatching(/must use https/) });
      expect(checkRedirectUri(`http://${host}:4000/cb`).ok, host).toBe(false);
    }
    // Spellings the parser turns into loopback: an upper-case scheme and host, the short and the long IPv6 forms.
    for (const raw of ['HTTP://LOCALHOST:4000/', 'http://127.1:4000/', 'http://[0:0:0:0:0:0:0:1]:4000/']) expect(checkServiceUrl(raw, 'issuer').ok, raw).toBe(true);
  });

  it('every address of 127.0.0.0/8 is loopback, up to 127.255.255.255', () => {
    for (const h of ['127.10.200.255', '127.255.255.255', '127.0.0.10', '127.0.99.1']) {
      expect(isLoopbackHost(h)).toBe(true);
      expect(checkServiceUrl(`http://${h}:4000/`, 'issuer').ok).toBe(true);
    }
    expect(isLoopbackHost('127.255.255.256')).toBe(false);
  });

  it('loopback allows plain http only, not other schemes', () => {
    expect(checkServiceUrl('ftp://127.0.0.1/', 'issuer')).toEqual({ ok: false, reason: expect.stringMatching(/https URL, not ftp\.$/) });
    expect(checkServiceUrl('ws://localhost:4000/', 'issuer')).toEqual({ ok: false, reason: expect.stringMatching(/https URL, not ws\.$/) });
  });

  it('a service URL that does not parse is refused with a sentence naming the setting and what was typed', () => {
    const r = checkServiceUrl('cxone.example.com/path', 'issuer');
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(r.reason).toContain('issuer');
    expect(r.reason).toContain('"cxone.example.com/path"');
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

  it('a redirect URI with a user name, or with only a password, is refused', () => {
    for (const raw of ['http://user@localhost:3000/cb', 'http://:secret@localhost:3000/cb', 'http://user:secret@localhost:3000/cb']) {
      expect(checkRedirectUri(raw)).toEqual({ ok: false, reason: expect.stringMatching(/user name or password/) });
    }
  });

  it("a redirect URI's query may not use any name the sign-in server adds to its answer; the reason lists them", () => {
    for (const name of ['code', 'state', 'error', 'error_description', 'error_uri', 'iss', 'session_state']) {
      const r = checkRedirectUri(`http://localhost:3000/cb?${name}=x`);
      expect(r, name).toEqual({ ok: false, reason: expect.stringContaining(`(here: ${name})`) });
    }
    expect(checkRedirectUri('http://localhost:3000/cb?iss=a&tenant=b&state=c')).toEqual({ ok: false, reason: expect.stringContaining('(here: iss, state)') });
    expect(checkRedirectUri('http://localhost:3000/cb?tenant=b').ok).toBe(true);
  });
});
