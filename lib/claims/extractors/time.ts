/**
 * Time claims: when an event happened ("Thursday evening", "in the afternoon", "later in the
 * day", "January 26", "on Wednesday"), tied to the event word nearest to it in the sentence.
 */

export type DayPart = 'early' | 'morning' | 'afternoon' | 'evening' | 'night' | 'later';

export interface TimeValue {
  weekday: string | null;
  /** "MM-DD" when a calendar date is given. */
  date: string | null;
  /** Month alone ("in January"), 1-12. */
  month: number | null;
  part: DayPart | null;
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
    `\\b(?<later>later|earlier) (?:in|that) the day\\b`,
    `\\b(?:on |this |last |next )?(?<wd>${WD})(?:,? (?<mo1>${MO}) (?<d1>\\d{1,2})\\b)?(?:,? (?:in the )?(?<wdpart>${PART}))?\\b`,
    `\\b(?:on |in )?(?<mo2>${MO}) (?<d2>\\d{1,2})\\b(?!,? \\d{4}\\b(?!,))`,
    `\\b(?:on |in )?(?<mo2b>${MO}) (?<d2b>\\d{1,2}),? \\d{4}\\b`,
    `\\b(?:on )?(?<d3>\\d{1,2}) (?<mo3>${MO})\\b`,
    `\\b(?:in |the |this |that |on the )?(?:(?:early |late )?(?<part>${PART}))\\b`,
    `\\bin (?:mid-|early |late )?(?<mo4>${MO})\\b(?! \\d)`,
  ].join('|'),
  'gi',
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
export function extractTimes(sentence: string): TimeHit[] {
  const events: Array<{ start: number; event: string }> = [];
  for (const [re, event] of EVENTS)
    for (const m of sentence.matchAll(re)) events.push({ start: m.index, event });
  const hits: TimeHit[] = [];
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
    const evt = nearestEvent(events, m.index, m.index + m[0].length);
    if (!evt) continue;
    const prev = hits.at(-1);
    // "Thursday, March 27, 2025" and "Thursday morning" read as one time: merge adjacent hits.
    if (prev && prev.event === evt.event && m.index - prev.end <= 2) {
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
  };
}

/** Stable text form: "thursday evening", "01-26", "january". */
export function formatTime(v: TimeValue): string {
  const parts: string[] = [];
  if (v.weekday) parts.push(v.weekday);
  if (v.date) parts.push(v.date);
  else if (v.month) parts.push(MONTHS[v.month - 1]!);
  if (v.part) parts.push(v.part === 'later' ? 'later in the day' : v.part);
  return parts.join(' ');
}

export interface TimeConflict {
  field: 'weekday' | 'date' | 'month' | 'part';
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
  if (a.part && b.part) {
    const [a0, a1] = PART_HOURS[a.part];
    const [b0, b1] = PART_HOURS[b.part];
    if (a1 <= b0 || b1 <= a0) return { field: 'part', a: a.part, b: b.part };
  }
  return null;
}
