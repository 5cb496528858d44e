import Fuse, { type FuseIndex, type FuseResult, type IFuseOptions } from 'fuse.js';
import type { Entity, Passage } from './types';

export const ENTITY_SEARCH_KEYS = ['name', 'aliases'];
export const PASSAGE_SEARCH_KEYS = ['text'];

const ENTITY_THRESHOLD = 0.35;
export const ENTITY_OPTIONS: IFuseOptions<Entity> = {
  keys: ENTITY_SEARCH_KEYS,
  includeScore: true,
  includeMatches: true,
  threshold: ENTITY_THRESHOLD,
  ignoreDiacritics: true,
};
const PASSAGE_THRESHOLD = 0.3;
export const PASSAGE_OPTIONS: IFuseOptions<Passage> = {
  keys: PASSAGE_SEARCH_KEYS,
  includeScore: true,
  includeMatches: true,
  threshold: PASSAGE_THRESHOLD,
  ignoreLocation: true,
  minMatchCharLength: 3,
  ignoreDiacritics: true,
};

export interface CorpusSearch {
  entities(query: string, limit?: number): FuseResult<Entity>[];
  passages(query: string, limit?: number): FuseResult<Passage>[];
}

/** Letters that carry no separable mark, as Fuse's `ignoreDiacritics` writes them. */
const UNMARKED: Record<string, string> = {
  ł: 'l',
  đ: 'd',
  ø: 'o',
  ħ: 'h',
  ŧ: 't',
  ı: 'i',
  ß: 'ss',
};

/**
 * Lower case without diacritics: what Fuse compares with `ignoreDiacritics`, or closer still
 * (every mark goes), so two words Fuse finds close are at least as close here.
 */
export function searchFold(s: string): string {
  return s
    .toLowerCase()
    .normalize('NFD')
    .replace(/\p{M}+/gu, '')
    .replace(/[łđøħŧıß]/g, (ch) => UNMARKED[ch]!);
}

/** The words of a folded text. */
const wordsOf = (folded: string): string[] => folded.match(/[\p{L}\p{N}]+/gu) ?? [];

/**
 * Which documents can match a query, from their words: a word -> documents index over the
 * corpus's vocabulary. Fuse matches a document when the whole query lies in its text within E
 * errors (E = threshold x the query's length). Split the query into its words, give word i a
 * budget of k_i errors with sum(k_i + 1) > E: then, where each word's part of the match lies
 * within one word of the text, some query word is within its budget of a word of the text
 * (pigeonhole). So the documents holding such a word are the ones that can match (matches
 * that only exist across words, "home and" for "Homeland", are left out), and the budgets go
 * to the longest words first (a short word with an error is close to most of the vocabulary).
 * The sum over the query's words of each one's fewest errors in a word of the document is a
 * lower bound of the errors of its match: the passage search scores the documents in the
 * order of that bound and stops once no unscored one can enter the page. Words of one letter
 * ("l'", "d'") are left out beside longer ones; a query longer than 32 letters is not narrowed.
 */
export interface WordIndex {
  /** Positions (in the texts) that may match, ascending; null when any may. */
  candidates(query: string): number[] | null;
  /** The same, with each position's lower bound of errors (255 where not a candidate). */
  bounded(query: string): { positions: number[]; lower: Uint8Array } | null;
  /** Each text folded (`searchFold`), by position. */
  folded: readonly string[];
  /** The positions of the texts holding a sharp s (folded to two letters). */
  sharp: ReadonlySet<number>;
}

const pairsOf = (w: string): Set<string> => {
  const out = new Set<string>();
  for (let i = 0; i + 1 < w.length; i++) out.add(w.slice(i, i + 2));
  return out;
};

/**
 * Each word's error budget: zero each, then one more at a time to the word with the most
 * letters per error it may make, until sum(k_i + 1) > `errors`; null when a word's budget
 * reaches its length (it would match any word).
 */
export function errorBudgets(lengths: readonly number[], errors: number): number[] | null {
  const k = lengths.map(() => 0);
  for (let left = errors + 1 - lengths.length; left > 0; left--) {
    let best = 0;
    for (let i = 1; i < k.length; i++)
      if (lengths[i]! / (k[i]! + 1) > lengths[best]! / (k[best]! + 1)) best = i;
    k[best]!++;
    if (k[best]! >= lengths[best]!) return null;
  }
  return k;
}

