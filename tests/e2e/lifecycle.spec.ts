/**
 * The extension is updated or reloaded while tabs are open: the old content scripts stop quietly
 * (no uncaught "Extension context invalidated" in the page's console, our element leaves the
 * page). (Chromium does not bring back an extension loaded from the command line after
 * `runtime.reload()`, so "new tabs get the new script" is not observable in this harness.)
 */
import { expect, test } from '@playwright/test';
import { launchWithExtension } from './browser';
import { ContentWorld } from './content-world';
import { seedParagraphs, startFixtureServer } from './page-fixtures';

test('after an extension reload, the old tab stops quietly', async () => {
  const session = await launchWithExtension();
  const server = await startFixtureServer();
  const article = seedParagraphs('004_c93d6edeff217837.txt')
    .slice(3, 8)
    .map((p) => `<p>${p.replace(/&/g, '&amp;').replace(/</g, '&lt;')}</p>`)
    .join('');
  const url = server.html(
    '/lifecycle.html',
    `<!doctype html><html><body><main>${article}</main></body></html>`,
  );

  const old = await session.context.newPage();
  const errors: string[] = [];
  old.on('pageerror', (e) => errors.push(e.message));
  old.on('console', (m) => {
    if (m.type() === 'error') errors.push(m.text());
  });
  const oldWorld = await ContentWorld.attach(old, session.extensionId);
  await old.goto(url);
  await oldWorld.waitForScan();
  await expect.poll(() => oldWorld.boxes()).toBeGreaterThan(0);
  const ourHost = () =>
    old.evaluate(() => {
      const el = document.documentElement.lastElementChild;
      return el?.tagName === 'DIV' && el.shadowRoot === null && el.getAttribute('style') !== null;
    });
  expect(await ourHost()).toBe(true);

  // Reload the extension (as an update does) from its service worker.
  // (The worker dies inside this call, which therefore never answers.)
  void session.worker
    .evaluate(() => {
      // eslint-disable-next-line @typescript-eslint/no-explicit-any -- chrome is untyped in the worker here
      (globalThis as any).chrome.runtime.reload();
    })
    .catch(() => undefined);

  // The orphaned script notices and takes its element away; the reader's pointer and the
  // page's own activity meanwhile raise nothing.
  await expect.poll(ourHost, { timeout: 15_000 }).toBe(false);
  await old.mouse.move(200, 200);
  await old.mouse.move(220, 240, { steps: 3 });
  await old.evaluate(() => document.querySelector('main')?.append(document.createElement('p')));
  expect(errors.filter((e) => /context invalidated|crosscheck/i.test(e))).toEqual([]);

  await session.context.close();
  await server.close();
});
