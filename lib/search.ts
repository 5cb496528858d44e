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
 * Which passages can match a query, from their words: a word -> passages index over the
 * corpus's vocabulary. A passage Fuse matches holds the query within `PASSAGE_THRESHOLD` errors
 * per character; then one of the query's words, at least, is within that share of errors (a
 * little more: the separators between words count) of a word of the passage. So the passages
 * holding such a word are the passages that can match, and Fuse scores only those (same scores,
 * same order: its sort breaks ties by the passage's position). Words of one letter ("l'", "d'")
 * are left out beside longer ones; a query longer than 32 letters is not narrowed.
 */
export interface WordIndex {
  /** Positions (in the texts) that may match, ascending; null when any may. */
  candidates(query: string): number[] | null;
}

const pairsOf = (w: string): Set<string> => {
  const out = new Set<string>();
  for (let i = 0; i + 1 < w.length; i++) out.add(w.slice(i, i + 2));
  return out;
};

export function createWordIndex(texts: readonly string[], allowed = PASSAGE_THRESHOLD): WordIndex {
  const postings = new Map<string, number[]>();
  texts.forEach((text, i) => {
    for (const w of new Set(wordsOf(searchFold(text)))) {
      const list = postings.get(w);
      if (list) list.push(i);
      else postings.set(w, [i]);
    }
  });
  const vocabulary = [...postings.keys()];
  // Letter pair -> the vocabulary words holding it (positions in `vocabulary`).
  const byPair = new Map<string, number[]>();
  vocabulary.forEach((w, i) => {
    for (const p of pairsOf(w)) {
      const list = byPair.get(p);
      if (list) list.push(i);
      else byPair.set(p, [i]);
    }
  });
  const vocabularyIndex = Fuse.createIndex<string>([], vocabulary);
  const fuzzy = (threshold: number, only: number[] | null) =>
    new Fuse(
      vocabulary,
      { threshold, ignoreLocation: true, isCaseSensitive: true, shouldSort: false },
      only
        ? Fuse.parseIndex<string>({
            keys: [],
            records: only.map((i) => vocabularyIndex.records[i]!),
          })
        : vocabularyIndex,
    );
  /** The vocabulary words that hold `token` with at most `threshold` errors per letter. */
  const close = (token: string, threshold: number): string[] => {
    const errors = Math.floor(threshold * token.length + 1e-9);
    if (errors === 0) return vocabulary.filter((w) => w.includes(token));
    // A word holding the token with k errors keeps all but 2k of its distinct letter pairs.
    const pairs = pairsOf(token);
    const need = pairs.size - 2 * errors;
    let only: number[] | null = null;
    if (need > 0) {
      const counts = new Map<number, number>();
      for (const p of pairs)
        for (const i of byPair.get(p) ?? []) counts.set(i, (counts.get(i) ?? 0) + 1);
      only = [];
      for (const [i, n] of counts) if (n >= need) only.push(i);
      if (only.length === 0) return [];
    }
    return fuzzy(threshold, only)
      .search(token)
      .map((r) => r.item);
  };
  return {
    candidates(query) {
      const folded = searchFold(query.trim());
      // Fuse matches a longer query by any one of its 32-letter pieces: scan everything.
      if (folded.length > 32) return null;
      let tokens = [...new Set(wordsOf(folded))];
      if (tokens.some((t) => t.length > 1)) tokens = tokens.filter((t) => t.length > 1);
      const letters = tokens.reduce((n, t) => n + t.length, 0);
      if (letters === 0) return null;
      // The query's errors spread over its words' letters (the separators may be errors too).
      const threshold = Math.min(0.5, (allowed * folded.length) / letters);
      const out = new Set<number>();
      for (const token of tokens)
        for (const word of close(token, threshold))
          for (const i of postings.get(word) ?? []) out.add(i);
      return [...out].sort((a, b) => a - b);
    },
  };
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
  const keys = index.toJSON().keys;
  // Each document's record by its position (a document may have none).
  const recordOf: Array<(typeof index.records)[number] | undefined> = [];
  for (const r of index.records) recordOf[r.i!] = r;
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

/** Builds the search; pass the bundled serialized indexes to skip indexing when rows match. */
export function createSearch(
  entities: readonly Entity[],
  passages: readonly Passage[],
  serialized?: { entities: unknown; passages: unknown },
): CorpusSearch {
  const entityIndex = serialized
    ? Fuse.parseIndex<Entity>(serialized.entities as Parameters<typeof Fuse.parseIndex>[0])
    : Fuse.createIndex<Entity>(ENTITY_SEARCH_KEYS, entities);
  const passageIndex = serialized
    ? Fuse.parseIndex<Passage>(serialized.passages as Parameters<typeof Fuse.parseIndex>[0])
    : Fuse.createIndex<Passage>(PASSAGE_SEARCH_KEYS, passages);
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
  const passageSearch = narrowed(passages, PASSAGE_OPTIONS, passageIndex, () => {
    passageWords ??= createWordIndex(passages.map((p) => p.text));
    return passageWords;
  });
  return {
    entities: (q, limit = 10) => entitySearch(q, limit),
    passages: (q, limit = 20) => passageSearch(q, limit),
  };
}