/**
 * The fewest edits (a letter inserted, dropped or changed) that make `pattern` (at most 32
 * letters) a part of `text`: what Fuse's bitap counts as a match's errors; `max` + 1 once it is
 * more than `max`. Myers' bit-parallel edit distance (one bit per letter of the pattern), run
 * over every word of the vocabulary that may hold a query word.
 */
export function substringDistance(pattern: string, text: string, max: number): number {
  return distanceTo(pattern)(text, max);
}

/** `substringDistance` with the pattern's letter masks made once. */
function distanceTo(pattern: string): (text: string, max: number) => number {
  const m = pattern.length;
  const masks = new Map<number, number>();
  for (let i = 0; i < m; i++) {
    const c = pattern.charCodeAt(i);
    masks.set(c, (masks.get(c) ?? 0) | (1 << i));
  }
  const high = 1 << (m - 1);
  return (text, max) => {
    if (m === 0) return 0;
    // Vertical deltas of the distance column (+1 everywhere: pattern[0, i) against nothing).
    let plus = -1;
    let minus = 0;
    let score = m;
    let best = m;
    for (let j = 0; j < text.length; j++) {
      const eq = masks.get(text.charCodeAt(j)) ?? 0;
      const xv = eq | minus;
      const xh = (((eq & plus) + plus) ^ plus) | eq;
      let hPlus = minus | ~(xh | plus);
      let hMinus = plus & xh;
      if (hPlus & high) score++;
      else if (hMinus & high) score--;
      // A match may start at any letter of the text: the top row stays 0 (no carry in).
      hPlus <<= 1;
      hMinus <<= 1;
      plus = hMinus | ~(xv | hPlus);
      minus = hPlus & xv;
      if (score < best) best = score;
    }
    return best > max ? max + 1 : best;
  };
}

/** The vocabulary words that hold a token with at most `errors` errors, and how many. */
function closeWords(
  vocabulary: readonly string[],
): (token: string, errors: number) => Array<[word: number, errors: number]> {
  // Letter pair -> the vocabulary words holding it (positions in `vocabulary`, ascending).
  const byPair = new Map<string, number[]>();
  vocabulary.forEach((w, i) => {
    for (const p of pairsOf(w)) {
      const list = byPair.get(p);
      if (list) list.push(i);
      else byPair.set(p, [i]);
    }
  });
  // Pairs shared with the token, per vocabulary word (kept between calls, zeroed after use).
  const shared = new Uint16Array(vocabulary.length);
  return (token: string, errors: number): Array<[word: number, errors: number]> => {
    const pairs = pairsOf(token);
    if (errors === 0) {
      // Every word holding the token holds its rarest letter pair.
      let rarest: number[] | null = null;
      for (const p of pairs) {
        const list = byPair.get(p) ?? [];
        if (!rarest || list.length < rarest.length) rarest = list;
      }
      const words = rarest ?? vocabulary.map((_, i) => i);
      return words.filter((i) => vocabulary[i]!.includes(token)).map((i) => [i, 0]);
    }
    // A word holding the token with k errors keeps all but 2k of its distinct letter pairs.
    const need = pairs.size - 2 * errors;
    let only: number[];
    if (need > 0) {
      const touched: number[] = [];
      for (const p of pairs)
        for (const i of byPair.get(p) ?? []) if (shared[i]!++ === 0) touched.push(i);
      only = touched.filter((i) => shared[i]! >= need);
      for (const i of touched) shared[i] = 0;
    } else only = vocabulary.map((_, i) => i);
    const out: Array<[number, number]> = [];
    const distance = distanceTo(token);
    for (const i of only) {
      const d = distance(vocabulary[i]!, errors);
      if (d <= errors) out.push([i, d]);
    }
    return out;
  };
}

/**
 * `folds`: texts already folded (an earlier build's, by text): `searchFold` is a function of the
 * text alone, so a text found there is not folded again.
 */
