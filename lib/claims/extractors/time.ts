/**
 * Time claims: when an event happened ("Thursday evening", "in the afternoon", "later in the
 * day", "January 26", "on Wednesday", "às 13h22", "peu avant 23 h", "el viernes 8 de
 * septiembre"), tied to the event word nearest to it in the sentence. English forms by one
 * regex; clock times and the calendars of lib/lang's languages by a second pass.
 */
import { claimLexicons, type EventClass } from '../../lang/claim-words';
import { fold } from '../../corpus/text';
import { WORD_EDGE } from '../text';

export type DayPart = 'early' | 'morning' | 'afternoon' | 'evening' | 'night' | 'later';

export interface TimeValue {
  weekday: string | null;
  /** "MM-DD" when a calendar date is given. */
  date: string | null;
  /** Month alone ("in January"), 1-12. */
  month: number | null;
  part: DayPart | null;
  /** Minutes after midnight the clock time allows, [earliest, latest] (hedges widen it). */
  clock?: [number, number] | null;
  /** A time zone named after the clock ("GMT"): only clocks in one zone compare. */
  zone?: string | null;
  /** A year written with the date ("17 de junho de 2007"). */
  year?: number | null;
}

export interface TimeHit {
  start: number;
  end: number;
  span: string;
  value: TimeValue;
  /** Event class of the nearest event word ("meet", "visit", "sign", "announce", "dispute"). */
  event: string;
  /** Offsets of that event word. */
  eventStart: number;
}

const WEEKDAYS = ['monday', 'tuesday', 'wednesday', 'thursday', 'friday', 'saturday', 'sunday'];
const MONTHS = [
  'january',
  'february',
  'march',
  'april',
  'may',
  'june',
  'july',
  'august',
  'september',
  'october',
  'november',
  'december',
];

/** Hours (24 h) each part of the day covers; "later" is any time after the morning. */
export const PART_HOURS: Record<DayPart, [number, number]> = {
  early: [0, 9],
  morning: [5, 12],
  afternoon: [12, 17.5],
  evening: [17.5, 23],
  night: [21, 29],
  later: [10, 24],
};

const WD = WEEKDAYS.join('|');
const MO = MONTHS.join('|');
const PART = 'early morning|morning|afternoon|evening|night|tonight';

/** One regex over the forms news prose uses; the groups say which part matched. */
const TIME_RE = new RegExp(
  [
    `${WORD_EDGE}(?<later>later|earlier) (?:in|that) the day${WORD_EDGE}`,
    `${WORD_EDGE}(?:on |this |last |next )?(?<wd>${WD})(?:,? (?<mo1>${MO}) (?<d1>\\d{1,2})${WORD_EDGE})?(?:,? (?:in the )?(?<wdpart>${PART}))?${WORD_EDGE}`,
    `${WORD_EDGE}(?:on |in )?(?<mo2>${MO}) (?<d2>\\d{1,2})${WORD_EDGE}(?!,? \\d{4}${WORD_EDGE}(?!,))`,
    `${WORD_EDGE}(?:on |in )?(?<mo2b>${MO}) (?<d2b>\\d{1,2}),? \\d{4}${WORD_EDGE}`,
    `${WORD_EDGE}(?:on )?(?<d3>\\d{1,2}) (?<mo3>${MO})${WORD_EDGE}`,
    `${WORD_EDGE}(?:in |the |this |that |on the )?(?:(?:early |late )?(?<part>${PART}))${WORD_EDGE}`,
    `${WORD_EDGE}in (?:mid-|early |late )?(?<mo4>${MO})${WORD_EDGE}(?! \\d)`,
  ].join('|'),
  'giu',
);

/** Event words and the class each belongs to. */
const EVENTS: Array<[RegExp, string]> = [
  [/\b(?:met|meet|meets|meeting|sat down|talks|talked|greeted|greets)\b/gi, 'meet'],
  [
    /\b(?:visit|visits|visited|visiting|travel|travels|travelled|traveled|arrive|arrives|arrived|tour|toured|be in|trip)\b/gi,
    'visit',
  ],
  [/\b(?:sign|signs|signed|signing)\b/gi, 'sign'],
  [/\b(?:announced|announces|announce|unveiled|declared)\b/gi, 'announce'],
  [/\b(?:crisis|meltdown|dispute|clash|clashed|standoff|row|tensions|erupted)\b/gi, 'dispute'],
];

