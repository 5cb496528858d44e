/**
 * Discrepancies within stories: the corpus is grouped into stories first, and the claims engine
 * (lib/claims) runs once per story over that story's sources, passages and entities only. Two
 * claims from different stories are never compared, and nothing outside a story (an unrelated
 * source's words, its entities) can change what is found inside it.
 */
import { createEntityReads, type EntityReads, findDiscrepancies, sameEntityReads } from '../claims';
import { buildNameWords, countLemmas, idfOf, type LemmaCounts } from '../claims/align';
import { SEVERITY_RANK } from '../types';
import type { Claim, Discrepancy, Entity, Mention, Passage, Source } from '../types';
import { createTermsMemo, groupStories, type Grouping, type TermsMemo } from './group';
import { storyInputs } from './inputs';

export interface StoryDiscrepancies {
  grouping: Grouping;
  /**
   * Every story's discrepancies (and agreements), each with its `storyId`: disagreements first,
   * by severity; within a severity, story by story in the engine's own ranking.
   */
  discrepancies: Discrepancy[];
}

/**
 * What a build keeps between changes: each story's findings, kept while everything the claims
 * engine reads of the story (its members, passages, entities and claims) is the same, and each
 * source's terms. A story the change does not touch is not compared again.
 */
export interface StoryMemo {
  found: Map<string, StoryFindings>;
  terms: TermsMemo;
  /** From how many passages a story keeps its lemma counts (COUNTED_PASSAGES). */
  countedPassages: number;
  /**
   * Findings the database kept, for a story not in `found` (after a worker start): null unless
   * they hold for what this comparison would read (lib/corpus/stored-stories.ts).
   */
  restore?: (
    id: string,
    read: ReadonlyArray<readonly object[]>,
    entities: readonly Entity[],
    nameWords: (entities: readonly Entity[]) => ReadonlySet<string>,
  ) => Omit<StoryFindings, 'read' | 'entities'> | null;
}

export interface StoryFindings {
  /** What the engine read: the story's sources, claims and passages, and its entities. */
  read: ReadonlyArray<readonly object[]>;
  entities: readonly Entity[];
  /** What the rules read of the entities: the fields of those they looked up, name words. */
  reads: EntityReads;
  found: Discrepancy[];
  /**
   * The lemma counts of the story's passages (its idf), kept for a story of at least
   * COUNTED_PASSAGES passages: the story that follows it after a change counts only the
   * passages that differ.
   */
  counts?: LemmaCounts;
  /**
   * The findings as rows, each with its `storyId`: the same objects while the findings are
   * kept, so what is written after a change tells an unchanged row by identity.
   */
  rows: Discrepancy[];
}

/**
 * From how many passages a story keeps its lemma counts: below, the text memo of passage lemmas
 * (20,000 texts, align.ts) serves a story compared again; above, a story's passages take a
 * good share of that memo or outnumber it. Memory: the counted stories' distinct lemmas and a
 * reference to each passage's text.
 */
export const COUNTED_PASSAGES = 2_000;

export function createStoryMemo(countedPassages = COUNTED_PASSAGES): StoryMemo {
  return { found: new Map(), terms: createTermsMemo(), countedPassages };
}

/** Same rows: the same objects (a build reuses unchanged ones), or equal ones. */
const sameRows = (a: readonly object[], b: readonly object[]) =>
  a.length === b.length &&
  a.every((x, i) => x === b[i] || JSON.stringify(x) === JSON.stringify(b[i]));

/**
 * Whether findings kept from `hit` still hold for a story whose sources, claims and passages
 * are the same: its entities are, or every field the rules read of the entities they looked up
 * and every word they asked of the entities' name words has the same answer (an alias or a
 * descriptor an entity of the story gained from another story's source changes nothing they
 * read unless it changes one of those answers).
 */
function entitiesReadTheSame(hit: StoryFindings, entities: readonly Entity[]): boolean {
  if (sameRows(hit.entities, entities)) return true;
  const byId = new Map(entities.map((e) => [e.id, e]));
  return sameEntityReads(
    hit.reads,
    (id) => byId.get(id),
    () => buildNameWords(entities),
  );
}

/**
 * The lemma counts of the last build's story that shares the most sources with a story now (a
 * story's id changes with its members), among those that kept counts.
 */
