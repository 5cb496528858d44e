/** Story grouping: terms, similarity, components, order independence, and claims kept apart. */
import { describe, expect, test } from 'vitest';
import { nonEmpty } from '../../tests/unit/fixtures/non-empty';
import { buildCorpus, indexSource } from '../corpus/pipeline';
import { loadSeedSources } from '../node/seeds';
import { seedSources } from '../../tests/unit/fixtures/seed-corpus';
import { shuffled } from '../../tests/unit/fixtures/shuffle';
import { countLemmas } from '../claims/align';
import type { Corpus, Entity, Passage, RawSource } from '../types';
import { type StoryInput, sourceTerms } from './features';
import {
  components,
  createTermsMemo,
  groupStories,
  similarities,
  STORY_THRESHOLD,
  storyId,
} from './group';
import { storyInputs } from './inputs';
import { createStoryMemo, discrepanciesByStory } from './partition';
import { cosine, tfidfVectors } from './similarity';

const input = (sourceId: string, text: string, entityIds: string[] = []): StoryInput => ({
  sourceId,
  text,
  entityIds,
});

describe('sourceTerms', () => {
  test.each([
    [
      'keeps long content words, folded',
      'The Ruritanian parliament approved the budget after a long debate.',
      ['ruritanian', 'parliament', 'approved', 'budget', 'debate'],
    ],
    [
      'drops short words, figures and function words in every language',
      'Según el informe, 1.700 personas viven entre ambos ríos desde 2019.',
      ['informe', 'personas', 'viven', 'ambos'],
    ],
    [
      'drops the possessive',
      "The mayor's office opened the mayor's archive.",
      ['mayor', 'office', 'opened', 'archive'],
    ],
  ])('%s', (_what, text, expected) => {
    expect([...sourceTerms(input('a', text)).words.keys()].sort()).toEqual(expected.sort());
  });

  test('counts each entity mention', () => {
    expect(sourceTerms(input('a', '', ['x', 'y', 'x'])).entities).toEqual(
      new Map([
        ['x', 2],
        ['y', 1],
      ]),
    );
  });
});

describe('TF-IDF cosine', () => {
  test.each([
    ['identical bags', ['a', 'b'], ['a', 'b'], (s: number) => expect(s).toBeCloseTo(1, 9)],
    ['nothing shared', ['a', 'b'], ['c', 'd'], (s: number) => expect(s).toBe(0)],
    ['one shared term of two', ['a', 'b'], ['a', 'c'], (s: number) => expect(s).toBeGreaterThan(0)],
    ['an empty source', [], ['a'], (s: number) => expect(s).toBe(0)],
  ])('%s', (_what, a, b, check) => {
    const bag = (t: string[]) => new Map(t.map((x) => [x, 1]));
    const [va, vb] = tfidfVectors([bag(a), bag(b)]);
    check(cosine(va!, vb!));
  });

  test('a term every source shares counts less than a rare one', () => {
    const bag = (t: string[]) => new Map(t.map((x) => [x, 1]));
    const docs = [bag(['common', 'rare']), bag(['common', 'rare']), bag(['common', 'other'])];
    const [v] = tfidfVectors(docs);
    expect(v!.get('rare')!).toBeGreaterThan(v!.get('common')!);
  });
});

describe('components', () => {
  test.each([
    ['no links: every node alone', [], [[0], [1], [2]]],
    [
      'a chain is one component',
      [
        [0, 1],
        [1, 2],
      ],
      [[0, 1, 2]],
    ],
    [
      'two pairs',
      [
        [0, 2],
        [1, 3],
      ],
      [
        [0, 2],
        [1, 3],
      ],
    ],
  ] as Array<[string, Array<[number, number]>, number[][]]>)('%s', (_what, links, expected) => {
    const n = 1 + Math.max(2, ...expected.flat());
    const linked = (i: number, j: number) =>
      links.some(([a, b]) => (a === i && b === j) || (a === j && b === i)) ? 1 : 0;
    expect(components(n, linked, 0.5)).toEqual(expected);
  });
});

const ruritania = [
  'The Ruritanian parliament approved the budget after a long debate over pensions and taxes.',
  'Lawmakers in Ruritania passed the budget; the pensions reform split the parliament for weeks.',
  'El parlamento de Ruritania aprobó el presupuesto tras un largo debate sobre las pensiones.',
];
const flood =
  'Heavy rainfall flooded the valley; rescuers evacuated villages along the swollen river.';

