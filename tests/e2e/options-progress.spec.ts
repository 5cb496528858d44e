/**
 * A long import shows its steps in the options page's live region ("Preparing 2 of 3…",
 * "Saving…"), heard over a runtime Port; a content script that opens the same port hears nothing.
 * Texts are recorded by a MutationObserver installed before the import starts: no durations.
 */
import { expect, type Page, test } from '@playwright/test';
import { ContentWorld } from './content-world';
import { type Harness, openHarness, openScannedTab } from './harness';
import { NEW_PERSON, openOptions, seedText } from './options-helpers';

/** The part of the content script's `chrome.runtime` the probe uses. */
interface ContentRuntime {
  connect(info: { name: string }): {
    onMessage: { addListener(cb: (m: unknown) => void): void };
    onDisconnect: { addListener(cb: () => void): void };
  };
}

let harness: Harness;
let page: Page;

test.describe.configure({ mode: 'serial' });

test.beforeAll(async () => {
  harness = await openHarness();
  page = await openOptions(harness.session);
});

test.afterAll(async () => {
  await harness?.close();
});

/** Three of the reader's sources: seed articles with a sentence of their own (so none is a duplicate). */
function backupOfThree(): string {
  const seeds = [
    '000_d6dda6e572868f38.txt',
    '002_34deb440939f8850.txt',
    '004_c93d6edeff217837.txt',
  ];
  return JSON.stringify({
    format: 'crosscheck-backup',
    version: 1,
    exportedAt: '2026-01-01T00:00:00.000Z',
    settings: {},
    seedSources: [],
    sources: seeds.map((file, i) => ({
      id: `user-progress-${i}`,
      title: `Copy ${i + 1}`,
      outlet: `Outlet ${i + 1}`,
      url: `https://copies.example.org/${i + 1}`,
      published: '2025-03-28',
      language: 'en',
      text: `${seedText(file)}\n\n${NEW_PERSON}, reached by phone on day ${i + 1}, declined to comment.`,
      enabled: true,
      addedAt: 1_700_000_000_000 + i,
    })),
  });
}

test('an import shows its steps in a live region; a content script hears none of them', async () => {
  // A content script's world opens the progress port as an extension page would.
  const tab = await openScannedTab(harness.session, harness.server.real('bbc-1'));
  const world = await ContentWorld.attach(tab.page, harness.session.extensionId);
  await world.evaluate(() => {
    const probe = { messages: [] as unknown[], closed: false };
    (globalThis as { progressProbe?: typeof probe }).progressProbe = probe;
    const { runtime } = (globalThis as unknown as { chrome: { runtime: ContentRuntime } }).chrome;
    const port = runtime.connect({ name: 'crosscheck-progress' });
    port.onMessage.addListener((m: unknown) => probe.messages.push(m));
    port.onDisconnect.addListener(() => (probe.closed = true));
  });
  // The background closes a content script's port at once.
  await expect
    .poll(() =>
      world.evaluate(
        () => (globalThis as { progressProbe?: { closed: boolean } }).progressProbe?.closed,
      ),
    )
    .toBe(true);

  await page.bringToFront();
  const backup = page.getByRole('region', { name: 'Backup and reset' });
  const region = backup.getByRole('status').and(backup.getByTestId('progress'));
  await expect(region).toHaveAttribute('aria-live', 'polite');
  await expect(region).toHaveText('');

  await page.getByLabel('Import a backup file').setInputFiles({
    name: 'three.json',
    mimeType: 'application/json',
    buffer: Buffer.from(backupOfThree()),
  });
  await expect(page.getByLabel('Import preview')).toContainText('3 sources to add');

  // Every text the region shows, from before the import starts.
  await region.evaluate((el) => {
    const seen: string[] = [];
    (window as { progressSeen?: string[] }).progressSeen = seen;
    new MutationObserver(() => seen.push(el.textContent ?? '')).observe(el, {
      childList: true,
      characterData: true,
      subtree: true,
    });
  });
  await page.getByRole('button', { name: 'Import', exact: true }).click();
  await expect(backup.getByTestId('success')).toContainText('Imported 3 sources');

  const seen = await page.evaluate(() => (window as { progressSeen?: string[] }).progressSeen);
  const steps = (seen ?? []).filter(Boolean);
  expect(steps.some((t) => /^Preparing [1-3] of 3…$/.test(t))).toBe(true);
  expect(steps).toContain('Saving…');
  // In order: no step comes back after saving, and the region is cleared when done.
  expect(steps.at(-1)).toBe('Saving…');
  await expect(region).toHaveText('');

  const heard = await world.evaluate(
    () => (globalThis as { progressProbe?: { messages: unknown[] } }).progressProbe?.messages,
  );
  expect(heard).toEqual([]);
});
