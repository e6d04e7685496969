// What the app may open in the system browser. Two kinds of page, two rules:
// - the sign-in and sign-out pages: only on the configured issuer's own origin (an issuer's discovery
//   document that points the browser elsewhere is refused in main/auth/oidc.ts as well);
// - links from the app's own windows: https, and only to the issuer's host or NICE's documentation.
// Anything else — another scheme (file:, smb:, a custom protocol handler), a look-alike host, a URL with
// a user name — is refused, because shell.openExternal hands the URL to whatever the OS registers.
import { checkServiceUrl, type UrlCheck } from './url-policy';

/** NICE's developer and help sites, where the app's explanations may link. */
export const DOCUMENTATION_HOSTS: readonly string[] = ['developer.niceincontact.com', 'help.nice-incontact.com', 'help.niceincontact.com'];

/** A link from the app's windows: https, on the issuer's host or a documentation host. */
export function checkExternalLink(raw: string, issuer: string | null): UrlCheck {
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    return { ok: false, reason: 'The link is not a valid URL.' };
  }
  if (url.protocol !== 'https:') return { ok: false, reason: 'Only https links can be opened.' };
  if (url.username || url.password) return { ok: false, reason: 'Links with a user name or password are not opened.' };
  const allowed = new Set(DOCUMENTATION_HOSTS);
  const issuerHost = hostOf(issuer);
  if (issuerHost) allowed.add(issuerHost);
  if (!allowed.has(url.hostname.toLowerCase())) {
    return { ok: false, reason: `Links to ${url.hostname} are not opened: only the sign-in server and NICE's documentation are.` };
  }
  return { ok: true, url };
}

/** The sign-in (or sign-out) page: on the configured issuer's own origin, under the same URL rules. */
export function checkSignInPage(raw: string, issuer: string): UrlCheck {
  const page = checkServiceUrl(raw, 'sign-in page');
  if (!page.ok) return page;
  const own = checkServiceUrl(issuer, 'issuer');
  if (!own.ok) return own;
  if (page.url.origin !== own.url.origin || page.url.username || page.url.password) {
    return { ok: false, reason: `The sign-in page must be on the sign-in server ${own.url.host}, not ${page.url.host}.` };
  }
  return page;
}

function hostOf(issuer: string | null): string | null {
  if (!issuer) return null;
  try {
    return new URL(issuer).hostname.toLowerCase();
  } catch {
    return null;
  }
}
