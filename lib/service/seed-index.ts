import type { BundledIndex } from '../bundle';
import { CORPUS_TABLES, type CrosscheckDB } from '../db';
import { hasCorrections, overridesWithCorrections } from './correction-store';
import { bumpDictionaryVersion, META_INDEX_VERSION } from './meta';
import { bundleOverrides, rederiveCorpus, reprepareReaderSources } from './sources';

export { bumpDictionaryVersion, META_DICTIONARY_VERSION, META_INDEX_VERSION } from './meta';

/**
 * Replaces every seed row with the bundled index's rows, in one transaction. The reader's own
 * sources are kept, and everything derived is built again with them (lib/service/sources.ts). Returns true when anything changed.
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
      (['sources', 'passages'] as const).map((t) => db[t].where('origin').equals('seed').delete()),
    );
    await db.sources.bulkPut(
      c.sources.map((s) => ({ ...s, enabled: wasEnabled.get(s.id) ?? true })),
    );
    await db.passages.bulkPut(c.passages);
    // Entities, mentions, claims and discrepancies are the batch build of the enabled sources:
    // the bundle's rows when those are exactly the seeds, else derived again with the reader's
    // sources (whose entities the new seeds may rename). A reader's source that cannot be read
    // is kept exactly as it is (and reported), and takes no part.
    const readerSources = await db.sources.where('origin').equals('user').count();
    const corrected = await hasCorrections(db);
    if (readerSources === 0 && !corrected && [...wasEnabled.values()].every(Boolean)) {
      await Promise.all(
        (['entities', 'mentions', 'claims', 'discrepancies'] as const).map((t) => db[t].clear()),
      );
      await db.entities.bulkPut(c.entities);
      await db.mentions.bulkPut(c.mentions);
      await db.claims.bulkPut(c.claims);
      await db.discrepancies.bulkPut(c.discrepancies);
    } else {
      await reprepareReaderSources(db);
      await rederiveCorpus(db, await overridesWithCorrections(db, bundleOverrides(bundle)));
    }
    await db.meta.put({ id: META_INDEX_VERSION, value: bundle.version });
    await bumpDictionaryVersion(db);
    return true;
  });
}
