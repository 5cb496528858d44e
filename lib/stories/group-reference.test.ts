/**
 * groupStories against a reference: the grouping as it was computed before its integer-array
 * vectors (TF-IDF over Maps, candidate pairs over Maps, every candidate compared), kept here
 * unchanged. Over random subsets and orders of the tests/eval articles, at several thresholds,
 * with and without a memo kept from build to build, the two give the same stories.
 */
import { describe, expect, test } from 'vitest';
import { buildCorpus } from '../corpus/pipeline';
import { loadSeedSources } from '../node/seeds';
import { random, shuffled } from '../../tests/unit/fixtures/shuffle';
import { type StoryInput, sourceTerms } from './features';
import {
  components,
  createTermsMemo,
  groupStories,
  similarities,
  similaritiesTo,
  storyId,
} from './group';
import { storyInputs } from './inputs';
import { cosine, STORY_THRESHOLD, tfidfVectors, type Vector } from './similarity';

// ------------------------------------------------------------------ the reference (as it was)

const compare = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);

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
  const floor = threshold - 1e-9;
  const ordered = vectors.map((): string[] => []);
  const byDf = new Map<number, string[]>();
  for (const [t, k] of df) {
    const list = byDf.get(k);
    if (list) list.push(t);
    else byDf.set(k, [t]);
  }
  for (const k of [...byDf.keys()].sort((a, b) => b - a))
    for (const t of byDf.get(k)!.sort()) for (const i of holders.get(t)!) ordered[i]!.push(t);
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

