/**
 * The alias matcher the content script runs over every text node (design note 2).
 *
 * One trie of every alias over folded text: case, accents, typographic quotes/dashes and
 * whitespace runs are folded, and every folded character remembers its offset in the original
 * text, so matches come back as offsets into the string that was passed in. A name starts a word
 * (or, in scripts written without spaces, anywhere), so the scan walks the trie from each word
 * start only, as far as the text follows it: mid-word characters cost one check, whatever the
 * number of aliases (an Aho–Corasick pass, which follows every substring, did more work per
 * character the larger the dictionary). Candidates are then checked for word boundaries and for
 * case (a proper name needs its capitals, so "rich sauce" is not "Rich"), and the
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
  /** Number of distinct folded aliases in the automaton (counted when first asked). */
  readonly size: number;
  /** Whether it can match nothing (cheaper than `size`: stops at the first usable alias). */
  empty(): boolean;
}

/** How the case of a candidate is checked against the alias it matched. */
export enum CaseRule {
  /** The alias has no capitals: any case matches. */
  Any = 0,
  /** Each capitalised word of the alias must be capitalised in the text. */
  Proper = 1,
  /** Acronym of four letters or more: "NASDAQ" or "Nasdaq", not "nasdaq". */
  Acronym = 2,
  /** Acronym of up to three letters: every letter must be a capital ("US", not "us"/"Us"). */
  ShortAcronym = 3,
}

/**
 * One entity's spelling of a folded alias, as a plain tuple: the background builds these once per
 * dictionary version and the content script reads them straight from JSON (no object per alias
 * at start-up).
 */
export type VariantRow = [
  entityId: string,
  alias: string,
  rule: CaseRule,
  /** Positions (in the folded alias) whose original character must be a capital. */
  upper: number[],
  /**
   * VARIANT_SINGLE: a one-word name ("Springfield", "Rich"), which must not be part of a longer
   * unknown name; VARIANT_SURNAME: the last word of a longer alias of the same entity.
   */
  flags: number,
];
const VARIANT_SINGLE = 1;
const VARIANT_SURNAME = 2;

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

/** A folded alias while the automaton is built: its length, open ends and variants. */
type PatternRow = [
  length: number,
  /**
   * PATTERN_OPEN_START / PATTERN_OPEN_END: the alias starts/ends with a character of a script
   * written without spaces (CJK, Thai…), so no word boundary is needed there.
   */
  open: number,
  variants: VariantRow[],
];
const PATTERN_OPEN_START = 1;
const PATTERN_OPEN_END = 2;
/**
 * Every variant needs a capital at the alias's first character ("Rich", "NASA"; not "rich",
 * "iPhone"): text that starts with anything else is rejected before the variants are read. Set by
 * the build (packs of earlier builds lack it: their patterns are checked variant by variant, with
 * the same result). Earlier pages read only the two bits above.
 */
export const PATTERN_FIRST_CAPITAL = 4;

// ---------------------------------------------------------------------------------------------
// Folding

const SPACE = 32;
const nonAsciiFold = new Map<number, string>();
/** Per UTF-16 unit: 0 not yet known, 1 not a word character, 2 a word character. */
const wordCache = new Uint8Array(65536);
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

for (let c = 0; c < 128; c++)
  wordCache[c] = (c >= 48 && c <= 57) || (c >= 97 && c <= 122) || (c >= 65 && c <= 90) ? 2 : 1;

function isWordCode(c: number): boolean {
  const w = wordCache[c]!;
  return w === 2 || (w === 0 && classifyWord(c));
}

