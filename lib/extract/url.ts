import { type Checked, fail, ok } from './problems';

/**
 * Checks a URL typed by the reader: it must parse, be http(s), and carry no credentials.
 * A bare host ("example.com/story") is read as https.
 */
export function checkUrl(input: string): Checked<URL> {
  const text = input.trim();
  if (!text) return fail('url-empty', 'Enter the address of an article (starting with https://).');
  const scheme = /^([a-z][a-z0-9+.-]*):/i.exec(text)?.[1]?.toLowerCase();
  // "example.com:8080/x" parses as scheme "example.com"; treat a dotted "scheme" as a host.
  const withScheme = scheme && !scheme.includes('.') ? text : `https://${text}`;
  let url: URL;
  try {
    url = new URL(withScheme);
  } catch {
    return fail(
      'url-malformed',
      `“${clip(text)}” is not a valid web address. Check for typos, or copy the address from the browser's address bar.`,
    );
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') {
    return fail(
      'url-scheme',
      `Only web pages (http:// or https://) can be added; “${url.protocol}” addresses cannot. To add a local file or other text, paste its text instead.`,
    );
  }
  if (!url.hostname || /\s/.test(text)) {
    return fail(
      'url-malformed',
      `“${clip(text)}” is not a valid web address. Check for typos, or copy the address from the browser's address bar.`,
    );
  }
  if (url.username || url.password) {
    return fail(
      'url-credentials',
      'Addresses with a user name or password in them are not fetched. Remove the “user:password@” part.',
    );
  }
  return ok(url);
}

const TRACKING = /^(?:utm_\w+|fbclid|gclid|mc_cid|mc_eid|ocid|cmpid|ref|ref_src|smid|at_\w+)$/i;

/** A URL reduced for duplicate checks: no fragment, no tracking parameters, no trailing slash. */
export function normalizeUrl(url: string): string | null {
  let u: URL;
  try {
    u = new URL(url);
  } catch {
    return null;
  }
  if (u.protocol !== 'http:' && u.protocol !== 'https:') return null;
  u.hash = '';
  for (const key of [...u.searchParams.keys()]) if (TRACKING.test(key)) u.searchParams.delete(key);
  u.searchParams.sort();
  const host = u.hostname.toLowerCase().replace(/^www\./, '');
  const path = u.pathname.replace(/\/+$/, '') || '/';
  const query = u.searchParams.toString();
  // http and https of the same page are the same page.
  return `${host}${u.port ? `:${u.port}` : ''}${path}${query ? `?${query}` : ''}`;
}

/** The optional-host-permission pattern to request for a URL ("https://example.com/*"). */
export function originPattern(url: URL): string {
  return `${url.protocol}//${url.hostname}/*`;
}

/**
 * Whether granted host match patterns ("<all_urls>", "https://*\/*", "*://*.example.com/*")
 * already cover a URL, so no permission prompt is needed. Ports are ignored, as in Chrome.
 */
export function isCoveredBy(url: URL, patterns: readonly string[]): boolean {
  const scheme = url.protocol.slice(0, -1);
  const host = url.hostname.toLowerCase();
  return patterns.some((p) => {
    if (p === '<all_urls>') return scheme === 'http' || scheme === 'https';
    const m = /^(\*|https?):\/\/([^/]+)\//.exec(p);
    if (!m) return false;
    if (m[1] !== '*' && m[1] !== scheme) return false;
    const h = (m[2] ?? '').replace(/:\d+$|:\*$/, '').toLowerCase();
    if (h === '*') return true;
    if (h.startsWith('*.')) return host === h.slice(2) || host.endsWith(h.slice(1));
    return host === h;
  });
}

function clip(s: string, n = 80): string {
  return s.length > n ? `${s.slice(0, n - 1)}…` : s;
}