export function createWordIndex(
  texts: readonly string[],
  allowed = PASSAGE_THRESHOLD,
  folds?: ReadonlyMap<string, string> | null,
): WordIndex {
  const ids = new Map<string, number>();
  const vocabulary: string[] = [];
  const postings: number[][] = [];
  const folded = texts.map((t) => folds?.get(t) ?? searchFold(t));
  folded.forEach((text, i) => {
    for (const w of new Set(wordsOf(text))) {
      let id = ids.get(w);
      if (id === undefined) {
        id = vocabulary.length;
        ids.set(w, id);
        vocabulary.push(w);
        postings.push([]);
      }
      postings[id]!.push(i);
    }
  });
  const close = closeWords(vocabulary);
  function bounded(query: string): { positions: number[]; lower: Uint8Array } | null {
    const folded = searchFold(query.trim());
    // Fuse matches a longer query by any one of its 32-letter pieces: scan everything.
    if (folded.length > 32) return null;
    let tokens = [...new Set(wordsOf(folded))];
    if (tokens.some((t) => t.length > 1)) tokens = tokens.filter((t) => t.length > 1);
    if (tokens.length === 0) return null;
    const budgets = errorBudgets(
      tokens.map((t) => t.length),
      Math.floor(allowed * folded.length + 1e-9),
    );
    if (!budgets) return null;
    // Each position starts at every word's budget + 1 (no word of it within budget).
    const lower = new Uint8Array(texts.length).fill(
      Math.min(
        255,
        budgets.reduce((n, k) => n + k + 1, 0),
      ),
    );
    const positions: number[] = [];
    const seen = new Uint8Array(texts.length);
    tokens.forEach((token, t) => {
      const over = budgets[t]! + 1;
      // This word's fewest errors in each position (`over`: none within budget).
      const best = new Uint8Array(texts.length).fill(over);
      const touched: number[] = [];
      for (const [word, errors] of close(token, budgets[t]!))
        for (const i of postings[word]!) {
          if (best[i] === over) touched.push(i);
          if (errors < best[i]!) best[i] = errors;
        }
      for (const i of touched) {
        lower[i] = lower[i]! - (over - best[i]!);
        if (!seen[i]) {
          seen[i] = 1;
          positions.push(i);
        }
      }
    });
    for (let i = 0; i < texts.length; i++) if (!seen[i]) lower[i] = 255;
    positions.sort((a, b) => a - b);
    return { positions, lower };
  }
  return {
    candidates: (query) => bounded(query)?.positions ?? null,
    bounded,
    folded,
    sharp: new Set(texts.flatMap((t, i) => (/[ßẞ]/.test(t) ? [i] : []))),
  };
}

/** An index's keys, and each document's record by its position (a document may have none). */
function recordsByPosition<T>(index: FuseIndex<T>) {
  const recordOf: Array<(typeof index.records)[number] | undefined> = [];
  for (const r of index.records) recordOf[r.i!] = r;
  return { keys: index.toJSON().keys, recordOf };
}

/**
 * Fuse over the records `index` holds, asking only those the word index says may match (the
 * others' records left out: same scores, same order as over all of them).
 */
function narrowed<T>(
  docs: readonly T[],
  options: IFuseOptions<T>,
  index: FuseIndex<T>,
  words: () => WordIndex,
): (query: string, limit: number) => FuseResult<T>[] {
  const { keys, recordOf } = recordsByPosition(index);
  return (query, limit) => {
    if (!query.trim()) return [];
    const candidates = words().candidates(query);
    if (candidates === null) return new Fuse(docs, options, index).search(query, { limit });
    const subset = Fuse.parseIndex<T>({
      keys,
      records: candidates.flatMap((i) => recordOf[i] ?? []),
    });
    return new Fuse(docs, options, subset).search(query, { limit });
  };
}

/** Fuse's field norm of a text of `words` words (lib: fuse.js, fieldNorm.ts), its rounding too. */
const fieldNorm = (words: number) => Math.round(1000 / Math.sqrt(Math.max(1, words))) / 1000;
/** Runs of characters other than Fuse's word separators (tab to carriage return, space, nbsp). */
const fuseWords = (s: string) => s.match(/[^\t-\r \u00a0]+/g)?.length ?? 0;

/**
 * Whether Fuse can highlight `min` letters in a row of `text` for a `pattern` shorter than
 * that (it then allows no error, and a match highlighting less is no match): only where
 * occurrences of the pattern touch or overlap ("abab" for "ab").
 */
