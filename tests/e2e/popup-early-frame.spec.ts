/**
 * The popup's early frame (entrypoints/popup-early.ts, components/popup/early-frame.ts): the kept
 * answers drawn with plain DOM before the app loads. A frame paints it; the app then takes it
 * over keeping its nodes, with the same markup (closed rows' bodies aside, which are not shown),
 * and once settled lists the same rows; drawn, it looks as the app does, light and dark.
 *
 * So that a frame of the early DOM is always painted here (on a fast machine the app may be
 * ready as soon as the read is), this test hands the app its read of the kept answers two
 * frames late; the early script's own read is untouched.
 */
import { mkdirSync } from 'node:fs';
import { expect, type Page, test } from '@playwright/test';
import { type ExtensionSession, launchWithExtension } from './browser';

let session: ExtensionSession;

interface Seen {
  /** The early frame's markup, as drawn (closed rows' bodies left out). */
  early: string | null;
  /** Whether a frame painted it before the app took over. */
  painted: boolean;
  /** The app's first render over it, at once (the same normalisation). */
  app: string | null;
  /** Whether the app kept the early frame's rows and filter (the same nodes). */
  sameNodes: boolean | null;
  topics: string[];
}

test.beforeAll(async () => {
  session = await launchWithExtension();
  // A string, not a function: tsx/esbuild helpers do not exist in the page.
  await session.context.addInitScript(`
    if (location.pathname.endsWith('/popup.html')) {
      const KEY = '__crosscheckKeptAnswers';
      let read;
      Object.defineProperty(window, KEY, {
        configurable: true,
        set(v) { read = v; },
        get() {
          if (!read || typeof read === 'string') return read;
          const late = read.then((v) => new Promise((ok) =>
            requestAnimationFrame(() => requestAnimationFrame(() => setTimeout(() => ok(v), 0)))));
          return late;
        },
      });
      const shown = (root) => {
        const copy = root.cloneNode(true);
        copy.querySelector('main').removeAttribute('data-early');
        copy.querySelector('main').removeAttribute('inert');
        for (const d of copy.querySelectorAll('details'))
          for (const c of [...d.childNodes]) if (c.localName !== 'summary') c.remove();
        return copy.innerHTML;
      };
      const seen = (window.__seen = { early: null, painted: false, app: null, sameNodes: null, topics: [] });
      let rows = [];
      let select = null;
      new MutationObserver(() => {
        const app = document.getElementById('app');
        const main = app && app.querySelector('main');
        if (!main) return;
        if (main.hasAttribute('data-early')) {
          if (seen.early !== null) return;
          seen.early = shown(app);
          seen.topics = [...main.querySelectorAll('.disc .topic')].map((t) => t.textContent);
          rows = [...main.querySelectorAll('li.disc')];
          select = main.querySelector('select');
          requestAnimationFrame(() => {
            seen.painted = !!document.querySelector('main[data-early]');
          });
        } else if (seen.early !== null && seen.app === null) {
          seen.app = shown(app);
          const now = [...main.querySelectorAll('li.disc')];
          seen.sameNodes =
            now.length === rows.length && now.every((r, i) => r === rows[i]) &&
            main.querySelector('select') === select;
        }
      }).observe(document, { subtree: true, childList: true, attributes: true });
    }
  `);
  // The seeds are in, and the worker has kept its answers for the popup's next open.
  const first = await session.context.newPage();
  await first.goto(`chrome-extension://${session.extensionId}/popup.html`);
  await expect(first.locator('.disc').first()).toBeVisible({ timeout: 120_000 });
  await first.close();
});

test.afterAll(async () => {
  await session?.context.close();
});

const settled = async (popup: Page) => {
  await expect(popup.getByTestId('page-state')).not.toHaveText(/…$/);
  await expect(popup.locator('[aria-busy="true"]')).toHaveCount(0);
  await expect(popup.locator('main[data-early]')).toHaveCount(0);
};