const alt = (forms: readonly string[]) =>
  forms
    .map((f) => fold(f).replace(/[.*+?^${}()|[\]\\]/g, '\\$&'))
    .sort((a, b) => b.length - a.length)
    .join('|');
const word = (body: string) => new RegExp(`(?<![\\p{L}\\p{N}])(?:${body})(?![\\p{L}\\p{N}])`, 'gu');

let eventRes: Array<[RegExp, EventClass]> | null = null;
/** Event words of every language in lib/lang, one regex per class, over folded text. */
function eventRegexes(): Array<[RegExp, EventClass]> {
  if (eventRes) return eventRes;
  const byClass = new Map<EventClass, string[]>();
  for (const l of claimLexicons())
    for (const [k, v] of Object.entries(l.events) as Array<[EventClass, string]>)
      byClass.set(k, [...(byClass.get(k) ?? []), ...v.split('|')]);
  eventRes = [...byClass].map(([k, forms]) => [word(alt(forms)), k]);
  return eventRes;
}

interface Calendar {
  weekday: Map<string, string>;
  month: Map<string, number>;
  part: Map<string, DayPart>;
  re: RegExp;
}
let calendar: Calendar | null = null;

/** Weekdays, dates ("8 de septiembre de 2023", "1er novembre") and day parts of lib/lang. */
function calendarOf(): Calendar {
  if (calendar) return calendar;
  const weekday = new Map<string, string>();
  const month = new Map<string, number>();
  const part = new Map<string, DayPart>();
  for (const l of claimLexicons()) {
    l.weekdays.split(' ').forEach((forms, i) => {
      for (const f of forms.split('|')) weekday.set(fold(f), WEEKDAYS[i]!);
    });
    l.months.split(' ').forEach((forms, i) => {
      for (const f of forms.split('|')) month.set(fold(f), i + 1);
    });
    for (const [k, v] of Object.entries(l.dayParts))
      for (const f of v.split('|')) part.set(fold(f), k as DayPart);
  }
  const re = word(
    [
      `(?<wd>${alt([...weekday.keys()])})`,
      `(?<d>\\d{1,2})(?:er|º|°)? (?:de )?(?<mo>${alt([...month.keys()])})(?: de(?:l)? (?<y>\\d{4}))?`,
      `(?<pt>${alt([...part.keys()])})`,
    ].join('|'),
  );
  calendar = { weekday, month, part, re };
  return calendar;
}

let hedgeRes: { about: RegExp; before: RegExp; after: RegExp } | null = null;
function clockHedges(): { about: RegExp; before: RegExp; after: RegExp } {
  if (hedgeRes) return hedgeRes;
  const ends = (field: 'clockAbout' | 'clockBefore' | 'clockAfter') =>
    new RegExp(
      `(?:${alt(claimLexicons().flatMap((l) => l[field].split('|')))})(?: (?:a|as|às|a las|de|the))?\\s*$`,
      'u',
    );
  hedgeRes = { about: ends('clockAbout'), before: ends('clockBefore'), after: ends('clockAfter') };
  return hedgeRes;
}

/**
 * Clock times: "13h22", "11h56min", "23 h", "13:25", "23.11 hora", "1:30 p.m.", "11pm",
 * "13 horas e 20 minutos". Dotted ones need an hour word after them ("1.037" is a count).
 */
const CLOCK_RE =
  /(?<![\p{L}\p{N}.,:])(?:(?<h1>[01]?\d|2[0-3])\s?h\s?(?<m1>[0-5]\d)?(?:min)?|(?<h2>[01]?\d|2[0-3]):(?<m2>[0-5]\d)(?:\s?(?<ap2>[ap])\.?m\.?)?|(?<h3>[01]?\d|2[0-3])\.(?<m3>[0-5]\d)(?= (?:hora|h\b|heures?))|(?<h4>1[0-2]|0?\d)\s?(?<ap4>[ap])\.?m\.?|(?<h5>[01]?\d|2[0-3]) horas? e (?<m5>[0-5]?\d) minutos)(?![\p{L}\p{N}])(?:\s?(?<zone>GMT|UTC))?/giu;

/** Words that put a clock time after them: "às", "a las", "à", "at". */
const AT_CLOCK = /(?:^|\s)(?:as|às|a las|de las|das|à|a|at|vers)\s*$/u;
const HEDGED = (before: string) => {
  const h = clockHedges();
  return h.about.test(before) || h.before.test(before) || h.after.test(before);
};