function classifyWord(c: number): boolean {
  const word = WORD.test(String.fromCharCode(c)) || (c >= 0xd800 && c <= 0xdfff);
  wordCache[c] = word ? 2 : 1;
  return word;
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

/** A word of two letters or more, all of them capitals ("JOIN"; not "I", "Join"). */
function isCapitalsWord(word: string): boolean {
  let capitals = 0;
  for (let i = 0; i < word.length; i++) {
    const c = letterCase(word.charCodeAt(i));
    if (c === 1) return false;
    if (c === 2) capitals++;
  }
  return capitals >= 2;
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
 * The trie of folded aliases in flat arrays, nodes numbered breadth first: the children of node
 * `s` are the consecutive nodes `edgeStart[s] + 1 … edgeStart[s + 1]`, so edge `e` leads to node
 * `e + 1`. It is what the background builds once per dictionary version (`packAutomaton`) and a
 * page reads back without work per alias.
 */
export interface Automaton {
  /** Node count; node 0 is the root. */
  nodes: number;
  /** Per node (and one past the last): its first edge. Length nodes + 1. */
  edgeStart: Int32Array;
  /** Per edge (edge e enters node e + 1): its folded character. Length nodes - 1. */
  edgeChar: Uint16Array;
  /** Per pattern: the node where it ends. */
  patternNode: Int32Array;
  /** Per pattern: its folded length | its open ends (PATTERN_OPEN_*) << 16. */
  patternInfo: Int32Array;
  /**
   * Per pattern: its variants. A packed automaton leaves them unread until the pattern is first
   * met (`variantsOf`): pattern p's are the JSON in `variantText` from variantAt[p] to
   * variantAt[p + 1].
   */
  variants: Array<VariantRow[] | undefined>;
  variantText: string;
  variantAt: Int32Array;
}

/** Pattern p's variants (read from the packed text the first time). */
export function variantsOf(a: Automaton, p: number): VariantRow[] {
  return (a.variants[p] ??= JSON.parse(
    a.variantText.slice(a.variantAt[p]!, a.variantAt[p + 1]!),
  ) as VariantRow[]);
}

/**
 * Compiles [alias, entityId] pairs into a matcher. Aliases shorter than two word characters once
 * folded are ignored (a single letter is never a useful name to underline).
 */
export function compileMatcher(aliases: ReadonlyArray<readonly [string, string]>): Matcher {
  return matcherOf(compileAutomaton(aliases));
}

/** `buildAutomaton` run to its end. */
export function compileAutomaton(aliases: ReadonlyArray<readonly [string, string]>): Automaton {
  const build = buildAutomaton(aliases);
  for (;;) {
    const step = build.next();
    if (step.done) return step.value;
  }
}

/** Work done between two pauses of `buildAutomaton`: aliases read. */
const BUILD_STEP = 256;

/**
 * The automaton of [alias, entityId] pairs, one step at a time: the generator pauses every few
 * hundred aliases, so a caller can give the page its main thread back between steps
 * (`runSliced`). The trie and its links are built by plain functions, which the engine optimises
 * (a generator's loops stay in the interpreter).
 */
export function* buildAutomaton(
  aliases: ReadonlyArray<readonly [string, string]>,
): Generator<void, Automaton> {
  const byFolded = new Map<string, PatternRow>();
  // Each alias is folded once; the surname pass below reuses it.
  const lastWords = new Set<string>();
  for (let from = 0; from < aliases.length; from += BUILD_STEP) {
    if (from > 0) yield;
    readAliases(aliases, from, Math.min(aliases.length, from + BUILD_STEP), byFolded, lastWords);
  }
  // Surnames: one-word aliases that end a longer alias of the same entity.
  for (const [folded, p] of byFolded)
    for (const v of p[2])
      if (v[4] & VARIANT_SINGLE && lastWords.has(`${v[0]}\u0000${folded}`)) v[4] |= VARIANT_SURNAME;
  yield;
  const keys = [...byFolded.keys()].sort();
  const automaton = trieOf(
    keys,
    keys.map((k) => byFolded.get(k)!),
  );
  yield;
  return automaton;
}

function readAliases(
  aliases: ReadonlyArray<readonly [string, string]>,
  from: number,
  to: number,
  byFolded: Map<string, PatternRow>,
  lastWords: Set<string>,
): void {
  for (let i = from; i < to; i++) {
    const [rawAlias, entityId] = aliases[i]!;
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
      const open =
        (NO_SPACE_SCRIPT.test(folded[0]!) ? PATTERN_OPEN_START : 0) |
        (NO_SPACE_SCRIPT.test(folded[folded.length - 1]!) ? PATTERN_OPEN_END : 0);
      p = [folded.length, open, []];
      byFolded.set(folded, p);
    }
    if (!p[2].some((v) => v[0] === entityId && v[1] === alias)) {
      const single = space < 0 && rule === CaseRule.Proper;
      p[2].push([entityId, alias, rule, upper, single ? VARIANT_SINGLE : 0]);
    }
  }
}

/**
 * The trie of sorted folded keys, numbered breadth first. Built depth
 * first from the sorted keys (each node's children come in character order), then renumbered.
 */
function trieOf(keys: string[], patterns: PatternRow[]): Automaton {
  let maxNodes = 1;
  for (const key of keys) maxNodes += key.length;
  // Depth first: node i > 0 hangs from dfsParent[i] by dfsChar[i].
  const dfsParent = new Int32Array(maxNodes);
  const dfsChar = new Uint16Array(maxNodes);
  const dfsPattern = new Int32Array(patterns.length);
  const path: number[] = [0];
  let prev = '';
  let count = 1;
  for (let p = 0; p < keys.length; p++) {
    const key = keys[p]!;
    let common = 0;
    const max = Math.min(prev.length, key.length);
    while (common < max && prev.charCodeAt(common) === key.charCodeAt(common)) common++;
    path.length = common + 1;
    for (let k = common; k < key.length; k++) {
      dfsParent[count] = path[k]!;
      dfsChar[count] = key.charCodeAt(k);
      path.push(count++);
    }
    dfsPattern[p] = path[key.length]!;
    prev = key;
  }
  // Each node's children, in character order (creation order), as lists.
  const childStart = new Int32Array(count + 1);
  for (let i = 1; i < count; i++) childStart[dfsParent[i]! + 1]!++;
  for (let i = 0; i < count; i++) childStart[i + 1]! += childStart[i]!;
  const children = new Int32Array(Math.max(0, count - 1));
  const fill = childStart.slice(0, count);
  for (let i = 1; i < count; i++) children[fill[dfsParent[i]!]!++] = i;
  // Breadth first: the children of each node, in order, get the next numbers.
  const order = new Int32Array(count); // new number -> depth-first node
  const renumber = new Int32Array(count); // depth-first node -> new number
  const edgeStart = new Int32Array(count + 1);
  const edgeChar = new Uint16Array(Math.max(0, count - 1));
  let next = 1;
  for (let s = 0; s < count; s++) {
    edgeStart[s] = next - 1;
    const old = order[s]!;
    for (let k = childStart[old]!; k < childStart[old + 1]!; k++) {
      const child = children[k]!;
      order[next] = child;
      renumber[child] = next;
      edgeChar[next - 1] = dfsChar[child]!;
      next++;
    }
  }
  edgeStart[count] = count - 1;
  const patternNode = new Int32Array(patterns.length);
  const patternInfo = new Int32Array(patterns.length);
  for (let p = 0; p < patterns.length; p++) {
    const [length, open, variants] = patterns[p]!;
    const firstCapital =
      variants.length > 0 && variants.every((v) => v[2] !== CaseRule.Any && v[3][0] === 0);
    patternNode[p] = renumber[dfsPattern[p]!]!;
    patternInfo[p] = length | ((open | (firstCapital ? PATTERN_FIRST_CAPITAL : 0)) << 16);
  }
  const automaton = {
    nodes: count,
    edgeStart,
    edgeChar,
    patternNode,
    patternInfo,
    variants: patterns.map((p) => p[2]),
    variantText: '',
    variantAt: new Int32Array(0),
  };
  return automaton;
}

/** The child of `s` by folded character `c`, or -1 (binary search over its sorted edges). */
function childOf(edgeStart: Int32Array, edgeChar: Uint16Array, s: number, c: number): number {
  let lo = edgeStart[s]!;
  let hi = edgeStart[s + 1]! - 1;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    const mc = edgeChar[mid]!;
    if (mc === c) return mid + 1;
    if (mc < c) lo = mid + 1;
    else hi = mid - 1;
  }
  return -1;
}

