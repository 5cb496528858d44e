/**
 * What gets underlined on a page written to collide with the corpus's names: identity needs
 * evidence on the page, and only the article's text is read. Off the corpus's stories the card
 * says so; a name whose office on the page is not the one the corpus knows says it may be
 * someone else.
 */
import { mkdirSync, readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { expect, test } from '@playwright/test';
import { type Harness, openHarness } from './harness';
import { ContentWorld, type Underlined } from './content-world';
import { FIXTURES_DIR, pageWithSeed } from './page-fixtures';

let env: Harness;

test.beforeAll(async () => {
  env = await openHarness();
});
test.afterAll(() => env?.close());

const where = (m: Underlined) => `…${m.before}[${m.text}]${m.after}…`;

test('the collision page: only the real mentions in the article are underlined', async () => {
  const page = await env.session.context.newPage();
  const world = await ContentWorld.attach(page, env.session.extensionId);
  await page.goto(
    env.server.html(
      '/collisions.html',
      readFileSync(resolve(FIXTURES_DIR, 'collisions.html'), 'utf8'),
    ),
  );
  await world.waitForScan();
  const marks = await world.underlined();
  // Exactly the real mentions of the article's text, in reading order.
  expect(marks.map(where)).toEqual([
    expect.stringMatching(/\[Colombia\]'s coffee exports/),
    expect.stringMatching(/Judge \[Kristi Noem\] ruled/),
  ]);
  // None of the collisions: a misspelling the corpus links to a country ("Columbia"), a name
  // inside a longer name, a name as a common word, a first name alone, a surname alone with no
  // evidence that a person is meant ("Petro prices"), a name with another country's office
  // ("Spanish Prime Minister …", "Mexican Senator …"); none of the corpus names in the
  // navigation, the "most read" list or the footer.
  for (const m of marks) {
    expect(m.text).not.toMatch(
      /Columbia|Washington|Mexico|trump|Laura|Petro|Sánchez|Sarabia|United States/,
    );
  }
  // The page's story (weekend weather and courts) is not in the corpus: the card says so.
  await world.hover('Colombia');
  await world.waitForCard('Colombia');
  await expect
    .poll(async () => (await world.card())?.text ?? '')
    .toContain("Your sources do not cover this page's story");
  expect((await world.card())?.text).not.toContain('someone else');
  await page.keyboard.press('Escape');
  await world.waitForNoCard();
  // A judge of the same name as the corpus's secretary: underlined, and the card says plainly
  // that it may be someone else, with the page's words and the corpus's.
  await world.hover('Kristi Noem');
  await world.waitForCard('Kristi Noem');
  await expect.poll(async () => (await world.card())?.text ?? '').toContain('May be someone else.');
  const text = (await world.card())!.text;
  expect(text).toContain('This page says “Judge Kristi Noem”');
  expect(text).toMatch(/your sources know Kristi Noem as “[^”]*Secretary[^”]*”/);
  await page.close();
});

test('a page on the corpus story: its card does not say the story is not covered', async () => {
  const page = await env.session.context.newPage();
  const world = await ContentWorld.attach(page, env.session.extensionId);
  await page.goto(env.server.seeded('bbc-1', '004_c93d6edeff217837.txt'));
  await world.waitForScan();
  await world.hover('Gustavo Petro');
  await world.waitForCard('Gustavo Petro');
  await expect.poll(async () => (await world.card())?.text ?? '').toContain('Where outlets differ');
  expect((await world.card())?.text).not.toContain('do not cover');
  expect((await world.card())?.text).not.toContain('someone else');
  await page.close();
});

test('on the corpus story, the same name with another country is not underlined; a surname as a headline word is not a person', async () => {
  const seed = '002_34deb440939f8850.txt';
  const extra =
    '<h2>Petro prices climb as refiners cut output</h2>' +
    '<p>In Madrid, Spanish Prime Minister Pedro Sánchez told parliament that the budget would pass before the summer recess.</p>';
  const html = pageWithSeed('bbc-1', seed).replace(`<div data-seeded="${seed}">`, `$&${extra}`);
  if (!html.includes(extra))
    throw new Error('The seeded page has no container for the extra text.');
  const page = await env.session.context.newPage();
  const world = await ContentWorld.attach(page, env.session.extensionId);
  await page.goto(env.server.html('/seeded/identity.html', html));
  await world.waitForScan();
  // Colombia's defence minister, in the seed's own text, is underlined; Spain's prime minister
  // of the same name is not.
  const sanchez = (await world.underlined('Pedro Sánchez')).map(where);
  expect(sanchez).toEqual([expect.stringMatching(/new Defense Minister, \[Pedro Sánchez\]/)]);
  // "Petro" as the seed's surname is a person (the page names him in full and is on the story);
  // "Petro prices" in a headline is not.
  const petro = await world.underlined('Petro');
  expect(petro.length).toBeGreaterThan(0);
  expect(petro.map(where).filter((w) => w.includes('[Petro] prices'))).toEqual([]);
  await page.close();
});

test('screenshots: the card that says it may be someone else, on a real page, light and dark', async () => {
  // A real page (bbc-1) with a seed article, and one more paragraph: a judge who shares a name
  // with the corpus's secretary.
  const seed = '002_34deb440939f8850.txt';
  const extra =
    '<p>At the county courthouse, Judge Kristi Noem ruled that the card-game club could keep its licence, ending a dispute that had divided the neighbourhood for a year.</p>';
  const html = pageWithSeed('bbc-1', seed).replace(`<div data-seeded="${seed}">`, `$&${extra}`);
  mkdirSync('screenshots', { recursive: true });
  for (const scheme of ['light', 'dark'] as const) {
    const page = await env.session.context.newPage();
    await page.setViewportSize({ width: 1000, height: 760 });
    await page.emulateMedia({ colorScheme: scheme });
    const world = await ContentWorld.attach(page, env.session.extensionId);
    await page.goto(env.server.html(`/seeded/identity-${scheme}.html`, html));
    await world.waitForScan();
    // The judge's mention, counted as `hover` counts (rendered mentions only).
    const judge = (await world.underlined('Kristi Noem'))
      .filter((m) => m.y > 0)
      .findIndex((m) => m.before.endsWith('Judge '));
    expect(judge).toBeGreaterThanOrEqual(0);
    await world.hover('Kristi Noem', judge);
    await world.waitForCard('Kristi Noem');
    // Cramped by the note, the card may put its key sentences under "More": never cut mid-line.
    await expect
      .poll(async () => (await world.card())?.text ?? '')
      .toContain('May be someone else.');
    expect((await world.card())!.text).toContain('More sentences');
    const box = (await world.card())!.rect;
    const x = Math.max(0, box.x - 180);
    const y = Math.max(0, box.y - 70);
    const clip = {
      x,
      y,
      width: Math.min(1000 - x, box.width + 360),
      height: Math.min(760 - y, box.height + 90),
    };
    await page.screenshot({ path: resolve('screenshots', `card-identity-${scheme}.png`), clip });
    await page.close();
  }
});
