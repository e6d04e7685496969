// What the app opens in the system browser: the sign-in pages only on the issuer's origin, links from
// its windows only to the issuer's host and NICE's documentation, over https.
import { describe, expect, it } from 'vitest';
import { checkExternalLink, checkSignInPage } from '../../main/net/external-links';

const ISSUER = 'https://cxone.niceincontact.com';

describe('links from the app windows', () => {
  it.each([
    'https://developer.niceincontact.com/Documentation/Overview',
    'https://help.nice-incontact.com/content/acd/agents/agents.htm',
    'https://help.niceincontact.com/content/acd/agents/agents.htm',
    'https://cxone.niceincontact.com/auth/authorize?x=1',
    'https://HELP.NICE-INCONTACT.COM/x',
  ])('opens %s', (url) => expect(checkExternalLink(url, ISSUER).ok).toBe(true));

  it.each([
    ['http://developer.niceincontact.com/', /https/],
    ['https://evil.example/', /not opened/],
    ['https://developer.niceincontact.com.evil.example/', /not opened/],
    ['https://niceincontact.com.evil.example/', /not opened/],
    ['https://user:pw@developer.niceincontact.com/', /user name/],
    ['https://user@developer.niceincontact.com/', /user name/],
    ['https://:pw@developer.niceincontact.com/', /user name/],
    ['file:///etc/passwd', /https/],
    ['smb://host/share', /https/],
    ['javascript:alert(1)', /https/],
    ['ms-settings:privacy', /https/],
    ['not a url', /not a valid URL/],
  ])('refuses %s', (url, why) => {
    const r = checkExternalLink(url, ISSUER);
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.reason).toMatch(why);
  });

  it("follows the configured issuer's host, and only it", () => {
    expect(checkExternalLink('https://cxone-gov.niceincontact.com/x', ISSUER).ok).toBe(false);
    expect(checkExternalLink('https://cxone-gov.niceincontact.com/x', 'https://cxone-gov.niceincontact.com').ok).toBe(true);
  });

  it('without a usable issuer setting, opens the documentation and nothing else', () => {
    for (const issuer of [null, '', 'not a url']) {
      expect(checkExternalLink('https://developer.niceincontact.com/x', issuer).ok).toBe(true);
      expect(checkExternalLink('https://cxone.niceincontact.com/x', issuer).ok).toBe(false);
    }
  });
});

describe('the sign-in page', () => {
  it('must be on the issuer origin', () => {
    expect(checkSignInPage(`${ISSUER}/auth/authorize?client_id=a`, ISSUER).ok).toBe(true);
    expect(checkSignInPage('http://127.0.0.1:4000/auth?x', 'http://127.0.0.1:4000').ok).toBe(true);
    for (const bad of ['https://login.evil.example/auth/authorize', 'http://cxone.niceincontact.com/auth/authorize', 'https://cxone.niceincontact.com:8443/auth', 'http://127.0.0.1:4001/auth']) {
      expect(checkSignInPage(bad, bad.startsWith('http://127') ? 'http://127.0.0.1:4000' : ISSUER).ok).toBe(false);
    }
  });

  it('says which URL is wrong: the page, the issuer setting, or the server the page is on', () => {
    const reason = (page: string, issuer: string) => {
      const r = checkSignInPage(page, issuer);
      return r.ok ? null : r.reason;
    };
    expect(reason('http://login.evil.example/auth', ISSUER)).toMatch(/^The sign-in page must use https/);
    // A page on a plain-http issuer is not opened: the issuer setting itself breaks the rule.
    expect(reason('http://cxone.example.com/auth', 'http://cxone.example.com')).toMatch(/^The sign-in page must use https/);
    expect(reason('https://cxone.example.com/auth', 'http://cxone.example.com')).toMatch(/^The issuer must use https/);
    expect(reason('https://login.evil.example/auth', ISSUER)).toBe('The sign-in page must be on the sign-in server cxone.niceincontact.com, not login.evil.example.');
  });
});