function countsFrom(
  found: ReadonlyMap<string, StoryFindings>,
): (sourceIds: readonly string[]) => LemmaCounts | undefined {
  let counted: Map<string, StoryFindings> | null = null;
  return (sourceIds) => {
    if (!counted) {
      counted = new Map();
      for (const f of found.values())
        if (f.counts) for (const s of f.read[0] as readonly Source[]) counted.set(s.id, f);
    }
    const shared = new Map<StoryFindings, number>();
    for (const id of sourceIds) {
      const f = counted.get(id);
      if (f) shared.set(f, (shared.get(f) ?? 0) + 1);
    }
    let best: StoryFindings | undefined;
    for (const [f, k] of shared) if (!best || k > shared.get(best)!) best = f;
    return best?.counts;
  };
}

/** Groups the enabled sources into stories and compares claims within each story. */
export function discrepanciesByStory(
  sources: readonly Source[],
  passages: readonly Passage[],
  entities: readonly Entity[],
  mentions: readonly Mention[],
  claims: readonly Claim[],
  memo: StoryMemo = createStoryMemo(),
): StoryDiscrepancies {
  const live = sources.filter((s) => s.enabled);
  const grouping = groupStories(storyInputs(live, mentions), undefined, memo.terms);
  const byStory = <T>(rows: readonly T[], sourceOf: (r: T) => string) => {
    const out = new Map<string, T[]>();
    for (const r of rows) {
      const story = grouping.storyOf.get(sourceOf(r));
      if (story === undefined) continue;
      const list = out.get(story);
      if (list) list.push(r);
      else out.set(story, [r]);
    }
    return out;
  };
  const claimsOf = byStory(claims, (c) => c.sourceId);
  const passagesOf = byStory(passages, (p) => p.sourceId);
  const mentionsOf = byStory(mentions, (m) => m.sourceId);
  const entityById = new Map(entities.map((e) => [e.id, e]));
  const sourceById = new Map(live.map((s) => [s.id, s]));
  const discrepancies: Discrepancy[] = [];
  const fresh = new Map<string, StoryFindings>();
  const lastCounts = countsFrom(memo.found);
  for (const story of grouping.stories) {
    if (story.sourceIds.length < 2) continue;
    const named = new Set((mentionsOf.get(story.id) ?? []).map((m) => m.entityId));
    for (const c of claimsOf.get(story.id) ?? []) for (const id of c.entityIds) named.add(id);
    const storyEntities = [...named].sort().flatMap((id) => entityById.get(id) ?? []);
    const storyClaims = claimsOf.get(story.id) ?? [];
    const storySources = story.sourceIds.map((id) => sourceById.get(id)!);
    const storyPassages = passagesOf.get(story.id) ?? [];
    const read = [storySources, storyClaims, storyPassages];
    const hit = memo.found.get(story.id);
    let kept: StoryFindings;
    const restored = hit ? null : memo.restore?.(story.id, read, storyEntities, buildNameWords);
    if (
      hit &&
      hit.read.every((rows, i) => sameRows(rows, read[i]!)) &&
      entitiesReadTheSame(hit, storyEntities)
    ) {
      kept = { ...hit, read, entities: storyEntities };
    } else if (restored) {
      kept = { ...restored, read, entities: storyEntities };
    } else {
      const reads = createEntityReads();
      let counts: LemmaCounts | undefined;
      const found = findDiscrepancies(
        storyClaims,
        storySources,
        storyEntities,
        storyPassages,
        reads,
        storyPassages.length >= memo.countedPassages
          ? (read) => idfOf((counts = countLemmas(read, lastCounts(story.sourceIds))))
          : undefined,
      );
      const rows = found.map((d) => ({ ...d, storyId: story.id }));
      kept = { read, entities: storyEntities, reads, found, rows, counts };
    }
    fresh.set(story.id, kept);
    discrepancies.push(...kept.rows);
  }
  memo.found = fresh;
  // A stable sort on the engine's first two keys keeps each story's own order inside them.
  discrepancies.sort(
    (a, b) =>
      Number(a.agreement) - Number(b.agreement) ||
      SEVERITY_RANK[a.severity] - SEVERITY_RANK[b.severity],
  );
  return { grouping, discrepancies };
}
