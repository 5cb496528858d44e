import 'fake-indexeddb/auto';
import { beforeEach, describe, expect, test, vi } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import background from '../../entrypoints/background';
import { CrosscheckDB } from '../../lib/db';
import { unpackDictionary } from '../../lib/dictionary-pack';
import { dictionaryCacheItem, dictionaryVersionItem } from '../../lib/dictionary-store';
import { seedBundle } from './fixtures/seed-corpus';

const bundle = seedBundle({ withOverrides: false });

describe('background', () => {
  beforeEach(() => {
    fakeBrowser.reset();
    // The service worker fetches the bundled index from its own package.
    vi.stubGlobal(
      'fetch',
      vi.fn(async () => new Response(JSON.stringify(bundle))),
    );
    // The fake browser has no in-memory `commands`; the keyboard command is tested end to end.
    vi.spyOn(fakeBrowser.commands.onCommand, 'addListener').mockImplementation(() => undefined);
    // Nor `onConnect`: the options page's progress port is tested end to end.
    vi.spyOn(fakeBrowser.runtime.onConnect, 'addListener').mockImplementation(() => undefined);
  });

  test('install loads the bundled index into Dexie; messages are answered over the protocol', async () => {
    background.main();
    await fakeBrowser.runtime.onInstalled.trigger({ reason: 'install' });
    const reply = await new Promise((resolve) => {
      const listeners = fakeBrowser.runtime.onMessage;
      const popup = { url: fakeBrowser.runtime.getURL('/popup.html') };
      void listeners.trigger({ type: 'getStats', payload: {} }, popup, resolve);
    });
    expect(reply).toMatchObject({ ok: true, value: { sources: 5, indexVersion: bundle.version } });
    const db = new CrosscheckDB();
    expect(await db.entities.count()).toBe(bundle.corpus.entities.length);
    db.close();
    // Open tabs learn the dictionary version through storage, and read the dictionary itself
    // from the cache the background wrote at that version (tabs never write it).
    const version = await dictionaryVersionItem.getValue();
    expect(version).toBeGreaterThan(0);
    const cached = await dictionaryCacheItem.getValue();
    expect(cached?.version).toBe(version);
    expect(unpackDictionary(cached)?.automaton.patternNode.length).toBeGreaterThan(10);
  });

  test.each([
    [{ reason: 'install' }, ['/welcome.html']],
    [{ reason: 'update', previousVersion: '0.0.1' }, []],
    [{ reason: 'chrome_update' }, []],
  ] as const)('on %o the welcome page opens in %j', async (details, opened) => {
    const create = vi.spyOn(fakeBrowser.tabs, 'create');
    create.mockClear(); // the spy outlives a test: only this test's calls count
    background.main();
    await fakeBrowser.runtime.onInstalled.trigger(details);
    const base = fakeBrowser.runtime.getURL('/');
    expect(create.mock.calls.map(([p]) => p.url?.replace(base, '/'))).toEqual(opened);
  });

  test('a message that is not ours is left to other listeners', async () => {
    background.main();
    const sendResponse = vi.fn();
    const results = await fakeBrowser.runtime.onMessage.trigger(
      { type: 'nope', payload: {} },
      {},
      sendResponse,
    );
    expect(results).toEqual([false]);
    expect(sendResponse).not.toHaveBeenCalled();
  });
});

describe('who may ask what', () => {
  beforeEach(() => {
    fakeBrowser.reset();
    vi.stubGlobal(
      'fetch',
      vi.fn(async () => new Response(JSON.stringify(bundle))),
    );
    vi.spyOn(fakeBrowser.commands.onCommand, 'addListener').mockImplementation(() => undefined);
    // Nor `onConnect`: the options page's progress port is tested end to end.
    vi.spyOn(fakeBrowser.runtime.onConnect, 'addListener').mockImplementation(() => undefined);
  });

  const ask = (type: string, sender: object) =>
    new Promise((resolve) => {
      void fakeBrowser.runtime.onMessage.trigger({ type, payload: {} }, sender, resolve);
    });

  test.each(['resetCorpus', 'exportSources', 'getStats'])(
    'a web page (content script) cannot ask %s',
    async (type) => {
      background.main();
      const reply = await ask(type, { url: 'https://news.example.org/a', tab: { id: 3 } });
      expect(reply).toMatchObject({
        ok: false,
        problem: { code: 'not-allowed', message: expect.stringMatching(/own pages/) },
      });
    },
  );

  test('a web page may ask for the dictionary; an extension page may ask for stats', async () => {
    background.main();
    const dict = await ask('getDictionary', { url: 'https://news.example.org/a', tab: { id: 3 } });
    expect(dict).toMatchObject({ ok: true });
    const stats = await ask('getStats', { url: fakeBrowser.runtime.getURL('/popup.html') });
    expect(stats).toMatchObject({ ok: true, value: { sources: 5 } });
  });
});
