/**
 * Alignment: which claims from different sources talk about the same thing. Claims are linked
 * pairwise by a rule per kind, then grouped (union–find); every group keeps its evidence.
 */
import type { Claim, Entity, Passage, Source } from '../types';
import { sourceLabel } from '../source-label';
import { boundedMemo } from '../bounded-memo';
import type { Neighbours } from './candidates';
import { contentLemmas } from './text';

/**
 * What the comparison rules may read of an entity: its id, type, name, and short name (from
 * its name and aliases, shortName in text.ts). Nothing else (its descriptors, its other
 * aliases, its description), so a caller that keeps findings checks these answers alone when
 * an entity changed (EntityReads in discrepancies.ts).
 */
export interface RuleEntity {
  readonly id: string;
  readonly type: Entity['type'];
  readonly name: string;
  readonly short: string;
}

/** The entities as the rules look them up: by id only (no rule reads the whole list). */
export interface RuleEntities {
  get(id: string): RuleEntity | undefined;
}

export interface RuleContext {
  sources: Map<string, Source>;
  entities: RuleEntities;
  passages: Map<string, Passage>;
  /** Inverse document frequency of each content lemma over all passages. */
  idf: Map<string, number>;
  /** Lemmas of words in entity names: shared names alone do not make two durations one. */
  nameWords: Set<string>;
}

export function buildNameWords(entities: readonly Entity[]): Set<string> {
  const out = new Set<string>();
  for (const e of entities) for (const w of nameWordsOf(e)) out.add(w);
  return out;
}

/**
 * Each entity's name words, kept with the names they were read from: a story compared or
 * checked again after a change reads the same entity objects (the builds keep unchanged rows),
 * and reading every name's lemmas again cost a second per change at 4,000 sources.
 */
const entityNameWords = new WeakMap<Entity, { names: string; words: readonly string[] }>();

function nameWordsOf(e: Entity): readonly string[] {
  const names = e.aliases.length === 0 ? e.name : `${e.name}\u0000${e.aliases.join('\u0000')}`;
  const kept = entityNameWords.get(e);
  if (kept?.names === names) return kept.words;
  const words: string[] = [];
  for (const n of [e.name, ...e.aliases]) for (const w of contentLemmas(n)) words.push(w);
  entityNameWords.set(e, { names, words });
  return words;
}

/**
 * The distinct content lemmas of a passage's text. A story compared again after a change reads
 * the same passages again (all of them, for the idf): each text's answer is kept, bounded.
 */
export const passageLemmas = boundedMemo(20_000, (text: string): readonly string[] =>
  Object.freeze([...new Set(contentLemmas(text))]),
);

/**
 * How many passages hold each content lemma, with the passages counted (id and text): a story
 * compared again after a change counts only the passages that changed from the last count (a
 * large story's passages outnumber the text memo above, whose answers would all be gone).
 */
export interface LemmaCounts {
  /** The passages counted, by id: their text. */
  texts: Map<string, string>;
  /** How many passages were counted (the ids are distinct when this is `texts.size`). */
  n: number;
  /** Lemma -> how many of the passages hold it (never 0). */
  df: Map<string, number>;
}

/**
 * The lemma counts of `passages`: from `was` and the passages that differ from it (by id and
 * text) when fewer differ than there are passages, else counted afresh. The same counts either
 * way; `was` is not changed.
 */
export function countLemmas(passages: readonly Passage[], was?: LemmaCounts): LemmaCounts {
  const texts = new Map<string, string>();
  for (const p of passages) texts.set(p.id, p.text);
  if (was && was.n === was.texts.size && texts.size === passages.length) {
    let same = 0;
    for (const [id, text] of texts) if (was.texts.get(id) === text) same++;
    if (texts.size - same + (was.texts.size - same) < passages.length) {
      const df = new Map(was.df);
      const count = (text: string, by: 1 | -1) => {
        for (const w of passageLemmas(text)) {
          const d = (df.get(w) ?? 0) + by;
          if (d === 0) df.delete(w);
          else df.set(w, d);
        }
      };
      for (const [id, text] of was.texts) if (texts.get(id) !== text) count(text, -1);
      for (const [id, text] of texts) if (was.texts.get(id) !== text) count(text, 1);
      return { texts, n: passages.length, df };
    }
  }
  const df = new Map<string, number>();
  for (const p of passages) for (const w of passageLemmas(p.text)) df.set(w, (df.get(w) ?? 0) + 1);
  return { texts, n: passages.length, df };
}

