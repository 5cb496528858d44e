/**
 * The service worker can be stopped at any moment (the browser does it when idle, or to save
 * memory). Stopped while a source is being saved: the database holds all of it or none of it,
 * the reader sees a plain sentence (never the browser's "message channel closed"), and trying
 * again works.
 */
import { expect, test } from '@playwright/test';
import { launchWithExtension } from './browser';
import { dumpDb, openOptions, seedText } from './options-helpers';

test('the worker stopped during a save: all or nothing, a plain message, and a retry works', async () => {
  test.setTimeout(120_000);
  const session = await launchWithExtension();
  const page = await openOptions(session);
  const cdp = await session.context.newCDPSession(page);
  await cdp.send('ServiceWorker.enable');
  const stopWorkers = () => cdp.send('ServiceWorker.stopAllWorkers');

  // A long article (the pipeline takes a while) in another outlet's words.
  const text = Array.from({ length: 12 }, (_, i) =>
    seedText('003_6d5c1410645c210a.txt')
      .replace(/Colombia/g, i % 2 ? 'Peru' : 'Ecuador')
      .replace(/Thursday/g, ['Monday', 'Tuesday', 'Friday'][i % 3]!),
  ).join('\n\n');
  const before = await dumpDb(page, { withMeta: false });

  await page.getByRole('tab', { name: 'Paste text or HTML' }).click();
  await page.locator('#paste-text').fill(text);
  await page.getByLabel('Title').fill('A long report');
  await page.getByRole('button', { name: 'Preview', exact: true }).click();
  await expect(page.getByRole('button', { name: 'Save source' })).toBeVisible({ timeout: 60_000 });
  await page.getByRole('button', { name: 'Save source' }).click();
  await stopWorkers();

  // Either the save finished before the stop, or it was interrupted: never anything else.
  const outcome = page
    .getByTestId('success')
    .filter({ hasText: /Added/ })
    .or(page.getByTestId('error').filter({ hasText: /interrupted/ }));
  await expect(outcome.first()).toBeVisible({ timeout: 60_000 });
  await expect(page.getByText(/message channel closed|Receiving end does not exist/)).toHaveCount(
    0,
  );
  const saved = await page.getByTestId('success').filter({ hasText: /Added/ }).count();
  console.log(saved ? 'saved before the stop' : 'interrupted by the stop');
  const after = await dumpDb(page, { withMeta: false });
  if (saved === 0) {
    // Interrupted: nothing of it was kept, and the reader was told so in plain words.
    expect(after).toBe(before);
    await expect(
      page
        .getByTestId('error')
        .filter({ hasText: /Crosscheck was interrupted; nothing was saved/ }),
    ).toBeVisible();
    // Trying again works (the worker starts again on the next message).
    await page.getByRole('button', { name: 'Save source' }).click();
    await expect(page.getByTestId('success').filter({ hasText: /Added/ })).toBeVisible({
      timeout: 60_000,
    });
  }
  const final = JSON.parse(await dumpDb(page, { withMeta: false })) as {
    sources: Array<{ origin: string; title: string }>;
    passages: Array<{ sourceId: string }>;
  };
  // All of it: exactly one copy of the source, with its passages.
  const mine = final.sources.filter((s) => s.origin === 'user');
  expect(mine.map((s) => s.title)).toEqual(['A long report']);
  expect(final.passages.filter((p) => p.sourceId.startsWith('user-')).length).toBeGreaterThan(20);
  await session.context.close();
});
