import { storage } from 'wxt/utils/storage';
import type { PackedDictionary } from './dictionary-pack';

/**
 * The background publishes the dictionary version here whenever sources change; every open tab
 * watches it and swaps its matcher, so a new source shows up without a reload.
 */
export const dictionaryVersionItem = storage.defineItem<number | null>('local:dictionaryVersion', {
  fallback: null,
});

/**
 * The dictionary with its automaton built (lib/dictionary-pack.ts), written by the background
 * only; tabs reuse it while its version holds. (Its key is new with the packed form: the plain
 * dictionary was cached under `local:dictionaryCache`.)
 */
export const dictionaryCacheItem = storage.defineItem<PackedDictionary | null>(
  'local:dictionaryPack',
  { fallback: null },
);
