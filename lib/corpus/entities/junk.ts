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
  const facts = junkFacts(occs);
  const corpus: CorpusFacts = {
    namePart: (k) => facts.nameParts.has(k),
    cutName: (k) => cutName(facts.followers.get(k)),
    commonNoun: (k) => commonNoun(facts.acronyms.get(k)),
  };
  return (o) => isJunk(o, knownKeys, stats, corpus);
}

/** How often one-word occurrences of a key are followed by a figure or by an elided article. */
interface Followers {
  all: number;
  figure: number;
  elided: number;
}

/** How often a one-word all-caps key stands, and how often between a modifier and a noun. */
interface AcronymUses {
  uses: number;
  modified: number;
}

/** What some occurrences (one source's, or the corpus's) bring to the facts junk is judged by. */
interface JunkFacts {
  /** Keys of words that end or start a multi-word name. */
  nameParts: Set<string>;
  followers: Map<string, Followers>;
  acronyms: Map<string, AcronymUses>;
}

/** The corpus-wide facts per key that a verdict reads, besides the corpus statistics. */
interface CorpusFacts {
  namePart: (k: string) => boolean;
  cutName: (k: string) => boolean;
  commonNoun: (k: string) => boolean;
}

function junkFacts(occs: readonly Occurrence[]): JunkFacts {
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
  const followers = new Map<string, Followers>();
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
  return { nameParts, followers, acronyms: acronymUses(occs) };
}

function cutName(c: Followers | undefined): boolean {
  return c !== undefined && c.all >= 2 && (c.figure === c.all || c.elided === c.all);
}

function commonNoun(u: AcronymUses | undefined): boolean {
  return u !== undefined && u.uses > 0 && u.modified === u.uses;
}

/** Whether `o` is junk, given the corpus's statistics and facts. */
function isJunk(
  o: Occurrence,
  knownKeys: ReadonlyMap<string, Entity>,
  stats: CorpusStats,
  corpus: CorpusFacts,
): boolean {
  const toks = o.tokens;
  const k = key(o.surface);
  if (knownKeys.has(k)) return false;
  // A country's abbreviation in capitals ("US") is no pronoun that folds to the same word.
  if (toks.length === 1 && isAllCaps(o.surface) && countryCode(o.surface) !== null) return false;
  if (toks.length === 1 && !o.acronym && corpus.cutName(k) && countryCode(o.surface) === null)
    return true;
  // The outlet's own name in its own text is boilerplate (app promotions, credits,
  // "subscribe to X"); where another source names it, that source's mention makes it a name.
  if (o.source.outlet && k === key(o.source.outlet)) return true;
  if (o.surface.replace(/[^\p{L}]/gu, '').length < 2) return true;
  if (toks.length === 1 && cutOff(o)) return true;
  if (toks.every((t) => CALENDAR.has(fold(t.text)) || FUNCTION_WORDS.has(fold(t.text))))
    return true;
  if (toks.length === 1) return corpus.commonNoun(k) || isJunkWord(o, k, stats, corpus);
  if (o.titled || o.acronym || typeFromKeywords(toks)) return false;
  // "the Example GPU architecture": a product named by a common noun's acronym.
  if (corpus.commonNoun(key(toks[toks.length - 1]!.text))) return true;
  const lastTok = toks[toks.length - 1]!;
  if (isDemonym(lastTok.text) && /^[a-z]/.test(o.after[0] ?? '')) return true;
  // Capitalised common words ("Public Safety", "Illegal Criminals").
  return toks.every((t) => isConnector(t.text) || stats.lowercase.has(fold(t.text)));
}

/**
 * Every word a verdict may ask of the corpus (statistics and facts): the occurrence's key, its
 * tokens folded, a one-word occurrence's text as written, a longer one's last word's key.
 */
function askedWords(o: Occurrence): string[] {
  const toks = o.tokens;
  const words = [key(o.surface)];
  if (toks.length === 1) words.push(fold(toks[0]!.text), toks[0]!.text);
  else {
    for (const t of toks) words.push(fold(t.text));
    words.push(key(toks[toks.length - 1]!.text));
  }
  return words;
}

/**
 * The facts of the corpus kept as sums of its sources' (a source added or removed changes them
 * by its own facts), remembering the keys whose answer may have changed since last asked.
 */
class CountedFacts implements CorpusFacts {
  private readonly nameParts = new Map<string, number>();
  private readonly followers = new Map<string, Followers>();
  private readonly acronyms = new Map<string, AcronymUses>();
  /** Per key touched since the last flipped(): its three answers then. */
  private touched = new Map<string, [boolean, boolean, boolean]>();

  namePart(k: string): boolean {
    return this.nameParts.has(k);
  }

  cutName(k: string): boolean {
    return cutName(this.followers.get(k));
  }

  commonNoun(k: string): boolean {
    return commonNoun(this.acronyms.get(k));
  }

  /** Adds (sign 1) or removes (sign -1) one source's facts. */
  count(f: JunkFacts, sign: 1 | -1): void {
    for (const k of f.nameParts) {
      this.touch(k);
      const n = (this.nameParts.get(k) ?? 0) + sign;
      if (n > 0) this.nameParts.set(k, n);
      else this.nameParts.delete(k);
    }
    for (const [k, c] of f.followers) {
      this.touch(k);
      const s = this.followers.get(k) ?? { all: 0, figure: 0, elided: 0 };
      s.all += sign * c.all;
      s.figure += sign * c.figure;
      s.elided += sign * c.elided;
      if (s.all > 0) this.followers.set(k, s);
      else this.followers.delete(k);
    }
    for (const [k, u] of f.acronyms) {
      this.touch(k);
      const s = this.acronyms.get(k) ?? { uses: 0, modified: 0 };
      s.uses += sign * u.uses;
      s.modified += sign * u.modified;
      if (s.uses > 0) this.acronyms.set(k, s);
      else this.acronyms.delete(k);
    }
  }

