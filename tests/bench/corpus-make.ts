/**
 * Corpora of N sources made from real article text, for the corpus-scale benches (the same
 * generation as tests/bench/corpus-scale.ts: the seeds and every tests/eval article, in clusters
 * whose non-lexicon words are respelled with the cluster's own consonant permutation and whose
 * paragraphs after the first are rotated). `cachedCorpus` builds one with the batch build
 * (lib/corpus/pipeline.ts) and keeps it on disk, so read-path benches do not wait minutes for it.
 */
import { existsSync, mkdirSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { fold } from '../../lib/corpus/text';
import { buildCorpus, type PreparedSource } from '../../lib/corpus/pipeline';
import { LEXICONS } from '../../lib/lang';
import { buildSeedBundle, loadSeedSources } from '../../lib/node/seeds';
import { IDBKeyRange, indexedDB } from 'fake-indexeddb';
import { CrosscheckDB } from '../../lib/db';
import { META_DICTIONARY_VERSION, META_INDEX_VERSION } from '../../lib/service/meta';
import type { Corpus, RawSource } from '../../lib/types';

export const ROOT = fileURLToPath(new URL('../../', import.meta.url));
const CACHE = join(ROOT, 'node_modules/.cache/crosscheck-bench');

export function baseArticles(): RawSource[] {
  const out: RawSource[] = loadSeedSources(join(ROOT, 'seeds'));
  const eval_ = join(ROOT, 'tests/eval/coverage');
  for (const d of readdirSync(eval_).sort()) {
    const dir = join(eval_, d);
    if (!statSync(dir).isDirectory() || !existsSync(join(dir, 'sources.json'))) continue;
    out.push(...loadSeedSources(dir).map((r) => ({ ...r, id: `${d}/${r.id}` })));
  }
  return out;
}

/** Every word the lexicons hold (titles, function words, months…): kept as they are. */
export function lexiconWords(): Set<string> {
  const out = new Set<string>();
  const walk = (v: unknown): void => {
    if (typeof v === 'string') for (const w of v.split(/\s+/)) out.add(fold(w).toLowerCase());
    else if (Array.isArray(v)) v.forEach(walk);
    else if (v && typeof v === 'object') Object.values(v).forEach(walk);
  };
  walk(LEXICONS);
  return out;
}

/** A seeded generator (mulberry32). */
function random(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = Math.imul(a ^ (a >>> 15), a | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const CONSONANTS = 'bcdfghjklmnpqrstvwxz';
/** Cluster c's spelling: its own permutation of the consonants (vowels kept, so words read). */
function cipher(c: number): (word: string) => string {
  const next = random(c * 7919);
  const to = [...CONSONANTS];
  for (let i = to.length - 1; i > 0; i--) {
    const j = Math.floor(next() * (i + 1));
    [to[i], to[j]] = [to[j]!, to[i]!];
  }
  const map = new Map([...CONSONANTS].map((ch, i) => [ch, to[i]!]));
  return (word) =>
    [...word]
      .map((ch) => {
        const low = ch.toLowerCase();
        const m = map.get(low);
        return m === undefined ? ch : ch === low ? m : m.toUpperCase();
      })
      .join('');
}

/** Article `r` as cluster `c` sees it (c = 0: as written). */
export function variant(r: RawSource, c: number, keep: Set<string>): RawSource {
  if (c === 0) return { ...r, id: `c0/${r.id}`, origin: 'user' };
  const spell = cipher(c);
  const respell = (t: string) =>
    t.replace(/\p{L}{3,}/gu, (w) => (keep.has(fold(w).toLowerCase()) ? w : spell(w)));
  const paras = r.text.split(/\n\s*\n/);
  const k = c % Math.max(1, paras.length - 1);
  // The first paragraph stays first (a lede); the others rotate.
  const rotated = [paras[0]!, ...paras.slice(1 + k), ...paras.slice(1, 1 + k)].join('\n\n');
  return {
    ...r,
    id: `c${c}/${r.id}`,
    text: respell(rotated),
    title: r.title ? respell(r.title) : r.title,
    url: r.url ? `${r.url.replace(/[?#].*$/, '')}?cluster=${c}` : null,
    origin: 'user',
  };
}

export function corpusOf(n: number, base: readonly RawSource[], keep: Set<string>): RawSource[] {
  const out: RawSource[] = [];
  for (let c = 0; out.length < n; c++)
    for (const r of base) {
      if (out.length >= n) break;
      out.push(variant(r, c, keep));
    }
  return out;
}

/**
 * The batch build of N generated sources, from the disk cache when there (delete
 * node_modules/.cache/crosscheck-bench, or pass rebuild, after changing the build).
 */
export function cachedCorpus(n: number, rebuild = false): Corpus {
  const file = join(CACHE, `corpus-${n}.json`);
  if (!rebuild && existsSync(file)) return JSON.parse(readFileSync(file, 'utf8')) as Corpus;
  const bundle = buildSeedBundle(join(ROOT, 'seeds'));
  const raw = corpusOf(n, baseArticles(), lexiconWords());
  const t0 = performance.now();
  const corpus = buildCorpus(raw, bundle.overrides ?? null);
  console.log(`[${n}] batch build ${Math.round(performance.now() - t0)} ms (cached in ${file})`);
  keepCorpus(n, corpus);
  return corpus;
}

/** The enabled sources of a built corpus, each with its passages, as a build takes them. */
export function preparedOf(corpus: Corpus): PreparedSource[] {
  const bySource = new Map<string, PreparedSource['passages']>();
  for (const p of corpus.passages) {
    const list = bySource.get(p.sourceId);
    if (list) list.push(p);
    else bySource.set(p.sourceId, [p]);
  }
  return corpus.sources
    .filter((s) => s.enabled)
    .map((s) => ({ source: s, passages: bySource.get(s.id) ?? [] }));
}

/** Whether the cache holds the batch build of N generated sources. */
export function hasCachedCorpus(n: number): boolean {
  return existsSync(join(CACHE, `corpus-${n}.json`));
}

/** Keeps a batch build of N generated sources in the cache (one a bench made anyway). */
export function keepCorpus(n: number, corpus: Corpus): void {
  mkdirSync(CACHE, { recursive: true });
  writeFileSync(join(CACHE, `corpus-${n}.json`), JSON.stringify(corpus));
}

// Run directly: build and cache the corpora of the given sizes.
if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  for (const n of (process.argv[2] ?? '300').split(',').map(Number)) cachedCorpus(n, true);
}

/** A fresh fake-indexeddb database named `name` holding every row of `corpus`, as a build writes it. */
export async function storedCorpus(name: string, corpus: Corpus): Promise<CrosscheckDB> {
  const db = new CrosscheckDB(name, { indexedDB, IDBKeyRange });
  await db.open();
  await db.transaction(
    'rw',
    [db.sources, db.passages, db.entities, db.mentions, db.claims, db.discrepancies, db.meta],
    async () => {
      await db.sources.bulkPut(corpus.sources.map((s) => ({ ...s, addedAt: 1 })));
      await db.passages.bulkPut(corpus.passages);
      await db.entities.bulkPut(corpus.entities);
      await db.mentions.bulkPut(corpus.mentions);
      await db.claims.bulkPut(corpus.claims);
      await db.discrepancies.bulkPut(corpus.discrepancies);
      await db.meta.put({ id: META_INDEX_VERSION, value: 'bench' });
      await db.meta.put({ id: META_DICTIONARY_VERSION, value: 1 });
    },
  );
  return db;
}

/** A `--name value` argument of the bench's command line, or `fallback`. */
export function arg(name: string, fallback: string): string {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 && process.argv[i + 1] ? process.argv[i + 1]! : fallback;
}

/** The `--sizes 100,1000` argument: corpus sizes, in sources. */
export function sizesArg(fallback: string): number[] {
  return arg('sizes', fallback)
    .split(',')
    .map((s) => Number(s.trim()))
    .filter((n) => n > 0);
}
