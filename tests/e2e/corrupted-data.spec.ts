/**
 * Corrupted data (issue 11): a built-in row of the wrong shape, found when the service worker
 * starts, is rebuilt from the bundled seeds and the options page says so until dismissed.
 */
import { expect, test } from '@playwright/test';
import { launchWithExtension } from './browser';
import { dumpDb, openOptions } from './options-helpers';

test('a damaged built-in entity is repaired at the next start and the options page says so', async () => {
  test.setTimeout(120_000);
  const session = await launchWithExtension();
  const page = await openOptions(session);
  const before = JSON.parse(await dumpDb(page)) as Record<string, Array<{ id: string }>>;
  const entity = before.entities![0]!;

  // A damaged profile: the entity loses its name and type.
  await page.evaluate(
    (id) =>
      new Promise<void>((ok, fail) => {
        const open = indexedDB.open('crosscheck');
        open.onerror = () => fail(open.error);
        open.onsuccess = () => {
          const db = open.result;
          const tx = db.transaction('entities', 'readwrite');
          tx.objectStore('entities').put({ id, origin: 'seed' });
          tx.oncomplete = () => {
            db.close();
            ok();
          };
          tx.onerror = () => fail(tx.error);
        };
      }),
    entity.id,
  );

  // The next service-worker life checks the rows before answering.
  const cdp = await session.context.newCDPSession(page);
  await cdp.send('ServiceWorker.enable');
  await cdp.send('ServiceWorker.stopAllWorkers');
  await page.reload();

  const notice = page.getByTestId('integrity');
  await expect(notice).toContainText('Some built-in data was damaged and has been repaired');
  const after = JSON.parse(await dumpDb(page)) as Record<string, Array<{ id: string }>>;
  expect(after.entities!.find((e) => e.id === entity.id)).toEqual(entity);
  expect(after.sources).toEqual(before.sources);

  await notice.getByRole('button', { name: 'Dismiss' }).click();
  await expect(notice).toHaveCount(0);
  await expect.poll(async () => (await dumpDb(page)).includes('integrityReport')).toBe(false);
  await session.context.close();
});
