/**
 * The alias matcher the content script runs over every text node (design note 2).
 *
 * One Aho–Corasick automaton over folded text: case, accents, typographic quotes/dashes and
 * whitespace runs are folded, and every folded character remembers its offset in the original
 * text, so matches come back as offsets into the string that was passed in. A scan is one pass
 * over the text whatever the number of aliases; candidates are then checked for word boundaries
 * and for case (a proper name needs its capitals, so "rich sauce" is not "Rich"), and the
 * leftmost-longest non-overlapping ones win ("Jane Doe" over "Doe").
 */
import { fold } from './corpus/text';

export interface Match {
  /** Offsets into the text given to `find` (UTF-16 code units, end exclusive). */
  start: number;
  end: number;
  entityId: string;
}

export interface Matcher {
  find(text: string): Match[];
  /** Number of distinct folded aliases in the automaton. */
  readonly size: number;
}

/** How the case of a candidate is checked against the alias it matched. */
enum CaseRule {
  /** The alias has no capitals: any case matches. */
  Any = 0,
  /** Each capitalised word of the alias must be capitalised in the text. */
  Proper = 1,
  /** Acronym of four letters or more: "NASDAQ" or "Nasdaq", not "nasdaq". */
  Acronym = 2,
  /** Acronym of up to three letters: every letter must be a capital ("US", not "us"/"Us"). */
  ShortAcronym = 3,
}

interface Variant {
  entityId: string;
  alias: string;
  rule: CaseRule;
  /** Positions (in the folded alias) whose original character must be a capital. */
  upper: number[];
  /** A one-word name ("Springfield", "Rich"): it must not be part of a longer unknown name. */
  single: boolean;
  /** The last word of a longer alias of the same entity (a surname). */
  surname: boolean;
}

/**
 * Capitalised words that may stand before a surname without making it another person's name
 * ("President Doe", "Mr. Doe" is handled by its period). Generic English/Spanish/French/German
 * honorifics, not names.
 */
const TITLES = new Set(
  (
    'president presidente secretary minister ministra ministro senator sen rep representative ' +
    'governor gov mayor general gen judge justice chancellor premier king queen prince princess ' +
    'pope ambassador director chairman chairwoman chair chief leader vice deputy commissioner ' +
    'sheriff officer agent professor prof rev sir dame lord lady colonel col captain capt lt sgt ' +
    'admiral commander speaker attorney candidate former mr mrs ms dr señor senor sr sra doña ' +
    'monsieur madame mme herr frau st saint'
  ).split(' '),
);

/** Words capitalised only because they start a sentence or sit in a headline. */
const FUNCTION_WORDS = new Set(
  (
    'a an and as at but by for from how in into is of on or over says said than that the to ' +
    'under vs was what when where who why will with after before about against amid while if ' +
    'since then so yet also meanwhile though although because without did does do has have had ' +
    'would can could should may might must which this these those both even only here there now ' +
    'today yesterday monday tuesday wednesday thursday friday saturday sunday ex new'
  ).split(' '),
);

interface Pattern {
  length: number;
  /** The alias starts/ends with a character of a script written without spaces (CJK, Thai…). */
  openStart: boolean;
  openEnd: boolean;
  variants: Variant[];
}

// ---------------------------------------------------------------------------------------------
// Folding

const SPACE = 32;
const nonAsciiFold = new Map<number, string>();
const wordCache = new Map<number, boolean>();
const WHITESPACE = /^\s$/u;
const INVISIBLE = /^[\u00AD\u200B-\u200F\u2060\uFEFF]$/u;
const APOSTROPHE = /^[\u2018\u2019\u201B\u2032\u02BC\u02BB\uFF07]$/u;
const DASH = /^[\u2010-\u2015\u2212\uFE58\uFE63\uFF0D]$/u;
const MARKS = /\p{M}/gu;
const WORD = /^[\p{L}\p{N}\p{M}]$/u;
const NO_SPACE_SCRIPT =
  /^[\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}\p{Script=Thai}\p{Script=Lao}\p{Script=Khmer}\p{Script=Myanmar}]$/u;