/** Clock times of a sentence with their hedges, as minute ranges. */
function clockTimes(
  sentence: string,
): Array<{ start: number; end: number; clock: [number, number]; zone: string | null }> {
  const out: Array<{ start: number; end: number; clock: [number, number]; zone: string | null }> =
    [];
  const hedges = clockHedges();
  for (const m of sentence.matchAll(CLOCK_RE)) {
    const g = m.groups ?? {};
    let h = Number(g.h1 ?? g.h2 ?? g.h3 ?? g.h4 ?? g.h5);
    const minText = g.m1 ?? g.m2 ?? g.m3 ?? g.m5;
    const ap = (g.ap2 ?? g.ap4)?.toLowerCase();
    if (ap === 'p' && h < 12) h += 12;
    if (ap === 'a' && h === 12) h = 0;
    const t = h * 60 + Number(minText ?? 0);
    // An hour alone ("23 h", "11pm") names the hour, not its first minute.
    let clock: [number, number] = minText === undefined ? [t, t + 59] : [t, t];
    const before = fold(sentence.slice(Math.max(0, m.index - 40), m.index));
    // "2h" alone is as often a duration ("de 2h"): an hour alone needs a hedge or "at".
    const anchored =
      minText !== undefined || ap !== undefined || AT_CLOCK.test(before) || HEDGED(before);
    if (!anchored) continue;
    let start = m.index;
    const hedge =
      before.match(hedges.about) ?? before.match(hedges.before) ?? before.match(hedges.after);
    if (before.match(hedges.about)) clock = [clock[0] - 10, clock[1] + 10];
    else if (before.match(hedges.before)) clock = [t - 20, t];
    else if (before.match(hedges.after)) clock = [t, t + 20];
    if (hedge) start = m.index - hedge[0].length + (hedge[0].length - hedge[0].trimStart().length);
    out.push({ start, end: m.index + m[0].length, clock, zone: g.zone?.toUpperCase() ?? null });
  }
  return out;
}

function monthIndex(name: string | undefined): number | null {
  if (!name) return null;
  const i = MONTHS.indexOf(name.toLowerCase());
  return i < 0 ? null : i + 1;
}

function pad(n: number): string {
  return String(n).padStart(2, '0');
}

function partOf(text: string | undefined): DayPart | null {
  if (!text) return null;
  const t = text.toLowerCase();
  if (t === 'early morning') return 'early';
  if (t === 'tonight') return 'night';
  return (['morning', 'afternoon', 'evening', 'night'] as const).find((p) => p === t) ?? null;
}

/** Time expressions of one sentence, each with the event it dates. */
/**
 * Times in a sentence, each with the nearest event word. `lastDay` is the last day the article
 * named before this sentence: a phrase such as "minutes later" dates its event to that day.
 */
export function extractTimes(sentence: string, lastDay: TimeValue | null = null): TimeHit[] {
  const events: Array<{ start: number; event: string }> = [];
  for (const [re, event] of EVENTS)
    for (const m of sentence.matchAll(re)) events.push({ start: m.index, event });
  const folded = fold(sentence);
  for (const [re, event] of eventRegexes())
    for (const m of folded.matchAll(re))
      if (!events.some((e) => e.start === m.index)) events.push({ start: m.index, event });
  const found: Array<{ start: number; end: number; value: TimeValue }> = [];
  for (const m of sentence.matchAll(TIME_RE)) {
    const g = m.groups ?? {};
    const value: TimeValue = { weekday: null, date: null, month: null, part: null };
    if (g.later) value.part = g.later.toLowerCase() === 'later' ? 'later' : null;
    if (g.wd) value.weekday = g.wd.toLowerCase();
    const mo = monthIndex(g.mo1 ?? g.mo2 ?? g.mo2b ?? g.mo3);
    const day = g.d1 ?? g.d2 ?? g.d2b ?? g.d3;
    if (mo && day) value.date = `${pad(mo)}-${pad(Number(day))}`;
    if (g.mo4) value.month = monthIndex(g.mo4);
    const part = partOf(g.wdpart ?? g.part);
    if (part) value.part = part;
    if (!value.weekday && !value.date && !value.month && !value.part) continue;
    // Months alone are written as proper nouns ("March") — "may" the verb is not a month.
    if (g.mo4 && !/^[A-Z]/.test(g.mo4)) continue;
    if (g.wd && !/^[A-Z]/.test(g.wd)) continue;
    found.push({ start: m.index, end: m.index + m[0].length, value });
  }
  found.push(...otherTimes(sentence, folded, found));
  if (lastDay && (lastDay.weekday || lastDay.date))
    for (const m of folded.matchAll(soonAfterRe()))
      if (!found.some((t) => m.index < t.end && t.start < m.index + m[0].length))
        found.push({
          start: m.index,
          end: m.index + m[0].length,
          value: { weekday: lastDay.weekday, date: lastDay.date, month: null, part: null },
        });
  found.sort((a, b) => a.start - b.start);
  return attach(sentence, found, events);
}

