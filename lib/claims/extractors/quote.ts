/**
 * Direct quotes and who said them: curly and straight quotes, "X said", "said X", "X said
 * through an interpreter", "according to X", and a quote cut into several sentences.
 */
import { foldLower, WORD_EDGE } from '../text';

export interface QuoteSpan {
  /** Offsets of the quoted words, without the quote marks. */
  start: number;
  end: number;
  text: string;
}

export interface Attribution {
  /** The speaker as written ("Doe", "the secretary", "she"). */
  speaker: string;
  start: number;
  end: number;
  verb: string;
  interpreter: boolean;
}

const OPEN = new Set(['“', '„', '«', '"']);
const CLOSE = new Set(['”', '»', '"']);

/** Quote spans in a text: a mark is opening when a space or start precedes it. */
export function findQuotes(text: string): QuoteSpan[] {
  const out: QuoteSpan[] = [];
  let open = -1;
  for (let i = 0; i < text.length; i++) {
    const ch = text[i]!;
    if (!OPEN.has(ch) && !CLOSE.has(ch)) continue;
    const before = i === 0 ? ' ' : text[i - 1]!;
    const after = text[i + 1] ?? ' ';
    const opening = open < 0 && (/[\s([—–-]/.test(before) || i === 0) && /\S/.test(after);
    if (opening && (OPEN.has(ch) || ch === '”')) {
      open = i + 1;
    } else if (open >= 0 && (CLOSE.has(ch) || ch === '“') && i > open) {
      out.push({ start: open, end: i, text: text.slice(open, i) });
      open = -1;
    }
  }
  return out;
}

export const REPORTING_VERBS =
  'said|says|say|added|adds|wrote|writes|told|tells|warned|warns|declared|declaring|stated|states|explained|noted|notes|insisted|insists|posted|tweeted|emphasized|emphasised|emphasizes|highlighted|highlights|remarked|continued|asked|replied|announced|announces|pointed out|described|described as|referred to|stressed|argued|claimed|confirmed|revealed|reported|estimated';

const AFTER_RE = new RegExp(
  `^[\\s,.!?]*(?:(?<v1>${REPORTING_VERBS})\\s+(?<s1>(?:the\\s+)?[\\p{Lu}][\\p{L}.'’ -]{0,60}?|he|she|they)|(?<s2>(?:the\\s+|a\\s+)?[\\p{L}.'’ -]{1,60}?)\\s+(?<v2>${REPORTING_VERBS}))(?=[\\s,.;]|$)`,
  'u',
);

/** "… ,” Doe said." / "… ,” said Doe." — the attribution right after a closing quote. */
export function attributionAfter(text: string, quoteEnd: number): Attribution | null {
  const rest = text.slice(quoteEnd + 1, quoteEnd + 140);
  const m = rest.match(AFTER_RE);
  if (!m?.groups) return null;
  const speaker = (m.groups.s1 ?? m.groups.s2 ?? '').trim();
  if (!speaker || /[“”"]/.test(speaker)) return null;
  const verb = (m.groups.v1 ?? m.groups.v2)!;
  const at = quoteEnd + 1 + m[0].indexOf(speaker, m.groups.v1 ? m[0].indexOf(m.groups.v1) : 0);
  const tail = text.slice(at + speaker.length, at + speaker.length + 80);
  return {
    speaker,
    start: at,
    end: at + speaker.length,
    verb,
    interpreter: /^\s*(?:\p{L}+\s+){0,2}through an interpreter|^\s*via an interpreter/u.test(tail),
  };
}

/** A reporting verb (or "according to") before a quote, any case. */
export const BEFORE_RE = new RegExp(
  `${WORD_EDGE}(?<v>${REPORTING_VERBS}|according to)${WORD_EDGE}`,
  'giu',
);

/**
 * "Doe said, “…" / "Smith posted on X, declaring, “…" / "which she described as “…":
 * the last reporting verb before the quote in its sentence; the speaker is found by the caller
 * (the nearest name before that verb). Returns the verb's offsets.
 */
export function verbBefore(
  text: string,
  sentenceStart: number,
  quoteStart: number,
): { verb: string; start: number } | null {
  const slice = text.slice(sentenceStart, quoteStart);
  let last: { verb: string; start: number } | null = null;
  for (const m of slice.matchAll(BEFORE_RE)) last = { verb: m[0], start: sentenceStart + m.index };
  return last;
}

/** Words of a quote for comparison: folded, straight apostrophes, contractions expanded. */
export function quoteWords(text: string): string[] {
  return foldLower(text)
    .replace(/\b(\w+)'re\b/g, '$1 are')
    .replace(/\b(\w+)n't\b/g, '$1 not')
    .replace(/\b(\w+)'ll\b/g, '$1 will')
    .replace(/\[[^\]]*\]/g, ' ')
    .replace(/[^\p{L}\p{N}]+/gu, ' ')
    .trim()
    .split(/\s+/)
    .filter(Boolean);
}

export const PRONOUNS = new Set(['he', 'she', 'they', 'it', 'we', 'i']);

/**
 * Coordinated lists of single words inside a text ("honest, frank and friendly", "abierto,
 * franco y productivo"): three or more items joined by commas and "and" in any lib/lang
 * language. Items are lower-cased.
 */
export function wordLists(text: string): string[][] {
  const out: string[][] = [];
  const re =
    /(?<![\p{L}\p{N}])(\p{L}+(?:,\s*\p{L}+)+),?\s+(?:and|y|e|et|und)\s+(\p{L}+)(?![\p{L}\p{N}])/gu;
  for (const m of text.matchAll(re))
    out.push([...m[1]!.split(/,\s*/), m[2]!].map((w) => w.toLowerCase()));
  return out;
}

/** A quote that is only a list of words ("open, frank, and productive."). */
export function isWordList(text: string): boolean {
  const t = text.trim().replace(/[.!?]+$/, '');
  const lists = wordLists(t);
  return (
    lists.length === 1 && lists[0]!.length >= 3 && t.split(/\s+/).length <= lists[0]!.length + 1
  );
}
