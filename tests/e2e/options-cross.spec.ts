/**
 * Across features: a source added on the options page reaches the hovercards of a tab that is
 * already open (dictionary version bump, no reload) and the popup's discrepancies; removing it
 * takes both away again.
 */
import { expect, test } from '@playwright/test';
import { type ExtensionSession, launchWithExtension } from './browser';
import { ContentWorld } from './content-world';
import { alteredSeedPage, FIXTURES, NEW_PERSON, openOptions } from './options-helpers';
import { type StaticServer, startServer } from './server';

let session: ExtensionSession;
let server: StaticServer;

test.beforeAll(async () => {
  session = await launchWithExtension();
  server = await startServer(FIXTURES);
  await session.context.route(ARTICLE_URL, (route) =>
    route.fulfill({ contentType: 'text/html; charset=utf-8', body: alteredSeedPage() }),
  );
  server.route(
    '/news/other.html',
    `<!DOCTYPE html><html lang="en"><head><title>Other outlet</title></head><body><article><h1>Talks resume</h1><p>Officials from both countries met again on Monday to review the migration agreement signed last month.</p><p>${NEW_PERSON} told reporters the review was a routine step and that no new measures were expected this year.</p></article></body></html>`,
  );
});

test.afterAll(async () => {
  await session?.context.close();
  await server?.close();
});

/** Where the options page fetches the new article from (served by the test, not the network). */
const ARTICLE_URL = 'https://news.example.com/2025/03/altered.html';

async function popupText(): Promise<string> {
  const popup = await session.context.newPage();
  await popup.goto(`chrome-extension://${session.extensionId}/popup.html?tab=-1`);
  await expect(popup.getByTestId('count-sources')).toBeVisible();
  await expect(popup.locator('.disc').first()).toBeVisible();
  const text = (await popup.locator('body').innerText()) ?? '';
  await popup.close();
  return text;
}

test('an added source reaches open tabs and the popup; removing it takes it away', async () => {
  // The other page is open before the source exists: its name is not underlined.
  const other = await session.context.newPage();
  const world = await ContentWorld.attach(other, session.extensionId);
  await other.goto(`${server.origin}/news/other.html`);
  await world.waitForScan();
  const named = async () => (await world.underlined()).filter((m) => m.text === NEW_PERSON).length;
  expect(await named()).toBe(0);
  expect(await popupText()).not.toContain('BBC News');

  const options = await openOptions(session);
  await options.getByLabel('Article address').fill(ARTICLE_URL);
  await options.getByRole('button', { name: 'Fetch and preview' }).click();
  await options.getByRole('button', { name: 'Save source' }).click();
  await expect(options.getByTestId('success').first()).toContainText(/Added/);

  // The open tab refreshes its dictionary on its own: the new person is underlined, with a card.
  await other.bringToFront();
  await expect.poll(named, { timeout: 15_000 }).toBe(1);
  await world.hover(NEW_PERSON);
  const card = await world.waitForCard(NEW_PERSON);
  expect(card.text).toContain('BBC News');
  await other.mouse.move(1, 1);
  await world.waitForNoCard();

  // The popup's discrepancies now include the new outlet (its figure differs from the seeds').
  await expect.poll(popupText, { timeout: 10_000 }).toContain('BBC News');

  // Remove it: the underline, the card and the discrepancies go.
  await options.bringToFront();
  const row = options.locator('li.source', { hasText: 'added by you' });
  await row.getByRole('button', { name: /^Remove/ }).click();
  await row.getByRole('button', { name: 'Yes, remove' }).click();
  await expect(options.getByTestId('success').filter({ hasText: /Removed/ })).toBeVisible();
  await other.bringToFront();
  await expect.poll(named, { timeout: 15_000 }).toBe(0);
  expect(await popupText()).not.toContain('BBC News');
});
