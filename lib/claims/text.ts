/**
 * Small text helpers shared by the claim extractors: word tokens with offsets, content words,
 * a crude English lemmatizer, clause bounds, and the entities mentioned inside a range.
 */
import { fold } from '../corpus/text';
import { anyLanguage } from '../lang';
import type { Entity, Mention } from '../types';

/**
 * A word edge for regexes built with the `u` flag: `\b` knows only ASCII letters, so it finds
 * no edge after "firmó" and finds one inside "reconoció".
 */
export const WORD_EDGE = String.raw`(?:(?<=[\p{L}\p{N}_])(?![\p{L}\p{N}_])|(?<![\p{L}\p{N}_])(?=[\p{L}\p{N}_]))`;

export interface Word {
  text: string;
  /** Lower-cased, accents folded. */
  lower: string;
  start: number;
  end: number;
}

const WORD_RE = /[\p{L}\p{N}][\p{L}\p{N}'’.,-]*[\p{L}\p{N}]|[\p{L}\p{N}]/gu;

/** Words of `text` (numbers keep their separators: "12,400", "3.5", "far-left"). */
export function words(text: string, base = 0): Word[] {
  return wordsOf(text, base, 0);
}

/**
 * The words of `text` at least `min` characters long, as words() gives them: a token too short
 * to make one is not trimmed or folded (a word is its token, or the token and one period, at
 * most; folding keeps its length). For a caller that leaves out short words anyway.
 */
export function wordsAtLeast(text: string, min: number): Word[] {
  return wordsOf(text, 0, min);
}

function wordsOf(text: string, base: number, min: number): Word[] {
  const out: Word[] = [];
  for (const m of text.matchAll(WORD_RE)) {
    if (m[0].length + 1 < min) continue;
    const w = wordAt(text, m, base);
    if (w && w.text.length >= min) out.push(w);
  }
  return out;
}

/** The word a match of WORD_RE makes (null when trimming leaves nothing). */
function wordAt(text: string, m: RegExpExecArray, base: number): Word | null {
  let raw = m[0];
  // "U.S." keeps its last period.
  if (/^(?:\p{Lu}\.)+\p{Lu}$/u.test(raw) && text[m.index + raw.length] === '.') raw += '.';
  // A trailing period or comma belongs to the sentence, not the word (but keep "U.S.").
  while (/[.,]$/.test(raw) && !/^(?:\p{Lu}\.)+$/u.test(raw)) raw = raw.slice(0, -1);
  if (!raw) return null;
  // Commas inside words are only kept between digits.
  const commaAt = raw.search(/,(?!\d)|(?<!\d),/);
  if (commaAt > 0) raw = raw.slice(0, commaAt);
  const start = base + m.index;
  return { text: raw, lower: foldLower(raw), start, end: start + raw.length };
}

/** The general fold (lib/corpus/text), with one apostrophe. */
export function foldLower(s: string): string {
  return fold(s).replace(/[’‘]/g, "'");
}

export const STOP = new Set(
  (
    'a an the this that these those his her its their our my your we i you he she it they them us him me ' +
    'of to in on at for with from by as into over under about than like among between against via per ' +
    'and or but nor so yet if then also not no only just even still already both each every all any some ' +
    'is are was were be been being has have had do does did will would can could may might must shall should ' +
    'who whom whose which what when where why how there here while after before during since until ' +
    'more most less least very much many few other another such same own up down out off again further ' +
    "said says say told added according one two there's it's that's s"
  ).split(' '),
);

let stopAnyLanguage: Set<string> | null = null;
/** A function word of English or of any language in lib/lang ("que", "las", "dans"). */
export function isStopWord(lower: string): boolean {
  stopAnyLanguage ??= new Set([
    ...STOP,
    ...anyLanguage('functionWords'),
    ...anyLanguage('articles'),
    ...anyLanguage('conjunctions'),
    ...anyLanguage('connectors'),
  ]);
  return stopAnyLanguage.has(lower);
}

/** Singular, lower-case form of an English noun or verb ("evacuations" -> "evacuation"). */
export function lemma(word: string): string {
  const w = foldLower(word).replace(/'s$/, '');
  if (w.length <= 3) return w;
  if (/ies$/.test(w)) return `${w.slice(0, -3)}y`;
  if (/(ss|us|is)$/.test(w)) return w;
  if (/(ches|shes|xes|sses)$/.test(w)) return w.slice(0, -2);
  if (/s$/.test(w)) return w.slice(0, -1);
  return w;
}

/** Content words (lemmas) of a text, without stop words or numbers. */
export function contentLemmas(text: string): string[] {
  const out: string[] = [];
  for (const w of words(text)) {
    if (isStopWord(w.lower) || /\d/.test(w.lower) || w.lower.length < 3) continue;
    out.push(lemma(w.lower));
  }
  return out;
}

/**
 * How far a clause reaches on either side of a figure (characters). Sentences are far shorter,
 * so this only bounds the work (and the context kept) in text with no sentence ends.
 */
export const CLAUSE_REACH = 600;

const CONJUNCTIONS = '(?:and|but|while|which|who|where|although|though|equivalent|when)\\b';
// Anchored at one position: a boundary mark, or a comma and the conjunction after it.
const BOUNDARY_BEFORE = new RegExp(`[;:—–()]|,\\s+(?=${CONJUNCTIONS})`, 'y');
const BOUNDARY_AFTER = new RegExp(`[;:—–()]|,\\s+${CONJUNCTIONS}`, 'y');
const BOUNDARY_START = /[;:—–(),]/;

/**
 * Bounds of the clause around [start, end) in `text` (split at ; : — – and ", " + conjunction),
 * never more than `reach` characters either side of it. Looks outward from the figure, so the
 * work is bounded by the reach, not by the text.
 */
export function clauseBounds(
  text: string,
  start: number,
  end: number,
  reach = CLAUSE_REACH,
): [number, number] {
  const lo = Math.max(0, start - reach);
  // The last boundary before `start`: its lookahead may not read past `start`.
  const before = text.slice(0, start);
  let from = lo;
  for (let i = start - 1; i >= 0; i--) {
    const c = before[i]!;
    // Past the reach only a comma whose spaces run into it still counts.
    if (i < lo && c !== ',' && !/\s/.test(c)) break;
    if (!BOUNDARY_START.test(c)) continue;
    BOUNDARY_BEFORE.lastIndex = i;
    const m = BOUNDARY_BEFORE.exec(before);
    if (m) {
      from = Math.max(lo, i + m[0].length);
      break;
    }
    if (i < lo) break;
  }
  const hi = Math.min(text.length, end + reach);
  let to = hi;
  for (let i = end; i < hi; i++) {
    if (!BOUNDARY_START.test(text[i]!)) continue;
    BOUNDARY_AFTER.lastIndex = i;
    if (BOUNDARY_AFTER.test(text)) {
      to = i;
      break;
    }
  }
  return [from, to];
}

/** Ids of entities mentioned in [start, end) of a source (offsets in the source text). */
export function entitiesIn(mentions: readonly Mention[], start: number, end: number): string[] {
  const ids = new Set<string>();
  for (const m of mentions) if (m.start >= start && m.end <= end) ids.add(m.entityId);
  return [...ids];
}

/**
 * Index of the first item whose `at(item)` is not below `value`, in items sorted by `at`
 * (items.length when there is none).
 */
export function lowerBound<T>(items: readonly T[], value: number, at: (item: T) => number): number {
  let lo = 0;
  let hi = items.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (at(items[mid]!) < value) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/** The shortest way to name an entity in a heading (a surname, an acronym, or the name). */
export function shortName(entity: Pick<Entity, 'name' | 'aliases' | 'type'>): string {
  if (entity.type !== 'person') return entity.name;
  const single = entity.aliases.filter((a) => !a.includes(' ') && a.length > 2);
  const surname = entity.name.split(' ').at(-1);
  if (surname && single.includes(surname)) return surname;
  return single[0] ?? entity.name;
}

export function cap(s: string): string {
  return s ? s[0]!.toUpperCase() + s.slice(1) : s;
}
