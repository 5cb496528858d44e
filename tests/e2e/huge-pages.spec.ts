/**
 * Hostile and huge pages (issue 11, promise 6): a page that floods its DOM, a page nested 5,000
 * levels deep, a page that replaces the built-ins of its own world, a page whose CSS aims at the
 * card. In each, the page's own script keeps running (its counter advances) and the extension
 * keeps working (its scan count advances, a hover on a known name opens the card). Nothing here
 * measures time: every wait is for a signal. (The 50,000-name page, the 20 MB text node, forged
 * events and a pre-empted `attachShadow` are in hostile-page.spec.ts.)
 */
import { expect, type Page, test } from '@playwright/test';
import { type Harness, openHarness } from './harness';
import { ContentWorld } from './content-world';
import { seedArticleHtml } from './page-fixtures';

let env: Harness;

const SEED = '004_c93d6edeff217837.txt';
const ARTICLE = `<article>${seedArticleHtml(SEED, 3, 9)}</article>`;

/**
 * The page's own heartbeat: a counter its script advances every few milliseconds, written where
 * the test reads it (an attribute, read from the content script's world, so that a page that
 * breaks its own built-ins cannot break the reading).
 */
const TICKER = `<script>
  (() => {
    const root = document.documentElement;
    const set = Element.prototype.setAttribute;
    let ticks = 0;
    setInterval(() => set.call(root, 'data-ticks', String(++ticks)), 5);
  })();
</script>`;

test.beforeAll(async () => {
  env = await openHarness();
});
test.afterAll(() => env?.close());

async function open(path: string, html: string): Promise<{ page: Page; world: ContentWorld }> {
  const page = await env.session.context.newPage();
  await page.setViewportSize({ width: 1000, height: 800 });
  const world = await ContentWorld.attach(page, env.session.extensionId);
  await page.goto(env.server.html(path, html));
  await world.waitForScan();
  return { page, world };
}

const ticks = (world: ContentWorld) =>
  world.evaluate(() => Number(document.documentElement.getAttribute('data-ticks') ?? 0));

/** The page's script is still running: its counter moves on from where it is now. */
async function pageKeepsRunning(world: ContentWorld): Promise<void> {
  const now = await ticks(world);
  await expect.poll(() => ticks(world), { timeout: 30_000 }).toBeGreaterThan(now);
}

/**
 * Rests the real pointer on a name. Scrolled from the content script's world: the page's world
 * may have broken the built-ins a test's `page.evaluate` relies on.
 */
async function hoverName(page: Page, world: ContentWorld, name: string): Promise<void> {
  const at = async () => (await world.underlined(name)).find((m) => m.y > 0 || m.x > 0);
  const first = await at();
  if (!first) throw new Error(`No underlined "${name}" on the page.`);
  await world.evaluate((y) => window.scrollBy(0, y - window.innerHeight / 2), first.y);
  const fresh = (await at())!;
  await page.mouse.move(fresh.x, fresh.y, { steps: 2 });
}

/** The extension still works: a hover on a known name opens its card. */
async function cardOpens(page: Page, world: ContentWorld, name = 'Gustavo Petro'): Promise<void> {
  await expect(async () => {
    await page.mouse.move(1, 1);
    await hoverName(page, world, name);
    await world.waitForCard(name, 3000);
  }).toPass({ timeout: 60_000 });
}

test('a page adding 10,000 nodes a second: the page runs, scans follow, cards open', async () => {
  test.setTimeout(180_000);
  // 100 paragraphs every 10 ms into the article, one in fifty naming someone, until told to stop.
  const flood = `<script>
    window.addEventListener('load', () => {
      const article = document.querySelector('article');
      let added = 0;
      const timer = setInterval(() => {
        if (document.documentElement.hasAttribute('data-stop') || added >= 300000) {
          clearInterval(timer);
          document.documentElement.setAttribute('data-flood-ended', String(added));
          return;
        }
        const batch = document.createDocumentFragment();
        for (let i = 0; i < 100; i++, added++) {
          const p = document.createElement('p');
          p.textContent = added % 50 === 0
            ? 'Laura Sarabia answered questions from reporters once more, update ' + added + '.'
            : 'Live update ' + added + ': the river is still rising near the old bridge.';
          batch.appendChild(p);
        }
        article.appendChild(batch);
        document.documentElement.setAttribute('data-added', String(added));
      }, 10);
    });
  </script>`;
  const { page, world } = await open(
    '/flood-live.html',
    `<!doctype html><html><head>${TICKER}${flood}</head><body><main>${ARTICLE}</main></body></html>`,
  );
  const added = () =>
    world.evaluate(() => Number(document.documentElement.getAttribute('data-added') ?? 0));
  const flooding = () =>
    world.evaluate(() => !document.documentElement.hasAttribute('data-flood-ended'));
  // While the flood goes on: new passes scan what it adds, and the names in it are underlined.
  const scans = await world.scans();
  await expect.poll(() => world.scans(), { timeout: 60_000 }).toBeGreaterThan(scans + 2);
  await expect
    .poll(async () => (await world.underlined('Laura Sarabia')).length, { timeout: 60_000 })
    .toBeGreaterThan(5);
  await pageKeepsRunning(world);
  await cardOpens(page, world);
  expect(await flooding()).toBe(true);
  expect(await added()).toBeGreaterThan(1000);
  // Stop it; the extension settles and the page is still the page's.
  await world.evaluate(() => document.documentElement.setAttribute('data-stop', ''));
  await expect.poll(flooding, { timeout: 30_000 }).toBe(false);
  await pageKeepsRunning(world);
  await page.close();
});

