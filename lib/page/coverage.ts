/**
 * Page side: which of the corpus's stories is this page about? The same test the grouping makes
 * between two sources (lib/stories): the cosine of TF-IDF entity vectors, the page counted as one
 * more document, linked to a source when it reaches STORY_THRESHOLD; the page's story is the story
 * of its most similar linked source. (The grouping also compares content words; the dictionary
 * carries no word statistics, so the page is judged by its entities alone.) Off the corpus's
 * stories, only names several sources talk about, or that a source the reader chose names, are
 * worth a card: a name one built-in source mentions in passing has nothing to say about this page.
 */
import type { Naming } from '../dictionary';
import type { PageStories } from '../protocol';
import { cosine, STORY_THRESHOLD, type Vector, tfidfVectors } from '../stories/similarity';

/** Sources that must name an entity for it to be underlined on a page off the corpus's stories. */
export const OFF_STORY_SOURCES = 2;

/** Entity id -> how many times the page names it. */
export type PageBag = Map<string, number>;

/** The page's story (null: on none of the corpus's), and its best entity cosine to a source. */
export interface PageStory {
  storyId: string | null;
  similarity: number;
}

export type Coverage = 'covered' | 'not-covered';

export const coverageOf = (story: PageStory): Coverage =>
  story.storyId === null ? 'not-covered' : 'covered';

/**
 * The page's entity bag from the entities underlined on it (with repeats). While names are held
 * back (`previous` given: the page was judged off-story and its weak names are no longer
 * underlined), the bag only grows from what it was: judging a page by its strong names alone
 * would raise its cosine and flip it on and off a story with each rescan.
 */
export function pageBag(
  onPage: Iterable<string>,
  previous: PageBag | null = null,
  unknown: PageBag = new Map(),
): PageBag {
  const now: PageBag = new Map(unknown);
  for (const id of onPage) now.set(id, (now.get(id) ?? 0) + 1);
  if (!previous) return now;
  const merged = new Map(previous);
  for (const [id, n] of now) merged.set(id, Math.max(n, merged.get(id) ?? 0));
  return merged;
}

/**
 * The names on the page the corpus does not know, as terms of the page's bag. A source's bag holds
 * every entity it names, its own ones included (they weigh most: no other source has them); a
 * page's matches hold only the corpus's names, so a page naming one corpus name among a hundred
 * others would look like nothing but that name. Capitalized runs of words stand in for the
 * linker's names (a run opening a sentence must have two words: "The" is no name); runs that
 * hold a matched surface are the corpus's own names, already counted.
 */
export function unknownNames(text: string, matched: Iterable<string>): PageBag {
  const steps = unknownNamesSteps(text, matched);
  for (;;) {
    const step = steps.next();
    if (step.done) return step.value;
  }
}

/** Capitalised runs read between two pauses of `unknownNamesSteps`. */
const NAMES_STEP = 256;

/**
 * `unknownNames` one step at a time: it pauses every NAMES_STEP runs of capitalised words, so a
 * caller can give the page its main thread back (`runSliced`); a long article holds thousands.
 */
export function* unknownNamesSteps(
  text: string,
  matched: Iterable<string>,
): Generator<void, PageBag> {
  const trim = (s: string) => s.replace(/[.'’-]+$/, '');
  const known = [...new Set([...matched].map((m) => trim(m.toLowerCase())))].filter(Boolean);
  // Known names by their first code unit, and one verdict per distinct run: a page with hundreds
  // of matched names and thousands of capitalised runs would otherwise compare every pair (one
  // regular expression of all of them did too: it tried each name at each position of a run).
  const byFirst = new Map<number, string[]>();
  for (const k of known) {
    const first = k.charCodeAt(0);
    const list = byFirst.get(first);
    if (list) list.push(k);
    else byFirst.set(first, [k]);
  }
  const holdsKnown = (run: string): boolean => {
    for (let i = 0; i < run.length; i++) {
      const list = byFirst.get(run.charCodeAt(i));
      if (list) for (const k of list) if (run.startsWith(k, i)) return true;
    }
    return false;
  };
  const verdicts = new Map<string, boolean>();
  const names: PageBag = new Map();
  const run = /\p{Lu}[\p{L}\p{M}'’.-]*(?:[ \t]+\p{Lu}[\p{L}\p{M}'’.-]*)*/gu;
  let count = 0;
  for (const m of text.slice(0, MAX_TEXT).matchAll(run)) {
    if (++count % NAMES_STEP === 0) yield;
    const name = trim(m[0]);
    const before = text.slice(Math.max(0, m.index - 3), m.index).trimEnd();
    const opensSentence = before === '' || /[.!?:;"“«\n]$/.test(before);
    if (opensSentence && !/\s/.test(name)) continue;
    const lower = name.toLowerCase();
    let isKnown = verdicts.get(lower);
    if (isKnown === undefined) verdicts.set(lower, (isKnown = holdsKnown(lower)));
    if (isKnown) continue;
    const term = `${UNKNOWN}${lower}`;
    names.set(term, (names.get(term) ?? 0) + 1);
  }
  return names;
}

/** Prefix of an unknown name's term: no entity id starts so, and no source's bag holds one. */
const UNKNOWN = 'page-name:';
/** How much of the article's text is read for names (a page can be made of anything). */
const MAX_TEXT = 300_000;

/** Which story the page is about, by the grouping's entity cosine and threshold. */
export function pageStory(
  bag: PageBag,
  stories: PageStories,
  threshold = STORY_THRESHOLD,
): PageStory {
  const owners: string[] = [];
  const docs: Map<string, number>[] = [];
  for (const [storyId, bags] of Object.entries(stories))
    for (const b of bags) {
      owners.push(storyId);
      docs.push(new Map(Object.entries(b).filter(([, n]) => Number.isFinite(n) && n > 0)));
    }
  const page = new Map([...bag].filter(([, n]) => n > 0));
  const vectors: Vector[] = tfidfVectors([...docs, page]);
  const pageVector = vectors[docs.length]!;
  let best: PageStory = { storyId: null, similarity: 0 };
  docs.forEach((_, i) => {
    const s = cosine(pageVector, vectors[i]!);
    if (s > best.similarity) best = { storyId: s >= threshold ? owners[i]! : null, similarity: s };
  });
  return best;
}

/** Which entities stay underlined on a page, given its coverage. */
export function keepOnPage(
  coverage: Coverage,
  naming: (entityId: string) => Naming,
): (entityId: string) => boolean {
  if (coverage === 'covered') return () => true;
  return (id) => {
    const n = naming(id);
    return n.byReader || n.sources >= OFF_STORY_SOURCES;
  };
}