describe('groupStories', () => {
  test('sources on one event form one story; an unrelated one starts its own', () => {
    const g = groupStories([
      input('a', ruritania[0]!, ['ruritania', 'parliament']),
      input('b', ruritania[1]!, ['ruritania', 'parliament']),
      input('c', ruritania[2]!, ['ruritania']),
      input('d', flood, ['valley']),
    ]);
    expect(g.stories.map((s) => s.sourceIds)).toEqual([['a', 'b', 'c'], ['d']]);
    expect(g.stories[0]!.topEntityIds[0]).toBe('ruritania');
    expect(g.storyOf.get('d')).toBe(storyId(['d']));
  });

  test('an empty corpus has no stories', () => {
    expect(groupStories([]).stories).toEqual([]);
  });
});

// Real articles: the seeds, the unrelated eval articles and two eval events, as one corpus.
const EVAL = new URL('../../tests/eval/coverage/', import.meta.url);
const prefixed = (dir: URL, prefix: string) =>
  loadSeedSources(dir).map((r) => ({ ...r, id: `${prefix}/${r.id}` }));
const seeds = seedSources().map((r) => ({ ...r, id: `seeds/${r.id}` }));
const unrelated = prefixed(new URL('unrelated/', EVAL), 'unrelated');
const quake = prefixed(new URL('morocco-al-haouz-earthquake-2023/', EVAL), 'quake');
const real: Corpus = buildCorpus([...seeds, ...unrelated, ...quake], null);
const realInputs = storyInputs(real.sources, real.mentions);

describe('on real articles', () => {
  const batch = groupStories(realInputs);

  test('the seeds are one story, the quake another, each unrelated article its own', () => {
    const groups = batch.stories.map((s) => s.sourceIds.map((id) => id.split('/')[0]));
    expect(groups).toEqual(
      expect.arrayContaining([Array(5).fill('seeds'), Array(quake.length).fill('quake')]),
    );
    expect(groups.filter((g) => g[0] === 'unrelated')).toEqual(Array(6).fill(['unrelated']));
  });

  test.each([1, 2, 3, 4, 5, 6, 7, 8])('any order gives the batch stories (order %i)', (seed) => {
    expect(groupStories(shuffled(realInputs, seed))).toEqual(batch);
  });

  test.each([1, 2, 3, 4])(
    'adding sources one at a time, in any order, ends at the batch stories (order %i)',
    (seed) => {
      const added: StoryInput[] = [];
      let g = groupStories(added);
      for (const x of nonEmpty(shuffled(realInputs, seed), 'story inputs')) {
        added.push(x);
        g = groupStories(added);
        expect(g.storyOf.has(x.sourceId)).toBe(true);
      }
      expect(g).toEqual(batch);
    },
  );

  test.each([1, 2])(
    'with a memo, an add remakes only the story it joins; the others are the same objects (%i)',
    (seed) => {
      const memo = createTermsMemo();
      const order = nonEmpty(shuffled(realInputs, seed), 'story inputs');
      const added = order.slice(0, order.length - 1);
      const before = groupStories(added, undefined, memo);
      const last = order.at(-1)!;
      const after = groupStories([...added, last], undefined, memo);
      expect(after).toEqual(batch);
      const joined = after.storyOf.get(last.sourceId);
      const kept = after.stories.filter((s) => before.stories.includes(s));
      // Every story but the one the new source is in, and none that holds it.
      expect(kept).toHaveLength(after.stories.length - 1);
      expect(kept.some((s) => s.id === joined)).toBe(false);
    },
  );

  test.each([1, 2, 3])('removing a source gives the batch stories of the rest (%i)', (seed) => {
    const order = shuffled(realInputs, seed);
    const rest = order.slice(1);
    expect(groupStories(rest)).toEqual(groupStories([...rest].reverse()));
    expect(groupStories(rest).storyOf.has(order[0]!.sourceId)).toBe(false);
  });

  test.each([STORY_THRESHOLD, 0.05, 0.3])(
    'comparing only candidate pairs gives the components of every pair (threshold %f)',
    (threshold) => {
      const { ids, sim } = similarities(realInputs);
      const every = components(ids.length, sim, threshold).map((m) => m.map((i) => ids[i]));
      const grouped = groupStories(realInputs, threshold).stories.map((s) => s.sourceIds);
      expect(grouped).toEqual(every);
      expect(every.length).toBeLessThan(ids.length);
    },
  );

  test('some pair of seed articles is above the threshold (the story is not held together by chance)', () => {
    const { ids, sim } = similarities(realInputs);
    const seedIdx = ids.flatMap((id, i) => (id.startsWith('seeds/') ? [i] : []));
    const linked = seedIdx.some((i) => seedIdx.some((j) => i < j && sim(i, j) >= STORY_THRESHOLD));
    expect(linked).toBe(true);
  });
});

