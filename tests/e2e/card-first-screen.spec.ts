/**
 * The card's first screen (issue 10, "the reader's first minute"): without scrolling, the name
 * and type, one line of who or what it is, at most three "A says X; B says Y" differences, one or
 * two key sentences with their outlets; everything else behind "More", inside the card; the card
 * within 360 x 420 px on a desktop viewport, its first screen not cut by the scroll area. Read
 * from the content script's isolated world (the card is in a closed shadow root).
 */
import { mkdirSync } from 'node:fs';
import { resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { expect, test } from '@playwright/test';
import { type Harness, openHarness } from './harness';
import { ContentWorld, type WorldGlobals } from './content-world';
import { SEEDS_DIR } from './page-fixtures';
import { demoPages } from '../demo/pages';

let env: Harness;

test.beforeAll(async () => {
  env = await openHarness();
});
test.afterAll(() => env?.close());

interface FirstScreen {
  loaded: boolean;
  title: string;
  type: string;
  oneLine: string;
  disputes: string[];
  sentences: Array<{ text: string; outlet: string }>;
  outlets: string[];
  /** Hover titles of every "Unknown outlet" in the card. */
  unknownTitles: string[];
  rect: { width: number; height: number };
  /** The body's content fits: nothing to scroll to on the first screen. */
  overflow: number;
  /** First-screen blocks whose box is not wholly inside the body's visible box. */
  cut: string[];
  more: { tag: string; open: boolean; summary: string; focusable: boolean; text: string } | null;
}

/** What the open card shows, measured inside the shadow root. */
function firstScreen(): FirstScreen | null {
  const root = (globalThis as WorldGlobals).__crosscheck?.ui()?.root;
  const card = root?.querySelector<HTMLElement>('[role="dialog"]');
  if (!card) return null;
  const body = card.querySelector<HTMLElement>('.body')!;
  const box = body.getBoundingClientRect();
  const txt = (el: Element | null) => (el?.textContent ?? '').replace(/\s+/g, ' ').trim();
  const more = card.querySelector<HTMLDetailsElement>('details.more');
  const firstBlocks = [
    ...card.querySelectorAll<HTMLElement>(
      '.oneline, .disputes h3, .disputes li, .disputes > .link, .key h3, .key li, details.more > summary',
    ),
  ];
  const cut = firstBlocks
    .filter((el) => {
      const r = el.getBoundingClientRect();
      return r.top < box.top - 0.5 || r.bottom > box.bottom + 0.5;
    })
    .map((el) => txt(el).slice(0, 60));
  const r = card.getBoundingClientRect();
  return {
    loaded: !!more,
    title: txt(card.querySelector('h2')),
    type: txt(card.querySelector('.type')),
    oneLine: txt(card.querySelector('.oneline')),
    disputes: [...card.querySelectorAll('.disputes li')].map(txt),
    sentences: [...card.querySelectorAll('.key li')].map((li) => ({
      text: txt(li.querySelector('.text')),
      outlet: txt(li.querySelector('.outlet')),
    })),
    outlets: [...card.querySelectorAll('.outlet, .who')].map(txt),
    unknownTitles: [...card.querySelectorAll<HTMLElement>('.outlet, .who')]
      .filter((el) => txt(el) === 'Unknown outlet')
      .map((el) => el.title),
    rect: { width: r.width, height: r.height },
    overflow: body.scrollHeight - body.clientHeight,
    cut,
    more: more && {
      tag: more.tagName,
      open: more.open,
      summary: txt(more.querySelector('summary')),
      focusable: (more.querySelector('summary') as HTMLElement).tabIndex >= 0,
      text: txt(more),
    },
  };
}

const NAMES = [
  ['Gustavo Petro', 'Person'],
  ['Kristi Noem', 'Person'],
  ['Laura Sarabia', 'Person'],
  ['Colombia', 'Place'],
] as const;

test('first screen: name, type, one line, differences, key sentences; the rest under More', async () => {
  const page = await env.session.context.newPage();
  await page.setViewportSize({ width: 1280, height: 800 });
  const world = await ContentWorld.attach(page, env.session.extensionId);
  await page.goto(env.server.seeded('bbc-1', '000_d6dda6e572868f38.txt'));
  await world.waitForScan();
  for (const [name, type] of NAMES) {
    await world.hover(name);
    await world.waitForCard(name);
    await expect.poll(async () => (await world.evaluate(firstScreen))?.loaded).toBe(true);
    const s = (await world.evaluate(firstScreen))!;
    const where = `${name}: ${JSON.stringify(s, null, 1)}`;
    expect(s.title, where).toBe(name);
    expect(s.type, where).toBe(type);
    // Who or what it is, in one line (the curated description, else the commonest descriptor).
    expect(s.oneLine.length, where).toBeGreaterThan(5);
    // At most three differences, each "Outlet A says X; Outlet B says Y".
    expect(s.disputes.length, where).toBeLessThanOrEqual(3);
    // (Who gave a figure: "A credits X; B credits Y"; a quote's wording: "A quotes …".)
    for (const d of s.disputes)
      expect(d, where).toMatch(/ (says|credits|quotes) .+; .+ (says|credits|quotes) .+/);
    // One or two key sentences, each with its outlet.
    expect(s.sentences.length, where).toBeGreaterThanOrEqual(1);
    expect(s.sentences.length, where).toBeLessThanOrEqual(2);
    for (const k of s.sentences) {
      expect(k.text.length, where).toBeGreaterThan(20);
      expect(k.outlet.length, where).toBeGreaterThan(0);
    }
    // No source is named by a cut title; the unnamed seed is "Unknown outlet".
    for (const o of s.outlets) expect(o, where).not.toMatch(/…$/);
    for (const t of s.unknownTitles) expect(t, where).toMatch(/^Unknown outlet: “.+”$/);
    // A label inside a quote is its speaker's, never the outlet's framing.
    for (const d of s.disputes)
      if (/says socialist/i.test(d)) expect(d, where).toMatch(/quoted by [^;]+ says socialist/i);
    // Within 360 x 420 px; the first screen fits, nothing in it cut by the scroll area.
    expect(s.rect.width, where).toBeLessThanOrEqual(360);
    expect(s.rect.height, where).toBeLessThanOrEqual(420);
    expect(s.overflow, where).toBeLessThanOrEqual(1);
    expect(s.cut, where).toEqual([]);
    // The rest is behind "More", a real <details> the keyboard reaches, closed at first.
    expect(s.more, where).toMatchObject({
      tag: 'DETAILS',
      open: false,
      summary: 'More',
      focusable: true,
    });
    expect(s.more!.text, where).toContain('Mentions per source');
    expect(s.more!.text, where).toMatch(/Named \d+ times? in \d+ sources?/);
    await page.mouse.move(2, 2);
    await world.waitForNoCard();
  }
  await page.close();
});

/** Whether "More", the line under it and its first section's heading and item are in sight. */
function moreInSight(): boolean {
  const card = (globalThis as WorldGlobals).__crosscheck
    ?.ui()
    ?.root.querySelector<HTMLElement>('[role="dialog"]');
  const box = card?.querySelector('.body')?.getBoundingClientRect();
  const more = card?.querySelector('details.more');
  const first = [
    more?.querySelector(':scope > summary'),
    more?.querySelector(':scope > .counts'),
    more?.querySelector(':scope > section h3'),
    more?.querySelector(':scope > section li'),
  ];
  if (!box || first.some((el) => !el)) return false;
  return first.every((el) => {
    const r = el!.getBoundingClientRect();
    return r.top >= box.top - 0.5 && r.bottom <= box.bottom + 0.5;
  });
}

// A cramped card (its first screen stepped down, "More" mid-card) and a full one ("More" at the
// bottom edge of the body, what it opens wholly below it).
test.describe('“More” opens inside the card with a real click', () => {
  const cases = [
    { name: 'a seed article in a real page', word: 'Gustavo Petro', page: 'seeded' },
    { name: 'a demo page of a seed article', word: 'Petro', page: 'demo' },
  ] as const;
  for (const c of cases) {
    test(`${c.name}: what it opens comes into sight; the card keeps its size`, async () => {
      const page = await env.session.context.newPage();
      await page.setViewportSize({ width: 1280, height: 800 });
      const world = await ContentWorld.attach(page, env.session.extensionId);
      const demo = demoPages(pathToFileURL(`${SEEDS_DIR}/`))[0]!;
      await page.goto(
        c.page === 'seeded'
          ? env.server.seeded('bbc-1', '000_d6dda6e572868f38.txt')
          : env.server.html(demo.path, demo.html),
      );
      await world.waitForScan();
      const h = await world.hover(c.word);
      await world.waitForCard('Gustavo Petro');
      await expect.poll(async () => (await world.evaluate(firstScreen))?.loaded).toBe(true);
      // Onto the card (through the gap), then press More.
      const box = (await world.card())!.rect;
      await page.mouse.move(h.x, box.y + 10, { steps: 4 });
      await world.clickInCard('details.more > summary', 'More');
      await expect.poll(async () => (await world.evaluate(firstScreen))?.more?.open).toBe(true);
      // In a full card what it opens starts below the body's visible box: unless it is brought
      // up, the press seems to do nothing but flip the arrow.
      await expect.poll(() => world.evaluate(moreInSight)).toBe(true);
      const s = (await world.evaluate(firstScreen))!;
      expect(s.title).toBe('Gustavo Petro');
      expect(s.more!.text).toContain('How outlets describe it');
      // Now it scrolls inside the card: the line at the bottom edge fades instead of being sliced.
      expect(s.overflow).toBeGreaterThan(0);
      expect(
        await world.evaluate(
          () =>
            (globalThis as WorldGlobals).__crosscheck
              ?.ui()
              ?.root.querySelector<HTMLElement>('.body')?.dataset.scrolls,
        ),
      ).toBe('true');
      expect(s.rect.width).toBeLessThanOrEqual(360);
      expect(s.rect.height).toBeLessThanOrEqual(420);
      await page.close();
    });
  }
});

test('screenshots of the first screen, light and dark', async () => {
  mkdirSync('screenshots/e2e', { recursive: true });
  for (const scheme of ['light', 'dark'] as const) {
    const page = await env.session.context.newPage();
    await page.setViewportSize({ width: 1280, height: 800 });
    await page.emulateMedia({ colorScheme: scheme });
    const world = await ContentWorld.attach(page, env.session.extensionId);
    await page.goto(env.server.seeded('bbc-1', '000_d6dda6e572868f38.txt'));
    await world.waitForScan();
    await world.hover('Gustavo Petro');
    await world.waitForCard('Gustavo Petro');
    await expect.poll(async () => (await world.evaluate(firstScreen))?.loaded).toBe(true);
    await world.evaluate(() =>
      Promise.all(
        ((globalThis as WorldGlobals).__crosscheck?.ui()?.root.getAnimations() ?? []).map(
          (a) => a.finished,
        ),
      ).then(() => true),
    );
    const r = (await world.card())!.rect;
    const clip = {
      x: Math.max(0, r.x - 40),
      y: Math.max(0, r.y - 40),
      width: Math.min(1280 - Math.max(0, r.x - 40), r.width + 80),
      height: Math.min(800 - Math.max(0, r.y - 40), r.height + 80),
    };
    await page.screenshot({ path: resolve('screenshots/e2e', `card-${scheme}.png`), clip });
    await page.close();
  }
});
