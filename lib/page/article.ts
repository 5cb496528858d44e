/**
 * Page side: where the article's own text is, so that names are underlined in what the reader
 * reads and not in menus, lists of other headlines, captions, share bars or footers.
 *
 * In order: the elements a page marks as the article body (`[itemprop=articleBody]`), the largest
 * `<article>` (and any other at least half its size: live blogs), else the densest block of
 * paragraphs (each paragraph's text scores its parent, and half of it its grandparent, as
 * Readability does). A page with no paragraphs at all is read whole.
 */

/** Parts of an article that are not its text. */
const NOT_ARTICLE_TEXT = new Set(['NAV', 'ASIDE', 'FOOTER', 'FIGCAPTION', 'BUTTON', 'DIALOG']);
const NOT_ARTICLE_ROLES = new Set(['navigation', 'complementary', 'contentinfo', 'banner', 'menu']);

/** Paragraph text an element needs to count as an article. */
const MIN_ARTICLE_CHARS = 400;
/** A paragraph shorter than this is a caption, a credit or a link, not prose. */
const MIN_PARAGRAPH_CHARS = 40;
/** Paragraphs read when looking for the densest block (a bound on very long pages). */
const MAX_PARAGRAPHS = 3000;

/** Whether an element (inside the article) holds something other than the article's text. */
export function isOutsideArticleText(el: Element): boolean {
  if (NOT_ARTICLE_TEXT.has(el.tagName)) return true;
  const role = el.getAttribute('role');
  return role !== null && NOT_ARTICLE_ROLES.has(role);
}

function paragraphChars(root: Element): number {
  let n = 0;
  for (const p of root.querySelectorAll('p')) {
    const len = (p.textContent ?? '').trim().length;
    if (len >= MIN_PARAGRAPH_CHARS && !insideNonText(p, root)) n += len;
  }
  return n;
}

function insideNonText(el: Element, stop: Element | null): boolean {
  for (let e: Element | null = el.parentElement; e && e !== stop; e = e.parentElement) {
    if (isOutsideArticleText(e)) return true;
  }
  return false;
}

/** The roots whose text is the article's; `[doc.body]` when nothing looks like an article. */
export function findArticleRoots(doc: Document): Element[] {
  const body = doc.body;
  if (!body) return [];

  const marked = [...doc.querySelectorAll('[itemprop="articleBody"]')].filter(
    (el) => paragraphChars(el) >= MIN_ARTICLE_CHARS || (el.textContent ?? '').length >= 1000,
  );
  if (marked.length > 0) return outermost(marked);

  const articles = [...doc.querySelectorAll('article')]
    .map((el) => ({ el, chars: paragraphChars(el) }))
    .filter((a) => a.chars >= MIN_ARTICLE_CHARS);
  if (articles.length > 0) {
    const max = Math.max(...articles.map((a) => a.chars));
    return outermost(articles.filter((a) => a.chars >= max / 2).map((a) => a.el));
  }

  const scores = new Map<Element, number>();
  let read = 0;
  for (const p of body.getElementsByTagName('p')) {
    if (read++ >= MAX_PARAGRAPHS) break;
    const len = (p.textContent ?? '').trim().length;
    if (len < MIN_PARAGRAPH_CHARS || insideNonText(p, null)) continue;
    const parent = p.parentElement;
    if (!parent) continue;
    scores.set(parent, (scores.get(parent) ?? 0) + len);
    const grand = parent.parentElement;
    if (grand) scores.set(grand, (scores.get(grand) ?? 0) + len / 2);
  }
  let best: Element | null = null;
  let bestScore = 0;
  for (const [el, score] of scores) {
    if (score > bestScore) {
      best = el;
      bestScore = score;
    }
  }
  return best ? [best] : [body];
}

/** Drops elements inside another one of the list. */
function outermost(els: Element[]): Element[] {
  return els.filter((el) => !els.some((other) => other !== el && other.contains(el)));
}
