// What the app opens in the system browser: the sign-in pages only on the issuer's origin, links from
// its windows only to the issuer's host and NICE's documentation, over https.
import { describe, expect, it } from 'vitest';
import { checkExternalLink, checkSignInPage } from '../../main/net/external-links';

const ISSUER = 'https://cxone.niceincontact.com';

describe('links from the app windows', () => {
  it.each([
    'https://developer.niceincontact.com/Documentation/Overview',
    'https://help.nice-incontact.com/content/acd/agents/agents.htm',
    'https://cxone.niceincontact.com/auth/authorize?x=1',
    'https://HELP.NICE-INCONTACT.COM/x',
  ])('opens %s', (url) => expect(checkExternalLink(url, ISSUER).ok).toBe(true));

  it.each([
    ['http://developer.niceincontact.com/', /https/],
    ['https://evil.example/', /not opened/],
    ['https://developer.niceincontact.com.evil.example/', /not opened/],
    ['https://niceincontact.com.evil.example/', /not opened/],
    ['https://user:pw@developer.niceincontact.com/', /user name/],
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
});

describe('the sign-in page', () => {
  it('must be on the issuer origin', () => {
    expect(checkSignInPage(`${ISSUER}/auth/authorize?client_id=a`, ISSUER).ok).toBe(true);
    expect(checkSignInPage('http://127.0.0.1:4000/auth?x', 'http://127.0.0.1:4000').ok).toBe(true);
    for (const bad of ['https://login.evil.example/auth/authorize', 'http://cxone.niceincontact.com/auth/authorize', 'https://cxone.niceincontact.com:8443/auth', 'http://127.0.0.1:4001/auth']) {
      expect(checkSignInPage(bad, bad.startsWith('http://127') ? 'http://127.0.0.1:4000' : ISSUER).ok).toBe(false);
    }
  });
});
