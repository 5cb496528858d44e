/**
 * Occurrences: what each capitalised chunk of a sentence names (its tokens, title, descriptor,
 * acronym and context words), before any judgement of whether it is an entity.
 */
import {
  anyLanguage,
  countryCode,
  demonymCountry,
  hasAdjectiveEnding,
  inLanguage,
  LEXICONS,
} from '../../lang';
import { fold } from '../text';
import {
  type Chunk,
  chunks,
  isAllCaps,
  isConjunction,
  isConnector,
  isInitialism,
  type Token,
  tokenize,
} from '../tokens';
import type { Entity, Passage, Source } from '../../types';
import { JunkMemo } from './junk';
import {
  ROLE_WORDS,
  HONORIFICS,
  CALENDAR,
  FUNCTION_WORDS,
  OPENING_WORDS,
  ARTICLES,
  DIVISIONS,
  STOP_BACK,
  key,
  lower,
  isDemonym,
  languageOf,
  isTitleCase,
  typeFromKeywords,
  headWordType,
} from './words';

export interface Occurrence {
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
  /** Only link to an entity found elsewhere; never create one (e.g. a department named in a title). */
  linkOnly: boolean;
  /** Acronym given in parentheses right after the name. */
  acronym: string | null;
  /** Lower-case words just before and after (for typing). */
  before: string[];
  after: string[];
  /** Named as some place's: "Ruritania's Supreme Court", "Ruritanian National Police". */
  qualified: boolean;
}

/** Chunks longer than this are not one name (a shouted line, a list): they only link names. */
export const MAX_NAME_TOKENS = 16;

/** What the analysis asks of a set of words: membership only (a kept build records the asks). */
export interface WordSet {
  has: (word: string) => boolean;
}

export interface CorpusStats {
  /** Folded words seen in lower case anywhere. */
  lowercase: WordSet;
  /** Folded single-token names seen capitalised away from a sentence start. */
  capNonInitial: WordSet;
  /** Acronyms defined after a lower-case phrase ("memorandum of understanding (MOU)"). */
  commonAcronyms: WordSet;
}

/** One passage, tokenized and cut into capitalised chunks. */
export interface Sentence {
  source: Source;
  passage: Passage;
  tokens: Token[];
  chunks: Chunk[];
  text: string;
  base: number;
}

// A source's sentences depend on its own text only: kept while its passages are (an
// incremental build re-resolves from them without tokenizing the corpus again).
const sentenceCache = new WeakMap<readonly Passage[], { source: Source; sentences: Sentence[] }>();

export function sentencesOf(
  inputs: ReadonlyArray<{ source: Source; passages: readonly Passage[] }>,
): Sentence[] {
  return inputs.flatMap(({ source, passages }) => {
    const hit = sentenceCache.get(passages);
    if (hit?.source === source) return hit.sentences;
    const sentences = sourceSentences(source, passages);
    sentenceCache.set(passages, { source, sentences });
    return sentences;
  });
}

function sourceSentences(source: Source, passages: readonly Passage[]): Sentence[] {
  const particles = spacedParticles(languageOf(source));
  return passages.map((passage) => {
    const tokens = tokenize(passage.text, passage.start);
    return {
      source,
      passage,
      tokens,
      chunks: withParticles(
        chunks(tokens, passage.text, passage.start),
        tokens,
        passage,
        particles,
      ),
      text: passage.text,
      base: passage.start,
    };
  });
}

/**
 * The language's name particles that are none of its own words ("al" in English, not "an" or
 * "at"): written before a name with a space ("in al Example"), they open it.
 */
function spacedParticles(lang: string | null): ReadonlySet<string> {
  const own = new Set([...inLanguage('articles', lang), ...inLanguage('functionWords', lang)]);
  return new Set([...inLanguage('nameParticles', lang)].filter((p) => !own.has(p)));
}

/** Chunks with the lower-case particle right before them, a single space apart, as their start. */
function withParticles(
  cs: Chunk[],
  tokens: readonly Token[],
  passage: Passage,
  particles: ReadonlySet<string>,
): Chunk[] {
  if (particles.size === 0) return cs;
  return cs.map((c) => {
    const prev = tokens[c.from - 1];
    const first = c.tokens[0]!;
    if (!prev || prev.cap || !particles.has(prev.text)) return c;
    if (passage.text.slice(prev.end - passage.start, first.start - passage.start) !== ' ') return c;
    return { tokens: [prev, ...c.tokens], from: c.from - 1, to: c.to };
  });
}

/**
 * Every name occurrence in `sentences`, with the corpus statistics they were read with.
 * `known` entities' persons help split "President of X Jane Doe" and their names split
 * run-together chunks.
 */
