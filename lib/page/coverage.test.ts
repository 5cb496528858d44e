import { describe, expect, test } from 'vitest';
import type { PageStories } from '../protocol';
import { STORY_THRESHOLD } from '../stories';
import {
  coverageOf,
  keepOnPage,
  pageBag,
  pageStory,
  unknownNames,
  unknownNamesSteps,
} from './coverage';

// A made-up corpus as the dictionary carries it: each story's sources as entity bags.
const STORIES: PageStories = {
  'story-harbour': [
    {
      'port-lumen': 6,
      'dock-union': 4,
      'amara-okafor': 3,
      'harbour-board': 2,
      'cargo-line': 2,
      'transport-ministry': 1,
      'strike-committee': 2,
      freedonia: 1,
    },
    {
      'port-lumen': 3,
      'dock-union': 2,
      'harbour-board': 2,
      'amara-okafor': 1,
      'police-chief': 1,
      'ferry-company': 1,
      freedonia: 1,
    },
  ],
  'story-vote': [
    {
      freedonia: 3,
      'election-board': 4,
      'rex-tamar': 3,
      'vox-party': 2,
      'lia-moreau': 2,
      'capital-city': 1,
      'high-court': 1,
      'united-states': 1,
    },
    {
      freedonia: 2,
      'election-board': 2,
      'rex-tamar': 3,
      'vox-party': 1,
      'lia-moreau': 1,
      'observer-mission': 2,
    },
  ],
  'story-festival': [
    {
      'sylvania-city': 2,
      'lantern-festival': 3,
      'arts-council': 1,
      'mayor-office': 1,
      'old-bridge': 1,
      'river-guild': 1,
    },
  ],
};

describe('pageStory', () => {
  test.each([
    // [what, entities underlined on the page (with repeats), its story]
    [
      'the strike, by its own names',
      ['port-lumen', 'dock-union', 'dock-union', 'amara-okafor'],
      'story-harbour',
    ],
    ['the vote, by its own names', ['election-board', 'rex-tamar', 'freedonia'], 'story-vote'],
    ['a story of one source', ['lantern-festival', 'sylvania-city'], 'story-festival'],
    // The nearest source decides, not how many names each story shares with the page.
    [
      'a name of each story, the vote nearest',
      ['united-states', 'freedonia', 'police-chief', 'arts-council'],
      'story-vote',
    ],
    ['names the corpus has no bag for', ['mystery-guest', 'nowhere-town'], null],
    ['nothing underlined', [], null],
  ] as const)('%s -> %s', (_what, onPage, expected) => {
    const story = pageStory(pageBag(onPage), STORIES);
    expect(story.storyId).toBe(expected);
    expect(coverageOf(story)).toBe(expected === null ? 'not-covered' : 'covered');
  });

  test("the grouping's own threshold decides, not a count of names", () => {
    // Three names, one of each story: what decides is the cosine against the threshold.
    const bag = pageBag(['port-lumen', 'vox-party', 'lantern-festival']);
    const { similarity } = pageStory(bag, STORIES);
    expect(similarity).toBeGreaterThan(0);
    expect(pageStory(bag, STORIES, similarity).storyId).toBe('story-festival');
    expect(pageStory(bag, STORIES, similarity + 1e-9).storyId).toBeNull();
    expect(pageStory(bag, STORIES).storyId).toBe(
      similarity >= STORY_THRESHOLD ? 'story-festival' : null,
    );
  });

  test.each([
    ['no stories in the corpus', {}],
    ['a damaged bag (negative, not a number)', { 'story-x': [{ a: -1, b: Number.NaN }] }],
  ])('%s: on no story', (_what, stories) => {
    expect(pageStory(pageBag(['a', 'b']), stories)).toEqual({ storyId: null, similarity: 0 });
  });
});