/** Inverse document frequency of each lemma counted. */
export function idfOf({ n, df }: LemmaCounts): Map<string, number> {
  const all = Math.max(n, 1);
  const idf = new Map<string, number>();
  for (const [w, d] of df) idf.set(w, Math.log((all + 1) / (d + 0.5)));
  return idf;
}

export function buildIdf(passages: readonly Passage[]): Map<string, number> {
  const df = new Map<string, number>();
  for (const p of passages) for (const w of passageLemmas(p.text)) df.set(w, (df.get(w) ?? 0) + 1);
  return idfOf({ texts: new Map(), n: passages.length, df });
}

/** Summed rarity of the words two contexts share: rare shared words say "same topic". */
export function sharedWeight(
  a: readonly string[],
  b: readonly string[],
  idf: Map<string, number>,
): number {
  const bs = new Set(b);
  let w = 0;
  for (const x of new Set(a)) if (bs.has(x)) w += idf.get(x) ?? Math.log(2);
  return w;
}

/** Letters two cognates share at the start ("aeroporto", "aeropuerto"): long enough to be rare. */
export const COGNATE_PREFIX = 5;

/** Folded key of a word for comparing across languages: its first letters, if it is long enough. */
function cognateKey(w: string): string | null {
  return w.length > COGNATE_PREFIX ? w.slice(0, COGNATE_PREFIX) : null;
}

/**
 * `sharedWeight` across languages: a word of one context also matches a different word of the
 * other with the same start (a cognate), weighed by the commoner of the two.
 */
export function sharedCognateWeight(
  a: readonly string[],
  b: readonly string[],
  idf: Map<string, number>,
): number {
  const bs = new Set(b);
  const byKey = new Map<string, string[]>();
  for (const y of bs) {
    const k = cognateKey(y);
    if (k) byKey.set(k, [...(byKey.get(k) ?? []), y]);
  }
  const weight = (x: string) => idf.get(x) ?? Math.log(2);
  let w = 0;
  const used = new Set<string>();
  for (const x of new Set(a)) {
    if (bs.has(x)) {
      w += weight(x);
      used.add(x);
      continue;
    }
    const k = cognateKey(x);
    const y = k ? byKey.get(k)?.find((c) => !used.has(c) && !a.includes(c)) : undefined;
    if (y) {
      w += Math.min(weight(x), weight(y));
      used.add(y);
    }
  }
  return w;
}

export function contextOf(c: Claim): string[] {
  const ctx = c.detail.context;
  return typeof ctx === 'string' && ctx ? ctx.split(' ') : [];
}

export interface GroupOptions<T> {
  /** Items of one source are never linked (the rules compare outlets): their pairs are skipped. */
  sourceOf?: (item: T) => string;
  /** Only items with the same key can be linked; a null key links to nothing. */
  blockOf?: (item: T) => string | null;
  /**
   * The only pairs that can link, by item index (candidates.ts): a pair left out is never
   * tried. Without it, every pair of a block is.
   */
  near?: Neighbours;
}

/**
 * Groups items linked by `linked` (union–find over the pairs that may link). Groups come in the
 * order of their first item, each in item order, whatever order the pairs are tried in.
 */
