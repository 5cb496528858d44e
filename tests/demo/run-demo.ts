/**
 * `npm start`: builds the extension, then opens Chromium with it on demo pages made from the seed
 * articles. With a display it stays open for you to read and hover; without one (or with
 * --headless) it runs headless, hovers a name, and saves screenshots of the hovercard, popup and
 * options page. Written to a log (not a terminal), the build's spinner is left out.
 */
import { mkdirSync } from 'node:fs';
import { resolve } from 'node:path';
import type { Page } from '@playwright/test';
import { launchWithExtension, tabIdOf } from '../e2e/browser';
import { ContentWorld } from '../e2e/content-world';
import { startServer } from '../e2e/server';
import { demoIndex, demoPages } from './pages';
import { runForLog } from './plain-log';
import { settleCard } from './settle-card';

const OUT = resolve(process.env.CROSSCHECK_SCREENSHOTS ?? 'screenshots');
const headless = process.argv.includes('--headless') || !process.env.DISPLAY;

/** Center of the first occurrence of `word` in the article, found without touching the DOM. */
async function pointOf(page: Page, word: string): Promise<{ x: number; y: number } | null> {
  return page.evaluate((w) => {
    const walker = document.createTreeWalker(
      document.querySelector('article') ?? document.body,
      NodeFilter.SHOW_TEXT,
    );
    for (let n = walker.nextNode(); n; n = walker.nextNode()) {
      const i = n.textContent?.indexOf(w) ?? -1;
      if (i < 0) continue;
      const range = document.createRange();
      range.setStart(n, i);
      range.setEnd(n, i + w.length);
      range.startContainer.parentElement?.scrollIntoView({ block: 'center' });
      const r = range.getClientRects()[0];
      return r ? { x: r.left + r.width / 2, y: r.top + r.height / 2 } : null;
    }
    return null;
  }, word);
}

async function hoverCard(
  page: Page,
  world: ContentWorld,
  word: string,
  file: string,
): Promise<boolean> {
  // Hover only once the page is scanned, or the pointer lands before the underline exists.
  await world.waitForScan().catch(() => undefined);
  const p = await pointOf(page, word);
  if (!p) return false;
  await page.mouse.move(p.x - 30, p.y);
  await page.mouse.move(p.x, p.y, { steps: 4 });
  const shown = await world
    .waitForCard(undefined, 5000)
    .then(() => true)
    .catch(() => false);
  await settleCard(world);
  await page.screenshot({ path: resolve(OUT, file) });
  return shown;
}

async function main() {
  if (!process.argv.includes('--no-build')) {
    const code = await runForLog('npx', ['wxt', 'build']);
    if (code !== 0) {
      console.error(`The build failed (exit code ${code}); nothing was started.`);
      process.exit(code);
    }
  }
  mkdirSync(OUT, { recursive: true });
  const pages = demoPages(new URL('../../seeds/', import.meta.url));
  const server = await startServer(resolve('tests/fixtures'));
  for (const p of pages) server.route(p.path, p.html);
  server.route('/demo/', demoIndex(pages));
  const session = await launchWithExtension({ headless });
  const { context, extensionId } = session;
  console.log(`Demo pages: ${server.origin}/demo/ (${pages.length} seed articles)`);

  const page = context.pages()[0] ?? (await context.newPage());
  await page.setViewportSize({ width: 1200, height: 800 });
  const world = await ContentWorld.attach(page, extensionId);
  await page.goto(`${server.origin}${pages[0]!.path}`);
  if (!headless) {
    for (const p of pages.slice(1))
      await (await context.newPage()).goto(`${server.origin}${p.path}`);
    console.log(
      'Chromium is open with Crosscheck loaded: hover an underlined name. Close the window to stop.',
    );
    await new Promise<void>((done) => context.on('close', () => done()));
    await server.close();
    console.log('The browser was closed and the demo server has ended.');
    return;
  }

  const shots: string[] = [];
  for (const [word, file] of [
    ['Petro', 'hovercard-light.png'],
    ['Sarabia', 'hovercard-sarabia.png'],
  ] as const) {
    const ok = await hoverCard(page, world, word, file);
    shots.push(`${file}${ok ? '' : ' (no card appeared)'}`);
    await page.mouse.move(5, 5);
    await world.waitForNoCard().catch(() => undefined);
  }
  await page.emulateMedia({ colorScheme: 'dark' });
  await page.goto(`${server.origin}${pages[3]!.path}`);
  const okDark = await hoverCard(page, world, 'Noem', 'hovercard-dark.png');
  shots.push(`hovercard-dark.png${okDark ? '' : ' (no card appeared)'}`);

  for (const [name, scheme] of [
    ['popup', 'light'],
    ['options', 'light'],
    ['options', 'dark'],
    ['popup', 'dark'],
  ] as const) {
    const p = await context.newPage();
    await p.emulateMedia({ colorScheme: scheme });
    await p.setViewportSize(
      name === 'popup' ? { width: 400, height: 600 } : { width: 1100, height: 900 },
    );
    // The popup stands for the demo article's tab (?tab=), as if opened from the toolbar there.
    const query = name === 'popup' ? `?tab=${await tabIdOf(session, page.url())}` : '';
    await p.goto(`chrome-extension://${extensionId}/${name}.html${query}`);
    if (name === 'popup') {
      // Settled: counts in, the page compared, nothing busy.
      await p.getByTestId('count-sources').waitFor();
      await p
        .waitForFunction(
          () =>
            !/…$/.test(document.querySelector('[data-testid="page-state"]')?.textContent ?? '…') &&
            !document.querySelector('[aria-busy="true"]'),
        )
        .catch(() => undefined);
    } else await p.waitForTimeout(1000);
    // The popup as it opens: its first screen at 400 x 600 (and the whole of it, for reference).
    const file = `${name}-${scheme}.png`;
    await p.screenshot({ path: resolve(OUT, file) });
    shots.push(file);
    if (name === 'popup') {
      await p.screenshot({ path: resolve(OUT, `popup-${scheme}-full.png`), fullPage: true });
      shots.push(`popup-${scheme}-full.png`);
    }
    await p.close();
  }
  await context.close();
  await server.close();
  console.log(
    `Headless run (no display). Screenshots saved in ${OUT}:\n  ${shots.join('\n  ')}\n` +
      'The demo server and the browser have been closed. With a display, `npm start` keeps them open.',
  );
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
