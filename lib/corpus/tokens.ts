/** Word tokens with offsets, and the capitalised-word chunks that may be names. */
import { anyLanguage, typeKeywords } from '../lang';
import { fold } from './text';

export interface Token {
  /** Surface without a possessive suffix or sentence-final period. */
  text: string;
  start: number;
  end: number;
  cap: boolean;
  possessive: boolean;
  hasDigit: boolean;
  /** First token of its sentence, or first after an opening quote, colon or dash. */
  initial: boolean;
}

const WORD = /[\p{L}\p{N}](?:[\p{L}\p{N}’'.-]*[\p{L}\p{N}.])?/gu;
const INITIALISM = /^(?:\p{L}\.){2,}$/u;
const POSSESSIVE = /(?:['’]s|s['’])$/u;
const KEEP_PERIOD = /^(?:Mr|Mrs|Ms|Dr|St|Jr|Sr|Gen|Sen|Rep|Gov|Lt|Col)\.$/;
/** "al-Fnaa", "n’Test": a lower-case particle glued to a capitalised word (not "mid-March"). */
function isParticleName(text: string): boolean {
  const m = /^(\p{Ll}{1,3})(['’-])\p{Lu}\p{Ll}/u.exec(text);
  return m !== null && (m[2] !== '-' || anyLanguage('nameParticles').has(m[1]!));
}
// An elided article or preposition glued to the next word: "d'Espagne", "l'Intérieur".
const ELIDED = /^(\p{L}{1,7}['’])(?=\p{L})/u;

/**
 * Length of the elided word opening `text` ("d'" of "d'Espagne"), or 0. A capitalised one
 * ("D'Angelo") is a name's own part unless the sentence starts with it ("L'Espagne a …").
 */
function elisionLength(text: string, sentenceStart: boolean): number {
  const m = ELIDED.exec(text);
  if (!m) return 0;
  const prefix = m[1]!;
  if (!anyLanguage('elisions').has(fold(prefix).replace('’', "'"))) return 0;
  if (prefix[0] !== prefix[0]!.toLowerCase() && !sentenceStart) return 0;
  return prefix.length;
}

/** Whether UTF-16 unit `c` is white space as a regular expression's `\s` reads it. */
function isSpaceUnit(c: number): boolean {
  return (
    (c >= 0x09 && c <= 0x0d) ||
    c === 0x20 ||
    c === 0xa0 ||
    c === 0x1680 ||
    (c >= 0x2000 && c <= 0x200a) ||
    c === 0x2028 ||
    c === 0x2029 ||
    c === 0x202f ||
    c === 0x205f ||
    c === 0x3000 ||
    c === 0xfeff
  );
}

/** What opens a sentence's part: a quote, a colon, a dash, a bracket (then white space). */
const OPENERS = '“"‘:—–(';

/**
 * Whether `sentence` between `from` and `to` ends with an opener and white space after it: what
 * /[“"‘:—–(]\s*$/ says of that slice, read in place (no slice made per token).
 */
function opensAt(sentence: string, from: number, to: number): boolean {
  let i = to - 1;
  while (i >= from && isSpaceUnit(sentence.charCodeAt(i))) i--;
  return i >= from && OPENERS.includes(sentence[i]!);
}

const hasApostrophe = (text: string) => text.includes("'") || text.includes('’');

/** Tokenises a sentence; offsets are shifted by `base` so they point into the source text. */
export function tokenize(sentence: string, base = 0): Token[] {
  const out: Token[] = [];
  let prevEnd = 0;
  // WORD's own lastIndex walks the sentence (no iterator or regexp copy per call, as matchAll
  // makes); nothing in the loop runs WORD, and it is reset before each sentence.
  WORD.lastIndex = 0;
  for (let m = WORD.exec(sentence); m !== null; m = WORD.exec(sentence)) {
    let text = m[0];
    let start = m.index;
    // Elisions, possessives and glued particles all hold an apostrophe (particles may hold a
    // hyphen instead): a word without one is not tried against those patterns.
    const elided = hasApostrophe(text) ? elisionLength(text, out.length === 0) : 0;
    if (elided > 0) {
      // The elided word is a token of its own, so the name after it can start a chunk.
      const ch = text[0]!;
      out.push({
        text: text.slice(0, elided),
        start: base + start,
        end: base + start + elided,
        cap: ch !== ch.toLowerCase(),
        possessive: false,
        hasDigit: false,
        initial: out.length === 0 || opensAt(sentence, prevEnd, start),
      });
      text = text.slice(elided);
      start += elided;
      prevEnd = start;
    }
    if (text.endsWith('.') && !INITIALISM.test(text) && !KEEP_PERIOD.test(text)) {
      text = text.replace(/\.+$/, '');
    }
    let possessive = false;
    const apostrophe = hasApostrophe(text);
    if (apostrophe && POSSESSIVE.test(text) && text.length > 3) {
      possessive = true;
      text = text.endsWith('s’') || text.endsWith("s'") ? text.slice(0, -1) : text.slice(0, -2);
    }
    const first = text.codePointAt(0) ?? 0;
    const ch = String.fromCodePoint(first);
    out.push({
      text,
      start: base + start,
      end: base + start + text.length,
      // "al-Fnaa", "n’Test": a lower-case particle glued to a capitalised name is part of it.
      cap:
        (ch !== ch.toLowerCase() && ch === ch.toUpperCase()) ||
        ((apostrophe || text.includes('-')) && isParticleName(text)),
      possessive,
      hasDigit: /\d/.test(text),
      initial: out.length === 0 || opensAt(sentence, prevEnd, start),
    });
    prevEnd = m.index + m[0].length;
  }
  return out;
}

export function isInitialism(text: string): boolean {
  return INITIALISM.test(text);
}

export function isAllCaps(text: string): boolean {
  // Plain ASCII (most words asked) is read in place: its letters are A-Z and a-z alone.
  let upper = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c > 0x7f) return isAllCapsLetters(text);
    if (c >= 0x61 && c <= 0x7a) return false;
    if (c >= 0x41 && c <= 0x5a) upper++;
  }
  return upper >= 2;
}

function isAllCapsLetters(text: string): boolean {
  const letters = text.replace(/[^\p{L}]/gu, '');
  return (
    letters.length >= 2 && letters === letters.toUpperCase() && letters !== letters.toLowerCase()
  );
}

// Lower-case particles allowed inside a name ("Casa de Example", "Center for the Study of …").
const CONNECTORS = new Set([
  'of',
  'for',
  'the',
  'de',
  'del',
  'la',
  'las',
  'los',
  'da',
  'do',
  'dos',
  'du',
  'van',
  'von',
  'der',
  'al',
  'bin',
  // Every language's own particles ("do", "des", "d'"); conjunctions are not among them.
  ...anyLanguage('connectors'),
]);

const endsElided = (text: string) => /\p{L}['’]$/u.test(text);

export function isConnector(text: string): boolean {
  return CONNECTORS.has(text) || (endsElided(text) && CONNECTORS.has(fold(text).replace('’', "'")));
}

/** "and" in any language: it joins two names, except inside an institution's spelled-out name. */
export function isConjunction(text: string): boolean {
  return anyLanguage('conjunctions').has(text);
}

const ARTICLES = anyLanguage('articles');

let institutionWords: Set<string> | null = null;
/** Head words of organizations, facilities, laws and agreements in every language. */
function isInstitutionWord(t: Token): boolean {
  institutionWords ??= new Set(
    typeKeywords()
      .filter(([type]) => type !== 'place')
      .flatMap(([, set]) => [...set]),
  );
  return institutionWords.has(fold(t.text));
}

/** A run of capitalised tokens (with connectors between them) inside one sentence. */
export interface Chunk {
  tokens: Token[];
  /** Index of the chunk's first token in the sentence's token list. */
  from: number;
  /** Index after the chunk's last token. */
  to: number;
}

/**
 * Splits a sentence's tokens into name chunks. Chunks break at punctuation (the gap between
 * tokens must be a single space), after a possessive, and at tokens with digits.
 */
export function chunks(tokens: readonly Token[], sentence: string, base: number): Chunk[] {
  const gapIsSpace = (a: Token, b: Token) => {
    const gap = sentence.slice(a.end - base, b.start - base);
    return /^(?:['’]s?)?\s$/u.test(gap) || (gap === '' && endsElided(a.text));
  };
  const out: Chunk[] = [];
  let i = 0;
  while (i < tokens.length) {
    const t = tokens[i]!;
    if (!t.cap || t.hasDigit) {
      i++;
      continue;
    }
    let j = i;
    // Whether the chunk so far names an institution ("Centro de Investigación y Prevención").
    let institution = isInstitutionWord(t);
    while (j + 1 < tokens.length && !tokens[j]!.possessive) {
      const next = tokens[j + 1]!;
      if (!gapIsSpace(tokens[j]!, next) || next.hasDigit) break;
      if (next.cap) {
        j++;
        institution ||= isInstitutionWord(next);
        continue;
      }
      // Up to two connectors, then a capitalised token: "for the Confinement". A conjunction
      // may only open them inside an institution's name; elsewhere "X y Z" is two names.
      let k = j + 1;
      // "el Partido del Ejemplo y el Partido Muestra": an article after "and" starts a new name.
      const nextIsArticle = ARTICLES.has(fold(tokens[k + 1]?.text ?? ''));
      // "Peace and Bread for Ruritania": a name spelled out with "and" goes on with a connector.
      const spelledOut =
        institution ||
        (tokens[k + 1]?.cap === true &&
          isConnector(tokens[k + 2]?.text ?? '') &&
          tokens[k + 3]?.cap === true);
      while (
        k < tokens.length &&
        k <= j + 2 &&
        (isConnector(tokens[k]!.text) ||
          (k === j + 1 && spelledOut && !nextIsArticle && isConjunction(tokens[k]!.text))) &&
        gapIsSpace(tokens[k - 1]!, tokens[k]!)
      )
        k++;
      if (
        k > j + 1 &&
        k < tokens.length &&
        tokens[k]!.cap &&
        !tokens[k]!.hasDigit &&
        gapIsSpace(tokens[k - 1]!, tokens[k]!)
      ) {
        j = k;
        institution ||= isInstitutionWord(tokens[k]!);
        continue;
      }
      break;
    }
    out.push({ tokens: tokens.slice(i, j + 1), from: i, to: j + 1 });
    i = j + 1;
  }
  return out;
}
