import type { BundledIndex } from '../bundle';
import { CORPUS_TABLES, type CrosscheckDB } from '../db';
import { isReadableSource } from './integrity';
import { bumpDictionaryVersion, META_INDEX_VERSION } from './meta';
import { rebuildUserLayer, recomputeDiscrepancies } from './sources';

export { bumpDictionaryVersion, META_DICTIONARY_VERSION, META_INDEX_VERSION } from './meta';

/**
 * Replaces every seed row with the bundled index's rows, in one transaction. The reader's own
 * sources are kept and re-linked to the new seed entities. Returns true when anything changed.
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
    // The reader's on/off choice for a built-in source survives updates.
    const wasEnabled = new Map(
      (await db.sources.where('origin').equals('seed').toArray()).map((s) => [s.id, s.enabled]),
    );
    await Promise.all(
      (['sources', 'passages', 'entities', 'mentions', 'claims'] as const).map((t) =>
        db[t].where('origin').equals('seed').delete(),
      ),
    );
    await db.sources.bulkPut(
      c.sources.map((s) => ({ ...s, enabled: wasEnabled.get(s.id) ?? true })),
    );
    await db.passages.bulkPut(c.passages);
    await db.entities.bulkPut(c.entities);
    await db.mentions.bulkPut(c.mentions);
    await db.claims.bulkPut(c.claims);
    // The reader's sources were linked to the old seed entities: index them again on the new
    // ones. Discrepancies span sources; the bundled ones are exact only for the seeds alone.
    // A reader's source that cannot be read is kept exactly as it is (and reported), not re-indexed.
    const allUser = await db.sources.where('origin').equals('user').toArray();
    const userSources = allUser.filter(isReadableSource);
    if (userSources.length > 0) await rebuildUserLayer(db, bundle, userSources);
    const unreadable = allUser.filter((s) => !isReadableSource(s));
    if (unreadable.length > 0) await db.sources.bulkPut(unreadable);
    if (userSources.length === 0 && [...wasEnabled.values()].every(Boolean)) {
      await db.discrepancies.clear();
      await db.discrepancies.bulkPut(c.discrepancies);
    } else {
      await recomputeDiscrepancies(db);
    }
    await db.meta.put({ id: META_INDEX_VERSION, value: bundle.version });
    await bumpDictionaryVersion(db);
    return true;
  });
}
