/**
 * The benchmark's dictionaries: the corpus's own aliases (read from the built extension), then
 * real names taken from the fixtures' and the evaluation articles' text (runs of two to four
 * capitalised words, most frequent first, then acronyms and single capitalised
 * words met mid-sentence), up
 * to the size asked. Every contender gets the same list.
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { parseHTML } from 'linkedom';

function filesUnder(dir: string, ext: string): string[] {
  const out: string[] = [];
  for (const name of readdirSync(dir)) {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) out.push(...filesUnder(path, ext));
    else if (name.endsWith(ext)) out.push(path);
  }
  return out;
}

function texts(): string[] {
  const pages = filesUnder(resolve('tests/fixtures'), '.html').map((f) => {
    const { document } = parseHTML(readFileSync(f, 'utf8'));
    for (const el of document.querySelectorAll('script, style, noscript, template, svg'))
      el.remove();
    return document.body?.textContent ?? '';
  });
  const articles = [
    ...filesUnder(resolve('tests/eval/coverage'), '.txt'),
    ...filesUnder(resolve('tests/eval/coverage'), '.md'),
    ...filesUnder(resolve('seeds'), '.txt'),
  ].map((f) => readFileSync(f, 'utf8'));
  return [...pages, ...articles];
}

const WORD = String.raw`\p{Lu}[\p{Ll}\p{M}'’-]+`;
const MULTI = new RegExp(String.raw`(?<![\p{L}.])${WORD}(?:\s${WORD}){1,3}(?![\p{L}])`, 'gu');
const ACRONYM = /(?<![\p{L}\p{N}])\p{Lu}{2,6}(?![\p{L}\p{N}])/gu;
const SINGLE = new RegExp(String.raw`(?<=[\p{L}\p{N},;:)”"]\s)${WORD}(?![\p{L}])`, 'gu');

/** Names found in the real texts, most frequent first (multi-word names before single words). */
export function realNames(): string[] {
  const multi = new Map<string, number>();
  const single = new Map<string, number>();
  for (const text of texts()) {
    for (const m of text.matchAll(MULTI)) multi.set(m[0], (multi.get(m[0]) ?? 0) + 1);
    for (const m of text.matchAll(SINGLE))
      if (m[0].length >= 3) single.set(m[0], (single.get(m[0]) ?? 0) + 1);
    for (const m of text.matchAll(ACRONYM)) single.set(m[0], (single.get(m[0]) ?? 0) + 1);
  }
  const byCount = (m: Map<string, number>) =>
    [...m].sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0])).map(([name]) => name);
  return [...byCount(multi), ...byCount(single)];
}

/** `base` (the corpus's aliases) then real names not already in it, `size` terms in all. */
export function termList(
  base: readonly string[],
  names: readonly string[],
  size: number,
): string[] {
  const seen = new Set(base.map((t) => t.toLowerCase()));
  const out = [...base];
  for (const n of names) {
    if (out.length >= size) break;
    if (seen.has(n.toLowerCase())) continue;
    seen.add(n.toLowerCase());
    out.push(n);
  }
  if (out.length < size)
    throw new Error(`Only ${out.length} distinct names in the texts, ${size} asked.`);
  return out;
}
