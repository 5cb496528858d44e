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
import {
  entityTerms,
  type SourceTerms,
  type StoryInput,
  sourceTerms,
  type Terms,
} from './features';
import { STORY_THRESHOLD } from './similarity';
import {
  Dictionary,
  type Family,
  type Prepared,
  prepare,
  prefixIndex,
  Spread,
  weigh,
} from './vectors';

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

/** One source's terms, as counted and as prepared for the vectors of each family. */
interface TermsEntry {
  text: string;
  /** The entity ids as given (a quick check; the same counts in another order also match). */
  ids: string;
  terms: SourceTerms;
  entities: Prepared;
  words: Prepared;
}

/**
 * What a build keeps for the next: each source's terms (kept while its text and entity counts
 * are), the term dictionaries, and the last grouping with the entries it was made of (the same
 * entries and threshold give the same grouping: it is returned as it is).
 */
export interface TermsMemo {
  sources: Map<string, TermsEntry>;
  entities: Dictionary;
  words: Dictionary;
  last: {
    threshold: number;
    ids: string[];
    entries: TermsEntry[];
    grouping: Grouping;
    /** Each story by its first member, with its members' entries. */
    made: Map<string, { story: Story; entries: TermsEntry[] }>;
  } | null;
}

export function createTermsMemo(): TermsMemo {
  return { sources: new Map(), entities: new Dictionary(), words: new Dictionary(), last: null };
}

const sameCounts = (a: Terms, b: Terms) =>
  a.size === b.size && [...a].every(([t, n]) => b.get(t) === n);

/** The memo's entry for `input` if it still holds (the same text and entity counts). */
function keptEntry(input: StoryInput, ids: string, memo: TermsMemo): TermsEntry | undefined {
  const hit = memo.sources.get(input.sourceId);
  if (!hit || hit.text !== input.text) return undefined;
  // The mentions may come in another order (the database's rather than the pipeline's).
  if (hit.ids === ids || sameCounts(hit.terms.entities, entityTerms(input.entityIds))) return hit;
  return undefined;
}

function newEntry(
  input: StoryInput,
  ids: string,
  entities: Dictionary,
  words: Dictionary,
): TermsEntry {
  const terms = sourceTerms(input);
  return {
    text: input.text,
    ids,
    terms,
    entities: prepare(terms.entities, entities),
    words: prepare(terms.words, words),
  };
}

function entryOf(input: StoryInput, memo: TermsMemo): TermsEntry {
  const ids = input.entityIds.join('\u0000');
  const kept = keptEntry(input, ids, memo);
  if (kept) return kept;
  const hit = memo.sources.get(input.sourceId);
  let entry: TermsEntry;
  if (hit && hit.text === input.text) {
    // The same text: its words stand.
    const terms = { entities: entityTerms(input.entityIds), words: hit.terms.words };
    entry = { ...hit, ids, terms, entities: prepare(terms.entities, memo.entities) };
  } else entry = newEntry(input, ids, memo.entities, memo.words);
  memo.sources.set(input.sourceId, entry);
  return entry;
}

/**
 * The similarity of `extra` to each of `inputs` (sorted by source id), as similarities() over
 * the inputs and `extra` together gives it; each input's terms taken from `memo` while they
 * hold. The memo is left as it was.
 */
export function similaritiesTo(
  inputs: readonly StoryInput[],
  extra: StoryInput,
  memo: TermsMemo = createTermsMemo(),
): { ids: string[]; sims: Float64Array } {
  const sorted = [...inputs].sort((a, b) => compare(a.sourceId, b.sourceId));
  const entities = new Dictionary(memo.entities);
  const words = new Dictionary(memo.words);
  const entries = [...sorted, extra].map((s) => {
    const ids = s.entityIds.join('\u0000');
    return (s !== extra && keptEntry(s, ids, memo)) || newEntry(s, ids, entities, words);
  });
  const a = new Spread(
    weigh(
      entries.map((e) => e.entities),
      entities.size,
    ),
  );
  const b = new Spread(
    weigh(
      entries.map((e) => e.words),
      words.size,
    ),
  );
  a.set(sorted.length);
  b.set(sorted.length);
  const sims = new Float64Array(sorted.length);
  for (let i = 0; i < sims.length; i++) sims[i] = Math.max(a.cosine(i), b.cosine(i));
  return { ids: sorted.map((s) => s.sourceId), sims };
}

/**
 * Pairwise similarities of the inputs (sorted by source id), for evaluation and tests: the
 * grouping's own (the larger of the two families' cosines).
 */
export function similarities(inputs: readonly StoryInput[]): {
  ids: string[];
  sim: (i: number, j: number) => number;
} {
  const memo = createTermsMemo();
  const sorted = [...inputs].sort((a, b) => compare(a.sourceId, b.sourceId));
  const entries = sorted.map((s) => entryOf(s, memo));
  const entities = new Spread(
    weigh(
      entries.map((e) => e.entities),
      memo.entities.size,
    ),
  );
  const words = new Spread(
    weigh(
      entries.map((e) => e.words),
      memo.words.size,
    ),
  );
  let spread = -1;
  return {
    ids: sorted.map((s) => s.sourceId),
    sim: (i, j) => {
      if (spread !== i) {
        entities.set(i);
        words.set(i);
        spread = i;
      }
      return Math.max(entities.cosine(j), words.cosine(j));
    },
  };
}

