/**
 * "Add by URL" reads public web pages only: the typed address, and where its redirects end,
 * must be http(s) on a public host. Each refusal says why.
 */
import { describe, expect, test } from 'vitest';
import { checkRedirectTarget, fetchArticlePage } from './fetch-page';
import { checkUrl, classifyHost, type HostReason } from './url';

describe('classifyHost', () => {
  test.each<[string, HostReason | null]>([
    ['example.com', null],
    ['news.example.co.uk', null],
    ['93.184.216.34', null],
    ['8.8.8.8', null],
    ['[2606:4700:4700::1111]', null],
    ['localhost', 'loopback'],
    ['LOCALHOST.', 'loopback'],
    ['api.localhost', 'loopback'],
    ['127.0.0.1', 'loopback'],
    ['127.255.255.254', 'loopback'],
    ['[::1]', 'loopback'],
    ['[0:0:0:0:0:0:0:1]', 'loopback'],
    ['[::ffff:7f00:1]', 'loopback'],
    ['[::ffff:127.0.0.1]', 'loopback'],
    ['10.0.0.1', 'private'],
    ['172.16.0.1', 'private'],
    ['172.31.255.255', 'private'],
    ['192.168.1.1', 'private'],
    ['100.64.0.1', 'private'],
    ['[fc00::1]', 'private'],
    ['[fd12:3456::1]', 'private'],
    ['[::ffff:c0a8:101]', 'private'],
    ['[::ffff:10.1.2.3]', 'private'],
    ['169.254.169.254', 'link-local'],
    ['[fe80::1]', 'link-local'],
    ['[febf::1]', 'link-local'],
    ['[::ffff:a9fe:a9fe]', 'link-local'],
    ['0.0.0.0', 'unspecified'],
    ['0.1.2.3', 'unspecified'],
    ['[::]', 'unspecified'],
    ['224.0.0.1', 'reserved'],
    ['255.255.255.255', 'reserved'],
    ['[ff02::1]', 'reserved'],
    ['printer.local', 'local-name'],
    ['db.internal', 'local-name'],
    ['nas.home.arpa', 'local-name'],
    ['wiki', 'single-label'],
    ['intranet', 'local-name'],
    ['2130706433', 'numeric-shorthand'],
    ['0x7f.1', 'numeric-shorthand'],
    ['0177.0.0.1', 'numeric-shorthand'],
  ])('%s -> %s', (host, reason) => {
    const verdict = classifyHost(host);
    expect(verdict.public ? null : verdict.reason).toBe(reason);
  });

  test.each([
    ['172.15.255.255'],
    ['172.32.0.1'],
    ['192.169.0.1'],
    ['100.128.0.1'],
    ['11.0.0.1'],
    ['[fe00::1]'],
    ['localhost.example.com'],
    ['local.example.com'],
  ])('%s is public', (host) => {
    expect(classifyHost(host).public).toBe(true);
  });
});