export function findOccurrences(
  sentences: readonly Sentence[],
  known: readonly Entity[],
): { occs: Occurrence[]; stats: CorpusStats } {
  const words = sourceWords(sentences);
  const stats = {
    lowercase: new Set(words.lowercase),
    capNonInitial: new Set(words.capNonInitial),
    commonAcronyms: new Set(words.commonAcronyms),
  };
  // Persons named right after a title ("Secretary Jane Doe") help split "President of X Jane Doe".
  const knownPersons = new Set<string>(words.titledNames);
  for (const e of known)
    if (e.type === 'person') for (const a of [e.name, ...e.aliases]) knownPersons.add(key(a));
  const chunkOccs = chunkOccurrences(sentences, knownPersons, stats);
  const named = namesOf(chunkOccs);
  const standalone = new Set(named.standalone);
  for (const e of known) for (const a of [e.name, ...e.aliases]) standalone.add(key(a));
  const occs = splitRunTogether(chunkOccs, standalone, new Set(named.personHeads));
  return { occs, stats };
}

/** What one source's sentences bring to the corpus-wide sets the analysis reads. */
interface SourceWords {
  lowercase: string[];
  capNonInitial: string[];
  commonAcronyms: string[];
  /** Names right after a title inside a chunk ("Secretary Jane Doe"): persons. */
  titledNames: string[];
}

function sourceWords(sentences: readonly Sentence[]): SourceWords {
  const lowercase = new Set<string>();
  const capNonInitial = new Set<string>();
  const commonAcronyms = new Set<string>();
  const titledNames = new Set<string>();
  for (const s of sentences) {
    for (const t of s.tokens) if (!t.cap) lowercase.add(fold(t.text));
    for (const c of s.chunks) {
      const first = c.tokens[0]!;
      if (c.tokens.length === 1 && !first.initial) capNonInitial.add(key(first.text));
      const r = c.tokens.findIndex((t) => ROLE_WORDS.has(t.text));
      const rest = c.tokens.slice(r + 1);
      if (r >= 0 && rest.length >= 1 && rest.length <= 3 && !rest.some((t) => isConnector(t.text)))
        titledNames.add(key(rest.map((t) => t.text).join(' ')));
    }
    for (const a of acronymsAfterLowercase(s.text)) commonAcronyms.add(a);
  }
  return {
    lowercase: [...lowercase],
    capNonInitial: [...capNonInitial],
    commonAcronyms: [...commonAcronyms],
    titledNames: [...titledNames],
  };
}

/** The occurrences of the sentences' chunks, before run-together names are split. */
function chunkOccurrences(
  sentences: readonly Sentence[],
  knownPersons: WordSet,
  stats: CorpusStats,
): Occurrence[] {
  const out: Occurrence[] = [];
  for (const s of sentences) {
    const spelled = spelledOutCommonWords(s.text, s.base);
    for (const c of s.chunks) {
      const at = c.tokens[0]!.start;
      if (spelled.some(([from, to]) => at >= from && at < to)) continue;
      out.push(...analyseChunk(s.source, s.passage, s.tokens, c, knownPersons, stats));
    }
  }
  return out;
}

/**
 * A set of words held by several sources, kept as the count of sources that hold each word, so
 * that adding or removing one source changes it by that source's words only. It remembers which
 * words came in or went out since it was last asked (flipped), so that what was computed from
 * its answers can be checked against those words alone.
 */
class CountedSet implements WordSet {
  private readonly members = new Set<string>();
  private readonly counts = new Map<string, number>();
  private touched = new Map<string, boolean>();

  has(word: string): boolean {
    return this.members.has(word);
  }

  add(words: readonly string[]): void {
    for (const w of words) {
      const n = this.counts.get(w) ?? 0;
      if (n === 0) {
        this.touch(w);
        this.members.add(w);
      }
      this.counts.set(w, n + 1);
    }
  }

  remove(words: readonly string[]): void {
    for (const w of words) {
      const n = this.counts.get(w) ?? 0;
      if (n > 1) this.counts.set(w, n - 1);
      else if (n === 1) {
        this.touch(w);
        this.counts.delete(w);
        this.members.delete(w);
      }
    }
  }

  /** The words whose membership changed since the last call. */
  flipped(): ReadonlySet<string> {
    const out = new Set<string>();
    for (const [w, was] of this.touched) if (this.members.has(w) !== was) out.add(w);
    this.touched = new Map();
    return out;
  }

  private touch(w: string): void {
    if (!this.touched.has(w)) this.touched.set(w, this.members.has(w));
  }
}

/** A view of a set that records every word asked of it. */
function recording(set: WordSet, asked: Set<string>): WordSet {
  return {
    has: (word) => {
      asked.add(word);
      return set.has(word);
    },
  };
}

/** Whether any of `changed` is among `asked`. */
function anyAsked(asked: ReadonlySet<string>, changed: ReadonlySet<string>): boolean {
  if (changed.size === 0) return false;
  const [small, large] = asked.size <= changed.size ? [asked, changed] : [changed, asked];
  for (const w of small) if (large.has(w)) return true;
  return false;
}

