/**
 * The first minute: an install opens the welcome page once. It says what Crosscheck does and how
 * to start, links the built-in articles' public addresses (new tab, no referrer), takes the reader
 * to the add form from the keyboard, follows the light/dark setting, and is out of any web page's
 * reach. A worker's restart opens nothing.
 */
import { mkdirSync, readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { expect, type Page, test } from '@playwright/test';
import { EXTENSION_DIR, type ExtensionSession, launchWithExtension, welcomeUrl } from './browser';
import { type FixtureServer, startFixtureServer } from './page-fixtures';

let session: ExtensionSession;
let server: FixtureServer;
test.beforeAll(async () => {
  session = await launchWithExtension({ welcome: 'keep' });
  server = await startFixtureServer();
});
test.afterAll(async () => {
  await session?.context.close();
  await server?.close();
});

const welcomeTabs = () =>
  session.context.pages().filter((p) => p.url().startsWith(welcomeUrl(session.extensionId)));

/** The built-in articles with a public address, as seeds/sources.json lists them. */
const seedUrls = (
  JSON.parse(readFileSync(resolve('seeds/sources.json'), 'utf8')) as {
    sources: Array<{ url: string | null }>;
  }
).sources.flatMap((s) => (s.url ? [s.url] : []));

test('the install opened one welcome tab, which says what to do first', async () => {
  expect(welcomeTabs()).toHaveLength(1);
  const page = session.welcome!;
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Welcome to Crosscheck');
  await expect(
    page.getByRole('heading', { name: 'Your sources stay on this computer' }),
  ).toBeVisible();
  // The built-in story's public articles, opened in a new tab that is told nothing of this page.
  const links = page.getByTestId('welcome-articles').getByRole('link');
  await expect(links).toHaveCount(seedUrls.length);
  expect(seedUrls.length).toBeGreaterThan(0);
  for (let i = 0; i < seedUrls.length; i++) {
    await expect(links.nth(i)).toHaveAttribute('href', seedUrls[i]!);
    await expect(links.nth(i)).toHaveAttribute('target', '_blank');
    await expect(links.nth(i)).toHaveAttribute('rel', /noreferrer/);
  }
  // Its outlets are named, not "Unknown outlet".
  await expect(page.getByTestId('welcome-try')).not.toContainText('Unknown outlet');
  await expect(page.getByTestId('welcome-own')).toContainText('Add this page as a source');
});

test('light and dark, and the theme setting wins over the system', async () => {
  const page = session.welcome!;
  const background = () =>
    page.evaluate(() => getComputedStyle(document.body).backgroundColor.match(/\d+/g)!.map(Number));
  const dark = (rgb: number[]) => rgb.reduce((a, b) => a + b, 0) / 3 < 96;
  mkdirSync('screenshots/e2e', { recursive: true });
  for (const scheme of ['light', 'dark'] as const) {
    await page.emulateMedia({ colorScheme: scheme });
    await expect.poll(async () => dark(await background())).toBe(scheme === 'dark');
    await page.screenshot({
      path: resolve('screenshots/e2e', `welcome-${scheme}.png`),
      fullPage: true,
    });
  }
  // The reader's "dark" in the options holds on a light system.
  await page.emulateMedia({ colorScheme: 'light' });
  await setTheme('dark');
  await expect(page.locator('html')).toHaveAttribute('data-theme', 'dark');
  await expect.poll(async () => dark(await background())).toBe(true);
  await setTheme('system');
  await expect.poll(async () => dark(await background())).toBe(false);
});

async function setTheme(theme: string) {
  await session.worker.evaluate(async (theme) => {
    // eslint-disable-next-line @typescript-eslint/no-explicit-any -- chrome is untyped in the worker here
    const c = (globalThis as any).chrome;
    const { settings } = await c.storage.local.get('settings');
    await c.storage.local.set({ settings: { ...settings, theme } });
  }, theme);
}

/** The focused element, as its role's words: a link's text or a field's id. */
const focused = (page: Page) =>
  page.evaluate(() => {
    const el = document.activeElement;
    return el?.id || el?.textContent?.trim() || el?.tagName || '';
  });

test('from the keyboard: Tab reaches every link in order, Enter on “by its address” opens the add form there', async () => {
  const page = session.welcome!;
  await page.bringToFront();
  await page.evaluate(() => (document.activeElement as HTMLElement | null)?.blur());
  const order: string[] = [];
  for (let i = 0; i < 12 && !order.includes('add an article by its address'); i++) {
    await page.keyboard.press('Tab');
    order.push(await focused(page));
  }
  // The articles first (as on the page), then the ways to add.
  const titles = await page.getByTestId('welcome-articles').getByRole('link').allTextContents();
  expect(order.slice(0, titles.length)).toEqual(titles.map((t) => t.trim()));
  expect(order.at(-1)).toBe('add an article by its address');
  // Focus is drawn.
  const outline = await page.evaluate(() => getComputedStyle(document.activeElement!).outlineStyle);
  expect(outline).not.toBe('none');

  await page.keyboard.press('Enter');
  await page.waitForURL(/options\.html#add-url$/);
  await expect(page.getByRole('tab', { name: 'From a web address' })).toHaveAttribute(
    'aria-selected',
    'true',
  );
  await expect(page.locator('#add-url')).toBeFocused();
  await page.keyboard.type('https://news.example/story');
  await expect(page.locator('#add-url')).toHaveValue('https://news.example/story');

  // "paste its text" opens the paste form, its text box focused.
  await page.goto(welcomeUrl(session.extensionId));
  await page.getByRole('link', { name: 'paste its text' }).focus();
  await page.keyboard.press('Enter');
  await page.waitForURL(/options\.html#add-paste$/);
  await expect(page.locator('#paste-text')).toBeFocused();
});

test('no web page can load or read the welcome page', async () => {
  const manifest = JSON.parse(readFileSync(resolve(EXTENSION_DIR, 'manifest.json'), 'utf8')) as {
    web_accessible_resources?: unknown;
  };
  expect(JSON.stringify(manifest.web_accessible_resources ?? [])).not.toContain('welcome');
  const page = await session.context.newPage();
  await page.goto(server.html('/probe.html', '<!doctype html><p>A page</p>'));
  const read = await page.evaluate(async (url) => {
    try {
      const r = await fetch(url);
      return `read ${r.status} ${(await r.text()).length}`;
    } catch {
      return 'refused';
    }
  }, welcomeUrl(session.extensionId));
  expect(read).toBe('refused');
  await page.close();
});

test('a restart of the service worker opens no welcome tab', async () => {
  for (const p of welcomeTabs()) await p.close();
  const options = await session.context.newPage();
  await options.goto(`chrome-extension://${session.extensionId}/options.html`);
  const cdp = await session.context.newCDPSession(options);
  await cdp.send('ServiceWorker.enable');
  await cdp.send('ServiceWorker.stopAllWorkers');
  // A message wakes a new worker, which answers: it has started and run its start-up.
  await options.reload();
  await expect(options.getByRole('heading', { name: /^Sources \(5 built-in\)/ })).toBeVisible();
  const stats = await options.evaluate(() =>
    // eslint-disable-next-line @typescript-eslint/no-explicit-any -- the page's chrome global is untyped here
    (globalThis as any).chrome.runtime.sendMessage({ type: 'getStats', payload: {} }),
  );
  expect(stats.ok).toBe(true);
  expect(welcomeTabs()).toHaveLength(0);
  await options.close();
});
