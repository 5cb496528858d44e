import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { expect, type Page, type Request, test } from '@playwright/test';
import { EXTENSION_DIR, type ExtensionSession, launchWithExtension } from './browser';
import {
  alteredSeedPage,
  dumpDb,
  expectError,
  FIXTURES,
  NEW_PERSON,
  openOptions,
  seedText,
} from './options-helpers';
import { type StaticServer, startServer } from './server';

let session: ExtensionSession;
let server: StaticServer;
let page: Page;

test.describe.configure({ mode: 'serial' });

test.beforeAll(async () => {
  session = await launchWithExtension();
  server = await startServer(FIXTURES);
  server.route('/news/altered.html', alteredSeedPage());
  server.route('/doc.pdf', Buffer.from('%PDF-1.4\n%âãÏÓ\n1 0 obj\n<<>>\nendobj\n'), {
    type: 'application/pdf',
  });
  server.route('/photo.png', Buffer.from([0x89, 0x50, 0x4e, 0x47]), { type: 'image/png' });
  server.route('/api.json', JSON.stringify({ article: 'no' }), { type: 'application/json' });
  server.route('/gone.html', 'Not here', { status: 404, type: 'text/html' });
  server.route('/broken.html', 'Oops', { status: 500, type: 'text/html' });
  server.route(
    '/big.html',
    `<html><body><article>${'<p>Padding text for a very large page. </p>'.repeat(140_000)}</article></body></html>`,
  );
  server.route(
    '/home.html',
    `<html><head><title>Front page</title></head><body><nav><a href="/a">World</a> <a href="/b">Sport</a> <a href="/c">Culture</a></nav><ul>${Array.from({ length: 12 }, (_, i) => `<li><a href="/s${i}">Headline number ${i}</a></li>`).join('')}</ul><form><input name="q"><button>Search</button></form></body></html>`,
  );
  // "Add by URL" reads public web pages only: the test's pages are served under a public-looking
  // address (answered here from the local server), and an unreachable host is refused here.
  await session.context.route(`${PUBLIC}/**`, async (route) => {
    const u = new URL(route.request().url());
    const response = await route.fetch({ url: `${server.origin}${u.pathname}${u.search}` });
    await route.fulfill({ response });
  });
  await session.context.route('https://unreachable.example.org/**', (route) =>
    route.abort('connectionrefused'),
  );
  // A hostile site: redirects a reader's "add by URL" into their own machine or network.
  await session.context.route('https://hostile.example.org/**', (route) => {
    const path = new URL(route.request().url()).pathname;
    const location =
      path === '/to-localhost'
        ? `${server.origin}/news/altered.html`
        : path === '/to-router'
          ? 'http://192.168.1.1/admin'
          : 'file:///etc/passwd';
    return route.fulfill({ status: 302, headers: { location } });
  });
  page = await openOptions(session);
});

const PUBLIC = 'https://news.example.org';

test.afterAll(async () => {
  await session?.context.close();
  await server?.close();
});

async function fetchUrl(url: string) {
  await page.getByRole('tab', { name: 'From a web address' }).click();
  await page.getByLabel('Article address').fill(url);
  await page.getByRole('button', { name: 'Fetch and preview' }).click();
}

async function pasteText(text: string, fields: { title?: string; published?: string } = {}) {
  await page.getByRole('tab', { name: 'Paste text or HTML' }).click();
  await page
    .getByLabel('Article text (or the page’s HTML)')
    .or(page.locator('#paste-text'))
    .fill(text);
  await page.getByLabel('Title').fill(fields.title ?? '');
  await page.getByLabel('Date').fill(fields.published ?? '');
  await page.getByRole('button', { name: 'Preview', exact: true }).click();
}

async function importFile(name: string, contents: string) {
  await page.getByLabel('Import a backup file').setInputFiles({
    name,
    mimeType: 'application/json',
    buffer: Buffer.from(contents),
  });
}

