/**
 * Per-language words the claims engine reads (lib/claims): units of time a figure can count,
 * and verbs that say a figure or a document was given. One block at the end of each language
 * file; adding a language is adding its block and listing it here.
 */
import { fold } from '../corpus/text';
import { claimWords as en } from './en';
import { claimWords as es } from './es';
import { claimWords as fr } from './fr';
import { claimWords as pt } from './pt';

export interface ClaimWords {
  /** Nouns of a span of time ("years", "años"): durations are everywhere, so they align harder. */
  durationUnits: string;
  /** Words that start a verb phrase after a figure ("ont", "se", "avaient"): never what it counts. */
  verbsAfterFigures: string;
  /**
   * Nouns after a figure that name a reading, not a count of things ("horas" in "13 horas e 20
   * minutos" is a clock time).
   */
  clockWords: string;
  /** Verbs that say someone else repeated a statement ("echoed", "repitió"). */
  echoVerbs: string;
  /**
   * Words of an event a date or time can date, by event class. Classes are shared by every
   * language; a time attaches to the nearest event word of its sentence.
   */
  events: Partial<Record<EventClass, string>>;
  /** Weekdays Monday first, then months January first; "|" separates forms of one. */
  weekdays: string;
  months: string;
  /** Parts of the day, by part. */
  dayParts: Partial<Record<'morning' | 'afternoon' | 'evening' | 'night', string>>;
  /** Phrases before a clock time: about, shortly before, shortly after ("|" separated). */
  clockAbout: string;
  clockBefore: string;
  /**
   * Phrases that date an event from the one told just before ("minutes later"): the event
   * happened on the last day the article named. "|" separated.
   */
  soonAfter: string;
  clockAfter: string;
  /**
   * What happened to the people a figure counts, by outcome ("killed", "heridos"): two counts
   * with different outcomes are two counts. "|" separated.
   */
  outcomes: Partial<Record<'dead' | 'injured' | 'missing' | 'rescued' | 'serious', string>>;
  /**
   * Words of a running tally ("toll", "rose to", "s'alourdit"): such a count grows report after
   * report, so two different values are a timeline unless the same report gave both.
   */
  tallyWords: string;
  /** Number words from two to twenty, in order ("|" separates forms of one), then the tens from thirty. */
  numberWords: string;
  tens: string;
  /**
   * Nouns that count the same things, one group per ";" ("flight|plane"): a count of flights
   * and a count of planes on one trip are one count.
   */
  sameThings: string;
  /** Indefinite articles: "a flight" is a count of one when another outlet gives a number. */
  oneWords: string;
  /**
   * What a share is a share of, by class shared by every language ("votos", "voix" -> vote):
   * shares of the same class compare across languages.
   */
  shareThings: Partial<Record<'vote', string>>;
  /**
   * Units of measure by a class shared by every language ("quilômetros", "km" -> kilometre):
   * a distance in one language compares with the same distance in another.
   */
  measureUnits: Partial<Record<'kilometre' | 'metre' | 'mile', string>>;
  /**
   * Nouns of a reading written before its figure ("magnitude 5", "a magnitude of 5.5"), by a
   * class shared by every language: the noun is what the figure measures.
   */
  measureNouns: Partial<Record<'magnitude' | 'intensity', string>>;
  /** Words that may stand between a measure noun and its figure ("of", "at"), "|" separated. */
  measureLinks: string;
  /** Phrases before or after a figure that make it a part of the count before it ("dont"). */
  partitivesBefore: string;
  partitivesAfter: string;
  /**
   * Prepositions and adverbs that can stand right before a title ("alongside President X"):
   * never part of a descriptor, which is a noun phrase with a role head.
   */
  notModifiers: string;
  /** Verbs that sign, conclude or announce a document ("firmaron", "signé"), any form. */
  documentVerbs: string;
  /** Words that make a percentage a turnout ("turnout", "participación", "inscritos"). */
  turnoutWords: string;
  /** Words after a percentage that say what it is a share of ("of", "de", "des"). */
  shareOf: string;
  /** Words before a figure that open a range ("between", "entre"). */
  rangeOpeners: string;
  /** Words between the two ends of a range ("and", "y", "à"). */
  rangeJoiners: string;

