import { describe, expect, test } from 'vitest';
import { shortLabel, siteName, sourceHover, sourceLabel } from './source-label';

describe('sourceLabel', () => {
  test.each([
    [{ outlet: 'Breitbart', title: 'T', url: 'https://www.breitbart.com/x' }, 'Breitbart'],
    [{ outlet: '  ', title: 'T', url: 'https://www.example.org/story' }, 'example.org'],
    [{ outlet: null, title: 'T', url: 'https://english.elpais.com/a.html' }, 'elpais.com'],
    [{ outlet: null, title: 'T', url: 'https://m.bbc.co.uk/news/1' }, 'bbc.co.uk'],
    [{ outlet: null, title: 'T', url: 'https://www.news.com.au/x' }, 'news.com.au'],
    [
      { outlet: null, title: 'A long article title that would be cut', url: null },
      'Unknown outlet',
    ],
    [{ outlet: null, title: 'Short title', url: 'not a url' }, 'Unknown outlet'],
    [{ outlet: null, title: 'T', url: 'file:///home/a.html' }, 'Unknown outlet'],
    [{ outlet: null, title: 'T', url: 'http://127.0.0.1/x' }, 'Unknown outlet'],
    [{ outlet: null, title: null, url: null }, 'Unknown outlet'],
  ])('%j -> %s', (source, label) => {
    expect(sourceLabel(source)).toBe(label);
  });

  test('never a cut title', () => {
    const title = 'A'.repeat(80);
    expect(sourceLabel({ outlet: null, title, url: null })).not.toContain('…');
  });
});

test.each([
  [{ outlet: null, title: 'The story', url: null }, 'Unknown outlet: “The story”'],
  [{ outlet: 'AP', title: null, url: null }, 'AP'],
  [{ outlet: null, title: 'X', url: 'https://www.example.org/' }, 'example.org: “X”'],
])('sourceHover %j -> %s', (source, hover) => {
  expect(sourceHover(source)).toBe(hover);
});

test.each([
  ['https://www.example.org/a', 'example.org'],
  ['https://example.org', 'example.org'],
  ['javascript:alert(1)', null],
  [null, null],
])('siteName(%s) -> %s', (url, name) => {
  expect(siteName(url)).toBe(name);
});

test.each([
  ['Breitbart', 'Breitbart'],
  ['Newsmax', 'Newsmax'],
  ['Associated Press', 'AP'],
  ['El País (English edition)', 'El País'],
  ['Unknown outlet', 'Unknown'],
  ['lemonde.fr', 'lemonde'],
  ['theguardian.com', 'theguard…'],
  ['Frankfurter allgemeine', 'Frankfur…'],
  ['The New York Times', 'TNYT'],
])('shortLabel(%s) -> %s', (label, short) => {
  expect(shortLabel(label)).toBe(short);
  expect(shortLabel(label).length).toBeLessThanOrEqual(9);
});