/** What a kept build holds of one source. */
interface KeptSource {
  source: Source;
  passages: readonly Passage[];
  sentences: Sentence[];
  words: SourceWords;
  /** Its chunks' occurrences, with the words they asked of the corpus's lower-case words and titled names. */
  chunks: { occs: Occurrence[]; lowercase: Set<string>; persons: Set<string> } | null;
  /** What its occurrences add to the names the corpus writes on its own and the person heads. */
  named: { standalone: string[]; personHeads: string[] } | null;
  /** Its occurrences with run-together names split, and the names that split asked about. */
  split: { occs: Occurrence[]; standalone: Set<string>; personHeads: Set<string> } | null;
}

/**
 * How many sources discovery read from their passages (tokenised, their words counted, their
 * chunks analysed), whether by a memo's build or not: what tests count to tell a change that
 * reads what it touches from one that reads the corpus again (as the first change after a worker
 * start still does: a new memo holds nothing). A memo's re-check of a kept source's occurrences
 * (its asked words changed) works from what it kept and is not counted.
 */
export const discoveryWork = { sourcesRead: 0 };

/**
 * Occurrences kept between builds of one corpus that changes a source at a time: each source's
 * sentences, the words it brings to the corpus-wide sets (kept as counts), and its occurrences
 * with every word they asked of those sets. A build recomputes a source's occurrences only when
 * one of the words they asked about came into or went out of a set, so a build with it gives
 * exactly the build without it (findOccurrences with no known entities), at the cost of the
 * changed sources plus a check per source. A source read again keeps the objects of the
 * occurrences it reads the same, and the junk verdicts are kept with them (junkFilter).
 */
export class OccurrenceMemo {
  private readonly sources = new Map<string, KeptSource>();
  private readonly lowercase = new CountedSet();
  private readonly capNonInitial = new CountedSet();
  private readonly commonAcronyms = new CountedSet();
  private readonly titledNames = new CountedSet();
  private readonly standalone = new CountedSet();
  private readonly personHeads = new CountedSet();
  private readonly junk = new JunkMemo();
  /** The statistics' words that changed since the junk verdicts were last brought up to date. */
  private unjudged = new Set<string>();
  /** The last find's occurrences, by source, and its statistics. */
  private last: {
    bySource: Array<{ id: string; occs: readonly Occurrence[] }>;
    stats: CorpusStats;
  } = {
    bySource: [],
    stats: {
      lowercase: this.lowercase,
      capNonInitial: this.capNonInitial,
      commonAcronyms: this.commonAcronyms,
    },
  };

  /** The sentences and occurrences of `inputs` (in their order), and the corpus statistics. */
  find(inputs: ReadonlyArray<{ source: Source; passages: readonly Passage[] }>): {
    sentences: Sentence[];
    occs: Occurrence[];
    stats: CorpusStats;
  } {
    const kept = this.update(inputs);
    const lowercase = this.lowercase.flipped();
    const titled = this.titledNames.flipped();
    for (const set of [lowercase, this.capNonInitial.flipped(), this.commonAcronyms.flipped()])
      for (const w of set) this.unjudged.add(w);
    const stats: CorpusStats = {
      lowercase: this.lowercase,
      capNonInitial: this.capNonInitial,
      commonAcronyms: this.commonAcronyms,
    };
    // A source read again keeps the occurrence objects it reads the same (kept objects say
    // "unchanged" to what was built from them: junk verdicts, grouping, drafts).
    const before = new Map<KeptSource, readonly Occurrence[]>();
    for (const k of kept) {
      if (
        k.chunks &&
        (anyAsked(k.chunks.lowercase, lowercase) || anyAsked(k.chunks.persons, titled))
      ) {
        if (k.split) before.set(k, k.split.occs);
        this.dropChunks(k);
      }
      if (k.chunks) continue;
      const asked = { lowercase: new Set<string>(), persons: new Set<string>() };
      const occs = chunkOccurrences(k.sentences, recording(this.titledNames, asked.persons), {
        ...stats,
        lowercase: recording(this.lowercase, asked.lowercase),
      });
      k.chunks = { occs, ...asked };
      k.named = namesOf(occs);
      this.standalone.add(k.named.standalone);
      this.personHeads.add(k.named.personHeads);
    }
    const standalone = this.standalone.flipped();
    const personHeads = this.personHeads.flipped();
    const occs: Occurrence[] = [];
    for (const k of kept) {
      if (
        k.split &&
        (anyAsked(k.split.standalone, standalone) || anyAsked(k.split.personHeads, personHeads))
      ) {
        before.set(k, k.split.occs);
        k.split = null;
      }
      if (!k.split) {
        const asked = { standalone: new Set<string>(), personHeads: new Set<string>() };
        k.split = {
          occs: keptObjects(
            before.get(k),
            splitRunTogether(
              k.chunks!.occs,
              recording(this.standalone, asked.standalone),
              recording(this.personHeads, asked.personHeads),
            ),
          ),
          ...asked,
        };
      }
      for (const o of k.split.occs) occs.push(o);
    }
    this.last = { bySource: kept.map((k) => ({ id: k.source.id, occs: k.split!.occs })), stats };
    return { sentences: kept.flatMap((k) => k.sentences), occs, stats };
  }

