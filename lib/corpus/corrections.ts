/**
 * The reader's corrections of the entities: "same as" (two entities' names name one thing),
 * "not the same" (names linked to an entity name something else: they stand apart) and "not a
 * name" (never an entity). They are kept by the names they were made on, not by entity ids (a
 * build may give an entity another id), so they survive rebuilds; one whose names no longer
 * occur does nothing and says so (`correctionApplies`).
 *
 * They are parsed here once, where they enter (a message, the database, a backup), and the
 * entity pipeline reads them as `CorrectionRules` (lib/corpus/entities/grouping.ts).
 */
import * as v from 'valibot';
import { key } from './entities/words';
import type { EntityOverrides } from './overrides';

export const CORRECTION_KINDS = ['same', 'apart', 'hide'] as const;
export type CorrectionKind = (typeof CORRECTION_KINDS)[number];

/** One correction as stored. `names`: the forms it is about; `other`: what they are (not) the same as. */
export interface Correction {
  kind: CorrectionKind;
  /** Forms of the entity corrected (same: one side; apart: the forms that stand apart; hide: its forms). */
  names: string[];
  /** same: the other entity's forms; apart: the name they were linked to (shown only); hide: empty. */
  other: string[];
  /** When the reader made it (ms since 1970), for the list's order. */
  at: number;
}

/** The most names a correction keeps (an entity's forms), and the longest name. */
export const MAX_CORRECTION_NAMES = 40;
export const MAX_NAME_CHARS = 200;
/** The most corrections kept (each is read at every build). */
export const MAX_CORRECTIONS = 2000;

const NAME_MESSAGE = `A name in a correction must be text of 1 to ${MAX_NAME_CHARS} characters.`;
const Name = v.pipe(
  v.string(NAME_MESSAGE),
  v.transform((s) => s.replace(/\s+/g, ' ').trim()),
  v.minLength(1, NAME_MESSAGE),
  v.maxLength(MAX_NAME_CHARS, NAME_MESSAGE),
);
const Names = (what: string) =>
  v.pipe(
    v.array(Name, `${what} must be a list of names.`),
    v.transform((names) => [...new Set(names)]),
    v.maxLength(MAX_CORRECTION_NAMES, `${what}: at most ${MAX_CORRECTION_NAMES} names.`),
  );

/** A correction as a page or a file gives it; `at` is filled in when missing. */
export const CorrectionSchema = v.pipe(
  v.object(
    {
      kind: v.picklist(
        CORRECTION_KINDS,
        'Unknown kind of correction: it must be “same” (same as), “apart” (not the same) or “hide” (not a name).',
      ),
      names: v.pipe(
        Names('The names corrected'),
        v.minLength(1, 'Which name? A correction needs at least one name.'),
      ),
      other: v.optional(Names('The other names'), []),
      at: v.optional(
        v.pipe(v.number('“at” must be a time in milliseconds.'), v.finite(), v.minValue(0)),
        0,
      ),
    },
    'A correction must be an object with a kind and names.',
  ),
  v.check(
    (c) => c.kind !== 'same' || c.other.length > 0,
    '“Same as” needs the other entity: which one is it the same as?',
  ),
  v.check(
    (c) => c.kind !== 'same' || !c.other.some((o) => c.names.some((n) => key(n) === key(o))),
    '“Same as” needs two different entities: pick another one.',
  ),
  v.check(
    (c) => c.kind !== 'apart' || c.other.length > 0,
    '“Not the same” needs the name it was linked to.',
  ),
);

/** Every correction, as the database and backups hold them. */
export const CorrectionListSchema = v.pipe(
  v.array(CorrectionSchema, 'The corrections must be a list.'),
  v.maxLength(MAX_CORRECTIONS, `At most ${MAX_CORRECTIONS} corrections are kept.`),
);

const keysOf = (names: readonly string[]) => [...new Set(names.map(key))].sort();

/**
 * A correction's identity: its kind and the keys of its names (the same correction made twice
 * is one; "A same as B" is "B same as A"). What the list's Undo and Remove name.
 */
export function correctionId(c: Pick<Correction, 'kind' | 'names' | 'other'>): string {
  const names = keysOf(c.names).join('|');
  if (c.kind === 'hide') return `hide:${names}`;
  if (c.kind === 'apart') return `apart:${names}`;
  const other = keysOf(c.other).join('|');
  return `same:${[names, other].sort().join('/')}`;
}

