/**
 * What gets underlined on a page written to collide with the corpus's names: identity needs
 * evidence on the page, and only the article's text is read.
 */
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { expect, test } from '@playwright/test';
import { type ExtensionSession, launchWithExtension } from './browser';
import { ContentWorld } from './content-world';
import { type FixtureServer, FIXTURES_DIR, startFixtureServer } from './page-fixtures';

let session: ExtensionSession;
let server: FixtureServer;

test.beforeAll(async () => {
  session = await launchWithExtension();
  server = await startFixtureServer();
});
test.afterAll(async () => {
  await session?.context.close();
  await server?.close();
});

test('the collision page: only the real mentions in the article are underlined', async () => {
  const page = await session.context.newPage();
  const world = await ContentWorld.attach(page, session.extensionId);
  await page.goto(
    server.html('/collisions.html', readFileSync(resolve(FIXTURES_DIR, 'collisions.html'), 'utf8')),
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
  await page.close();
});
