import type { Browser, PublicPath } from 'wxt/browser';
import type { BundledIndex } from '@/lib/bundle';
import { CrosscheckDB } from '@/lib/db';
import { packDictionary } from '@/lib/dictionary-pack';
import { dictionaryCacheItem, dictionaryVersionItem } from '@/lib/dictionary-store';
import {
  CONTENT_SCRIPT_MESSAGES,
  isEnvelope,
  type MessageName,
  type ProgressMessage,
  type TabProtocol,
} from '@/lib/protocol';
import { PROGRESS_PORT } from '@/lib/protocol/schemas';
import { createClient, dispatch, type Reply } from '@/lib/rpc';
import { createHandlers, readDictionary } from '@/lib/service/handlers';
import { BundleDamagedError, checkAtStart, validateBundle } from '@/lib/service/integrity';
import { META_DICTIONARY_VERSION } from '@/lib/service/seed-index';

// Emitted by the build hook in wxt.config.ts, so it is not in WXT's typed list of public files.
const BUNDLE_PATH = '/corpus-index.json' as PublicPath;
const VERSION_PATH = '/corpus-version.json' as PublicPath;
const WELCOME_PATH: PublicPath = '/welcome.html';

/** The typed client of one tab's content script (TabProtocol). */
const tabClient = (tabId: number) =>
  createClient<TabProtocol>((message) => browser.tabs.sendMessage(tabId, message));

/** Whether a message or port comes from one of Crosscheck's own pages (never a content script). */
const fromExtensionPage = (sender: { url?: string } | undefined): boolean =>
  (sender?.url ?? '').startsWith(browser.runtime.getURL('/'));

