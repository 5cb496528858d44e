import { describe, expect, test } from 'vitest';
import type { SourceSummary } from '@/lib/protocol';
import { builtInStory, listWords } from './built-in';

const source = (over: Partial<SourceSummary>): SourceSummary => ({
  id: 'seed-1',
  origin: 'seed',
  title: 'Parliament passes the budget',
  outlet: 'Ruritania Herald',
  url: 'https://herald.example/budget',
  published: null,
  language: 'en',
  enabled: true,
  addedAt: 0,
  chars: 1000,
  passages: 10,
  entities: 5,
  claims: 3,
  ...over,
});

describe('builtInStory', () => {
  test('only switched-on built-in sources; only web addresses are offered to open', () => {
    const story = builtInStory([
      source({ id: 'seed-1' }),
      source({ id: 'seed-2', outlet: 'Daily Courier', url: null }),
      source({ id: 'seed-3', outlet: 'Daily Courier', url: 'javascript:alert(1)' }),
      source({ id: 'seed-4', enabled: false, outlet: 'Evening Post' }),
      source({ id: 'seed-5', outlet: null, url: null }),
      source({ id: 'user-1', origin: 'user', outlet: 'My Paper' }),
    ]);
    expect(story.count).toBe(4);
    expect(story.outlets).toEqual(['Ruritania Herald', 'Daily Courier']);
    expect(story.unnamed).toBe(1);
    expect(story.articles).toEqual([
      {
        id: 'seed-1',
        title: 'Parliament passes the budget',
        outlet: 'Ruritania Herald',
        href: 'https://herald.example/budget',
      },
    ]);
  });

  test('a source without an outlet is named by its site, a missing title by its address', () => {
    const story = builtInStory([source({ outlet: null, title: null })]);
    expect(story.outlets).toEqual(['herald.example']);
    expect(story.unnamed).toBe(0);
    expect(story.articles[0]?.title).toBe('https://herald.example/budget');
  });

  test('no built-in sources: nothing to offer', () => {
    expect(builtInStory([source({ origin: 'user' })])).toEqual({
      count: 0,
      outlets: [],
      unnamed: 0,
      articles: [],
    });
  });
});

describe('listWords', () => {
  test.each([
    [[], ''],
    [['A'], 'A'],
    [['A', 'B'], 'A and B'],
    [['A', 'B', 'C'], 'A, B and C'],
  ])('%j reads "%s"', (words, text) => {
    expect(listWords(words)).toBe(text);
  });
});
