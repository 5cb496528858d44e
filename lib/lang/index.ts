/**
 * Per-language vocabulary, one file per language; this index folds the words and builds the
 * unions and look-ups the pipeline asks for. Adding a language is adding its file to LEXICONS.
 */
import { boundedMemo } from '../bounded-memo';
import { fold } from '../corpus/text';
import { en } from './en';
import { es } from './es';
import { fr } from './fr';
import { pt } from './pt';
import type { LexiconSource } from './types';

export type { LexiconSource } from './types';

export const LEXICONS: readonly LexiconSource[] = [en, es, fr, pt];

type WordField = Exclude<
  keyof LexiconSource,
  'code' | 'keywords' | 'countryForms' | 'demonyms' | 'nameWords' | 'companySuffixes'
>;
export type KeywordType = keyof LexiconSource['keywords'];

const split = (s: string) => s.split(/\s+/).filter((w) => w.length > 0);

/** Folded words of one field, in one language (or every language when `code` is null). */
function foldedSet(field: WordField, code: string | null): Set<string> {
  const out = new Set<string>();
  for (const l of LEXICONS)
    if (code === null || l.code === code) for (const w of split(l[field] ?? '')) out.add(fold(w));
  return out;
}

const unions = new Map<WordField, Set<string>>();
/** Folded words of `field` in every language. */
export function anyLanguage(field: WordField): Set<string> {
  let s = unions.get(field);
  if (!s) {
    s = foldedSet(field, null);
    unions.set(field, s);
  }
  return s;
}

// By field, then language (asked per chunk and word: no key string made per ask).
const perLanguage = new Map<WordField, Map<string, Set<string>>>();
/** Folded words of `field` in `code` (English when the language is unknown or not listed). */
export function inLanguage(field: WordField, code: string | null): Set<string> {
  const lang = LEXICONS.some((l) => l.code === code) ? code! : 'en';
  let byLanguage = perLanguage.get(field);
  if (!byLanguage) perLanguage.set(field, (byLanguage = new Map()));
  let s = byLanguage.get(lang);
  if (!s) {
    s = foldedSet(field, lang);
    byLanguage.set(lang, s);
  }
  return s;
}

/** The language a source is in, from its metadata: "pt-BR" -> "pt"; null if unknown. */
export function baseLanguage(code: string | null | undefined): string | null {
  return code ? code.slice(0, 2).toLowerCase() : null;
}

let keywordSets: Array<[KeywordType, Set<string>]> | null = null;
/** Type head words in every language, folded, in precedence order. */
export function typeKeywords(): Array<[KeywordType, Set<string>]> {
  keywordSets ??= (['law', 'agreement', 'facility', 'organization', 'place'] as const).map((t) => {
    const s = new Set<string>();
    for (const l of LEXICONS) for (const w of split(l.keywords[t])) s.add(fold(w));
    return [t, s];
  });
  return keywordSets;
}

/** Whether a lower-case word ends like an adjective in language `code` ("national" in French). */
export function hasAdjectiveEnding(word: string, code: string | null): boolean {
  if (word.length <= 3) return false;
  const f = fold(word);
  for (const s of inLanguage('adjectiveEndings', code)) if (f.endsWith(s)) return true;
  return false;
}

/** Whether a word ends like a demonym in language `code` ("Français" in French). */
export function hasDemonymEnding(word: string, code: string | null): boolean {
  if (word.length <= 4) return false;
  const f = fold(word);
  for (const s of inLanguage('demonymSuffixes', code)) if (f.endsWith(s)) return true;
  return false;
}

/** UN M.49 areas with proper names (not "world"). */
const WORLD_REGIONS = (
  '002 003 005 009 011 013 014 015 017 018 019 021 029 030 034 035 039 053 054 057 061 142 ' +
  '143 145 150 151 154 155 202 419'
).split(' ');

// Region codes that are not countries' or territories' names.
const NOT_COUNTRIES = new Set(['EU', 'EZ', 'UN', 'QO', 'ZZ']);

let countries: Map<string, string> | null = null;

