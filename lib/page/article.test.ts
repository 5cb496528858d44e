import { parseHTML } from 'linkedom';
import { describe, expect, test } from 'vitest';
import { articleText, findArticleRoots, isOutsideArticleText } from './article';

const prose = (n: number, who = 'The minister') =>
  Array.from(
    { length: n },
    (_, i) =>
      `<p>${who} spoke to reporters for the ${i + 1}th time this week, saying the talks had gone well and would continue.</p>`,
  ).join('');

const NAV = `<nav><ul><li><a>World</a></li><li><a>Politics</a></li><li><a>Business</a></li></ul></nav>`;
const HEADLINES = `<ul class="more"><li><a>Another story about a summit far away</a></li><li><a>A third headline</a></li></ul>`;

function roots(html: string): string[] {
  const { document } = parseHTML(`<!doctype html><html><body>${html}</body></html>`);
  return findArticleRoots(document as unknown as Document).map(
    (el) => el.getAttribute('id') ?? el.tagName.toLowerCase(),
  );
}

describe('findArticleRoots', () => {
  test.each([
    [
      'the element marked as the article body',
      `${NAV}<div id="story" itemprop="articleBody">${prose(6)}</div>${HEADLINES}<footer>${prose(1)}</footer>`,
      ['story'],
    ],
    [
      'the largest <article>, not a teaser <article> beside it',
      `${NAV}<article id="main">${prose(8)}</article><article id="teaser"><p>Short teaser text for another story on this site.</p></article>`,
      ['main'],
    ],
    [
      'two long <article>s of a live blog',
      `<article id="a">${prose(6)}</article><article id="b">${prose(5)}</article>`,
      ['a', 'b'],
    ],
    [
      'the densest block of paragraphs when nothing is marked',
      `${NAV}<div id="page"><div id="text">${prose(7)}</div><div id="side">${prose(1)}</div></div>${HEADLINES}`,
      ['text'],
    ],
    [
      'paragraphs in a footer do not make it the article',
      `<div id="text">${prose(3)}</div><footer><div id="legal">${prose(4)}</div></footer>`,
      ['text'],
    ],
    ['the whole body when there are no paragraphs', `${NAV}<div>Just a few words</div>`, ['body']],
  ])('%s', (_what, html, expected) => {
    expect(roots(html)).toEqual(expected);
  });
});

describe('isOutsideArticleText', () => {
  test.each([
    ['<nav></nav>', true],
    ['<aside></aside>', true],
    ['<figcaption></figcaption>', true],
    ['<div role="navigation"></div>', true],
    ['<footer></footer>', true],
    ['<p></p>', false],
    ['<h1></h1>', false],
    ['<blockquote></blockquote>', false],
  ])('%s -> %s', (html, expected) => {
    const { document } = parseHTML(`<!doctype html><html><body>${html}</body></html>`);
    expect(isOutsideArticleText(document.body.firstElementChild as unknown as Element)).toBe(
      expected,
    );
  });
});

describe('articleText', () => {
  test.each([
    [
      'prose, a line per paragraph',
      '<article><p>Dana Whitfield <b>spoke</b>.</p><p>Rain fell.</p></article>',
      '\n\nDana Whitfield spoke.\nRain fell.',
    ],
    [
      'no scripts, navigation, captions or asides',
      `<article>${NAV}<p>One.</p><script>var Secret = 1;</script><figure><figcaption>Photo Credit</figcaption></figure><aside>Read More</aside></article>`,
      '\n\nOne.',
    ],
    ['bounded', '<article><p>abcdefghij</p></article>', '\n\nabcd'],
  ])('%s', (_what, html, expected) => {
    const { document } = parseHTML(`<!doctype html><html><body>${html}</body></html>`);
    const root = document.querySelector('article') as unknown as Element;
    expect(articleText([root], expected.length)).toBe(expected);
  });
});