test('a page nested 5,000 levels deep: scanned, underlined, cards open', async () => {
  test.setTimeout(120_000);
  // Built by script: the HTML parser flattens anything deeper than 512 levels. Inline elements:
  // Chromium's own layout crashes on 5,000 nested blocks, with or without an extension.
  const nest = `<template id="article">${ARTICLE}</template><script>
    let el = document.body;
    for (let i = 0; i < 5000; i++) {
      const span = document.createElement(i % 2 ? 'span' : 'em');
      el.appendChild(span);
      el = span;
    }
    el.appendChild(document.getElementById('article').content.cloneNode(true));
  </script>`;
  const { page, world } = await open(
    '/nested.html',
    `<!doctype html><html><head>${TICKER}</head><body>${nest}</body></html>`,
  );
  const depth = await world.evaluate(() => {
    let d = 0;
    for (let el = document.querySelector('article'); el; el = el.parentElement) d++;
    return d;
  });
  expect(depth).toBeGreaterThan(5000);
  await expect
    .poll(async () => (await world.underlined('Gustavo Petro')).length)
    .toBeGreaterThan(0);
  await pageKeepsRunning(world);
  await cardOpens(page, world);
  // The page changes deep down; the extension scans the change.
  const scans = await world.scans();
  await page.evaluate(() => {
    const p = document.createElement('p');
    p.textContent = 'Laura Sarabia spoke last, deep inside the page.';
    document.querySelector('article')!.appendChild(p);
  });
  await world.waitForScan(scans);
  await expect
    .poll(async () =>
      (await world.underlined('Laura Sarabia')).some((m) => m.after.startsWith(' spoke last')),
    )
    .toBe(true);
  await page.close();
});

test("a page that replaces its world's built-ins: the extension's world is its own", async () => {
  // From the page's first script on: observers, timers, DOM reading and writing, events,
  // ranges and hit-testing, JSON, promises and collections all throw in the page's world.
  const sabotage = `<script>
    (() => {
      const broken = function () { throw new Error('replaced by the page'); };
      const targets = [
        [window, ['MutationObserver', 'ResizeObserver', 'IntersectionObserver',
          'requestAnimationFrame', 'requestIdleCallback', 'queueMicrotask', 'getComputedStyle',
          'fetch', 'postMessage', 'structuredClone']],
        [Node.prototype, ['appendChild', 'insertBefore', 'removeChild', 'contains',
          'compareDocumentPosition', 'cloneNode']],
        [Element.prototype, ['getBoundingClientRect', 'getClientRects', 'closest', 'matches',
          'querySelector', 'querySelectorAll', 'attachShadow', 'append', 'remove', 'animate',
          'checkVisibility', 'scrollIntoView']],
        [Document.prototype, ['createTreeWalker', 'createRange', 'createElement',
          'caretRangeFromPoint', 'caretPositionFromPoint', 'elementFromPoint', 'elementsFromPoint',
          'getElementsByTagName', 'querySelectorAll']],
        [Range.prototype, ['getClientRects', 'getBoundingClientRect', 'setStart', 'setEnd']],
        [EventTarget.prototype, ['addEventListener', 'removeEventListener']],
        [performance, ['now', 'mark', 'measure', 'getEntries']],
        [JSON, ['parse']],
        [Promise.prototype, ['finally']],
        [Map.prototype, ['get', 'set']],
        [Set.prototype, ['add', 'has']],
        [String.prototype, ['normalize', 'localeCompare']],
        [Intl, ['Segmenter', 'DisplayNames']],
      ];
      for (const [object, names] of targets)
        for (const name of names)
          try { Object.defineProperty(object, name, { value: broken, configurable: true }); }
          catch (e) { /* not replaceable: fine */ }
      window.__sabotaged = true;
    })();
  </script>`;
  const { page, world } = await open(
    '/builtins.html',
    `<!doctype html><html><head>${TICKER}${sabotage}</head><body><main>${ARTICLE}</main></body></html>`,
  );
  // The page's world is broken indeed…
  expect(
    await page.evaluate(() => {
      try {
        document.createRange();
        return 'works';
      } catch (e) {
        return (e as Error).message;
      }
    }),
  ).toBe('replaced by the page');
  // …and the extension underlines, measures and opens cards all the same.
  await expect.poll(() => world.boxes()).toBeGreaterThan(0);
  await pageKeepsRunning(world);
  await cardOpens(page, world);
  await expect.poll(async () => (await world.card())?.text ?? '').toContain('What the sources say');
  // A change the page makes is still scanned (our observer is not the page's).
  const scans = await world.scans();
  await world.evaluate(() => {
    const p = document.createElement('p');
    p.textContent = 'Laura Sarabia answered last.';
    document.querySelector('main')!.appendChild(p);
  });
  await world.waitForScan(scans);
  await page.close();
});

