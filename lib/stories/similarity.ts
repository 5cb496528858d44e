/**
 * TF-IDF vectors and cosine similarity (Salton & Buckley, 1988): sublinear term frequency
 * (1 + ln tf) and smoothed inverse document frequency, ln((1 + N) / (1 + df)) + 1, over the
 * sources being grouped. A term every source shares still counts (so two sources of one story
 * are alike even when they are the whole corpus); a rare shared term counts more. These Map
 * versions are the definition; the grouping computes the same figures, to the last bit, over
 * integer arrays (vectors.ts).
 */
import type { Terms } from './features';

/**
 * The link threshold: the middle of the range where pairwise F1 on tests/eval stays at or above
 * 95% (0.15 to 0.2), checked by leaving each story out when choosing it (`npm run eval` prints
 * the curve and the leave-one-out choices), not one set's best point.
 */
export const STORY_THRESHOLD = 0.175;

export type Vector = Map<string, number>;

/** Document frequency of each term over `docs`. */
export function documentFrequencies(docs: readonly Terms[]): Map<string, number> {
  const df = new Map<string, number>();
  for (const d of docs) for (const t of d.keys()) df.set(t, (df.get(t) ?? 0) + 1);
  return df;
}

// A source's terms are kept from build to build (lib/stories/group.ts): so is their order.
const sortedKeys = new WeakMap<Terms, string[]>();
function sortedTerms(d: Terms): string[] {
  let keys = sortedKeys.get(d);
  if (!keys || keys.length !== d.size) {
    keys = [...d.keys()].sort();
    sortedKeys.set(d, keys);
  }
  return keys;
}

/** Unit-length TF-IDF vectors, one per document, in the order given. */
export function tfidfVectors(docs: readonly Terms[]): Vector[] {
  const df = documentFrequencies(docs);
  const n = docs.length;
  return docs.map((d) => {
    const v: Vector = new Map();
    let norm = 0;
    // Sorted terms: the float sums do not depend on the order terms were counted in.
    for (const t of sortedTerms(d)) {
      const w = (1 + Math.log(d.get(t)!)) * (Math.log((1 + n) / (1 + df.get(t)!)) + 1);
      v.set(t, w);
      norm += w * w;
    }
    norm = Math.sqrt(norm);
    if (norm > 0) for (const [t, w] of v) v.set(t, w / norm);
    return v;
  });
}

/** Cosine of two unit vectors (their dot product); 0 when either is empty. */
export function cosine(a: Vector, b: Vector): number {
  const [small, large] = a.size <= b.size ? [a, b] : [b, a];
  const terms = [...small.keys()].filter((t) => large.has(t)).sort();
  let dot = 0;
  for (const t of terms) dot += small.get(t)! * large.get(t)!;
  return dot;
}