/**
 * Failure links (per node, the longest proper suffix that is also a node), in node order, which
 * is breadth first: a link always points back. The scan does not use them; the pack keeps them
 * for pages of earlier builds (PACK_FORMAT 1), which read its layout.
 */
function failureLinks({ nodes, edgeStart, edgeChar }: Automaton): Int32Array {
  const fail = new Int32Array(nodes);
  for (let s = 0; s < nodes; s++) {
    for (let e = edgeStart[s]!; e < edgeStart[s + 1]!; e++) {
      const t = e + 1;
      if (s === 0) {
        fail[t] = 0;
        continue;
      }
      const c = edgeChar[e]!;
      let f = fail[s]!;
      let to = childOf(edgeStart, edgeChar, f, c);
      while (to <= 0 && f !== 0) {
        f = fail[f]!;
        to = childOf(edgeStart, edgeChar, f, c);
      }
      fail[t] = to > 0 ? to : 0;
    }
  }
  return fail;
}

/**
 * The matcher over an automaton. `allow` keeps only some entities' variants (the reader's
 * entity types): a pattern none of whose variants is allowed matches nothing, as if it had not
 * been compiled.
 */
// eslint-disable-next-line max-lines-per-function -- `find` and `step` close over the typed arrays: the hot scan path reads them as locals.
export function matcherOf(automaton: Automaton, allow?: (entityId: string) => boolean): Matcher {
  const { nodes, edgeStart, edgeChar, patternNode, patternInfo } = automaton;
  const patterns = patternNode.length;
  const out = new Int32Array(nodes).fill(-1);
  for (let p = 0; p < patterns; p++) out[patternNode[p]!] = p;
  const rootNext = new Int32Array(65536);
  // First characters of a script written without spaces: a name may start there mid-"word"
  // (an alias starting with one is PATTERN_OPEN_START, by the same test).
  const startsAnywhere = new Uint8Array(65536);
  for (let e = edgeStart[0]!; e < edgeStart[1]!; e++) {
    const c = edgeChar[e]!;
    rootNext[c] = e + 1;
    if (NO_SPACE_SCRIPT.test(String.fromCharCode(c))) startsAnywhere[c] = 1;
  }
  // Variants the reader's types allow, per pattern, worked out the first time it is found.
  const allowed: Array<VariantRow[] | undefined> = [];
  const usable = (p: number): VariantRow[] =>
    (allowed[p] ??= allow
      ? variantsOf(automaton, p).filter((v) => allow(v[0]))
      : variantsOf(automaton, p));

  /** 0: no; 1: yes; 2: yes if the next word starts another match ("Ruritania Jane Doe"). */
  const accepts = (v: VariantRow, text: string, start: number, end: number): 0 | 1 | 2 => {
    if (v[2] === CaseRule.Any) return 1;
    for (const k of v[3]) {
      if (letterCase(text.charCodeAt(origin[start + k]!)) !== 2) return 0;
    }
    // Beside words in capitals ("ABOUT US", "JOIN US"), a short acronym written with letters
    // only cannot be told from the word it spells.
    if (v[2] === CaseRule.ShortAcronym && !v[1].includes('.')) {
      const before = wordBefore(text, origin[start]!);
      const after = wordAfter(text, origin[end]!);
      if ((before && isCapitalsWord(before)) || (after && isCapitalsWord(after))) return 0;
    }
    if (!(v[4] & VARIANT_SINGLE)) return 1;
    // "Mary Doe": a surname after another given name is another person; titles are fine.
    if (v[4] & VARIANT_SURNAME) {
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
    // Candidates (folded start, folded end, variant) in order of their start.
    const cStart: number[] = [];
    const cEnd: number[] = [];
    const cVariant: VariantRow[] = [];
    const cNeedsNext: boolean[] = [];
    const starts = new Set<number>();
    let prevWord = false;
    for (let start = 0; start < n; start++) {
      const first = codes[start]!;
      // A name starts the text, follows a character outside words, or is of a script written
      // without spaces: every other position is inside a word and starts nothing.
      const mayStart = !prevWord || startsAnywhere[first] === 1;
      prevWord = isWordCode(first);
      if (!mayStart) continue;
      // Down the trie as far as the text follows it: each node passed where an alias ends is a
      // candidate starting here.
      let s = rootNext[first]!;
      for (let end = start + 1; s > 0; end++) {
        const p = out[s]!;
        s = end < n ? childOf(edgeStart, edgeChar, s, codes[end]!) : -1;
        if (p < 0) continue;
        const open = patternInfo[p]! >> 16;
        const okStart = open & PATTERN_OPEN_START || start === 0 || !isWordCode(codes[start - 1]!);
        const okEnd = open & PATTERN_OPEN_END || end === n || !isWordCode(codes[end]!);
        // The alias needs a capital where the text has none: no variant can accept it (the
        // first test of `accepts`), so its variants are not even read.
        const capitalMissing =
          open & PATTERN_FIRST_CAPITAL && letterCase(text.charCodeAt(origin[start]!)) !== 2;
        if (okStart && okEnd && !capitalMissing) {
          const variants = usable(p);
          let chosen: VariantRow | null = null;
          let needsNext = false;
          const surface = variants.length > 1 ? text.slice(origin[start]!, origin[end]!) : '';
          for (const v of variants) {
            const verdict = accepts(v, text, start, end);
            if (verdict === 0) continue;
            if (!chosen || v[1] === surface) {
              chosen = v;
              needsNext = verdict === 2;
            }
            if (v[1] === surface) break;
          }
          if (chosen) {
            cStart.push(start);
            cEnd.push(end);
            cVariant.push(chosen);
            cNeedsNext.push(needsNext);
            starts.add(start);
          }
        }
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
      matches.push({ start: origin[cStart[k]!]!, end, entityId: cVariant[k]![0] });
    }
    return matches;
  }

  let size = -1;
  return {
    find,
    get size() {
      if (size < 0) {
        size = 0;
        for (let p = 0; p < patterns; p++) if (usable(p).length > 0) size++;
      }
      return size;
    },
    empty: () => {
      for (let p = 0; p < patterns; p++) if (usable(p).length > 0) return false;
      return true;
    },
  };
}

// ---------------------------------------------------------------------------------------------
// The automaton as the background hands it to pages

/** Bumped whenever the layout below changes: a page reading another builds its own. */
const PACK_FORMAT = 1;

/**
 * An automaton in a form extension storage keeps (JSON): its typed arrays as one base64 string,
 * read back as views on one buffer (no work per node), and its variants as JSON text, read per
 * pattern when a scan first meets it.
 */
export interface PackedAutomaton {
  format: number;
  trie: string;
  variants: string;
}

/**
 * Layout: [nodes, patterns], edgeStart, failure links, patternNode, patternInfo, variantAt
 * (Int32), then edgeChar (Uint16).
 */
export function packAutomaton(a: Automaton): PackedAutomaton {
  const count = a.patternNode.length;
  const ints = 2 + (a.nodes + 1) + a.nodes + 3 * count + 1;
  const bytes = new Uint8Array(ints * 4 + a.edgeChar.length * 2);
  const i32 = new Int32Array(bytes.buffer, 0, ints);
  i32[0] = a.nodes;
  i32[1] = count;
  let at = 2;
  for (const part of [a.edgeStart, failureLinks(a), a.patternNode, a.patternInfo]) {
    i32.set(part, at);
    at += part.length;
  }
  let text = '';
  for (let p = 0; p < count; p++) {
    i32[at + p] = text.length;
    text += JSON.stringify(variantsOf(a, p));
  }
  i32[at + count] = text.length;
  new Uint16Array(bytes.buffer, ints * 4, a.edgeChar.length).set(a.edgeChar);
  return { format: PACK_FORMAT, trie: toBase64(bytes), variants: text };
}

/** The automaton back from `packAutomaton`; null when it is of another format or damaged. */
export function unpackAutomaton(packed: PackedAutomaton): Automaton | null {
  if (packed.format !== PACK_FORMAT) return null;
  if (typeof packed.trie !== 'string' || typeof packed.variants !== 'string') return null;
  const bytes = fromBase64(packed.trie);
  if (!bytes || bytes.length < 8) return null;
  const [nodes, count] = new Int32Array(bytes.buffer, 0, 2) as unknown as [number, number];
  const ints = 2 + (nodes + 1) + nodes + 3 * count + 1;
  if (nodes < 1 || count < 0 || bytes.length !== ints * 4 + (nodes - 1) * 2) return null;
  const i32 = new Int32Array(bytes.buffer, 0, ints);
  let at = 2;
  const take = (n: number) => i32.subarray(at, (at += n));
  const edgeStart = take(nodes + 1);
  take(nodes); // the failure links: read by earlier builds' scan, not by this one
  const automaton: Automaton = {
    nodes,
    edgeStart,
    patternNode: take(count),
    patternInfo: take(count),
    variantAt: take(count + 1),
    edgeChar: new Uint16Array(bytes.buffer, ints * 4, nodes - 1),
    variants: new Array<VariantRow[] | undefined>(count),
    variantText: packed.variants,
  };
  // The variants' text is the one these offsets were taken in.
  if (automaton.variantAt[count] !== packed.variants.length) return null;
  return automaton;
}

// Base64 by the engine where it has it (Chromium 140+, Firefox 133+), by hand elsewhere (Node).
interface Base64Native {
  fromBase64?: (s: string) => Uint8Array;
}

function toBase64(bytes: Uint8Array): string {
  const native = (bytes as { toBase64?: () => string }).toBase64;
  if (native) return native.call(bytes);
  let binary = '';
  for (let at = 0; at < bytes.length; at += 8192)
    binary += String.fromCharCode.apply(null, bytes.subarray(at, at + 8192) as unknown as number[]);
  return btoa(binary);
}

function fromBase64(text: string): Uint8Array | null {
  try {
    const native = (Uint8Array as Base64Native).fromBase64;
    if (native) return native.call(Uint8Array, text);
    const binary = atob(text);
    const bytes = new Uint8Array(binary.length);
    for (let i = 0; i < binary.length; i++) bytes[i] = binary.charCodeAt(i);
    return bytes;
  } catch {
    return null; // not base64
  }
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