function runs(text: string, pattern: string, min: number): boolean {
  if (pattern.length >= min) return true;
  const covered = new Uint8Array(text.length);
  for (let at = text.indexOf(pattern); at >= 0; at = text.indexOf(pattern, at + 1))
    covered.fill(1, at, at + pattern.length);
  let run = 0;
  for (const c of covered) if ((run = c ? run + 1 : 0) >= min) return true;
  return false;
}

/**
 * The candidates (`lower` below 255) by their bound, least first: per error count, shortest
 * first (a higher norm, a lower bound), the counts merged.
 */
function candidateStream(
  shortest: Int32Array,
  lower: Uint8Array,
  bound: (i: number) => number,
  mayEqual: (i: number) => boolean,
): () => { head: { g: number[]; at: number } | null; low: number } {
  const groups = new Map<number, number[]>();
  for (const i of shortest) {
    const errors = lower[i]!;
    if (errors === 255) continue;
    const key = errors === 0 && mayEqual(i) ? -1 : errors;
    const group = groups.get(key);
    if (group) group.push(i);
    else groups.set(key, [i]);
  }
  const heads = [...groups.values()].map((g) => ({ g, at: 0 }));
  return () => {
    let best: { g: number[]; at: number } | null = null;
    let low = Infinity;
    for (const h of heads)
      if (h.at < h.g.length) {
        const b = bound(h.g[h.at]!);
        if (b < low) [best, low] = [h, b];
      }
    return { head: best, low };
  };
}

/** A binary min-heap of positions by bound. */
class BoundHeap {
  private items: Array<[number, number]> = [];
  get size(): number {
    return this.items.length;
  }
  least(): number {
    return this.items[0]?.[1] ?? Infinity;
  }
  push(i: number, bound: number): void {
    const items = this.items;
    items.push([i, bound]);
    for (let c = items.length - 1; c > 0;) {
      const p = (c - 1) >> 1;
      if (items[p]![1] <= items[c]![1]) break;
      [items[p], items[c]] = [items[c]!, items[p]!];
      c = p;
    }
  }
  pop(): number {
    const items = this.items;
    const top = items[0]!;
    const last = items.pop()!;
    if (items.length > 0) {
      items[0] = last;
      for (let p = 0; ;) {
        const l = 2 * p + 1;
        const r = l + 1;
        let m = p;
        if (l < items.length && items[l]![1] < items[m]![1]) m = l;
        if (r < items.length && items[r]![1] < items[m]![1]) m = r;
        if (m === p) break;
        [items[p], items[m]] = [items[m]!, items[p]!];
        p = m;
      }
    }
    return top[0];
  }
}

/**
 * Fuse over one text key with `ignoreLocation`, best first: a document's score is
 * (errors / query length) ^ norm (0.001 for no error, 0 when the text is the query), so a lower
 * bound of its errors bounds its score from below. Candidates come in the order of the word
 * index's bound; each is refined by its whole text's edit distance (left out past the allowed
 * errors) and scored by Fuse, a batch at a time, until `limit` results score below every
 * unscored bound: the same page as Fuse over all the candidates, without scoring a common
 * word's thousands.
 */
