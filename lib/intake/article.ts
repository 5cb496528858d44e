/**
 * Article extraction from an HTML document (page side: the options page or the popup, where a
 * DOM exists; linkedom in tests). Readability finds the article; its content is walked into
 * paragraphs separated by blank lines, which is what the pipeline's cleaner expects.
 */
import { Readability } from '@mozilla/readability';
import { checkText, normalizeDate, normalizeLanguage } from './draft';
import { LIMITS } from './limits';
import { type Result, fail, ok } from '../problems';
import type { SourceDraft } from '../protocol';
import { hostKey } from '../host';

const BLOCK = new Set([
  'ADDRESS',
  'ARTICLE',
  'ASIDE',
  'BLOCKQUOTE',
  'BR',
  'DD',
  'DETAILS',
  'DIV',
  'DL',
  'DT',
  'FIGCAPTION',
  'FIGURE',
  'FOOTER',
  'FORM',
  'H1',
  'H2',
  'H3',
  'H4',
  'H5',
  'H6',
  'HEADER',
  'HR',
  'LI',
  'MAIN',
  'NAV',
  'OL',
  'P',
  'PRE',
  'SECTION',
  'SUMMARY',
  'TABLE',
  'TD',
  'TH',
  'TR',
  'UL',
]);
const SKIP = new Set([
  'SCRIPT',
  'STYLE',
  'NOSCRIPT',
  'TEMPLATE',
  'SVG',
  'IFRAME',
  'OBJECT',
  'BUTTON',
]);

/** The text of an element as paragraphs (blocks joined by blank lines); scripts are skipped. */
export function blocksText(root: Node): string {
  const blocks: string[] = [];
  let current = '';
  const flush = () => {
    const t = current.replace(/\s+/g, ' ').trim();
    if (t) blocks.push(t);
    current = '';
  };
  const walk = (node: Node) => {
    if (node.nodeType === 3) {
      current += node.nodeValue ?? '';
      return;
    }
    if (node.nodeType !== 1 && node.nodeType !== 9 && node.nodeType !== 11) return;
    const tag = (node as Element).tagName?.toUpperCase() ?? '';
    if (SKIP.has(tag)) return;
    const block = BLOCK.has(tag);
    if (block) flush();
    for (let c = node.firstChild; c; c = c.nextSibling) walk(c);
    if (block) flush();
  };
  walk(root);
  flush();
  return blocks.join('\n\n');
}

function meta(doc: Document, ...names: string[]): string | null {
  for (const n of names) {
    const el = doc.querySelector(`meta[property="${n}"]`) ?? doc.querySelector(`meta[name="${n}"]`);
    const v = el?.getAttribute('content')?.trim();
    if (v) return v;
  }
  return null;
}

function hostOf(url: string | null): string | null {
  if (!url) return null;
  try {
    const u = new URL(url);
    return u.protocol === 'http:' || u.protocol === 'https:' ? hostKey(u.hostname) : null;
  } catch {
    return null;
  }
}

function tidy(s: string | null | undefined): string | null {
  const t = s?.replace(/\s+/g, ' ').trim();
  return t ? t.slice(0, LIMITS.maxFieldChars) : null;
}

/** "Headline | Jane Doe | the Guardian" -> "Headline" when a part is the outlet's name. */
function stripSiteFromTitle(title: string | null, outlet: string | null): string | null {
  if (!title || !outlet) return title;
  const parts = title.split(/\s+[|–—-]\s+/);
  if (parts.length < 2) return title;
  const o = outlet.toLowerCase();
  const last = parts[parts.length - 1]!.toLowerCase();
  if (last.includes(o) || o.includes(last)) return parts.slice(0, -1).join(' – ');
  return title;
}

export interface ExtractOptions {
  /** The page's address (for the outlet fallback and the source's url). */
  url: string | null;
  via: SourceDraft['via'];
  /**
   * Pasted HTML need not be a full article page: when Readability finds nothing, fall back to
   * the body's text instead of refusing.
   */
  fallbackToBody?: boolean;
}

/**
 * Extracts the article from a parsed document (mutates it: Readability rewrites the tree).
 * Returns a draft ready for preview, or the problem: no article, too short, too long.
 */
export function extractArticle(doc: Document, opts: ExtractOptions): Result<SourceDraft> {
  const htmlLang = doc.documentElement?.getAttribute('lang') ?? null;
  const metaDate = meta(
    doc,
    'article:published_time',
    'og:article:published_time',
    'datePublished',
    'date',
    'dc.date',
    'DC.date.issued',
    'parsely-pub-date',
  );
  const metaSite = meta(doc, 'og:site_name', 'application-name');
  const metaTitle = meta(doc, 'og:title', 'twitter:title');

  let article: ReturnType<Readability<Node>['parse']> = null;
  try {
    article = new Readability<Node>(doc, {
      serializer: (n) => n,
      charThreshold: 300,
    }).parse();
  } catch {
    article = null;
  }
  let text = article?.content ? blocksText(article.content) : '';
  if (!text && opts.fallbackToBody && doc.body) text = blocksText(doc.body);

  // A page whose "article" has no real paragraph is a home page, a gallery or a form.
  const paragraphs = text.split('\n\n');
  const longest = Math.max(0, ...paragraphs.map((p) => p.split(/\s+/).length));
  if (!text || (!opts.fallbackToBody && longest < 20 && text.length < 800)) {
    return fail(
      'no-article',
      'No article was found on that page (it looks like a home page, a list of links or a form). Use the address of the article itself, or paste its text.',
    );
  }
  const checked = checkText(text);
  if (!checked.ok) {
    if (checked.problem.code === 'text-tiny' && opts.via !== 'paste') {
      return fail(
        'no-article',
        `No article was found on that page: the text found is too short (${checked.problem.message.match(/\d+ words?/)?.[0] ?? 'a few words'}). Use the address of the article itself, or paste its text.`,
      );
    }
    return checked;
  }

  const outlet = tidy(article?.siteName) ?? tidy(metaSite) ?? hostOf(opts.url);
  const title = stripSiteFromTitle(tidy(article?.title) ?? tidy(metaTitle), outlet);
  const publishedRaw = tidy(article?.publishedTime) ?? tidy(metaDate);
  const langRaw = tidy(article?.lang) ?? tidy(htmlLang);
  return ok({
    text: checked.value,
    title,
    outlet,
    url: opts.url,
    published: publishedRaw ? normalizeDate(publishedRaw) : null,
    language: langRaw ? normalizeLanguage(langRaw) : null,
    via: opts.via,
  });
}
