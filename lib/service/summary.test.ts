import { readFileSync } from 'node:fs';
import { IDBKeyRange, indexedDB } from 'fake-indexeddb';
import { parseHTML } from 'linkedom';
import { beforeAll, describe, expect, test } from 'vitest';
import { nonEmpty } from '../../tests/unit/fixtures/non-empty';
import { CrosscheckDB, readCorpus } from '../db';
import { seedBundle } from '../../tests/unit/fixtures/seed-corpus';
import { loadSeedIndex } from './seed-index';
import {
  createSearchService,
  groupOthers,
  listDiscrepancies,
  pageContext,
  pageRow,
} from './summary';

const bundle = seedBundle({ withOverrides: true });
const db = new CrosscheckDB('summary-test', { indexedDB, IDBKeyRange });

beforeAll(async () => {
  await loadSeedIndex(db, bundle);
});

// An article that is not in the corpus, written from the seeds' story with other details.
const OTHER_PAGE = [
  'Homeland Security Secretary Kristi Noem met Colombian President Gustavo Petro on Thursday morning in Bogotá, according to officials.',
  'The two countries signed a memorandum of understanding on biometric data.',
  '“We are committed to working hand in hand with our Colombian partners to improve border security,” Noem said at a news conference.',
  'Petro had earlier refused two military planes carrying deported Colombians.',
].join('\n\n');

describe('pageContext', () => {
  test('a source page is matched by URL', async () => {
    const breitbart = bundle.corpus.sources.find((s) => s.outlet === 'Breitbart')!;
    const ctx = await pageContext(db, `${breitbart.url}?utm_source=x`);
    expect(ctx.sourceId).toBe(breitbart.id);
    expect(ctx.statements.length).toBeGreaterThan(0);
  });

  test('a page outside the corpus: its claims are compared in memory, nothing is saved', async () => {
    const before = await readCorpus(db);
    const ctx = await pageContext(db, 'https://news.example.org/story', OTHER_PAGE);
    expect(ctx.sourceId).toBeNull();
    expect(ctx.onStory).toBe(true);
    // Its story is the seeds' story, the one every listed discrepancy comes from.
    const stories = new Set((await listDiscrepancies(db, null)).map((d) => d.story?.id));
    expect([...stories]).toEqual([ctx.story?.id]);
    const when = ctx.statements.find((s) => s.here.some((h) => /morning/.test(h)));
    expect(when?.others.map((o) => o.span).join(' ')).toMatch(/evening|afternoon/);
    expect(await readCorpus(db)).toEqual(before);
  });

  test('a copy of a source under another address is that source', async () => {
    const newsmax = bundle.corpus.sources.find((s) => s.outlet === 'Newsmax')!;
    const copy = `Menu Home World\n\n${newsmax.text}\n\nShare this article`;
    const ctx = await pageContext(db, 'https://mirror.example.net/newsmax-copy', copy);
    expect(ctx.sourceId).toBe(newsmax.id);
    expect(ctx.onStory).toBe(true);
    for (const s of nonEmpty(ctx.statements, 'statements'))
      expect(s.others.flatMap((o) => o.outlets)).not.toContain('Newsmax');
  });

  test('a real page on another story is not compared, though it names a president and a country', async () => {
    // Without the story check, this page's "six-month" and "executive order" were set against
    // the corpus's "two months" and "letter of intent".
    const html = readFileSync(
      new URL('../../tests/fixtures/nytimes-1.html', import.meta.url),
      'utf8',
    );
    const { document } = parseHTML(html);
    for (const el of document.querySelectorAll('script, style, noscript')) el.remove();
    const text = document.body?.textContent ?? '';
    const ctx = await pageContext(db, 'https://www.nytimes.com/some-story', text);
    expect(ctx.statements).toEqual([]);
    expect(ctx.onStory).toBe(false);
  });

  test.each([
    ['no text', null],
    ['too little text to be an article', 'Menu Home World Politics Sign in'],
  ])('%s: nothing to say', async (_what, text) => {
    const ctx = await pageContext(db, 'https://news.example.org/other', text);
    expect(ctx).toEqual({
      sourceId: null,
      outlet: null,
      title: null,
      onStory: false,
      story: null,
      statements: [],
    });
  });
});

describe('search', () => {
  test('typo-tolerant, over the bundled Fuse index while the seeds are all there is', async () => {
    let asked = 0;
    const search = createSearchService(db, async () => {
      asked++;
      return bundle;
    });
    const found = await search('biometrc data');
    expect(asked).toBe(1);
    expect(found.passages.length).toBeGreaterThan(0);
    expect(found.passages[0]!.outlet).toBeTruthy();
  });

  test('falls back to the database when the bundle is of another version', async () => {
    const search = createSearchService(db, async () => ({ ...bundle, version: 'other' }));
    const found = await search('Sarabia');
    expect(found.entities.map((e) => e.name)).toContain('Laura Sarabia');
  });
});

test('groupOthers: one row per wording with all its outlets', () => {
  expect(
    groupOthers([
      { outlet: 'A', span: 'afternoon' },
      { outlet: 'B', span: 'Afternoon' },
      { outlet: 'A', span: 'afternoon' },
      { outlet: 'C', span: 'Thursday evening' },
    ]),
  ).toEqual([
    { span: 'afternoon', outlets: ['A', 'B'] },
    { span: 'Thursday evening', outlets: ['C'] },
  ]);
});

test('listDiscrepancies: each row names its story by its top entities', async () => {
  const rows = await listDiscrepancies(db, null);
  expect(rows.length).toBeGreaterThan(0);
  for (const d of rows) {
    expect(d.story?.sources).toBe(5);
    expect(d.story?.label.split(' · ').length).toBe(3);
  }
});

test('listDiscrepancies: no evidence sentence twice, no source named by a cut title', async () => {
  for (const d of nonEmpty(await listDiscrepancies(db, null), 'discrepancy rows')) {
    const keys = d.claims.map((c) => `${c.sourceId}|${c.sentence}`);
    expect(new Set(keys).size, d.topic).toBe(keys.length);
    for (const c of d.claims) expect(c.outlet, d.topic).not.toMatch(/…$/);
  }
});

test.each([
  [
    'quote: the words that differ',
    'quote' as const,
    'the human rights and dignity of migrants are actually respected',
    'the human rights and dignity of migrants are effectively respected',
    '… are actually respected',
    '… are effectively respected',
  ],
  [
    'time: as said',
    'time' as const,
    'Thursday evening',
    'afternoon',
    'Thursday evening',
    'afternoon',
  ],
])('pageRow %s', (_, kind, here, other, shortHere, shortOther) => {
  expect(pageRow(kind, [here], [{ outlet: 'B', span: other }])).toEqual({
    here: [shortHere],
    others: [{ span: shortOther, outlets: ['B'] }],
  });
});