describe('checkUrl refuses addresses off the public web, saying why', () => {
  test.each([
    [
      'http://localhost:3000/admin',
      /only reads public web pages; this address points to your own computer \(localhost\)/,
    ],
    ['localhost/story', /your own computer \(localhost\)/],
    ['http://127.0.0.1/', /your own computer \(127\.0\.0\.1\)/],
    ['http://[::1]:8080/', /your own computer \(\[::1\]\)/],
    ['http://[::ffff:127.0.0.1]/', /your own computer/],
    ['http://[::ffff:192.168.0.1]/', /private network/],
    ['http://192.168.0.1/setup', /\(192\.168\.0\.1\) is on a private network/],
    ['http://10.1.2.3/', /private network/],
    ['http://[fd00::5]/', /private network/],
    ['http://169.254.169.254/latest/meta-data/', /a device on your local network/],
    ['http://0.0.0.0:8000/', /0\.0\.0\.0 is not the address of any web site/],
    ['http://printer.local/', /“printer\.local” is a name for a machine on a local network/],
    ['https://wiki.internal/page', /local network/],
    ['http://wiki/news', /“wiki” has no domain/],
    [
      'http://2130706433/',
      /your own computer \(127\.0\.0\.1\).*“2130706433” is another way of writing 127\.0\.0\.1/,
    ],
    ['http://0x7f.1/', /your own computer.*“0x7f\.1” is another way of writing 127\.0\.0\.1/],
    ['http://0177.0.0.1/', /your own computer.*“0177\.0\.0\.1”/],
    ['http://127.1/', /your own computer/],
    ['http://134744072/', /“134744072” writes a numeric address in a shorthand form/],
    ['http://0x08080808/', /shorthand form/],
  ])('%s', (input, message) => {
    const r = checkUrl(input);
    expect(r.ok ? null : r.problem.code).toBe('url-not-public');
    expect(r.ok ? '' : r.problem.message).toMatch(message);
  });

  test.each([
    ['https://news.example.com/story'],
    ['http://93.184.216.34/story'],
    ['https://[2606:4700:4700::1111]/'],
    ['example.org:8080/story'],
  ])('%s is accepted', (input) => {
    expect(checkUrl(input).ok).toBe(true);
  });
});

describe('checkRedirectTarget', () => {
  const from = new URL('https://news.example.com/story');
  test.each([
    ['https://www.news.example.com/story', null],
    ['/amp/story', null],
    ['http://localhost/', 'redirect-not-public'],
    ['http://192.168.1.10/', 'redirect-not-public'],
    ['http://[::ffff:7f00:1]/', 'redirect-not-public'],
    ['file:///etc/passwd', 'redirect-scheme'],
    ['javascript:alert(1)', 'redirect-scheme'],
    ['chrome://settings', 'redirect-scheme'],
    ['data:text/html,hi', 'redirect-scheme'],
  ])('-> %s: %s', (target, code) => {
    const r = checkRedirectTarget(from, target);
    expect(r.ok ? null : r.problem.code).toBe(code);
  });
});

// ---------------------------------------------------------------------------------------------
// A fetch that behaves like a browser's: "follow" walks redirects (a non-web scheme or more than
// 20 hops is a network error) and reports the final address; "manual" answers an opaque
// redirect with no Location. `exposeLocation` makes "manual" show the redirect instead, as
// fetch does outside browsers.

interface Route {
  status?: number;
  location?: string;
  body?: string;
  type?: string;
}

function fakeFetch(routes: Record<string, Route>, { exposeLocation = false } = {}) {
  const calls: Array<{ url: string; redirect: RequestRedirect | undefined }> = [];
  const fetchImpl = async (input: RequestInfo | URL, init?: RequestInit): Promise<Response> => {
    let url = new URL(String(input));
    calls.push({ url: url.href, redirect: init?.redirect });
    for (let hops = 0; ; hops++) {
      const route = routes[url.href];
      if (!route) throw new TypeError('Failed to fetch');
      if (!route.location) {
        const response = new Response(route.body ?? '<html><body><p>Hello</p></body></html>', {
          status: route.status ?? 200,
          headers: { 'content-type': route.type ?? 'text/html; charset=utf-8' },
        });
        Object.defineProperty(response, 'url', { value: url.href });
        return response;
      }
      if (init?.redirect === 'manual') {
        if (exposeLocation)
          return new Response(null, { status: 302, headers: { location: route.location } });
        // An opaque redirect: status 0, no headers (a plain object: Response refuses status 0).
        return {
          type: 'opaqueredirect',
          status: 0,
          statusText: '',
          url: '',
          headers: new Headers(),
          body: null,
        } as unknown as Response;
      }
      const next = new URL(route.location, url);
      if ((next.protocol !== 'http:' && next.protocol !== 'https:') || hops >= 20)
        throw new TypeError('Failed to fetch');
      url = next;
    }
  };
  return { fetchImpl: fetchImpl as typeof fetch, calls };
}

const START = 'https://news.example.com/story';