/** Opens popups until one opens on its kept answers (the worker writes them after answering). */
async function openEarly(scheme: 'light' | 'dark'): Promise<{ popup: Page; seen: Seen }> {
  let out: { popup: Page; seen: Seen } | null = null;
  await expect
    .poll(
      async () => {
        const popup = await session.context.newPage();
        await popup.setViewportSize({ width: 360, height: 640 });
        await popup.emulateMedia({ colorScheme: scheme });
        await popup.goto(`chrome-extension://${session.extensionId}/popup.html`);
        await expect(popup.getByTestId('count-sources')).toBeVisible();
        await settled(popup);
        const seen = await popup.evaluate(() => (window as unknown as { __seen: Seen }).__seen);
        if (seen.early === null) {
          await popup.close();
          return false;
        }
        out = { popup, seen };
        return true;
      },
      { timeout: 60_000 },
    )
    .toBe(true);
  return out!;
}

/** How many pixels of two screenshots differ (-1: not the same size), decoded in the page. */
function differing(page: Page, a: Buffer, b: Buffer): Promise<number> {
  const url = (png: Buffer) => `data:image/png;base64,${png.toString('base64')}`;
  return page.evaluate(
    async ([a, b]) => {
      const pixels = async (src: string) => {
        const img = new Image();
        img.src = src;
        await img.decode();
        const ctx = new OffscreenCanvas(img.width, img.height).getContext('2d')!;
        ctx.drawImage(img, 0, 0);
        return ctx.getImageData(0, 0, img.width, img.height);
      };
      const [x, y] = await Promise.all([pixels(a), pixels(b)]);
      if (x.width !== y.width || x.height !== y.height) return -1;
      let n = 0;
      for (let i = 0; i < x.data.length; i += 4)
        if ([0, 1, 2, 3].some((k) => x.data[i + k] !== y.data[i + k])) n++;
      return n;
    },
    [url(a), url(b)] as const,
  );
}

for (const scheme of ['light', 'dark'] as const)
  test(`the early frame is painted, taken over unchanged, and looks as the app does (${scheme})`, async () => {
    const { popup, seen } = await openEarly(scheme);
    expect(seen.painted).toBe(true);
    expect(seen.topics.length).toBeGreaterThan(0);
    // The app's first render over it: the same markup, on the same nodes.
    expect(seen.app).toBe(seen.early);
    expect(seen.sameNodes).toBe(true);
    // Nothing lost: settled, the app lists the same first rows (its own answer, not the kept one).
    await expect(popup.locator('.disc .topic')).toHaveText(seen.topics);

    // The early frame, drawn: the same pixels as the settled app's head and list.
    mkdirSync('screenshots/e2e', { recursive: true });
    const discs = popup.locator('.discs');
    const head = popup.locator('header.head');
    const appDiscs = await discs.screenshot({ path: `screenshots/e2e/popup-app-${scheme}.png` });
    const appHead = await head.screenshot();
    await popup.screenshot({ path: `screenshots/e2e/popup-app-full-${scheme}.png` });
    // Its head and list, as captured when they were in the DOM, put in their places (a test's
    // copy; what is above them is the settled app's, so they sit at the same place).
    await popup.evaluate((html) => {
      const copy = document.createElement('div');
      copy.innerHTML = html;
      for (const part of ['header.head', '.discs'])
        document.querySelector(part)!.replaceWith(copy.querySelector(part)!);
    }, seen.early!);
    await expect(popup.locator('main .disc').first()).toBeVisible();
    const earlyDiscs = await discs.screenshot({
      path: `screenshots/e2e/popup-early-${scheme}.png`,
    });
    await popup.screenshot({ path: `screenshots/e2e/popup-early-full-${scheme}.png` });
    // Rasterising the same markup again may shade a few edge pixels differently: a handful.
    for (const [early, app] of [
      [earlyDiscs, appDiscs],
      [await head.screenshot(), appHead],
    ] as const) {
      const n = await differing(popup, early, app);
      expect(n).toBeGreaterThanOrEqual(0);
      expect(n).toBeLessThanOrEqual(20);
    }
    await popup.close();
  });
