import { readFileSync } from 'node:fs';
import { parseHTML } from 'linkedom';
import { describe, expect, test } from 'vitest';
import { extractArticle } from './article';
import { checkResponseHead, fetchArticlePage } from './fetch-page';
import { checkUrl, isCoveredBy, normalizeUrl } from './url';

describe('checkUrl', () => {
  test.each([
    ['https://english.elpais.com/international/2025-03-28/story.html', null],
    ['english.elpais.com/international/story.html', null],
    ['javascript:alert(1)', 'url-scheme'],
    ['file:///etc/passwd', 'url-scheme'],
    ['data:text/html,<p>x</p>', 'url-scheme'],
    ['http://exa mple.com/x', 'url-malformed'],
    ['', 'url-empty'],
    ['https://user:pw@example.com/x', 'url-credentials'],
  ])('%s -> %s', (input, code) => {
    const r = checkUrl(input);
    expect(r.ok ? null : r.problem.code).toBe(code);
  });
});

test.each([
  ['https://www.breitbart.com/a/?utm_source=x#top', 'http://breitbart.com/a'],
  ['https://example.com/a?b=2&a=1', 'https://example.com/a?a=1&b=2'],
])('normalizeUrl(%s) equals normalizeUrl(%s)', (a, b) => {
  expect(normalizeUrl(a)).toBe(normalizeUrl(b));
});

test.each([
  ['http://127.0.0.1:4000/x', ['http://*/*'], true],
  ['https://news.example.com/x', ['*://*.example.com/*'], true],
  ['https://example.org/x', ['https://example.com/*'], false],
  ['https://example.org/x', [], false],
])('isCoveredBy(%s, %j) = %s', (url, patterns, expected) => {
  expect(isCoveredBy(new URL(url), patterns)).toBe(expected);
});

test.each([
  [404, 'text/html', null, 'http-status'],
  [200, 'application/pdf', null, 'content-type'],
  [200, 'image/png', null, 'content-type'],
  [200, 'application/json; charset=utf-8', null, 'content-type'],
  [200, 'text/html; charset=utf-8', String(6 * 1024 * 1024), 'too-large'],
  [200, 'text/html', '1000', null],
])('response %i %s (length %s) -> %s', (status, type, length, code) => {
  const r = checkResponseHead({
    status,
    statusText: '',
    contentType: type,
    contentLength: length,
    url: 'https://x.test/',
  });
  expect(r.ok ? null : r.problem.code).toBe(code);
});

test('a body over the cap is refused while reading, without Content-Length', async () => {
  const big = new Response(new Blob(['x'.repeat(2048)]).stream(), {
    headers: { 'content-type': 'text/html' },
  });
  const r = await fetchArticlePage(new URL('https://x.test/'), async () => big, { maxBytes: 1024 });
  expect(r.ok ? null : r.problem.code).toBe('too-large');
  const down = await fetchArticlePage(new URL('https://x.test/'), async () => {
    throw new TypeError('Failed to fetch');
  });
  expect(down.ok ? null : down.problem.code).toBe('unreachable');
});

describe('extractArticle on real pages', () => {
  test.each([
    ['bbc-1', 'BBC News', 'en'],
    ['guardian-1', 'the Guardian', 'en'],
    ['lemonde-1', 'Le Monde.fr', 'fr'],
  ])('%s: outlet %s, language %s, paragraphs kept', (name, outlet, lang) => {
    const html = readFileSync(
      new URL(`../../tests/fixtures/${name}.html`, import.meta.url),
      'utf8',
    );
    const { document } = parseHTML(html);
    const r = extractArticle(document as unknown as Document, {
      url: `https://x.test/${name}`,
      via: 'url',
    });
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    expect(r.value.outlet).toBe(outlet);
    expect(r.value.language).toBe(lang);
    expect(r.value.text.split('\n\n').length).toBeGreaterThan(3);
    expect(r.value.text).not.toMatch(/<script|<\/p>/i);
  });

  test('a page of links and a form is not an article', () => {
    const { document } = parseHTML(
      `<html><body><nav>${Array.from({ length: 15 }, (_, i) => `<a href="/s${i}">Headline ${i}</a>`).join(' ')}</nav><form><input></form></body></html>`,
    );
    const r = extractArticle(document as unknown as Document, { url: null, via: 'url' });
    expect(r.ok ? null : r.problem.code).toBe('no-article');
  });
});
