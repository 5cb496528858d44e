import { formatBytes, LIMITS } from './limits';
import { type Result, type Failed, fail, ok } from '../problems';
import { checkPublicUrl, classifyHost, notPublicReason } from './url';

export interface FetchedPage {
  html: string;
  /** The address after redirects. */
  url: string;
  contentType: string;
}

const HTML_TYPES = /^(?:text\/html|application\/xhtml\+xml)\b/i;

/** Names a content type in words for the message ("a PDF document"). */
function describeType(type: string): string {
  const t = type.toLowerCase();
  if (t.includes('pdf')) return 'a PDF document';
  if (t.startsWith('image/')) return 'an image';
  if (t.includes('json')) return 'JSON data';
  if (t.startsWith('video/') || t.startsWith('audio/')) return 'a media file';
  if (t.startsWith('text/plain')) return 'plain text';
  if (t.includes('xml')) return 'an XML feed or document';
  return `a “${type || 'unknown'}” file`;
}

/** Checks a response's status and headers before its body is read. */
export function checkResponseHead(head: {
  status: number;
  statusText: string;
  contentType: string | null;
  contentLength: string | null;
  url: string;
}): Result<null> {
  if (head.status < 200 || head.status > 299) {
    const hint =
      head.status === 404 || head.status === 410
        ? 'The page does not exist (any more): check the address.'
        : head.status === 401 || head.status === 403
          ? 'The site refused access (a paywall or login?). Open the article in a tab and add it from the Crosscheck popup, or paste its text.'
          : head.status >= 500
            ? 'The site has a problem right now: try again later, or paste the article text.'
            : 'Check the address, or paste the article text instead.';
    return fail(
      'http-status',
      `The site answered with HTTP ${head.status}${head.statusText ? ` ${head.statusText}` : ''}. ${hint}`,
    );
  }
  const type = (head.contentType ?? '').split(';')[0]!.trim();
  if (type && !HTML_TYPES.test(type)) {
    return fail(
      'content-type',
      `That address serves ${describeType(type)}, not a web page (HTML). Use the address of the article's web page, or paste its text.`,
    );
  }
  const length = Number(head.contentLength);
  if (head.contentLength && Number.isFinite(length) && length > LIMITS.maxHtmlBytes) {
    return tooLarge(length);
  }
  return ok(null);
}

function tooLarge(bytes: number | null): Failed {
  return fail(
    'too-large',
    `The page is ${bytes ? formatBytes(bytes) : 'larger than the limit'}; pages over ${formatBytes(LIMITS.maxHtmlBytes)} are not read. Paste the article's text instead.`,
  );
}

/**
 * Checks where a redirect led: an http(s) address on a public host, like the one asked for.
 * `target` is the address the redirect named (or the response's final address).
 */
export function checkRedirectTarget(from: URL, target: string): Result<null> {
  let to: URL;
  try {
    to = new URL(target, from);
  } catch {
    return unfollowable(from);
  }
  if (to.protocol !== 'http:' && to.protocol !== 'https:') {
    return fail(
      'redirect-scheme',
      `${from.host} redirected to a “${to.protocol}” address, which is not a web page: Crosscheck only follows http:// and https:// addresses. Paste the article's text instead.`,
    );
  }
  const verdict = classifyHost(to.hostname);
  if (!verdict.public) {
    return fail(
      'redirect-not-public',
      `${from.host} redirected to another address, and Crosscheck only reads public web pages: ${notPublicReason(verdict.reason, to.hostname)} Nothing was read from it.`,
    );
  }
  return ok(null);
}

function unfollowable(from: URL): Failed {
  return fail(
    'redirect-unfollowable',
    `${from.host} redirected to an address Crosscheck cannot follow (not a web page, or a chain of redirects that never ends). Open the article in a tab and add it from the Crosscheck popup, or paste its text.`,
  );
}

const REQUEST = {
  credentials: 'omit',
  headers: { accept: 'text/html,application/xhtml+xml' },
} as const satisfies RequestInit;

/**
 * After a fetch failed: did the site answer with a redirect fetch would not follow (to a
 * "file:", "javascript:" or "chrome:" address, or round in circles)? Asks once more without
 * following. Browsers hide where such a redirect points (an "opaqueredirect" response); other
 * fetch implementations show it, and it is checked.
 */