  /** The keys with an answer changed since the last call. */
  flipped(): Set<string> {
    const out = new Set<string>();
    for (const [k, [part, cut, noun]] of this.touched)
      if (part !== this.namePart(k) || cut !== this.cutName(k) || noun !== this.commonNoun(k))
        out.add(k);
    this.touched = new Map();
    return out;
  }

  private touch(k: string): void {
    if (!this.touched.has(k))
      this.touched.set(k, [this.namePart(k), this.cutName(k), this.commonNoun(k)]);
  }
}

/**
 * Junk verdicts kept between builds of a corpus without known entities that changes a source at
 * a time. Each source's facts are counted into the corpus's; a verdict is kept with its
 * occurrence object and judged again only when a word it asks of the corpus
 * (askedWords) changed its answer, in the statistics or the facts; new occurrences are judged.
 * So each verdict is the batch build's (junkFilter), at the cost of what changed.
 */
export class JunkMemo {
  private readonly facts = new CountedFacts();
  private readonly sources = new Map<string, { occs: readonly Occurrence[]; facts: JunkFacts }>();
  private readonly verdicts = new Map<Occurrence, boolean>();
  /** Each asked word's occurrences (among those with a verdict). */
  private readonly askers = new Map<string, Set<Occurrence>>();
  /** Last build's work: occurrences judged for the first time, and judged again. */
  judged = { fresh: 0, again: 0 };

  /**
   * The predicate for a build whose sources hold `bySource` (each source's occurrences, the same
   * array while they are the same objects), with `changed` the statistics' words that came into
   * or went out of their sets since the last call.
   */
  filter(
    bySource: ReadonlyArray<{ id: string; occs: readonly Occurrence[] }>,
    stats: CorpusStats,
    changed: Iterable<string>,
  ): (o: Occurrence) => boolean {
    const fresh: Occurrence[] = [];
    const present = new Set<string>();
    for (const { id, occs } of bySource) {
      present.add(id);
      const was = this.sources.get(id);
      if (was?.occs === occs) continue;
      if (was) {
        this.facts.count(was.facts, -1);
        const now = new Set(occs);
        for (const o of was.occs) if (!now.has(o)) this.forget(o);
      }
      const facts = junkFacts(occs);
      this.facts.count(facts, 1);
      this.sources.set(id, { occs, facts });
      for (const o of occs) if (!this.verdicts.has(o)) fresh.push(o);
    }
    for (const [id, was] of this.sources) {
      if (present.has(id)) continue;
      this.facts.count(was.facts, -1);
      for (const o of was.occs) this.forget(o);
      this.sources.delete(id);
    }
    const again = new Set<Occurrence>();
    for (const words of [changed, this.facts.flipped()])
      for (const w of words) for (const o of this.askers.get(w) ?? []) again.add(o);
    const none = new Map<string, Entity>();
    for (const o of again) this.verdicts.set(o, isJunk(o, none, stats, this.facts));
    for (const o of fresh) {
      this.verdicts.set(o, isJunk(o, none, stats, this.facts));
      for (const w of askedWords(o)) {
        const set = this.askers.get(w);
        if (set) set.add(o);
        else this.askers.set(w, new Set([o]));
      }
    }
    this.judged = { fresh: fresh.length, again: again.size };
    return (o) => this.verdicts.get(o) ?? isJunk(o, none, stats, this.facts);
  }

  private forget(o: Occurrence): void {
    if (!this.verdicts.delete(o)) return;
    for (const w of askedWords(o)) {
      const set = this.askers.get(w);
      if (!set) continue;
      set.delete(o);
      if (set.size === 0) this.askers.delete(w);
    }
  }
}

/** Whether a one-word occurrence (key `k`) is not a name. */
function isJunkWord(o: Occurrence, k: string, stats: CorpusStats, corpus: CorpusFacts): boolean {
  const t = o.tokens[0]!;
  const f = fold(t.text);
  if (OPENING_WORDS.has(f) || NOT_NAMES.has(f)) return true;
  if (ROLE_WORDS.has(t.text) || HONORIFICS.has(t.text)) return true;
  if (isAllCaps(t.text) && stats.commonAcronyms.has(t.text)) return true;
  // "a MOU": an acronym used as a common noun.
  if (isAllCaps(t.text) && ['a', 'an'].includes(o.before[o.before.length - 1] ?? '')) return true;
  // "X-Y relations": handled as two mentions (lib/corpus/entities/mentions.ts).
  // (A particle before the hyphen is part of one name: "Al-Example".)
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
  return t.initial && !stats.capNonInitial.has(k) && !corpus.namePart(k);
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
 * Per key of a one-word acronym: its uses, and those as a common noun, between a lower-case
 * modifier and a lower-case noun ("the new XYZ chip", "generative XYZ tools"). The corpus writes
 * a common noun's acronym only so; an institution's acronym also stands after an article, a
 * preposition or a verb ("the XYZ said", "by XYZ"), or before its head word ("the XYZ party"),
 * and one such use keeps it a name.
 */
function acronymUses(occs: readonly Occurrence[]): Map<string, AcronymUses> {
  const uses = new Map<string, AcronymUses>();
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
    const u = uses.get(k) ?? { uses: 0, modified: 0 };
    u.uses++;
    if (modified) u.modified++;
    uses.set(k, u);
  }
  return uses;
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
