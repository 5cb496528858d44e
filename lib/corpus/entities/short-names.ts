/**
 * A facility's one-word short name: the name it is "of". "Aeroporto Internacional de Example",
 * "Aéroport d'Example", "Example International Airport" and "Hospital de Example" are all named
 * by "Example" in some sources ("o voo para Example", "the Example
 * airport"). The bare word usually names the place the thing is named after, so it joins the
 * full name only on evidence that its sources mean the thing (headFirstTarget).
 */
import { anyLanguage, countryCode } from '../../lang';
import { fold } from '../text';
import { isConnector } from '../tokens';
import type { Group } from './grouping';
import type { Occurrence } from './occurrences';
import { cognates } from './similarity';
import { headWordType, key } from './words';

const MINOR_WORDS = anyLanguage('minorNameWords');

/** A full name read as a head word and the one word it is named after. */
export interface HeadedName {
  /** The folded head word ("aeroporto", "airport"). */
  head: string;
  /** The key of the word it is named after. */
  named: string;
}

/**
 * The head word and the one word a facility's name is named after: head
 * first with a connector ("Aeroporto [Internacional] de X", "Hôpital d'X", plural heads
 * included), or head last ("X [International] Airport"), minor words ("International") left
 * out. Null for any other shape: two or more words of name, an institution's or a place's head
 * word, no head word.
 */
export function headedName(words: readonly string[]): HeadedName | null {
  if (words.length < 2) return null;
  const folded = words.map((w) => fold(w));
  // Facilities only: an institution "of" a place ("Governo de X", "X City Council") is the
  // place's, and the place's bare name goes on naming the place.
  const typed = (w: string) => headWordType(w) === 'facility';
  // Head first: head, minor words, one or more connectors, the name ("de", "de la", "d'").
  if (typed(folded[0]!)) {
    let i = 1;
    while (i < words.length && MINOR_WORDS.has(folded[i]!)) i++;
    const connectors = i;
    while (i < words.length && isConnector(words[i]!)) i++;
    if (i > connectors && i === words.length - 1)
      return { head: folded[0]!, named: key(words[i]!) };
    return null;
  }
  // Head last: the name, minor words, the head.
  const last = folded[folded.length - 1]!;
  if (!typed(last)) return null;
  const middle = folded.slice(1, -1);
  if (middle.every((w) => MINOR_WORDS.has(w)) && !isConnector(words[0]!))
    return { head: last, named: key(words[0]!) };
  return null;
}

// By group: the longest form's reading (groups are kept between builds, GroupPool).
const readings = new WeakMap<Group, HeadedName | null>();

/** headedName of a group's longest form (kept by group). */
export function groupHeadedName(g: Group): HeadedName | null {
  let r = readings.get(g);
  if (r === undefined) {
    let longest: Occurrence | null = null;
    for (const o of g.occs) if (!longest || o.tokens.length > longest.tokens.length) longest = o;
    r = longest ? headedName(longest.tokens.map((t) => t.text)) : null;
    readings.set(g, r);
  }
  return r;
}

/**
 * The lower-case head word written with an occurrence of a one-word name: before it, with
 * connectors between ("o aeroporto de X", "l'aéroport international de X"), or right after it
 * ("the X airport"). Null when there is none.
 */
export function headBeside(o: Occurrence): string | null {
  const b = o.before;
  let i = b.length - 1;
  while (i >= 0 && isConnector(b[i]!)) i--;
  const connected = i < b.length - 1;
  // "l'aéroport international de X": minor words between the head word and its connector.
  while (connected && i >= 0 && MINOR_WORDS.has(fold(b[i]!))) i--;
  if (i >= 0 && connected) {
    const w = fold(b[i]!);
    if (headWordType(w) !== null) return w;
  }
  const next = o.after[0];
  if (next !== undefined && headWordType(fold(next)) !== null) return fold(next);
  return null;
}

// By occurrence (occurrences are kept between builds).
const heads = new WeakMap<Occurrence, string | null>();
function headOf(o: Occurrence): string | null {
  let h = heads.get(o);
  if (h === undefined) {
    h = headBeside(o);
    heads.set(o, h);
  }
  return h;
}

/** The full names by the key of the word they are named after (attachShortNames' index). */
export function headedIndex(multi: readonly Group[]): Map<string, Group[]> {
  const out = new Map<string, Group[]>();
  for (const m of multi) {
    const r = groupHeadedName(m);
    if (!r) continue;
    const list = out.get(r.named);
    if (list) list.push(m);
    else out.set(r.named, [m]);
  }
  return out;
}

/**
 * The root a one-word name joins as the short name of a facility named after it, or null (a
 * country's name never). The full names of that word must be one entity; at least one of the word's
 * occurrences is written with a lower-case head word of the same kind ("aeroporto de X" for
 * "Aeroporto Internacional de X", "aeropuerto" and "airport" alike: the lexicons give them as
 * one word, lib/lang nameWords); and most of the word's sources tie it to the thing, by such a
 * head word or by naming the thing in full. A place named in many sources and whose airport one
 * source names stays a place.
 */
export function headFirstTarget(
  g: Group,
  index: ReadonlyMap<string, Group[]>,
  find: (k: string) => string,
): string | null {
  const fulls = index.get(g.key);
  if (!fulls || countryCode(g.key) !== null) return null;
  const roots = new Set(fulls.map((m) => find(m.key)));
  if (roots.size !== 1) return null;
  const fullHeads = fulls.map((m) => groupHeadedName(m)!.head);
  const sameKind = (h: string) => fullHeads.some((f) => cognates(h, f));
  const tied = new Set<string>();
  let headed = false;
  for (const o of g.occs) {
    const h = headOf(o);
    if (h !== null && sameKind(h)) {
      headed = true;
      tied.add(o.source.id);
    }
  }
  if (!headed) return null;
  const own = new Set(g.occs.map((o) => o.source.id));
  for (const m of fulls) for (const o of m.occs) if (own.has(o.source.id)) tied.add(o.source.id);
  return tied.size * 2 > own.size ? [...roots][0]! : null;
}