test('the page says where Crosscheck works, with the keys the manifest suggests', async () => {
  const manifest = JSON.parse(readFileSync(resolve(EXTENSION_DIR, 'manifest.json'), 'utf8')) as {
    commands: Record<string, { suggested_key: { default: string } }>;
  };
  const keys = Object.values(manifest.commands).map((c) => c.suggested_key.default);
  expect(keys).toHaveLength(2);
  const howTo = page.getByTestId('how-to');
  await expect(howTo).toContainText('hover an underlined name');
  for (const key of keys) await expect(howTo).toContainText(key);
});

test('every bad input shows a message naming the problem and changes nothing', async () => {
  const before = await dumpDb(page);
  const urlCases: Array<[string, RegExp]> = [
    ['http://exa mple.com/story', /not a valid web address/],
    ['javascript:alert(1)', /Only web pages \(http:\/\/ or https:\/\/\)/],
    ['file:///etc/passwd', /Only web pages/],
    ['data:text/html,<p>hi</p>', /Only web pages/],
    ['https://unreachable.example.org/story.html', /Could not reach unreachable\.example\.org/],
    ['http://127.0.0.1:8080/story.html', /points to your own computer/],
    ['http://192.168.0.10/intranet', /on a private network/],
    ['http://printer.local/status', /local network/],
    [
      'https://hostile.example.org/to-localhost',
      /redirected to another address.*your own computer/,
    ],
    ['https://hostile.example.org/to-router', /redirected to another address.*private network/],
    ['https://hostile.example.org/to-file', /redirected to|cannot follow/],
    [`${PUBLIC}/gone.html`, /HTTP 404/],
    [`${PUBLIC}/broken.html`, /HTTP 500/],
    [`${PUBLIC}/doc.pdf`, /a PDF document, not a web page/],
    [`${PUBLIC}/photo.png`, /an image, not a web page/],
    [`${PUBLIC}/api.json`, /JSON data, not a web page/],
    [`${PUBLIC}/home.html`, /No article was found/],
    [`${PUBLIC}/big.html`, /over 5\.0 MB are not read/],
  ];
  for (const [url, message] of urlCases) {
    await fetchUrl(url);
    await expectError(page, message);
    await expect(page.getByRole('button', { name: 'Save source' })).toHaveCount(0);
  }

  const seed = seedText('001_074ba2d5ecaae0ac.txt');
  const pasteCases: Array<[string, RegExp]> = [
    ['   ', /text is empty/],
    ['Officials met on Thursday. They talked.', /too short to be an article/],
    [`${seed}\n\n`.repeat(80), /limit is 300,000/],
    [seed, /same text is already in your sources/],
  ];
  for (const [text, message] of pasteCases) {
    await pasteText(text);
    await expectError(page, message);
  }
  await pasteText(seedText('003_6d5c1410645c210a.txt').replace(/Colombia/g, 'Peru'), {
    published: 'sometime in spring',
  });
  await expectError(page, /is not a date/);

  const backup = (extra: object) =>
    JSON.stringify({
      format: 'crosscheck-backup',
      version: 1,
      exportedAt: '2026-01-01T00:00:00Z',
      settings: {},
      sources: [],
      seedSources: [],
      ...extra,
    });
  const importCases: Array<[string, string, RegExp]> = [
    ['notes.json', 'this is { not json', /not JSON/],
    ['other.json', JSON.stringify({ name: 'my bookmarks', items: [] }), /not a Crosscheck backup/],
    ['newer.json', backup({ version: 7 }), /version 7, made by a newer Crosscheck/],
    [
      'bad-records.json',
      backup({
        sources: [
          {
            id: 'user-good',
            title: 'Fine',
            text: seedText('004_c93d6edeff217837.txt').replace(/Colombia/g, 'Peru'),
            enabled: true,
            addedAt: 1,
          },
          { id: 'user-tiny', title: 'Tiny one', text: 'Too short.', enabled: true, addedAt: 2 },
          {
            id: 'user-url',
            title: 'Bad link',
            url: 'javascript:alert(1)',
            text: seed,
            enabled: true,
            addedAt: 3,
          },
        ],
      }),
      /2 of 3 sources in the file are invalid[\s\S]*record 2 \(“Tiny one”\)[\s\S]*record 3/,
    ],
  ];
  for (const [name, contents, message] of importCases) {
    await importFile(name, contents);
    await expectError(page, message);
    await expect(page.getByRole('button', { name: 'Import', exact: true })).toHaveCount(0);
  }
  // A 50 MiB file is refused from its size, before it is read: the note's code says which
  // check refused it (the signal; no duration is asserted).
  const huge = join(mkdtempSync(join(tmpdir(), 'crosscheck-')), 'huge.json');
  writeFileSync(huge, Buffer.alloc(50 * 1024 * 1024, 0x20));
  await page.getByLabel('Import a backup file').setInputFiles(huge);
  await expect(page.locator('[data-testid="error"][data-code="too-large"]')).toBeVisible();
  await expect(page.getByRole('button', { name: 'Import', exact: true })).toHaveCount(0);
  expect(await dumpDb(page)).toBe(before);
});