// eslint-disable-next-line max-lines-per-function -- the worker's wiring: each listener a few lines, the work in lib/service
export default defineBackground(() => {
  const db = new CrosscheckDB();

  // Progress of long adds and imports goes to the ports extension pages open while one runs.
  // An open port with messages also keeps the service worker alive: since Chrome 114 each message
  // on a long-lived port resets the 30 s idle timer, and a long import posts one per source and
  // stage, so it is not cut off between steps.
  const progressPorts = new Set<Browser.runtime.Port>();
  browser.runtime.onConnect.addListener((port) => {
    if (port.name !== PROGRESS_PORT) return;
    // Content scripts run inside hostile pages: they never hear what Crosscheck is doing.
    if (!fromExtensionPage(port.sender)) {
      port.disconnect();
      return;
    }
    progressPorts.add(port);
    port.onDisconnect.addListener(() => progressPorts.delete(port));
  });
  const postProgress = (message: ProgressMessage) => {
    for (const port of progressPorts) {
      try {
        port.postMessage(message);
      } catch {
        progressPorts.delete(port); // closed meanwhile
      }
    }
  };

  // Parsed once per service-worker life: search and source edits reuse it.
  let bundleOnce: Promise<BundledIndex> | null = null;
  const fetchBundle = (): Promise<BundledIndex> => {
    bundleOnce ??= readBundle().catch((e: unknown) => {
      bundleOnce = null;
      throw e;
    });
    return bundleOnce;
  };

  async function readBundle(): Promise<BundledIndex> {
    const response = await fetch(browser.runtime.getURL(BUNDLE_PATH));
    // Outside input: checked once per service-worker life (this result is kept).
    let json: unknown;
    try {
      json = JSON.parse(await response.text());
    } catch {
      throw new BundleDamagedError(['it is not valid JSON']);
    }
    const checked = validateBundle(json);
    if (!checked.ok) throw new BundleDamagedError(checked.problems);
    return checked.value;
  }

  // A cold service worker checks the tiny version file first and parses the bundle only when
  // the database holds another version (after an install or an update).
  async function loadBundle(): Promise<void> {
    const { version } = (await (await fetch(browser.runtime.getURL(VERSION_PATH))).json()) as {
      version: string;
    };
    // Loads the bundle on a new version and checks every row before answering; on any other
    // start the rows are checked beside the first answers (a damaged built-in row is rebuilt,
    // which bumps the dictionary version). What it found is kept for the options page.
    const { checked, checkNow } = await checkAtStart(db, version, fetchBundle);
    const afterCheck = checked.then(async (report) => {
      if (!report) return;
      console.warn('Crosscheck: damaged data found', report);
      await publishDictionaryVersion();
    });
    afterCheck.catch((e: unknown) => console.error('Crosscheck: checking the data failed', e));
    try {
      await publishDictionaryVersion();
    } catch (e) {
      // The dictionary is rebuilt from every entity: a damaged row the waiting check has not
      // repaired yet stops it. Check now, then publish what the repair left.
      console.warn('Crosscheck: the dictionary waits for the data check', e);
      checkNow();
      await afterCheck;
      await publishDictionaryVersion();
    }
  }

  // The background alone writes the dictionary cache, then its version: open tabs watch the
  // version and read the cache, so a page load with a current cache never wakes the worker,
  // and no tab (whose page is hostile) writes what every other tab reads.
  // The version this worker life last published: an extension page's message that changed
  // nothing (the options page asks every 20 s while in use) then reads no packed dictionary.
  let published: number | null = null;
  async function publishDictionaryVersion(): Promise<void> {
    const row = await db.meta.get(META_DICTIONARY_VERSION);
    const version = typeof row?.value === 'number' ? row.value : null;
    if (version === null || version === published) return;
    if ((await dictionaryCacheItem.getValue())?.version !== version) {
      // Packed with its automaton built: pages then do no work per alias (lib/dictionary-pack.ts).
      await dictionaryCacheItem.setValue(packDictionary(await readDictionary(db)));
      await browser.storage.local.remove('dictionaryCache'); // the unpacked form's old key
    }
    if (version !== (await dictionaryVersionItem.getValue()))
      await dictionaryVersionItem.setValue(version);
    published = version;
  }

  // Once per service-worker life: an install or update brings a new bundle version, which
  // replaces the seed rows; any other start finds the version unchanged.
  let seeding: Promise<void> | null = null;
  const ensureSeeded = (): Promise<void> => {
    seeding ??= loadBundle().catch((e: unknown) => {
      seeding = null;
      throw e;
    });
    return seeding;
  };

  browser.runtime.onInstalled.addListener(({ reason }) => {
    if (reason === 'install' || reason === 'update')
      ensureSeeded().catch((e: unknown) =>
        console.error('Crosscheck: loading the corpus failed', e),
      );
    // A first install (never an update, nor a worker's restart: onInstalled does not fire then)
    // says what Crosscheck does and how to start, in an extension page no web page can read.
    if (reason === 'install')
      browser.tabs
        .create({ url: browser.runtime.getURL(WELCOME_PATH) })
        .catch((e: unknown) => console.error('Crosscheck: opening the welcome page failed', e));
  });

  const handlers = createHandlers({
    db,
    ready: () => ensureSeeded(),
    seedBundle: fetchBundle,
    progress: (p) => postProgress({ type: 'progress', ...p }),
    openPage: async (path) => {
      await browser.tabs.create({ url: browser.runtime.getURL(path as PublicPath) });
    },
  });

  // Keyboard commands (manifest `commands`) go to the active tab's content script.
  const onCommand = async (command: string, tab?: { id?: number }) => {
    if (command !== 'next-mention' && command !== 'previous-mention') return;
    const tabId =
      tab?.id ?? (await browser.tabs.query({ active: true, currentWindow: true }))[0]?.id;
    const direction = command === 'next-mention' ? 1 : -1;
    if (tabId !== undefined)
      await tabClient(tabId)('nextMention', { direction }).catch(() => false);
  };
  browser.commands?.onCommand.addListener((command, tab) => void onCommand(command, tab));

  browser.runtime.onMessage.addListener((message, sender, sendResponse) => {
    // Leave messages that are not ours to other listeners.
    if (!isEnvelope(message) || !Object.hasOwn(handlers, message.type)) return false;
    const fromExtension = fromExtensionPage(sender);
    if (!fromExtension && !CONTENT_SCRIPT_MESSAGES.has(message.type as MessageName)) {
      const refused: Reply = {
        ok: false,
        problem: {
          code: 'not-allowed',
          message: `${message.type} is only answered for Crosscheck's own pages.`,
        },
      };
      sendResponse(refused);
      return false;
    }
    const from = { tabId: sender.tab?.id ?? null, url: sender.tab?.url ?? sender.url ?? null };
    void dispatch(handlers, message, from)
      ?.then(async (reply) => {
        sendResponse(reply);
        // Extension pages may have changed the sources (add, remove, import, reset...).
        if (fromExtension) await publishDictionaryVersion();
      })
      .catch((e: unknown) => console.error('Crosscheck: a message failed', e));
    return true; // keep the channel open for the async reply (works in Chrome and Firefox)
  });
});
