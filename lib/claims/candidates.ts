/**
 * Candidate pairs for the comparison rules: the pairs of claims that could pass a rule's test,
 * found without trying every pair (prefix filtering, Chaudhuri et al. 2006; Bayardo et al.
 * 2007). Exact: a pair left out cannot pass the test, so a rule that tries only the candidates
 * finds what it found trying every pair. A large story's claims are thus compared in time
 * close to the number of pairs that share rare words, not the square of its claims.
 *
 * Two tests are covered:
 * - weighted overlap: the summed weight of the tokens two items share reaches `min` (shared
 *   context words weighed by rarity: quantities, labels);
 * - overlap over the shorter: the words two texts share, with their repeats, reach a share
 *   `min` of the shorter one's words (quotes).
 */

/** Item index -> the indexes of its candidates, ascending (symmetric; never itself). */
export type Neighbours = number[][];

/**
 * Tokens ordered rarest first (fewest items holding them), then as first met: one fixed order
 * for the call (any order is exact; rare first keeps the prefixes' lists short).
 */
function tokenOrder(items: ReadonlyArray<Iterable<string>>): Map<string, number> {
  const df = new Map<string, number>();
  for (const tokens of items) for (const t of tokens) df.set(t, (df.get(t) ?? 0) + 1);
  const byDf: string[][] = [];
  for (const [t, k] of df) (byDf[k] ??= []).push(t);
  let rank = 0;
  for (const list of byDf) if (list) for (const t of list) df.set(t, rank++);
  return df;
}

/** `tokens` sorted by `order`. */
function inOrder(tokens: Iterable<string>, order: Map<string, number>): string[] {
  return [...tokens]
    .map((t) => [order.get(t)!, t] as const)
    .sort((a, b) => a[0] - b[0])
    .map(([, t]) => t);
}

/** Neighbour lists, each sorted ascending (pairs were added once each). */
function sortedLists(out: Neighbours): Neighbours {
  for (const list of out) list.sort((a, b) => a - b);
  return out;
}

/**
 * Pairs of items whose shared tokens could weigh `min` or more, where each item gives each of
 * its tokens an upper bound of what that token can add to a pair's weight (>= 0). Every pair
 * whose true shared weight reaches `min` is returned (a margin allows for the order floats are
 * summed in): the first token the two share, in a fixed order, lies in both items' prefixes,
 * each prefix being the tokens left once the longest tail weighing less than `min` is cut off.
 */
export function weightedCandidates(
  items: ReadonlyArray<ReadonlyMap<string, number>>,
  min: number,
): Neighbours {
  const order = tokenOrder(items.map((m) => m.keys()));
  const floor = min - 1e-9 * Math.max(1, Math.abs(min));
  const byToken = new Map<string, number[]>();
  const out: Neighbours = items.map(() => []);
  // Each pair once: the later item meets the earlier ones through the index of prefixes so far.
  const met = new Int32Array(items.length).fill(-1);
  items.forEach((tokens, i) => {
    const sorted = inOrder(tokens.keys(), order);
    // Cut the tail: the longest run from the end whose weights sum below `min`.
    let tail = 0;
    let k = sorted.length;
    while (k > 0) {
      const w = Math.max(0, tokens.get(sorted[k - 1]!)!);
      if (tail + w >= floor) break;
      tail += w;
      k--;
    }
    for (let x = 0; x < k; x++) {
      const t = sorted[x]!;
      let list = byToken.get(t);
      if (!list) byToken.set(t, (list = []));
      for (const j of list)
        if (met[j] !== i) {
          met[j] = i;
          out[i]!.push(j);
          out[j]!.push(i);
        }
      list.push(i);
    }
  });
  return sortedLists(out);
}

// A text's words as tokens, one per occurrence ("word#2" for the second): shared tokens are
// shared words counted with their repeats. Kept per word-count map (the quote rules keep one
// per text).
const tokensOfCounts = new WeakMap<ReadonlyMap<string, number>, readonly string[]>();
function occurrences(counts: ReadonlyMap<string, number>): readonly string[] {
  let out = tokensOfCounts.get(counts);
  if (!out) {
    const list: string[] = [];
    for (const [w, n] of counts) for (let k = 1; k <= n; k++) list.push(`${w}#${k}`);
    tokensOfCounts.set(counts, (out = Object.freeze(list)));
  }
  return out;
}

/**
 * Pairs of texts that could share, counting repeats, at least `min` of the shorter one's words
 * (shared / max(1, shorter length), as the quote rules compute it). `counts[i]` holds how many
 * times each word occurs in text i; a text without words is no one's candidate. The pair's
 * first shared word-occurrence, in a fixed order, lies in the shorter text's prefix (all its
 * occurrences but the fewest that could still reach `min`); the longer text is looked up in
 * full.
 */
export function overlapCandidates(
  counts: ReadonlyArray<ReadonlyMap<string, number>>,
  min: number,
): Neighbours {
  const unsorted = counts.map(occurrences);
  const order = tokenOrder(unsorted);
  const tokens = unsorted.map((ts) => inOrder(ts, order));
  const byToken = new Map<string, number[]>();
  tokens.forEach((ts, i) => {
    for (const t of ts) {
      const list = byToken.get(t);
      if (list) list.push(i);
      else byToken.set(t, [i]);
    }
  });
  const out: Neighbours = counts.map(() => []);
  const met = new Int32Array(counts.length).fill(-1);
  tokens.forEach((ts, i) => {
    const n = ts.length;
    if (n === 0) return;
    // The fewest shared words that reach `min` of this text, as the rules divide.
    let need = Math.max(0, Math.floor(min * n) - 1);
    while (need / n < min) need++;
    if (need > n) return;
    // Each pair once: from the shorter text (of two as long, the earlier), whose prefix holds
    // the first word the two share.
    for (let x = 0; x <= n - need; x++)
      for (const j of byToken.get(ts[x]!)!) {
        const m = tokens[j]!.length;
        if (met[j] === i || j === i || m < n || (m === n && j < i)) continue;
        met[j] = i;
        out[i]!.push(j);
        out[j]!.push(i);
      }
  });
  return sortedLists(out);
}

/**
 * Calls `fn(a, b)` for every candidate pair of items from different sources, a's source
 * sorting first, in the order crossSourcePairs (align.ts) visits them: by a's place in
 * `items`, then b's.
 */
export function crossSourceCandidates<T>(
  items: readonly T[],
  sourceOf: (item: T) => string,
  near: ReadonlyMap<T, readonly T[]>,
  fn: (a: T, b: T) => void,
): void {
  const at = new Map(items.map((x, i) => [x, i]));
  items.forEach((a, i) => {
    const sa = sourceOf(a);
    const js: number[] = [];
    for (const b of near.get(a) ?? []) {
      const j = at.get(b);
      if (j !== undefined && j !== i && sa < sourceOf(b)) js.push(j);
    }
    js.sort((x, y) => x - y);
    for (const j of js) fn(a, items[j]!);
  });
}

/** Neighbour lists as a map from each item to its candidates. */
export function nearMap<T>(items: readonly T[], neighbours: Neighbours): Map<T, T[]> {
  return new Map(items.map((x, i) => [x, neighbours[i]!.map((j) => items[j]!)]));
}
