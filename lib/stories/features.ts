/**
 * What a source is about, as two bags of terms for story grouping: the entities it names (by id,
 * so "Ruritânia" and "Ruritania" are one term across languages) and its content words. Figures were
 * measured as a third family and left out: years and round numbers are shared across stories
 * (on tests/eval, two sources of different stories reached a figure cosine of 0.69).
 */
import { wordsAtLeast } from '../claims/text';
import { anyLanguage } from '../lang';

/** The inputs the grouping needs from one source (all of it already in the database). */
export interface StoryInput {
  sourceId: string;
  /** The source's cleaned text. */
  text: string;
  /** The entity id of every mention in the source (with repeats: counts are term frequencies). */
  entityIds: readonly string[];
}

/** Term -> count. */
export type Terms = Map<string, number>;

/** The two families of terms of one source, each weighted and compared on its own. */
export interface SourceTerms {
  entities: Terms;
  words: Terms;
}

/**
 * Words shorter than this are left out: in every language the corpus reads, most function words
 * are short ("que", "les", "para", "with"); the longer ones left get a low IDF.
 */
export const MIN_WORD_LENGTH = 5;

let stop: Set<string> | null = null;
function stopWords(): Set<string> {
  stop ??= new Set([
    ...anyLanguage('functionWords'),
    ...anyLanguage('articles'),
    ...anyLanguage('calendar'),
    ...anyLanguage('speechVerbs'),
  ]);
  return stop;
}

function add(terms: Terms, term: string, n = 1): void {
  terms.set(term, (terms.get(term) ?? 0) + n);
}

/** The entity terms of one source: each entity id with its count of mentions. */
export function entityTerms(entityIds: readonly string[]): Terms {
  const entities: Terms = new Map();
  for (const id of entityIds) add(entities, id);
  return entities;
}

/** The terms of one source. Pure: the same input gives the same terms. */
export function sourceTerms(input: StoryInput): SourceTerms {
  const entities = entityTerms(input.entityIds);
  const words_: Terms = new Map();
  const stops = stopWords();
  // Shorter words are left out below: not trimmed and folded at all (a start after a worker
  // restart makes every source's terms).
  for (const w of wordsAtLeast(input.text, MIN_WORD_LENGTH)) {
    if (/\d/.test(w.lower)) continue;
    // w.lower is foldLower(w.text).
    const lower = w.lower.replace(/'s$/, '');
    if (lower.length < MIN_WORD_LENGTH || stops.has(lower)) continue;
    add(words_, lower);
  }
  return { entities, words: words_ };
}
