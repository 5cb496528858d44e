/** Node-only: HTML to article text with Readability over linkedom (the CLI's HTML input). */
import { Readability } from '@mozilla/readability';
import { parseHTML } from 'linkedom';

export interface HtmlArticle {
  title: string | null;
  text: string;
  language: string | null;
  published: string | null;
  siteName: string | null;
}

const BLOCKS = 'h1,h2,h3,h4,p,li,blockquote,figcaption,pre';

export function htmlToArticle(html: string): HtmlArticle | null {
  const { document } = parseHTML(html);
  const lang = document.documentElement?.getAttribute('lang') ?? null;
  // Readability mutates the document and wants a DOM Document; linkedom's is close enough.
  const article = new Readability(document as unknown as Document).parse();
  if (!article?.content) return null;
  const { document: doc } = parseHTML(
    `<!doctype html><html><body>${article.content}</body></html>`,
  );
  const lines: string[] = [];
  for (const el of doc.querySelectorAll(BLOCKS)) {
    // Nested blocks (a p inside a li) are read once, from the innermost block.
    if (el.querySelector(BLOCKS)) continue;
    const text = (el.textContent ?? '').replace(/\s+/g, ' ').trim();
    if (text) lines.push(el.tagName === 'LI' ? `• ${text}` : text);
  }
  const text = lines.length ? lines.join('\n\n') : (article.textContent ?? '').trim();
  return {
    title: article.title ?? null,
    text,
    language: article.lang ?? lang,
    published: article.publishedTime ?? null,
    siteName: article.siteName ?? null,
  };
}
