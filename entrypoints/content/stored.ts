/**
 * The content script's reads and writes of extension storage, straight on `browser.storage.local`
 * under the keys the stores define (lib/settings-store.ts, lib/dictionary-store.ts): the storage
 * library with its migrations stays in the background and the extension pages, which own the
 * items (it is a tenth of this script's size). Keys without the `local:` prefix.
 */
import { browser } from 'wxt/browser';

export async function readLocal<T>(key: string): Promise<T | null> {
  const got = await browser.storage.local.get(key);
  return (got[key] as T | undefined) ?? null;
}

export function writeLocal(key: string, value: unknown): Promise<void> {
  return browser.storage.local.set({ [key]: value });
}

/** Calls `cb` with the new value whenever `key` changes; returns the function that stops it. */
export function watchLocal<T>(key: string, cb: (value: T | null) => void): () => void {
  const listener = (changes: Record<string, { newValue?: unknown }>, area: string) => {
    if (area !== 'local' || !(key in changes)) return;
    cb((changes[key]!.newValue as T | undefined) ?? null);
  };
  browser.storage.onChanged.addListener(listener);
  return () => browser.storage.onChanged.removeListener(listener);
}

/** The stores' keys (tests/unit/content-stored.test.ts checks them against the stores). */
export const KEYS = {
  settings: 'settings',
  dictionaryCache: 'dictionaryPack',
  dictionaryVersion: 'dictionaryVersion',
} as const;