  // --- Descriptors (lib/claims/extractors/descriptor.ts). ---
  /**
   * Words of an office a descriptor's head is made of, beyond the titles in the language's
   * roles ("foreign", "interior", "defence" in "Interior and Defence Minister"): a descriptor is
   * a noun phrase with such a head, never a lone adjective or adverb.
   */
  officeWords: string;

  // --- Quotes and speakers (lib/claims/extractors/quote.ts). "|" separates forms. ---
  /**
   * Verbs that report words, in the forms outlets write around a quote ("said", "dijo",
   * "déclaré", "afirmou"); multi-word forms allowed ("pointed out").
   */
  quoteVerbs: string;
  /** Auxiliaries before a reporting verb's participle ("has said", "a déclaré", "ha dicho"). */
  quoteAuxiliaries: string;
  /** Phrases that credit what follows to someone ("according to X", "según X", "selon X"). */
  accordingTo: string;
  /** Subject pronouns that stand for a speaker named before ("she", "ella", "elle", "ela"). */
  subjectPronouns: string;
  /**
   * Prepositions that make the name after them an object, not the subject of its sentence
   * ("met with X", "felicitó a X", "le message de X"): such a name is not who speaks next.
   */
  objectMarkers: string;

  // --- Document labels (lib/claims/extractors/label.ts). ---
  /**
   * Nouns of documents by kind, one kind per ";", its canonical English noun first
   * ("letter|letters;memorandum|memorandums"): "<document> of <purpose>" is a label.
   */
  documentNouns: string;
  /** Words between a document and its purpose ("of", "de", "du", "d’", "da"). */
  documentLinks: string;
  /**
   * Purposes by meaning, one per ";", the canonical English noun first ("intent|intention"):
   * the same label in two languages compares as one.
   */
  documentPurposes: string;
  /** Qualifiers after or before a document that make it a kind ("joint", "conjunta"). */
  documentQualifiers: string;
  /**
   * Fixed forms that are not "<document> of <purpose>" ("intention letter", "MOU"), each
   * "form=canonical label", ";" separated; a label starting with "~" is generic ("agreement"
   * fits any document, so it never contradicts a specific one). Forms in capitals are acronyms
   * and count only in capitals.
   */
  documentForms: string;
}

const sameCache = new Map<string, string>();
/** The first noun of the group `word` belongs to, folded, else the word itself. */
export function sameThingAs(word: string): string {
  if (sameCache.size === 0)
    for (const l of ALL) {
      for (const [k, v] of [
        ...Object.entries(l.shareThings),
        ...Object.entries(l.measureUnits),
        ...Object.entries(l.measureNouns),
      ])
        for (const f of v.split('|')) sameCache.set(fold(f.trim()), k);
      for (const group of l.sameThings.split(';')) {
        const forms = group
          .split('|')
          .map((f) => fold(f.trim()))
          .filter(Boolean);
        for (const f of forms) if (!sameCache.has(f)) sameCache.set(f, forms[0]!);
      }
    }
  return sameCache.get(fold(word)) ?? word;
}

/** Events a time can date. The last six have no people in them: only the class aligns them. */
export const EVENT_CLASSES = [
  'meet',
  'visit',
  'sign',
  'announce',
  'dispute',
  'depart',
  'land',
  'happen',
  'contact',
  'mourn',
  'concede',
] as const;
export type EventClass = (typeof EVENT_CLASSES)[number];

/** Every language's words of one kind, for the time extractor. */
export function claimLexicons(): readonly ClaimWords[] {
  return ALL;
}

const ALL: readonly ClaimWords[] = [en, es, fr, pt];
const CODES = ['en', 'es', 'fr', 'pt'];

