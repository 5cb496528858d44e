import { distance } from 'fastest-levenshtein';
import { fold } from './corpus/text';
import { anyLanguage, countryKey, countryNames, irregularDemonyms, LEXICONS } from './lang/index';

import type { Entity } from './types';
import type { Dictionary, IdentityHints } from './protocol';

/**
 * Aliases too ambiguous to underline on an arbitrary page, though fine for linking inside the
 * corpus: a person's first name alone ("Jane" for "Jane Doe").
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
  dict.identity = identityHints(entities.filter((e) => !e.generic));
  return dict;
}

/** Descriptor phrases carried per person: enough to say who they are, small on every page. */
const PHRASES_PER_PERSON = 4;

let words: Omit<IdentityHints, 'people'> | null = null;
/** The language-wide part of the hints, the same for every corpus (built once). */
function identityWords(): Omit<IdentityHints, 'people'> {
  if (words) return words;
  const countries = new Map<string, Set<string>>();
  const stems = new Map<string, Set<string>>();
  const add = (to: Map<string, Set<string>>, code: string, key: string) => {
    let s = to.get(code);
    if (!s) to.set(code, (s = new Set()));
    s.add(key);
  };
  for (const [key, code] of countryNames()) {
    // Countries and territories only, not world regions ("419").
    if (!/^[A-Z]{2}$/.test(code)) continue;
    add(countries, code, key);
    // "Ruritania" -> "Ruritani-an", "ruritan-o", "Ruritan-ien".
    for (const stem of [key.replace(/[aeiouy]$/, ''), key.replace(/i[ae]$/, '')])
      if (stem !== key && stem.length >= 4) add(stems, code, stem);
  }
  const demonyms = new Map<string, Set<string>>();
  for (const [key, code] of irregularDemonyms()) add(demonyms, code, key);
  const pack = (m: Map<string, Set<string>>) =>
    Object.fromEntries([...m].map(([code, keys]) => [code, [...keys].join(' ')]));
  const endings = new Set<string>();
  for (const l of LEXICONS)
    for (const e of (l.demonymEndings ?? '').split(/\s+/)) if (e) endings.add(fold(e));
  const honorifics = anyLanguage('honorifics');
  words = {
    countries: pack(countries),
    demonyms: pack(demonyms),
    stems: pack(stems),
    endings: [...endings].sort((a, b) => b.length - a.length),
    roles: [...anyLanguage('roles')].filter((r) => !honorifics.has(r)),
    honorifics: [...honorifics],
    qualifiers: [...anyLanguage('officeQualifiers')],
    connectors: [...anyLanguage('connectors')],
    stops: [
      ...new Set([
        ...anyLanguage('articles'),
        ...anyLanguage('functionWords'),
        ...anyLanguage('conjunctions'),
        ...anyLanguage('speechVerbs'),
        ...anyLanguage('placePrepositions'),
      ]),
    ],
  };
  return words;
}

/** The identity hints for a set of entities: each person's descriptors, and the words. */
export function identityHints(entities: readonly Entity[]): IdentityHints {
  const people: Record<string, string[]> = {};
  for (const e of entities) {
    if (e.type !== 'person') continue;
    const counts = new Map<string, { text: string; n: number }>();
    for (const d of e.descriptors) {
      const t = d.text.trim();
      if (!t) continue;
      const k = countryKey(t);
      const c = counts.get(k);
      if (c) c.n++;
      else counts.set(k, { text: t, n: 1 });
    }
    // The outlets' most used descriptors (the card quotes the first), and the curated line.
    const phrases = [...counts.values()]
      .sort((a, b) => b.n - a.n)
      .slice(0, PHRASES_PER_PERSON)
      .map((c) => c.text);
    if (e.description?.trim()) phrases.push(e.description.trim());
    if (phrases.length > 0) people[e.id] = phrases;
  }
  return { people, ...identityWords() };
}

/** Who names an entity, from the dictionary (an old cached shape: many sources, not the reader). */
export function namingOf(dict: Pick<Dictionary, 'entities'>, entityId: string): Naming {
  const e = dict.entities[entityId];
  if (!e) return { sources: 0, byReader: false };
  return { sources: e[2] ?? Number.POSITIVE_INFINITY, byReader: e[3] ?? false };
}
