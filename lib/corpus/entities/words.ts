/**
 * The words entity discovery reasons with (every language's titles, function words, calendar,
 * type head words and cues, from lib/lang) and the small helpers that ask them of a name.
 */
import { boundedMemo } from '../../bounded-memo';
import { anyLanguage, baseLanguage, LEXICONS, typeKeywords } from '../../lang';
import { detectLanguage } from '../../lang/detect';
import { fold } from '../text';
import { isAllCaps, isConnector, type Token } from '../tokens';
import type { EntityType, Source } from '../../types';

// ---------------------------------------------------------------------------------------------
// Vocabulary: generic English words, not names.

const words = (s: string) => new Set(s.split(' '));

/** Titles and offices that precede a person's name. */
// Offices and honorifics as written (capitalised), in every language, with or without a period.
const asWritten = (field: 'roles' | 'honorifics') =>
  new Set(
    LEXICONS.flatMap((l) => l[field].split(/\s+/)).flatMap((w) =>
      /^\p{Lu}\p{Ll}{0,3}$/u.test(w) ? [w, `${w}.`] : [w],
    ),
  );
export const ROLE_WORDS = asWritten('roles');
export const HONORIFICS = asWritten('honorifics');
/** Offices in lower case ("la presidenta X", "the president"): the name after is a person. */
export const ROLE_CONTEXT = anyLanguage('roles');

/** Months and weekdays in every language. */
export const CALENDAR = anyLanguage('calendar');

/** Capitalised at a sentence start but not names. */
export const FUNCTION_WORDS = words(
  'the a an this that these those his her its their our my your both some many several each every all any no such other another according since before after while when where whereas although though despite during in on at for with from by as if but and or nor so yet then there here what who whom whose which why how it he she they we i you us them him me one two three also still only just even later earlier today yesterday tomorrow meanwhile however instead moreover furthermore thus hence not now once',
);
/**
 * Every language's articles, prepositions, pronouns and conjunctions ("En", "Le", "O",
 * "Desde"): not names at a sentence start, though an article may begin one mid-sentence
 * ("El Salvador").
 */
export const OPENING_WORDS = new Set([
  ...anyLanguage('articles'),
  ...anyLanguage('functionWords'),
  ...anyLanguage('conjunctions'),
  ...anyLanguage('elisions'),
]);
/** Articles in every language, elided ones included ("l'"). */
export const ARTICLES = new Set([...anyLanguage('articles'), "l'"]);
/** "State", "provincia", "région": divisions named after a place. */
export const DIVISIONS = anyLanguage('divisions');
/** Capitalised abbreviations that are not names ("GMT"). */
export const NOT_NAMES = anyLanguage('notNames');

/** Words that end a walk back from a name over its modifiers. */
export const STOP_BACK = new Set([
  ...FUNCTION_WORDS,
  ...OPENING_WORDS,
  ...words(
    'is are was were be been being has have had do does did will would can could may might must shall should said says say told met meet meets meeting with to of by about into over under than like among between against toward towards amid per via',
  ),
]);

/** Head words that type a name, in every language ("Ministry", "Ministerio", "Ministère"). */
const TYPE_KEYWORDS: Array<[EntityType, Set<string>]> = typeKeywords();
/** A "center"/"centre" is a facility when it confines or treats people; else an organization. */
const FACILITY_HINTS = words('confinement detention correctional processing medical treatment');

/** Lower-case context words that type a neighbouring name. */
export const CONTEXT_TYPES: Array<[EntityType, Set<string>]> = [
  ['organization', anyLanguage('organizationContext')],
  ['facility', words('prison mega-prison jail facility palace complex center centre camp')],
];

export const PLACE_PREPOSITIONS = anyLanguage('placePrepositions');
export const PLACE_CUES = anyLanguage('placeCues');
/** Head words of places in every language ("city", "ciudad", "ville"). */
export const PLACE_WORDS = typeKeywords().find(([type]) => type === 'place')![1];
export const SPEECH_VERBS = anyLanguage('speechVerbs');

