/**
 * What gets underlined on a page written to collide with the corpus's names: identity needs
 * evidence on the page, and only the article's text is read. Off the corpus's stories the card
 * says so.
 */
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { expect, test } from '@playwright/test';
import { type Harness, openHarness } from './harness';
import { ContentWorld } from './content-world';
import { FIXTURES_DIR } from './page-fixtures';

let env: Harness;

test.beforeAll(async () => {
  env = await openHarness();
});
test.afterAll(() => env?.close());

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
  const where = (m: { before: string; text: string; after: string }) =>
    `…${m.before}[${m.text}]${m.after}…`;
  // Exactly the two real mentions of the article's text, in reading order.
  expect(marks.map(where)).toEqual([
    expect.stringMatching(/\[Colombia\]'s coffee exports/),
    expect.stringMatching(/released in \[Bogotá\] on Friday/),
  ]);
  // None of the collisions: a misspelling the corpus links to a country ("Columbia"), a name
  // inside a longer name, a name as a common word, a first name alone; none of the corpus
  // names in the navigation, the "most read" list or the footer.
  for (const m of marks) {
    expect(m.text).not.toMatch(/Columbia|Washington|Mexico|trump|Laura|Petro|Noem|United States/);
  }
  // The page's story (weekend weather and courts) is not in the corpus: the card says so.
  await world.hover('Colombia');
  await world.waitForCard('Colombia');
  await expect
    .poll(async () => (await world.card())?.text ?? '')
    .toContain("Your sources do not cover this page's story");
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
  await page.close();
});
