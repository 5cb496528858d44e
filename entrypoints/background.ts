import type { PublicPath } from 'wxt/browser';
import { type BundledIndex, isBundledIndex } from '@/lib/bundle';
import { CrosscheckDB } from '@/lib/db';
import { dictionaryVersionItem } from '@/lib/dictionary-store';
import { isEnvelope } from '@/lib/messages';
import { dispatch } from '@/lib/rpc';
import { createHandlers } from '@/lib/service/handlers';
import { loadSeedIndex, META_DICTIONARY_VERSION } from '@/lib/service/seed-index';

// Emitted by the build hook in wxt.config.ts, so it is not in WXT's typed list of public files.
const BUNDLE_PATH = '/corpus-index.json' as PublicPath;

export default defineBackground(() => {
  const db = new CrosscheckDB();

  async function fetchBundle(): Promise<BundledIndex> {
    const response = await fetch(browser.runtime.getURL(BUNDLE_PATH));
    const bundle: unknown = await response.json();
    if (!isBundledIndex(bundle))
      throw new Error('The bundled corpus index is missing or malformed.');
    return bundle;
  }

  async function loadBundle(force: boolean): Promise<void> {
    await loadSeedIndex(db, await fetchBundle(), { force });
    await publishDictionaryVersion();
  }

  // Open tabs watch this storage item and refresh their dictionary when it moves.
  async function publishDictionaryVersion(): Promise<void> {
    const row = await db.meta.get(META_DICTIONARY_VERSION);
    const version = typeof row?.value === 'number' ? row.value : null;
    if (version !== null && version !== (await dictionaryVersionItem.getValue()))
      await dictionaryVersionItem.setValue(version);
  }

  // Install/update replaces seed rows; any other start only checks the version (cheap no-op).
  let seeding: Promise<void> | null = null;
  const ensureSeeded = (force = false): Promise<void> => {
    if (!seeding || force)
      seeding = loadBundle(force).catch((e) => {
        seeding = null;
        throw e;
      });
    return seeding;
  };

  browser.runtime.onInstalled.addListener(({ reason }) => {
    if (reason === 'install' || reason === 'update') void ensureSeeded(true);
  });

  const handlers = createHandlers({
    db,
    ready: () => ensureSeeded(),
    seedBundle: fetchBundle,
    openPage: async (path) => {
      await browser.tabs.create({ url: browser.runtime.getURL(path as PublicPath) });
    },
  });

  // Keyboard commands (manifest `commands`) go to the active tab's content script.
  browser.commands?.onCommand.addListener(async (command, tab) => {
    if (command !== 'next-mention' && command !== 'previous-mention') return;
    const tabId =
      tab?.id ?? (await browser.tabs.query({ active: true, currentWindow: true }))[0]?.id;
    const direction = command === 'next-mention' ? 1 : -1;
    if (tabId !== undefined)
      await browser.tabs
        .sendMessage(tabId, { type: 'nextMention', payload: { direction } })
        .catch(() => undefined);
  });

  browser.runtime.onMessage.addListener((message, sender, sendResponse) => {
    // Leave messages that are not ours to other listeners.
    if (!isEnvelope(message) || !(message.type in handlers)) return false;
    const from = { tabId: sender.tab?.id ?? null, url: sender.tab?.url ?? sender.url ?? null };
    void dispatch(handlers, message, from).then(async (reply) => {
      sendResponse(reply);
      // Any handler may have changed the sources (add, remove, import, reset...).
      await publishDictionaryVersion();
    });
    return true; // keep the channel open for the async reply (works in Chrome and Firefox)
  });
});