/** What the entity pipeline reads of the corrections, by name key. */
export interface CorrectionRules {
  /** Keys that are never names. */
  hidden: ReadonlySet<string>;
  /** Keys that stand apart: each joins only keys of its own set (the index of its correction). */
  apart: ReadonlyMap<string, number>;
  /** Each "same as": every key of both sides, to be joined. */
  same: ReadonlyArray<readonly string[]>;
  /** Each key's "same as" corrections (indexes into `same`). */
  sameOf: ReadonlyMap<string, readonly number[]>;
  /** A text that is the same for the same rules (what memos compare). */
  signature: string;
}

export const NO_RULES: CorrectionRules = {
  hidden: new Set(),
  apart: new Map(),
  same: [],
  sameOf: new Map(),
  signature: '',
};

/**
 * The rules of a list of corrections, in a canonical order (by id), so the same corrections
 * made in any order give the same rules. Hiding wins over the others, standing apart over
 * "same as" (a key both hidden and joined is hidden; one apart joins only its own set).
 */
export function correctionRules(corrections: readonly Correction[]): CorrectionRules {
  if (corrections.length === 0) return NO_RULES;
  const sorted = [...corrections].sort((a, b) => {
    const x = correctionId(a);
    const y = correctionId(b);
    return x < y ? -1 : x > y ? 1 : 0;
  });
  const hidden = new Set<string>();
  const apart = new Map<string, number>();
  const same: string[][] = [];
  const sameOf = new Map<string, number[]>();
  sorted.forEach((c, i) => {
    if (c.kind === 'hide') for (const k of keysOf(c.names)) hidden.add(k);
    else if (c.kind === 'apart')
      for (const k of keysOf(c.names)) if (!apart.has(k)) apart.set(k, i);
  });
  for (const c of sorted) {
    if (c.kind !== 'same') continue;
    const keys = keysOf([...c.names, ...c.other]).filter((k) => !hidden.has(k));
    if (keys.length < 2) continue;
    for (const k of keys) {
      const list = sameOf.get(k);
      if (list) list.push(same.length);
      else sameOf.set(k, [same.length]);
    }
    same.push(keys);
  }
  const signature = JSON.stringify([[...hidden].sort(), [...apart].sort(), same]);
  return { hidden, apart, same, sameOf, signature };
}

/** Whether two keys may be joined: both outside any "not the same", or in the same one. */
export function mayJoin(rules: CorrectionRules, a: string, b: string): boolean {
  if (rules.apart.size === 0) return true;
  return (rules.apart.get(a) ?? -1) === (rules.apart.get(b) ?? -1);
}

/**
 * The overrides the pipeline takes (lib/corpus/pipeline.ts passes them through to discovery),
 * with the reader's rules carried along under a symbol: the pipeline's signatures stay as they
 * are, and a JSON dump of the overrides is unchanged.
 */
const RULES = Symbol('correction rules');
type WithRules = EntityOverrides & { [RULES]?: CorrectionRules };

export function withCorrections(
  overrides: EntityOverrides | null,
  corrections: readonly Correction[],
): EntityOverrides | null {
  if (corrections.length === 0) return overrides;
  const out: WithRules = { ...(overrides ?? {}) };
  out[RULES] = correctionRules(corrections);
  return out;
}

/** The rules carried by `withCorrections` (none otherwise). */
export function rulesOf(overrides: EntityOverrides | null): CorrectionRules {
  return (overrides as WithRules | null)?.[RULES] ?? NO_RULES;
}

/** Parses a list of corrections; null with the first problem's message when any is bad. */
export function parseCorrections(
  input: unknown,
): { ok: true; value: Correction[] } | { ok: false; message: string } {
  const parsed = v.safeParse(CorrectionListSchema, input);
  if (!parsed.success) return { ok: false, message: parsed.issues[0].message };
  return { ok: true, value: parsed.output };
}

/**
 * Whether a correction still has something to act on: its names (and, for "same as", the
 * other side's) are among the `present` keys (the forms of the current entities, or for
 * "not a name" the forms found in the text).
 */
export function correctionApplies(c: Correction, present: (k: string) => boolean): boolean {
  const any = (names: readonly string[]) => names.some((n) => present(key(n)));
  return c.kind === 'same' ? any(c.names) && any(c.other) : any(c.names);
}
