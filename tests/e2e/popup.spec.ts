/**
 * The toolbar popup of the built extension, opened as chrome-extension://ID/popup.html with the
 * tab it stands for passed as ?tab=<id>: header counts, the page section, the discrepancy list
 * and its entity filter (also from #entity=), search, and the light/dark screenshots.
 */
import { mkdirSync } from 'node:fs';
import { expect, type Page, test } from '@playwright/test';
import { type ExtensionSession, launchWithExtension, setSettings } from './browser';
import { ContentWorld } from './content-world';
import { openScannedTab, openSeedArticleTab } from './harness';
import { type FixtureServer, startFixtureServer } from './page-fixtures';

/** The extension API as seen from an extension page inside page.evaluate (typed for tsc). */
declare const chrome: {
  tabs: {
    query(q: object): Promise<Array<{ id?: number }>>;
    sendMessage(
      id: number,
      m: unknown,
    ): Promise<{ ok: boolean; value: { url: string } } | undefined>;
    getCurrent(): Promise<{ id?: number } | undefined>;
  };
};

let session: ExtensionSession;
let server: FixtureServer;
let tabId: number;

async function openPopup(query: string, hash = ''): Promise<Page> {
  const popup = await session.context.newPage();
  await popup.setViewportSize({ width: 360, height: 640 });
  await popup.goto(`chrome-extension://${session.extensionId}/popup.html${query}${hash}`);
  await expect(popup.getByTestId('count-sources')).toBeVisible();
  return popup;
}

test.beforeAll(async () => {
  session = await launchWithExtension();
  server = await startFixtureServer();
  ({ tabId } = await openSeedArticleTab(session));
});

test.afterAll(async () => {
  await session?.context.close();
  await server?.close();
});

test('header, page section and the discrepancy list', async () => {
  const popup = await openPopup(`?tab=${tabId}`);
  await expect(popup.getByTestId('count-sources')).toHaveText('5 sources');
  const discrepancies = Number(
    (await popup.getByTestId('count-discrepancies').textContent())?.split(' ')[0],
  );
  expect(discrepancies).toBeGreaterThan(0);
  const chips = popup.getByTestId('page-entities').getByRole('button');
  await expect(chips.filter({ hasText: 'Gustavo Petro' })).toHaveCount(1);
  // "this page says X; others say Y": the page is the Breitbart source.
  await expect(popup.getByRole('heading', { name: 'This page vs the others' })).toBeVisible();
  await expect(popup.getByTestId('page-state')).toHaveText(
    'This page is one of your sources: Breitbart.',
  );
  // The page's first row: the flight it names against the other outlets' two planes.
  await expect(popup.locator('.says')).toContainText('a U.S. deportation flight');

  // The time Noem met Petro (filtered to find it in the list): expand, and the
  // differing spans are marked in each sentence.
  await popup.getByLabel('Filter by name').selectOption({ label: 'Kristi Noem' });
  const item = popup.locator('.disc', { hasText: 'When Noem met Petro' });
  await expect(item).toHaveCount(1);
  await item.locator('summary').focus();
  await popup.keyboard.press('Enter');
  // An opened row renders its body (its own chunk, loaded at idle or on this first open).
  await expect(item.locator('.claim').first()).toBeVisible();
  const marks = await item.locator('mark').allTextContents();
  expect(marks).toEqual(expect.arrayContaining(['Thursday evening', 'afternoon']));
  expect(await item.locator('.claim').count()).toBeGreaterThanOrEqual(2);

  // Revealing an entity on the page answers through the content script.
  await chips.filter({ hasText: 'Gustavo Petro' }).click();
  await popup.close();
});

test('entity filter, from the select and from #entity=', async () => {
  const popup = await openPopup(`?tab=${tabId}`);
  await expect(popup.locator('.disc').first()).toBeVisible();
  // The list settles once the tab's page is read (its rows about the page move above it).
  await expect(popup.locator('[aria-busy="true"]')).toHaveCount(0);
  const showAll = popup.getByRole('button', { name: /^Show all \d+$/ });
  const total = Number(((await showAll.textContent()) ?? '').replace(/\D+/g, ''));
  await showAll.click();
  await expect(popup.locator('.disc')).toHaveCount(total);
  await popup.getByLabel('Filter by name').selectOption({ label: 'Gustavo Petro' });
  await expect(popup.getByTestId('entity-filter')).toContainText('Gustavo Petro');
  // The list is filtered to differences about him (there may be as many as all of them).
  const filtered = await popup.locator('.disc').allInnerTexts();
  expect(filtered.length).toBeGreaterThan(0);
  expect(filtered.length).toBeLessThanOrEqual(total);
  await expect(
    popup.locator('.disc', { hasText: 'How outlets describe Gustavo Petro' }),
  ).toHaveCount(1);
  await popup.close();

  const fromCard = await openPopup(`?tab=${tabId}`, '#entity=laura-sarabia');
  await expect(fromCard.getByTestId('entity-filter')).toContainText('Laura Sarabia');
  // Her quote's two wordings and her description of the meeting.
  await expect(fromCard.locator('.disc', { hasText: 'Sarabia’s words' })).toHaveCount(2);
  await expect(fromCard.locator('.disc', { hasText: 'When Noem met Petro' })).toHaveCount(0);
  await fromCard.close();
});

