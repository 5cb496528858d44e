/**
 * Small text helpers shared by the claim extractors: word tokens with offsets, content words,
 * a crude English lemmatizer, clause bounds, and the entities mentioned inside a range.
 */
import type { Entity, Mention } from '../types';

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
  const out: Word[] = [];
  for (const m of text.matchAll(WORD_RE)) {
    let raw = m[0];
    // "U.S." keeps its last period.
    if (/^(?:\p{Lu}\.)+\p{Lu}$/u.test(raw) && text[m.index + raw.length] === '.') raw += '.';
    // A trailing period or comma belongs to the sentence, not the word (but keep "U.S.").
    while (/[.,]$/.test(raw) && !/^(?:\p{Lu}\.)+$/u.test(raw)) raw = raw.slice(0, -1);
    if (!raw) continue;
    // Commas inside words are only kept between digits.
    const commaAt = raw.search(/,(?!\d)|(?<!\d),/);
    if (commaAt > 0) raw = raw.slice(0, commaAt);
    const start = base + m.index;
    out.push({ text: raw, lower: foldLower(raw), start, end: start + raw.length });
  }
  return out;
}

export function foldLower(s: string): string {
  return s
    .normalize('NFD')
    .replace(/\p{M}+/gu, '')
    .toLowerCase()
    .replace(/[’‘]/g, "'");
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

/** Singular, lower-case form of an English noun or verb ("deportations" -> "deportation"). */
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
    if (STOP.has(w.lower) || /\d/.test(w.lower) || w.lower.length < 3) continue;
    out.push(lemma(w.lower));
  }
  return out;
}

/** Bounds of the clause around [start, end) in `text` (split at ; : — – and ", " + conjunction). */
export function clauseBounds(text: string, start: number, end: number): [number, number] {
  const before = text.slice(0, start);
  const after = text.slice(end);
  const BOUNDARY =
    /[;:—–()]|,\s+(?=(?:and|but|while|which|who|where|although|though|equivalent|when)\b)/g;
  let from = 0;
  for (const m of before.matchAll(BOUNDARY)) from = m.index + m[0].length;
  const next = after.search(
    /[;:—–()]|,\s+(?:and|but|while|which|who|where|although|though|equivalent|when)\b/,
  );
  const to = next < 0 ? text.length : end + next;
  return [from, to];
}

/** Ids of entities mentioned in [start, end) of a source (offsets in the source text). */
export function entitiesIn(mentions: readonly Mention[], start: number, end: number): string[] {
  const ids: string[] = [];
  for (const m of mentions)
    if (m.start >= start && m.end <= end && !ids.includes(m.entityId)) ids.push(m.entityId);
  return ids;
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
