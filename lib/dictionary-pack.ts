/**
 * The dictionary as the background stores it for pages: the automaton built once per dictionary
 * version (lib/matcher.ts `packAutomaton`: its arrays as one base64 string) and the rest as one
 * JSON string. A page load then reads two strings from storage and decodes them natively,
 * instead of receiving thousands of small arrays and compiling every alias again.
 */
import {
  type Automaton,
  buildAutomaton,
  compileAutomaton,
  packAutomaton,
  unpackAutomaton,
} from './matcher';
import type { Dictionary } from './protocol';

/** What a page needs of the dictionary: all but the alias list, which the automaton holds. */
export type PageDictionary = Omit<Dictionary, 'aliases'> & { automaton: Automaton };

export interface PackedDictionary {
  version: number;
  /** The automaton's layout version (a page reading another asks the background instead). */
  format: number;
  /** The automaton's arrays, base64. */
  trie: string;
  /** The automaton's variants, JSON per pattern (read when a scan first meets the pattern). */
  variants: string;
  /** JSON: the dictionary's entities, identity hints and stories. */
  body: string;
}

export function packDictionary(dict: Dictionary): PackedDictionary {
  const { aliases, ...rest } = dict;
  const { format, trie, variants } = packAutomaton(compileAutomaton(aliases));
  return { version: dict.version, format, trie, variants, body: JSON.stringify(rest) };
}

/** The page's dictionary from a stored pack; null when it is not one, of another format or damaged. */
export function unpackDictionary(packed: unknown): PageDictionary | null {
  if (!packed || typeof packed !== 'object') return null;
  const { version, format, trie, variants, body } = packed as Partial<PackedDictionary>;
  if (typeof version !== 'number' || typeof format !== 'number') return null;
  if (typeof trie !== 'string' || typeof variants !== 'string' || typeof body !== 'string')
    return null;
  let parsed: unknown;
  try {
    parsed = JSON.parse(body);
  } catch {
    return null;
  }
  if (!parsed || typeof parsed !== 'object') return null;
  const rest = parsed as Omit<Dictionary, 'aliases'>;
  if (!rest.entities || typeof rest.entities !== 'object') return null;
  const automaton = unpackAutomaton({ format, trie, variants });
  return automaton ? { ...rest, version, automaton } : null;
}

/**
 * The page's dictionary from a whole one (the background's answer when the stored pack is not
 * current), built in steps that `runSliced` spreads over tasks.
 */
export function* pageDictionaryOf(dict: Dictionary): Generator<void, PageDictionary> {
  const { aliases, ...rest } = dict;
  return { ...rest, automaton: yield* buildAutomaton(aliases) };
}