const split = (s: string) => s.split(/[\s|]+/).filter((w) => w.length > 0);
type WordsField = {
  [K in keyof ClaimWords]: ClaimWords[K] extends string ? K : never;
}[keyof ClaimWords];
const cache = new Map<WordsField, Set<string>>();

/** Folded words of one field in every language. */
export function claimWordsOf(field: WordsField): Set<string> {
  let s = cache.get(field);
  if (!s) {
    s = new Set(ALL.flatMap((l) => split(l[field]).map(fold)));
    cache.set(field, s);
  }
  return s;
}

const numberCache = new Map<string, Map<string, number>>();
/** Value of a number word in `language` or English ("catorze" -> 14 in pt; "once" is 11 in es only). */
export function numberWordValue(word: string, language: string | null): number | null {
  const code = (language ?? 'en').slice(0, 2).toLowerCase();
  let map = numberCache.get(code);
  if (!map) {
    map = new Map();
    const own = CODES.indexOf(code);
    for (const i of new Set([0, own < 0 ? 0 : own])) {
      const l = ALL[i]!;
      l.numberWords.split(' ').forEach((forms, k) => {
        for (const f of forms.split('|')) map!.set(fold(f), k + 2);
      });
      l.tens.split(' ').forEach((forms, k) => {
        for (const f of forms.split('|')) map!.set(fold(f), (k + 3) * 10);
      });
    }
    numberCache.set(code, map);
  }
  return map.get(fold(word)) ?? null;
}

/** Folded words of one field in one language (English when the language is not listed). */
export function claimWordsIn(field: WordsField, language: string | null): Set<string> {
  const i = CODES.indexOf((language ?? 'en').slice(0, 2).toLowerCase());
  return new Set(split(ALL[i < 0 ? 0 : i]![field]).map(fold));
}

let measureNounSet: Set<string> | null = null;
/** True when `word` names a reading its figure measures ("magnitude", "intensidad"). */
export function isMeasureNoun(word: string): boolean {
  measureNounSet ??= new Set(
    ALL.flatMap((l) => Object.values(l.measureNouns).flatMap((v) => split(v).map(fold))),
  );
  return measureNounSet.has(fold(word));
}

/** True when `word` belongs to a group of same things (a counted unit, not any noun). */
export function isCountedThing(word: string): boolean {
  sameThingAs(word);
  return sameCache.has(fold(word));
}

/**
 * Phrases of one field ("|" separated, spaces kept: "pointed out") in `language`, or in every
 * language when it is null or not listed. Longest first, for regex alternations.
 */
export function claimPhrases(field: WordsField, language: string | null): string[] {
  const i = CODES.indexOf((language ?? '').slice(0, 2).toLowerCase());
  const from = i < 0 ? ALL : [ALL[i]!];
  const out = new Set<string>();
  for (const l of from)
    for (const p of l[field].split('|')) if (p.trim()) out.add(p.trim().replace(/\s+/g, ' '));
  return [...out].sort((a, b) => b.length - a.length);
}

/**
 * Entries "canonical:form|form;…" of one field in every language, as form (folded) ->
 * canonical: the same kind of thing named in any language.
 */
export function claimClasses(field: WordsField): Map<string, string> {
  const out = new Map<string, string>();
  for (const l of ALL)
    for (const entry of l[field].split(';')) {
      const [canonical, forms] = entry.split(':');
      if (!canonical || !forms) continue;
      for (const f of forms.split('|')) if (f.trim()) out.set(fold(f.trim()), canonical.trim());
    }
  return out;
}

/** Entries "form=value;…" of one field in every language, as form (as written) -> value. */
export function claimForms(field: WordsField): Array<[string, string]> {
  const out: Array<[string, string]> = [];
  for (const l of ALL)
    for (const entry of l[field].split(';')) {
      const [form, value] = entry.split('=');
      if (form?.trim() && value?.trim()) out.push([form.trim(), value.trim()]);
    }
  return out;
}