function foldNonAscii(c: number): string {
  let s = nonAsciiFold.get(c);
  if (s !== undefined) return s;
  const ch = String.fromCharCode(c);
  if (c >= 0xd800 && c <= 0xdfff) s = ch;
  else if (WHITESPACE.test(ch)) s = ' ';
  else if (INVISIBLE.test(ch)) s = '';
  else if (APOSTROPHE.test(ch)) s = "'";
  else if (DASH.test(ch)) s = '-';
  else s = ch.normalize('NFKD').replace(MARKS, '').toLowerCase().replace(MARKS, '');
  // The fold buffers allow three units per character; the rare longer expansions (U+FDFA is 18)
  // stay as they are.
  if (s.length > 3) s = ch;
  nonAsciiFold.set(c, s);
  return s;
}

function isWordCode(c: number): boolean {
  if (c < 128) return (c >= 48 && c <= 57) || (c >= 97 && c <= 122) || (c >= 65 && c <= 90);
  let w = wordCache.get(c);
  if (w === undefined) {
    w = WORD.test(String.fromCharCode(c)) || (c >= 0xd800 && c <= 0xdfff);
    wordCache.set(c, w);
  }
  return w;
}

/** Reusable buffers: folding writes here, so a scan allocates nothing but its results. */
let codes = new Uint16Array(4096);
let origin = new Int32Array(4097);

/** Folds `text` into the shared buffers; returns the folded length. origin[i] = source offset. */
function foldInto(text: string): number {
  const len = text.length;
  if (codes.length < len * 3 + 1) {
    codes = new Uint16Array(len * 3 + 1);
    origin = new Int32Array(len * 3 + 2);
  }
  let n = 0;
  let prevSpace = false;
  for (let i = 0; i < len; i++) {
    let c = text.charCodeAt(i);
    if (c < 128) {
      if (c >= 65 && c <= 90) c += 32;
      else if (c === 9 || c === 10 || c === 13 || c === 12) c = SPACE;
      if (c === SPACE) {
        if (prevSpace) continue;
        prevSpace = true;
      } else prevSpace = false;
      codes[n] = c;
      origin[n++] = i;
      continue;
    }
    const f = foldNonAscii(c);
    for (let k = 0; k < f.length; k++) {
      const fc = f.charCodeAt(k);
      if (fc === SPACE) {
        if (prevSpace) continue;
        prevSpace = true;
      } else prevSpace = false;
      codes[n] = fc;
      origin[n++] = i;
    }
  }
  origin[n] = len;
  return n;
}

/**
 * The matcher's folded form of a string (case, accents, quotes, dashes, whitespace), for tests and
 * tools; the general fold that keeps offsets is lib/corpus/text's.
 */
export function foldForMatching(text: string): string {
  return foldedString(foldInto(text));
}

/** The folded buffer's first `n` units as a string (in chunks: no huge argument lists). */
function foldedString(n: number): string {
  let out = '';
  for (let at = 0; at < n; at += 8192)
    out += String.fromCharCode.apply(
      null,
      codes.subarray(at, Math.min(n, at + 8192)) as unknown as number[],
    );
  return out;
}

/** 0: not a cased letter; 1: a letter, not a capital; 2: a capital. Per UTF-16 unit, cached. */
const caseCache = new Map<number, 0 | 1 | 2>();
function letterCase(c: number): 0 | 1 | 2 {
  if (c < 128) return c >= 65 && c <= 90 ? 2 : c >= 97 && c <= 122 ? 1 : 0;
  let v = caseCache.get(c);
  if (v === undefined) {
    const ch = String.fromCharCode(c);
    const lo = ch.toLowerCase();
    const up = ch.toUpperCase();
    v = lo === up ? 0 : ch !== lo && ch === up ? 2 : 1;
    caseCache.set(c, v);
  }
  return v;
}

