import { type Result, fail, ok } from '../problems';
import { hostKey } from '../host';

/**
 * Checks a URL typed by the reader: it must parse, be http(s), carry no credentials, and point
 * to a public host (checkPublicUrl). A bare host ("example.com/story") is read as https.
 */
export function checkUrl(input: string): Result<URL> {
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
  return checkPublicUrl(url, typedHost(withScheme));
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
  const host = hostKey(u.hostname);
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

// ---------------------------------------------------------------------------------------------
// Public hosts only: "add by URL" must not become a way to read the reader's own computer or
// network (a router page, an intranet, a local development server).

/** Why a host is not on the public web. */
export type HostReason =
  | 'loopback'
  | 'private'
  | 'link-local'
  | 'unspecified'
  | 'reserved'
  | 'local-name'
  | 'single-label'
  | 'numeric-shorthand';

export type HostVerdict = { public: true } | { public: false; reason: HostReason };

const PUBLIC: HostVerdict = { public: true };
const notPublic = (reason: HostReason): HostVerdict => ({ public: false, reason });

/** Names that only mean something on the reader's own machine or network. */
const LOCAL_SUFFIXES = [
  'localhost',
  'local',
  'localdomain',
  'internal',
  'intranet',
  'lan',
  'home',
  'corp',
  'home.arpa',
];

/** The four bytes of a dotted-decimal IPv4 address (as URL writes them), or null. */
function ipv4Bytes(host: string): number[] | null {
  const m = /^(\d{1,3})\.(\d{1,3})\.(\d{1,3})\.(\d{1,3})$/.exec(host);
  if (!m) return null;
  const bytes = m.slice(1).map(Number);
  return bytes.every((b) => b <= 255) ? bytes : null;
}

function classifyIpv4([a, b]: number[]): HostVerdict {
  if (a === 127) return notPublic('loopback');
  if (a === 0) return notPublic('unspecified');
  if (a === 10 || (a === 172 && b! >= 16 && b! <= 31) || (a === 192 && b === 168))
    return notPublic('private');
  // Carrier-grade NAT (100.64/10): the internet provider's own network.
  if (a === 100 && b! >= 64 && b! <= 127) return notPublic('private');
  if (a === 169 && b === 254) return notPublic('link-local');
  // Multicast, reserved and broadcast (224/3), benchmarking (198.18/15).
  if (a! >= 224 || (a === 198 && (b === 18 || b === 19))) return notPublic('reserved');
  return PUBLIC;
}

/** The eight 16-bit groups of an IPv6 address (without brackets), or null. */
function ipv6Groups(host: string): number[] | null {
  let text = host;
  // An embedded IPv4 address ("::ffff:127.0.0.1") as its two groups.
  const v4 = /^(.*:)(\d+\.\d+\.\d+\.\d+)$/.exec(text);
  if (v4) {
    const bytes = ipv4Bytes(v4[2]!);
    if (!bytes) return null;
    text = `${v4[1]}${((bytes[0]! << 8) | bytes[1]!).toString(16)}:${((bytes[2]! << 8) | bytes[3]!).toString(16)}`;
  }
  const halves = text.split('::');
  if (halves.length > 2) return null;
  const parse = (part: string) => (part ? part.split(':') : []);
  const head = parse(halves[0]!);
  const tail = halves.length === 2 ? parse(halves[1]!) : [];
  const missing = 8 - head.length - tail.length;
  if (halves.length === 2 ? missing < 1 : missing !== 0) return null;
  const groups = [...head, ...Array<string>(halves.length === 2 ? missing : 0).fill('0'), ...tail];
  if (!groups.every((g) => /^[0-9a-f]{1,4}$/i.test(g))) return null;
  return groups.map((g) => parseInt(g, 16));
}

/** The IPv4 address an IPv4-mapped or -compatible IPv6 address stands for, or null. */
function embeddedIpv4(hostname: string): string | null {
  if (!hostname.startsWith('[')) return null;
  const g = ipv6Groups(hostname.slice(1, -1));
  if (!g || !g.slice(0, 5).every((x) => x === 0) || (g[5] !== 0xffff && g[5] !== 0)) return null;
  if (g[5] === 0 && g[6] === 0) return null; // "::" and "::1" are IPv6's own
  return [g[6]! >> 8, g[6]! & 0xff, g[7]! >> 8, g[7]! & 0xff].join('.');
}

function classifyIpv6(g: number[]): HostVerdict {
  const zeros = (n: number) => g.slice(0, n).every((x) => x === 0);
  if (zeros(7) && g[7] === 1) return notPublic('loopback');
  if (zeros(8)) return notPublic('unspecified');
  // IPv4-mapped (::ffff:a.b.c.d) and IPv4-compatible (::a.b.c.d): judged as that IPv4 address.
  if (zeros(5) && (g[5] === 0xffff || g[5] === 0)) {
    return classifyIpv4([g[6]! >> 8, g[6]! & 0xff, g[7]! >> 8, g[7]! & 0xff]);
  }
  if ((g[0]! & 0xfe00) === 0xfc00) return notPublic('private'); // fc00::/7, unique local
  if ((g[0]! & 0xffc0) === 0xfe80) return notPublic('link-local'); // fe80::/10
  if ((g[0]! & 0xffc0) === 0xfec0) return notPublic('private'); // fec0::/10, old site-local
  if ((g[0]! & 0xff00) === 0xff00) return notPublic('reserved'); // multicast
  return PUBLIC;
}

/**
 * Whether a host (as `URL.hostname` gives it: lower case, IPv4 in dotted decimal, IPv6 in
 * brackets) is on the public web. Only the written address is judged: a public name that a DNS
 * server resolves to a private address is not caught here.
 */
export function classifyHost(hostname: string): HostVerdict {
  const host = hostname.toLowerCase().replace(/\.$/, '');
  if (host.startsWith('[') && host.endsWith(']')) {
    const groups = ipv6Groups(host.slice(1, -1));
    return groups ? classifyIpv6(groups) : notPublic('reserved');
  }
  const v4 = ipv4Bytes(host);
  if (v4) return classifyIpv4(v4);
  // Digits and hex only, dotted or not: an address written as a number in some shorthand.
  if (/^(?:0x[0-9a-f]*|\d+)(?:\.(?:0x[0-9a-f]*|\d+))*$/.test(host))
    return notPublic('numeric-shorthand');
  if (LOCAL_SUFFIXES.some((s) => host === s || host.endsWith(`.${s}`)))
    return notPublic(
      host === 'localhost' || host.endsWith('.localhost') ? 'loopback' : 'local-name',
    );
  if (!host.includes('.')) return notPublic('single-label');
  return PUBLIC;
}

/**
 * Whether the host as the reader typed it is an IPv4 address in a shorthand (2130706433,
 * 0x7f.1, 0177.0.0.1) that the URL parser rewrote as dotted decimal.
 */
function typedShorthand(typed: string | null, url: URL): boolean {
  if (typed === null || !ipv4Bytes(url.hostname)) return false;
  return typed.toLowerCase().replace(/\.$/, '') !== url.hostname;
}

/** The host part of an address as typed (no scheme, credentials, port or path), or null. */
function typedHost(text: string): string | null {
  const m = /^(?:[a-z][a-z0-9+.-]*:)?\/\/([^/?#]*)/i.exec(text) ?? /^([^/?#]*)/.exec(text);
  const authority = m?.[1]?.replace(/^.*@/, '') ?? '';
  if (authority.startsWith('[')) return authority.replace(/\].*$/, ']');
  return authority.replace(/:\d*$/, '') || null;
}

/** Why a host is refused, in the reader's words. `host` is the address as shown to them. */
export function notPublicReason(reason: HostReason, host: string): string {
  switch (reason) {
    case 'loopback':
      return `this address points to your own computer (${host}).`;
    case 'private':
      return `this address (${host}) is on a private network, such as a home, office or provider network, not on the public web.`;
    case 'link-local':
      return `this address (${host}) is a device on your local network (such as a router or a printer), not a web site.`;
    case 'unspecified':
      return `${host} is not the address of any web site (it can reach your own computer).`;
    case 'reserved':
      return `${host} is a reserved address, not a web site.`;
    case 'local-name':
      return `“${host}” is a name for a machine on a local network, not a public web site.`;
    case 'single-label':
      return `“${host}” has no domain (like .com or .org), so it can only name a machine on a local network.`;
    case 'numeric-shorthand':
      return `“${host}” writes a numeric address in a shorthand form that browsers read differently from how it looks. Use the site's name.`;
  }
}

const PUBLIC_ONLY = 'Crosscheck only reads public web pages;';

/**
 * Refuses addresses off the public web (see classifyHost). `typed` is the host as the reader
 * wrote it, when known, to catch numeric shorthands the URL parser has already rewritten.
 */
export function checkPublicUrl(url: URL, typed: string | null = null): Result<URL> {
  const verdict = classifyHost(url.hostname);
  if (!verdict.public) {
    const shown = verdict.reason === 'numeric-shorthand' ? (typed ?? url.hostname) : url.hostname;
    let message = `${PUBLIC_ONLY} ${notPublicReason(verdict.reason, shown)}`;
    const v4 = embeddedIpv4(url.hostname);
    if (typedShorthand(typed, url))
      message += ` (“${typed}” is another way of writing ${url.hostname}.)`;
    else if (v4) message += ` (${url.hostname} is another way of writing ${v4}.)`;
    return fail('url-not-public', message);
  }
  if (typedShorthand(typed, url))
    return fail('url-not-public', `${PUBLIC_ONLY} ${notPublicReason('numeric-shorthand', typed!)}`);
  return ok(url);
}

/** Only http(s) links leave an extension page (the card, the popup, the options page). */
export function safeUrl(url: string | null): string | null {
  if (!url) return null;
  try {
    const u = new URL(url);
    return u.protocol === 'http:' || u.protocol === 'https:' ? u.href : null;
  } catch {
    return null;
  }
}
