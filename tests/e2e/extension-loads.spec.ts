import { expect, test } from '@playwright/test';
import { type ExtensionSession, launchWithExtension } from './browser';

let session: ExtensionSession;
test.beforeAll(async () => {
  session = await launchWithExtension();
});
test.afterAll(async () => {
  await session?.context.close();
});

test('the service worker loads the bundled index into IndexedDB', async () => {
  const page = await session.context.newPage();
  await page.goto(`chrome-extension://${session.extensionId}/popup.html`);
  // Ask the background over the real message protocol, then read IndexedDB directly.
  const stats = await page.evaluate(async () => {
    // eslint-disable-next-line @typescript-eslint/no-explicit-any -- the page's chrome global is untyped here
    const runtime = (globalThis as any).chrome.runtime;
    return runtime.sendMessage({ type: 'getStats', payload: {} });
  });
  expect(stats.ok).toBe(true);
  expect(stats.value.sources).toBe(5);
  expect(stats.value.entities).toBeGreaterThan(10);
  // The seeds' built corpus and the pipeline's code (lib/bundle.ts).
  expect(stats.value.indexVersion).toMatch(/^[0-9a-f]{8}-[0-9a-f]{32}$/);

  const rows = await page.evaluate(
    () =>
      new Promise<{ sources: number; mentions: number }>((resolve, reject) => {
        const open = indexedDB.open('crosscheck');
        open.onerror = () => reject(open.error);
        open.onsuccess = () => {
          const tx = open.result.transaction(['sources', 'mentions'], 'readonly');
          const s = tx.objectStore('sources').count();
          const m = tx.objectStore('mentions').count();
          tx.oncomplete = () => resolve({ sources: s.result, mentions: m.result });
        };
      }),
  );
  expect(rows.sources).toBe(5);
  expect(rows.mentions).toBeGreaterThan(50);
});
