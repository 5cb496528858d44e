import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { parseHTML } from 'linkedom';
import { type StaticServer, startServer } from './server';

export const FIXTURES_DIR = resolve('tests/fixtures');
export const SEEDS_DIR = resolve('seeds');

/** The real news pages copied from ../shared/pages (Mozilla Readability's test pages). */
export const REAL_PAGES = [
  'bbc-1',
  'buzzfeed-1',
  'cnn',
  'folha',
  'guardian-1',
  'heise',
  'herald-sun-1',
  'la-nacion',
  'lemonde-1',
  'msn',
  'nytimes-1',
  'qq',
  'salon-1',
  'seattletimes-1',
  'telegraph',
  'theverge',
  'tmz-1',
  'wapo-1',
  'wikipedia',
  'yahoo-2',
] as const;
export type RealPage = (typeof REAL_PAGES)[number];

export function seedParagraphs(seedFile: string): string[] {
  return readFileSync(resolve(SEEDS_DIR, seedFile), 'utf8')
    .split(/\n+/)
    .map((p) => p.trim())
    .filter((p) => p.length > 0);
}

/** Paragraphs `from` to `to` of a seed article as escaped HTML, for pages written by tests. */
export function seedArticleHtml(seedFile: string, from: number, to: number): string {
  return seedParagraphs(seedFile)
    .slice(from, to)
    .map((p) => `<p>${p.replace(/&/g, '&amp;').replace(/</g, '&lt;')}</p>`)
    .join('\n');
}

/** Where a real page keeps its article text: the element holding most of its paragraphs. */
function articleBody(document: Document): Element {
  // In order of how sure each marker is (not document order: an <article> often wraps more).
  for (const selector of [
    '[itemprop="articleBody"]',
    '.story-body__inner',
    '.article-body',
    '.entry-content',
    'article',
  ]) {
    const explicit = document.querySelector(selector);
    if (explicit && explicit.querySelectorAll('p').length >= 2) return explicit;
  }
  let best: Element = document.body;
  let bestCount = 0;
  for (const p of document.querySelectorAll('p')) {
    const parent = p.parentElement;
    if (!parent) continue;
    const count = [...parent.children].filter((c) => c.tagName === 'P').length;
    if (count > bestCount) {
      bestCount = count;
      best = parent;
    }
  }
  return best;
}

/**
 * A real page with a seed article's paragraphs in place of its own article text. The article
 * container gets `data-seeded` so tests can tell the seed text from the rest of the page.
 */
export function pageWithSeed(page: RealPage, seedFile: string): string {
  const html = readFileSync(resolve(FIXTURES_DIR, `${page}.html`), 'utf8');
  const { document } = parseHTML(html);
  const body = articleBody(document as unknown as Document);
  const paragraphs = [...body.querySelectorAll('p')];
  // The article's first paragraph of prose, not one in an aside, a caption or a side bar.
  const anchor =
    paragraphs.find((p) => !p.closest('aside, nav, footer, figure, figcaption, header')) ??
    paragraphs[0] ??
    null;
  const container = document.createElement('div');
  container.setAttribute('data-seeded', seedFile);
  for (const text of seedParagraphs(seedFile)) {
    const p = document.createElement('p');
    p.textContent = text;
    container.appendChild(p);
  }
  if (anchor?.parentNode) anchor.parentNode.insertBefore(container, anchor);
  else body.appendChild(container);
  for (const p of paragraphs) p.remove();
  return `<!DOCTYPE html>\n${document.documentElement.outerHTML}`;
}

export interface FixtureServer extends StaticServer {
  /** URL of a real page as it is. */
  real(page: RealPage): string;
  /** URL of a real page with a seed article put into its article body. */
  seeded(page: RealPage, seedFile: string): string;
  /** Serves any HTML at a path and returns its URL. */
  html(path: string, body: string): string;
}

export async function startFixtureServer(): Promise<FixtureServer> {
  const server = await startServer(FIXTURES_DIR);
  return {
    ...server,
    real: (page) => `${server.origin}/${page}.html`,
    seeded(page, seedFile) {
      const path = `/seeded/${page}/${seedFile.replace(/\.txt$/, '')}.html`;
      server.route(path, pageWithSeed(page, seedFile));
      return `${server.origin}${path}`;
    },
    html(path, body) {
      server.route(path, body);
      return `${server.origin}${path}`;
    },
  };
}
