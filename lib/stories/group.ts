/**
 * Stories: sources about the same event. Two sources are linked when the cosine of their TF-IDF
 * vectors (similarity.ts) reaches STORY_THRESHOLD, over the entities they name or over their
 * content words (the larger of the two: entities carry a story across languages, words carry it
 * between sources of one language whose names were not all linked); a story is a connected component of that graph
 * (single-linkage clustering cut at the threshold). A source linked to nothing is a story of its
 * own. The result is a function of the SET of sources: inputs are sorted by id first, so any
 * order of adding gives the batch result, and a story's id depends only on its members.
 */
import { hashText } from '../hash';
import { type SourceTerms, type StoryInput, sourceTerms } from './features';
import { cosine, STORY_THRESHOLD, tfidfVectors, type Vector } from './similarity';

export { STORY_THRESHOLD };

export interface Story {
  /** "story-" + a hash of the member ids: stable while the members are. */
  id: string;
  /** Member source ids, sorted. */
  sourceIds: string[];
  /** Entity ids that best name the story: named by most members, then most often. */
  topEntityIds: string[];
}

export interface Grouping {
  stories: Story[];
  /** Source id -> story id. */
  storyOf: Map<string, string>;
}

/** Each source's terms, kept while its text and mentions are (a build reuses them). */
export type TermsMemo = Map<string, { text: string; ids: string; terms: SourceTerms }>;

function termsOf(input: StoryInput, memo: TermsMemo | undefined): SourceTerms {
  if (!memo) return sourceTerms(input);
  const ids = input.entityIds.join('\u0000');
  const hit = memo.get(input.sourceId);
  if (hit && hit.text === input.text && hit.ids === ids) return hit.terms;
  const terms = sourceTerms(input);
  memo.set(input.sourceId, { text: input.text, ids, terms });
  return terms;
}

interface Vectors {
  ids: string[];
  entities: Vector[];
  words: Vector[];
}

function vectorsOf(sorted: readonly StoryInput[], memo?: TermsMemo): Vectors {
  const terms = sorted.map((s) => termsOf(s, memo));
  if (memo) {
    const present = new Set(sorted.map((s) => s.sourceId));
    for (const id of memo.keys()) if (!present.has(id)) memo.delete(id);
  }
  return {
    ids: sorted.map((s) => s.sourceId),
    entities: tfidfVectors(terms.map((t) => t.entities)),
    words: tfidfVectors(terms.map((t) => t.words)),
  };
}

const simOf =
  ({ entities, words }: Vectors) =>
  (i: number, j: number) =>
    Math.max(cosine(entities[i]!, entities[j]!), cosine(words[i]!, words[j]!));

/** Pairwise similarities of the inputs (sorted by source id), for evaluation and tests. */
export function similarities(inputs: readonly StoryInput[]): {
  ids: string[];
  sim: (i: number, j: number) => number;
} {
  const v = vectorsOf([...inputs].sort((a, b) => compare(a.sourceId, b.sourceId)));
  return { ids: v.ids, sim: simOf(v) };
}

/**
 * The pairs of one family of vectors whose cosine may reach `threshold` (the all-pairs
 * similarity search of Bayardo, Ma and Srikant, 2007): each vector's most common terms, as many
 * as cannot reach the threshold together (the sum of its weight times the term's largest weight
 * in any vector stays below it), are left out of an index of terms; a pair is a candidate when
 * one of them has an indexed term the other holds. A pair that is not shares only terms left out
 * of one side's index, so its cosine is below the threshold, and it is never compared: the
 * grouping costs about what the linked and nearly linked pairs cost, not every pair of sources.
 */