function ranked<T>(
  docs: readonly T[],
  options: IFuseOptions<T>,
  index: FuseIndex<T>,
  words: () => WordIndex,
): (query: string, limit: number) => FuseResult<T>[] {
  const threshold = options.threshold ?? 0.6;
  const minRun = options.minMatchCharLength ?? 1;
  const { keys, recordOf } = recordsByPosition(index);
  // Each document's field norm, and the documents from the shortest (highest norm) down.
  const norms = new Float64Array(docs.length);
  recordOf.forEach((r, i) => {
    const field = (r?.$ as Record<number, { n?: number } | undefined> | undefined)?.[0];
    norms[i] = field?.n ?? 1;
  });
  const shortest = Int32Array.from(recordOf.keys())
    .filter((i) => recordOf[i] !== undefined)
    .sort((a, b) => norms[b]! - norms[a]! || a - b);
  const byScore = (a: FuseResult<T>, b: FuseResult<T>) =>
    a.score === b.score ? a.refIndex - b.refIndex : (a.score ?? 1) - (b.score ?? 1);
  return (query, limit) => {
    if (!query.trim()) return [];
    const found = words().bounded(query);
    if (found === null) return new Fuse(docs, options, index).search(query, { limit });
    const { lower } = found;
    // At least Fuse's pattern length (lower case, decomposed, before its marks go).
    const length = query.toLowerCase().normalize('NFD').length;
    const queryNorm = fieldNorm(fuseWords(query));
    const scoreBound = (errors: number, i: number) =>
      errors === 0 && norms[i] === queryNorm
        ? Math.pow(Number.EPSILON, norms[i]!)
        : Math.pow(Math.min(1, Math.max(0.001, errors / length)), norms[i]!);
    const bound = (i: number) => scoreBound(lower[i]!, i);
    const stream = candidateStream(shortest, lower, bound, (i) => norms[i] === queryNorm);
    // Second bound, from the whole text: its errors as Fuse counts them (Myers over the
    // folded text; a folded "ss" for one letter may double them). Past the allowed errors,
    // Fuse cannot match it: it is left out, unscored.
    const pattern = searchFold(query);
    if (pattern.length > 32) return new Fuse(docs, options, index).search(query, { limit });
    const distance = distanceTo(pattern);
    const allowedErrors = Math.floor(threshold * Math.max(length, pattern.length) + 1e-9);
    const { folded, sharp } = words();
    const sharpQuery = /[ßẞ]/.test(query);
    const heap = new BoundHeap();
    const results: FuseResult<T>[] = [];
    for (;;) {
      // Refine the stream's candidates until the heap's least bound is the least of all.
      let next = stream();
      while (next.head && (heap.size === 0 || next.low < heap.least())) {
        const i = next.head.g[next.head.at++]!;
        const low = next.low;
        next = stream();
        const sharpText = sharpQuery || sharp.has(i);
        // The cheaper test first: a short query's occurrences must touch.
        if (!sharpText && !runs(folded[i]!, pattern, minRun)) continue;
        const d = distance(folded[i]!, 32);
        const errors = sharpText ? Math.ceil(d / 2) : d;
        if (errors <= allowedErrors) heap.push(i, Math.max(low, scoreBound(errors, i)));
      }
      if (heap.size === 0) break;
      const kth = results[limit - 1]?.score;
      if (kth !== undefined && kth < heap.least()) break;
      const take: number[] = [];
      while (heap.size > 0 && take.length < Math.max(8, limit)) take.push(heap.pop());
      const subset = Fuse.parseIndex<T>({ keys, records: take.map((i) => recordOf[i]!) });
      results.push(...new Fuse(docs, options, subset).search(query));
      results.sort(byScore);
    }
    return results.slice(0, limit);
  };
}

/**
 * A Fuse index's records by document id, each with the searched values it was made from. A
 * record is a function of its document alone (its values, and Fuse's field norm of each: the
 * value's word count), so the record kept for a document whose values are unchanged is the
 * record a fresh index makes for it: only its position is set again.
 */
export type KeptRecords = ReadonlyMap<string, { values: unknown[]; $: IndexRecord['$'] }>;

type IndexRecord = FuseIndex<unknown>['records'][number];

/**
 * The values Fuse indexes of a document (the document's own strings: kept, they copy nothing).
 */
const searchedValues = (keys: readonly string[], doc: object): unknown[] =>
  keys.map((k) => (doc as Record<string, unknown>)[k] ?? null);

/** Whether two documents' searched values are the same (strings, lists of strings, or JSON). */
function sameValues(a: readonly unknown[], b: readonly unknown[]): boolean {
  return (
    a.length === b.length &&
    a.every((x, i) => {
      const y = b[i];
      if (typeof x === 'string' || typeof y === 'string' || x === null || y === null)
        return x === y;
      if (Array.isArray(x) && Array.isArray(y))
        return (
          x.length === y.length &&
          x.every((v, j) => (typeof v === 'string' ? v === y[j] : sameValues([v], [y[j]])))
        );
      return JSON.stringify(x) === JSON.stringify(y);
    })
  );
}

/**
 * Fuse's index over `docs` (in their order), made from the records `previous` keeps for
 * documents whose searched values are unchanged and new records for the others: the same
 * records, in the same order, as `Fuse.createIndex(keys, docs)`. `indexed`: how many were made.
 */
