// Hosts and paths CXone never uses (CXONE-API.md): forum answers and other vendors' docs send people to
// `api.cxone.com` or `/api/v2/…`. The real API host comes from discovery (`api-<area>.niceincontact.com`
// style) and REST paths are `/inContactAPI/services/vNN.N/…`, which the app adds itself. Naming such an
// endpoint for what it is beats a bare network error or 404 from it.

export interface NotCxone {
  title: string;
  detail: string;
  fix: string;
}

const HOST_FACT = "CXone's API hosts are found by discovery ({issuer}/.well-known/cxone-configuration), e.g. https://api-na1.niceincontact.com.";

/** Genesys Cloud's API domains (its `/api/v2/` paths are often mistaken for CXone's). */
const GENESYS_DOMAINS = ['mypurecloud.com', 'mypurecloud.ie', 'mypurecloud.de', 'mypurecloud.jp', 'mypurecloud.com.au', 'pure.cloud'];

const under = (host: string, domain: string) => host === domain || host.endsWith(`.${domain}`);

/** Why this API endpoint cannot be CXone's, or null when it may be (loopback and unknown hosts included). */
export function notACxoneApiHost(url: URL): NotCxone | null {
  const host = url.hostname.toLowerCase();
  const path = url.pathname.replace(/\/+$/, '');
  const genesys = GENESYS_DOMAINS.find((d) => under(host, d));
  if (genesys) {
    return {
      title: `${url.host} is a Genesys Cloud host, not CXone's`,
      detail: `${url.origin} belongs to Genesys Cloud (${genesys}), another vendor's platform; CXone never answers there. ${HOST_FACT}`,
      fix: 'Drop --api-endpoint and let discovery find the host, or pass the api_endpoint your tenant\'s cxone-configuration names.',
    };
  }
  if (under(host, 'cxone.com')) {
    return {
      title: `${url.host} is not a CXone API host`,
      detail: `There is no ${host} API: CXone's REST API does not live under cxone.com. ${HOST_FACT}`,
      fix: 'Drop --api-endpoint and let discovery find the host, or pass the api_endpoint your tenant\'s cxone-configuration names.',
    };
  }
  if (/^\/api\/v\d+(\/|$)/i.test(path)) {
    return {
      title: `${path} is not a CXone API path`,
      detail: `The /api/v2/… path style is Genesys Cloud's; CXone's REST paths are /inContactAPI/services/vNN.N/… (v34.0 by default), which the doctor adds to the host itself.`,
      fix: `Give the host only: ${url.origin}${/niceincontact\.com$/.test(host) ? '' : ' (if it is a CXone host at all)'}, and the version with --api-version.`,
    };
  }
  if (/^\/incontactapi(\/|$)/i.test(path)) {
    return {
      title: 'The API endpoint carries a path; it is the host only',
      detail: `${url.origin}${path} already holds /inContactAPI/…; the doctor adds /inContactAPI/services/vNN.N/ to the host itself, so the path would appear twice.`,
      fix: `Give ${url.origin} with --api-endpoint, and the version with --api-version (e.g. v34.0).`,
    };
  }
  return null;
}
