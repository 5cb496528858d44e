/**
 * The reader's corrections, end to end: on the options page's Entities section the reader says
 * a name is not a name and that two entities are one (found with the keyboard), and a news page
 * follows: the name is no longer underlined, the two names open the same card; the card's
 * "Correct…" opens the options page at its entity; Undo gives the underline back.
 */
import { mkdirSync } from 'node:fs';
import { expect, type Page, test } from '@playwright/test';
import { setSettings } from './browser';
import { ContentWorld } from './content-world';
import { type Harness, openHarness } from './harness';
import { openOptions, seedText } from './options-helpers';

let env: Harness;
test.beforeAll(async () => {
  env = await openHarness();
  mkdirSync('screenshots', { recursive: true });
});
test.afterAll(() => env?.close());

const SEED = '004_c93d6edeff217837.txt';
const HIDE = 'Laura Sarabia';
const [JOIN_A, JOIN_B] = ['Bogotá', 'Colombia'] as const;

async function openNews(): Promise<{ page: Page; world: ContentWorld }> {
  const page = await env.session.context.newPage();
  await page.setViewportSize({ width: 1280, height: 900 });
  const world = await ContentWorld.attach(page, env.session.extensionId);
  await page.goto(env.server.seeded('bbc-1', SEED), { waitUntil: 'load' });
  await world.waitForScan();
  return { page, world };
}

/** The entity ids underlined for `text` on the page's seed article. */
const idsOf = async (world: ContentWorld, text: string) => [
  ...new Set((await world.underlined(text)).filter((m) => m.seeded).map((m) => m.entityId)),
];

/** Finds an entity in a combobox with the keyboard and picks the option named `name`. */
async function pick(options: Page, testId: string, name: string, screenshot?: string) {
  const box = options.getByTestId(testId);
  await box.fill(name);
  const option = options.getByRole('option', { name: new RegExp(`^${name} \\w+$`) });
  await expect(option).toBeVisible();
  // Down the list to it, then Enter.
  for (let i = 0; i < 8; i++) {
    if ((await option.getAttribute('aria-selected')) === 'true') break;
    await box.press('ArrowDown');
  }
  await expect(option).toHaveAttribute('aria-selected', 'true');
  if (screenshot) await options.locator('#entities').screenshot({ path: screenshot });
  await box.press('Enter');
}

