/** Demo news pages made from the seed articles, for `npm start` and the e2e tests. */
import { cleanArticle } from '../../lib/corpus/clean';
import { loadSeedSources } from '../../lib/node/seeds';
import { sourceLabel } from '../../lib/source-label';
import type { RawSource } from '../../lib/types';

export interface DemoPage {
  path: string;
  title: string;
  html: string;
  source: RawSource;
}

const esc = (s: string) =>
  s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');

export function articleHtml(source: RawSource): string {
  const { text, blocks } = cleanArticle(source.text, source.language);
  const parts: string[] = [];
  let list: string[] = [];
  const flush = () => {
    if (list.length) parts.push(`<ul>${list.join('')}</ul>`);
    list = [];
  };
  for (const b of blocks) {
    const t = esc(text.slice(b.start, b.end));
    if (b.kind === 'list-item') {
      list.push(`<li>${t}</li>`);
      continue;
    }
    flush();
    if (b.kind === 'title') continue;
    parts.push(
      b.kind === 'caption'
        ? `<figure><div class="photo"></div><figcaption>${t}</figcaption></figure>`
        : `<p>${t}</p>`,
    );
  }
  flush();
  return parts.join('\n');
}

const STYLE = `
  body { margin: 0; font: 18px/1.6 Georgia, serif; color: #1a1a1a; background: #fff; }
  header { border-bottom: 3px solid #1a1a1a; padding: 12px 24px; font: 700 22px/1 system-ui, sans-serif; letter-spacing: .02em; }
  main { max-width: 680px; margin: 32px auto; padding: 0 20px; }
  h1 { font-size: 34px; line-height: 1.15; margin: 0 0 8px; }
  .meta { color: #666; font: 14px system-ui, sans-serif; margin-bottom: 24px; }
  figure { margin: 24px 0; } .photo { height: 120px; background: linear-gradient(135deg, #c9d6df, #e2e8ec); }
  figcaption { font: 14px/1.4 system-ui, sans-serif; color: #555; margin-top: 6px; }
  nav a { margin-right: 12px; }
`;

export function demoPages(seedDir: URL): DemoPage[] {
  return loadSeedSources(seedDir).map((source, i) => {
    const title = source.title ?? `Article ${i + 1}`;
    const outlet = sourceLabel(source);
    const html = `<!doctype html><html lang="${esc(source.language ?? 'en')}"><head><meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1"><title>${esc(title)}</title><style>${STYLE}</style></head>
<body><header>${esc(outlet)} · demo</header><main><article><h1>${esc(title)}</h1>
<div class="meta">${esc(source.published ?? 'date unknown')} · a local copy of a seed article for the Crosscheck demo</div>
${articleHtml(source)}</article></main></body></html>`;
    return { path: `/demo/${i + 1}.html`, title, html, source };
  });
}

export function demoIndex(pages: readonly DemoPage[]): string {
  const links = pages.map(
    (p) => `<li><a href="${p.path}">${esc(p.title)}</a> — ${esc(sourceLabel(p.source))}</li>`,
  );
  return `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Crosscheck demo</title><style>${STYLE}</style></head>
<body><header>Crosscheck demo</header><main><h1>Seed articles</h1><ul>${links.join('')}</ul></main></body></html>`;
}