function story(members: readonly StoryInput[]) {
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

function referenceGrouping(inputs: readonly StoryInput[], threshold: number) {
  const sorted = [...inputs].sort((a, b) => compare(a.sourceId, b.sourceId));
  const terms = sorted.map(sourceTerms);
  const entities = tfidfVectors(terms.map((t) => t.entities));
  const words = tfidfVectors(terms.map((t) => t.words));
  const n = sorted.length;
  const pairs = new Set<number>();
  candidatePairs(entities, threshold, pairs);
  candidatePairs(words, threshold, pairs);
  const edges: Array<[number, number]> = [];
  for (const p of pairs) {
    const i = Math.floor(p / n);
    const j = p % n;
    const sim = Math.max(cosine(entities[i]!, entities[j]!), cosine(words[i]!, words[j]!));
    if (sim >= threshold) edges.push([i, j]);
  }
  const stories = componentsOf(n, edges).map((m) => story(m.map((i) => sorted[i]!)));
  stories.sort((a, b) => compare(a.sourceIds[0]!, b.sourceIds[0]!));
  const storyOf = new Map<string, string>();
  for (const s of stories) for (const id of s.sourceIds) storyOf.set(id, s.id);
  return { stories, storyOf };
}

// ------------------------------------------------------------------ the corpus: every eval article

const EVAL = new URL('../../tests/eval/coverage/', import.meta.url);
const events = [
  'mexico-presidential-election-2024',
  'morocco-al-haouz-earthquake-2023',
  'unrelated',
  'valencia-dana-floods-2024',
  'voepass-2283-vinhedo-crash-2024',
];
const raw = events.flatMap((e) =>
  loadSeedSources(new URL(`${e}/`, EVAL)).map((r) => ({ ...r, id: `${e}/${r.id}` })),
);
const corpus = buildCorpus(raw, null);
const all = storyInputs(corpus.sources, corpus.mentions);

/** A seeded random subset of the eval articles (at least two), in a seeded random order. */
function subset(seed: number): StoryInput[] {
  const next = random(seed);
  const size = 2 + Math.floor(next() * (all.length - 1));
  return shuffled(all, seed).slice(0, size);
}

/** The reference's similarity of every pair of the inputs (sorted by id), as it was computed. */
function referenceSimilarities(inputs: readonly StoryInput[]) {
  const sorted = [...inputs].sort((a, b) => compare(a.sourceId, b.sourceId));
  const terms = sorted.map(sourceTerms);
  const entities = tfidfVectors(terms.map((t) => t.entities));
  const words = tfidfVectors(terms.map((t) => t.words));
  return (i: number, j: number) =>
    Math.max(cosine(entities[i]!, entities[j]!), cosine(words[i]!, words[j]!));
}

describe('groupStories gives the reference grouping', () => {
  test.each([1, 2, 3])(
    'every similarity is the reference one to the last bit (seed %i)',
    (seed) => {
      const inputs = subset(seed);
      const { ids, sim } = similarities(inputs);
      const expected = referenceSimilarities(inputs);
      for (let i = 0; i < ids.length; i++)
        for (let j = 0; j < ids.length; j++) if (i !== j) expect(sim(i, j)).toBe(expected(i, j));
    },
  );

  test.each([1, 2, 3, 4, 5, 6])(
    'a threshold exactly at the similarity of one pair links as the reference does (seed %i)',
    (seed) => {
      const inputs = subset(seed + 100);
      const sim = referenceSimilarities(inputs);
      const next = random(seed);
      const linked: number[] = [];
      for (let i = 0; i < inputs.length; i++)
        for (let j = i + 1; j < inputs.length; j++) if (sim(i, j) > 0.05) linked.push(sim(i, j));
      const threshold = linked[Math.floor(next() * linked.length)]!;
      expect(groupStories(inputs, threshold)).toEqual(referenceGrouping(inputs, threshold));
    },
  );

  test.each([
    [1, STORY_THRESHOLD],
    [2, STORY_THRESHOLD],
    [3, STORY_THRESHOLD],
    [4, 0.05],
    [5, 0.1],
    [6, 0.25],
    [7, 0.4],
    [8, 0.9],
  ])('a random subset and order (seed %i, threshold %f)', (seed, threshold) => {
    const inputs = subset(seed);
    const expected = referenceGrouping(inputs, threshold);
    expect(groupStories(inputs, threshold)).toEqual(expected);
    // The reference is the every-pair components too (not only its own candidates).
    const { ids, sim } = similarities(inputs);
    expect(expected.stories.map((s) => s.sourceIds)).toEqual(
      components(ids.length, sim, threshold).map((m) => m.map((i) => ids[i])),
    );
  });

  test.each([1, 2, 3, 4])(
    'with a memo kept from build to build: adds, removals, a changed text and changed mentions (seed %i)',
    (seed) => {
      const memo = createTermsMemo();
      const next = random(seed * 7919);
      const order = shuffled(all, seed);
      let present: StoryInput[] = [];
      for (const [step, x] of order.entries()) {
        present.push(x);
        if (step % 5 === 4) present.splice(Math.floor(next() * present.length), 1);
        if (step % 7 === 6) {
          const k = Math.floor(next() * present.length);
          const was = present[k]!;
          present[k] =
            step % 2 === 0
              ? { ...was, text: `${was.text} Additional closing paragraph about harvests.` }
              : { ...was, entityIds: [...was.entityIds].reverse().slice(1) };
        }
        if (step % 3 !== 0 && step !== order.length - 1) {
          groupStories(shuffled(present, step), STORY_THRESHOLD, memo);
          continue;
        }
        expect(groupStories(shuffled(present, step), STORY_THRESHOLD, memo)).toEqual(
          referenceGrouping(present, STORY_THRESHOLD),
        );
      }
      present = present.slice(0, 3);
      expect(groupStories(present, STORY_THRESHOLD, memo)).toEqual(
        referenceGrouping(present, STORY_THRESHOLD),
      );
    },
  );

  test.each([1, 2, 3])(
    'the similarity of one more source to each, from a memo of other builds, is the reference one (seed %i)',
    (seed) => {
      const memo = createTermsMemo();
      const [extra, ...inputs] = subset(seed + 200);
      groupStories(subset(seed + 300), STORY_THRESHOLD, memo);
      const changed = inputs.map((x, i) => (i % 4 === 0 ? { ...x, entityIds: [] } : x));
      const kept = [...memo.sources.values()];
      const { ids, sims } = similaritiesTo(changed, extra!, memo);
      expect([...memo.sources.values()]).toEqual(kept);
      const all = [...changed, extra!].sort((a, b) => compare(a.sourceId, b.sourceId));
      const expected = referenceSimilarities(all);
      const at = all.indexOf(extra!);
      expect([...sims]).toEqual(all.flatMap((_, i) => (i === at ? [] : [expected(at, i)])));
      expect(ids).toEqual(all.flatMap((x) => (x === extra ? [] : [x.sourceId])));
    },
  );

  test('the same inputs again give the kept grouping; any change gives a new one', () => {
    const memo = createTermsMemo();
    const inputs = subset(11);
    const first = groupStories(inputs, STORY_THRESHOLD, memo);
    expect(groupStories([...inputs].reverse(), STORY_THRESHOLD, memo)).toBe(first);
    const changed = inputs.map((x, i) => (i === 0 ? { ...x, entityIds: [] } : x));
    const second = groupStories(changed, STORY_THRESHOLD, memo);
    expect(second).not.toBe(first);
    expect(second).toEqual(referenceGrouping(changed, STORY_THRESHOLD));
    expect(groupStories(inputs, 0.3, memo)).toEqual(referenceGrouping(inputs, 0.3));
  });
});
