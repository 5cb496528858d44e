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
import { type StoryInput, sourceTerms } from './features';
import { cosine, STORY_THRESHOLD, tfidfVectors } from './similarity';

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

/** Pairwise similarities of the inputs (sorted by source id), for evaluation and tests. */
export function similarities(inputs: readonly StoryInput[]): {
  ids: string[];
  sim: (i: number, j: number) => number;
} {
  const sorted = [...inputs].sort((a, b) => compare(a.sourceId, b.sourceId));
  const terms = sorted.map(sourceTerms);
  const entities = tfidfVectors(terms.map((t) => t.entities));
  const words = tfidfVectors(terms.map((t) => t.words));
  return {
    ids: sorted.map((s) => s.sourceId),
    sim: (i, j) => Math.max(cosine(entities[i]!, entities[j]!), cosine(words[i]!, words[j]!)),
  };
}

/** Connected components of the graph "similarity >= threshold", as lists of indexes. */
export function components(
  n: number,
  sim: (i: number, j: number) => number,
  threshold: number,
): number[][] {
  const parent = Array.from({ length: n }, (_, i) => i);
  const find = (i: number): number => {
    while (parent[i] !== i) i = parent[i] = parent[parent[i]!]!;
    return i;
  };
  for (let i = 0; i < n; i++)
    for (let j = i + 1; j < n; j++)
      if (sim(i, j) >= threshold) {
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
export function groupStories(inputs: readonly StoryInput[], threshold = STORY_THRESHOLD): Grouping {
  const sorted = [...inputs].sort((a, b) => compare(a.sourceId, b.sourceId));
  const { sim } = similarities(sorted);
  const stories = components(sorted.length, sim, threshold).map((members) =>
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
