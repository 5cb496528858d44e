/**
 * Cleaning: keeps the article's own sentences and drops what a page adds around them (credits,
 * share counters, newsletter and paywall notices, reporter bios, related links). Photo captions
 * carry facts, so each is kept once, marked as a caption, with its photo credit removed.
 */
import { LEXICONS } from '../lang';
import { detectLanguage, foreignLineLanguage } from '../lang/detect';
import type { Block, BlockKind, RemovedText } from '../types';

export interface CleanResult {
  /** Blocks joined by blank lines; all offsets in the corpus point into this text. */
  text: string;
  blocks: Block[];
  removed: RemovedText[];
}

interface LineRule {
  reason: string;
  test: (line: string) => boolean;
}

const LINE_RULES: LineRule[] = [
  { reason: 'photo credit', test: (l) => /^(?:photo\s+)?credit:\s*\S.{0,40}$/i.test(l) },
  {
    reason: 'image control',
    test: (l) => /^(?:icon to )?(?:expand|enlarge|view) (?:image|photo|gallery)$/i.test(l),
  },
  { reason: 'share counter', test: (l) => /^[\d.,\sKkMm]+$/.test(l) },
  {
    reason: 'site name',
    test: (l) => /^(?:www\.)?[a-z0-9-]+(?:\.[a-z0-9-]+)*\.(?:com|org|net|co|es|uk|news)$/i.test(l),
  },
  { reason: 'copyright', test: (l) => /^(?:©|\(c\)|copyright\b)|all rights reserved\.?$/i.test(l) },
  {
    reason: 'read-more link',
    test: (l) =>
      /^(?:read (?:the )?full (?:news|story|article)|read more|continue reading)\b/i.test(l),
  },
  {
    reason: 'newsletter',
    test: (l) => /^(?:sign up|subscribe)\b.{0,160}\b(?:newsletter|updates|alerts)\b/i.test(l),
  },
  {
    reason: 'subscription notice',
    // The word alone is news ("subscription prices rose"); a notice also talks to the reader.
    test: (l) =>
      /\b(?:suscripci[oó]n|subscriptions?|subscribers?|abonnement|assinatura)\b/i.test(l) &&
      /\b(?:your|you|tu|tus|su cuenta|votre|vous|sua|seu|continue|continuar|account|cuenta|compte|conta|device|dispositivo|already|log in|sign in|premium)\b/i.test(
        l,
      ) &&
      l.length < 600,
  },
  {
    reason: 'byline',
    test: (l) => /^[\p{Lu}][\p{L}.'-]+(?: [\p{Lu}][\p{L}.'-]+){1,3}\s*✉$/u.test(l),
  },
  {
    reason: 'reporter bio',
    test: (l) =>
      /^[\p{Lu}][\p{L}.'-]+(?: [\p{Lu}][\p{L}.'-]+){1,3} is an? (?:[\p{L}-]+ ){0,6}(?:reporter|correspondent|writer|editor|journalist|contributor|columnist)\b/u.test(
        l,
      ),
  },
];

// A word of a credit: a capitalised name, an agency, a handle, or the glue between them.
const CREDIT_WORD = String.raw`(?:\p{Lu}[\p{L}.'’&-]*|@[\w.]+|via|de|da|do|del|von|van)`;
const CREDIT_NAME = String.raw`${CREDIT_WORD}(?:\s+${CREDIT_WORD}){0,5}`;
/**
 * A photo or agency credit ending a line, after a sentence or a dash, or as the whole line:
 * "… 2023. REUTERS/Jane Doe", "JANE DOE / AFP", "TV/Handout via REUTERS", "- Reprodução/@x",
 * "Jane Doe | EFE" (after a bar, only an agency in capitals).
 */
const CREDIT = new RegExp(
  String.raw`(?:^|(?<=[.!?”"])\s+|\s+[-–—]\s+)(?:${CREDIT_NAME}\s*\/\s*${CREDIT_NAME}|${CREDIT_NAME}\s*\|\s*\p{Lu}{2,}[\p{Lu}.]*)\s*$`,
  'u',
);

