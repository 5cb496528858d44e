/**
 * Direct quotes and who said them, in every lib/lang language: curly, straight, single and
 * angle quotes, and the dialogue dash ("—Text —said X—."); "X said", "said X", "X a déclaré",
 * "a-t-il déclaré", "dijo" with the subject left out, "according to X" / "según X" / "selon X",
 * and a quote cut into several sentences. Speech words come from lib/lang (claim words).
 */
import { boundedMemo } from '../../bounded-memo';
import { claimPhrases } from '../../lang/claim-words';
import { foldLower, WORD_EDGE } from '../text';

export interface QuoteSpan {
  /** Offsets of the quoted words, without the quote marks. */
  start: number;
  end: number;
  text: string;
}

export interface Attribution {
  /** The speaker as written ("Doe", "the secretary", "she"); a pronoun when the verb has none. */
  speaker: string;
  start: number;
  end: number;
  verb: string;
  interpreter: boolean;
  /** The speaker is a pronoun or left out ("she said", "dijo", "a-t-elle ajouté"). */
  pronoun: boolean;
}

const OPEN = new Set(['“', '„', '«', '"']);
const CLOSE = new Set(['”', '»', '"']);
/** Spaces French typography puts inside « »: a guillemet may be followed by one. */
const INNER_SPACE = /[\s\u00a0\u202f]/;

function span(text: string, start: number, end: number): QuoteSpan | null {
  const raw = text.slice(start, end);
  const lead = raw.length - raw.trimStart().length;
  const t = raw.trim();
  return t ? { start: start + lead, end: start + lead + t.length, text: t } : null;
}

