/**
 * The service worker can be stopped at any moment (the browser does it when idle, or to save
 * memory). Stopped while a source is being saved, a reset, an import or seeding: the database
 * holds all of it or none of it, the reader reads a plain sentence that says which (never the
 * browser's "message channel closed"), and trying again works.
 */
import { readFileSync } from 'node:fs';
import { expect, type Page, test } from '@playwright/test';
import { launchWithExtension, workerLife } from './browser';
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

  // The save finished before the stop, or its answer was cut off after it was saved, or it was
  // interrupted before: never anything else, and what the reader reads is what happened.
  const nothingSaved = page.getByTestId('error').filter({ hasText: /nothing was saved/ });
  const outcome = page
    .getByTestId('success')
    .filter({ hasText: /^Added|your change was saved/ })
    .or(nothingSaved);
  await expect(outcome.first()).toBeVisible({ timeout: 60_000 });
  await expect(page.getByText(/message channel closed|Receiving end does not exist/)).toHaveCount(
    0,
  );
  console.log(`the stop: ${await outcome.first().textContent()}`);
  const after = await dumpDb(page, { withMeta: false });
  if ((await nothingSaved.count()) > 0) {
    // Interrupted before its commit: nothing of it was kept, as the reader was told.
    expect(after).toBe(before);
    // Trying again works (the worker starts again on the next message).
    await page.getByRole('button', { name: 'Save source' }).click();
    await expect(page.getByTestId('success').filter({ hasText: /Added/ })).toBeVisible({
      timeout: 60_000,
    });
  } else {
    // Saved, whether or not its answer arrived; the list shows it.
    expect(after).not.toBe(before);
    await expect(page.locator('li.source', { hasText: 'A long report' })).toHaveCount(1);
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

test('the worker stopped during a reset and during an import: all or nothing, then a retry works', async () => {
  test.setTimeout(180_000);
  const session = await launchWithExtension();
  const page = await openOptions(session);
  const cdp = await session.context.newCDPSession(page);
  await cdp.send('ServiceWorker.enable');

  /**
   * Clicks, stops the worker at once, and tells which way it went as the reader reads it: done,
   * saved though the answer was cut off, nothing saved, or (the question cut off too) unknown.
   * Never a raw error.
   */
  async function stopped(
    click: () => Promise<void>,
    done: RegExp,
  ): Promise<'done' | 'saved' | 'nothing' | 'unknown'> {
    await click();
    await cdp.send('ServiceWorker.stopAllWorkers');
    const outcomes = {
      done: page.getByTestId('success').filter({ hasText: done }),
      saved: page.getByTestId('success').filter({ hasText: /your change was saved/ }),
      nothing: page.getByTestId('error').filter({ hasText: /nothing was saved/ }),
      unknown: page.getByTestId('error').filter({ hasText: /could not tell/ }),
    };
    const any = outcomes.done.or(outcomes.saved).or(outcomes.nothing).or(outcomes.unknown);
    await expect(any.first()).toBeVisible({ timeout: 60_000 });
    await expect(page.getByText(/message channel closed|Receiving end does not exist/)).toHaveCount(
      0,
    );
    for (const [name, locator] of Object.entries(outcomes))
      if ((await locator.count()) > 0) {
        console.log(`${done.source}: ${name}`);
        return name as keyof typeof outcomes;
      }
    throw new Error('no outcome');
  }

  // One source of the reader's, and a backup of it.
  await page.getByRole('tab', { name: 'Paste text or HTML' }).click();
  await page
    .locator('#paste-text')
    .fill(seedText('003_6d5c1410645c210a.txt').replace(/Colombia/g, 'Peru'));
  await page.getByLabel('Title').fill('Kept by the reader');
  await page.getByRole('button', { name: 'Preview', exact: true }).click();
  await page.getByRole('button', { name: 'Save source' }).click();
  await expect(page.getByTestId('success').filter({ hasText: /Added/ })).toBeVisible();
  const withSource = await dumpDb(page, { withMeta: false });
  const download = page.waitForEvent('download');
  await page.getByRole('button', { name: 'Export sources and settings' }).click();
  const backup = readFileSync((await (await download).path())!, 'utf8');

  // Reset, stopped midway: the reader's source is all there, or the reset is complete.
  const reset = async () => {
    await page.getByRole('button', { name: /Reset to the built-in sources/ }).click();
    await page.getByRole('button', { name: 'Yes, reset' }).click();
  };
  const resetOutcome = await stopped(reset, /Back to the 5 built-in/);
  if (resetOutcome === 'nothing') {
    // As the reader was told: the reader's source is all there. Trying again works.
    expect(await dumpDb(page, { withMeta: false })).toBe(withSource);
    await reset();
    await expect(
      page.getByTestId('success').filter({ hasText: /Back to the 5 built-in/ }),
    ).toBeVisible();
  } else if (resetOutcome === 'unknown') {
    await page.reload();
    if ((await dumpDb(page, { withMeta: false })) === withSource) {
      await reset();
      await expect(
        page.getByTestId('success').filter({ hasText: /Back to the 5 built-in/ }),
      ).toBeVisible();
    }
  }
  // Done or saved: all of it, and the list shows it.
  await expect(page.locator('li.source', { hasText: 'added by you' })).toHaveCount(0);
  const seedsOnly = await dumpDb(page, { withMeta: false });
  expect(seedsOnly).not.toBe(withSource);

  // Import, stopped midway: nothing of it, or all of it.
  const importBackup = async () => {
    await page.getByLabel('Import a backup file').setInputFiles({
      name: 'crosscheck-backup.json',
      mimeType: 'application/json',
      buffer: Buffer.from(backup),
    });
    await page.getByRole('button', { name: 'Import', exact: true }).click();
  };
  const importOutcome = await stopped(importBackup, /Imported 1 source/);
  const afterImport = await dumpDb(page, { withMeta: false });
  // What the reader read is what happened: nothing of it, or all of it.
  if (importOutcome === 'nothing') expect(afterImport).toBe(seedsOnly);
  else if (importOutcome !== 'unknown') expect(afterImport).toBe(withSource);
  if (afterImport === seedsOnly) {
    await page.reload();
    await importBackup();
    await expect(page.getByTestId('success').filter({ hasText: /Imported 1 source/ })).toBeVisible({
      timeout: 60_000,
    });
  }
  expect(await dumpDb(page, { withMeta: false })).toBe(withSource);
  await session.context.close();
});

test('the worker stopped during seeding: all or nothing, a plain message, and a retry works', async () => {
  test.setTimeout(180_000);
  const session = await launchWithExtension();
  const page = await openOptions(session);
  const cdp = await session.context.newCDPSession(page);
  await cdp.send('ServiceWorker.enable');
  const stopWorkers = () => cdp.send('ServiceWorker.stopAllWorkers');
  const loaded = page.getByRole('heading', { name: /^Sources \(5 built-in\)/ });
  await expect(loaded).toBeVisible({ timeout: 60_000 });
  const before = await dumpDb(page, { withMeta: false });

  // The next start finds no corpus version, so it seeds again (as after an update): the worker
  // is stopped, the version row goes, and the reloaded page wakes it and is stopped again.
  await stopWorkers();
  await page.evaluate(
    () =>
      new Promise<void>((ok, fail) => {
        const open = indexedDB.open('crosscheck');
        open.onerror = () => fail(open.error);
        open.onsuccess = () => {
          const tx = open.result.transaction('meta', 'readwrite');
          tx.objectStore('meta').delete('indexVersion');
          tx.oncomplete = () => {
            open.result.close();
            ok();
          };
          tx.onerror = () => fail(tx.error);
        };
      }),
  );
  // Stopped as soon as the browser reports it running again (the signal, not a delay).
  const running = new Promise<void>((ok) => {
    cdp.on('ServiceWorker.workerVersionUpdated', ({ versions }) => {
      if (versions.some((v) => v.runningStatus === 'running')) ok();
    });
  });
  const reloaded = page.reload();
  await running;
  await stopWorkers();
  await reloaded;

  // Either seeding finished before the stop, or the reader reads the plain sentence.
  const interrupted = page.getByRole('alert').filter({ hasText: /Crosscheck was interrupted/ });
  await expect(loaded.or(interrupted).first()).toBeVisible({ timeout: 60_000 });
  await expect(page.getByText(/message channel closed|Receiving end does not exist/)).toHaveCount(
    0,
  );
  console.log((await interrupted.count()) ? 'interrupted by the stop' : 'seeded before the stop');
  // All or nothing: seeding writes the same built-in rows in one transaction, so the corpus is
  // as it was either way (never half the rows).
  expect(await dumpDb(page, { withMeta: false })).toBe(before);

  // Trying again works: the worker seeds on the next message, and the version is back.
  await page.reload();
  await expect(loaded).toBeVisible({ timeout: 60_000 });
  expect(await dumpDb(page, { withMeta: false })).toBe(before);
  expect(await dumpDb(page)).toContain('indexVersion');
  await session.context.close();
});

test('opened after the worker stopped, the options page readies the background before the reader previews', async () => {
  test.setTimeout(120_000);
  const session = await launchWithExtension();
  // The page marks each answer to its prepareChanges (components/options/keep-ready.ts).
  const readied = (page: Page) =>
    page.waitForFunction(
      () => performance.getEntriesByName('crosscheck:changes-ready').length > 0,
      undefined,
      { timeout: 60_000 },
    );
  const first = await openOptions(session);
  await readied(first);
  const before = await dumpDb(first, { withMeta: false });
  const firstLife = await workerLife(session.context);
  // Closed, so its asks cannot wake the worker again; then the worker is stopped.
  await first.close();
  const probe = await session.context.newPage();
  const cdp = await session.context.newCDPSession(probe);
  await cdp.send('ServiceWorker.enable');
  const stopped = new Promise<void>((ok) => {
    cdp.on('ServiceWorker.workerVersionUpdated', ({ versions }) => {
      if (versions.some((v) => v.runningStatus === 'stopped')) ok();
    });
  });
  await cdp.send('ServiceWorker.stopAllWorkers');
  await stopped;

  // Opened again, as a reader opens it: a new worker life is readied, and nothing is saved.
  const page = await openOptions(session);
  await readied(page);
  expect(await workerLife(session.context)).not.toBe(firstLife);
  expect(await dumpDb(page, { withMeta: false })).toBe(before);
  await page.getByRole('tab', { name: 'Paste text or HTML' }).click();
  await page
    .locator('#paste-text')
    .fill(seedText('003_6d5c1410645c210a.txt').replace(/Colombia/g, 'Peru'));
  await page.getByLabel('Title').fill('A report from Peru');
  await page.getByRole('button', { name: 'Preview', exact: true }).click();
  await expect(page.getByRole('button', { name: 'Save source' })).toBeVisible({ timeout: 60_000 });
  await session.context.close();
});