function isUpperChar(ch: string): boolean {
  return letterCase(ch.charCodeAt(0)) === 2;
}

/**
 * Classifies an alias's case and records which of its folded positions need a capital. Reads
 * the fold of `alias` left in the shared buffers (`n` units).
 */
function caseInfo(
  alias: string,
  n: number,
): { rule: CaseRule; upper: number[]; letters: number[] } {
  const upper: number[] = [];
  const letters: number[] = [];
  let upperLetters = 0;
  let lowerLetters = 0;
  for (let k = 0; k < n; k++) {
    const lc = letterCase(alias.charCodeAt(origin[k]!));
    if (lc === 0) continue;
    letters.push(k);
    const up = lc === 2;
    if (up) upperLetters++;
    else lowerLetters++;
    const wordStart = k === 0 || !isWordCode(codes[k - 1]!);
    if (up && wordStart) upper.push(k);
  }
  if (upperLetters === 0) return { rule: CaseRule.Any, upper: [], letters };
  if (lowerLetters === 0 && upperLetters >= 2) {
    return letters.length <= 3
      ? { rule: CaseRule.ShortAcronym, upper: letters, letters }
      : { rule: CaseRule.Acronym, upper: letters.slice(0, 1), letters };
  }
  return { rule: CaseRule.Proper, upper, letters };
}

/** 1: a letter (\p{L}); 2: a combining mark (\p{M}); 0: neither. Per UTF-16 unit, cached. */
const letterClassCache = new Map<number, 0 | 1 | 2>();
const LETTER = /^\p{L}$/u;
const MARK = /^\p{M}$/u;
function letterClass(c: number): 0 | 1 | 2 {
  if (c < 128) return (c >= 97 && c <= 122) || (c >= 65 && c <= 90) ? 1 : 0;
  let v = letterClassCache.get(c);
  if (v === undefined) {
    const ch = String.fromCharCode(c);
    // A surrogate half stands for a character outside the BMP: most of those are letters.
    v = LETTER.test(ch) || (c >= 0xd800 && c <= 0xdfff) ? 1 : MARK.test(ch) ? 2 : 0;
    letterClassCache.set(c, v);
  }
  return v;
}

/** Inside a word of names: letters, marks, apostrophes and hyphens ("O'Neil", "Jean-Luc"). */
function isNameWordCode(c: number): boolean {
  return letterClass(c) !== 0 || c === 39 || c === 0x2019 || c === 45;
}

// The words around a candidate are read by code unit, not by regular expression: these run for
// most candidates of every scan, and a Unicode property class costs a regular expression a lot
// (one compilation of these took tens of milliseconds inside a scan slice).

/** The word right after `at` when only one space separates it (no punctuation between). */
function wordAfter(text: string, at: number): string | null {
  if (text.charCodeAt(at) !== SPACE) return null;
  const end = Math.min(text.length, at + 40);
  let j = at + 1;
  while (j < end && isNameWordCode(text.charCodeAt(j))) j++;
  return j > at + 1 ? text.slice(at + 1, j) : null;
}

/** The word right before `at` when only one space separates it, and it ends in a letter. */
function wordBefore(text: string, at: number): string | null {
  if (text.charCodeAt(at - 1) !== SPACE) return null;
  const from = Math.max(0, at - 41);
  let i = at - 1;
  while (i > from && letterClass(text.charCodeAt(i - 1)) !== 0) i--;
  return i < at - 1 ? text.slice(i, at - 1) : null;
}

const headlineCache = { text: '', value: false };
/** Title Case text (most words capitalised): capitals there say nothing about names. */
function isHeadline(text: string): boolean {
  if (headlineCache.text === text) return headlineCache.value;
  // Words start with a letter and go on through letters, marks, apostrophes and hyphens.
  let words = 0;
  let caps = 0;
  for (let i = 0; i < text.length;) {
    const c = text.charCodeAt(i);
    if (letterClass(c) !== 1) {
      i++;
      continue;
    }
    words++;
    if (letterCase(c) === 2) caps++;
    i++;
    while (i < text.length && isNameWordCode(text.charCodeAt(i))) i++;
  }
  const value = words >= 4 && caps / words >= 0.7;
  headlineCache.text = text;
  headlineCache.value = value;
  return value;
}

