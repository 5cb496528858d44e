/**
 * Across features: a source added on the options page reaches the hovercards of a tab that is
 * already open (dictionary version bump, no reload) and the popup's discrepancies; removing it
 * takes both away again.
 */
import { expect, type Page, test } from '@playwright/test';
import { type ExtensionSession, launchWithExtension } from './browser';
import { alteredSeedPage, FIXTURES, NEW_PERSON, openOptions } from './options-helpers';
import { type StaticServer, startServer } from './server';

let session: ExtensionSession;
let server: StaticServer;

test.beforeAll(async () => {
  session = await launchWithExtension();
  server = await startServer(FIXTURES);
  server.route('/news/altered.html', alteredSeedPage());
  server.route(
    '/news/other.html',
    `<!DOCTYPE html><html lang="en"><head><title>Other outlet</title></head><body><article><h1>Talks resume</h1><p>Officials from both countries met again on Monday to review the migration agreement signed last month.</p><p>${NEW_PERSON} told reporters the review was a routine step and that no new measures were expected this year.</p></article></body></html>`,
  );
});

test.afterAll(async () => {
  await session?.context.close();
  await server?.close();
});

/** Moves the pointer onto the first occurrence of `text` in the page's article. */
async function hover(page: Page, text: string): Promise<void> {
  const box = await page.evaluate((t) => {
    const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
    for (let n = walker.nextNode(); n; n = walker.nextNode()) {
      const i = n.nodeValue?.indexOf(t) ?? -1;
      if (i < 0) continue;
      const r = document.createRange();
      r.setStart(n, i + 2);
      r.setEnd(n, i + 3);
      const b = r.getBoundingClientRect();
      return { x: b.x + b.width / 2, y: b.y + b.height / 2 };
    }
    return null;
  }, text);
  if (!box) throw new Error(`"${text}" is not on the page`);
  await page.mouse.move(1, 1);
  await page.mouse.move(box.x, box.y, { steps: 3 });
}

const card = (page: Page) => page.locator('crosscheck-ui [role="dialog"]');

async function popupText(): Promise<string> {
  const popup = await session.context.newPage();
  await popup.goto(`chrome-extension://${session.extensionId}/popup.html?tab=-1`);
  await expect(popup.getByTestId('count-sources')).toBeVisible();
  await popup.waitForTimeout(300);
  const text = (await popup.locator('body').innerText()) ?? '';
  await popup.close();
  return text;
}

test('an added source reaches open tabs and the popup; removing it takes it away', async () => {
  // The other page is open before the source exists.
  const other = await session.context.newPage();
  await other.goto(`${server.origin}/news/other.html`);
  await other.waitForTimeout(500);
  await hover(other, NEW_PERSON);
  await other.waitForTimeout(1200);
  await expect(card(other)).toHaveCount(0);
  expect(await popupText()).not.toContain('BBC News');

  const options = await openOptions(session);
  await options.getByLabel('Article address').fill(`${server.origin}/news/altered.html`);
  await options.getByRole('button', { name: 'Fetch and preview' }).click();
  await options.getByRole('button', { name: 'Save source' }).click();
  await expect(options.getByTestId('success').first()).toContainText(/Added/);

  // The open tab refreshes its dictionary on its own: the new person gets a card.
  await other.bringToFront();
  await expect(async () => {
    await hover(other, NEW_PERSON);
    await expect(card(other).locator('h2')).toHaveText(NEW_PERSON, { timeout: 2000 });
  }).toPass({ timeout: 15_000 });
  await expect(card(other)).toContainText('BBC News');

  // The popup's discrepancies now include the new outlet (its figure differs from the seeds').
  await expect.poll(popupText, { timeout: 10_000 }).toContain('BBC News');

  // Remove it: the card and the discrepancies go.
  await options.bringToFront();
  const row = options.locator('li.source', { hasText: 'added by you' });
  await row.getByRole('button', { name: /^Remove/ }).click();
  await row.getByRole('button', { name: 'Yes, remove' }).click();
  await expect(options.getByTestId('success').filter({ hasText: /Removed/ })).toBeVisible();
  await other.bringToFront();
  await expect(async () => {
    await other.mouse.move(1, 1);
    await other.waitForTimeout(300);
    await hover(other, NEW_PERSON);
    await other.waitForTimeout(1200);
    await expect(card(other)).toHaveCount(0, { timeout: 100 });
  }).toPass({ timeout: 15_000 });
  expect(await popupText()).not.toContain('BBC News');
});