/** "By Jane Doe", "Por Juan Pérez y Ana Gómez", "Par Jean Dupont": a byline line. */
const BYLINE = new RegExp(
  String.raw`^(?:${LEXICONS.flatMap((l) => l.bylines.split(/\s+/))
    .filter((w) => w.length > 0)
    .join('|')})\s+${CREDIT_NAME}(?:\s*(?:,|and|y|e|et)\s*${CREDIT_NAME})?$`,
  'iu',
);

/** The credit line of an embedded post: "— Jane Doe (@janedoe) …". */
const EMBED_CREDIT = /^[—–-]\s*[^()]{1,80}\(@\w+/u;

/** A credit in square brackets ending a caption: "… in London. [Getty]". */
const BRACKET_CREDIT =
  /\s*(?:\[\p{Lu}[\p{L}.'’&/ -]{0,40}\]|\((?:Photo|Foto|Image)s?\s+(?:by|de|por|par)\s[^()]{1,60}\))$/iu;

/**
 * A heading, menu entry or publisher label rather than prose: no final punctuation, and
 * "Section | Headline", a short dated label ("The Daily 09 May 2024"), or a few words in Title
 * Case. A short line of names after a colon or in a list keeps its names.
 */
function isHeadingLike(line: string): boolean {
  if (/[.!?"”…:]$/.test(line)) return false;
  const words = line.split(' ');
  if (/\s\|\s/.test(line)) return true;
  if (words.length <= 8 && /(?:^|\s)(?:1[89]|20)\d\d$/.test(line)) return true;
  if (words.length > 4 || line.includes(':')) return false;
  const long = words.filter((w) => /\p{L}{4,}/u.test(w));
  return long.length > 0 && long.every((w) => /^\P{L}*\p{Lu}/u.test(w));
}

/** Headings that start a trailing list of links: everything after them that is not prose goes. */
const TRAILING_SECTION =
  /^(?:related (?:stories|articles|coverage|news)|more (?:stories|from)|recommended|read next|most read)\b:?/i;

/** A wire dateline: "CITY (AP) — ". The place is usually named again in the text. */
const DATELINE = /^[\p{Lu}][\p{Lu}\s,.'-]*\s\((?:[A-Z][A-Za-z]{1,9})\)\s*[—–-]\s*/u;

/** A scraped "date 2025-03-28" prefix glued to the first paragraph. */
const DATE_PREFIX = /^date\s+\d{4}-\d{2}-\d{2}\s+/i;

// Photo credits inside captions: "(AP Photo/Alex Brandon)", "Photo: Courtesy DHS/"X"". As one
// regex, /\s*\(CREDIT_OPEN…[^)]*\)|\s*PHOTO_LABEL[^.]*$/ backtracks over the rest of the line
// from every candidate; the functions below find the same match in one pass.
const CREDIT_OPEN = /\((?:[A-Z][\w.&]*\s+)?(?:Photo|Foto|Image)s?\s*\//g;
const PHOTO_LABEL = /(?:Photo|Foto|Image)s?:\s*/g;
const CAPTION_LABEL = /(?:^|\s)(?:Photo|Foto|Image)s?:\s/;

/** Where a photo credit starts and ends in a caption line ([start, end)), or null. */
function captionCredit(line: string): { start: number; end: number } | null {
  // "(… Photo/ …)": the first opening that a closing parenthesis follows.
  let paren: { start: number; end: number } | null = null;
  for (const m of line.matchAll(CREDIT_OPEN)) {
    const close = line.indexOf(')', m.index + m[0].length);
    if (close >= 0) paren = { start: m.index, end: close + 1 };
    break;
  }
  // "Photo: …" running to the end of the line with no period after it.
  let label: { start: number; end: number } | null = null;
  const lastDot = line.lastIndexOf('.');
  PHOTO_LABEL.lastIndex = lastDot + 1;
  const m = PHOTO_LABEL.exec(line);
  if (m) label = { start: m.index, end: line.length };
  const hit = paren && (!label || paren.start < label.start) ? paren : label;
  if (!hit) return null;
  // The spaces before the credit go with it.
  let start = hit.start;
  while (start > 0 && /\s/.test(line[start - 1]!)) start--;
  return { start, end: hit.end };
}

/** "(… Photo/ …)" or "Photo: …" somewhere in the line. */
function hasCaptionMark(line: string): boolean {
  // Only the first opening matters: a closing parenthesis after a later one also follows it.
  for (const m of line.matchAll(CREDIT_OPEN)) {
    if (line.indexOf(')', m.index + m[0].length) >= 0) return true;
    break;
  }
  return CAPTION_LABEL.test(line);
}

function stripCaptionCredit(line: string): string {
  const credit = captionCredit(line);
  return credit ? line.slice(0, credit.start) + line.slice(credit.end) : line;
}

const BULLET = /^\s*[•·▪●◦‣∙*-]\s+/;

/** A span in quotation marks: «…», “…”, „…“ or "…". */
const QUOTED = /«[^«»]*»|“[^“”]*”|„[^„“”]*[“”]|"[^"]*"/gu;

function captionKey(s: string): string {
  return s.toLowerCase().replace(/\s+/g, ' ').trim();
}

/**
 * A line without its scraped date prefix ("date 2025-01-02 ", only near the top, where
 * `early` is true) and wire dateline ("CITY (AP) — "); what goes is noted in `removed`.
 */
function stripDatePrefixes(line: string, early: boolean, removed: RemovedText[]): string {
  if (early) {
    const stripped = line.replace(DATE_PREFIX, '');
    if (stripped !== line)
      removed.push({
        reason: 'date prefix',
        text: line.slice(0, line.length - stripped.length).trim(),
      });
    line = stripped;
  }
  const dateline = DATELINE.exec(line);
  if (dateline) {
    removed.push({ reason: 'dateline', text: dateline[0].trim() });
    line = line.slice(dateline[0].length);
  }
  return line;
}

/**
 * A line without a widget's label repeated at its start: "Key points Loading... Key points The
 * council voted …" is a summary box's header, a placeholder and the header again before the
 * text. The label is two to four words, seen again after one to six other words that end in an
 * ellipsis, with a sentence after it; what goes is noted in `removed`.
 */
function stripRepeatedLabel(line: string, removed: RemovedText[]): string {
  const words = line.split(' ');
  for (let n = 2; n <= 4; n++) {
    const label = words.slice(0, n).join(' ');
    if (!/^\p{Lu}/u.test(label) || /[.!?:;,]/.test(label)) continue;
    // Its next appearance, after one to six other words ("Jane Doe Jane Doe" repeats a name).
    let at = 1;
    while (at <= n + 6 && words.slice(at, at + n).join(' ') !== label) at++;
    if (at <= n || at > n + 6 || at + n + 4 > words.length) continue;
    // A placeholder trails off ("Loading...", "Summarising…"); prose that repeats a name goes on.
    if (!/(?:\.\.\.|…)$/u.test(words[at - 1]!)) continue;
    removed.push({ reason: 'repeated label', text: words.slice(0, at + n).join(' ') });
    return words.slice(at + n).join(' ');
  }
  return line;
}

/**
 * A line without its ending photo credits ("… in a town. [Agency]", "… 2023. AGENCY/Jane Doe");
 * null when nothing is left of it. What goes is noted in `removed`.
 */
function stripPhotoCredits(line: string, removed: RemovedText[]): string | null {
  const bracketed = BRACKET_CREDIT.exec(line);
  if (bracketed) {
    removed.push({ reason: 'photo credit', text: bracketed[0].trim() });
    line = line.slice(0, bracketed.index).trim();
    if (line.length === 0) return null;
  }
  const credit = CREDIT.exec(line);
  if (credit) {
    removed.push({ reason: 'photo credit', text: credit[0].trim().replace(/^[-–—]\s*/u, '') });
    line = line
      .slice(0, credit.index)
      .replace(/\s*[-–—]\s*$/, '')
      .trim();
    if (line.length === 0) return null;
  }
  return line;
}

/**
 * A caption line without its credit; null when it is empty or repeats an earlier caption.
 * What goes is noted in `removed`.
 */
function captionOf(line: string, seenCaptions: Set<string>, removed: RemovedText[]): string | null {
  const caption = stripCaptionCredit(line).trim();
  const key = captionKey(caption);
  if (seenCaptions.has(key) || caption.length === 0) {
    removed.push({ reason: 'repeated caption', text: line });
    return null;
  }
  seenCaptions.add(key);
  if (caption !== line)
    removed.push({ reason: 'photo credit', text: line.slice(caption.length).trim() });
  return caption;
}

/** The kept blocks joined by blank lines, with each block's offsets in the joined text. */
function joinBlocks(kept: ReadonlyArray<{ kind: BlockKind; text: string }>): {
  text: string;
  blocks: Block[];
} {
  let text = '';
  const blocks: Block[] = [];
  for (const k of kept) {
    if (text) text += '\n\n';
    blocks.push({ kind: k.kind, start: text.length, end: text.length + k.text.length });
    text += k.text;
  }
  return { text, blocks };
}

/** Cleans one article. `language` is the article's language when known. */
export function cleanArticle(raw: string, language: string | null = null): CleanResult {
  const removed: RemovedText[] = [];
  const lines = raw
    .replace(/\r\n?/g, '\n')
    .split('\n')
    .map((l) => l.replace(/\s+/g, ' ').trim())
    .filter((l) => l.length > 0);
  const docLang = language?.slice(0, 2).toLowerCase() ?? detectLanguage(lines.join(' '));

  const kept: Array<{ kind: BlockKind; text: string }> = [];
  const seenCaptions = new Set<string>();
  let inTrailingSection = false;

  for (const [i, original] of lines.entries()) {
    let line = stripRepeatedLabel(
      stripDatePrefixes(original, i === 0 || kept.length <= 1, removed),
      removed,
    );
    if (TRAILING_SECTION.test(line)) {
      inTrailingSection = true;
      removed.push({ reason: 'related links', text: line });
      continue;
    }
    // In a trailing links section, headlines (no final punctuation) go; prose ends the section.
    if (inTrailingSection) {
      if (!/[.!?"”]$/.test(line) || LINE_RULES.some((r) => r.test(line))) {
        removed.push({ reason: 'related links', text: line });
        continue;
      }
      inTrailingSection = false;
    }
    const rule = LINE_RULES.find((r) => r.test(line));
    if (rule) {
      removed.push({ reason: rule.reason, text: line });
      continue;
    }
    if (BYLINE.test(line) || EMBED_CREDIT.test(line)) {
      removed.push({ reason: 'byline', text: line });
      continue;
    }
    const uncredited = stripPhotoCredits(line, removed);
    if (uncredited === null) continue;
    line = uncredited;
    // A quoted title or saying may be in another language ("“Night Train” de Jane Roe"): the
    // line's own language is that of the words outside quotes.
    const lineLang = docLang ? foreignLineLanguage(line.replace(QUOTED, ' '), docLang) : null;
    if (lineLang && line.split(' ').length >= 6) {
      removed.push({ reason: `text in another language (${lineLang})`, text: line });
      continue;
    }
    if (hasCaptionMark(line)) {
      const caption = captionOf(line, seenCaptions, removed);
      if (caption !== null) kept.push({ kind: 'caption', text: caption });
      continue;
    }
    if (BULLET.test(line)) {
      kept.push({ kind: 'list-item', text: line.replace(BULLET, '') });
      continue;
    }
    // The first line without final punctuation is the headline; later ones that look like
    // headings (section titles, menus, publisher labels) are read as titles too.
    const kind: BlockKind =
      (kept.length === 0 && !/[.!?"”]$/.test(line)) || (kept.length > 0 && isHeadingLike(line))
        ? 'title'
        : 'paragraph';
    kept.push({ kind, text: line });
  }

  return { ...joinBlocks(kept), removed };
}
