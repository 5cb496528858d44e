/** The background's stories: names, the story of a page, and the card's order by the page's story. */
import { IDBKeyRange, indexedDB } from 'fake-indexeddb';
import { beforeAll, describe, expect, test } from 'vitest';
import { nonEmpty } from '../../tests/unit/fixtures/non-empty';
import { CrosscheckDB } from '../db';
import type { SourceDraft } from '../protocol';
import { loadSeedSources } from '../node/seeds';
import { seedBundle } from '../../tests/unit/fixtures/seed-corpus';
import { groupStories, storyId, storyInputs } from '../stories';
import type { Claim, Discrepancy, Entity, Mention, RawSource, Source } from '../types';
import { buildCard } from './card';
import { listDiscrepancies } from './discrepancy-list';
import { loadSeedIndex } from './seed-index';
import { createSourceHandlers } from './sources';
import { corpusStories, pageStoriesOf, sameUrl, storyOfPage, storyOfUrl } from './stories';
import { pageBag, pageStory } from '../page/coverage';

const db = new CrosscheckDB('stories-service-test', { indexedDB, IDBKeyRange });

// Two invented stories that share one place: a budget vote and a flood, both in Ruritania.
const TEXTS: Record<string, string> = {
  a1: 'Ruritania parliament approved the budget after a long debate over pensions; the finance minister defended the pensions reform.',
  a2: 'The Ruritania parliament passed the budget and its pensions reform, the finance minister said after the debate.',
  b1: 'Floods swept the Ruritania valley after torrential rainfall; rescuers evacuated villages along the swollen river.',
  b2: 'Torrential rainfall flooded villages in the Ruritania valley and rescuers evacuated families as the river rose.',
};
const ENTITIES: Record<string, string[]> = {
  a1: ['ruritania', 'parliament', 'parliament', 'finance-ministry', 'pension-fund', 'senate'],
  a2: ['ruritania', 'parliament', 'finance-ministry', 'pension-fund', 'senate'],
  b1: ['ruritania', 'valley', 'valley', 'red-cross', 'river-authority', 'civil-guard'],
  b2: ['ruritania', 'valley', 'red-cross', 'river-authority', 'civil-guard'],
};
const A = storyId(['a1', 'a2']);
const B = storyId(['b1', 'b2']);

const source = (id: string): Source => ({
  id,
  file: null,
  outlet: `Outlet ${id}`,
  title: null,
  url: `https://news.example.org/${id}`,
  published: null,
  language: 'en',
  origin: 'user',
  enabled: true,
  addedAt: 1,
  contentHash: id,
  text: TEXTS[id]!,
});
const entity = (id: string, name: string): Entity => ({
  id,
  name,
  type: 'place',
  aliases: [],
  descriptors: [],
  description: null,
  origin: 'user',
});
const claim = (id: string, sourceId: string, value: string): Claim => ({
  id,
  sourceId,
  passageId: `${sourceId}:0`,
  origin: 'user',
  kind: 'quantity',
  slot: 'x',
  value,
  unit: null,
  span: value,
  start: 0,
  end: value.length,
  entityIds: ['ruritania'],
  detail: {},
});
const disc = (id: string, story: string, severity: Discrepancy['severity'], claimIds: string[]) =>
  ({
    id,
    kind: 'quantity',
    topic: `topic ${id}`,
    severity,
    reason: 'differ',
    claimIds,
    entityIds: ['ruritania'],
    agreement: false,
    storyId: story,
  }) satisfies Discrepancy;