  /**
   * Which of the last find's occurrences are junk (junkFilter with no known entities), its
   * verdicts kept from the builds before where nothing they read changed (JunkMemo).
   */
  junkFilter(): (o: Occurrence) => boolean {
    const { bySource, stats } = this.last;
    const changed = this.unjudged;
    this.unjudged = new Set();
    return this.junk.filter(bySource, stats, changed);
  }

  /** How many occurrences the last junkFilter judged: new ones, and kept ones again. */
  get judged(): { fresh: number; again: number } {
    return this.junk.judged;
  }

  /** Brings the kept sources to `inputs`: those gone or changed are taken out, new ones read. */
  private update(
    inputs: ReadonlyArray<{ source: Source; passages: readonly Passage[] }>,
  ): KeptSource[] {
    const wanted = new Map(inputs.map((i) => [i.source.id, i]));
    for (const [id, k] of this.sources) {
      const input = wanted.get(id);
      if (!input || !sameInput(k, input)) this.drop(k);
    }
    return inputs.map((input) => {
      const hit = this.sources.get(input.source.id);
      if (hit) {
        // Equal rows: the new objects, so later comparisons by identity hold.
        hit.source = input.source;
        hit.passages = input.passages;
        return hit;
      }
      const sentences = sentencesOf([input]);
      discoveryWork.sourcesRead++;
      const k: KeptSource = {
        source: input.source,
        passages: input.passages,
        sentences,
        words: sourceWords(sentences),
        chunks: null,
        named: null,
        split: null,
      };
      this.lowercase.add(k.words.lowercase);
      this.capNonInitial.add(k.words.capNonInitial);
      this.commonAcronyms.add(k.words.commonAcronyms);
      this.titledNames.add(k.words.titledNames);
      this.sources.set(input.source.id, k);
      return k;
    });
  }

  private drop(k: KeptSource): void {
    this.dropChunks(k);
    this.lowercase.remove(k.words.lowercase);
    this.capNonInitial.remove(k.words.capNonInitial);
    this.commonAcronyms.remove(k.words.commonAcronyms);
    this.titledNames.remove(k.words.titledNames);
    this.sources.delete(k.source.id);
  }

  private dropChunks(k: KeptSource): void {
    if (k.named) {
      this.standalone.remove(k.named.standalone);
      this.personHeads.remove(k.named.personHeads);
    }
    k.chunks = null;
    k.named = null;
    k.split = null;
  }
}

/** `next`, with each occurrence equal to one of `last` replaced by that object. */
function keptObjects(last: readonly Occurrence[] | undefined, next: Occurrence[]): Occurrence[] {
  if (!last) return next;
  const byStart = new Map<number, Occurrence[]>();
  for (const o of last) {
    const at = byStart.get(o.start);
    if (at) at.push(o);
    else byStart.set(o.start, [o]);
  }
  return next.map((o) => {
    const at = byStart.get(o.start);
    const i = at?.findIndex((l) => sameOccurrence(l, o)) ?? -1;
    return i < 0 ? o : at!.splice(i, 1)[0]!;
  });
}

const same = <T>(a: T, b: T) => a === b;
const sameStrings = (a: readonly string[], b: readonly string[]) =>
  a.length === b.length && a.every((w, i) => w === b[i]);
const sameTokens = (a: readonly Token[], b: readonly Token[]) =>
  a.length === b.length &&
  a.every((t, i) => {
    const u = b[i]!;
    return (
      t.text === u.text &&
      t.start === u.start &&
      t.end === u.end &&
      t.cap === u.cap &&
      t.possessive === u.possessive &&
      t.hasDigit === u.hasDigit &&
      t.initial === u.initial
    );
  });

/** How each field of two occurrences of one kept source compares (every field: typed so). */
const SAME_FIELD: { [F in keyof Occurrence]-?: (a: Occurrence[F], b: Occurrence[F]) => boolean } = {
  // One kept source's rows: equal whatever the objects.
  source: (a, b) => a.id === b.id,
  passage: same,
  tokens: sameTokens,
  start: same,
  end: same,
  surface: same,
  titled: same,
  descriptor: same,
  linkOnly: same,
  acronym: same,
  before: sameStrings,
  after: sameStrings,
  qualified: same,
};
const FIELDS = Object.keys(SAME_FIELD) as Array<keyof Occurrence>;

function sameOccurrence(a: Occurrence, b: Occurrence): boolean {
  return FIELDS.every((f) => (SAME_FIELD[f] as (x: unknown, y: unknown) => boolean)(a[f], b[f]));
}

