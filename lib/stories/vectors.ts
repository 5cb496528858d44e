/**
 * The grouping's TF-IDF vectors over integer arrays: the same weights and cosines, to the last
 * bit, as similarity.ts computes over Maps (tfidfVectors, cosine), at a fraction of the cost.
 * Terms are interned to integer ids per family (a Dictionary kept across builds); each source's
 * terms are kept in string order with their sublinear term frequencies (a Prepared), so a build
 * only counts document frequencies, multiplies and normalises. Every float is computed by the
 * same operations in the same order as the Map version: the norm and every dot product are
 * summed over terms in string order, so the result does not depend on the order of sources.
 */
import type { Terms } from './features';

/**
 * Term -> id, one family of terms; ids are never reused while the dictionary lives. A dictionary
 * over a parent gives the parent's ids to its terms and new ids above them to others, leaving
 * the parent as it was (the parent must not grow meanwhile).
 */
export class Dictionary {
  private readonly ids = new Map<string, number>();
  private readonly base: number;
  constructor(private readonly parent?: Dictionary) {
    this.base = parent?.size ?? 0;
  }
  get size(): number {
    return this.base + this.ids.size;
  }
  id(term: string): number {
    let id = this.lookup(term);
    if (id === undefined) this.ids.set(term, (id = this.size));
    return id;
  }
  private lookup(term: string): number | undefined {
    return this.parent?.lookup(term) ?? this.ids.get(term);
  }
}

/** One source's terms of one family, in string order: their ids and 1 + ln(tf). */
export interface Prepared {
  ids: Int32Array;
  logTf: Float64Array;
}

export function prepare(terms: Terms, dict: Dictionary): Prepared {
  // (The default sort compares strings as `<` does: the order similarity.ts sums in.)
  const keys = [...terms.keys()].sort();
  const ids = new Int32Array(keys.length);
  const logTf = new Float64Array(keys.length);
  keys.forEach((t, k) => {
    ids[k] = dict.id(t);
    logTf[k] = 1 + Math.log(terms.get(t)!);
  });
  return { ids, logTf };
}

/** One family's unit TF-IDF vectors over the sources of one build. */
export interface Family {
  docs: readonly Prepared[];
  /** Per source, the weight of each of its terms (in the order of its `ids`). */
  weights: Float64Array[];
  /** Document frequency by term id. */
  df: Int32Array;
  /** Terms the dictionary had (ids are below it). */
  size: number;
  /** Terms some source of the build holds. */
  distinct: number;
}

/**
 * The weights of every source (similarity.ts's tfidfVectors): (1 + ln tf) times the smoothed
 * idf, ln((1 + N) / (1 + df)) + 1, divided by the vector's norm. One logarithm per distinct
 * document frequency, not per term.
 */
export function weigh(docs: readonly Prepared[], size: number): Family {
  const n = docs.length;
  const df = new Int32Array(size);
  let distinct = 0;
  for (const d of docs) for (const id of d.ids) if (df[id]!++ === 0) distinct++;
  const idf = new Float64Array(n + 1);
  for (let k = 1; k <= n; k++) idf[k] = Math.log((1 + n) / (1 + k)) + 1;
  const weights = docs.map((d) => {
    const w = new Float64Array(d.ids.length);
    let norm = 0;
    for (let k = 0; k < w.length; k++) {
      const x = d.logTf[k]! * idf[df[d.ids[k]!]!]!;
      w[k] = x;
      norm += x * x;
    }
    norm = Math.sqrt(norm);
    if (norm > 0) for (let k = 0; k < w.length; k++) w[k] = w[k]! / norm;
    return w;
  });
  return { docs, weights, df, size, distinct };
}

/**
 * The pairs of one family whose cosine may reach `threshold` (the all-pairs similarity search
 * of Bayardo, Ma and Srikant, 2007): each vector's most common terms, as many as cannot reach
 * the threshold together (the sum of its weight times the term's largest weight in any vector
 * stays below it), are left out of an index of terms; a pair is a candidate when one of them has
 * an indexed term the other holds. A pair that is not shares only terms left out of one side's
 * index, so its cosine is below the threshold (whatever the order of terms within a frequency:
 * the bound holds for any order), and it is never compared. Each candidate {i, j} is pushed as
 * j onto `out[i]`, i < j, possibly more than once.
 */