beforeAll(async () => {
  await db.sources.bulkPut(Object.keys(TEXTS).map(source));
  await db.entities.bulkPut([
    entity('ruritania', 'Ruritania'),
    entity('parliament', 'Parliament'),
    entity('valley', 'Ruritania Valley'),
    ...[
      'finance-ministry',
      'pension-fund',
      'senate',
      'red-cross',
      'river-authority',
      'civil-guard',
    ].map((id) => entity(id, id.replace('-', ' '))),
  ]);
  const mentions: Mention[] = Object.entries(ENTITIES).flatMap(([s, ids]) =>
    ids.map((e, i) => ({
      id: `${s}-${i}`,
      entityId: e,
      sourceId: s,
      passageId: `${s}:0`,
      origin: 'user' as const,
      start: 0,
      end: 1,
      surface: e,
    })),
  );
  await db.mentions.bulkPut(mentions);
  await db.passages.bulkPut(
    Object.keys(TEXTS).map((s) => ({
      id: `${s}:0`,
      sourceId: s,
      origin: 'user' as const,
      block: 0,
      kind: 'paragraph' as const,
      start: 0,
      end: TEXTS[s]!.length,
      text: TEXTS[s]!,
    })),
  );
  await db.claims.bulkPut([
    claim('ca1', 'a1', '12'),
    claim('ca2', 'a2', '15'),
    claim('cb1', 'b1', '40'),
    claim('cb2', 'b2', '90'),
  ]);
  await db.discrepancies.bulkPut([
    disc('d-budget', A, 'low', ['ca1', 'ca2']),
    disc('d-flood', B, 'high', ['cb1', 'cb2']),
  ]);
});

describe('corpusStories', () => {
  test('two stories, each named by its top entities', async () => {
    const { grouping, refs } = await corpusStories(db);
    expect(grouping.stories.map((s) => s.id).sort()).toEqual([A, B].sort());
    expect(refs.get(A)?.label).toBe('Parliament · finance ministry · pension fund');
    expect(refs.get(B)?.label).toBe('Ruritania Valley · civil guard · red cross');
  });
});

describe('the story of a page', () => {
  test.each([
    [
      'a page on the budget',
      'The finance minister said the pensions reform passed with the budget in the Ruritania parliament.',
      ['ruritania', 'parliament'],
      A,
    ],
    [
      'a page on the flood',
      'Rescuers evacuated more villages in the Ruritania valley as rainfall kept the river high.',
      ['ruritania', 'valley'],
      B,
    ],
    [
      'a page on something else',
      'The orchestra opened its season with a symphony and two concertos by young composers.',
      [],
      null,
    ],
  ])('%s', async (_what, text, entityIds, expected) => {
    const stories = await corpusStories(db);
    const mentions = entityIds.map((e) => ({ entityId: e }) as Mention);
    expect(storyOfPage(stories, { id: 'page:current', text }, mentions)).toBe(expected);
  });

  // The content script judges by entities alone, from the dictionary's bags: with no words to
  // compare, it must agree with the background's own judgment exactly.
  test.each([
    [['ruritania', 'parliament'], A],
    [['ruritania', 'valley', 'valley', 'red-cross'], B],
    [['senate', 'parliament', 'civil-guard'], A],
    [['river-authority'], B],
    // The place both stories share, among names neither knows: passing by, on no story.
    [['ruritania', 'orchestra', 'symphony-hall', 'choir', 'opera-house'], null],
    [['orchestra', 'symphony-hall'], null],
    [[], null],
  ])('the page judges %j as the background does', async (entityIds, expected) => {
    const stories = await corpusStories(db);
    const mentions = entityIds.map((e) => ({ entityId: e }) as Mention);
    const background = storyOfPage(stories, { id: 'page:current', text: '' }, mentions);
    expect(background).toBe(expected);
    expect(pageStory(pageBag(entityIds), pageStoriesOf(stories)).storyId).toBe(background);
  });

  test.each([
    ['https://www.news.example.org/a2/', A],
    ['https://news.example.org/b1?ref=x', B],
    ['https://elsewhere.example.com/a2', null],
  ])('storyOfUrl(%s)', async (url, expected) => {
    expect(await storyOfUrl(db, url)).toBe(expected);
  });

  test('sameUrl is normalizeUrl equality: www, a final slash, the fragment and tracking ignored', () => {
    expect(sameUrl('https://www.x.org/a/', 'http://x.org/a?utm_source=feed#top')).toBe(true);
    expect(sameUrl('https://x.org/a', 'https://x.org/b')).toBe(false);
    expect(sameUrl('https://x.org/a?page=2', 'https://x.org/a')).toBe(false);
  });
});