/** Whether a kept source was read from the same rows (the same objects, or equal ones). */
function sameInput(
  k: KeptSource,
  input: { source: Source; passages: readonly Passage[] },
): boolean {
  const same = (a: unknown, b: unknown) => a === b || JSON.stringify(a) === JSON.stringify(b);
  return same(k.source, input.source) && same(k.passages, input.passages);
}

/**
 * Spans (absolute offsets) that spell out a lower-case word's letters in capitalised words:
 * "a cold drop (Isolated Depression at High Levels)" after "idhl" would be one. The word is a
 * common noun, so its spelled-out form is not a name either.
 */
function spelledOutCommonWords(text: string, base: number): Array<[number, number]> {
  const out: Array<[number, number]> = [];
  // Most sentences hold no bracket: the pattern (slow to try at every character) is not run.
  if (!text.includes(' (')) return out;
  for (const m of text.matchAll(/(?<![\p{L}])(\p{Ll}{2,8}) \(([^()]{3,120})\)/gu)) {
    const initials = m[2]!
      .split(/\s+/)
      .filter((w) => /^\p{Lu}/u.test(w))
      .map((w) => fold(w[0]!))
      .join('');
    if (initials.length >= 2 && initials === fold(m[1]!)) {
      const from = base + m.index + m[1]!.length + 2;
      out.push([from, from + m[2]!.length]);
    }
  }
  return out;
}

/**
 * Acronyms defined right after a lower-case phrase: what
 * `/([a-z][a-z\s-]{6,})\s\(([A-Z]{2,6})\)/g` finds, in one pass (that regex backtracks over
 * every long lower-case run).
 */
