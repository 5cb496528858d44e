/**
 * Descriptor claims: the words an outlet puts before a name ("leftist President Jane Doe",
 * "far-left President of Ruritania Jane Doe"). What differs between outlets is the framing:
 * the evaluative words, once roles ("President"), places and nationalities are set aside.
 */
import { anyLanguage } from '../../lang';
import { claimWordsOf } from '../../lang/claim-words';
import { foldLower, isStopWord, STOP, type Word, words } from '../text';

/**
 * Offices and titles (lib/lang: office words and roles of every language, less honorifics):
 * they say what someone is, not how an outlet sees them.
 */
export const ROLE_WORDS = new Set([
  ...claimWordsOf('officeWords'),
  ...[...anyLanguage('roles')].filter((w) => !anyLanguage('honorifics').has(w)),
]);

/** Verbs that may sit right before a name phrase and are never part of a descriptor. */
const VERBS = new Set(
  'met meet meets said says told asked called named thanked greeted visited praised criticized accused urged joined welcomed replaced succeeded became become elected appointed fired is was are were and or with by to'.split(
    ' ',
  ),
);

const ARTICLES = anyLanguage('articles');

/** Words before an office that say when, not how (lib/lang office qualifiers, every language). */
const NEUTRAL = new Set(['then', 'late', ...anyLanguage('officeQualifiers')]);

export interface DescriptorHit {
  start: number;
  end: number;
  /** The descriptor as written ("Ruritania's leftist President"). */
  span: string;
  /** Evaluative words ("leftist"), folded; empty for a neutral title. */
  evaluative: string[];
}

function isRole(w: Word): boolean {
  return ROLE_WORDS.has(w.lower);
}

/** How much of the sentence before a name is read first (descriptors are a few words). */
const WINDOW_CHARS = 160;

/**
 * Walks back from the name over the descriptor's words (`ws`: the words before the name).
 * `stop` is the index of the word the walk stopped at (-1: it took them all); the walk reads
 * words down to two before that.
 */
function walkBack(
  sentence: string,
  nameStart: number,
  ws: readonly Word[],
): { taken: Word[]; sawRole: boolean; stop: number } {
  const taken: Word[] = [];
  let sawRole = false;
  let i = ws.length - 1;
  for (; i >= 0; i--) {
    const w = ws[i]!;
    const next = taken[0];
    const gap = sentence.slice(w.end, next ? next.start : nameStart);
    if (!/^[\s-]*$/.test(gap)) break;
    if (VERBS.has(w.lower)) break;
    if (w.lower === 'of' && taken.length > 0 && i > 0 && isRole(ws[i - 1]!)) {
      taken.unshift(w);
      continue;
    }
    if (STOP.has(w.lower) && !NEUTRAL.has(w.lower)) break;
    // An article opens the noun phrase, in any language ("the", "la", "le", "o").
    if (ARTICLES.has(w.lower)) break;
    if (isRole(w)) {
      sawRole = true;
      taken.unshift(w);
      continue;
    }
    if (/^\p{Lu}/u.test(w.text)) {
      // A capitalised word before the role: a place ("Ruritania's"), an acronym, or a label.
      // "President of Ruritania Jane Doe": a place right before the name, after "Role of".
      const roleOf = ws[i - 1]?.lower === 'of' && ws[i - 2] !== undefined && isRole(ws[i - 2]!);
      if (!sawRole && taken.length === 0 && !roleOf) break;
      taken.unshift(w);
      continue;
    }
    // Lower-case modifiers only in front of the role ("leftist President"), never a preposition
    // or an adverb ("alongside President …").
    if (!sawRole) break;
    if (!NEUTRAL.has(w.lower) && (isStopWord(w.lower) || claimWordsOf('notModifiers').has(w.lower)))
      break;
    if (/^\d/.test(w.text)) break;
    taken.unshift(w);
  }
  return { taken, sawRole, stop: i };
}

/**
 * The descriptor right before a name that starts at `nameStart` in `sentence`; null when the
 * name has no title before it. `placeLike(word)` says whether a capitalised word is a place,
 * a nationality or an organization (not framing).
 */
export function descriptorBefore(
  sentence: string,
  nameStart: number,
  placeLike: (word: string) => boolean,
): DescriptorHit | null {
  // The walk back from the name usually stops within a few words: read a window of the
  // sentence first, and all of it only when the walk reaches the window's edge.
  const lo = Math.max(0, nameStart - WINDOW_CHARS);
  let walked = walkBack(sentence, nameStart, words(sentence.slice(lo, nameStart), lo));
  if (lo > 0 && walked.stop < 3)
    walked = walkBack(sentence, nameStart, words(sentence.slice(0, nameStart)));
  const { taken, sawRole } = walked;
  // Trim leading "of".
  while (taken[0]?.lower === 'of') taken.shift();
  const evaluativeWords = taken.filter((w) => w.lower !== 'of');
  if (!sawRole || taken.length === 0) return null;
  const first = taken[0]!;
  const last = taken.at(-1)!;
  const evaluative = evaluativeWords
    .filter((w) => !isRole(w) && !NEUTRAL.has(w.lower))
    .filter((w) => !(/^\p{Lu}/u.test(w.text) && placeLike(w.text)))
    .filter((w) => !/^(?:\p{Lu}\.)+$|^\p{Lu}{2,}$/u.test(w.text))
    // "the movement's chairman": whose office it is, not a judgement.
    .filter((w) => !/['’]s$/.test(w.text))
    .map((w) => foldLower(w.text));
  return {
    start: first.start,
    end: last.end,
    span: sentence.slice(first.start, last.end),
    evaluative,
  };
}

/** A capitalised word that names a nationality ("Ruritanian", "Freedonian", "French"). */
export function isDemonym(word: string): boolean {
  return /^\p{Lu}\p{L}+(?:an|ian|ese|ish|i|ch)$/u.test(word) && !/ist$/.test(word);
}