test('a reader hides a name and joins two entities; the page and the card follow', async () => {
  test.setTimeout(180_000);
  const news = await openNews();
  // Before: the name is underlined, and the two names are two entities.
  expect(await idsOf(news.world, HIDE)).toHaveLength(1);
  const [a] = await idsOf(news.world, JOIN_A);
  const [b] = await idsOf(news.world, JOIN_B);
  expect(a).toBeTruthy();
  expect(b).toBeTruthy();
  expect(a).not.toBe(b);

  const options = await openOptions(env.session);
  await options.setViewportSize({ width: 1100, height: 1000 });
  const section = options.locator('#entities');
  await section.scrollIntoViewIfNeeded();

  // "Not a name".
  await pick(options, 'entity-search', HIDE);
  await expect(options.getByTestId('entity-picked')).toContainText(HIDE);
  await section.getByRole('button', { name: 'Not a name' }).click();
  await expect(section.getByTestId('success')).toContainText(`“${HIDE}” is not a name`);
  // Focus goes to Undo (the buttons used went with the entity).
  await expect(section.getByTestId('undo-correction')).toBeFocused();

  // "Same as…", the other entity found with the keyboard.
  await pick(options, 'entity-search', JOIN_A);
  await section.getByRole('button', { name: 'Same as…' }).click();
  await expect(options.getByTestId('same-as-search')).toBeFocused();
  await pick(options, 'same-as-search', JOIN_B, 'screenshots/corrections-combobox.png');
  await expect(section.getByTestId('success')).toContainText(`is the same as “${JOIN_B}”`);
  const list = section.getByTestId('corrections');
  await expect(list.getByRole('listitem')).toHaveCount(2);
  await expect(list).not.toContainText('not applying');

  await section.scrollIntoViewIfNeeded();
  await options.screenshot({ path: 'screenshots/corrections-options-light.png', fullPage: false });
  await setSettings(env.session, { theme: 'dark' });
  await expect(options.locator('html')).toHaveAttribute('data-theme', 'dark');
  await options.screenshot({ path: 'screenshots/corrections-options-dark.png', fullPage: false });
  await setSettings(env.session, { theme: 'light' });

  // The page, loaded again: the name is gone, the two names are one entity.
  const after = await openNews();
  expect(await idsOf(after.world, HIDE)).toEqual([]);
  const [a2] = await idsOf(after.world, JOIN_A);
  expect(a2).toBeTruthy();
  expect(await idsOf(after.world, JOIN_B)).toEqual([a2]);

  // The card has "Correct…", which opens the options page at the entity (a real click).
  await expect
    .poll(
      async () => {
        await after.page.mouse.move(1, 1);
        await after.world.hover(JOIN_B);
        return (await after.world.card())?.entity ?? null;
      },
      { timeout: 15_000 },
    )
    .toBe(a2);
  await expect.poll(async () => (await after.world.card())?.text ?? '').toContain('Correct…');
  await after.page.screenshot({ path: 'screenshots/corrections-card.png' });
  const opened = env.session.context.waitForEvent('page');
  await after.world.clickInCard('button.link', 'Correct…');
  const atEntity = await opened;
  await expect(atEntity).toHaveURL(/options\.html#entity=/);
  await expect(atEntity.getByTestId('entity-picked')).toBeVisible();
  await expect(atEntity.getByTestId('entity-picked').getByRole('button').first()).toBeFocused();

  // Undo (Remove in the list): the name is underlined again.
  await list.getByRole('button', { name: `Remove: “${HIDE}” is not a name` }).click();
  await expect(list.getByRole('listitem')).toHaveCount(1);
  const undone = await openNews();
  expect(await idsOf(undone.world, HIDE)).toHaveLength(1);
});

test('a click the page synthesizes on "Correct…" opens nothing', async () => {
  const news = await openNews();
  await expect
    .poll(
      async () => {
        await news.page.mouse.move(1, 1);
        await news.world.hover(JOIN_A);
        return (await news.world.card())?.text ?? '';
      },
      { timeout: 15_000 },
    )
    .toContain('Correct…');
  const pages = env.session.context.pages().length;
  // What a page script can do: dispatch a click on the button (isTrusted false).
  await news.world.evaluate(() => {
    const root = (globalThis as import('./content-world').WorldGlobals).__crosscheck?.ui()?.root;
    const button = [...(root?.querySelectorAll<HTMLElement>('button.link') ?? [])].find((b) =>
      (b.textContent ?? '').includes('Correct'),
    );
    button?.dispatchEvent(new MouseEvent('click', { bubbles: true }));
  });
  // The card is still open and no tab came: a trusted click opens one (the test above).
  await expect.poll(async () => (await news.world.card())?.text ?? '').toContain('Correct…');
  expect(env.session.context.pages().length).toBe(pages);
});

test('a new source\'s preview: "Not a name" on a row, and the preview is made again without it', async () => {
  test.setTimeout(120_000);
  const INVENTED = 'Ruritania Widget Board';
  const options = await openOptions(env.session);
  await options.getByRole('tab', { name: 'Paste text or HTML' }).click();
  await options
    .locator('#paste-text')
    .fill(
      `${seedText('003_6d5c1410645c210a.txt')}\n\nThe ${INVENTED} met on Monday in the capital. The ${INVENTED} said it would publish its figures next week.`,
    );
  await options.getByLabel('Title').fill('A new source');
  await options.getByRole('button', { name: 'Preview', exact: true }).click();
  const preview = options.getByRole('region', { name: 'Preview of the source' });
  const found = preview.getByRole('list', { name: 'Names found' });
  const row = found.getByRole('listitem').filter({ hasText: INVENTED });
  await expect(row).toContainText(/new/i);
  await found.screenshot({ path: 'screenshots/corrections-preview.png' });
  await row.getByRole('button', { name: `${INVENTED} is not a name` }).click();
  await expect(preview.getByTestId('success')).toContainText(`“${INVENTED}” is not a name`);
  await expect(found).toBeVisible();
  await expect(found.getByRole('listitem').filter({ hasText: INVENTED })).toHaveCount(0);
  // Undo, and the preview has it again.
  await preview.getByTestId('undo-correction').click();
  await expect(
    options
      .getByRole('region', { name: 'Preview of the source' })
      .getByRole('list', { name: 'Names found' })
      .getByRole('listitem')
      .filter({ hasText: INVENTED }),
  ).toHaveCount(1);
});
