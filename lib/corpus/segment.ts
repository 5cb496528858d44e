/** Sentence segmentation with offsets: Intl.Segmenter, then repairs for abbreviations. */

export interface Span {
  start: number;
  end: number;
}

// Titles that never end a sentence ("Mrs. Smith").
const TITLE_ABBREVIATIONS =
  /\b(?:Mr|Mrs|Ms|Dr|St|Gen|Sen|Rep|Gov|Lt|Col|Capt|Sgt|Prof|Rev|Hon|Mt|Ft|No|vs|Jr|Sr|Sra|Sr|Dña|Mme|Mlle)\.$/;
// Dotted initialisms ("U.S.", "a.m.") may end a sentence; they usually don't.
const INITIALISM = /(?:^|[^\p{L}])(?:\p{L}\.){2,}$/u;
// Words that typically open a new sentence; after "U.S." they mean the sentence really ended.
const SENTENCE_OPENERS = new Set(
  'the a an he she it they we i you this that these those but and or so yet in on at as if when while after before since his her their its our my your there here what who why how then however meanwhile still also later earlier today yesterday tomorrow'.split(
    ' ',
  ),
);

function firstWord(s: string): string {
  return /[\p{L}\p{N}]+/u.exec(s)?.[0] ?? '';
}

/**
 * Whether the segment `next` continues the sentence before it. `tail` is the end of that
 * sentence (trailing space trimmed, at most TAIL_CHARS long: every test below looks only at its
 * last few characters), `spaced` whether the whole sentence has a space inside it.
 */
function shouldJoin(tail: string, spaced: boolean, next: string): boolean {
  if (TITLE_ABBREVIATIONS.test(tail)) return true;
  if (!INITIALISM.test(tail)) return false;
  // A "sentence" that is a lone initialism is never a sentence.
  if (!spaced) return true;
  const w = firstWord(next);
  if (!w) return true;
  if (w[0] === w[0]?.toLowerCase()) return true;
  return !SENTENCE_OPENERS.has(w.toLowerCase());
}

/** Longer than any abbreviation or initialism test needs (a title is 5, two initials 8 chars). */
const TAIL_CHARS = 24;

/**
 * Sentences longer than this are cut (at a space when there is one): real sentences are far
 * shorter, and every later stage then works on pieces of bounded length.
 */
export const MAX_SENTENCE_CHARS = 2000;

const isSpace = (ch: string | undefined) => ch !== undefined && /\s/.test(ch);

const segmenters = new Map<string, Intl.Segmenter>();
function segmenter(lang: string): Intl.Segmenter {
  let s = segmenters.get(lang);
  if (!s) {
    try {
      s = new Intl.Segmenter(lang, { granularity: 'sentence' });
    } catch {
      s = new Intl.Segmenter('en', { granularity: 'sentence' });
    }
    segmenters.set(lang, s);
  }
  return s;
}

interface RawSpan extends Span {
  /** The span, without its trailing space, has a space inside. */
  spaced: boolean;
  /** The span, trailing space included, has a space. */
  anySpace: boolean;
}

/** `text[start, end)` without trailing space: its end offset. */
function trimmedEnd(text: string, start: number, end: number): number {
  while (end > start && isSpace(text[end - 1])) end--;
  return end;
}

/** Cuts [start, end) into pieces of at most MAX_SENTENCE_CHARS, at a space when possible. */
function capLength(text: string, start: number, end: number, out: Span[]): void {
  while (end - start > MAX_SENTENCE_CHARS) {
    let cut = start + MAX_SENTENCE_CHARS;
    let at = cut;
    while (at > start + MAX_SENTENCE_CHARS / 2 && !isSpace(text[at])) at--;
    if (isSpace(text[at])) cut = at;
    // Never between the two halves of a surrogate pair.
    else if (/[\uDC00-\uDFFF]/.test(text[cut] ?? '')) cut--;
    const pieceEnd = trimmedEnd(text, start, cut);
    if (pieceEnd > start) out.push({ start, end: pieceEnd });
    start = cut;
    while (start < end && isSpace(text[start])) start++;
  }
  if (end > start) out.push({ start, end });
}

/**
 * How much text the segmenter is given at once: stepping through its sentences costs time in
 * proportion to the length of the string it was given.
 */
const WINDOW_CHARS = 2 * MAX_SENTENCE_CHARS;

/**
 * Intl.Segmenter's sentences of text[from, to), read a window at a time. A window's last
 * sentences may be cut short (or ended early: whether a period ends a sentence can depend on
 * the next letter), so each window keeps its sentences up to the last one holding a letter,
 * and the next window starts there. A sentence longer than a window is cut at a space.
 */
function* segments(
  text: string,
  from: number,
  to: number,
  lang: string,
): Generator<{ index: number; segment: string }> {
  let at = from;
  while (at < to) {
    const end = Math.min(to, at + WINDOW_CHARS);
    const segs = [...segmenter(lang).segment(text.slice(at, end))];
    let keep = segs.length;
    if (end < to) {
      keep = segs.length - 1;
      while (keep > 0 && !/\p{L}/u.test(segs[keep]!.segment)) keep--;
    }
    if (keep === 0) {
      let cut = end;
      while (cut > at + WINDOW_CHARS / 2 && !isSpace(text[cut - 1])) cut--;
      if (!isSpace(text[cut - 1])) cut = end;
      yield { index: at - from, segment: text.slice(at, cut) };
      at = cut;
      continue;
    }
    for (const seg of segs.slice(0, keep))
      yield { index: at - from + seg.index, segment: seg.segment };
    const last = segs[keep - 1]!;
    at += last.index + last.segment.length;
  }
}

/** Sentences of `text` between `from` and `to`, as trimmed spans into `text`. */
export function splitSentences(text: string, from = 0, to = text.length, lang = 'en'): Span[] {
  const raw: RawSpan[] = [];
  for (const seg of segments(text, from, to, lang)) {
    const start = from + seg.index;
    const end = start + seg.segment.length;
    const prev = raw[raw.length - 1];
    if (prev) {
      const prevEnd = trimmedEnd(text, prev.start, prev.end);
      const tail = text.slice(Math.max(prev.start, prevEnd - TAIL_CHARS), prevEnd);
      if (shouldJoin(tail, prev.spaced, seg.segment)) {
        const rest = seg.segment.trimEnd();
        prev.spaced = rest ? prev.anySpace || /\s/.test(rest) : prev.spaced;
        prev.anySpace ||= /\s/.test(seg.segment);
        prev.end = end;
        continue;
      }
    }
    raw.push({
      start,
      end,
      spaced: /\s/.test(seg.segment.trimEnd()),
      anySpace: /\s/.test(seg.segment),
    });
  }
  const out: Span[] = [];
  for (const s of raw) {
    let { start } = s;
    while (start < s.end && isSpace(text[start])) start++;
    capLength(text, start, trimmedEnd(text, start, s.end), out);
  }
  return out;
}