test('page CSS aimed at the card and its host, and a script restyling it: the card shows and works', async () => {
  // Everything a stylesheet can aim at our one element (the last child of <html>) and at
  // anything in the page; and a script that restyles and hides the host over and over.
  const css = `<style>
    html > div, html > *:last-child, html > :not(head):not(body), body ~ * {
      display: none !important; visibility: hidden !important; opacity: 0 !important;
      transform: scale(0) !important; clip-path: inset(50%) !important;
      filter: opacity(0) blur(30px) !important; z-index: -2147483647 !important;
      content-visibility: hidden !important; width: 0 !important; height: 0 !important;
      overflow: hidden !important; zoom: 0.01 !important; position: static !important;
      pointer-events: none !important; contain: strict !important; mix-blend-mode: difference !important;
    }
    html > div *, html > div::before, html > div::after { all: revert !important; color: transparent !important; }
    ::highlight(crosscheck), ::selection { background: red !important; }
    :root { color-scheme: dark !important; font-size: 2px !important; }
    * { line-height: 0 !important; letter-spacing: 30px !important; }
    p { font-size: 18px !important; line-height: 1.5 !important; letter-spacing: normal !important; }
  </style>`;
  // And a script that restyles, hides and renames the host a few times once it appears.
  const restyle = `<script>
    let times = 0;
    const hit = () => {
      const el = document.documentElement.lastElementChild;
      if (el && el.tagName === 'DIV' && times < 10) {
        times++;
        el.style.cssText = 'display:none !important';
        el.setAttribute('hidden', '');
        el.className = 'hidden';
      }
      document.documentElement.setAttribute('data-restyled', String(times));
      if (times < 10) requestAnimationFrame(hit);
    };
    requestAnimationFrame(hit);
  </script>`;
  const { page, world } = await open(
    '/aimed-css.html',
    `<!doctype html><html><head>${TICKER}${css}${restyle}</head><body><main>${ARTICLE}</main></body></html>`,
  );
  await expect.poll(() => world.boxes()).toBeGreaterThan(0);
  await expect
    .poll(() => world.evaluate(() => document.documentElement.getAttribute('data-restyled')))
    .toBe('10');
  await cardOpens(page, world);
  // The card is drawn where it is, full size, on top: the page's own hit-test finds our host
  // at the card's centre.
  const view = await world.evaluate(() => {
    const ui = (
      globalThis as { __crosscheck?: { ui(): { root: ShadowRoot; host: HTMLElement } | null } }
    ).__crosscheck!.ui()!;
    const card = ui.root.querySelector<HTMLElement>('[role="dialog"]')!;
    const r = card.getBoundingClientRect();
    const host = getComputedStyle(ui.host);
    return {
      width: Math.round(r.width),
      visible: r.height > 100 && r.top >= 0 && r.bottom <= innerHeight,
      host: [host.display, host.visibility, host.opacity, host.transform, host.clipPath],
      center: { x: r.left + r.width / 2, y: r.top + r.height / 2 },
      h2: getComputedStyle(card.querySelector('h2')!).letterSpacing,
    };
  });
  expect(view).toMatchObject({
    width: 360,
    visible: true,
    host: ['block', 'visible', '1', 'none', 'none'],
    h2: 'normal',
  });
  // The card answers the reader: "More" opens with a real click inside it.
  await world.clickInCard('summary', 'More');
  await expect
    .poll(() =>
      world.evaluate(
        () =>
          (globalThis as { __crosscheck?: { ui(): { root: ShadowRoot } | null } })
            .__crosscheck!.ui()!
            .root.querySelector<HTMLDetailsElement>('details.more')?.open ?? false,
      ),
    )
    .toBe(true);
  await pageKeepsRunning(world);
  await page.close();
});
