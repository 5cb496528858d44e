import { storage } from 'wxt/utils/storage';
import type { Dictionary } from './protocol';

/**
 * The background publishes the dictionary version here whenever sources change; every open tab
 * watches it and swaps its matcher, so a new source shows up without a reload.
 */
export const dictionaryVersionItem = storage.defineItem<number | null>('local:dictionaryVersion', {
  fallback: null,
});

/** The dictionary, written by the background only; tabs reuse it while its version holds. */
export const dictionaryCacheItem = storage.defineItem<Dictionary | null>('local:dictionaryCache', {
  fallback: null,
});