/** Folded country name or short form -> ISO region code, from Intl.DisplayNames in every language. */
function countryIndex(): Map<string, string> {
  if (countries) return countries;
  const out = new Map<string, string>();
  const add = (name: string | undefined, code: string) => {
    if (!name) return;
    // "Congo (RDC)", "Hong Kong SAR China": the part before any bracket or comma.
    const base = name.replace(/\s*[(,].*$/, '').trim();
    const k = indexKey(base);
    if (k.length >= 2 && !out.has(k)) out.set(k, code);
  };
  const A = 'A'.charCodeAt(0);
  for (const l of LEXICONS) {
    let long: Intl.DisplayNames;
    let short: Intl.DisplayNames;
    try {
      long = new Intl.DisplayNames([l.code], { type: 'region', fallback: 'none' });
      short = new Intl.DisplayNames([l.code], {
        type: 'region',
        style: 'short',
        fallback: 'none',
      });
    } catch {
      continue;
    }
    for (let i = 0; i < 26; i++) {
      for (let j = 0; j < 26; j++) {
        const code = String.fromCharCode(A + i, A + j);
        if (NOT_COUNTRIES.has(code) || (code[0] === 'X' && code !== 'XK')) continue;
        // Retired codes ("DD", "YU") share today's names: only the current code counts.
        if (!isCurrentRegion(code)) continue;
        const name = long.of(code);
        if (!name || name === code) continue;
        add(name, code);
        add(short.of(code), code);
      }
    }
    for (const [code, forms] of Object.entries(l.countryForms)) for (const f of forms) add(f, code);
    // Continents and world regions (UN M.49 codes): "América del Norte" = "North America".
    for (const code of WORLD_REGIONS) add(long.of(code), code);
  }
  countries = out;
  return out;
}

function isCurrentRegion(code: string): boolean {
  try {
    return Intl.getCanonicalLocales(`und-${code}`)[0] === `und-${code}`;
  } catch {
    return false;
  }
}

/** Comparison key of a country name: folded, no dots, no spaces ("EE. UU." = "EEUU"). */
function countryKey(name: string): string {
  return fold(name).replace(/[.\s'’-]+/g, '');
}

/**
 * The region code a name denotes in any of the languages, or null: a country ("Marruecos" ->
 * "MA") or a continent or world region ("Amérique latine" -> "419").
 */
export function countryCode(name: string): string | null {
  return countryCodes(name);
}

// Discovery asks the same names again and again (every occurrence, alias and group, the words
// before each occurrence): each is keyed (folded, stripped) and looked up once. The index never
// changes once built. A corpus of 1,000 sources asks some 26,000 different ones.
const countryCodes = boundedMemo(
  100_000,
  (name: string): string | null => countryIndex().get(indexKey(name)) ?? null,
);

/**
 * A name's key in the country index: countryKey, except that a short abbreviation keeps its
 * accents ("É.-U." is not "EU", another language's abbreviation of something else).
 */
function indexKey(name: string): string {
  const k = countryKey(name);
  const abbreviation = name.includes('.') || name === name.toUpperCase();
  return k.length <= 3 && abbreviation
    ? name
        .normalize('NFC')
        .toLowerCase()
        .replace(/[.\s'’-]+/g, '')
    : k;
}

/** Every country name and short form the index knows (comparison keys) with its region code. */
export function countryNames(): ReadonlyMap<string, string> {
  return countryIndex();
}

/** The comparison key `countryNames` uses: folded, no dots, spaces or apostrophes. */
export { countryKey };

/** Irregular words for a country's people in every language, folded, with their region code. */
export function irregularDemonyms(): Map<string, string> {
  const out = new Map<string, string>();
  for (const l of LEXICONS)
    for (const [code, words] of Object.entries(l.demonyms ?? {}))
      for (const w of words) out.set(countryKey(w), code);
  return out;
}

let glossIndex: Map<string, Set<string>> | null = null;
/**
 * The English glosses of a folded word inside names, in any language ("haute" -> "high"); a
 * gloss is a word of itself. Empty when no lexicon lists the word.
 */
export function nameGlosses(word: string): ReadonlySet<string> {
  if (!glossIndex) {
    glossIndex = new Map();
    const add = (w: string, gloss: string) => {
      const k = fold(w);
      let set = glossIndex!.get(k);
      if (!set) glossIndex!.set(k, (set = new Set()));
      set.add(gloss);
    };
    for (const l of LEXICONS)
      for (const [gloss, forms] of Object.entries(l.nameWords ?? {})) {
        add(gloss, gloss);
        for (const w of split(forms)) add(w, gloss);
      }
  }
  return glossIndex.get(word) ?? EMPTY;
}
const EMPTY: ReadonlySet<string> = new Set();

/** Whether two folded words inside names translate one another ("high" / "haut" / "alto"). */
export function sameGloss(a: string, b: string): boolean {
  const ga = nameGlosses(a);
  if (ga.size === 0) return false;
  for (const g of nameGlosses(b)) if (ga.has(g)) return true;
  return false;
}

let demonymIndex: {
  stems: Map<string, string>;
  endings: Set<string>;
  irregular: Map<string, string>;
} | null = null;
/**
 * The region code of a folded word for a country's people in any language ("ruritanian",
 * "ruritana", "ruritaine" -> the code of "Ruritania"), or null: an irregular one from the
 * lexicons, or a country name (less its last vowel or "ia") plus a listed ending.
 */
export function demonymCountry(word: string): string | null {
  if (!demonymIndex) {
    const stems = new Map<string, string>();
    for (const [k, code] of countryNames()) {
      if (!/^[A-Z]{2}$/.test(code)) continue;
      for (const stem of [k, k.replace(/[aeiouy]$/, ''), k.replace(/i[ae]$/, '')])
        if (stem.length >= 4 && !stems.has(stem)) stems.set(stem, code);
    }
    const endings = new Set<string>();
    for (const l of LEXICONS) for (const e of split(l.demonymEndings ?? '')) endings.add(fold(e));
    demonymIndex = { stems, endings, irregular: irregularDemonyms() };
  }
  const k = countryKey(word);
  const irregular = demonymIndex.irregular.get(k);
  if (irregular) return irregular;
  for (let i = 4; i < k.length; i++)
    if (demonymIndex.endings.has(k.slice(i))) {
      const code = demonymIndex.stems.get(k.slice(0, i));
      if (code) return code;
    }
  return null;
}

let suffixes: string[][] | null = null;
/** Company suffixes in every language as folded word sequences ("linhas aereas"). */
export function companySuffixes(): readonly string[][] {
  suffixes ??= LEXICONS.flatMap((l) =>
    (l.companySuffixes ?? '')
      .split('|')
      .map((p) => split(fold(p)))
      .filter((p) => p.length > 0),
  );
  return suffixes;
}
