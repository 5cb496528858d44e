/**
 * Page side: does the reader's corpus cover the story of this page? A page on a corpus story
 * names several of the names that story's outlets share; a page on anything else names one or
 * two of them in passing ("the United States", a president). Off the corpus's stories, only
 * names several sources talk about, or that a source the reader chose names, are worth a card:
 * a name one built-in source mentions in passing has nothing to say about this page.
 */
import type { Naming } from '../dictionary';

/** Distinct shared names (each named by 2+ sources) a page must name to be on a corpus story. */
export const STORY_NAMES = 3;
/** Sources that must name an entity for it to be underlined on a page off the corpus's stories. */
export const OFF_STORY_SOURCES = 2;

export type Coverage = 'covered' | 'not-covered';

/** `onPage`: the entities underlined on the page; `naming`: who names each in the corpus. */
export function pageCoverage(
  onPage: Iterable<string>,
  naming: (entityId: string) => Naming,
): Coverage {
  let shared = 0;
  for (const id of new Set(onPage)) {
    if (naming(id).sources >= OFF_STORY_SOURCES) shared++;
    if (shared >= STORY_NAMES) return 'covered';
  }
  return 'not-covered';
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