function acronymsAfterLowercase(text: string): string[] {
  const out: string[] = [];
  if (!text.includes('(')) return out;
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

/**
 * A country's abbreviation in capitals ("US"), no pronoun that folds to the same word: a name
 * when it stands alone (before a name, "US Example Survey", it stays the country read apart).
 */
function countryInCaps(t: Token): boolean {
  return t.text.length >= 2 && isAllCaps(t.text) && countryCode(t.text) !== null;
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
  knownPersons: WordSet,
  stats: CorpusStats,
): Occurrence[] {
  const toks = nameTokens(passage, tokens, chunk, stats);
  if (toks.length === 0 || (toks.length === 1 && opensChunk(toks[0]!) && !countryInCaps(toks[0]!)))
    return [];
  const base = passage.start;
  const sentence = passage.text;
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
  const c: ChunkContext = { source, tokens, toks, from, to, base, sentence, occ };

  // Title-case headlines capitalise every word: only link names found elsewhere. So does a run
  // of capitalised words too long to be one name.
  // Later titles are headings, menus and labels: they only link names too.
  if (
    (passage.kind === 'title' && (passage.block > 0 || isTitleCase(passage.text))) ||
    toks.length > MAX_NAME_TOKENS ||
    isRegionCode(toks, sentence, base)
  )
    return [occ(toks, { linkOnly: true })];

  // Parenthesised acronym right after the chunk: "… Protection Agency (EPA)".
  const afterText = sentence.slice(toks[toks.length - 1]!.end - base);
  // (After a possessive too: "the National Example Institute's (NEI) count".)
  const code = /^(?:['’]s?)?\s\(([A-Z][A-Z0-9]{1,7})\)/u.exec(afterText)?.[1] ?? null;
  // "Exampleville (SP)", "Aeroporto de X (SP)": after a one-word name or a place, or as two letters,
  // a bracketed code is the region the place is in, not its acronym, unless the initials agree.
  const acr =
    code &&
    (toks.length === 1 || code.length === 2 || typeFromKeywords(toks) === 'place') &&
    fold(code[0]!) !== fold(toks[0]!.text)[0]
      ? null
      : code;
  const and = titledPairAt(toks, stats, source.language);
  if (and > 0) {
    // Each titled name is read as a chunk of its own; the acronym after the chunk is the second's.
    return [toks.slice(0, and), toks.slice(and + 1)].flatMap((part, i) => {
      const partFrom = from + toks.indexOf(part[0]!);
      const sub = { ...c, toks: part, from: partFrom, to: partFrom + part.length };
      return roleOccurrences(sub, roleAt(part, stats), i === 1 ? acr : null, knownPersons);
    });
  }
  const r = roleAt(toks, stats);
  if (r >= 0) return roleOccurrences(c, r, acr, knownPersons);
  const allCapsChunk = toks.every((t) => isAllCaps(t.text) || isConnector(t.text));
  if (allCapsChunk && /^\s*[—–-]/.test(afterText)) return []; // a dateline
  return [plainOccurrence(c, acr, stats)];
}

/** What analyseChunk's helpers need of the chunk: its name tokens, span and sentence. */
interface ChunkContext {
  source: Source;
  /** The sentence's tokens. */
  tokens: Token[];
  /** The name's tokens, trimmed of what opens the chunk. */
  toks: Token[];
  /** Index in `tokens` of the first name token, and one past the last. */
  from: number;
  to: number;
  base: number;
  sentence: string;
  occ: (nameToks: Token[], extra: Partial<Occurrence>) => Occurrence;
}

/**
 * The chunk's tokens without what is not part of the name: an opening function word, common
 * words before a preposition, a date after it, a division's head, a describing noun.
 */
function nameTokens(passage: Passage, tokens: Token[], chunk: Chunk, stats: CorpusStats): Token[] {
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
  // "Lyon, France September 9": a date after a name is not part of it.
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
  return toks;
}

/** "Huesca (HU)": a two-letter code in brackets after a name is a region's code; it only links. */
function isRegionCode(toks: readonly Token[], sentence: string, base: number): boolean {
  const lone = toks.length === 1 ? toks[0]! : null;
  return (
    lone !== null &&
    /^[A-Z]{2}$/.test(lone.text) &&
    /(?:^|[^\p{L}])\p{Lu}[\p{L}.'’-]*\s\($/u.test(
      sentence.slice(Math.max(0, lone.start - base - 64), lone.start - base),
    ) &&
    sentence[lone.end - base] === ')'
  );
}

/**
 * Index of the conjunction between two titled names in one chunk ("Army General Jane Doe and
 * Police Chief Ann Roe"), or -1: each side has a role word with a name after it. Otherwise the
 * last role word would take the whole chunk, and the first name would be lost.
 */
function titledPairAt(
  toks: readonly Token[],
  stats: CorpusStats,
  lang: string | null | undefined,
): number {
  const conjunctions = inLanguage('conjunctions', lang ?? null);
  const titled = (part: readonly Token[]) => {
    const r = roleAt(part, stats);
    return r >= 0 && r < part.length - 1;
  };
  for (let j = 1; j < toks.length - 1; j++) {
    if (toks[j]!.cap || !conjunctions.has(fold(toks[j]!.text))) continue;
    if (titled(toks.slice(0, j)) && titled(toks.slice(j + 1))) return j;
  }
  return -1;
}

/** Index of the last role word in the name's tokens, or -1 ("General Election" has none). */
function roleAt(toks: readonly Token[], stats: CorpusStats): number {
  let r = -1;
  toks.forEach((t, i) => {
    if (ROLE_WORDS.has(t.text) && !institutionAdjective(toks, i)) r = i;
  });
  // "General Election": a role word before a common word is not a title.
  const afterRole = toks.slice(r + 1);
  if (
    r >= 0 &&
    afterRole.length === 1 &&
    stats.lowercase.has(fold(afterRole[0]!.text)) &&
    !isAllCaps(afterRole[0]!.text)
  )
    return -1;
  return r;
}

/**
 * Whether the role word at `i` is an institution's adjective, not a title: before the head word
 * ("General Example Hospital" reads "General" + "Hospital"), or after it and ending the name or
 * followed by a connector ("Hospital General de X", "Fiscalía General"). "Army General Jane
 * Doe" keeps its title.
 */
function institutionAdjective(toks: readonly Token[], i: number): boolean {
  const institution = (t: Token | undefined) => {
    const type = t ? headWordType(fold(t.text)) : null;
    return type === 'facility' || type === 'organization';
  };
  const next = toks[i + 1];
  if (institution(next)) return true;
  return (
    i > 0 &&
    !ROLE_WORDS.has(toks[i - 1]!.text) &&
    institution(toks[i - 1]) &&
    (next === undefined || isConnector(next.text))
  );
}

/** A role chunk: the name after the role (or after a comma), the role as its descriptor. */
function roleOccurrences(
  c: ChunkContext,
  r: number,
  acr: string | null,
  knownPersons: WordSet,
): Occurrence[] {
  const { source, tokens, toks, from, to, base, sentence, occ } = c;
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

/** A chunk without a role: the name, its descriptor (leading modifiers or appositive). */
function plainOccurrence(c: ChunkContext, acr: string | null, stats: CorpusStats): Occurrence {
  const { source, tokens, toks, from, to, base, sentence, occ } = c;
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
  // Leading demonyms describe the name: "Ruritanian National Police Directorate". A word that
  // only ends like one is no evidence: given names do ("Adrian", "Sebastian"), and so do
  // adjectives that open a proper name ("the Coastean Example Institute").
  const leadingDemonym = (t: Token) => isDemonym(t.text) && demonymCountry(fold(t.text)) !== null;
  let k = 0;
  while (k < toks.length - 1 && leadingDemonym(toks[k]!)) k++;
  // "Pan-Example al-Example": a prefixed adjective describes the name after it, unless that
  // has a head word ("Pan-Example Health Organization" is one name).
  let p = k;
  while (p < toks.length - 1 && isPrefixedAdjective(toks[p]!.text)) p++;
  if (typeFromKeywords(toks.slice(p)) !== null) p = k;
  const name = toks.slice(p);
  // "Palais national", "Communauté exemplaire": where names are written in sentence case, a
  // capitalised common noun or head word takes the adjectives after it.
  const head = name.length === 1 ? name[0]! : null;
  const lang = languageOf(source);
  // "Institut example pour la recherche (IEPR)": a head word whose name runs on in lower case
  // up to its acronym.
  const spelled = head && typeFromKeywords([head]) !== null && !acr ? spelledOut(c) : null;
  if (spelled) return occ(spelled.tokens, { descriptor, acronym: spelled.acronym });
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
  // "le ministère de l'Example", "el ministerio del Example": an institution whose head word is
  // written in lower case and whose capital falls on the common noun after it. The noun alone
  // names nothing.
  const opened = p === 0 ? lowercaseHead(tokens, from, sentence, base, lang) : null;
  if (opened !== null && stats.lowercase.has(fold(name[0]!.text)) && !countryCode(name[0]!.text))
    return occ([...tokens.slice(opened, from), ...name], {
      descriptor,
      acronym: acr,
      before: tokens.slice(Math.max(0, opened - 3), opened).map(lower),
    });
  const prev = tokens[from - 1];
  const ownedBy =
    prev !== undefined &&
    prev.cap &&
    prev.possessive &&
    /^['’]s?\s$/u.test(sentence.slice(prev.end - base, toks[0]!.start - base));
  return occ(name, { descriptor, acronym: acr, qualified: k > 0 || ownedBy });
}

const orgHeads = new Map<string, ReadonlySet<string>>();
/** A language's institution head words, folded ("ministère", "ministerio"). */
function organizationHeads(lang: string): ReadonlySet<string> {
  let set = orgHeads.get(lang);
  if (!set) {
    const words = LEXICONS.find((l) => l.code === lang)?.keywords.organization ?? '';
    set = new Set(
      words
        .split(/\s+/)
        .filter((w) => w.length > 0)
        .map(fold),
    );
    orgHeads.set(lang, set);
  }
  return set;
}

/**
 * Where an institution's lower-case head word opens the name at token `from`: the index of
 * "ministère" in "ministère de l'Example", with one or two connectors between and nothing but
 * spaces or an apostrophe; else null.
 */
function lowercaseHead(
  tokens: readonly Token[],
  from: number,
  sentence: string,
  base: number,
  lang: string | null,
): number | null {
  if (lang === null) return null;
  const connectors = inLanguage('connectors', lang);
  let i = from - 1;
  let links = 0;
  while (i >= 0 && links < 2 && !tokens[i]!.cap && connectors.has(fold(tokens[i]!.text))) {
    links++;
    i--;
  }
  const head = tokens[i];
  if (links === 0 || head === undefined || head.cap || head.hasDigit) return null;
  if (!organizationHeads(lang).has(fold(head.text))) return null;
  for (let j = i; j < from; j++) {
    const gap = sentence.slice(tokens[j]!.end - base, tokens[j + 1]!.start - base);
    if (!/^[ ]?$/u.test(gap)) return null;
  }
  return i;
}

const MODIFIER_PREFIXES = anyLanguage('modifierPrefixes');
/** "Pan-Example", "Pro-Example": a name made an adjective by a prefix and a hyphen. */
function isPrefixedAdjective(text: string): boolean {
  const m = /^(\p{L}+)-\p{Lu}[\p{L}-]*$/u.exec(text);
  return m !== null && MODIFIER_PREFIXES.has(fold(m[1]!));
}

/**
 * Two names written side by side read as one chunk: "INE Jane Doe", "Jane Doe of Acme
 * Party", "the X Party and the Y Party". Where a chunk ends with a name of two or more words
 * that the corpus also writes on its own, it is cut before that name, unless what precedes is
 * an institution's head ("University of New Mexico") and no "and" joins them. Chunks are at
 * most MAX_NAME_TOKENS long, so the suffixes tried per chunk are bounded.
 */
function splitRunTogether(
  occs: readonly Occurrence[],
  standalone: WordSet,
  personHeads: WordSet,
): Occurrence[] {
  const out: Occurrence[] = [];
  for (const o of occs) {
    const hyphenated = splitHyphenated(o, standalone);
    if (hyphenated) {
      out.push(...hyphenated);
      continue;
    }
    const cut = cutBeforeName(o, standalone);
    if (cut < 0) out.push(o);
    else out.push(...splitAt(o, cut, personHeads));
  }
  return out;
}

/**
 * What occurrences bring to the names split reads: names of two or more words the corpus writes
 * on its own, and the names a person is known by with their first two words ("Jane Doe" of
 * "Jane Doe Roe").
 */
function namesOf(occs: readonly Occurrence[]): { standalone: string[]; personHeads: string[] } {
  const standalone = new Set<string>();
  const personHeads = new Set<string>();
  for (const o of occs) {
    if (o.linkOnly || o.tokens.length < 2) continue;
    standalone.add(key(o.surface));
    if (o.tokens.length > 4) continue;
    if (o.tokens.some((t) => isConnector(t.text) || isAllCaps(t.text))) continue;
    personHeads.add(key(o.surface));
    personHeads.add(key(`${o.tokens[0]!.text} ${o.tokens[1]!.text}`));
  }
  return { standalone: [...standalone], personHeads: [...personHeads] };
}

/** The occurrence narrowed to some of its tokens, with `extra` fields changed. */
function narrowed(o: Occurrence, toks: Token[], extra: Partial<Occurrence>): Occurrence {
  return {
    ...o,
    tokens: toks,
    start: toks[0]!.start,
    end: toks[toks.length - 1]!.end,
    surface: o.source.text.slice(toks[0]!.start, toks[toks.length - 1]!.end),
    ...extra,
  };
}

/**
 * "the Example-Sample Cup double": two names hyphenated, the second one written elsewhere.
 * Returns the two parts, or null.
 */
function splitHyphenated(o: Occurrence, standalone: WordSet): Occurrence[] | null {
  const first = o.tokens[0]!;
  const parts = first.text.split('-');
  if (
    o.linkOnly ||
    o.tokens.length < 2 ||
    parts.length !== 2 ||
    !parts.every((p) => /^\p{Lu}\p{Ll}/u.test(p)) ||
    !standalone.has(key(parts[1]! + o.source.text.slice(first.end, o.end)))
  )
    return null;
  const at = first.start + parts[0]!.length;
  const a: Token = { ...first, text: parts[0]!, end: at };
  const b: Token = { ...first, text: parts[1]!, start: at + 1, initial: false };
  return [
    narrowed(o, [a], { acronym: null, after: [] }),
    narrowed(o, [b, ...o.tokens.slice(1)], { titled: false, descriptor: null, before: [] }),
  ];
}

/** The first token from which the rest is a standalone name of two or more words, or -1. */
function cutBeforeName(o: Occurrence, standalone: WordSet): number {
  const n = o.tokens.length;
  if (o.linkOnly || n < 3) return -1;
  for (let i = 1; i <= n - 2; i++) {
    const rest = o.tokens.slice(i);
    if (isConnector(rest[0]!.text)) continue;
    if (standalone.has(key(o.source.text.slice(rest[0]!.start, o.end)))) return i;
  }
  return -1;
}

/**
 * The occurrence cut before token `cut` when the text shows two names there; else the
 * occurrence whole.
 */
function splitAt(o: Occurrence, cut: number, personHeads: WordSet): Occurrence[] {
  let head = o.tokens.slice(0, cut);
  // Only where the text shows two names: joined by "and", or an acronym before a name. A
  // person's given names before a surname pair are one name; "X de Santa Example" is one too.
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
  if (!split || (!joined && head.length > 0 && typeFromKeywords(head))) return [o];
  const out: Occurrence[] = [];
  if (head.length > 0) out.push(narrowed(o, head, { acronym: null, after: [] }));
  out.push(
    narrowed(o, o.tokens.slice(cut), {
      titled: false,
      descriptor: null,
      before: [],
      qualified: false,
    }),
  );
  return out;
}

/** Lower-case words a name written in sentence case may run on for before its acronym. */
const MAX_SPELLED_OUT = 10;

/**
 * A one-word head ("Centre", "Instituto") followed by lower-case words and an acronym in
 * brackets whose letters are the initials of the head and those words (less connectors,
 * articles and "and"): the name is written in sentence case. One letter may differ in an
 * acronym of five or more (a word the writer changed, such as "national" for the country's
 * adjective). Returns the name's tokens and the acronym, or null.
 */
function spelledOut(c: ChunkContext): { tokens: Token[]; acronym: string } | null {
  const { tokens, to, base, sentence } = c;
  const head = c.toks[0]!;
  const words: Token[] = [head];
  for (let i = to; i < tokens.length && i < to + MAX_SPELLED_OUT; i++) {
    const t = tokens[i]!;
    const gap = sentence.slice(tokens[i - 1]!.end - base, t.start - base);
    if (t.cap || t.hasDigit || !/^\s$/u.test(gap)) return null;
    words.push(t);
    const code = /^\s\(([A-Z]{3,8})\)/u.exec(sentence.slice(t.end - base))?.[1];
    if (!code) continue;
    const initials = words
      .filter((w) => !isConnector(w.text) && !isConjunction(w.text) && !ARTICLES.has(fold(w.text)))
      .map((w) => fold(w.text)[0])
      .join('');
    const want = code.toLowerCase();
    if (initials.length !== want.length || initials[0] !== want[0]) return null;
    let misses = 0;
    for (let j = 1; j < want.length; j++) if (initials[j] !== want[j]) misses++;
    return misses === 0 || (misses === 1 && want.length >= 5)
      ? { tokens: words, acronym: code }
      : null;
  }
  return null;
}
