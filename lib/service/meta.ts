import type { CrosscheckDB } from '../db';

export const META_INDEX_VERSION = 'indexVersion';
export const META_DICTIONARY_VERSION = 'dictionaryVersion';

/** Content scripts cache the dictionary by this number; bump it whenever entities change. */
export async function bumpDictionaryVersion(db: CrosscheckDB): Promise<number> {
  const row = await db.meta.get(META_DICTIONARY_VERSION);
  const next = (typeof row?.value === 'number' ? row.value : 0) + 1;
  await db.meta.put({ id: META_DICTIONARY_VERSION, value: next });
  return next;
}
