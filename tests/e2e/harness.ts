/** What most specs share: Chromium with the built extension, and the fixture pages' server. */
import type { Page } from '@playwright/test';
import { type ExtensionSession, launchWithExtension, tabIdOf } from './browser';
import { ContentWorld } from './content-world';
import { type FixtureServer, pageWithSeed, startFixtureServer } from './page-fixtures';

export interface Harness {
  session: ExtensionSession;
  server: FixtureServer;
  close(): Promise<void>;
}

export async function openHarness(): Promise<Harness> {
  const session = await launchWithExtension();
  const server = await startFixtureServer();
  return {
    session,
    server,
    async close() {
      await session.context.close();
      await server.close();
    },
  };
}

/**
 * A seed article's own address, answered locally (nothing leaves the machine), so the popup can
 * tell the page is one of the sources.
 */
const BREITBART_URL =
  'https://www.breitbart.com/latin-america/2025/03/28/humbled-by-trump-colombias-leftist-president-petro-gives-kristi-noem-warm-welcome/';

/**
 * A tab showing a seed article inside a real page at its outlet's address (answered by the
 * test), scanned, with its tab id for the popup's `?tab=`.
 */
export async function openSeedArticleTab(
  session: ExtensionSession,
): Promise<{ page: Page; tabId: number }> {
  return openScannedTab(session, BREITBART_URL, (page) =>
    page.route(BREITBART_URL, (route) =>
      route.fulfill({
        contentType: 'text/html',
        body: pageWithSeed('bbc-1', '001_074ba2d5ecaae0ac.txt'),
      }),
    ),
  );
}

/** A new tab on `url` (after `setup`, e.g. a route), scanned, with its id for the popup. */
export async function openScannedTab(
  session: ExtensionSession,
  url: string,
  setup?: (page: Page) => Promise<unknown>,
): Promise<{ page: Page; tabId: number }> {
  const page = await session.context.newPage();
  await setup?.(page);
  const world = await ContentWorld.attach(page, session.extensionId);
  await page.goto(url);
  await world.waitForScan();
  const tabId = await tabIdOf(session, url);
  if (tabId <= 0) throw new Error(`No content script answered in the tab on ${url}.`);
  return { page, tabId };
}