// ---------------------------------------------------------------------------------------------
// The automaton

/**
 * Compiles [alias, entityId] pairs into a matcher. Aliases shorter than two word characters once
 * folded are ignored (a single letter is never a useful name to underline).
 */
export function compileMatcher(aliases: ReadonlyArray<readonly [string, string]>): Matcher {
  const build = buildMatcher(aliases);
  for (;;) {
    const step = build.next();
    if (step.done) return step.value;
  }
}

/** Work done between two pauses of `buildMatcher`: aliases read, or automaton nodes linked. */
const BUILD_STEP = 256;

/**
 * `compileMatcher` one step at a time: the generator pauses every few hundred aliases or
 * automaton nodes, so a caller can give the page its main thread back between steps (thousands
 * of aliases take tens of milliseconds to compile). `compileMatcherSliced` drives it.
 */
// eslint-disable-next-line max-lines-per-function -- `find` and `step` close over the typed arrays built here: the hot scan path reads them as locals.
export function* buildMatcher(
  aliases: ReadonlyArray<readonly [string, string]>,
): Generator<void, Matcher> {
  const byFolded = new Map<string, Pattern>();
  // Each alias is folded once; the surname pass below reuses it.
  const lastWords = new Set<string>();
  let count = 0;
  for (const [rawAlias, entityId] of aliases) {
    if (++count % BUILD_STEP === 0) yield;
    const alias = rawAlias.trim();
    const n = foldInto(alias);
    const folded = foldedString(n).trim();
    const space = folded.lastIndexOf(' ');
    if (space > 0) lastWords.add(`${entityId}\u0000${folded.slice(space + 1)}`);
    let wordChars = 0;
    for (let k = 0; k < folded.length && wordChars < 2; k++)
      if (isWordCode(folded.charCodeAt(k))) wordChars++;
    if (wordChars < 2) continue;
    const { rule, upper } = caseInfo(alias, n);
    let p = byFolded.get(folded);
    if (!p) {
      p = {
        length: folded.length,
        openStart: NO_SPACE_SCRIPT.test(folded[0]!),
        openEnd: NO_SPACE_SCRIPT.test(folded[folded.length - 1]!),
        variants: [],
      };
      byFolded.set(folded, p);
    }
    if (!p.variants.some((v) => v.entityId === entityId && v.alias === alias)) {
      const single = space < 0 && rule === CaseRule.Proper;
      p.variants.push({ entityId, alias, rule, upper, single, surname: false });
    }
  }
  // Surnames: one-word aliases that end a longer alias of the same entity.
  for (const [folded, p] of byFolded)
    for (const v of p.variants)
      v.surname = v.single && lastWords.has(`${v.entityId}\u0000${folded}`);
  yield;

  // The trie, straight into flat arrays: built from the folded aliases in sorted order, each
  // node's children are created in character order, so a counting pass lays every node's edges
  // out contiguously and sorted (no map per node: start-up builds this on every page load).
  const keys = [...byFolded.keys()].sort();
  let maxEdges = 0;
  for (const key of keys) maxEdges += key.length;
  const patterns: Pattern[] = [];
  const outPattern = new Int32Array(maxEdges + 1).fill(-1);
  const edgeParent = new Int32Array(maxEdges);
  const edgeCharList = new Uint16Array(maxEdges);
  const path: number[] = [0];
  let prev = '';
  let nodeCount = 1;
  count = 0;
  for (const key of keys) {
    if (++count % BUILD_STEP === 0) yield;
    let common = 0;
    const max = Math.min(prev.length, key.length);
    while (common < max && prev.charCodeAt(common) === key.charCodeAt(common)) common++;
    path.length = common + 1;
    for (let k = common; k < key.length; k++) {
      edgeParent[nodeCount - 1] = path[k]!;
      edgeCharList[nodeCount - 1] = key.charCodeAt(k);
      path.push(nodeCount++);
    }
    outPattern[path[key.length]!] = patterns.length;
    patterns.push(byFolded.get(key)!);
    prev = key;
  }
  // Edge i leads to node i + 1 (nodes are numbered in creation order).
  const edges = nodeCount - 1;
  const edgeStart = new Int32Array(nodeCount + 1);
  for (let e = 0; e < edges; e++) edgeStart[edgeParent[e]! + 1]!++;
  for (let s = 0; s < nodeCount; s++) edgeStart[s + 1]! += edgeStart[s]!;
  const edgeChar = new Uint16Array(edges);
  const edgeTo = new Int32Array(edges);
  const fill = edgeStart.slice(0, nodeCount);
  for (let e = 0; e < edges; e++) {
    const at = fill[edgeParent[e]!]!++;
    edgeChar[at] = edgeCharList[e]!;
    edgeTo[at] = e + 1;
  }
  const rootNext = new Int32Array(65536);
  for (let e = edgeStart[0]!; e < edgeStart[1]!; e++) rootNext[edgeChar[e]!] = edgeTo[e]!;
  yield;

  const step = (s: number, c: number): number => {
    if (s === 0) return rootNext[c]!;
    let lo = edgeStart[s]!;
    let hi = edgeStart[s + 1]! - 1;
    while (lo <= hi) {
      const mid = (lo + hi) >> 1;
      const mc = edgeChar[mid]!;
      if (mc === c) return edgeTo[mid]!;
      if (mc < c) lo = mid + 1;
      else hi = mid - 1;
    }
    return -1;
  };

  // Failure links and output links, breadth first.
  const fail = new Int32Array(nodeCount);
  const outLink = new Int32Array(nodeCount).fill(-1);
  const out = outPattern.subarray(0, nodeCount);
  const queue = new Int32Array(nodeCount);
  let tail = 0;
  for (let e = edgeStart[0]!; e < edgeStart[1]!; e++) queue[tail++] = edgeTo[e]!;
  for (let qi = 0; qi < tail; qi++) {
    if (qi % (BUILD_STEP * 8) === 0) yield;
    const s = queue[qi]!;
    for (let e = edgeStart[s]!; e < edgeStart[s + 1]!; e++) {
      const c = edgeChar[e]!;
      const t = edgeTo[e]!;
      let f = fail[s]!;
      let next = step(f, c);
      while (next <= 0 && f !== 0) {
        f = fail[f]!;
        next = step(f, c);
      }
      fail[t] = next > 0 && next !== t ? next : 0;
      const ft = fail[t]!;
      outLink[t] = out[ft]! >= 0 ? ft : outLink[ft]!;
      queue[tail++] = t;
    }
  }

  /** 0: no; 1: yes; 2: yes if the next word starts another match ("Ruritania Jane Doe"). */
  const accepts = (v: Variant, text: string, start: number, end: number): 0 | 1 | 2 => {
    if (v.rule === CaseRule.Any) return 1;
    for (const k of v.upper) {
      if (!isUpperChar(text[origin[start + k]!]!)) return 0;
    }
    if (!v.single) return 1;
    // "Mary Doe": a surname after another given name is another person; titles are fine.
    if (v.surname) {
      const prev = wordBefore(text, origin[start]!);
      if (prev && isUpperChar(prev[0]!)) {
        // The general fold, not the matcher's: that would overwrite the buffers this scan reads.
        const w = fold(prev);
        if (!TITLES.has(w) && !FUNCTION_WORDS.has(w)) return 0;
      }
    }
    // "Springfield Gazette", "Ruritania City", "Jane Miller": a one-word name followed by another
    // capitalised word is part of a longer name we do not know (headlines capitalise anyway).
    // In a headline, only "The Springfield Gazette"-like phrases (an article before the name).
    const headline = isHeadline(text);
    if (!headline || wordBefore(text, origin[start]!)?.toLowerCase() === 'the') {
      const next = wordAfter(text, origin[end]!);
      if (next && isUpperChar(next[0]!)) return 2;
    }
    return 1;
  };

  function find(text: string): Match[] {
    const n = foldInto(text);
    // Candidates (folded start, folded end, variant) in order of their end.
    const cStart: number[] = [];
    const cEnd: number[] = [];
    const cVariant: Variant[] = [];
    const cNeedsNext: boolean[] = [];
    const starts = new Set<number>();
    let s = 0;
    for (let i = 0; i < n; i++) {
      const c = codes[i]!;
      for (;;) {
        const t = step(s, c);
        if (t > 0) {
          s = t;
          break;
        }
        if (s === 0) break;
        s = fail[s]!;
      }
      if (s === 0) continue;
      let o = out[s]! >= 0 ? s : outLink[s]!;
      while (o >= 0) {
        const p = patterns[out[o]!]!;
        const start = i + 1 - p.length;
        const end = i + 1;
        const okStart = p.openStart || start === 0 || !isWordCode(codes[start - 1]!);
        const okEnd = p.openEnd || end === n || !isWordCode(codes[end]!);
        if (okStart && okEnd) {
          let chosen: Variant | null = null;
          let needsNext = false;
          const surface = p.variants.length > 1 ? text.slice(origin[start]!, origin[end]!) : '';
          for (const v of p.variants) {
            const verdict = accepts(v, text, start, end);
            if (verdict === 0) continue;
            if (!chosen || v.alias === surface) {
              chosen = v;
              needsNext = verdict === 2;
            }
            if (v.alias === surface) break;
          }
          if (chosen) {
            cStart.push(start);
            cEnd.push(end);
            cVariant.push(chosen);
            cNeedsNext.push(needsNext);
            starts.add(start);
          }
        }
        o = outLink[o]!;
      }
    }
    if (cStart.length === 0) return [];
    // Leftmost-longest, non-overlapping.
    const order = cStart.map((_, k) => k);
    order.sort((a, b) => cStart[a]! - cStart[b]! || cEnd[b]! - cEnd[a]!);
    const matches: Match[] = [];
    let lastEnd = -1;
    for (const k of order) {
      if (cStart[k]! < lastEnd) continue;
      if (cNeedsNext[k] && !starts.has(cEnd[k]! + 1)) continue;
      lastEnd = cEnd[k]!;
      let end = origin[lastEnd]!;
      // Do not swallow trailing spaces folded into the match's last character.
      while (end > 0 && /\s/.test(text[end - 1]!)) end--;
      matches.push({ start: origin[cStart[k]!]!, end, entityId: cVariant[k]!.entityId });
    }
    return matches;
  }

  return { find, size: patterns.length };
}

/** Characters read on each side of a window: more than any name is long. */
const WINDOW_CONTEXT = 256;

/**
 * The matches of a very long text, one window at a time, so that a caller can yield between
 * windows (a 20 MB text node would otherwise be one long task). Each window is read with
 * context on both sides and keeps the matches that start inside it, so the result is the same
 * as `find` on the whole text.
 */
export function* findInWindows(matcher: Matcher, text: string, size: number): Generator<Match[]> {
  for (let start = 0; start < text.length; start += size) {
    const end = Math.min(text.length, start + size);
    const from = Math.max(0, start - WINDOW_CONTEXT);
    const to = Math.min(text.length, end + WINDOW_CONTEXT);
    const found: Match[] = [];
    for (const m of matcher.find(text.slice(from, to))) {
      const at = m.start + from;
      if (at >= start && at < end) found.push({ ...m, start: at, end: m.end + from });
    }
    yield found;
  }
}