test('add a page by URL: previewed, saved, listed; the same URL again is refused', async () => {
  const url = `${PUBLIC}/news/altered.html`;
  // Everything the browser asks for outside the extension's own files while the page is added.
  const asked: string[] = [];
  const record = (r: Request) => {
    if (!/^(chrome-extension|data|blob):/.test(r.url())) asked.push(r.url());
  };
  session.context.on('request', record);
  await fetchUrl(url);
  const preview = page.getByRole('region', { name: 'Preview of the source' });
  await expect(preview).toBeVisible();
  session.context.off('request', record);
  // Add by URL fetches that address and nothing else.
  expect(asked).toEqual([url]);
  await expect(preview).toContainText('BBC News');
  const found = preview.getByRole('list', { name: 'Names found' });
  await expect(found).toContainText(NEW_PERSON);
  // Each entity says whether it is new or linked to one your sources know (and why, on hover).
  await expect(found.getByRole('listitem').filter({ hasText: NEW_PERSON })).toContainText(/new/i);
  const petro = found.getByRole('listitem').filter({ hasText: 'Petro' }).first();
  await expect(petro).toContainText(/linked/i);
  await expect(petro).toHaveAttribute('title', /.+/);
  await page.setViewportSize({ width: 900, height: 1100 });
  for (const scheme of ['light', 'dark'] as const) {
    await page.emulateMedia({ colorScheme: scheme });
    await page.screenshot({ path: resolve(`screenshots/e2e/options-${scheme}.png`) });
  }
  await page.emulateMedia({ colorScheme: null });
  const before = await dumpDb(page);
  await page.getByRole('button', { name: 'Save source' }).click();
  await expect(page.getByTestId('success').first()).toContainText(/Added/);
  expect(await dumpDb(page)).not.toBe(before);
  const row = page.locator('li.source', { hasText: 'added by you' });
  await expect(row).toHaveCount(1);
  await expect(row).toContainText('BBC News');
  await expect(page.getByRole('heading', { name: /^Sources/ })).toHaveText(
    'Sources (6: 5 built-in, 1 added by you)',
  );

  const afterAdd = await dumpDb(page);
  await fetchUrl(`${url}?utm_source=newsletter#top`);
  await expectError(page, /already in your sources/);
  expect(await dumpDb(page)).toBe(afterAdd);
});