describe('discrepancies stay within a story', () => {
  const seedCorpus = buildCorpus(seeds, null);
  const seedOnly = discrepanciesByStory(
    seedCorpus.sources,
    seedCorpus.passages,
    seedCorpus.entities,
    seedCorpus.mentions,
    seedCorpus.claims,
  ).discrepancies;

  const byId = (a: Entity, b: Entity) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);
  /** The seeds plus `extra`, indexed one at a time against them as the extension adds sources. */
  function withAdded(extra: readonly RawSource[]) {
    const known = new Map(seedCorpus.entities.map((e) => [e.id, e]));
    const rows = {
      sources: [...seedCorpus.sources],
      passages: [...seedCorpus.passages],
      mentions: [...seedCorpus.mentions],
      claims: [...seedCorpus.claims],
    };
    for (const r of extra) {
      const index = indexSource({ ...r, origin: 'user' }, [...known.values()].sort(byId), null, 1);
      for (const e of index.entities) known.set(e.id, e);
      rows.sources.push(index.source);
      rows.passages.push(...index.passages);
      rows.mentions.push(...index.mentions);
      rows.claims.push(...index.claims);
    }
    return discrepanciesByStory(
      rows.sources,
      rows.passages,
      [...known.values()],
      rows.mentions,
      rows.claims,
    );
  }

  test('the seeds have discrepancies to protect', () => {
    expect(seedOnly.filter((d) => !d.agreement).length).toBeGreaterThan(0);
  });

  test.each(unrelated.map((r) => [r.file, r] as const))(
    'adding %s changes nothing in the seed story',
    (_file, article) => {
      const after = withAdded([article]);
      const seedStory = after.grouping.storyOf.get(seeds[0]!.id);
      expect(after.grouping.storyOf.get(article.id)).not.toBe(seedStory);
      expect(after.discrepancies.filter((d) => d.storyId === seedStory)).toEqual(seedOnly);
    },
  );

  test('adding a whole other event (ten articles) changes nothing in the seed story', () => {
    const after = withAdded(quake);
    const seedStory = after.grouping.storyOf.get(seeds[0]!.id);
    expect(after.discrepancies.filter((d) => d.storyId === seedStory)).toEqual(seedOnly);
    const sourceOf = new Map(real.claims.map((c) => [c.id, c.sourceId]));
    for (const d of nonEmpty(real.discrepancies, 'discrepancies')) {
      const prefixes = new Set(d.claimIds.map((id) => sourceOf.get(id)!.split('/')[0]));
      expect(prefixes.size).toBe(1);
    }
  });
});

test('storyInputs: a damaged source row with no text groups as a source with no words', () => {
  const row = { ...real.sources[0]!, text: undefined as unknown as string };
  const [only] = storyInputs([row], []);
  expect(only).toEqual({ sourceId: row.id, text: '', entityIds: [] });
  expect(groupStories([only!]).stories).toHaveLength(1);
});

// The seed story's discrepancies through a story memo (or none), over the entities given.
const seedCorpus = buildCorpus(seedSources());
const seedDiscrepancies = (
  entities: readonly Entity[],
  memo?: ReturnType<typeof createStoryMemo>,
) =>
  discrepanciesByStory(
    seedCorpus.sources,
    seedCorpus.passages,
    entities,
    seedCorpus.mentions,
    seedCorpus.claims,
    memo,
  ).discrepancies;

describe('a story memo kept between builds', () => {
  // The seed story's discrepancies name people (speakers, subjects): renaming every entity
  // changes what the rules read while the story's sources, claims and passages stay the same.
  const corpus = seedCorpus;
  const run = seedDiscrepancies;
  const renamed = corpus.entities.map((e) => ({ ...e, name: `${e.name} Example` }));

  test('gives the build without it when the entities the rules read change', () => {
    const memo = createStoryMemo();
    const before = run(corpus.entities, memo);
    const after = run(renamed, memo);
    expect(after).toEqual(run(renamed));
    // The case is one where the findings change.
    expect(after).not.toEqual(before);
  });

  test('keeps findings when only entities the rules did not read change', () => {
    const memo = createStoryMemo();
    run(corpus.entities, memo);
    const unread = corpus.entities.map((e) => ({ ...e, descriptors: [] }));
    expect(run(unread, memo)).toEqual(run(unread));
  });
});

