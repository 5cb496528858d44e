/**
 * Stories in the popup (issue 9): once the corpus holds a second story, the differences are
 * grouped by story, each named by its top names, the current page's story first; a page of one
 * story is compared only with that story.
 */
import { expect, type Page, test } from '@playwright/test';
import { type ExtensionSession, launchWithExtension } from './browser';
import { openScannedTab, openSeedArticleTab } from './harness';
import { type FixtureServer, startFixtureServer } from './page-fixtures';

let session: ExtensionSession;
let server: FixtureServer;

test.beforeAll(async () => {
  session = await launchWithExtension();
  server = await startFixtureServer();
});

test.afterAll(async () => {
  await session?.context.close();
  await server?.close();
});

// Two invented reports of one flood that disagree on the toll.
const flood = (toll: number, lines: string[]) =>
  `<!doctype html><html lang="en"><head><title>Floods in the Grenz valley</title></head><body><article><h1>Floods in the Grenz valley</h1>
  <p>At least ${toll} people died after floods swept through the Grenz valley in Ruritania on Tuesday, the Ruritanian Civil Protection Agency said.</p>
  ${lines.map((l) => `<p>${l}</p>`).join('\n')}
  </article></body></html>`;
const FLOOD_A = flood(40, [
  'Rescuers from the Ruritanian Red Cross evacuated villages along the Vltara river as the water kept rising through the night.',
  'Mayor Anna Kovac of Grenzburg said the town had never seen such rainfall, and asked residents to stay on higher ground.',
  'The Civil Protection Agency said the search for the missing would go on in the Grenz valley through the weekend.',
]);
const FLOOD_B = flood(95, [
  'The Ruritanian Red Cross sent rescuers to villages along the Vltara river, where whole streets were under water.',
  'Mayor Anna Kovac of Grenzburg said the rainfall was the worst in living memory and that many families had lost everything.',
  'The Civil Protection Agency said the search in the Grenz valley would continue, and that the toll could still rise.',
]);

async function openPopup(tab: number): Promise<Page> {
  const popup = await session.context.newPage();
  await popup.setViewportSize({ width: 400, height: 600 });
  await popup.goto(`chrome-extension://${session.extensionId}/popup.html?tab=${tab}`);
  await expect(popup.getByTestId('count-sources')).toBeVisible();
  await expect(popup.getByTestId('page-state')).not.toHaveText(/…$/);
  await expect(popup.locator('[aria-busy="true"]')).toHaveCount(0);
  return popup;
}

async function addPage(path: string, html: string, sources: number): Promise<void> {
  const { page, tabId } = await openScannedTab(session, server.html(path, html));
  const popup = await openPopup(tabId);
  await popup.getByRole('button', { name: 'Add this page as a source' }).click();
  await popup.getByRole('button', { name: 'Save source' }).click();
  await expect(popup.getByTestId('count-sources')).toHaveText(`${sources} sources`);
  await popup.close();
  await page.close();
}

test('one story: no story headings', async () => {
  const { page, tabId } = await openSeedArticleTab(session);
  const popup = await openPopup(tabId);
  await expect(popup.getByTestId('story-group')).toHaveCount(1);
  await expect(popup.locator('.story-h')).toHaveCount(0);
  await expect(popup.getByTestId('page-story')).toHaveCount(0);
  await popup.close();
  await page.close();
});

test('two stories: grouped and named, the page’s story first', async () => {
  await addPage('/flood-a.html', FLOOD_A, 6);
  await addPage('/flood-b.html', FLOOD_B, 7);

  // On a flood page: the flood story first, its toll compared with the other flood report only.
  const { page, tabId } = await openScannedTab(session, server.html('/flood-a.html', FLOOD_A));
  const popup = await openPopup(tabId);
  await expect(popup.getByTestId('page-story')).toContainText('Grenz');
  await expect(popup.getByTestId('page-vs')).toContainText('40');
  await expect(popup.getByTestId('page-vs')).toContainText('95');
  // The flood's one difference is above; the list below holds the other story, named.
  await popup.getByRole('button', { name: /^Show all \d+$/ }).click();
  const headings = popup.locator('.story-h');
  await expect(headings).toHaveCount(1);
  await expect(headings.first()).not.toContainText('Grenz');
  await expect(headings.first()).not.toContainText('this page’s story');
  // Every row opened (a closed row renders its summary line only): the toll is in none of them.
  const rows = popup.locator('.disc-list .disc');
  const n = await rows.count();
  expect(n).toBeGreaterThan(0);
  for (let i = 0; i < n; i++) {
    await rows.nth(i).locator('summary').click();
    await expect(rows.nth(i).locator('ul.claims')).toBeVisible();
  }
  await expect(popup.locator('.disc-list')).not.toContainText('95');
  await popup.close();
  await page.close();

  // On a seed page: the seed story first.
  const seed = await openSeedArticleTab(session);
  const popup2 = await openPopup(seed.tabId);
  await popup2.getByRole('button', { name: /^Show all \d+$/ }).click();
  await expect(popup2.locator('.story-h')).toHaveCount(2);
  await expect(popup2.locator('.story-h').first()).toContainText('this page’s story');
  await expect(popup2.locator('.story-h').first()).not.toContainText('Grenz');
  await expect(popup2.locator('.story-h').nth(1)).toContainText('Grenz');
  await popup2.close();
  await seed.page.close();
});
