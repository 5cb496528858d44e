/**
 * Entity discovery from the text itself: capitalised chunks become candidates, candidates are
 * grouped under one entity by their aliases (surname, acronym in parentheses, accent-free and
 * title-stripped forms, possessive, near-miss spelling), typed from keywords and context, and
 * every occurrence becomes a mention. Nothing here knows any particular story.
 */
import { distance } from 'fastest-levenshtein';
import {
  anyLanguage,
  baseLanguage,
  countryCode,
  hasAdjectiveEnding,
  hasDemonymEnding,
  LEXICONS,
  typeKeywords,
} from '../lang';
import type { Descriptor, Entity, EntityType, Mention, Passage, Source } from '../types';
import { guessLanguage } from './clean';
import { slug } from './ids';
import type { EntityOverrides } from './overrides';
import { fold } from './text';
import {
  type Chunk,
  chunks,
  isAllCaps,
  isConjunction,
  isConnector,
  isInitialism,
  type Token,
  tokenize,
} from './tokens';

export interface DiscoveryInput {
  source: Source;
  passages: Passage[];
}

export interface DiscoveryResult {
  /** New entities, and known ones that gained aliases or descriptors. */
  entities: Entity[];
  mentions: Mention[];
}

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
const ROLE_WORDS = asWritten('roles');
const HONORIFICS = asWritten('honorifics');
/** Offices in lower case ("la presidenta X", "the president"): the name after is a person. */
const ROLE_CONTEXT = anyLanguage('roles');

/** Months and weekdays in every language. */
const CALENDAR = anyLanguage('calendar');

/** Capitalised at a sentence start but not names. */
const FUNCTION_WORDS = words(
  'the a an this that these those his her its their our my your both some many several each every all any no such other another according since before after while when where whereas although though despite during in on at for with from by as if but and or nor so yet then there here what who whom whose which why how it he she they we i you us them him me one two three also still only just even later earlier today yesterday tomorrow meanwhile however instead moreover furthermore thus hence not now once',
);
/**
 * Every language's articles, prepositions, pronouns and conjunctions ("En", "Le", "O",
 * "Desde"): not names at a sentence start, though an article may begin one mid-sentence
 * ("El Salvador").
 */
const OPENING_WORDS = new Set([
  ...anyLanguage('articles'),
  ...anyLanguage('functionWords'),
  ...anyLanguage('conjunctions'),
  ...anyLanguage('elisions'),
]);
/** Articles in every language, elided ones included ("l'"). */
const ARTICLES = new Set([...anyLanguage('articles'), "l'"]);
/** "State", "provincia", "région": divisions named after a place. */
const DIVISIONS = anyLanguage('divisions');
/** Capitalised abbreviations that are not names ("GMT"). */
const NOT_NAMES = anyLanguage('notNames');

