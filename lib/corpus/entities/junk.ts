/**
 * Junk: occurrences that are not names (function words, calendar words, offices alone, acronyms
 * used as common nouns, demonyms, capitalised common words), judged against what the whole
 * corpus writes in lower case and capitalises mid-sentence.
 */
import { countryCode, hasDemonymEnding } from '../../lang';
import type { Entity } from '../../types';
import { fold } from '../text';
import { isAllCaps, isConnector, isInitialism } from '../tokens';
import type { CorpusStats, Occurrence } from './occurrences';
import {
  ARTICLES,
  CALENDAR,
  FUNCTION_WORDS,
  HONORIFICS,
  isDemonym,
  isHeadWord,
  key,
  languageOf,
  NOT_NAMES,
  OPENING_WORDS,
  ROLE_WORDS,
  typeFromKeywords,
} from './words';

/** A predicate telling junk occurrences from names, given every occurrence in the corpus. */
export function junkFilter(
  occs: readonly Occurrence[],
  knownKeys: ReadonlyMap<string, Entity>,
  stats: CorpusStats,
): (o: Occurrence) => boolean {
  // Words that end or start a multi-word name ("Doe" of "Jane Doe") are names even at a
  // sentence start.
  const nameParts = new Set<string>();
  for (const o of occs) {
    if (o.linkOnly || o.tokens.length < 2) continue;
    nameParts.add(key(o.tokens[0]!.text));
    nameParts.add(key(o.tokens[o.tokens.length - 1]!.text));
  }
  // One-word names always followed by a figure ("Example 72", "Example-72"): a model's or a
  // road's designation, whose letters alone name nothing the text speaks of.
  const withFigure = new Map<string, { all: number; figure: number }>();
  for (const o of occs) {
    if (o.linkOnly || o.tokens.length !== 1) continue;
    const k = key(o.surface);
    const c = withFigure.get(k) ?? { all: 0, figure: 0 };
    c.all++;
    if (/^[ -]\d/u.test(o.source.text.slice(o.end, o.end + 2))) c.figure++;
    withFigure.set(k, c);
  }
  const designation = (k: string) => {
    const c = withFigure.get(k);
    return c !== undefined && c.all >= 2 && c.figure === c.all;
  };
  return (o: Occurrence): boolean => {
    const toks = o.tokens;
    const k = key(o.surface);
    if (knownKeys.has(k)) return false;
    if (toks.length === 1 && !o.acronym && designation(k)) return true;
    // The outlet's own name in its own text is boilerplate (app promotions, credits,
    // "subscribe to X"); where another source names it, that source's mention makes it a name.
    if (o.source.outlet && k === key(o.source.outlet)) return true;
    if (o.surface.replace(/[^\p{L}]/gu, '').length < 2) return true;
    if (toks.every((t) => CALENDAR.has(fold(t.text)) || FUNCTION_WORDS.has(fold(t.text))))
      return true;
    if (toks.length === 1) return isJunkWord(o, k, stats, nameParts);
    if (o.titled || o.acronym || typeFromKeywords(toks)) return false;
    const lastTok = toks[toks.length - 1]!;
    if (isDemonym(lastTok.text) && /^[a-z]/.test(o.after[0] ?? '')) return true;
    // Capitalised common words ("Public Safety", "Illegal Criminals").
    return toks.every((t) => isConnector(t.text) || stats.lowercase.has(fold(t.text)));
  };
}

/** Whether a one-word occurrence (key `k`) is not a name. */
function isJunkWord(
  o: Occurrence,
  k: string,
  stats: CorpusStats,
  nameParts: ReadonlySet<string>,
): boolean {
  const t = o.tokens[0]!;
  const f = fold(t.text);
  if (OPENING_WORDS.has(f) || NOT_NAMES.has(f)) return true;
  if (ROLE_WORDS.has(t.text) || HONORIFICS.has(t.text)) return true;
  if (isAllCaps(t.text) && stats.commonAcronyms.has(t.text)) return true;
  // "a MOU": an acronym used as a common noun.
  if (isAllCaps(t.text) && ['a', 'an'].includes(o.before[o.before.length - 1] ?? '')) return true;
  // "X-Y relations": handled as two mentions (lib/corpus/entities/mentions.ts).
  // (A particle before the hyphen is part of one name: "Al-Aoula".)
  const parts = t.text.split('-');
  if (
    parts.length > 1 &&
    parts.every((p) => /^\p{Lu}/u.test(p)) &&
    !/^\p{Lu}\p{Ll}$/u.test(parts[0]!)
  )
    return true;
  if (o.titled || o.acronym) return false;
  // A head word alone opening a sentence ("Organization", "Centro"), never capitalised
  // elsewhere: a common noun. ("Congress" mid-sentence is a name.)
  if (isHeadWord(f) && !isAllCaps(t.text) && !stats.capNonInitial.has(k)) return true;
  // A site's address is the outlet's boilerplate ("… on Example.com"), not a name.
  if (/\.\p{L}{2,6}$/u.test(t.text) && !isInitialism(t.text)) return true;
  // Country names are names wherever they stand ("Germany sent …").
  if (countryCode(t.text) !== null) return false;
  // "les Français", "le Slovène", "4 000 Français": a nationality noun after an article or a
  // number (English demonyms are handled below, by their own endings).
  const lang = languageOf(o.source);
  const prev = fold(o.before[o.before.length - 1] ?? '').replace('’', "'");
  if (
    lang !== 'en' &&
    lang !== null &&
    (ARTICLES.has(prev) || /^\d/.test(prev)) &&
    hasDemonymEnding(t.text, lang)
  )
    return true;
  // Demonyms and adjectives: "Ruritanian government", "Freedonians".
  if (isDemonym(t.text) && (/s$/.test(t.text) || /^[a-z]/.test(o.after[0] ?? ''))) return true;
  if (stats.lowercase.has(f)) return true;
  return t.initial && !stats.capNonInitial.has(k) && !nameParts.has(k);
}