describe('a story memo checks the fields the rules read of each entity they looked up', () => {
  const corpus = seedCorpus;
  const run = seedDiscrepancies;
  const first = createStoryMemo();
  run(corpus.entities, first);
  const [storyOf, story] = [...first.found].find(([, f]) => f.found.length > 0)!;
  const asked = [...story.reads.entities].filter(([, a]) => a !== null);
  const reading = (field: 'type' | 'name' | 'short') =>
    asked.find(([, a]) => a![field] !== undefined)?.[0];

  // [what changes, the entity changed, the change, whether the findings may be kept]
  const cases: Array<[string, string | undefined, (e: Entity) => Entity, boolean]> = [
    [
      'a descriptor of an entity whose type was read',
      reading('type'),
      (e) => ({ ...e, descriptors: [...e.descriptors, { sourceId: 'elsewhere', text: 'envoy' }] }),
      true,
    ],
    [
      'a descriptor of an entity whose name was read',
      reading('name'),
      (e) => ({ ...e, descriptors: [...e.descriptors, { sourceId: 'elsewhere', text: 'envoy' }] }),
      true,
    ],
    [
      'an alias of several words of an entity whose type alone may be read',
      reading('type'),
      (e) => ({ ...e, aliases: [...e.aliases, `${e.name} Senior`] }),
      true,
    ],
    [
      'the name of an entity whose name was read',
      reading('name'),
      (e) => ({ ...e, name: `${e.name} Example` }),
      false,
    ],
    [
      'the type of an entity whose type was read',
      reading('type'),
      (e) => ({ ...e, type: e.type === 'person' ? 'place' : 'person' }),
      false,
    ],
    [
      'a one-word alias first, which its short name then reads',
      reading('short'),
      (e) => ({
        ...e,
        type: 'person',
        aliases: ['Zzyzx', ...e.aliases],
        name: `${e.name} Example`,
      }),
      false,
    ],
  ];

  test('the seed story looked entities up and read each field of some', () => {
    expect(asked.length).toBeGreaterThan(0);
    for (const field of ['type', 'name', 'short'] as const) expect(reading(field)).toBeDefined();
  });

  test.each(cases)(
    '%s: the findings are those of a build without the memo',
    (_what, id, change, mayKeep) => {
      const entities = corpus.entities.map((e) => (e.id === id ? change(e) : e));
      const memo = createStoryMemo();
      run(corpus.entities, memo);
      const before = memo.found.get(storyOf)!.found;
      const after = run(entities, memo);
      expect(after).toEqual(run(entities));
      const kept = memo.found.get(storyOf)!.found === before;
      if (mayKeep) {
        // Kept, unless a word of the new alias was asked of the name words.
        const asksNewWord = [...story.reads.nameWords.keys()].some((w) => w === 'senior');
        expect(kept).toBe(!asksNewWord);
      } else expect(kept).toBe(false);
    },
  );
});

test('a story memo that keeps lemma counts (here from 2 passages) gives the build without it, step after step', () => {
  const { sources, passages, entities, mentions, claims } = seedCorpus;
  // A fixed pseudo-random walk: sources switched off and on (the story splits and joins),
  // passages left out, a passage's text changed under its id.
  let seed = 7;
  const next = () => (seed = (seed * 1103515245 + 12345) % 2147483648) / 2147483648;
  const memo = createStoryMemo(2);
  let counted = 0;
  for (let step = 0; step < 12; step++) {
    const live = sources.map((s) => (next() < 0.25 ? { ...s, enabled: false } : s));
    const kept = passages
      .filter(() => next() > 0.05)
      .map((p) => (next() < 0.05 ? { ...p, text: `${p.text} Officials added more details.` } : p));
    const run = (m?: ReturnType<typeof createStoryMemo>) =>
      discrepanciesByStory(live, kept, entities, mentions, claims, m).discrepancies;
    expect(run(memo)).toEqual(run());
    // Counts kept and brought up to date equal those counted afresh.
    for (const f of memo.found.values()) {
      if (!f.counts) continue;
      counted++;
      expect(f.counts.df).toEqual(countLemmas(f.read[2] as readonly Passage[]).df);
    }
  }
  // The kept counts were in use.
  expect(counted).toBeGreaterThan(5);
});