// Keys are asked for the same few names over and over (every occurrence, every alias).
export const key = boundedMemo(50_000, (name: string): string =>
  // Initialisms compare without dots ("U.S." = "US"); everything else folded.
  // Hyphens and spaces are spelled either way in compound names ("Villa-La Example").
  fold(name)
    .replace(/(?<=\p{L})\.(?=\p{L}|$)/gu, '')
    .replace(/[’']/g, "'")
    .replace(/(?<=\p{L})-(?=\p{L})/gu, ' '),
);

export function lower(t: Token | undefined): string {
  return t ? fold(t.text) : '';
}

export function isDemonym(text: string): boolean {
  return /(?:an|ans|ian|ians|ean|eans|ese|ish|iard|iards)$/.test(text) && text.length > 4;
}

/** The last word is the type's head word ("Mojave Desert", not "Policía Nacional"). */
/** Whether a folded word is a type's head word in some language ("ministry", "aeroporto"). */
export function isHeadWord(word: string): boolean {
  return TYPE_KEYWORDS.some(([, set]) => set.has(word));
}

/** The type a folded head word gives a name ("party" -> organization), or null. */
export function headWordType(word: string): EntityType | null {
  return TYPE_KEYWORDS.find(([, set]) => set.has(word))?.[0] ?? null;
}

export function TAIL_KEYWORD(toks: readonly Token[]): boolean {
  const last = fold(toks[toks.length - 1]!.text);
  return TYPE_KEYWORDS.some(([, set]) => set.has(last));
}

const languages = new WeakMap<Source, string | null>();
/** The source's language, or, when its metadata has none, the one its function words show. */
export function languageOf(source: Source): string | null {
  if (!languages.has(source))
    languages.set(
      source,
      baseLanguage(source.language) ?? detectLanguage(source.text.slice(0, 20_000)),
    );
  return languages.get(source) ?? null;
}

// Asked once per chunk of a title: remembered for the last title seen.
export let lastTitle: { text: string; titleCase: boolean } | null = null;

export function isTitleCase(text: string): boolean {
  if (lastTitle?.text !== text) {
    const long = text.split(/\s+/).filter((w) => w.length > 3);
    lastTitle = {
      text,
      titleCase:
        long.length > 0 && long.filter((w) => /^\p{Lu}/u.test(w)).length / long.length >= 0.6,
    };
  }
  return lastTitle.titleCase;
}

// Asked of the same names on every build (grouping, typing, junk): remembered by their words.
const keywordTypes = new Map<string, EntityType | null>();
const KEYWORD_CACHE_MAX = 50_000;

export function typeFromKeywords(tokens: readonly Token[]): EntityType | null {
  // One word (most names asked) is its own key: no array and no joined copy made.
  const words = tokens.length === 1 ? tokens[0]!.text : tokens.map((t) => t.text).join('\u0000');
  let type = keywordTypes.get(words);
  if (type === undefined) {
    type = keywordType(tokens);
    if (keywordTypes.size >= KEYWORD_CACHE_MAX) keywordTypes.clear();
    keywordTypes.set(words, type);
  }
  return type;
}

function keywordType(tokens: readonly Token[]): EntityType | null {
  const last = fold(tokens[tokens.length - 1]!.text);
  const all = tokens.map((t) => fold(t.text));
  if (last === 'center' || last === 'centre' || all[0] === 'center' || all[0] === 'centre') {
    return all.some((w) => FACILITY_HINTS.has(w)) ? 'facility' : 'organization';
  }
  for (const [type, set] of TYPE_KEYWORDS) if (set.has(last)) return type;
  // "Department of …", "Casa de …": a keyword heading an "of/de" phrase.
  if (tokens.length > 2 && isConnector(tokens[1]!.text)) {
    for (const [type, set] of TYPE_KEYWORDS) if (set.has(all[0]!)) return type;
  }
  for (const [type, set] of TYPE_KEYWORDS)
    if (type !== 'place' && all.slice(0, -1).some((w) => set.has(w))) return type;
  // Romance languages put the place word first: "Rua X", "Comunidad Y", "Río Z".
  const place = TYPE_KEYWORDS.find(([type]) => type === 'place')?.[1];
  if (tokens.length >= 2 && place?.has(all[0]!) && !isAllCaps(tokens[1]!.text)) return 'place';
  return null;
}
