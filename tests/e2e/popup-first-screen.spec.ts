/**
 * The popup's first screen at 400 x 600 (issue 10, "the reader's first minute"): this page's story
 * and what it disputes (or that your sources do not cover it), then the corpus's top differences,
 * names after; plain words; short "this page says | others say" rows that the list below does not
 * repeat; no evidence sentence twice; readable coverage headers; "Add this page" from the toolbar.
 */
import { mkdirSync } from 'node:fs';
import { resolve } from 'node:path';
import { expect, type Page, test } from '@playwright/test';
import { type ExtensionSession, launchWithExtension } from './browser';
import { openScannedTab, openSeedArticleTab } from './harness';
import { type FixtureServer, startFixtureServer } from './page-fixtures';

const FIRST_SCREEN = { width: 400, height: 600 };

let session: ExtensionSession;
let server: FixtureServer;
let tabId: number;

test.beforeAll(async () => {
  session = await launchWithExtension();
  server = await startFixtureServer();
  // Every popup records each "Loading…" text it ever shows (there should be none).
  await session.context.addInitScript(() => {
    if (!location.pathname.endsWith('/popup.html')) return;
    const w = window as unknown as { __loading: string[] };
    w.__loading = [];
    new MutationObserver(() => {
      const t = document.body?.innerText ?? '';
      if (/Loading…/.test(t)) w.__loading.push(t.slice(0, 200));
    }).observe(document, { subtree: true, childList: true, characterData: true });
  });
  ({ tabId } = await openSeedArticleTab(session));
});

test.afterAll(async () => {
  await session?.context.close();
  await server?.close();
});

async function openPopup(tab: number, scheme: 'light' | 'dark' = 'light'): Promise<Page> {
  const popup = await session.context.newPage();
  await popup.setViewportSize(FIRST_SCREEN);
  await popup.emulateMedia({ colorScheme: scheme });
  await popup.goto(`chrome-extension://${session.extensionId}/popup.html?tab=${tab}`);
  await expect(popup.getByTestId('count-sources')).toBeVisible();
  // Settled: the page's status is final and the list is there.
  await expect(popup.getByTestId('page-state')).not.toHaveText(/…$/);
  await expect(popup.locator('[aria-busy="true"]')).toHaveCount(0);
  return popup;
}

/** Whether the element is wholly inside the first screen (no scrolling). */
async function onFirstScreen(popup: Page, selector: string): Promise<boolean> {
  const box = await popup.locator(selector).first().boundingBox();
  return !!box && box.y >= 0 && box.y + box.height <= FIRST_SCREEN.height;
}