let soonAfter: RegExp | null = null;
function soonAfterRe(): RegExp {
  soonAfter ??= word(alt(claimLexicons().flatMap((l) => l.soonAfter.split('|'))));
  return soonAfter;
}

/** The last day (weekday or calendar date) a sentence names, whatever event it dates. */
export function lastDayIn(sentence: string): TimeValue | null {
  const folded = fold(sentence);
  const found: Array<{ start: number; value: TimeValue }> = [];
  for (const m of sentence.matchAll(TIME_RE)) {
    const g = m.groups ?? {};
    const mo = monthIndex(g.mo1 ?? g.mo2 ?? g.mo2b ?? g.mo3);
    const day = g.d1 ?? g.d2 ?? g.d2b ?? g.d3;
    const weekday = g.wd && /^[A-Z]/.test(g.wd) ? g.wd.toLowerCase() : null;
    const date = mo && day ? `${pad(mo)}-${pad(Number(day))}` : null;
    if (weekday || date)
      found.push({ start: m.index, value: { weekday, date, month: null, part: null } });
  }
  for (const t of otherTimes(sentence, folded, []))
    if (t.value.weekday || t.value.date) found.push(t);
  found.sort((a, b) => a.start - b.start);
  return found.at(-1)?.value ?? null;
}

/** Clock times and other languages' calendar words that the English regex did not take. */
function otherTimes(
  sentence: string,
  folded: string,
  taken: ReadonlyArray<{ start: number; end: number }>,
): Array<{ start: number; end: number; value: TimeValue }> {
  const out: Array<{ start: number; end: number; value: TimeValue }> = [];
  const free = (s: number, e: number) =>
    !taken.some((t) => s < t.end && t.start < e) && !out.some((t) => s < t.end && t.start < e);
  const empty = (): TimeValue => ({ weekday: null, date: null, month: null, part: null });
  for (const c of clockTimes(sentence))
    if (free(c.start, c.end))
      out.push({ start: c.start, end: c.end, value: { ...empty(), clock: c.clock, zone: c.zone } });
  const cal = calendarOf();
  cal.re.lastIndex = 0;
  for (const m of folded.matchAll(cal.re)) {
    const g = m.groups ?? {};
    if (!free(m.index, m.index + m[0].length)) continue;
    const value = empty();
    if (g.wd) value.weekday = cal.weekday.get(g.wd) ?? null;
    if (g.mo && g.d) value.date = `${pad(cal.month.get(g.mo)!)}-${pad(Number(g.d))}`;
    if (g.y) value.year = Number(g.y);
    if (g.pt) value.part = cal.part.get(g.pt) ?? null;
    // "mañana" and "tarde" are also "tomorrow" and "late": only after an article or "de".
    if (
      g.pt &&
      !/(?:^|\s)(?:la|el|de|da|na|à|a|le|la|du|en|por|pela|of|the|this|in)\s+$/.test(
        folded.slice(Math.max(0, m.index - 6), m.index),
      )
    )
      continue;
    if (!value.weekday && !value.date && !value.part) continue;
    out.push({ start: m.index, end: m.index + m[0].length, value });
  }
  return out;
}