describe('fetchArticlePage reads public pages only', () => {
  test('a redirect to another public page is followed', async () => {
    const { fetchImpl } = fakeFetch({
      [START]: { location: 'https://www.news.example.com/2025/story' },
      'https://www.news.example.com/2025/story': {},
    });
    const r = await fetchArticlePage(new URL(START), fetchImpl);
    expect(r.ok).toBe(true);
    if (r.ok) expect(r.value.url).toBe('https://www.news.example.com/2025/story');
  });

  test.each<[string, string, RegExp]>([
    ['http://localhost:8080/admin', 'redirect-not-public', /your own computer \(localhost\)/],
    ['http://127.0.0.1/', 'redirect-not-public', /your own computer/],
    ['http://192.168.1.1/', 'redirect-not-public', /private network/],
    ['http://10.0.0.7/wiki', 'redirect-not-public', /private network/],
    ['http://169.254.169.254/latest/', 'redirect-not-public', /local network/],
    ['http://[::ffff:127.0.0.1]/', 'redirect-not-public', /your own computer/],
    ['http://router.local/', 'redirect-not-public', /local network/],
  ])('a redirect to %s is refused (%s) and its page not read', async (target, code, message) => {
    const { fetchImpl } = fakeFetch({
      [START]: { location: target },
      [new URL(target).href]: { body: '<html><body><p>secret</p></body></html>' },
    });
    const r = await fetchArticlePage(new URL(START), fetchImpl);
    expect(r.ok ? null : r.problem.code).toBe(code);
    expect(r.ok ? '' : r.problem.message).toMatch(message);
    expect(r.ok ? '' : r.problem.message).toMatch(/^news\.example\.com redirected/);
  });

  test.each([['file:///etc/passwd'], ['javascript:alert(1)'], ['chrome://settings/']])(
    'a redirect to %s is named as such, not as a site that does not answer',
    async (target) => {
      // In a browser the redirect's target is hidden: the site is said to redirect somewhere
      // that cannot be followed.
      const browser = fakeFetch({ [START]: { location: target } });
      const hidden = await fetchArticlePage(new URL(START), browser.fetchImpl);
      expect(hidden.ok ? null : hidden.problem.code).toBe('redirect-unfollowable');
      expect(hidden.ok ? '' : hidden.problem.message).toMatch(
        /redirected to an address Crosscheck cannot follow/,
      );
      expect(browser.calls.map((c) => c.redirect)).toEqual(['follow', 'manual']);
      // Where fetch shows the redirect, the scheme is named.
      const shown = fakeFetch({ [START]: { location: target } }, { exposeLocation: true });
      const named = await fetchArticlePage(new URL(START), shown.fetchImpl);
      expect(named.ok ? null : named.problem.code).toBe('redirect-scheme');
      expect(named.ok ? '' : named.problem.message).toContain(`“${new URL(target).protocol}”`);
    },
  );

  test('endless redirects are refused as unfollowable', async () => {
    const { fetchImpl } = fakeFetch({
      [START]: { location: 'https://news.example.com/a' },
      'https://news.example.com/a': { location: START },
    });
    const r = await fetchArticlePage(new URL(START), fetchImpl);
    expect(r.ok ? null : r.problem.code).toBe('redirect-unfollowable');
  });

  test('a site that does not answer is still reported as such', async () => {
    const { fetchImpl } = fakeFetch({});
    const r = await fetchArticlePage(new URL(START), fetchImpl);
    expect(r.ok ? null : r.problem.code).toBe('unreachable');
  });

  test.each([['http://localhost/'], ['http://192.168.0.1/'], ['http://[::1]/']])(
    '%s is refused before anything is fetched',
    async (start) => {
      const { fetchImpl, calls } = fakeFetch({ [new URL(start).href]: {} });
      const r = await fetchArticlePage(new URL(start), fetchImpl);
      expect(r.ok ? null : r.problem.code).toBe('url-not-public');
      expect(calls).toHaveLength(0);
    },
  );
});
