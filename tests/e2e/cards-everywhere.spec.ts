/**
 * A card opens on every real page with a seed article inside, whatever the page puts above its
 * text (sticky bars, transparent overlays, its own pointer handlers): hit-testing is ours, on the
 * boxes we draw, not the page's.
 */
import { expect, test } from '@playwright/test';
import { type Harness, openHarness } from './harness';
import { ContentWorld } from './content-world';
import { REAL_PAGES } from './page-fixtures';

let env: Harness;

test.beforeAll(async () => {
  env = await openHarness();
});
test.afterAll(() => env?.close());

test('every real page with a seed article: hovering a name opens its card', async () => {
  test.setTimeout(300_000);
  const failed: string[] = [];
  for (const name of REAL_PAGES) {
    const page = await env.session.context.newPage();
    await page.setViewportSize({ width: 1280, height: 900 });
    const world = await ContentWorld.attach(page, env.session.extensionId);
    await page.goto(env.server.seeded(name, '004_c93d6edeff217837.txt'), { waitUntil: 'load' });
    await world.waitForScan();
    const target = (await world.underlined()).find((m) => m.seeded && m.text === 'Gustavo Petro');
    if (!target) {
      failed.push(`${name}: nothing underlined in the article`);
      await page.close();
      continue;
    }
    const opened = await expect
      .poll(
        async () => {
          await page.mouse.move(1, 1);
          await world.hover('Gustavo Petro');
          return (await world.card())?.entity ?? null;
        },
        { timeout: 15_000 },
      )
      .toBe(target.entityId)
      .then(() => true)
      .catch(() => false);
    if (!opened) failed.push(`${name}: no card`);
    await page.close();
  }
  expect(failed).toEqual([]);
});
