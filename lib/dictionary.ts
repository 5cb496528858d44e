import { distance } from 'fastest-levenshtein';
import { fold } from './corpus/text';
import type { Entity } from './types';
import type { Dictionary } from './protocol';

/**
 * Aliases too ambiguous to underline on an arbitrary page, though fine for linking inside the
 * corpus: a person's first name alone ("Laura" for "Laura Doe").
 */
export function isPageAlias(entity: Entity, alias: string): boolean {
  if (alias === entity.name) return true;
  if (isSpellingVariant(entity, alias)) return false;
  if (entity.type !== 'person') return true;
  const first = entity.name.split(/\s+/)[0];
  return alias !== first;
}

/** Letters only, folded: "U.S." and "US", "Zürich" and "Zurich" are the same spelling. */
const letters = (s: string) => fold(s).replace(/[^\p{L}\p{N}]+/gu, '');

/**
 * A misspelling the corpus linked to an entity (one or two letters off its name: "Fredonia" for
 * "Freedonia"). Inside the corpus the link is right; on a page it is more often another name
 * (the town of Fredonia, New York), so identity needs the spelling the outlets agree on.
 */
export function isSpellingVariant(entity: Entity, alias: string): boolean {
  const a = letters(alias);
  const n = letters(entity.name);
  if (a === n || a.length < 5) return false;
  const d = distance(a, n);
  return d > 0 && d <= 2 && Math.abs(a.length - n.length) <= 2;
}

export interface Naming {
  sources: number;
  byReader: boolean;
}

export function buildDictionary(
  entities: readonly Entity[],
  version: number,
  naming: ReadonlyMap<string, Naming> = new Map(),
): Dictionary {
  const dict: Dictionary = { version, entities: {}, aliases: [] };
  for (const e of entities) {
    if (e.generic) continue;
    const n = naming.get(e.id);
    dict.entities[e.id] = [e.name, e.type, n?.sources ?? 1, n?.byReader ?? false];
    for (const alias of new Set([e.name, ...e.aliases])) {
      if (isPageAlias(e, alias)) dict.aliases.push([alias, e.id]);
    }
  }
  return dict;
}

/** Who names an entity, from the dictionary (an old cached shape: many sources, not the reader). */
export function namingOf(dict: Dictionary, entityId: string): Naming {
  const e = dict.entities[entityId];
  if (!e) return { sources: 0, byReader: false };
  return { sources: e[2] ?? Number.POSITIVE_INFINITY, byReader: e[3] ?? false };
}
