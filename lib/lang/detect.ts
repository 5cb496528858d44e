/**
 * Which language a text is in: tinyld's character n-grams (a maintained detector of some 60
 * languages, its light model: about 34 KB gzip, in the background only), checked on single lines
 * against the function words of each lexicon (lib/lang/*.ts).
 */
import { detectAll } from 'tinyld/light';
import { fold } from '../corpus/text';
import { LEXICONS } from '.';

/** Fewer words than this say too little to tell a language by. */
const MIN_WORDS = 4;

const wordsOf = (text: string) => text.toLowerCase().match(/\p{L}+/gu) ?? [];

/**
 * The detector reads words, figures and sentence punctuation only: it takes some symbols for
 * another script's ("|" for a Devanagari danda, so a caption with a pipe in it read as Hindi),
 * and without the punctuation it misreads whole articles.
 */
const detected = (text: string) =>
  detectAll(text.replace(/[^\p{L}\p{M}\p{N}\s.,;:!?'’"«»“”()-]+/gu, ' '))[0]?.lang ?? null;

/** A text's language as a two-letter code, or null when it is too short or no language fits. */
export function detectLanguage(text: string): string | null {
  if (wordsOf(text).length < MIN_WORDS) return null;
  return detected(text);
}

let functionWords: Array<[string, Set<string>]> | null = null;

/** Each lexicon's language with its articles, conjunctions and function words, folded. */
function functionWordSets(): Array<[string, Set<string>]> {
  functionWords ??= LEXICONS.map((l) => [
    l.code,
    new Set(
      `${l.articles} ${l.conjunctions} ${l.connectors} ${l.functionWords}`
        .split(/\s+/)
        .filter((w) => w.length > 0)
        .map(fold),
    ),
  ]);
  return functionWords;
}

/** The lexicon languages whose function words are most of a line's (ties: all of them). */
function functionWordLanguages(words: readonly string[]): Set<string> {
  let best = 0;
  let langs = new Set<string>();
  for (const [code, set] of functionWordSets()) {
    const n = words.filter((w) => set.has(fold(w))).length;
    if (n > best) [best, langs] = [n, new Set([code])];
    else if (n === best && n > 0) langs.add(code);
  }
  return langs;
}

/**
 * The language of a line written in another language than its article's (a paywall notice, a
 * caption left in the agency's language), or null. One line is short: n-grams alone misread one
 * in twenty-five of the evaluation's sentences, and function words alone more. So a line is in
 * another language only when both say so: the detector names another language, and the
 * article's language does not have the most of the line's function words.
 */
export function foreignLineLanguage(line: string, articleLanguage: string): string | null {
  const words = wordsOf(line);
  // Without the article language's function words, n-grams alone would decide: a line is kept.
  if (words.length < MIN_WORDS || !LEXICONS.some((l) => l.code === articleLanguage)) return null;
  const lang = detected(line);
  if (!lang || lang === articleLanguage) return null;
  return functionWordLanguages(words).has(articleLanguage) ? null : lang;
}