describe('unknownNames', () => {
  test.each([
    // [text, surfaces the page matched, the names the corpus does not know]
    [
      'The mayor of Sylvania City met Dana Whitfield and Omar Castellane on Monday.',
      ['Sylvania City'],
      ['dana whitfield', 'omar castellane', 'monday'],
    ],
    // A word opening a sentence is no name unless a run of two; a matched name is not unknown.
    [
      'Officials said so. Rain fell on the U.S. capital. Dana Whitfield agreed.',
      ['U.S.'],
      ['dana whitfield'],
    ],
    // A run holding a matched surface is that name, with its first name or title.
    ['Reporters asked Minister Amara Okafor twice.', ['Okafor'], []],
    ['they met Lia Moreau, then Lia Moreau left', [], ['lia moreau', 'lia moreau']],
    ['no capitals at all here', [], []],
  ])('%s', (text, matched, expected) => {
    const names = unknownNames(text, matched);
    expect(
      [...names].flatMap(([term, n]) => Array<string>(n).fill(term.replace(/^page-name:/, ''))),
    ).toEqual(expected);
  });

  test('a long article is read in steps, with the same names as in one go', () => {
    const sentence = 'and then Dana Whitfield met Omar Castellane in Old Harbor; ';
    const text = sentence.repeat(400);
    const steps = unknownNamesSteps(text, ['Old Harbor']);
    let pauses = 0;
    let step = steps.next();
    while (!step.done) {
      pauses++;
      step = steps.next();
    }
    // 800 names read: paused at least every 256 of them.
    expect(pauses).toBeGreaterThanOrEqual(3);
    expect(step.value).toEqual(unknownNames(text, ['Old Harbor']));
    expect(step.value.get('page-name:dana whitfield')).toBe(400);
  });

  test("a page's unknown names weigh against the corpus's: one shared name in passing is no story", () => {
    const text =
      'Dana Whitfield, Omar Castellane and Ines Varga of Northwind Labs spoke in Old Harbor.';
    const alone = pageStory(pageBag(['united-states']), STORIES);
    const amongOthers = pageStory(
      pageBag(['united-states'], null, unknownNames(text, ['United States'])),
      STORIES,
    );
    expect(alone.storyId).toBe('story-vote');
    expect(amongOthers.storyId).toBeNull();
    expect(amongOthers.similarity).toBeLessThan(alone.similarity);
  });
});

describe('pageBag', () => {
  test.each([
    [['a', 'b', 'a'], null, { a: 2, b: 1 }],
    // Held back names stay counted at what they were; new names come in.
    [['a'], { a: 2, b: 1 }, { a: 2, b: 1 }],
    [['a', 'a', 'a', 'c'], { a: 2, b: 1 }, { a: 3, b: 1, c: 1 }],
  ] as const)('%j after %j -> %j', (onPage, previous, expected) => {
    const prev = previous ? new Map(Object.entries(previous)) : null;
    expect(Object.fromEntries(pageBag(onPage, prev))).toEqual(expected);
  });
});

// How many sources of the made-up corpus name each entity (and whether the reader added one).
const NAMING: Record<string, [number, boolean]> = {
  'amara-okafor': [5, false],
  freedonia: [5, false],
  'port-lumen': [3, false],
  'united-states': [4, false],
  'minor-official': [1, false],
  'one-off-town': [1, false],
  'readers-analyst': [1, true],
};
const naming = (id: string) => {
  const [sources, byReader] = NAMING[id] ?? [0, false];
  return { sources, byReader };
};

describe('keepOnPage', () => {
  test('on a covered page every name stays', () => {
    const keep = keepOnPage('covered', naming);
    expect(Object.keys(NAMING).filter(keep)).toEqual(Object.keys(NAMING));
  });
  test('off the corpus stories: names several sources talk about, or a source the reader added', () => {
    const keep = keepOnPage('not-covered', naming);
    expect(Object.keys(NAMING).filter(keep)).toEqual([
      'amara-okafor',
      'freedonia',
      'port-lumen',
      'united-states',
      'readers-analyst',
    ]);
  });
});