/** Words that end a walk back from a name over its modifiers. */
const STOP_BACK = new Set([
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
const CONTEXT_TYPES: Array<[EntityType, Set<string>]> = [
  ['organization', anyLanguage('organizationContext')],
  ['facility', words('prison mega-prison jail facility palace complex center centre camp')],
];

const PLACE_PREPOSITIONS = anyLanguage('placePrepositions');
const WEAK_PLACE_PREPOSITIONS = anyLanguage('weakPlacePrepositions');
const PLACE_CUES = anyLanguage('placeCues');
/** Head words of places in every language ("city", "ciudad", "ville"). */
const PLACE_WORDS = typeKeywords().find(([type]) => type === 'place')![1];
const SPEECH_VERBS = anyLanguage('speechVerbs');

// ---------------------------------------------------------------------------------------------

interface Occurrence {
  source: Source;
  passage: Passage;
  /** The name's tokens (without titles and modifiers). */
  tokens: Token[];
  start: number;
  end: number;
  surface: string;
  /** Came after a role word or honorific ("President X", "Mrs. X"). */
  titled: boolean;
  /** The title/role phrase with its modifiers, as an outlet's descriptor. */
  descriptor: string | null;
  /** Only link to an entity found elsewhere; never create one (e.g. "Homeland Security" in a title). */
  linkOnly: boolean;
  /** Acronym given in parentheses right after the name. */
  acronym: string | null;
  /** Lower-case words just before and after (for typing). */
  before: string[];
  after: string[];
  /** Named as some place's: "Ruritania's Supreme Court", "Ruritanian National Police". */
  qualified: boolean;
}

// Keys are asked for the same few names over and over (every occurrence, every alias).
const keyCache = new Map<string, string>();
const KEY_CACHE_MAX = 50_000;

function key(name: string): string {
  let k = keyCache.get(name);
  if (k === undefined) {
    // Initialisms compare without dots ("U.S." = "US"); everything else folded.
    // Hyphens and spaces are spelled either way in compound names ("Castilla-La Mancha").
    k = fold(name)
      .replace(/(?<=\p{L})\.(?=\p{L}|$)/gu, '')
      .replace(/[’']/g, "'")
      .replace(/(?<=\p{L})-(?=\p{L})/gu, ' ');
    if (keyCache.size >= KEY_CACHE_MAX) keyCache.clear();
    keyCache.set(name, k);
  }
  return k;
}

/** Chunks longer than this are not one name (a shouted line, a list): they only link names. */
export const MAX_NAME_TOKENS = 16;

/** Near-miss spellings are looked for among names up to this long (names are far shorter). */
const NEAR_MISS_MAX_CHARS = 64;

function lower(t: Token | undefined): string {
  return t ? fold(t.text) : '';
}

function isDemonym(text: string): boolean {
  return /(?:an|ans|ian|ians|ean|eans|ese|ish|iard|iards)$/.test(text) && text.length > 4;
}

interface CorpusStats {
  /** Folded words seen in lower case anywhere. */
  lowercase: Set<string>;
  /** Folded single-token names seen capitalised away from a sentence start. */
  capNonInitial: Set<string>;
  /** Acronyms defined after a lower-case phrase ("memorandum of understanding (MOU)"). */
  commonAcronyms: Set<string>;
}

function statsOf(
  sentences: Array<{ tokens: Token[]; chunks: Chunk[]; text: string; base: number }>,
): CorpusStats {
  const lowercase = new Set<string>();
  const capNonInitial = new Set<string>();
  const commonAcronyms = new Set<string>();
  for (const s of sentences) {
    for (const t of s.tokens) if (!t.cap) lowercase.add(fold(t.text));
    for (const c of s.chunks) {
      const first = c.tokens[0]!;
      if (c.tokens.length === 1 && !first.initial) capNonInitial.add(key(first.text));
    }
    for (const a of acronymsAfterLowercase(s.text)) commonAcronyms.add(a);
  }
  return { lowercase, capNonInitial, commonAcronyms };
}

/**
 * Acronyms defined right after a lower-case phrase: what
 * `/([a-z][a-z\s-]{6,})\s\(([A-Z]{2,6})\)/g` finds, in one pass (that regex backtracks over
 * every long lower-case run).
 */
function acronymsAfterLowercase(text: string): string[] {
  const out: string[] = [];
  const inRun = (c: string) => (c >= 'a' && c <= 'z') || c === '-' || /\s/.test(c);
  for (const m of text.matchAll(/\s\(([A-Z]{2,6})\)/g)) {
    // The run of [a-z\s-] before the space must hold a letter at least 7 characters back.
    let i = m.index;
    let letterAt = -1;
    while (i > 0 && inRun(text[i - 1]!)) {
      i--;
      if (m.index - i >= 7 && text[i]! >= 'a' && text[i]! <= 'z') letterAt = i;
    }
    if (letterAt >= 0) out.push(m[1]!);
  }
  return out;
}

/** Walks back from a chunk over modifiers: "Ruritania's leftist | President X". */
function modifiersBefore(
  tokens: readonly Token[],
  from: number,
  sentence: string,
  base: number,
): Token[] {
  const out: Token[] = [];
  for (let i = from - 1; i >= 0 && out.length < 3; i--) {
    const t = tokens[i]!;
    const gap = sentence.slice(t.end - base, tokens[i + 1]!.start - base);
    if (!/^(?:['’]s?)?\s$/u.test(gap) || t.hasDigit) break;
    if (t.possessive && t.cap) {
      out.unshift(t);
      break;
    }
    if (t.cap ? !isDemonym(t.text) : STOP_BACK.has(fold(t.text))) break;
    out.unshift(t);
  }
  return out;
}

function phrase(source: Source, toks: readonly Token[]): string {
  if (toks.length === 0) return '';
  const first = toks[0]!;
  const last = toks[toks.length - 1]!;
  // Possessive modifiers keep their "'s" ("Ruritania's leftist President").
  const end = last.possessive ? last.end + 2 : last.end;
  return source.text.slice(first.start, end).replace(/\s+/g, ' ');
}

/** Appositive after a name: "X, a populist who …" -> "a populist". */
function appositiveAfter(
  source: Source,
  tokens: readonly Token[],
  to: number,
  sentence: string,
  base: number,
): string | null {
  const last = tokens[to - 1];
  const next = tokens[to];
  if (!last || !next) return null;
  const gap = sentence.slice(last.end - base, next.start - base);
  if (!/^(?:\)?)(?:['’]s)?\s*,\s*$/.test(gap.replace(/^\s*\([A-Z]{2,6}\)/, ''))) return null;
  if (!['a', 'an'].includes(next.text.toLowerCase())) return null;
  const out: Token[] = [next];
  for (let i = to + 1; i < tokens.length && out.length < 7; i++) {
    const t = tokens[i]!;
    const g = sentence.slice(tokens[i - 1]!.end - base, t.start - base);
    if (!/^\s$/.test(g)) break;
    const f = fold(t.text);
    if (['who', 'which', 'that', 'where', 'when', 'whose', 'and', 'but'].includes(f)) break;
    if (out.length >= 2 && /(?:ed|ing)$/.test(f)) break;
    out.push(t);
  }
  if (out.length < 2) return null;
  return phrase(source, out);
}

/** A word that opens the chunk without being part of the name ("The", "En", "Desde", "d'"). */
function opensChunk(t: Token): boolean {
  const f = fold(t.text).replace('’', "'");
  if (FUNCTION_WORDS.has(f) || CALENDAR.has(f)) return true;
  // Other languages' articles and prepositions: where the sentence capitalised them, or elided.
  return OPENING_WORDS.has(f) && (t.initial || f.endsWith("'") || !t.cap);
}

function stripFunctionWords(toks: Token[]): Token[] {
  let i = 0;
  while (i < toks.length - 1 && opensChunk(toks[i]!)) i++;
  let j = toks.length;
  while (j > i && isConnector(toks[j - 1]!.text)) j--;
  return toks.slice(i, j);
}

/** Turns one chunk into name occurrences (a role chunk yields the name after the role). */
function analyseChunk(
  source: Source,
  passage: Passage,
  tokens: Token[],
  chunk: Chunk,
  knownPersons: Set<string>,
  stats: CorpusStats,
): Occurrence[] {
  const base = passage.start;
  const sentence = passage.text;
  // A title in quotes keeps its article: “The Substance”, « Le Monde ».
  const firstTok = chunk.tokens[0]!;
  const lastTok = chunk.tokens[chunk.tokens.length - 1]!;
  const quoted =
    // (Bounded windows: a sentence holds many chunks.)
    /[“"«‘]\s*$/u.test(
      sentence.slice(Math.max(0, firstTok.start - base - 4), firstTok.start - base),
    ) && /^\s*[”"»’]/u.test(sentence.slice(lastTok.end - base, lastTok.end - base + 4));
  let toks =
    quoted && chunk.tokens.length > 1 ? [...chunk.tokens] : stripFunctionWords(chunk.tokens);
  // "National Security and Public Safety of the United States", "Investigadores do X": common
  // words, then a preposition, then a name. An institution's head word keeps its "of" phrase.
  const of = toks.findIndex((t) => t.text === 'of' || (!t.cap && isConnector(t.text)));
  if (
    of > 0 &&
    // Other languages' "de": only where the sentence's start capitalised the common word.
    (toks[of]!.text === 'of' || toks[0]!.initial) &&
    !toks.some((t) => ROLE_WORDS.has(t.text)) &&
    !typeFromKeywords(toks.slice(0, of)) &&
    toks.slice(0, of).every((t) => stats.lowercase.has(fold(t.text)))
  ) {
    toks = stripFunctionWords(toks.slice(of + 1));
  }
  // "Marrakech, Morocco September 9": a date after a name is not part of it.
  const toksAt = chunk.from + chunk.tokens.indexOf(toks[0]!);
  const date = toks.findIndex((t, i) => {
    if (i === 0 || !CALENDAR.has(fold(t.text))) return false;
    const at = toksAt + i;
    return tokens[at + 1]?.hasDigit === true || tokens[at - 1]?.hasDigit === true;
  });
  if (date > 0) toks = toks.slice(0, date);
  // "the State of X", "la province de X": a division named after its seat names the seat.
  if (toks.length >= 3 && DIVISIONS.has(fold(toks[0]!.text)) && isConnector(toks[1]!.text))
    toks = toks.slice(2);
  // "le Danois Jonas Doe", "l'Américain John Doe": after an article, a capitalised noun before
  // a person's two or three names describes the person.
  const prevTok = tokens[chunk.from + chunk.tokens.indexOf(toks[0]!) - 1];
  if (
    toks.length >= 3 &&
    toks.length <= 4 &&
    prevTok &&
    ARTICLES.has(fold(prevTok.text).replace('’', "'")) &&
    !FUNCTION_WORDS.has(fold(prevTok.text)) &&
    !typeFromKeywords(toks) &&
    !ROLE_WORDS.has(toks[0]!.text) &&
    !toks.some((t) => isConnector(t.text) || isAllCaps(t.text)) &&
    countryCode(toks.map((t) => t.text).join(' ')) === null
  )
    toks = toks.slice(1);
  while (toks.length > 1 && isConnector(toks[toks.length - 1]!.text)) toks = toks.slice(0, -1);
  if (toks.length === 0 || (toks.length === 1 && opensChunk(toks[0]!))) return [];

  const from = chunk.from + chunk.tokens.indexOf(toks[0]!);
  const to = chunk.from + chunk.tokens.indexOf(toks[toks.length - 1]!) + 1;
  const before = tokens.slice(Math.max(0, from - 3), from).map(lower);
  const after = tokens.slice(to, to + 3).map(lower);

  const occ = (nameToks: Token[], extra: Partial<Occurrence>): Occurrence => {
    const first = nameToks[0]!;
    const last = nameToks[nameToks.length - 1]!;
    return {
      source,
      passage,
      tokens: nameToks,
      start: first.start,
      end: last.end,
      surface: source.text.slice(first.start, last.end),
      titled: false,
      descriptor: null,
      linkOnly: false,
      acronym: null,
      before,
      after,
      qualified: false,
      ...extra,
    };
  };

  // Title-case headlines capitalise every word: only link names found elsewhere. So does a run
  // of capitalised words too long to be one name.
  // Later titles are headings, menus and labels: they only link names too.
  if (
    (passage.kind === 'title' && (passage.block > 0 || isTitleCase(passage.text))) ||
    toks.length > MAX_NAME_TOKENS
  )
    return [occ(toks, { linkOnly: true })];

  // "Huesca (HU)": a two-letter code in brackets after a name is a region's code; it only links.
  const lone = toks.length === 1 ? toks[0]! : null;
  if (
    lone &&
    /^[A-Z]{2}$/.test(lone.text) &&
    /(?:^|[^\p{L}])\p{Lu}[\p{L}.'’-]*\s\($/u.test(
      sentence.slice(Math.max(0, lone.start - base - 64), lone.start - base),
    ) &&
    sentence[lone.end - base] === ')'
  )
    return [occ(toks, { linkOnly: true })];

  // Parenthesised acronym right after the chunk: "… Protection Agency (EPA)".
  const afterText = sentence.slice(toks[toks.length - 1]!.end - base);
  const code = /^\s\(([A-Z][A-Z0-9]{1,7})\)/.exec(afterText)?.[1] ?? null;
  // "Vinhedo (SP)", "Aeroporto de X (SP)": after a one-word name or a place, or as two letters,
  // a bracketed code is the region the place is in, not its acronym, unless the initials agree.
  const acr =
    code &&
    (toks.length === 1 || code.length === 2 || typeFromKeywords(toks) === 'place') &&
    fold(code[0]!) !== fold(toks[0]!.text)[0]
      ? null
      : code;
  const allCapsChunk = toks.every((t) => isAllCaps(t.text) || isConnector(t.text));

  // Role words: the name is what follows the last one.
  let r = -1;
  toks.forEach((t, i) => {
    if (ROLE_WORDS.has(t.text) && i < toks.length) r = i;
  });
  // "General Election": a role word before a common word is not a title.
  const afterRole = toks.slice(r + 1);
  if (
    r >= 0 &&
    afterRole.length === 1 &&
    stats.lowercase.has(fold(afterRole[0]!.text)) &&
    !isAllCaps(afterRole[0]!.text)
  )
    r = -1;
  if (r >= 0) {
    const out: Occurrence[] = [];
    let nameStart = r + 1;
    // "President of Ruritania Jane Doe": the office's place, then the name.
    if (toks[nameStart] && toks[nameStart]!.text === 'of') {
      const rest = toks.slice(nameStart + 1);
      let split = -1;
      for (let n = Math.min(3, rest.length - 1); n >= 1; n--) {
        if (
          knownPersons.has(
            key(
              rest
                .slice(rest.length - n)
                .map((t) => t.text)
                .join(' '),
            ),
          )
        ) {
          split = rest.length - n;
          break;
        }
      }
      if (split < 0) split = rest.length > 2 ? rest.length - 2 : rest.length;
      nameStart = nameStart + 1 + split;
      const ofPart = rest.slice(0, split);
      if (ofPart.length > 0) out.push(occ(ofPart, { linkOnly: true }));
    }
    let name = toks.slice(nameStart);
    // "Minister Jane Doe of Ruritania": the name ends before "of".
    const ofAt = name.findIndex((t, i) => i > 0 && t.text === 'of');
    if (ofAt > 0) {
      const place = name.slice(ofAt + 1).filter((t) => !isConnector(t.text));
      if (place.length > 0) out.push(occ(place, { linkOnly: true }));
      name = name.slice(0, ofAt);
    }
    const mods = modifiersBefore(tokens, from, sentence, base);
    const roleToks = [...mods, ...toks.slice(0, nameStart)];
    const honorificOnly = roleToks.length === 1 && HONORIFICS.has(roleToks[0]!.text);
    const descriptor = honorificOnly ? null : phrase(source, roleToks) || null;
    // What precedes the role inside the chunk ("DHS" in "DHS Secretary") may name an organization.
    const prefix = toks.slice(0, r).filter((t) => !HONORIFICS.has(t.text));
    for (const t of prefix)
      if (isAllCaps(t.text) || isInitialism(t.text)) out.push(occ([t], { linkOnly: true }));
    if (
      name.length > 0 &&
      name.filter((t) => !isConnector(t.text) && t.text.length > 2).length <= 4
    ) {
      out.push(occ(name, { titled: true, descriptor, acronym: acr }));
    } else if (name.length === 0 && descriptor) {
      // "Ruritania's new Defense Minister, Jane Doe": the name follows after a comma.
      const next = tokens[to];
      const gap = next ? sentence.slice(toks[toks.length - 1]!.end - base, next.start - base) : '';
      if (next?.cap && /^\s*,\s*$/.test(gap)) {
        const appos: Token[] = [];
        for (let i = to; i < tokens.length && appos.length < 4; i++) {
          const t = tokens[i]!;
          if (!t.cap || t.hasDigit) break;
          if (
            appos.length > 0 &&
            !/^\s$/.test(sentence.slice(tokens[i - 1]!.end - base, t.start - base))
          )
            break;
          appos.push(t);
          if (t.possessive) break;
        }
        if (appos.length >= 2) out.push(occ(appos, { titled: true, descriptor }));
      }
    }
    return out;
  }

  if (allCapsChunk && /^\s*[—–-]/.test(afterText)) return []; // a dateline
  const mods = modifiersBefore(tokens, from, sentence, base);
  const lastMod = mods[mods.length - 1];
  const beforeMods = tokens[from - mods.length - 1];
  const determiner = beforeMods && ['the', 'a', 'an'].includes(fold(beforeMods.text));
  const lead = mods.length > 0 && (determiner || mods[0]!.possessive) && lastMod && !lastMod.cap;
  // "the longtime U.S. ally": the name modifies "ally", so "longtime" does not describe it.
  const nextTok = tokens[to];
  const attributive =
    nextTok !== undefined &&
    !nextTok.cap &&
    !STOP_BACK.has(fold(nextTok.text)) &&
    /^\s$/.test(sentence.slice(toks[toks.length - 1]!.end - base, nextTok.start - base));
  const descriptor =
    appositiveAfter(source, tokens, to, sentence, base) ??
    (lead && !attributive ? phrase(source, mods) : null);
  // Leading demonyms describe the name: "Ruritanian National Police Directorate".
  let k = 0;
  while (k < toks.length - 1 && isDemonym(toks[k]!.text)) k++;
  const name = toks.slice(k);
  // "Palais national", "Communauté valencienne": where names are written in sentence case, a
  // capitalised common noun or head word takes the adjectives after it.
  const head = name.length === 1 ? name[0]! : null;
  const lang = languageOf(source);
  if (
    head &&
    !head.initial &&
    lang !== null &&
    (stats.lowercase.has(fold(head.text)) || typeFromKeywords([head]) !== null) &&
    countryCode(head.text) === null
  ) {
    for (let i = to; i < tokens.length && i < to + 2; i++) {
      const t = tokens[i]!;
      const gap = sentence.slice(tokens[i - 1]!.end - base, t.start - base);
      if (t.cap || t.hasDigit || gap !== ' ' || OPENING_WORDS.has(fold(t.text))) break;
      if (!hasAdjectiveEnding(t.text, lang)) break;
      name.push(t);
    }
  }
  const prev = tokens[from - 1];
  const ownedBy =
    prev !== undefined &&
    prev.cap &&
    prev.possessive &&
    /^['’]s?\s$/u.test(sentence.slice(prev.end - base, toks[0]!.start - base));
  return [occ(name, { descriptor, acronym: acr, qualified: k > 0 || ownedBy })];
}

/** The last word is the type's head word ("Mojave Desert", not "Policía Nacional"). */
function TAIL_KEYWORD(toks: readonly Token[]): boolean {
  const last = fold(toks[toks.length - 1]!.text);
  return TYPE_KEYWORDS.some(([, set]) => set.has(last));
}

/**
 * Names without any evidence of their type take the type of the names listed with them:
 * "Ruritania, Freedonia y Sylvania" are all places when one is. Two rounds reach a list's
 * far end from a typed name at either side.
 */
function typeFromNeighbours(
  untyped: ReadonlyArray<{ entity: Entity; occs: readonly Occurrence[] }>,
  aliasToEntity: ReadonlyMap<string, Entity>,
): void {
  const neighbour = (w: string | undefined) => (w ? aliasToEntity.get(w) : undefined);
  for (let round = 0; round < 2; round++) {
    for (const { entity, occs } of untyped) {
      if (entity.type !== 'other') continue;
      const votes = new Map<EntityType, number>();
      for (const o of occs) {
        const b = o.before;
        const prev = isConjunction(b[b.length - 1] ?? '') ? b[b.length - 2] : b[b.length - 1];
        const next = isConjunction(o.after[0] ?? '') ? o.after[1] : o.after[0];
        for (const n of [neighbour(prev), neighbour(next)])
          if (n && n !== entity && n.type !== 'other' && n.type !== 'person')
            votes.set(n.type, (votes.get(n.type) ?? 0) + 1);
      }
      const best = [...votes.entries()].sort((x, y) => y[1] - x[1])[0];
      if (best) entity.type = best[0];
    }
  }
}

/**
 * Two names written side by side read as one chunk: "INE Jane Doe", "Jane Doe of Acme
 * Party", "the X Party and the Y Party". Where a chunk ends with a name of two or more words
 * that the corpus also writes on its own, it is cut before that name, unless what precedes is
 * an institution's head ("University of New Mexico") and no "and" joins them. Chunks are at
 * most MAX_NAME_TOKENS long, so the suffixes tried per chunk are bounded.
 */
function splitRunTogether(occs: readonly Occurrence[], known: readonly Entity[]): Occurrence[] {
  const standalone = new Set<string>();
  for (const o of occs) if (!o.linkOnly && o.tokens.length >= 2) standalone.add(key(o.surface));
  for (const e of known) for (const a of [e.name, ...e.aliases]) standalone.add(key(a));
  // Names a person is known by, and their first two words ("Jane Doe" of "Jane Doe Roe").
  const personHeads = new Set<string>();
  for (const o of occs) {
    if (o.linkOnly || o.tokens.length < 2 || o.tokens.length > 4) continue;
    if (o.tokens.some((t) => isConnector(t.text) || isAllCaps(t.text))) continue;
    personHeads.add(key(o.surface));
    personHeads.add(key(`${o.tokens[0]!.text} ${o.tokens[1]!.text}`));
  }
  const span = (o: Occurrence, toks: Token[], extra: Partial<Occurrence>): Occurrence => ({
    ...o,
    tokens: toks,
    start: toks[0]!.start,
    end: toks[toks.length - 1]!.end,
    surface: o.source.text.slice(toks[0]!.start, toks[toks.length - 1]!.end),
    ...extra,
  });
  const out: Occurrence[] = [];
  for (const o of occs) {
    const n = o.tokens.length;
    let cut = -1;
    if (!o.linkOnly && n >= 3) {
      for (let i = 1; i <= n - 2 && cut < 0; i++) {
        const rest = o.tokens.slice(i);
        if (isConnector(rest[0]!.text)) continue;
        if (standalone.has(key(o.source.text.slice(rest[0]!.start, o.end)))) cut = i;
      }
    }
    if (cut < 0) {
      out.push(o);
      continue;
    }
    let head = o.tokens.slice(0, cut);
    // Only where the text shows two names: joined by "and", or an acronym before a name. A
    // person's given names before a surname pair are one name; "X de São Paulo" is one too.
    const glue = head[head.length - 1]!;
    const joined = head.some((t) => isConjunction(t.text));
    let split =
      !o.acronym &&
      (joined || (head.length === 1 && (isAllCaps(glue.text) || isInitialism(glue.text))));
    while (
      head.length > 0 &&
      (isConnector(head[head.length - 1]!.text) ||
        isConjunction(head[head.length - 1]!.text) ||
        ARTICLES.has(fold(head[head.length - 1]!.text)))
    )
      head = head.slice(0, -1);
    // "Jane Doe of the Acme Party": a person's name, a preposition, an organization's name.
    if (
      !split &&
      !o.acronym &&
      isConnector(glue.text) &&
      head.length >= 2 &&
      head.length <= 3 &&
      !o.tokens.slice(cut).some((t) => isAllCaps(t.text)) &&
      personHeads.has(key(head.map((t) => t.text).join(' ')))
    )
      split = true;
    if (!split || (!joined && head.length > 0 && typeFromKeywords(head))) {
      out.push(o);
      continue;
    }
    if (head.length > 0) out.push(span(o, head, { acronym: null, after: [] }));
    out.push(
      span(o, o.tokens.slice(cut), {
        titled: false,
        descriptor: null,
        before: [],
        qualified: false,
      }),
    );
  }
  return out;
}

const languages = new WeakMap<Source, string | null>();
/** The source's language, or, when its metadata has none, the one its function words show. */
function languageOf(source: Source): string | null {
  if (!languages.has(source))
    languages.set(
      source,
      baseLanguage(source.language) ?? guessLanguage(source.text.slice(0, 20_000)),
    );
  return languages.get(source) ?? null;
}

/** A word shared by more groups than this is no evidence that two names are one person. */
const MAX_SHARED_NAME_WORD = 32;

/**
 * One person's shorter and longer names, by evidence in the words: "López Obrador" and "Jane
 * Ann Doe" inside "Andrés Manuel López Obrador" and "Jane Ann Doe Roe"; "Jane Roe" for "Jane
 * Ann Roe" (same first and last words); "Doe Roe" after "Jane Doe" (a second surname); "Janne
 * Roe" for "Jane Roe" (same surname, given names one edit apart). A shorter name joins only
 * when exactly one longer person fits.
 */
function linkPersonVariants(
  multi: readonly Group[],
  personLike: (g: Group) => boolean,
  union: (child: string, into: string) => void,
  find: (k: string) => string,
): void {
  const words = (g: Group): string[] => {
    const longest = maxLen(g);
    return g.occs.find((o) => o.tokens.length === longest)!.tokens.map((t) => key(t.text));
  };
  const persons = multi
    .filter((g) => personLike(g) && g.occs.length > 0 && !typeFromKeywords(g.occs[0]!.tokens))
    .map((g) => ({ g, w: words(g) }))
    .filter((p) => p.w.every((w) => !isConnector(w)) && p.w.length <= 5);
  const byWord = new Map<string, typeof persons>();
  for (const p of persons) {
    for (const w of new Set(p.w)) {
      const list = byWord.get(w);
      if (list) list.push(p);
      else byWord.set(w, [p]);
    }
  }
  const contains = (long: string[], short: string[]) => {
    for (let i = 0; i + short.length <= long.length; i++)
      if (short.every((w, j) => long[i + j] === w)) return true;
    return false;
  };
  const fits = (long: string[], short: string[]): boolean => {
    if (long.length > short.length && contains(long, short)) return true;
    const [sf, sl] = [short[0]!, short[short.length - 1]!];
    const [lf, ll] = [long[0]!, long[long.length - 1]!];
    if (short.length === 2 && long.length > 2 && sf === lf && sl === ll) return true;
    if (short.length === 2 && long.length === 2 && sf === ll && sl !== lf) return true;
    return (
      long.length >= short.length &&
      sl === ll &&
      sf !== lf &&
      sf.length >= 5 &&
      lf.length >= 5 &&
      distance(sf, lf) === 1
    );
  };
  // Twice: a name that two variants fit becomes unambiguous once they are joined.
  for (const p of [...persons, ...persons]) {
    if (p.w.length > 3) continue;
    const candidates = new Set<(typeof persons)[number]>();
    for (const w of [p.w[0]!, p.w[p.w.length - 1]!]) {
      const list = byWord.get(w) ?? [];
      if (list.length <= MAX_SHARED_NAME_WORD) for (const c of list) if (c !== p) candidates.add(c);
    }
    const targets = new Set<string>();
    for (const c of candidates) if (fits(c.w, p.w)) targets.add(find(c.g.key));
    targets.delete(find(p.g.key));
    if (targets.size === 1) union(p.g.key, [...targets][0]!);
  }
}

// Asked once per chunk of a title: remembered for the last title seen.
let lastTitle: { text: string; titleCase: boolean } | null = null;

function isTitleCase(text: string): boolean {
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

function typeFromKeywords(tokens: readonly Token[]): EntityType | null {
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

interface Group {
  key: string;
  occs: Occurrence[];
  aliases: Set<string>;
}

function pickName(g: Group): string {
  const counts = new Map<string, number>();
  // Longest in words of the key: "Castilla-La Mancha" competes with "Castilla La Mancha".
  const words = (o: Occurrence) => key(o.surface).split(' ').length;
  let longest = 0;
  for (const o of g.occs) longest = Math.max(longest, words(o));
  for (const o of g.occs)
    if (words(o) === longest) counts.set(o.surface, (counts.get(o.surface) ?? 0) + 1);
  const best = [...counts.entries()].sort(
    (a, b) =>
      // Prefer accented spellings ("Zürich"), then mixed case over ALL CAPS, then frequency.
      Number(b[0] !== fold(b[0]) && b[0].normalize('NFD') !== b[0]) -
        Number(a[0] !== fold(a[0]) && a[0].normalize('NFD') !== a[0]) ||
      Number(isAllCaps(a[0])) - Number(isAllCaps(b[0])) ||
      b[1] - a[1],
  );
  return best[0]?.[0] ?? g.occs[0]!.surface;
}

/**
 * Of a known entity's name and aliases, the one pickName would choose without counts: most
 * words; among spellings of the same name, accented, then not in capitals; else the current.
 */
function betterName(current: string, aliases: readonly string[]): string {
  const words = (s: string) => tokenize(s).length;
  const accented = (s: string) => Number(s !== fold(s) && s.normalize('NFD') !== s);
  let best = current;
  for (const a of aliases) {
    const more = words(a) - words(best);
    if (more > 0) best = a;
    else if (more === 0 && key(a) === key(best)) {
      const d = accented(a) - accented(best) || Number(isAllCaps(best)) - Number(isAllCaps(a));
      if (d > 0) best = a;
    }
  }
  return best;
}

// Groups are complete before anyone asks their longest occurrence, so it is computed once.
const maxLens = new WeakMap<Group, number>();

/** Token count of the group's longest occurrence (-Infinity for a group without any). */
function maxLen(g: Group): number {
  let n = maxLens.get(g);
  if (n === undefined) {
    n = Number.NEGATIVE_INFINITY;
    for (const o of g.occs) if (o.tokens.length > n) n = o.tokens.length;
    maxLens.set(g, n);
  }
  return n;
}

function inferType(g: Group, allPersonSurnames: Set<string>): EntityType {
  const longestLen = maxLen(g);
  const longest = g.occs.filter((o) => o.tokens.length === longestLen);
  const kw = typeFromKeywords(longest[0]!.tokens);
  if (kw) return kw;
  const votes: Record<EntityType, number> = {
    person: 0,
    organization: 0,
    place: 0,
    facility: 0,
    law: 0,
    agreement: 0,
    group: 0,
    other: 0,
  };
  // Place evidence that a preposition also used for persons ("à X") cannot give.
  let strongPlace = 0;
  for (const o of g.occs) {
    if (o.titled) votes.person += 3;
    const prev = o.before[o.before.length - 1] ?? '';
    const prev2 = o.before[o.before.length - 2] ?? '';
    if (PLACE_PREPOSITIONS.has(prev) || (prev === 'the' && PLACE_PREPOSITIONS.has(prev2)))
      votes.place += 1;
    const prep = PLACE_PREPOSITIONS.has(prev) ? prev : prev === 'the' ? prev2 : '';
    if (PLACE_PREPOSITIONS.has(prep) && !WEAK_PLACE_PREPOSITIONS.has(prep)) strongPlace++;
    // "the city of X", "la ciudad de X", "natural de X", "nascida em X", "condomínio X".
    if (
      (PLACE_WORDS.has(prev) && !o.tokens[0]!.initial) ||
      ((isConnector(prev) || PLACE_PREPOSITIONS.has(prev)) &&
        (PLACE_WORDS.has(prev2) || PLACE_CUES.has(prev2)))
    ) {
      votes.place += 2;
      strongPlace++;
    }
    if (SPEECH_VERBS.has(o.after[0] ?? '') || SPEECH_VERBS.has(o.after[1] ?? '')) votes.person += 1;
    if (ROLE_CONTEXT.has(prev)) votes.person += 2;
    for (const [type, set] of CONTEXT_TYPES) {
      if (o.before.some((w) => set.has(w)) || set.has(o.after[0] ?? '')) votes[type] += 1;
    }
  }
  if (allPersonSurnames.has(g.key)) votes.person += 2;
  const toks = longest[0]!.tokens;
  // A person is named by the surname alone; a place rarely by its last word.
  if (toks.length >= 2) {
    const last = key(toks[toks.length - 1]!.text);
    for (const o of g.occs) if (o.tokens.length === 1 && key(o.surface) === last) votes.person += 1;
  }
  const best = (Object.entries(votes) as Array<[EntityType, number]>).sort(
    (a, b) => b[1] - a[1],
  )[0]!;
  // Two to four plain words read as a person's name: one "à"/"en" before them is not enough.
  const personShaped =
    toks.length >= 2 &&
    toks.length <= 4 &&
    !toks.some((t) => isConnector(t.text) || isAllCaps(t.text));
  if (best[0] === 'place' && personShaped && strongPlace === 0 && votes.person === 0)
    return 'person';
  if (best[1] > 0) return best[0];
  if (toks.every((t) => isAllCaps(t.text) || isInitialism(t.text))) return 'organization';
  // Two to four plain capitalised words with no keyword read as a person's name.
  if (toks.length >= 2 && toks.length <= 4) return 'person';
  return 'other';
}

function findOverride(overrides: EntityOverrides | null, names: readonly string[]) {
  if (!overrides) return undefined;
  const keys = new Set(names.map(key));
  const hit = Object.keys(overrides).find((k) => keys.has(key(k)));
  return hit ? overrides[hit] : undefined;
}

const descriptorKey = (d: Descriptor) => `${d.sourceId}\u0000${fold(d.text)}`;

/** Adds the descriptors `into` lacks (same source and folded text), in order. */
function mergeDescriptors(into: Descriptor[], add: readonly Descriptor[]): boolean {
  const have = new Set(into.map(descriptorKey));
  let changed = false;
  for (const d of add) {
    const k = descriptorKey(d);
    if (!have.has(k)) {
      have.add(k);
      into.push(d);
      changed = true;
    }
  }
  return changed;
}

/**
 * Discovers entities and mentions in `inputs`. `known` entities (from sources already indexed)
 * are linked first; only new or changed entities are returned.
 */
export function discoverEntities(
  inputs: readonly DiscoveryInput[],
  known: readonly Entity[],
  overrides: EntityOverrides | null,
): DiscoveryResult {
  const sentences = inputs.flatMap(({ source, passages }) =>
    passages.map((passage) => {
      const tokens = tokenize(passage.text, passage.start);
      return {
        source,
        passage,
        tokens,
        chunks: chunks(tokens, passage.text, passage.start),
        text: passage.text,
        base: passage.start,
      };
    }),
  );
  const stats = statsOf(sentences);

  // Persons named right after a title ("Secretary Jane Doe") help split "President of X Jane Doe".
  const knownPersons = new Set<string>();
  for (const e of known)
    if (e.type === 'person') for (const a of [e.name, ...e.aliases]) knownPersons.add(key(a));
  for (const s of sentences) {
    for (const c of s.chunks) {
      const r = c.tokens.findIndex((t) => ROLE_WORDS.has(t.text));
      const rest = c.tokens.slice(r + 1);
      if (
        r >= 0 &&
        rest.length >= 1 &&
        rest.length <= 3 &&
        !rest.some((t) => isConnector(t.text))
      ) {
        knownPersons.add(key(rest.map((t) => t.text).join(' ')));
      }
    }
  }

  const chunkOccs: Occurrence[] = [];
  for (const s of sentences) {
    for (const c of s.chunks)
      chunkOccs.push(...analyseChunk(s.source, s.passage, s.tokens, c, knownPersons, stats));
  }
  const occs = splitRunTogether(chunkOccs, known);

  // ---- junk filter ------------------------------------------------------------------------
  const knownKeys = new Map<string, Entity>();
  for (const e of known) for (const a of new Set([e.name, ...e.aliases])) knownKeys.set(key(a), e);

  // Words that end or start a multi-word name ("Doe" of "Jane Doe") are names even at a sentence start.
  const nameParts = new Set<string>();
  for (const o of occs) {
    if (o.linkOnly || o.tokens.length < 2) continue;
    nameParts.add(key(o.tokens[0]!.text));
    nameParts.add(key(o.tokens[o.tokens.length - 1]!.text));
  }

  const isJunk = (o: Occurrence): boolean => {
    const toks = o.tokens;
    const k = key(o.surface);
    if (knownKeys.has(k)) return false;
    if (o.surface.replace(/[^\p{L}]/gu, '').length < 2) return true;
    if (toks.every((t) => CALENDAR.has(fold(t.text)) || FUNCTION_WORDS.has(fold(t.text))))
      return true;
    if (
      toks.length === 1 &&
      (OPENING_WORDS.has(fold(toks[0]!.text)) || NOT_NAMES.has(fold(toks[0]!.text)))
    )
      return true;
    if (toks.length === 1) {
      const t = toks[0]!;
      const f = fold(t.text);
      if (ROLE_WORDS.has(t.text) || HONORIFICS.has(t.text)) return true;
      if (isAllCaps(t.text) && stats.commonAcronyms.has(t.text)) return true;
      // "a MOU": an acronym used as a common noun.
      if (isAllCaps(t.text) && ['a', 'an'].includes(o.before[o.before.length - 1] ?? ''))
        return true;
      // "X-Y relations": handled as two mentions below.
      // (A particle before the hyphen is part of one name: "Al-Aoula".)
      const parts = t.text.split('-');
      if (
        parts.length > 1 &&
        parts.every((p) => /^\p{Lu}/u.test(p)) &&
        !/^\p{Lu}\p{Ll}$/u.test(parts[0]!)
      )
        return true;
      if (o.titled || o.acronym) return false;
      // A site's address is the outlet's boilerplate ("… on Example.com"), not a name.
      if (/\.\p{L}{2,6}$/u.test(t.text) && !isInitialism(t.text)) return true;
      // Country names are names wherever they stand ("Germany sent …").
      if (countryCode(t.text) !== null) return false;
      // "les Français", "le Slovène": a nationality noun after an article (English demonyms are
      // handled below, by their own endings).
      const lang = languageOf(o.source);
      if (
        lang !== 'en' &&
        lang !== null &&
        ARTICLES.has(fold(o.before[o.before.length - 1] ?? '').replace('’', "'")) &&
        hasDemonymEnding(t.text, lang)
      )
        return true;
      // Demonyms and adjectives: "Ruritanian government", "Freedonians".
      if (isDemonym(t.text) && (/s$/.test(t.text) || /^[a-z]/.test(o.after[0] ?? ''))) return true;
      if (stats.lowercase.has(f)) return true;
      if (t.initial && !stats.capNonInitial.has(k) && !nameParts.has(k)) return true;
      return false;
    }
    if (o.titled || o.acronym || typeFromKeywords(toks)) return false;
    const lastTok = toks[toks.length - 1]!;
    if (isDemonym(lastTok.text) && /^[a-z]/.test(o.after[0] ?? '')) return true;
    // Capitalised common words ("Public Safety", "Illegal Criminals").
    return toks.every((t) => isConnector(t.text) || stats.lowercase.has(fold(t.text)));
  };

  // ---- grouping ---------------------------------------------------------------------------
  const groups = new Map<string, Group>();
  const linkOnly: Occurrence[] = [];
  for (const o of occs) {
    if (isJunk(o)) continue;
    if (o.linkOnly) {
      linkOnly.push(o);
      continue;
    }
    const k = key(o.surface);
    let g = groups.get(k);
    if (!g) {
      g = { key: k, occs: [], aliases: new Set() };
      groups.set(k, g);
    }
    g.occs.push(o);
    g.aliases.add(o.surface);
  }

  // Union-find over group keys: acronyms, surnames, first names, heads of places, near misses.
  const parent = new Map<string, string>();
  const find = (k: string): string => {
    let p = parent.get(k) ?? k;
    while (p !== (parent.get(p) ?? p)) p = parent.get(p) ?? p;
    return p;
  };
  const union = (child: string, into: string) => {
    const a = find(child);
    const b = find(into);
    if (a !== b) parent.set(a, b);
  };

  // Acronyms in parentheses name the same thing as the long form (two long forms sharing one
  // acronym are one entity: a translated name and the original's acronym).
  for (const g of groups.values()) {
    for (const o of g.occs) {
      if (!o.acronym) continue;
      const ak = key(o.acronym);
      if (!groups.has(ak)) groups.set(ak, { key: ak, occs: [], aliases: new Set([o.acronym]) });
      union(ak, g.key);
    }
  }

  const multi = [...groups.values()].filter((g) => maxLen(g) >= 2);
  const personLike = (g: Group) =>
    g.occs.some((o) => o.titled) ||
    (!typeFromKeywords(g.occs[0]!.tokens) && maxLen(g) >= 2 && maxLen(g) <= 4);

  linkPersonVariants(multi, personLike, union, find);

  // Surnames and first names of persons; the head word of a named place ("Mojave" -> "Mojave Desert").
  const surnameOf = new Map<string, string[]>();
  const firstNameOf = new Map<string, string[]>();
  const headOf = new Map<string, string[]>();
  const addTo = (m: Map<string, string[]>, k: string, v: string) => {
    const list = m.get(k);
    if (list) list.push(v);
    else m.set(k, [v]);
  };
  for (const g of multi) {
    const longest = maxLen(g);
    const toks = g.occs.find((o) => o.tokens.length === longest)!.tokens;
    if (personLike(g) && !toks.some((t) => isConnector(t.text))) {
      addTo(surnameOf, key(toks[toks.length - 1]!.text), g.key);
      addTo(firstNameOf, key(toks[0]!.text), g.key);
    }
    // "Mojave Desert", "Labour Party": the head word alone names them too.
    const kw = typeFromKeywords(toks);
    if ((kw === 'place' || kw === 'organization') && toks.length === 2 && TAIL_KEYWORD(toks))
      addTo(headOf, key(toks[0]!.text), g.key);
  }
  const personSurnames = new Set<string>();
  for (const g of groups.values()) {
    if (maxLen(g) !== 1) continue;
    const by = (m: Map<string, string[]>) => {
      const targets = [...new Set((m.get(g.key) ?? []).map(find))];
      return targets.length === 1 ? targets[0]! : null;
    };
    const target = by(surnameOf) ?? by(headOf) ?? by(firstNameOf);
    if (target) {
      union(g.key, target);
      if (surnameOf.has(g.key)) personSurnames.add(target);
    }
  }

  // Initialisms for multi-word names: "U.S." = "United States". Multi-word names are indexed
  // by their initials (one character per word, so equal strings mean equal word counts).
  const byInitials = new Map<string, Group[]>();
  for (const m of multi) {
    const toks = m.occs[0]!.tokens.filter((t) => !isConnector(t.text));
    const initials = toks.map((t) => fold(t.text)[0]).join('');
    const list = byInitials.get(initials);
    if (list) list.push(m);
    else byInitials.set(initials, [m]);
  }
  for (const g of groups.values()) {
    const surface = g.occs[0]?.surface ?? [...g.aliases][0] ?? '';
    if (maxLen(g) > 1 || !(isInitialism(surface) || isAllCaps(surface))) continue;
    const letters = key(surface).replace(/[^a-z]/g, '');
    const matches = byInitials.get(letters) ?? [];
    if (matches.length === 1) union(g.key, matches[0]!.key);
  }

  // Country names in any language and their short forms are one place ("Marruecos" = "Maroc").
  const byCountry = new Map<string, string>();
  for (const g of groups.values()) {
    for (const a of g.aliases) {
      const code = countryCode(a);
      if (!code) continue;
      const first = byCountry.get(code);
      if (first) union(g.key, first);
      else byCountry.set(code, g.key);
      break;
    }
  }

  // Near-miss spellings ("Gardian" -> "Guardian"): one edit on a long name, the rarer
  // spelling joins the commoner. Short names never merge ("Mara" is not "Maria").
  // Only pairs one edit apart can merge, and those share a key with one character deleted (or
  // one key is the other minus a character): candidates come from that index, visited in the
  // same order as a scan over all pairs would.
  const roots = [...groups.values()].filter((g) => g.occs.length > 0);
  const byVariant = new Map<string, number[]>();
  const variantsOf = (k: string): Set<string> => {
    const out = new Set([k]);
    for (let i = 0; i < k.length; i++) out.add(k.slice(0, i) + k.slice(i + 1));
    return out;
  };
  roots.forEach((g, i) => {
    // One longer than the longest name compared: it may be a near miss of one that is.
    if (g.key.length > NEAR_MISS_MAX_CHARS + 1) return;
    for (const v of variantsOf(g.key)) {
      const list = byVariant.get(v);
      if (list) list.push(i);
      else byVariant.set(v, [i]);
    }
  });
  roots.forEach((a, ai) => {
    if (a.key.length < 8 || a.key.length > NEAR_MISS_MAX_CHARS) return;
    const candidates = new Set<number>();
    for (const v of variantsOf(a.key))
      for (const bi of byVariant.get(v) ?? []) if (bi !== ai) candidates.add(bi);
    for (const bi of [...candidates].sort((x, y) => x - y)) {
      const b = roots[bi]!;
      if (find(a.key) === find(b.key)) continue;
      if (Math.abs(a.key.length - b.key.length) > 1) continue;
      if (a.key.split(' ').length !== b.key.split(' ').length || a.key[0] !== b.key[0]) continue;
      if (a.occs.length > b.occs.length) {
        // A shorter rare spelling of a long name ("Al-Houz") is not visited as `a`: join it here.
        if (b.key.length < 8 && distance(a.key, b.key) === 1) union(b.key, a.key);
        continue;
      }
      if (distance(a.key, b.key) === 1) union(a.key, b.key);
    }
  });

  // ---- entities ---------------------------------------------------------------------------
  const byRoot = new Map<string, Group[]>();
  for (const g of groups.values()) {
    const r = find(g.key);
    const list = byRoot.get(r);
    if (list) list.push(g);
    else byRoot.set(r, [g]);
  }

  const aliasToEntity = new Map<string, Entity>(knownKeys);
  const changed = new Map<string, Entity>();
  const origin = inputs[0]?.source.origin ?? 'seed';
  const usedIds = new Set(known.map((e) => e.id));
  const untyped: Array<{ entity: Entity; occs: Occurrence[] }> = [];
  const knownCountries = new Map<string, Entity>();
  for (const e of known) {
    if (e.type !== 'place') continue;
    const code = [e.name, ...e.aliases].map((a) => countryCode(a)).find((c) => c !== null);
    if (code && !knownCountries.has(code)) knownCountries.set(code, e);
  }

  for (const members of byRoot.values()) {
    const all: Group = {
      key: members[0]!.key,
      occs: members.flatMap((m) => m.occs),
      aliases: new Set(members.flatMap((m) => [...m.aliases])),
    };
    if (all.occs.length === 0) continue;
    const rootGroup = members.reduce((a, b) =>
      maxLen(b) > maxLen(a) || (maxLen(b) === maxLen(a) && b.occs.length > a.occs.length) ? b : a,
    );
    const name = pickName(rootGroup);
    const existing =
      [...all.aliases].map((a) => knownKeys.get(key(a))).find((e) => e !== undefined) ??
      // A country known under another language's name ("Maroc" after "Morocco").
      [...all.aliases]
        .map((a) => countryCode(a))
        .map((c) => (c ? knownCountries.get(c) : undefined))
        .find((e) => e !== undefined);
    const descriptors: Descriptor[] = [];
    mergeDescriptors(
      descriptors,
      all.occs
        .filter((o) => o.descriptor?.includes(' '))
        .map((o) => ({ sourceId: o.source.id, text: o.descriptor! })),
    );
    if (existing) {
      const entity = changed.get(existing.id) ?? {
        ...existing,
        aliases: [...existing.aliases],
        descriptors: [...existing.descriptors],
      };
      let touched = mergeDescriptors(entity.descriptors, descriptors);
      for (const a of all.aliases) {
        if (a !== entity.name && !entity.aliases.includes(a)) {
          entity.aliases.push(a);
          touched = true;
        }
      }
      // The name the batch build would give it now that a fuller or accented form is known.
      if (touched) {
        const better = betterName(entity.name, entity.aliases);
        if (better !== entity.name) {
          entity.aliases = [...entity.aliases.filter((a) => a !== better), entity.name].sort();
          entity.name = better;
        }
      }
      // A known name without a type takes one from the new source's evidence, as the batch
      // build would have from all of it.
      if (entity.type === 'other' && !findOverride(overrides, [entity.name, ...entity.aliases])) {
        const type = inferType({ ...all, key: find(all.key) }, personSurnames);
        if (type !== 'other') {
          entity.type = type;
          touched = true;
        } else untyped.push({ entity, occs: all.occs });
      }
      for (const a of all.aliases) aliasToEntity.set(key(a), entity);
      if (touched) changed.set(entity.id, entity);
      continue;
    }
    const type = [...all.aliases].some((a) => countryCode(a) !== null)
      ? 'place'
      : inferType({ ...all, key: find(all.key) }, personSurnames);
    const override = findOverride(overrides, [name, ...all.aliases]);
    let id = slug(name);
    while (usedIds.has(id)) id = `${id}-${usedIds.size}`;
    usedIds.add(id);
    // An institution the corpus only names as some place's ("Ruritania's Supreme Court"): its
    // bare name means another country's institution on most other pages.
    const qualified = all.occs.filter((o) => o.qualified).length;
    const finalType = override?.type ?? type;
    const generic =
      (finalType === 'organization' || finalType === 'facility') &&
      qualified > 0 &&
      qualified * 2 >= all.occs.length &&
      !all.occs.some((o) => o.acronym);
    const entity: Entity = {
      id,
      name,
      ...(generic ? { generic: true } : {}),
      type: finalType,
      aliases: [...all.aliases].filter((a) => a !== name).sort(),
      descriptors,
      description: override?.description ?? null,
      origin,
    };
    for (const a of all.aliases) aliasToEntity.set(key(a), entity);
    changed.set(id, entity);
    if (entity.type === 'other' && !override?.type) untyped.push({ entity, occs: all.occs });
  }
  typeFromNeighbours(untyped, aliasToEntity);
  for (const { entity } of untyped) if (entity.type !== 'other') changed.set(entity.id, entity);

  // ---- mentions ---------------------------------------------------------------------------
  // The most tokens a span matching an alias can have: the alias's own, and one more per hyphen
  // (keys spell a hyphen as a space).
  let maxAliasTokens = 1;
  for (const e of [...known, ...changed.values()])
    for (const a of [e.name, ...e.aliases])
      maxAliasTokens = Math.max(maxAliasTokens, tokenize(a.replace(/-/g, ' ')).length);
  const mentions: Mention[] = [];
  const seen = new Set<string>();
  const addMention = (o: Occurrence, from: Token, to: Token, entity: Entity) => {
    const id = `${o.source.id}:${from.start}`;
    if (seen.has(id)) return;
    seen.add(id);
    mentions.push({
      id,
      entityId: entity.id,
      sourceId: o.source.id,
      passageId: o.passage.id,
      origin: o.source.origin,
      start: from.start,
      end: to.end,
      surface: o.source.text.slice(from.start, to.end),
    });
  };
  for (const o of [...occs, ...linkOnly]) {
    const whole = aliasToEntity.get(key(o.surface));
    if (whole) {
      addMention(o, o.tokens[0]!, o.tokens[o.tokens.length - 1]!, whole);
      continue;
    }
    if (!o.linkOnly) continue;
    // Longest known name inside an unresolved span ("… Gives Jane Doe Warm Welcome"). A name
    // spans as many tokens as its alias has, so longer spans are never looked up.
    for (let i = 0; i < o.tokens.length;) {
      let j = Math.min(o.tokens.length, i + maxAliasTokens);
      let hit: Entity | undefined;
      for (; j > i; j--) {
        const span = o.source.text.slice(o.tokens[i]!.start, o.tokens[j - 1]!.end);
        hit = aliasToEntity.get(key(span));
        if (hit) break;
      }
      if (hit) {
        addMention(o, o.tokens[i]!, o.tokens[j - 1]!, hit);
        i = j;
      } else i++;
    }
  }
  // Hyphenated compounds of two known names ("X-Y relations") mention both.
  for (const s of sentences) {
    for (const t of s.tokens) {
      if (!t.cap || !t.text.includes('-') || aliasToEntity.has(key(t.text))) continue;
      let offset = t.start;
      for (const part of t.text.split('-')) {
        const entity = aliasToEntity.get(key(part));
        const id = `${s.source.id}:${offset}`;
        if (entity && !seen.has(id)) {
          seen.add(id);
          mentions.push({
            id,
            entityId: entity.id,
            sourceId: s.source.id,
            passageId: s.passage.id,
            origin: s.source.origin,
            start: offset,
            end: offset + part.length,
            surface: part,
          });
        }
        offset += part.length + 1;
      }
    }
  }
  mentions.sort((a, b) =>
    a.sourceId < b.sourceId ? -1 : a.sourceId > b.sourceId ? 1 : a.start - b.start,
  );

  // Entities must be mentioned to be worth keeping.
  const mentioned = new Set(mentions.map((m) => m.entityId));
  const knownIds = new Set(known.map((k) => k.id));
  const entities = [...changed.values()].filter((e) => mentioned.has(e.id) || knownIds.has(e.id));
  return { entities, mentions };
}