/** Double quotes (“ ” „ « » "): a mark is opening when a space or start precedes it. */
function doubleQuotes(text: string): QuoteSpan[] {
  const out: QuoteSpan[] = [];
  let open = -1;
  for (let i = 0; i < text.length; i++) {
    const ch = text[i]!;
    if (!OPEN.has(ch) && !CLOSE.has(ch)) continue;
    const before = i === 0 ? ' ' : text[i - 1]!;
    const after = text[i + 1] ?? ' ';
    const spaced = ch === '«' && INNER_SPACE.test(after);
    const opening =
      open < 0 && (/[\s([—–-]/.test(before) || i === 0) && (/\S/.test(after) || spaced);
    if (opening && (OPEN.has(ch) || ch === '”')) {
      open = i + 1;
    } else if (open >= 0 && (CLOSE.has(ch) || ch === '“') && i > open) {
      const s = span(text, open, i);
      if (s) out.push(s);
      open = -1;
    }
  }
  return out;
}

/**
 * Single quotes ‘…’ outside double ones: ’ closes only when no letter follows it, since the
 * same mark is an apostrophe ("Doe’s").
 */
function singleQuotes(text: string, inside: readonly QuoteSpan[]): QuoteSpan[] {
  const out: QuoteSpan[] = [];
  let open = -1;
  for (let i = 0; i < text.length; i++) {
    const ch = text[i]!;
    if (ch !== '‘' && ch !== '’') continue;
    if (inside.some((q) => i >= q.start - 1 && i <= q.end)) continue;
    const before = i === 0 ? ' ' : text[i - 1]!;
    const after = text[i + 1] ?? ' ';
    if (ch === '‘' && open < 0 && /[\s([—–-]/.test(before) && /\S/.test(after)) open = i + 1;
    else if (ch === '’' && open >= 0 && !/[\p{L}\p{N}]/u.test(after)) {
      const s = span(text, open, i);
      if (s) out.push(s);
      open = -1;
    }
  }
  return out;
}

/**
 * A paragraph that opens with a dash is dialogue ("—We will win —said the candidate—. And
 * …"): the words up to a spaced dash are quoted, the words between two dashes are the
 * narrator's, and the words after the closing dash are quoted again.
 */
function dialogueQuotes(text: string): QuoteSpan[] {
  const first = text.match(/^\s*[—–]\s*/);
  // A line of dialogue is a sentence ("— Agency, date" is a credit line).
  if (!first || !/[.!?…]\s*$|\s[—–]/.test(text.slice(first[0].length))) return [];
  const out: QuoteSpan[] = [];
  let from = first[0].length;
  while (from < text.length) {
    const cut = /\s[—–]/.exec(text.slice(from));
    const end = cut ? from + cut.index : text.length;
    const s = span(text, from, end);
    if (s) out.push(s);
    if (!cut) break;
    // The narrator's words end at the next dash; the quote resumes after it (and its stop).
    const narration = end + cut[0].length;
    const close = text.slice(narration).search(/[—–]/);
    if (close < 0) break;
    from = narration + close + 1;
    from += text.slice(from).match(/^[\s.,;:]*/)![0].length;
  }
  return out;
}

/** Quote spans in a text, in text order. */
export function findQuotes(text: string): QuoteSpan[] {
  const dialogue = dialogueQuotes(text);
  if (dialogue.length > 0) return dialogue;
  const double = doubleQuotes(text);
  return [...double, ...singleQuotes(text, double)].sort((a, b) => a.start - b.start);
}

const escape = (s: string) => s.replace(/[.*+?^${}()[\]\\]/g, '\\$&').replace(/ /g, '\\s+');
const alternation = (xs: readonly string[]) => xs.map(escape).join('|');
/** "according to" -> "[Aa]ccording to": a phrase that may open a sentence. */
const anyCaseStart = (alt: string) =>
  alt
    .split('|')
    .map((a) => a.replace(/^\p{L}/u, (c) => `[${c.toUpperCase()}${c.toLowerCase()}]`))
    .join('|');

/** Reporting verbs of `language` (every language when null), as a regex alternation. */
export function reportingVerbs(language: string | null): string {
  return alternation(claimPhrases('quoteVerbs', language));
}

interface SpeechPatterns {
  after: RegExp;
  before: RegExp;
  accordingTo: RegExp;
  pronouns: Set<string>;
}

const patterns = new Map<string, SpeechPatterns>();

/** The regexes of one language, built once from its claim words. */
function speechPatterns(language: string | null): SpeechPatterns {
  const key = (language ?? '').slice(0, 2).toLowerCase();
  let p = patterns.get(key);
  if (p) return p;
  const verbs = reportingVerbs(language);
  const aux = alternation(claimPhrases('quoteAuxiliaries', language));
  const pron = alternation(claimPhrases('subjectPronouns', language));
  const vp = `(?:(?:${aux})\\s+)?(?:${verbs})`;
  const according = alternation(claimPhrases('accordingTo', language));
  // A speaker after its verb: a name, or a determiner and a role ("el ministro"), up to the
  // clause's end; the caller reads the names inside (and an apposition after a comma).
  const after = `(?<s1>[\\p{L}][\\p{L}\\p{N}.'’ -]{0,80}?)(?=\\s*(?:[,.;:!?—–()]|$))`;
  const before = `(?<s2>(?:[\\p{L}.'’-]+\\s+){0,5}?[\\p{L}.'’-]+)`;
  const after_ = new RegExp(
    [
      `^[\\s\u00a0\u202f,.!?—–»”"’-]*(?:`,
      // "a-t-il déclaré", "avait-elle déclaré", "déclare-t-elle", "dit-il"
      `(?:${aux})-(?:t-)?(?<p1>${pron})\\s+(?<v3>${verbs})`,
      `|(?<v4>${verbs})-(?:t-)?(?<p2>${pron})`,
      // "said Doe", "según explicó su alcaldesa, Fulana"
      `|(?:(?:${according})\\s+)?(?<v1>${vp})\\s+${after}`,
      `|${before}\\s+(?<v2>${vp})`,
      `|(?<v5>${vp})`,
      `)(?=[\\s,.;:!?—–)]|$)`,
    ].join(''),
    'u',
  );
  p = {
    after: after_,
    // Lower-case verbs only ("States" in a country's name is not one); "according to" in any case.
    before: new RegExp(`${WORD_EDGE}(?<v>${verbs}|${anyCaseStart(according)})${WORD_EDGE}`, 'gu'),
    accordingTo: new RegExp(`^(?:${according})$`, 'iu'),
    pronouns: new Set(claimPhrases('subjectPronouns', language).map((w) => w.toLowerCase())),
  };
  patterns.set(key, p);
  return p;
}

/** Whether `word` is a subject pronoun in `language` (any language when null). */
export function isSubjectPronoun(word: string, language: string | null): boolean {
  return speechPatterns(language).pronouns.has(word.trim().toLowerCase());
}

/** Whether a verb found before a quote is "according to" (or its form in `language`). */
export function isAccordingTo(verb: string, language: string | null): boolean {
  return speechPatterns(language).accordingTo.test(verb.trim());
}

/**
 * The attribution right after a closing quote: "… ,” Doe said." / "… ,” said Doe." / "»,
 * a déclaré X" / "», a-t-elle ajouté" / "”, dijo." (the subject left out: a pronoun).
 */
export function attributionAfter(
  text: string,
  quoteEnd: number,
  language: string | null = null,
): Attribution | null {
  const from = quoteEnd + 1;
  const rest = text.slice(from, from + 160);
  const m = rest.match(speechPatterns(language).after);
  if (!m?.groups) return null;
  const g = m.groups;
  const verb = (g.v1 ?? g.v2 ?? g.v3 ?? g.v4 ?? g.v5)!.replace(/\s+/g, ' ');
  const named = (g.s1 ?? g.s2)?.trim();
  let speaker = named ?? (g.p1 ?? g.p2 ?? '').trim();
  // A pronoun, or no subject at all: the caller resolves it from the paragraph.
  let pronoun = !named || isSubjectPronoun(named, language);
  if (named && /[“”"«»]/.test(named)) return null;
  let at: number;
  if (speaker) {
    const verbAt = g.v1 ? m[0].indexOf(g.v1) + g.v1.length : 0;
    at = from + m[0].indexOf(speaker, g.v1 ? verbAt : g.v3 || g.v4 ? m[0].indexOf('-') : 0);
  } else {
    speaker = '';
    pronoun = true;
    at = from + m[0].length;
  }
  const tail = text.slice(at + speaker.length, at + speaker.length + 80);
  return {
    speaker,
    start: at,
    end: at + speaker.length,
    verb,
    interpreter: /^\s*(?:\p{L}+\s+){0,2}through an interpreter|^\s*via an interpreter/u.test(tail),
    pronoun,
  };
}

/** Reporting verbs (and "according to") of `language`, every match in a text. */
export function verbsIn(
  text: string,
  language: string | null = null,
): Array<{ verb: string; index: number }> {
  return [...text.matchAll(speechPatterns(language).before)].map((m) => ({
    verb: m[0],
    index: m.index,
  }));
}

/**
 * "Doe said, “…" / "Smith posted on X, declaring, “…" / "which she described as “…" / "Según
 * X, «…»": the last reporting verb before the quote in its sentence; the speaker is found by
 * the caller (the nearest name before that verb). Returns the verb's offsets.
 */
export function verbBefore(
  text: string,
  sentenceStart: number,
  quoteStart: number,
  language: string | null = null,
): { verb: string; start: number } | null {
  const found = verbsIn(text.slice(sentenceStart, quoteStart), language).at(-1);
  return found ? { verb: found.verb, start: sentenceStart + found.index } : null;
}

// The rules compare every pair of quotes in a story (a story of k quotes asks each quote's
// words k times): each text's words are kept, bounded like the rules' other kept answers.
const keptWords = boundedMemo(20_000, (text: string) => {
  const words: readonly string[] = Object.freeze(freshQuoteWords(text));
  const counts = new Map<string, number>();
  for (const w of words) counts.set(w, (counts.get(w) ?? 0) + 1);
  return { words, counts: counts as ReadonlyMap<string, number> };
});

/** Words of a quote for comparison: folded, straight apostrophes, contractions expanded. */
export function quoteWords(text: string): readonly string[] {
  return keptWords(text).words;
}

/** How many times each of quoteWords(text) occurs in it. */
export function quoteWordCounts(text: string): ReadonlyMap<string, number> {
  return keptWords(text).counts;
}

/** quoteWords without the kept answers. */
export function freshQuoteWords(text: string): string[] {
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
