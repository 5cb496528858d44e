import { describe, expect, test } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { dictionaryCacheItem, dictionaryVersionItem } from '@/lib/dictionary-store';
import { settingsItem } from '@/lib/settings-store';
import { KEYS, readLocal, watchLocal, writeLocal } from '@/entrypoints/content/stored';

describe("the content script's storage keys are the stores' own", () => {
  test.each([
    [KEYS.settings, settingsItem.key],
    [KEYS.dictionaryCache, dictionaryCacheItem.key],
    [KEYS.dictionaryVersion, dictionaryVersionItem.key],
  ])('%s', (key, itemKey) => {
    expect(`local:${key}`).toBe(itemKey);
  });

  test('a value the store writes is read, and its changes heard, under that key', async () => {
    fakeBrowser.reset();
    const heard: Array<number | null> = [];
    const stop = watchLocal<number>(KEYS.dictionaryVersion, (v) => heard.push(v));
    await dictionaryVersionItem.setValue(7);
    expect(await readLocal<number>(KEYS.dictionaryVersion)).toBe(7);
    await writeLocal(KEYS.dictionaryVersion, 8);
    expect(await dictionaryVersionItem.getValue()).toBe(8);
    stop();
    expect(heard).toEqual([7, 8]);
  });
});