test('typo-tolerant search with outlets and marked words', async () => {
  const popup = await openPopup(`?tab=${tabId}`);
  await popup.getByRole('searchbox', { name: 'Search your sources' }).fill('biometrc');
  const results = popup.getByTestId('search-results');
  await expect(results.locator('.hits li').first()).toBeVisible();
  const first = await results.locator('.hits li').first().textContent();
  expect(first).toMatch(/biometric/i);
  await expect(results.locator('.hits li mark').first()).toBeVisible();
  await popup.getByRole('searchbox', { name: 'Search your sources' }).fill('Sarabia');
  await expect(results.getByRole('button', { name: 'Laura Sarabia' })).toBeVisible();
  await popup.close();
});

test('a site the reader turned off: the popup says so and turns it back on', async () => {
  const url = server.html(
    '/turned-off.html',
    `<!doctype html><html lang="en"><body><article><h1>Noem in Bogotá</h1>
      <p>Homeland Security Secretary Kristi Noem met Colombian President Gustavo Petro in Bogotá.</p>
    </article></body></html>`,
  );
  const { page, tabId: id } = await openScannedTab(session, url);
  const world = await ContentWorld.attach(page, session.extensionId);
  expect(await world.boxes()).toBeGreaterThan(0);
  // As the card's "Turn off on 127.0.0.1" leaves it.
  await setSettings(session, { disabledSites: ['127.0.0.1'] });
  try {
    await expect.poll(() => world.boxes()).toBe(0);
    const popup = await openPopup(`?tab=${id}`);
    await expect(popup.getByTestId('page-state')).toHaveText('Crosscheck is off on this site.');
    await popup.getByRole('button', { name: 'Turn it on for this site' }).click();
    // The page is read again: underlined, and the popup no longer says it is off.
    await expect.poll(() => world.boxes()).toBeGreaterThan(0);
    await expect(popup.getByTestId('page-state')).not.toContainText('off on this site');
    await expect(popup.getByRole('button', { name: /Turn it on/ })).toHaveCount(0);
    const stored = await session.worker.evaluate(async () => {
      // eslint-disable-next-line @typescript-eslint/no-explicit-any -- chrome is untyped in the worker here
      const c = (globalThis as any).chrome;
      return (await c.storage.local.get('settings')).settings.disabledSites as string[];
    });
    expect(stored).toEqual([]);
    await popup.close();
  } finally {
    await setSettings(session, { disabledSites: [] });
    await world.detach();
    await page.close();
  }
});

test('a tab without the content script: “can’t run on this page”', async () => {
  const other = await session.context.newPage();
  await other.goto(`chrome-extension://${session.extensionId}/popup.html?tab=-1`);
  const id = await other.evaluate(async () => (await chrome.tabs.getCurrent())?.id ?? -1);
  const popup = await openPopup(`?tab=${id}`);
  // It says why in plain words and what to do instead, not only that it cannot.
  await expect(popup.getByTestId('page-state')).toHaveText(
    'Crosscheck can’t run on this page. It works on web pages: open a news article to compare it with your sources.',
  );
  await expect(popup.getByRole('button', { name: 'Add this page as a source' })).toHaveCount(0);
  await popup.close();
  await other.close();
});

test('screenshots, light and dark, at 360 px', async () => {
  mkdirSync('screenshots/e2e', { recursive: true });
  for (const scheme of ['light', 'dark'] as const) {
    const popup = await openPopup(`?tab=${tabId}`);
    await popup.emulateMedia({ colorScheme: scheme });
    await expect(popup.locator('.disc').first()).toBeVisible();
    await popup.getByLabel('Filter by name').selectOption({ label: 'Kristi Noem' });
    const met = popup.locator('.disc', { hasText: 'When Noem met Petro' });
    await met.locator('summary').click();
    await expect(met.locator('.claim').first()).toBeVisible();
    const bg = await popup.evaluate(() => getComputedStyle(document.body).backgroundColor);
    expect(bg).toBe(scheme === 'dark' ? 'rgb(27, 28, 31)' : 'rgb(255, 255, 255)');
    await popup.screenshot({ path: `screenshots/e2e/popup-${scheme}.png`, fullPage: true });
    await popup.close();
  }
});

test('a page outside the corpus: "this page says X; the corpus says Y"', async () => {
  const url = server.html(
    '/other-outlet.html',
    `<!doctype html><html lang="en"><body><article><h1>Noem in Bogotá</h1>
      <p>Homeland Security Secretary Kristi Noem met Colombian President Gustavo Petro on Thursday morning in Bogotá, according to officials.</p>
      <p>The two countries signed a memorandum of understanding on biometric data, officials from both governments said after the meeting.</p>
      <p>“We are committed to working hand in hand with our Colombian partners to improve border security,” Noem said at a news conference.</p>
      <p>Petro had earlier refused two military planes carrying deported Colombians, which set off a short diplomatic crisis.</p>
    </article></body></html>`,
  );
  const { page, tabId: id } = await openScannedTab(session, url);
  const popup = await openPopup(`?tab=${id}`);
  await expect(popup.getByTestId('page-state')).toHaveText(
    'Your sources cover this page’s story. It is compared with them, not saved.',
  );
  const says = popup.locator('.says');
  await expect(says).toContainText('Thursday morning');
  await expect(says).toContainText('Thursday evening');
  // Nothing was saved: still five sources.
  await expect(popup.getByTestId('count-sources')).toHaveText('5 sources');
  await popup.close();
  await page.close();
});
