/** An entity's canonical name, its override and its descriptors. */
import { fold } from '../text';
import { isAllCaps, tokenize } from '../tokens';
import type { Descriptor } from '../../types';
import type { EntityOverrides } from '../overrides';
import { key } from './words';
import type { Occurrence } from './occurrences';
import type { Group } from './grouping';

export function pickName(g: Group): string {
  const counts = new Map<string, number>();
  // Longest in words of the key: "Villa-La Example" competes with "Villa La Example".
  const words = (o: Occurrence) => key(o.surface).split(' ').length;
  let longest = 0;
  for (const o of g.occs) longest = Math.max(longest, words(o));
  for (const o of g.occs)
    if (words(o) === longest) counts.set(o.surface, (counts.get(o.surface) ?? 0) + 1);
  const best = [...counts.entries()].sort(
    (a, b) =>
      // Prefer accented spellings ("Zürich"), then mixed case over ALL CAPS, then frequency.
      Number(b[0] !== fold(b[0]) && b[0].normalize('NFD') !== b[0]) -
        Number(a[0] !== fold(a[0]) && a[0].normalize('NFD') !== a[0]) ||
      Number(isAllCaps(a[0])) - Number(isAllCaps(b[0])) ||
      b[1] - a[1],
  );
  return best[0]?.[0] ?? g.occs[0]!.surface;
}

/**
 * The acronym that opens every other name of an entity ("ABC" of "ABC Example Prize" and "Abc
 * Example"): those longer names are things of it, with the acronym as their modifier, and the
 * acronym is the one name all of them share. Null unless the entity has such a form and others.
 */
export function acronymHead(names: Iterable<string>): string | null {
  const all = [...new Set(names)];
  const head = all.find((n) => isAllCaps(n) && tokenize(n).length === 1);
  if (!head || all.length < 2) return null;
  const k = key(head);
  const rest = all.filter((n) => key(n) !== k);
  if (rest.length === 0) return null;
  return rest.every((n) => {
    const toks = tokenize(n);
    return toks.length >= 2 && key(toks[0]!.text) === k;
  })
    ? head
    : null;
}

/**
 * Of a known entity's name and aliases, the one pickName would choose without counts: most
 * words; among spellings of the same name, accented, then not in capitals; else the current.
 */
export function betterName(current: string, aliases: readonly string[]): string {
  const acronym = acronymHead([current, ...aliases]);
  if (acronym) return acronym;
  const words = (s: string) => tokenize(s).length;
  const accented = (s: string) => Number(s !== fold(s) && s.normalize('NFD') !== s);
  let best = current;
  for (const a of aliases) {
    const more = words(a) - words(best);
    if (more > 0) best = a;
    else if (more === 0 && key(a) === key(best)) {
      const d = accented(a) - accented(best) || Number(isAllCaps(best)) - Number(isAllCaps(a));
      if (d > 0) best = a;
    }
  }
  return best;
}

export function findOverride(overrides: EntityOverrides | null, names: readonly string[]) {
  if (!overrides) return undefined;
  const keys = new Set(names.map(key));
  const hit = Object.keys(overrides).find((k) => keys.has(key(k)));
  return hit ? overrides[hit] : undefined;
}

const descriptorKey = (d: Descriptor) => `${d.sourceId}\u0000${fold(d.text)}`;

/** Adds the descriptors `into` lacks (same source and folded text), in order. */
export function mergeDescriptors(into: Descriptor[], add: readonly Descriptor[]): boolean {
  const have = new Set(into.map(descriptorKey));
  let changed = false;
  for (const d of add) {
    const k = descriptorKey(d);
    if (!have.has(k)) {
      have.add(k);
      into.push(d);
      changed = true;
    }
  }
  return changed;
}
