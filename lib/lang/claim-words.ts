/**
 * Per-language words the claims engine reads (lib/claims): units of time a figure can count,
 * and verbs that say a figure or a document was given. One block at the end of each language
 * file; adding a language is adding its block and listing it here.
 */
import { fold } from '../corpus/text';
import { claimWords as en } from './en';
import { claimWords as es } from './es';
import { claimWords as fr } from './fr';
import { claimWords as pt } from './pt';

export interface ClaimWords {
  /** Nouns of a span of time ("years", "años"): durations are everywhere, so they align harder. */
  durationUnits: string;
  /** Words that start a verb phrase after a figure ("ont", "se", "avaient"): never what it counts. */
  verbsAfterFigures: string;
  /**
   * Nouns after a figure that name a reading, not a count of things ("horas" in "13 horas e 20
   * minutos" is a clock time).
   */
  clockWords: string;
  /** Verbs that say someone else repeated a statement ("echoed", "repitió"). */
  echoVerbs: string;
}

const ALL: readonly ClaimWords[] = [en, es, fr, pt];

const split = (s: string) => s.split(/\s+/).filter((w) => w.length > 0);
const cache = new Map<keyof ClaimWords, Set<string>>();

/** Folded words of one field in every language. */
export function claimWordsOf(field: keyof ClaimWords): Set<string> {
  let s = cache.get(field);
  if (!s) {
    s = new Set(ALL.flatMap((l) => split(l[field]).map(fold)));
    cache.set(field, s);
  }
  return s;
}