export function candidatePairs(f: Family, threshold: number, out: number[][]): void {
  const x = prefixIndex(f, threshold);
  for (let i = 0; i < f.docs.length; i++)
    x.holders(i, (j) => {
      if (j < i) out[j]!.push(i);
      else if (j > i) out[i]!.push(j);
    });
}

/**
 * candidatePairs's index, to walk each source's candidates without listing them all first: at
 * 10,000 sources a story of thousands of near-copies makes tens of millions of candidates.
 */
export interface PrefixIndex {
  /**
   * Calls `visit` with every holder of an indexed term of source i (i itself included, a
   * holder of several such terms once per term): i's candidates are those holders and the
   * sources whose own visit yields i.
   */
  holders(i: number, visit: (j: number) => void): void;
}

export function prefixIndex(f: Family, threshold: number): PrefixIndex {
  const { docs, weights, df, size } = f;
  // Holders of each term (CSR by term id), in source order, with their weights.
  const start = new Int32Array(size + 1);
  for (let t = 0; t < size; t++) start[t + 1] = start[t]! + df[t]!;
  const total = start[size]!;
  const holder = new Int32Array(total);
  const holderW = new Float64Array(total);
  const maxWeight = new Float64Array(size);
  const cursor = start.slice(0, size);
  docs.forEach((d, i) => {
    const w = weights[i]!;
    for (let k = 0; k < d.ids.length; k++) {
      const t = d.ids[k]!;
      const at = cursor[t]!++;
      holder[at] = i;
      holderW[at] = w[k]!;
      if (w[k]! > maxWeight[t]!) maxWeight[t] = w[k]!;
    }
  });
  // Terms by frequency, most common first (a counting sort), dealt out to their holders: each
  // source's terms, most common first, without a sort per source.
  const n = docs.length;
  const byDf = new Int32Array(n + 2);
  for (let t = 0; t < size; t++) if (df[t]! > 0) byDf[n - df[t]! + 1]!++;
  for (let k = 1; k < byDf.length; k++) byDf[k]! += byDf[k - 1]!;
  const terms = new Int32Array(byDf[n + 1]!);
  for (let t = 0; t < size; t++) if (df[t]! > 0) terms[byDf[n - df[t]!]!++] = t;
  const docStart = new Int32Array(n + 1);
  for (let i = 0; i < n; i++) docStart[i + 1] = docStart[i]! + docs[i]!.ids.length;
  const orderedT = new Int32Array(total);
  const orderedW = new Float64Array(total);
  const fill = docStart.slice(0, n);
  for (const t of terms)
    for (let h = start[t]!; h < start[t + 1]!; h++) {
      const at = fill[holder[h]!]!++;
      orderedT[at] = t;
      orderedW[at] = holderW[h]!;
    }
  // A margin well above float rounding: a term is left out only when surely below.
  const floor = threshold - 1e-9;
  // Where each source's indexed terms begin (its most common ones, left out, come before).
  const cut = new Int32Array(n);
  for (let i = 0; i < n; i++) {
    let bound = 0;
    let k = docStart[i]!;
    for (; k < docStart[i + 1]!; k++) {
      const more = orderedW[k]! * maxWeight[orderedT[k]!]!;
      if (bound + more >= floor) break;
      bound += more;
    }
    cut[i] = k;
  }
  return {
    holders(i, visit) {
      for (let k = cut[i]!; k < docStart[i + 1]!; k++) {
        const t = orderedT[k]!;
        for (let h = start[t]!; h < start[t + 1]!; h++) visit(holder[h]!);
      }
    },
  };
}

/**
 * A vector spread out by term id, to take dot products with others in their own term order:
 * the shared terms come in string order, as similarity.ts's cosine sums them.
 */
export class Spread {
  private readonly dense: Float64Array;
  private ids: Int32Array = new Int32Array(0);
  constructor(private readonly f: Family) {
    this.dense = new Float64Array(f.size);
  }
  set(i: number): void {
    for (const t of this.ids) this.dense[t] = 0;
    this.ids = this.f.docs[i]!.ids;
    const w = this.f.weights[i]!;
    for (let k = 0; k < this.ids.length; k++) this.dense[this.ids[k]!] = w[k]!;
  }
  /** Cosine of the spread vector and vector j (0 when either is empty). */
  cosine(j: number): number {
    const ids = this.f.docs[j]!.ids;
    const w = this.f.weights[j]!;
    let dot = 0;
    for (let k = 0; k < ids.length; k++) {
      const x = this.dense[ids[k]!]!;
      if (x !== 0) dot += x * w[k]!;
    }
    return dot;
  }
}
