/**
 * Screenshots for a UX review of a built extension (`npx wxt build` first): the card on a demo
 * page of a seed article, on a real page with a seed article inside and on off-story real pages;
 * the popup on a seed page, an unrelated page and a blank tab; the options page (empty form, a
 * pasted article's preview, the sources list); light and dark, wide and narrow. Also writes what
 * is underlined on a few real pages (underlines-*.json). Arguments pick parts: card more offstory
 * count popup options (none: all). Output: $CROSSCHECK_SCREENSHOTS or screenshots/ux.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { launchWithExtension, tabIdOf } from '../e2e/browser';
import { ContentWorld } from '../e2e/content-world';
import { startFixtureServer } from '../e2e/page-fixtures';
import { seedText } from '../e2e/options-helpers';
import { demoPages } from './pages';
import { settleCard } from './settle-card';

const OUT = resolve(process.env.CROSSCHECK_SCREENSHOTS ?? 'screenshots/ux');
const only = process.argv.slice(2);
const want = (k: string) => only.length === 0 || only.includes(k);

/** What is underlined, each with its text around it, for a reader to judge (a JSON file in OUT). */
function writeUnderlines(file: string, all: Awaited<ReturnType<ContentWorld['underlined']>>): void {
  const rows = all.map((u) => ({
    text: u.text,
    id: u.entityId,
    seeded: u.seeded,
    ctx: `${u.before}[${u.text}]${u.after}`,
  }));
  writeFileSync(resolve(OUT, file), JSON.stringify(rows, null, 1));
}