export function keepIndex<T extends { id: string }>(
  keys: readonly string[],
  docs: readonly T[],
  previous: KeptRecords | null = null,
): { index: FuseIndex<T>; kept: KeptRecords; indexed: number } {
  const index = Fuse.createIndex<T>([...keys], []);
  const records: IndexRecord[] = new Array<IndexRecord>(docs.length);
  const kept = new Map<string, { values: unknown[]; $: IndexRecord['$'] }>();
  let indexed = 0;
  docs.forEach((doc, i) => {
    const values = searchedValues(keys, doc);
    const was = previous?.get(doc.id);
    let $: IndexRecord['$'];
    if (was && sameValues(was.values, values)) $ = was.$;
    else {
      // Fuse's own record maker (its norms too); `add` appends it, set in place below.
      $ = index.add(doc, i)!.$;
      indexed++;
    }
    records[i] = { i, $ };
    kept.set(doc.id, { values, $ });
  });
  index.setIndexRecords(records);
  return { index, kept, indexed };
}

/** The records an index holds, by the id of each one's document (for `keepIndex`). */
function recordsOf<T extends { id: string }>(
  keys: readonly string[],
  docs: readonly T[],
  index: FuseIndex<T>,
): KeptRecords {
  const kept = new Map<string, { values: unknown[]; $: IndexRecord['$'] }>();
  for (const r of index.records) {
    const doc = docs[r.i];
    if (doc) kept.set(doc.id, { values: searchedValues(keys, doc), $: r.$ });
  }
  return kept;
}

/** What a search was built from, for the next build over the corpus after a change. */
export interface SearchKept {
  entities: KeptRecords;
  passages: KeptRecords;
  /** Records made by this build (the others were kept): entities, passages. */
  indexed: { entities: number; passages: number };
  /** The passages' texts folded, by text, once its word index is built (null before). */
  passageFolds?: () => ReadonlyMap<string, string> | null;
}

/**
 * Builds the search; pass the bundled serialized indexes to skip indexing when rows match, or
 * what an earlier search kept to index only the documents added or changed since.
 */
export function createSearch(
  entities: readonly Entity[],
  passages: readonly Passage[],
  serialized?: { entities: unknown; passages: unknown } | null,
  previous?: SearchKept | null,
): CorpusSearch & { kept: SearchKept } {
  let entityIndex: FuseIndex<Entity>;
  let passageIndex: FuseIndex<Passage>;
  let kept: SearchKept;
  if (serialized) {
    entityIndex = Fuse.parseIndex<Entity>(
      serialized.entities as Parameters<typeof Fuse.parseIndex>[0],
    );
    passageIndex = Fuse.parseIndex<Passage>(
      serialized.passages as Parameters<typeof Fuse.parseIndex>[0],
    );
    kept = {
      entities: recordsOf(ENTITY_SEARCH_KEYS, entities, entityIndex),
      passages: recordsOf(PASSAGE_SEARCH_KEYS, passages, passageIndex),
      indexed: { entities: 0, passages: 0 },
    };
  } else {
    const e = keepIndex(ENTITY_SEARCH_KEYS, entities, previous?.entities);
    const p = keepIndex(PASSAGE_SEARCH_KEYS, passages, previous?.passages);
    [entityIndex, passageIndex] = [e.index, p.index];
    kept = {
      entities: e.kept,
      passages: p.kept,
      indexed: { entities: e.indexed, passages: p.indexed },
    };
  }
  // Word indexes are built on first use (an entity-only search never pays for the passages').
  let entityWords: WordIndex | null = null;
  let passageWords: WordIndex | null = null;
  const entitySearch = narrowed(entities, ENTITY_OPTIONS, entityIndex, () => {
    entityWords ??= createWordIndex(
      entities.map((e) => [e.name, ...e.aliases].join(' \n ')),
      ENTITY_THRESHOLD,
    );
    return entityWords;
  });
  const passageSearch = ranked(passages, PASSAGE_OPTIONS, passageIndex, () => {
    passageWords ??= createWordIndex(
      passages.map((p) => p.text),
      PASSAGE_THRESHOLD,
      previous?.passageFolds?.(),
    );
    return passageWords;
  });
  kept.passageFolds = () => {
    if (!passageWords) return null;
    const { folded } = passageWords;
    return new Map(passages.map((p, i) => [p.text, folded[i]!]));
  };
  return {
    entities: (q, limit = 10) => entitySearch(q, limit),
    passages: (q, limit = 20) => passageSearch(q, limit),
    kept,
  };
}