async function refusedRedirect(
  url: URL,
  fetchImpl: typeof fetch,
  signal: AbortSignal,
): Promise<Failed | null> {
  let response: Response;
  try {
    response = await fetchImpl(url.href, { ...REQUEST, signal, redirect: 'manual' });
  } catch {
    return null;
  }
  void response.body?.cancel().catch(() => undefined);
  if (response.type === 'opaqueredirect') return unfollowable(url);
  const location =
    response.status >= 300 && response.status < 400 && response.headers.get('location');
  if (!location) return null;
  const target = checkRedirectTarget(url, location);
  return target.ok ? unfollowable(url) : target;
}

/**
 * Fetches an article page with a timeout and a size cap (checked on the header and while
 * reading, since Content-Length may be absent or wrong). `fetchImpl` is the page's `fetch`.
 *
 * Only public http(s) pages are read: the address is checked before fetching and the address
 * the redirects ended at is checked before anything is read from it. Browsers follow redirects
 * inside fetch and hide the hops between (redirect: "manual" gives an opaque response with no
 * Location), so a hop through a private address is not seen, and the request to a private final
 * address is made before it is refused; its answer is never read.
 */
export async function fetchArticlePage(
  url: URL,
  fetchImpl: typeof fetch,
  { timeoutMs = LIMITS.fetchTimeoutMs, maxBytes = LIMITS.maxHtmlBytes } = {},
): Promise<Result<FetchedPage>> {
  const allowed = checkPublicUrl(url);
  if (!allowed.ok) return allowed;
  const controller = new AbortController();
  const timer = setTimeout(() => controller.abort(), timeoutMs);
  try {
    let response: Response;
    try {
      response = await fetchImpl(url.href, {
        ...REQUEST,
        signal: controller.signal,
        redirect: 'follow',
      });
    } catch {
      if (controller.signal.aborted) {
        return fail(
          'timeout',
          `${url.host} did not answer within ${Math.round(timeoutMs / 1000)} seconds. Try again later, or paste the article text.`,
        );
      }
      const redirect = await refusedRedirect(url, fetchImpl, controller.signal);
      if (redirect) return redirect;
      return fail(
        'unreachable',
        `Could not reach ${url.host}: the site does not answer (offline, wrong address, or blocked). Check the address and your connection, or paste the article text.`,
      );
    }
    if (response.url && response.url !== url.href) {
      const target = checkRedirectTarget(url, response.url);
      if (!target.ok) {
        void response.body?.cancel().catch(() => undefined);
        return target;
      }
    }
    const head = checkResponseHead({
      status: response.status,
      statusText: response.statusText,
      contentType: response.headers.get('content-type'),
      contentLength: response.headers.get('content-length'),
      url: response.url,
    });
    if (!head.ok) {
      void response.body?.cancel().catch(() => undefined);
      return head;
    }
    const bytes = await readCapped(response, maxBytes);
    if (bytes === null) return tooLarge(null);
    const charset = /charset=([^;]+)/i.exec(response.headers.get('content-type') ?? '')?.[1];
    let html: string;
    try {
      html = new TextDecoder(charset?.trim() || 'utf-8').decode(bytes);
    } catch {
      html = new TextDecoder('utf-8').decode(bytes);
    }
    return ok({
      html,
      url: response.url || url.href,
      contentType: response.headers.get('content-type') ?? '',
    });
  } catch {
    if (controller.signal.aborted) {
      return fail(
        'timeout',
        `${url.host} did not finish sending the page within ${Math.round(timeoutMs / 1000)} seconds. Try again later, or paste the article text.`,
      );
    }
    return fail(
      'unreachable',
      `The connection to ${url.host} broke while reading the page. Try again, or paste the article text.`,
    );
  } finally {
    clearTimeout(timer);
  }
}

/** Reads a body up to `max` bytes; null when it is larger. */
async function readCapped(response: Response, max: number): Promise<Uint8Array | null> {
  if (!response.body) {
    const buf = new Uint8Array(await response.arrayBuffer());
    return buf.byteLength > max ? null : buf;
  }
  const reader = response.body.getReader();
  const parts: Uint8Array[] = [];
  let total = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    total += value.byteLength;
    if (total > max) {
      await reader.cancel().catch(() => undefined);
      return null;
    }
    parts.push(value);
  }
  const out = new Uint8Array(total);
  let at = 0;
  for (const p of parts) {
    out.set(p, at);
    at += p.byteLength;
  }
  return out;
}
