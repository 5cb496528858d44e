/**
 * Junk: occurrences that are not names (function words, calendar words, offices alone, acronyms
 * used as common nouns, demonyms, capitalised common words), judged against what the whole
 * corpus writes in lower case and capitalises mid-sentence.
 */
import { anyLanguage, countryCode, hasAdjectiveEnding, hasDemonymEnding } from '../../lang';
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
  PLACE_PREPOSITIONS,
  ROLE_CONTEXT,
  SPEECH_VERBS,
  STOP_BACK,
} from './words';

const ELISIONS = anyLanguage('elisions');

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
  // road's designation, whose letters alone name nothing the text speaks of. Or always followed
  // by an elided article glued to a lower-case word ("Coupe d'or"): the head of a name written
  // in sentence case, cut at the apostrophe; the head alone names nothing.
  const followers = new Map<string, { all: number; figure: number; elided: number }>();
  for (const o of occs) {
    if (o.linkOnly || o.tokens.length !== 1) continue;
    const k = key(o.surface);
    const c = followers.get(k) ?? { all: 0, figure: 0, elided: 0 };
    c.all++;
    const next = o.source.text.slice(o.end, o.end + 12);
    if (/^[ -]\d/u.test(next)) c.figure++;
    const elided = /^ (\p{Ll}{1,7}['’])\p{Ll}/u.exec(next);
    if (elided && ELISIONS.has(elided[1]!.replace('’', "'"))) c.elided++;
    followers.set(k, c);
  }
  const cutName = (k: string) => {
    const c = followers.get(k);
    return c !== undefined && c.all >= 2 && (c.figure === c.all || c.elided === c.all);
  };
  const commonNoun = modifiedAcronyms(occs);
  return (o: Occurrence): boolean => {
    const toks = o.tokens;
    const k = key(o.surface);
    if (knownKeys.has(k)) return false;
    if (toks.length === 1 && !o.acronym && cutName(k) && countryCode(o.surface) === null)
      return true;
    // The outlet's own name in its own text is boilerplate (app promotions, credits,
    // "subscribe to X"); where another source names it, that source's mention makes it a name.
    if (o.source.outlet && k === key(o.source.outlet)) return true;
    if (o.surface.replace(/[^\p{L}]/gu, '').length < 2) return true;
    if (toks.length === 1 && cutOff(o)) return true;
    if (toks.every((t) => CALENDAR.has(fold(t.text)) || FUNCTION_WORDS.has(fold(t.text))))
      return true;
    if (toks.length === 1) return commonNoun.has(k) || isJunkWord(o, k, stats, nameParts);
    if (o.titled || o.acronym || typeFromKeywords(toks)) return false;
    // "the Example GPU architecture": a product named by a common noun's acronym.
    if (commonNoun.has(key(toks[toks.length - 1]!.text))) return true;
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
  if (portfolio(o)) return true;
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

/**
 * An office's portfolio written in sentence case: "le ministre de la Example territoriale", "la
 * ministra de Example interior". A lower-case office, "of" (and an article), then one capitalised
 * word that a lower-case adjective follows: the office's field, not a name ("the minister of
 * Ruritania" has no adjective after it; countries are names anyway).
 */
function portfolio(o: Occurrence): boolean {
  const b = o.before;
  let i = b.length - 1;
  if (i >= 0 && ARTICLES.has(b[i]!.replace('’', "'"))) i--;
  if (i < 1 || !isConnector(b[i]!) || !ROLE_CONTEXT.has(b[i - 1]!)) return false;
  const next = /^ (\p{Ll}+)(?![\p{L}'’-])/u.exec(o.source.text.slice(o.end, o.end + 30));
  return next !== null && hasAdjectiveEnding(next[1]!, languageOf(o.source));
}

/** Closed-class words and cues before a name: an acronym after one of them may be a name. */
const NOT_MODIFIERS = new Set([
  ...STOP_BACK,
  ...OPENING_WORDS,
  ...ARTICLES,
  ...PLACE_PREPOSITIONS,
  ...SPEECH_VERBS,
  ...ROLE_CONTEXT,
  ...anyLanguage('organizationContext'),
  ...anyLanguage('connectors'),
]);

/**
 * Keys of one-word acronyms that the corpus only writes as common nouns are: each time between a
 * lower-case modifier and a lower-case noun ("the new XYZ chip", "generative XYZ tools"). An
 * institution's acronym also stands after an article, a preposition or a verb ("the XYZ said",
 * "by XYZ"), or before its head word ("the XYZ party"), and one such use keeps it a name.
 */
function modifiedAcronyms(occs: readonly Occurrence[]): Set<string> {
  const uses = new Map<string, boolean>();
  for (const o of occs) {
    if (o.linkOnly || o.acronym || o.titled || o.tokens.length !== 1) continue;
    const t = o.tokens[0]!;
    if (!isAllCaps(t.text) || isInitialism(t.text) || countryCode(t.text) !== null) continue;
    const k = key(t.text);
    const text = o.source.text;
    const before = /(?<![\p{L}'’-])([\p{Ll}][\p{Ll}-]*) $/u.exec(
      text.slice(Math.max(0, o.start - 30), o.start),
    );
    const after = /^ ([\p{Ll}][\p{Ll}-]*)(?![\p{L}'’])/u.exec(text.slice(o.end, o.end + 30));
    const modified =
      before !== null &&
      after !== null &&
      !NOT_MODIFIERS.has(fold(before[1]!)) &&
      !isHeadWord(fold(after[1]!)) &&
      !NOT_MODIFIERS.has(fold(after[1]!));
    uses.set(k, (uses.get(k) ?? true) && modified);
  }
  return new Set([...uses].filter(([, modified]) => modified).map(([k]) => k));
}

/**
 * Whether the occurrence is the last word of a text cut off mid-sentence ("… the floods reached
 * the towns of Exa"): an excerpt's end, where a name may have lost its end.
 */
function cutOff(o: Occurrence): boolean {
  const text = o.source.text.trimEnd();
  if (o.end !== text.length) return false;
  const lastLine = text.slice(text.lastIndexOf('\n') + 1);
  return lastLine.split(' ').length >= 8;
}
