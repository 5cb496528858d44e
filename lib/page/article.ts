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

/** Beyond this many characters an element's text length is its nodes' sum, not copied. */
const COPY_MAX_CHARS = 100_000;

/**
 * The length of an element's trimmed text. Summed from its text nodes first: `textContent`
 * copies the text, and one 20 MB text node would make that copy (and its trim) a long task.
 */
function textLength(el: Element): number {
  let sum = 0;
  // Depth first, without the DOM's walker globals (also run under tests).
  const stack: Node[] = [el];
  while (stack.length > 0) {
    const n = stack.pop()!;
    if (n.nodeType === TEXT_NODE) {
      sum += (n as Text).data.length;
      if (sum > COPY_MAX_CHARS) return sum;
    } else for (let c = n.firstChild; c; c = c.nextSibling) stack.push(c);
  }
  return (el.textContent ?? '').trim().length;
}

function paragraphChars(root: Element): number {
  let n = 0;
  for (const p of root.querySelectorAll('p')) {
    const len = textLength(p);
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
    (el) => paragraphChars(el) >= MIN_ARTICLE_CHARS || textLength(el) >= 1000,
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
    const len = textLength(p);
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

/** Elements whose text is not prose; their subtrees are skipped when reading the article. */
const NOT_PROSE = new Set(['SCRIPT', 'STYLE', 'NOSCRIPT', 'TEMPLATE', 'SVG', 'svg']);
/** Elements that start a new line of text (a paragraph's first word opens a sentence). */
const BLOCKS = /^(?:P|DIV|LI|H[1-6]|TD|TH|BR|BLOCKQUOTE|SECTION|ARTICLE|HEADER|DT|DD)$/;

/**
 * The article's text as the scan reads it (no scripts, navigation, captions or asides), a line
 * per block, at most `max` characters. textContent, not innerText: no layout.
 */
export function articleText(roots: readonly Element[], max: number): string {
  const parts: string[] = [];
  let length = 0;
  // Depth first, in document order, without the DOM's walker globals (also run under tests).
  const stack: Node[] = [...roots].reverse();
  while (stack.length > 0 && length < max) {
    const n = stack.pop()!;
    let t = '';
    // Only what fits: a 20 MB text node is not copied whole.
    if (n.nodeType === TEXT_NODE) t = (n as Text).data.slice(0, max - length);
    else if (n.nodeType === ELEMENT_NODE) {
      const el = n as Element;
      if (NOT_PROSE.has(el.tagName) || isOutsideArticleText(el)) continue;
      if (BLOCKS.test(el.tagName)) t = '\n';
      for (let c = el.lastChild; c; c = c.previousSibling) stack.push(c);
    }
    parts.push(t);
    length += t.length;
  }
  return parts.join('').slice(0, max);
}

const ELEMENT_NODE = 1;
const TEXT_NODE = 3;