export function groups<T>(
  items: readonly T[],
  linked: (a: T, b: T) => boolean,
  { sourceOf, blockOf, near }: GroupOptions<T> = {},
): T[][] {
  const parent = items.map((_, i) => i);
  const find = (i: number): number => {
    while (parent[i] !== i) {
      parent[i] = parent[parent[i]!]!;
      i = parent[i]!;
    }
    return i;
  };
  // Buckets: one per block key, each split by source.
  const blocks = new Map<string, Map<string, number[]>>();
  items.forEach((item, i) => {
    const block = blockOf ? blockOf(item) : '';
    if (block === null) return;
    const bySource = blocks.get(block) ?? new Map<string, number[]>();
    blocks.set(block, bySource);
    // Without sources every item is its own "source", so every pair is tried.
    const source = sourceOf ? sourceOf(item) : String(i);
    const list = bySource.get(source);
    if (list) list.push(i);
    else bySource.set(source, [i]);
  });
  if (near) {
    // The same tests as below on the candidates alone, each pair the same way round: the item
    // whose source comes first in its block first.
    const rank = new Int32Array(items.length).fill(-1);
    for (const bySource of blocks.values())
      [...bySource.values()].forEach((list, r) => list.forEach((i) => (rank[i] = r)));
    const blockKey = items.map((item) => (blockOf ? blockOf(item) : ''));
    near.forEach((list, i) => {
      for (const j of list) {
        if (j <= i || rank[i]! < 0 || rank[j]! < 0 || rank[i] === rank[j]) continue;
        if (blockKey[i] !== blockKey[j] || find(i) === find(j)) continue;
        const [a, b] = rank[i]! < rank[j]! ? [i, j] : [j, i];
        if (linked(items[a]!, items[b]!)) parent[find(a)] = find(b);
      }
    });
  } else
    for (const bySource of blocks.values()) {
      const lists = [...bySource.values()];
      for (let x = 0; x < lists.length; x++)
        for (let y = x + 1; y < lists.length; y++)
          for (const i of lists[x]!)
            for (const j of lists[y]!)
              if (find(i) !== find(j) && linked(items[i]!, items[j]!)) parent[find(i)] = find(j);
    }
  const out = new Map<number, T[]>();
  items.forEach((item, i) => {
    const r = find(i);
    const list = out.get(r) ?? [];
    list.push(item);
    out.set(r, list);
  });
  return [...out.values()];
}

/**
 * Calls `fn(a, b)` for every pair of items from different sources with a's source sorting
 * first, in the order of `for (a of items) for (b of items)`, without visiting same-source pairs.
 */
export function crossSourcePairs<T>(
  items: readonly T[],
  sourceOf: (item: T) => string,
  fn: (a: T, b: T) => void,
): void {
  // Runs of consecutive items from one source (claims come sorted by source).
  const runs: Array<{ source: string; items: T[] }> = [];
  for (const item of items) {
    const source = sourceOf(item);
    const run = runs[runs.length - 1];
    if (run && run.source === source) run.items.push(item);
    else runs.push({ source, items: [item] });
  }
  for (const a of items) {
    const sa = sourceOf(a);
    for (const run of runs) if (sa < run.source) for (const b of run.items) fn(a, b);
  }
}

export function sourceCount(claims: readonly Claim[]): number {
  return new Set(claims.map((c) => c.sourceId)).size;
}

/** What the rules hand back before ids and ranking. */
export interface Finding {
  kind: Claim['kind'];
  topic: string;
  severity: 'high' | 'medium' | 'low';
  reason: string;
  claimIds: string[];
  entityIds: string[];
  agreement: boolean;
}

export function outletOf(ctx: RuleContext, sourceId: string): string {
  const s = ctx.sources.get(sourceId);
  return s ? sourceLabel(s) : 'a removed source';
}

export function uniqueEntities(claims: readonly Claim[]): string[] {
  return [...new Set(claims.flatMap((c) => c.entityIds))];
}

/** Share of the smaller word set that the other one has too (0 when either is empty). */
export function overlapOfSmaller(a: ReadonlySet<string>, b: ReadonlySet<string>): number {
  const [small, large] = a.size <= b.size ? [a, b] : [b, a];
  if (small.size === 0) return 0;
  let shared = 0;
  for (const w of small) if (large.has(w)) shared++;
  return shared / small.size;
}
