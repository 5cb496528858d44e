/**
 * The corpus's stories for the background: the grouping of the enabled sources (lib/stories),
 * each story named by its top entities, and the story a page that is not a source belongs to.
 * Grouped from the rows (the same function of the same set as the stored discrepancies'
 * `storyId`) with the corpus build's memo, so the grouping a change made is not computed again
 * when the rows are those it was made from; kept until the corpus changes (read-cache.ts).
 */
import type { CrosscheckDB } from '../db';
import {
  groupStories,
  type Grouping,
  STORY_THRESHOLD,
  type StoryInput,
  storyInputs,
} from '../stories';
import { createTermsMemo, similaritiesTo, type TermsMemo } from '../stories/group';
import type { Mention, Source } from '../types';
import type { PageStories, StoryRef } from '../protocol';
import { normalizeUrl } from '../intake/url';
import { cached, committedRows, enabledSources, liveMentions } from './read-cache';

export interface CorpusStories {
  grouping: Grouping;
  refs: Map<string, StoryRef>;
  inputs: StoryInput[];
  /** Enabled sources by id. */
  sources: Map<string, Source>;
  /** The terms memo the grouping was made with (storyOfPage reads the sources' terms there). */
  terms: TermsMemo;
}

/** How many entity names a story's label shows. */
const LABEL_NAMES = 3;

/** The stories of the enabled sources, with their names. */
export function corpusStories(db: CrosscheckDB): Promise<CorpusStories> {
  return cached(db, 'stories', () => readStories(db));
}

/**
 * Each database's story terms: the memo of the last build of the corpus (lib/service/sources.ts
 * shares its pipeline's), or one of the reader's own. groupStories reuses each source's terms
 * while its text and mentions are the same, and returns the last grouping as it is when every
 * input is: reading the stories right after a change costs no second grouping.
 */
const storyTerms = new WeakMap<CrosscheckDB, TermsMemo>();

/** Reads of `db`'s stories use `memo` (the corpus build's own) from now on. */
export function shareStoryTerms(db: CrosscheckDB, memo: TermsMemo): void {
  storyTerms.set(db, memo);
}

function termsMemoOf(db: CrosscheckDB): TermsMemo {
  let memo = storyTerms.get(db);
  if (!memo) storyTerms.set(db, (memo = createTermsMemo()));
  return memo;
}

async function readStories(db: CrosscheckDB): Promise<CorpusStories> {
  const enabled = await enabledSources(db);
  const sources = [...enabled.values()];
  const live = await liveMentions(db);
  const inputs = storyInputs(sources, live);
  const terms = termsMemoOf(db);
  const grouping = groupStories(inputs, STORY_THRESHOLD, terms);
  const ids = [...new Set(grouping.stories.flatMap((s) => s.topEntityIds))];
  // The rows the last change committed when it is the corpus now (read-cache.ts), else the table.
  const committed = await committedRows(db);
  const names = new Map(
    (committed ? ids.map((id) => committed.entity(id)) : await db.entities.bulkGet(ids))
      .filter((e) => e !== undefined)
      .map((e) => [e.id, e.name]),
  );
  const refs = new Map<string, StoryRef>();
  for (const s of grouping.stories) {
    const label = s.topEntityIds
      .flatMap((id) => names.get(id) ?? [])
      .slice(0, LABEL_NAMES)
      .join(' · ');
    refs.set(s.id, { id: s.id, label: label || 'Untitled story', sources: s.sourceIds.length });
  }
  return { grouping, refs, inputs, sources: enabled, terms };
}

/**
 * What a page needs to tell its story as the grouping would (lib/page/coverage.ts): each story's
 * sources as entity bags, the terms and document frequencies of their TF-IDF entity vectors.
 */
export function pageStoriesOf(stories: CorpusStories): PageStories {
  const out: PageStories = {};
  for (const input of stories.inputs) {
    const story = stories.grouping.storyOf.get(input.sourceId);
    if (!story) continue;
    const bag: Record<string, number> = {};
    for (const id of input.entityIds) bag[id] = (bag[id] ?? 0) + 1;
    (out[story] ??= []).push(bag);
  }
  return out;
}

/**
 * The story a page that is not a source belongs to: the story of the source most similar to it,
 * among those above the story threshold (the link a batch build would make); null when the page
 * is linked to no source (its story is not in the corpus).
 */
export function storyOfPage(
  stories: CorpusStories,
  page: Pick<Source, 'id' | 'text'>,
  pageMentions: readonly Mention[],
): string | null {
  const pageInput: StoryInput = {
    sourceId: page.id,
    text: page.text,
    entityIds: pageMentions.map((m) => m.entityId),
  };
  // As lib/stories' similarities() computes them over the sources and the page together.
  const { ids, sims } = similaritiesTo(stories.inputs, pageInput, stories.terms);
  let best: { story: string; sim: number } | null = null;
  ids.forEach((id, i) => {
    const s = sims[i]!;
    const story = stories.grouping.storyOf.get(id);
    if (story && s >= STORY_THRESHOLD && (!best || s > best.sim)) best = { story, sim: s };
  });
  return (best as { story: string } | null)?.story ?? null;
}

/** Whether two addresses are the same article (lib/intake/url's normalizeUrl: the one URL equality). */
export function sameUrl(a: string, b: string): boolean {
  const na = normalizeUrl(a);
  return na !== null && na === normalizeUrl(b);
}

/** The story of the enabled source at `url`, if the page is one (the card orders by it). */
export async function storyOfUrl(db: CrosscheckDB, url: string): Promise<string | null> {
  const stories = await corpusStories(db);
  for (const s of stories.sources.values())
    if (s.url && sameUrl(s.url, url)) return stories.grouping.storyOf.get(s.id) ?? null;
  return null;
}
