/**
 * Where the reader's corrections (lib/corpus/corrections.ts) live: one meta row holding their
 * JSON list, parsed on every read. Read by every build of the corpus (lib/service/sources.ts
 * builds with `overridesWithCorrections`).
 */
import { type Correction, parseCorrections, withCorrections } from '../corpus/corrections';
import type { EntityOverrides } from '../corpus/overrides';
import type { CrosscheckDB } from '../db';

export const META_CORRECTIONS = 'corrections';

/**
 * The stored corrections. A row that does not parse (written by hand, or damaged) counts as
 * none: it does no harm, and the next change writes a good list over it.
 */
export async function readCorrections(db: CrosscheckDB): Promise<Correction[]> {
  const row = await db.meta.get(META_CORRECTIONS);
  if (typeof row?.value !== 'string') return [];
  let json: unknown;
  try {
    json = JSON.parse(row.value);
  } catch {
    return [];
  }
  const parsed = parseCorrections(json);
  return parsed.ok ? parsed.value : [];
}

/** Stores `corrections` as the list (inside the transaction of the change that derives with them). */
export async function writeCorrections(
  db: CrosscheckDB,
  corrections: readonly Correction[],
): Promise<void> {
  await db.meta.put({ id: META_CORRECTIONS, value: JSON.stringify(corrections) });
}

/** The overrides to build with: the seeds' curated ones, with the reader's corrections. */
export async function overridesWithCorrections(
  db: CrosscheckDB,
  base: EntityOverrides | null,
): Promise<EntityOverrides | null> {
  return withCorrections(base, await readCorrections(db));
}

/** Whether the reader made any correction (the bundle's prebuilt rows are then not the corpus's). */
export async function hasCorrections(db: CrosscheckDB): Promise<boolean> {
  return (await readCorrections(db)).length > 0;
}
