import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import { type BrowserContext, chromium, type Page, type Worker } from '@playwright/test';

export const EXTENSION_DIR = resolve(process.env.CROSSCHECK_OUT_DIR ?? '.output', 'chrome-mv3');

/** Debian's Chromium here (Playwright cannot download browsers); Playwright's own elsewhere. */
export function chromiumPath(): string | undefined {
  if (process.env.CHROMIUM_PATH) return process.env.CHROMIUM_PATH;
  return existsSync('/usr/bin/chromium') ? '/usr/bin/chromium' : undefined;
}

export interface ExtensionSession {
  context: BrowserContext;
  extensionId: string;
  worker: Worker;
  /** The welcome tab the install opened, when the launch was asked to keep it. */
  welcome?: Page;
}

/** The welcome page's address in this session (opened once, on install). */
export const welcomeUrl = (extensionId: string) => `chrome-extension://${extensionId}/welcome.html`;

/**
 * The tab the install opens on the welcome page. Its page may be announced before it has its
 * address, so each new page is asked for its address once it has committed one.
 */
export async function waitForWelcome(context: BrowserContext, extensionId: string): Promise<Page> {
  const url = welcomeUrl(extensionId);
  const isWelcome = async (page: Page) => {
    // A page closed (or left blank) before it had an address is simply not the welcome tab.
    if (page.url() === 'about:blank')
      await page.waitForURL((u) => u.href !== 'about:blank').catch(() => undefined);
    return page.url().startsWith(url);
  };
  const next = context.waitForEvent('page', { predicate: isWelcome, timeout: 30_000 });
  for (const page of context.pages()) {
    if (page.url().startsWith(url)) {
      next.catch(() => undefined); // not needed: already open
      return page;
    }
  }
  return next;
}

/**
 * Starts Chromium with the built extension loaded; every host but 127.0.0.1 is blocked. The
 * install opens the welcome tab: it is waited for and closed (`welcome: 'keep'` returns it), so
 * no test's "active tab" or count of tabs races it.
 */
export async function launchWithExtension(
  /** `dir`: another built extension than EXTENSION_DIR (benches that compare two builds). */
  opts: { headless?: boolean; welcome?: 'close' | 'keep'; dir?: string } = {},
): Promise<ExtensionSession> {
  const dir = opts.dir ?? EXTENSION_DIR;
  if (!existsSync(resolve(dir, 'manifest.json'))) {
    throw new Error(`No built extension in ${dir}: run \`npm run build\` first.`);
  }
  const context = await chromium.launchPersistentContext('', {
    executablePath: chromiumPath(),
    headless: opts.headless ?? true,
    args: [
      `--disable-extensions-except=${dir}`,
      `--load-extension=${dir}`,
      '--no-sandbox',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      '--no-first-run',
    ],
  });
  await context.route(/.*/, (route) => {
    const url = new URL(route.request().url());
    const local =
      url.hostname === '127.0.0.1' ||
      url.protocol === 'chrome-extension:' ||
      url.protocol === 'data:';
    return local ? route.continue() : route.abort('blockedbyclient');
  });
  const worker = context.serviceWorkers()[0] ?? (await context.waitForEvent('serviceworker'));
  const extensionId = new URL(worker.url()).host;
  const welcome = await waitForWelcome(context, extensionId);
  if (opts.welcome === 'keep') return { context, extensionId, worker, welcome };
  await welcome.close();
  return { context, extensionId, worker };
}

/**
 * The id of the tab showing `url`. Asked from an extension page: without the "tabs" permission
 * tab URLs are hidden, so each tab's content script answers with its own URL.
 */
export async function tabIdOf(session: ExtensionSession, url: string): Promise<number> {
  const probe = await session.context.newPage();
  await probe.goto(`chrome-extension://${session.extensionId}/popup.html?tab=-1`);
  const id = await probe.evaluate(async (u) => {
    // eslint-disable-next-line @typescript-eslint/no-explicit-any -- chrome is untyped on this page
    const tabs = (globalThis as any).chrome.tabs;
    for (const t of await tabs.query({})) {
      if (!t.id) continue;
      const reply = await tabs
        .sendMessage(t.id, { type: 'getPageEntities', payload: {} })
        .catch(() => null);
      if (reply?.ok && reply.value.url === u) return t.id as number;
    }
    return -1;
  }, url);
  await probe.close();
  return id;
}

/** Changes stored settings as the options page would (merged over what is stored). */
export async function setSettings(
  session: ExtensionSession,
  patch: Record<string, unknown>,
): Promise<void> {
  await session.worker.evaluate(async (patch) => {
    // eslint-disable-next-line @typescript-eslint/no-explicit-any -- chrome is untyped in the worker here
    const c = (globalThis as any).chrome;
    const { settings } = await c.storage.local.get('settings');
    await c.storage.local.set({ settings: { ...settings, ...patch } });
  }, patch);
}

/**
 * A token of the running service worker's life: the same until the worker stops, a new one
 * after. Read right after an answer, so the worker that answered is the one running.
 */
export async function workerLife(context: BrowserContext): Promise<string> {
  for (const w of [...context.serviceWorkers()].reverse()) {
    try {
      return await w.evaluate(() => {
        const g = globalThis as { crosscheckTestLife?: string };
        return (g.crosscheckTestLife ??= crypto.randomUUID());
      });
    } catch {
      // A stopped worker's handle: try the next one.
    }
  }
  throw new Error('No running service worker answered.');
}