test('a preview in progress can be cancelled: nothing is added, and the form is ready again', async () => {
  const before = await dumpDb(page);
  // Near the size limit, so that indexing it takes long enough to be cancelled on any machine.
  const article = seedText('003_6d5c1410645c210a.txt');
  const long = Array.from({ length: Math.floor(150_000 / (article.length + 2)) }, (_, i) =>
    article.replace(/Colombia/g, ['Chile', 'Peru', 'Ecuador', 'Bolivia'][i % 4]!),
  ).join('\n\n');
  await page.getByRole('tab', { name: 'Paste text or HTML' }).click();
  await page.locator('#paste-text').fill(long);
  await page.getByLabel('Title').fill('To be cancelled');
  await page.getByRole('button', { name: 'Preview', exact: true }).click();
  // The form's Cancel (the preview, had it come already, has a Cancel of its own).
  await page.locator('#panel-paste').getByRole('button', { name: 'Cancel', exact: true }).click();
  await expect(page.getByTestId('success').filter({ hasText: 'Cancelled' })).toBeVisible();
  await expect(page.getByRole('button', { name: 'Preview', exact: true })).toBeEnabled();
  await expect(page.getByRole('region', { name: 'Preview of the source' })).toHaveCount(0);
  expect(await dumpDb(page)).toBe(before);
});

test('source text is shown as text, never as HTML', async () => {
  const evil = `${seedText('000_d6dda6e572868f38.txt').replace(/Colombia/g, 'Ecuador')}\n\n<script>window.__pwned = 1</script> <img src=x onerror="window.__pwned = 2"> <a href="javascript:alert(1)">click</a>`;
  await page.getByRole('tab', { name: 'Paste text or HTML' }).click();
  await page.locator('#paste-text').fill(evil);
  await page.getByLabel('Title').fill('<img src=x onerror="window.__pwned=3">');
  await page.getByRole('button', { name: 'Preview', exact: true }).click();
  const preview = page.getByRole('region', { name: 'Preview of the source' });
  await expect(preview).toBeVisible();
  await expect(preview.getByRole('heading', { level: 3 })).toHaveText(
    '<img src=x onerror="window.__pwned=3">',
  );
  // No outlet given and no address: named as the cards will name it, with what to do about it.
  await expect(preview.locator('dl.meta')).toContainText(
    'Unknown outlet (fill in Outlet above to name it)',
  );
  expect(await page.evaluate(() => (window as { __pwned?: number }).__pwned)).toBeUndefined();
  expect(await page.locator('.preview img, .preview script').count()).toBe(0);
  const hrefs = await page
    .locator('a[href]')
    .evaluateAll((as) => as.map((a) => a.getAttribute('href')));
  // Web addresses, or the link to Crosscheck's own welcome page: never a script.
  expect(hrefs.filter((h) => !/^(https?:|\/welcome\.html$)/.test(h ?? ''))).toEqual([]);
  await page.getByRole('button', { name: 'Cancel' }).click();
});

test('export -> reset -> import gives back the same database', async () => {
  const before = await dumpDb(page, { withMeta: false });
  const download = page.waitForEvent('download');
  await page.getByRole('button', { name: 'Export sources and settings' }).click();
  const file = readFileSync((await (await download).path())!, 'utf8');
  expect(JSON.parse(file)).toMatchObject({ format: 'crosscheck-backup', version: 1 });

  await page.getByRole('button', { name: /Reset to the built-in sources/ }).click();
  await page.getByRole('button', { name: 'Yes, reset' }).click();
  await expect(page.getByTestId('success').first()).toContainText(/Back to the 5 built-in/);
  await expect(page.locator('li.source', { hasText: 'added by you' })).toHaveCount(0);
  expect(await dumpDb(page, { withMeta: false })).not.toBe(before);

  await importFile('crosscheck-backup.json', file);
  const preview = page.getByLabel('Import preview');
  await expect(preview).toContainText('1 source to add');
  await page.getByRole('button', { name: 'Import', exact: true }).click();
  await expect(page.getByTestId('success').first()).toContainText(/Imported 1 source/);
  await expect(page.locator('li.source', { hasText: 'added by you' })).toHaveCount(1);
  expect(await dumpDb(page, { withMeta: false })).toBe(before);
});