/** Each time takes the nearest event word; adjacent times of one event read as one. */
function attach(
  sentence: string,
  found: ReadonlyArray<{ start: number; end: number; value: TimeValue }>,
  events: ReadonlyArray<{ start: number; event: string }>,
): TimeHit[] {
  const hits: TimeHit[] = [];
  for (const { start, end, value } of found) {
    const m = { index: start, 0: sentence.slice(start, end) };
    const evt = nearestEvent(events, m.index, m.index + m[0].length);
    if (!evt) continue;
    // An event word dates the first time after it: "took off at 11:59 and began to fall at
    // 13:20" does not make 13:20 a take-off time.
    const earlier = hits.at(-1);
    if (
      earlier &&
      earlier.eventStart === evt.start &&
      evt.start < earlier.start &&
      m.index - earlier.end > 8
    )
      continue;
    const prev = hits.at(-1);
    // "Thursday, March 27, 2025" and "Thursday morning" read as one time: merge adjacent hits.
    const between = sentence.slice(prev?.end ?? 0, m.index);
    if (
      prev &&
      prev.event === evt.event &&
      /^[\s,(]*(?:de[l]?\s+|à\s+|às\s+|a las\s+|at\s+)?[\s,(]*$/u.test(between) &&
      m.index - prev.end <= 8
    ) {
      prev.value = mergeTime(prev.value, value);
      prev.end = m.index + m[0].length;
      prev.span = sentence.slice(prev.start, prev.end);
      continue;
    }
    hits.push({
      start: m.index,
      end: m.index + m[0].length,
      span: m[0],
      value,
      event: evt.event,
      eventStart: evt.start,
    });
  }
  return hits;
}

function nearestEvent(
  events: ReadonlyArray<{ start: number; event: string }>,
  from: number,
  to: number,
): { start: number; event: string } | null {
  let best: { start: number; event: string } | null = null;
  let bestD = Number.POSITIVE_INFINITY;
  for (const e of events) {
    // A verb usually comes before the time that dates it: words after count three times as far.
    const d = e.start < from ? from - e.start : (e.start - to) * 3;
    if (d >= 0 && d < bestD) {
      bestD = d;
      best = e;
    }
  }
  return best;
}

export function mergeTime(a: TimeValue, b: TimeValue): TimeValue {
  return {
    weekday: a.weekday ?? b.weekday,
    date: a.date ?? b.date,
    month: a.month ?? b.month,
    part: a.part ?? b.part,
    clock: a.clock ?? b.clock ?? null,
    zone: a.zone ?? b.zone ?? null,
  };
}

/** Stable text form: "thursday evening", "01-26", "january". */
export function formatTime(v: TimeValue): string {
  const parts: string[] = [];
  if (v.weekday) parts.push(v.weekday);
  if (v.date) parts.push(v.date);
  else if (v.month) parts.push(MONTHS[v.month - 1]!);
  if (v.part) parts.push(v.part === 'later' ? 'later in the day' : v.part);
  if (v.clock) parts.push(clockText(v.clock) + (v.zone ? ` ${v.zone}` : ''));
  return parts.join(' ');
}

function hhmm(t: number): string {
  const m = ((t % 1440) + 1440) % 1440;
  return `${pad(Math.floor(m / 60))}:${pad(m % 60)}`;
}

/** "13:22", or "13:12-13:32" for a hedged time. */
export function clockText([a, b]: readonly [number, number]): string {
  return a === b ? hhmm(a) : `${hhmm(a)}-${hhmm(b)}`;
}

export interface TimeConflict {
  field: 'weekday' | 'date' | 'month' | 'part' | 'clock';
  a: string;
  b: string;
}

/** Where two times cannot both be true; null when they are compatible. */
export function timeConflict(a: TimeValue, b: TimeValue): TimeConflict | null {
  if (a.date && b.date && a.date !== b.date) return { field: 'date', a: a.date, b: b.date };
  if (a.weekday && b.weekday && a.weekday !== b.weekday)
    return { field: 'weekday', a: a.weekday, b: b.weekday };
  const ma = a.month ?? (a.date ? Number(a.date.slice(0, 2)) : null);
  const mb = b.month ?? (b.date ? Number(b.date.slice(0, 2)) : null);
  if (ma && mb && ma !== mb) return { field: 'month', a: MONTHS[ma - 1]!, b: MONTHS[mb - 1]! };
  if (a.clock && b.clock && (a.zone ?? null) === (b.zone ?? null)) {
    // A minute either way: "13h22" and "13:21" are one report rounded.
    if (a.clock[1] + 1 < b.clock[0] || b.clock[1] + 1 < a.clock[0])
      return { field: 'clock', a: clockText(a.clock), b: clockText(b.clock) };
    return null;
  }
  if (a.part && b.part) {
    const [a0, a1] = PART_HOURS[a.part];
    const [b0, b1] = PART_HOURS[b.part];
    if (a1 <= b0 || b1 <= a0) return { field: 'part', a: a.part, b: b.part };
  }
  return null;
}