function candidatePairs(vectors: readonly Vector[], threshold: number, out: Set<number>): void {
  const n = vectors.length;
  const df = new Map<string, number>();
  const maxWeight = new Map<string, number>();
  const holders = new Map<string, number[]>();
  vectors.forEach((v, i) => {
    for (const [t, w] of v) {
      df.set(t, (df.get(t) ?? 0) + 1);
      if (w > (maxWeight.get(t) ?? 0)) maxWeight.set(t, w);
      const list = holders.get(t);
      if (list) list.push(i);
      else holders.set(t, [i]);
    }
  });
  // A margin well above float rounding: a term is left out only when surely below.
  const floor = threshold - 1e-9;
  // Each vector's terms, most common first (ties by term): one sort of the distinct terms,
  // dealt out to the vectors that hold them, rather than one sort per vector.
  const ordered = vectors.map((): string[] => []);
  const byDf = new Map<number, string[]>();
  for (const [t, n] of df) {
    const list = byDf.get(n);
    if (list) list.push(t);
    else byDf.set(n, [t]);
  }
  // (The default sort compares strings as `<` does.)
  for (const n of [...byDf.keys()].sort((a, b) => b - a))
    for (const t of byDf.get(n)!.sort()) for (const i of holders.get(t)!) ordered[i]!.push(t);
  const indexed = new Map<string, number[]>();
  vectors.forEach((v, i) => {
    const terms = ordered[i]!;
    let bound = 0;
    let k = 0;
    for (; k < terms.length; k++) {
      const t = terms[k]!;
      const more = v.get(t)! * maxWeight.get(t)!;
      if (bound + more >= floor) break;
      bound += more;
    }
    for (const t of terms.slice(k)) {
      const list = indexed.get(t);
      if (list) list.push(i);
      else indexed.set(t, [i]);
    }
  });
  for (const [t, list] of indexed)
    for (const i of list)
      for (const j of holders.get(t)!) if (i !== j) out.add(Math.min(i, j) * n + Math.max(i, j));
}

/** The stories' components: as components() over every pair, comparing only the candidates. */
function linkedComponents(v: Vectors, threshold: number): number[][] {
  const n = v.ids.length;
  const pairs = new Set<number>();
  candidatePairs(v.entities, threshold, pairs);
  candidatePairs(v.words, threshold, pairs);
  const sim = simOf(v);
  const edges: Array<[number, number]> = [];
  for (const p of pairs) {
    const i = Math.floor(p / n);
    const j = p % n;
    if (sim(i, j) >= threshold) edges.push([i, j]);
  }
  return componentsOf(n, edges);
}

/** Connected components of the graph "similarity >= threshold", as lists of indexes. */
export function components(
  n: number,
  sim: (i: number, j: number) => number,
  threshold: number,
): number[][] {
  const edges: Array<[number, number]> = [];
  for (let i = 0; i < n; i++)
    for (let j = i + 1; j < n; j++) if (sim(i, j) >= threshold) edges.push([i, j]);
  return componentsOf(n, edges);
}

/**
 * Connected components of a graph given by its edges: each a list of indexes in order, the
 * components in the order of their first index (whatever the order of the edges).
 */
function componentsOf(n: number, edges: Iterable<readonly [number, number]>): number[][] {
  const parent = Array.from({ length: n }, (_, i) => i);
  const find = (i: number): number => {
    while (parent[i] !== i) i = parent[i] = parent[parent[i]!]!;
    return i;
  };
  for (const [i, j] of edges) {
    const a = find(i);
    const b = find(j);
    if (a !== b) parent[Math.max(a, b)] = Math.min(a, b);
  }
  const groups = new Map<number, number[]>();
  for (let i = 0; i < n; i++) {
    const r = find(i);
    const g = groups.get(r);
    if (g) g.push(i);
    else groups.set(r, [i]);
  }
  return [...groups.values()];
}

/** Groups sources into stories. Same set of inputs, same stories, whatever their order. */
export function groupStories(
  inputs: readonly StoryInput[],
  threshold = STORY_THRESHOLD,
  memo?: TermsMemo,
): Grouping {
  const sorted = [...inputs].sort((a, b) => compare(a.sourceId, b.sourceId));
  const stories = linkedComponents(vectorsOf(sorted, memo), threshold).map((members) =>
    story(members.map((i) => sorted[i]!)),
  );
  stories.sort((a, b) => compare(a.sourceIds[0]!, b.sourceIds[0]!));
  const storyOf = new Map<string, string>();
  for (const s of stories) for (const id of s.sourceIds) storyOf.set(id, s.id);
  return { stories, storyOf };
}

/** The story id of a set of source ids. */
export function storyId(sourceIds: readonly string[]): string {
  return `story-${hashText([...sourceIds].sort(compare).join('\n'))}`;
}

function story(members: readonly StoryInput[]): Story {
  const sourceIds = members.map((m) => m.sourceId).sort(compare);
  const reach = new Map<string, { sources: number; mentions: number }>();
  for (const m of members) {
    for (const id of new Set(m.entityIds)) {
      const r = reach.get(id) ?? { sources: 0, mentions: 0 };
      r.sources++;
      reach.set(id, r);
    }
    for (const id of m.entityIds) reach.get(id)!.mentions++;
  }
  const topEntityIds = [...reach]
    .sort(([a, x], [b, y]) => y.sources - x.sources || y.mentions - x.mentions || compare(a, b))
    .slice(0, 5)
    .map(([id]) => id);
  return { id: storyId(sourceIds), sourceIds, topEntityIds };
}

function compare(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
