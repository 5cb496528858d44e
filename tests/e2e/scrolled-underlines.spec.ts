/**
 * Underlines are measured and drawn only near the viewport (lib/page/painter.ts): a long page's
 * names far below get theirs as the reader scrolls to them. These tests scroll a page whose
 * article comes back many screens down (once with its text inside elements without a box of their
 * own, `display: contents`) and check that every mention on screen gets its underline and a card.
 */
import { expect, type Page, test } from '@playwright/test';
import { type ExtensionSession, launchWithExtension, setSettings } from './browser';
import { ContentWorld, type WorldGlobals } from './content-world';
import { type FixtureServer, seedArticleHtml, startFixtureServer } from './page-fixtures';

let session: ExtensionSession;
let server: FixtureServer;

test.beforeAll(async () => {
  session = await launchWithExtension();
  server = await startFixtureServer();
  await setSettings(session, { mentions: 'all' });
});
test.afterAll(async () => {
  await session?.context.close();
  await server?.close();
});

const SEED = '004_c93d6edeff217837.txt';
/** Screens of text without names between the article's parts. */
const FILLER = Array.from(
  { length: 120 },
  (_, i) => `<p>Paragraph ${i + 1} of a long filler text with no names in it at all.</p>`,
).join('\n');

const LONG_PAGE = `<!doctype html><html><body><main>
  <section id="top">${seedArticleHtml(SEED, 3, 6)}</section>
  ${FILLER}
  <section id="middle">${seedArticleHtml(SEED, 6, 9)}</section>
  ${FILLER}
  <div id="bottom">${seedArticleHtml(SEED, 3, 9)
    .replaceAll('<p>', '<p><span style="display: contents">')
    .replaceAll('</p>', '</span></p>')}</div>
</main></body></html>`;

interface OnScreen {
  /** Mentions whose text is inside the viewport. */
  visible: number;
  /** Of those, the ones with an underline box over their first line. */
  boxed: number;
  /** One of them not yet boxed (its text), if any. */
  missing: string | null;
}

/** The mentions on screen, and how many have their underline drawn over them. */
function onScreen(world: ContentWorld): Promise<OnScreen> {
  return world.evaluate(() => {
    const g = (globalThis as WorldGlobals).__crosscheck!;
    const boxes = [...(g.ui()?.root.querySelectorAll('.u') ?? [])].map((e) =>
      e.getBoundingClientRect(),
    );
    let visible = 0;
    let boxed = 0;
    let missing: string | null = null;
    for (const m of g.controller()?.mentions() ?? []) {
      const r = document.createRange();
      r.setStart(m.node, m.start);
      r.setEnd(m.node, m.end);
      const line = r.getClientRects()[0];
      if (!line || line.top < 0 || line.bottom > innerHeight) continue;
      visible++;
      const over = boxes.some(
        (b) => Math.abs(b.left - line.left) < 2 && Math.abs(b.bottom - line.bottom) < 3,
      );
      if (over) boxed++;
      else missing ??= m.node.data.slice(m.start, m.end);
    }
    return { visible, boxed, missing };
  });
}

async function everyMentionOnScreenUnderlined(world: ContentWorld): Promise<void> {
  await expect
    .poll(async () => {
      const s = await onScreen(world);
      return s.visible > 0 && s.boxed === s.visible ? 'all' : JSON.stringify(s);
    })
    .toBe('all');
}

async function scrollToSection(page: Page, selector: string): Promise<void> {
  // The reader's jump (scrollbar, End key): instant, the hardest case for drawing in time.
  await page.evaluate((selector) => {
    const first = document.querySelector(`${selector} p`)!;
    window.scrollTo(0, first.getBoundingClientRect().top + window.scrollY - 40);
  }, selector);
}

test('a long page: what is on screen is underlined, then what the reader scrolls to', async () => {
  const page = await session.context.newPage();
  await page.setViewportSize({ width: 1000, height: 700 });
  const world = await ContentWorld.attach(page, session.extensionId);
  await page.goto(server.html('/long.html', LONG_PAGE));
  await world.waitForScan();
  await everyMentionOnScreenUnderlined(world);
  // The overlay holds the boxes of what is near the viewport, not of the whole page.
  const all = (await world.underlined()).length;
  expect(await world.boxes()).toBeLessThan(all);

  for (const section of ['#middle', '#bottom']) {
    await scrollToSection(page, section);
    await everyMentionOnScreenUnderlined(world);
  }
  // Hover works down there too (inside the element without a box of its own).
  const bottom = (await world.underlined()).filter((m) => m.y > 0 && m.y < 700);
  expect(bottom.length).toBeGreaterThan(0);
  const target = bottom[0]!;
  await page.mouse.move(target.x, target.y, { steps: 2 });
  await world.waitForCard();
  await page.close();
});

test('back to the top after the page changed size far below: still underlined', async () => {
  const page = await session.context.newPage();
  await page.setViewportSize({ width: 1000, height: 700 });
  const world = await ContentWorld.attach(page, session.extensionId);
  await page.goto(server.html('/long-2.html', LONG_PAGE));
  await world.waitForScan();
  await everyMentionOnScreenUnderlined(world);
  await scrollToSection(page, '#bottom');
  await everyMentionOnScreenUnderlined(world);
  // Text above moves while the reader is away: a banner is inserted at the top of the page.
  await page.evaluate(() => {
    const banner = document.createElement('div');
    banner.style.height = '300px';
    document.body.prepend(banner);
  });
  await page.evaluate(() => window.scrollTo(0, 0));
  await everyMentionOnScreenUnderlined(world);
  await scrollToSection(page, '#top');
  await everyMentionOnScreenUnderlined(world);
  await page.close();
});