async function main() {
  mkdirSync(OUT, { recursive: true });
  const server = await startFixtureServer();
  const pages = demoPages(new URL('../../seeds/', import.meta.url));
  for (const p of pages) server.route(p.path, p.html);
  const session = await launchWithExtension({ headless: true });
  const { context, extensionId } = session;
  const log: string[] = [];

  async function cardShot(
    url: string,
    word: string,
    file: string,
    scheme: 'light' | 'dark',
    width: number,
  ) {
    const page = await context.newPage();
    await page.emulateMedia({ colorScheme: scheme });
    await page.setViewportSize({ width, height: 800 });
    const world = await ContentWorld.attach(page, extensionId);
    await page.goto(url);
    await world.waitForScan();
    const all = await world.underlined();
    if (file.includes('count')) {
      writeUnderlines(file.replace('.png', '.json'), all);
    }
    try {
      await world.hover(word);
      await world.waitForCard(undefined, 8000);
      await settleCard(world, 4000);
      await page.screenshot({ path: resolve(OUT, file) });
      log.push(file);
      if (want('more')) {
        await world.clickInCard('details.more > summary');
        await page.waitForTimeout(400);
        await page.screenshot({ path: resolve(OUT, file.replace('.png', '-more.png')) });
        await page.keyboard.press('Tab');
        await page.keyboard.press('Tab');
        await page.screenshot({ path: resolve(OUT, file.replace('.png', '-tab.png')) });
      }
    } catch (e) {
      log.push(`${file} FAILED ${(e as Error).message.slice(0, 100)}`);
    }
    await world.detach();
    return page;
  }

  if (want('card')) {
    for (const scheme of ['light', 'dark'] as const) {
      await (
        await cardShot(
          `${server.origin}${pages[0]!.path}`,
          'Petro',
          `card-seed-${scheme}.png`,
          scheme,
          1200,
        )
      ).close();
      await (
        await cardShot(
          server.seeded('nytimes-1', '001_074ba2d5ecaae0ac.txt'),
          'Noem',
          `card-fixture-${scheme}.png`,
          scheme,
          1200,
        )
      ).close();
      await (
        await cardShot(
          `${server.origin}${pages[0]!.path}`,
          'Petro',
          `card-seed-${scheme}-narrow.png`,
          scheme,
          380,
        )
      ).close();
    }
  }
  if (want('offstory')) {
    await (
      await cardShot(server.real('cnn'), 'U.S.', 'card-offstory-light.png', 'light', 1200)
    ).close();
    await (
      await cardShot(
        server.real('bbc-1'),
        'White House',
        'card-offstory-dark-narrow.png',
        'dark',
        380,
      )
    ).close();
  }
  if (want('count')) {
    for (const f of [
      'bbc-1',
      'guardian-1',
      'lemonde-1',
      'wapo-1',
      'yahoo-2',
      'cnn',
      'telegraph',
      'nytimes-1+seed',
    ] as const) {
      const page = await context.newPage();
      const world = await ContentWorld.attach(page, extensionId);
      await page.goto(
        f === 'nytimes-1+seed'
          ? server.seeded('nytimes-1', '001_074ba2d5ecaae0ac.txt')
          : server.real(f),
      );
      await world.waitForScan();
      const all = await world.underlined();
      writeUnderlines(`underlines-${f}.json`, all);
      log.push(`underlines-${f}: ${all.length}`);
      await page.close();
    }
  }

  if (want('popup')) {
    const seedTab = await context.newPage();
    await seedTab.goto(`${server.origin}${pages[0]!.path}`);
    const seedWorld = await ContentWorld.attach(seedTab, extensionId);
    await seedWorld.waitForScan();
    const seedId = await tabIdOf(session, seedTab.url());
    const other = await context.newPage();
    const otherUrl = server.real('heise');
    const ow = await ContentWorld.attach(other, extensionId);
    await other.goto(otherUrl);
    await ow.waitForScan();
    const otherId = await tabIdOf(session, otherUrl);
    const blank = await context.newPage();
    await blank.goto('about:blank');
    const probe = await context.newPage();
    await probe.goto(`chrome-extension://${extensionId}/popup.html?tab=-1`);
    const blankId = await probe.evaluate(async () => {
      // eslint-disable-next-line @typescript-eslint/no-explicit-any -- chrome is untyped on this page
      const tabs = await (globalThis as any).chrome.tabs.query({});
      return (tabs as Array<{ id: number }>).map((t) => t.id);
    });
    await probe.close();
    const bId = blankId.filter((i) => i !== seedId && i !== otherId).at(-2) ?? -1;
    for (const [name, tab] of [
      ['seed', seedId],
      ['unrelated', otherId],
      ['blank', bId],
    ] as const) {
      for (const scheme of ['light', 'dark'] as const) {
        for (const width of [400, 320]) {
          const p = await context.newPage();
          await p.emulateMedia({ colorScheme: scheme });
          await p.setViewportSize({ width, height: 600 });
          await p.goto(`chrome-extension://${extensionId}/popup.html?tab=${tab}`);
          await p
            .getByTestId('count-sources')
            .waitFor()
            .catch(() => undefined);
          await p
            .waitForFunction(
              () =>
                !/…$/.test(
                  document.querySelector('[data-testid="page-state"]')?.textContent ?? '…',
                ) && !document.querySelector('[aria-busy="true"]'),
              undefined,
              { timeout: 8000 },
            )
            .catch(() => undefined);
          const file = `popup-${name}-${scheme}${width < 400 ? '-narrow' : ''}.png`;
          await p.screenshot({ path: resolve(OUT, file) });
          if (width === 400 && name === 'seed') {
            for (let i = 0; i < 3; i++) await p.keyboard.press('Tab');
            await p.screenshot({ path: resolve(OUT, file.replace('.png', '-focus.png')) });
          }
          if (width === 400)
            await p.screenshot({
              path: resolve(OUT, file.replace('.png', '-full.png')),
              fullPage: true,
            });
          log.push(file);
          await p.close();
        }
      }
    }
  }

  if (want('options')) {
    for (const scheme of ['light', 'dark'] as const) {
      for (const width of [1100, 420]) {
        const suffix = `${scheme}${width < 500 ? '-narrow' : ''}`;
        const p = await context.newPage();
        await p.emulateMedia({ colorScheme: scheme });
        await p.setViewportSize({ width, height: 900 });
        await p.goto(`chrome-extension://${extensionId}/options.html`);
        await p.getByRole('heading', { name: /^Sources/ }).waitFor();
        await p.waitForTimeout(800);
        await p.screenshot({ path: resolve(OUT, `options-empty-${suffix}.png`) });
        await p.screenshot({ path: resolve(OUT, `options-full-${suffix}.png`), fullPage: true });
        await p.getByRole('tab', { name: 'Paste text or HTML' }).click();
        await p
          .locator('#paste-text')
          .fill(
            seedText('002_34deb440939f8850.txt').replace('Petro', 'Petro') +
              '\n\nMariela Quintero, an analyst at the Andean Policy Institute in Bogotá, said so.',
          );
        await p.getByLabel('Title').fill('A pasted article');
        await p.getByRole('button', { name: 'Preview', exact: true }).click();
        await p
          .getByRole('region', { name: 'Preview of the source' })
          .waitFor()
          .catch(() => undefined);
        await p.waitForTimeout(300);
        await p
          .getByRole('region', { name: 'Preview of the source' })
          .scrollIntoViewIfNeeded()
          .catch(() => undefined);
        await p.screenshot({ path: resolve(OUT, `options-preview-${suffix}.png`) });
        await p.screenshot({
          path: resolve(OUT, `options-preview-${suffix}-full.png`),
          fullPage: true,
        });
        await p.getByRole('heading', { name: /^Sources/ }).scrollIntoViewIfNeeded();
        await p.screenshot({ path: resolve(OUT, `options-sources-${suffix}.png`) });
        // keyboard focus check
        await p.keyboard.press('Tab');
        await p.keyboard.press('Tab');
        await p.screenshot({ path: resolve(OUT, `options-focus-${suffix}.png`) });
        log.push(`options ${suffix}`);
        await p.close();
      }
    }
  }
  await context.close();
  await server.close();
  console.log(log.join('\n'));
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
