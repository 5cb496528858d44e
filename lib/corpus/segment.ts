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

function shouldJoin(prev: string, next: string): boolean {
  const p = prev.trimEnd();
  if (TITLE_ABBREVIATIONS.test(p)) return true;
  if (!INITIALISM.test(p)) return false;
  // A "sentence" that is a lone initialism is never a sentence.
  if (p.split(/\s+/).length <= 1) return true;
  const w = firstWord(next);
  if (!w) return true;
  if (w[0] === w[0]?.toLowerCase()) return true;
  return !SENTENCE_OPENERS.has(w.toLowerCase());
}

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

/** Sentences of `text` between `from` and `to`, as trimmed spans into `text`. */
export function splitSentences(text: string, from = 0, to = text.length, lang = 'en'): Span[] {
  const raw: Span[] = [];
  for (const seg of segmenter(lang).segment(text.slice(from, to))) {
    const start = from + seg.index;
    const end = start + seg.segment.length;
    const prev = raw[raw.length - 1];
    if (prev && shouldJoin(text.slice(prev.start, prev.end), seg.segment)) prev.end = end;
    else raw.push({ start, end });
  }
  const out: Span[] = [];
  for (const s of raw) {
    let { start, end } = s;
    while (start < end && /\s/.test(text[start]!)) start++;
    while (end > start && /\s/.test(text[end - 1]!)) end--;
    if (end > start) out.push({ start, end });
  }
  return out;
}