describe("the card: the page's story first", () => {
  test.each([
    [
      'on a budget page, the budget difference leads (though the flood one is more severe)',
      'https://news.example.org/a1',
      'topic d-budget',
    ],
    ['on a flood page, the flood difference leads', 'https://news.example.org/b2', 'topic d-flood'],
    ['on no source page, the most severe leads', null, 'topic d-flood'],
  ])('%s', async (_what, url, first) => {
    const card = (await buildCard(db, 'ruritania', url))!;
    expect(card.disputes.map((d) => d.topic)).toHaveLength(2);
    expect(card.disputes[0]!.topic).toBe(first);
  });

  test.each([
    [
      'a page the content script put on the budget story',
      'https://other.example.com/x',
      A,
      'topic d-budget',
    ],
    ['a page on the flood story', 'https://other.example.com/y', B, 'topic d-flood'],
    ['an unknown story id changes nothing', null, 'story-unknown', 'topic d-flood'],
    // The page's own address wins over the hint: it is a source, its story is known.
    ['a source page whatever the hint', 'https://news.example.org/a1', B, 'topic d-budget'],
  ])('%s', async (_what, url, story, first) => {
    const card = (await buildCard(db, 'ruritania', url, story))!;
    expect(card.disputes.map((d) => d.topic)).toHaveLength(2);
    expect(card.disputes[0]!.topic).toBe(first);
  });
});

describe('through the service: adding and removing sources on other stories', () => {
  const EVAL = new URL('../../tests/eval/coverage/', import.meta.url);
  const bundle = seedBundle({ withOverrides: false });
  const sdb = new CrosscheckDB('stories-service-add', { indexedDB, IDBKeyRange });
  const handlers = createSourceHandlers({
    db: sdb,
    ready: async () => undefined,
    seedBundle: async () => bundle,
    now: () => 1_700_000_000_000,
  });
  const draft = (r: RawSource, i: number): SourceDraft => ({
    text: r.text,
    title: r.title,
    outlet: r.outlet,
    url: r.url ?? `https://eval.example.org/${i}`,
    published: r.published,
    language: r.language,
    via: 'paste',
  });
  const seedStory = async () => {
    const rows = await sdb.discrepancies.toArray();
    const story = (await corpusStories(sdb)).grouping.storyOf.get(bundle.corpus.sources[0]!.id);
    return rows
      .filter((d) => d.storyId === story)
      .map(({ id, kind, topic, severity, reason, agreement, claimIds }) => ({
        id,
        kind,
        topic,
        severity,
        reason,
        agreement,
        claimIds,
      }))
      .sort((a, b) => a.id.localeCompare(b.id));
  };
  const others = [
    ...loadSeedSources(new URL('unrelated/', EVAL)),
    ...loadSeedSources(new URL('morocco-al-haouz-earthquake-2023/', EVAL)).slice(0, 3),
  ];

  test(
    'the seed story keeps exactly its discrepancies; the new story gets its own',
    { timeout: 300_000 },
    async () => {
      await loadSeedIndex(sdb, bundle);
      const before = await seedStory();
      expect(before.filter((d) => !d.agreement).length).toBeGreaterThan(0);
      const added: string[] = [];
      for (const [i, r] of others.entries()) {
        added.push((await handlers.addSource({ draft: draft(r, i) })).id);
        expect(await seedStory(), r.file ?? '').toEqual(before);
        // The stories read after the change (the change's own grouping, kept in the build's
        // memo) are those of a grouping computed afresh from the rows.
        const read = await corpusStories(sdb);
        const mentions = await sdb.mentions.toArray();
        const fresh = groupStories(
          storyInputs(
            [...read.sources.values()],
            mentions.filter((m) => read.sources.has(m.sourceId)),
          ),
        );
        expect(read.grouping).toEqual(fresh);
      }
      const { grouping } = await corpusStories(sdb);
      // The seeds, one story per unrelated article, and the three earthquake articles together.
      expect(grouping.stories.map((s) => s.sourceIds.length).sort()).toEqual([
        1, 1, 1, 1, 1, 1, 3, 5,
      ]);
      const rows = await listDiscrepancies(sdb, null);
      for (const d of nonEmpty(rows, 'discrepancy rows')) {
        const story = grouping.stories.find((s) => s.id === d.story?.id)!;
        for (const c of d.claims) expect(story.sourceIds).toContain(c.sourceId);
      }
      for (const id of added) await handlers.removeSource({ id });
      expect(await seedStory()).toEqual(before);
    },
  );
});