test('first screen: this page vs the others, then the top differences; names after', async () => {
  const popup = await openPopup(tabId);
  await expect(popup.getByTestId('page-state')).toContainText(
    'This page is one of your sources: Breitbart.',
  );
  const vs = popup.getByTestId('page-vs');
  await expect(vs).toBeVisible();
  expect(await onFirstScreen(popup, '[data-testid="page-vs"] thead')).toBe(true);
  expect(await onFirstScreen(popup, '[data-testid="page-vs"] tbody')).toBe(true);
  expect(await onFirstScreen(popup, '#disc-h')).toBe(true);
  expect(await onFirstScreen(popup, '.disc')).toBe(true);
  // The names on the page come after the differences, on one line until opened.
  const chips = popup.getByTestId('page-entities');
  const discBox = (await popup.locator('.discs').boundingBox())!;
  const chipsBox = (await chips.boundingBox())!;
  expect(chipsBox.y).toBeGreaterThan(discBox.y);
  const chipHeight = (await chips.locator('li').first().boundingBox())!.height;
  expect(chipsBox.height).toBeLessThanOrEqual(chipHeight + 2);
  await popup.getByRole('button', { name: /^all \d+$/ }).click();
  await expect
    .poll(async () => (await chips.boundingBox())!.height)
    .toBeGreaterThan(chipHeight * 2);

  // Short rows: "this page says | others say", with outlets; no nested parentheses.
  await expect(vs.locator('thead th')).toHaveText(['This page says', 'Others say']);
  const rows = await vs.locator('tbody').allInnerTexts();
  expect(rows.length).toBeGreaterThan(0);
  for (const r of rows) expect(r).not.toMatch(/\([^()]*\(/);
  await expect(vs).toContainText('a U.S. deportation flight');
  // Already a source: nothing to add.
  await expect(popup.getByRole('button', { name: 'Add this page as a source' })).toHaveCount(0);
  // The list below does not repeat what the rows show.
  const rowTopics = await vs.locator('.topic-row th').allInnerTexts();
  const listTopics = await popup.locator('.disc .topic').allInnerTexts();
  for (const t of rowTopics) expect(listTopics).not.toContain(t);

  // Plain words: no "claims", no bare severity levels, kinds named as a reader would.
  const text = (await popup.locator('main').textContent()) ?? '';
  expect(text).not.toMatch(/\bclaims?\b/i);
  expect(text).not.toMatch(/\bseverity\b|\b(HIGH|MEDIUM|LOW)\b/);
  expect(text).toContain('Where outlets differ');
  for (const kind of await popup.locator('.disc .kind').allInnerTexts())
    expect([
      'Numbers',
      'Dates and times',
      'What it is called',
      'How they describe someone',
      'Quote wording',
      'Who said it',
    ]).toContain(kind);
  // Never "Loading…"; nothing left busy.
  expect(
    await popup.evaluate(() => (window as unknown as { __loading: string[] }).__loading),
  ).toEqual([]);
  await popup.close();
});

test('every difference opened: no evidence sentence twice, no cut titles', async () => {
  const popup = await openPopup(tabId);
  const more = popup.getByRole('button', { name: /^Show all \d+$/ });
  if (await more.count()) await more.click();
  const items = popup.locator('.disc');
  const n = await items.count();
  expect(n).toBeGreaterThan(0);
  for (let i = 0; i < n; i++) {
    const item = items.nth(i);
    await item.locator('summary').click();
    // Its body is rendered once opened.
    await expect(item.locator('ul.claims')).toBeVisible();
    const claims = await item
      .locator('.claim')
      .evaluateAll((els) =>
        els.map(
          (el) =>
            `${el.querySelector('.claim-head strong')?.textContent}|${el.querySelector('.sentence')?.textContent}`,
        ),
      );
    expect(new Set(claims).size, claims.join('\n')).toBe(claims.length);
    for (const c of claims) expect(c.split('|')[0]).not.toMatch(/…$/);
  }
  // Plain words in the opened rows too: their reasons, number lines and outlets' heads (the
  // outlets' own sentences aside: those are quoted as written).
  const text = await popup.locator('main').evaluate((list) => {
    const copy = list.cloneNode(true) as Element;
    for (const quoted of copy.querySelectorAll('.sentence')) quoted.remove();
    return copy.textContent ?? '';
  });
  expect(text).not.toMatch(/\bclaims?\b/i);
  expect(text).not.toMatch(/\bseverity\b|\b(HIGH|MEDIUM|LOW)\b/);
  await popup.close();
});

test('coverage grid: short outlet names, the full name on hover', async () => {
  const popup = await openPopup(tabId);
  const heads = popup.locator('.grid thead th[title]');
  const count = await heads.count();
  expect(count).toBe(5);
  for (let i = 0; i < count; i++) {
    const th = heads.nth(i);
    const short = (await th.innerText()).trim();
    const full = (await th.getAttribute('title')) ?? '';
    expect(short.length).toBeLessThanOrEqual(9);
    expect(full.length).toBeGreaterThanOrEqual(short.length);
    expect(full).not.toMatch(/…$/);
  }
  await expect(heads.filter({ hasText: 'AP' })).toHaveAttribute('title', /^Associated Press: “/);
  // The seed that names no outlet: "Unknown outlet", with its article's title on hover.
  await expect(heads.filter({ hasText: 'Unknown' })).toHaveAttribute(
    'title',
    'Unknown outlet: “DHS Secretary Kristi Noem to visit Colombia amid tensions over mass deportations”',
  );
  await popup.close();
});

test('a page on another story: “your sources do not cover” it, the differences still first', async () => {
  const url = server.html(
    '/weather.html',
    `<!doctype html><html lang="en"><body><article><h1>Rain in the valley</h1>
      ${'<p>Heavy rain fell across the valley on Tuesday, and forecasters expect more of it over the weekend as a slow front moves in from the coast.</p>'.repeat(6)}
    </article></body></html>`,
  );
  const { page, tabId: id } = await openScannedTab(session, url);
  const popup = await openPopup(id);
  await expect(popup.getByTestId('page-state')).toContainText(
    'Your sources do not cover this page’s story.',
  );
  await expect(popup.getByTestId('page-vs')).toHaveCount(0);
  expect(await onFirstScreen(popup, '.disc')).toBe(true);
  await popup.close();
  await page.close();
});

test('screenshots of the first screen at 400 x 600, light and dark', async () => {
  mkdirSync('screenshots/e2e', { recursive: true });
  for (const scheme of ['light', 'dark'] as const) {
    const popup = await openPopup(tabId, scheme);
    await popup.screenshot({
      path: resolve('screenshots/e2e', `popup-first-screen-${scheme}.png`),
    });
    await popup.close();
  }
});

// Last: it adds a source to this browser's corpus.
test('“Add this page as a source” reads the tab, previews, saves', async () => {
  const url = server.html(
    '/other-outlet-story.html',
    `<!doctype html><html lang="en"><head><title>Noem in Bogotá</title></head><body><article><h1>Noem in Bogotá</h1>
      <p>Homeland Security Secretary Kristi Noem met Colombian President Gustavo Petro on Thursday morning in Bogotá, according to officials who spoke after the meeting.</p>
      <p>The two countries signed a memorandum of understanding on biometric data, officials from both governments said after the meeting in the Colombian capital.</p>
      <p>“We are committed to working hand in hand with our Colombian partners to improve border security,” Noem said at a news conference in Bogotá on Thursday.</p>
      <p>Petro had earlier refused two military planes carrying deported Colombians, which set off a short diplomatic crisis between the two governments in January.</p>
      <p>Foreign Minister Laura Sarabia said the human rights and dignity of migrants must be respected, and that Colombia would keep receiving deportation flights.</p>
    </article></body></html>`,
  );
  const { page, tabId: id } = await openScannedTab(session, url);
  const popup = await openPopup(id);
  await expect(popup.getByTestId('count-sources')).toHaveText('5 sources');
  await popup.getByRole('button', { name: 'Add this page as a source' }).click();
  const preview = popup.locator('.addpage');
  await expect(preview).toContainText('to compare with the other sources');
  expect(await preview.textContent()).not.toMatch(/\bclaims?\b/i);
  await popup.getByRole('button', { name: 'Save source' }).click();
  await expect(popup.getByRole('status')).toContainText('Added');
  expect(await popup.getByRole('status').textContent()).not.toMatch(/\bclaims?\b/i);
  await expect(popup.getByTestId('count-sources')).toHaveText('6 sources');
  // The page is now one of the sources, and the result stays in view.
  await expect(popup.getByTestId('page-state')).toContainText('This page is one of your sources');
  await expect(popup.getByRole('status')).toContainText('Added');
  await popup.close();
  await page.close();
});