/**
 * The stories' components: as components() over every pair (similarity: the larger of the two
 * families' cosines), comparing only the candidates (prefixIndex), each at most once per source
 * walked and only while its two sources are not already in one component. Candidates are
 * compared as they are met rather than listed first: the components are those of the pairs at
 * or above the threshold whatever the order they are met in, and a cosine is the same either way
 * round (both vectors sum their shared terms in string order), so the stories are the same.
 */
function linkedComponents(entities: Family, words: Family, threshold: number): number[][] {
  const n = entities.docs.length;
  const indexes = [prefixIndex(entities, threshold), prefixIndex(words, threshold)];
  const links = new UnionFind(n);
  const seen = new Int32Array(n).fill(-1);
  const a = new Spread(entities);
  const b = new Spread(words);
  for (let i = 0; i < n; i++) {
    let spread = false;
    const visit = (j: number) => {
      if (j === i || seen[j] === i) return;
      seen[j] = i;
      if (links.find(i) === links.find(j)) return;
      if (!spread) {
        a.set(i);
        b.set(i);
        spread = true;
      }
      if (a.cosine(j) >= threshold || b.cosine(j) >= threshold) links.union(i, j);
    };
    for (const index of indexes) index.holders(i, visit);
  }
  return links.groups();
}

/** Connected components of the graph "similarity >= threshold", as lists of indexes. */
export function components(
  n: number,
  sim: (i: number, j: number) => number,
  threshold: number,
): number[][] {
  const links = new UnionFind(n);
  for (let i = 0; i < n; i++)
    for (let j = i + 1; j < n; j++) if (sim(i, j) >= threshold) links.union(i, j);
  return links.groups();
}

/**
 * Union-find over indexes, each set rooted at its smallest index: its groups are lists of
 * indexes in order, in the order of their first index, whatever the order of the unions.
 */
class UnionFind {
  private readonly parent: Int32Array;
  constructor(n: number) {
    this.parent = Int32Array.from({ length: n }, (_, i) => i);
  }
  find(i: number): number {
    const p = this.parent;
    while (p[i] !== i) i = p[i] = p[p[i]!]!;
    return i;
  }
  union(i: number, j: number): void {
    const a = this.find(i);
    const b = this.find(j);
    if (a !== b) this.parent[Math.max(a, b)] = Math.min(a, b);
  }
  groups(): number[][] {
    const groups = new Map<number, number[]>();
    for (let i = 0; i < this.parent.length; i++) {
      const r = this.find(i);
      const g = groups.get(r);
      if (g) g.push(i);
      else groups.set(r, [i]);
    }
    return [...groups.values()];
  }
}

/** Groups sources into stories. Same set of inputs, same stories, whatever their order. */
export function groupStories(
  inputs: readonly StoryInput[],
  threshold = STORY_THRESHOLD,
  memo?: TermsMemo,
): Grouping {
  const m = memo ?? createTermsMemo();
  const sorted = [...inputs].sort((a, b) => compare(a.sourceId, b.sourceId));
  const ids = sorted.map((s) => s.sourceId);
  const entries = sorted.map((s) => entryOf(s, m));
  if (m.sources.size > entries.length) {
    const present = new Set(ids);
    for (const id of m.sources.keys()) if (!present.has(id)) m.sources.delete(id);
  }
  const last = m.last;
  if (
    last &&
    last.threshold === threshold &&
    last.entries.length === entries.length &&
    entries.every((e, i) => e === last.entries[i] && ids[i] === last.ids[i])
  )
    return last.grouping;
  const entities = weigh(
    entries.map((e) => e.entities),
    m.entities.size,
  );
  const words = weigh(
    entries.map((e) => e.words),
    m.words.size,
  );
  // A story whose members are the same sources with the same entries is the same story (its id
  // and top names are functions of those): kept, not hashed and counted again.
  const made = new Map<string, { story: Story; entries: TermsEntry[] }>();
  const stories = linkedComponents(entities, words, threshold).map((members) => {
    const mine = members.map((i) => entries[i]!);
    const first = ids[members[0]!]!;
    const was = last?.made.get(first);
    const same =
      was !== undefined &&
      was.entries.length === mine.length &&
      was.story.sourceIds.every((id, k) => id === ids[members[k]!]) &&
      mine.every((e, k) => e === was.entries[k]);
    const one = same ? was.story : story(members.map((i) => sorted[i]!));
    made.set(first, { story: one, entries: mine });
    return one;
  });
  stories.sort((a, b) => compare(a.sourceIds[0]!, b.sourceIds[0]!));
  const storyOf = new Map<string, string>();
  for (const s of stories) for (const id of s.sourceIds) storyOf.set(id, s.id);
  const grouping = { stories, storyOf };
  m.last = { threshold, ids, entries, grouping, made };
  // Terms of sources long gone keep their ids: past twice the live ones, start afresh.
  if (m.entities.size + m.words.size > 2 * (entities.distinct + words.distinct) + 4096)
    Object.assign(m, createTermsMemo());
  return grouping;
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
