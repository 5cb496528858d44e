/**
 * Privacy: reading with Crosscheck makes no network request. A session on ten real pages (load,
 * scan, hover, popup, options) is recorded request by request: the service worker and the
 * extension's pages ask only for the extension's own files, and the pages ask for no host they
 * did not ask for without the extension.
 */
import { chromium, expect, type Request, test } from '@playwright/test';
import { chromiumPath, launchWithExtension, tabIdOf } from './browser';
import { ContentWorld } from './content-world';
import { REAL_PAGES, type RealPage, startFixtureServer } from './page-fixtures';

const PAGES = REAL_PAGES.slice(0, 10) as RealPage[];
const SEED = '004_c93d6edeff217837.txt';

const hostOf = (url: string) => {
  try {
    return new URL(url).host;
  } catch {
    return url;
  }
};

test('ten real pages, cards, popup and options: no request leaves the browser', async () => {
  test.setTimeout(240_000);
  const server = await startFixtureServer();
  const urls = [...PAGES.map((p) => server.real(p)), server.seeded('bbc-1', SEED)];

  // The pages' own requests, without the extension.
  const plain = await chromium.launch({ executablePath: chromiumPath(), args: ['--no-sandbox'] });
  const plainContext = await plain.newContext();
  await plainContext.route(/.*/, (route) =>
    hostOf(route.request().url()).startsWith('127.0.0.1')
      ? route.continue()
      : route.abort('blockedbyclient'),
  );
  const baseline = new Set<string>();
  plainContext.on('request', (r) => baseline.add(hostOf(r.url())));
  for (const url of urls) {
    const page = await plainContext.newPage();
    await page.goto(url, { waitUntil: 'load' });
    await page.close();
  }
  await plain.close();

  const session = await launchWithExtension();
  const fromExtension: string[] = [];
  const fromPages: string[] = [];
  let ownFilesSeen = 0;
  const record = (r: Request) => {
    const url = r.url();
    let origin = '';
    try {
      origin = r.serviceWorker() ? 'service worker' : r.frame().url();
    } catch {
      origin = 'service worker';
    }
    if (url.startsWith('chrome-extension://') || url.startsWith('data:')) {
      if (origin.startsWith('chrome-extension://') || origin === 'service worker') ownFilesSeen++;
      return;
    }
    if (origin === 'service worker' || origin.startsWith('chrome-extension://'))
      fromExtension.push(`${origin} -> ${url}`);
    else fromPages.push(url);
  };
  session.context.on('request', record);

  // A card asks the background for data: the check means little unless some card opened.
  let cardsOpened = 0;
  for (const url of urls) {
    const page = await session.context.newPage();
    const world = await ContentWorld.attach(page, session.extensionId);
    await page.goto(url, { waitUntil: 'load' });
    await world.waitForScan();
    const first = (await world.underlined()).find((m) => m.y > 0);
    if (first) {
      await world.hover(first.text);
      await world.waitForCard();
      cardsOpened++;
    }
    const tab = await tabIdOf(session, url);
    const popup = await session.context.newPage();
    await popup.goto(`chrome-extension://${session.extensionId}/popup.html?tab=${tab}`);
    await expect(popup.getByTestId('count-sources')).toBeVisible();
    await popup.close();
    await page.close();
  }
  const options = await session.context.newPage();
  await options.goto(`chrome-extension://${session.extensionId}/options.html`);
  await expect(options.getByRole('tab', { name: 'From a web address' })).toBeVisible();
  await options.close();

  expect(cardsOpened).toBeGreaterThan(0);
  // The recorder does see the extension's contexts (their requests for its own files)...
  expect(ownFilesSeen).toBeGreaterThan(0);
  // ...and none of them asked for anything else.
  expect(fromExtension).toEqual([]);
  const newHosts = [...new Set(fromPages.map(hostOf))].filter((h) => !baseline.has(h));
  expect(newHosts).toEqual([]);
  await session.context.close();
  await server.close();
});
