import type { BundledIndex } from '../bundle';
import { CORPUS_TABLES, type CrosscheckDB } from '../db';

export const META_INDEX_VERSION = 'indexVersion';
export const META_DICTIONARY_VERSION = 'dictionaryVersion';

/**
 * Replaces every seed row with the bundled index's rows, in one transaction; rows the user added
 * are never touched. Returns true when anything changed.
 */
export async function loadSeedIndex(
  db: CrosscheckDB,
  bundle: BundledIndex,
  { force = false } = {},
): Promise<boolean> {
  return db.transaction('rw', [...CORPUS_TABLES.map((t) => db[t]), db.meta], async () => {
    const current = await db.meta.get(META_INDEX_VERSION);
    if (!force && current?.value === bundle.version) return false;
    const c = bundle.corpus;
    await Promise.all(
      (['sources', 'passages', 'entities', 'mentions', 'claims'] as const).map((t) =>
        db[t].where('origin').equals('seed').delete(),
      ),
    );
    await db.sources.bulkPut(c.sources);
    await db.passages.bulkPut(c.passages);
    await db.entities.bulkPut(c.entities);
    await db.mentions.bulkPut(c.mentions);
    await db.claims.bulkPut(c.claims);
    // Discrepancies span sources; the bundled ones are exact when the user added none.
    const userSources = await db.sources.where('origin').equals('user').count();
    if (userSources === 0) {
      await db.discrepancies.clear();
      await db.discrepancies.bulkPut(bundle.corpus.discrepancies);
    }
    await db.meta.put({ id: META_INDEX_VERSION, value: bundle.version });
    await bumpDictionaryVersion(db);
    return true;
  });
}

/** Content scripts cache the dictionary by this number; bump it whenever entities change. */
export async function bumpDictionaryVersion(db: CrosscheckDB): Promise<number> {
  const row = await db.meta.get(META_DICTIONARY_VERSION);
  const next = (typeof row?.value === 'number' ? row.value : 0) + 1;
  await db.meta.put({ id: META_DICTIONARY_VERSION, value: next });
  return next;
}
