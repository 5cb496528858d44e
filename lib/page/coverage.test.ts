import { describe, expect, test } from 'vitest';
import { keepOnPage, pageCoverage } from './coverage';

// How many sources of a made-up corpus name each entity (and whether the reader added one).
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

describe('pageCoverage', () => {
  test.each([
    // [entities underlined on the page, coverage]
    [['amara-okafor', 'freedonia', 'port-lumen'], 'covered'],
    [['amara-okafor', 'freedonia', 'port-lumen', 'amara-okafor'], 'covered'],
    // Two shared names, however often: a page about something else that passes by.
    [['united-states', 'freedonia', 'united-states', 'freedonia'], 'not-covered'],
    // Names only one source knows do not make a story, even the reader's.
    [['amara-okafor', 'minor-official', 'one-off-town', 'readers-analyst'], 'not-covered'],
    [[], 'not-covered'],
  ] as const)('%j -> %s', (onPage, expected) => {
    expect(pageCoverage(onPage, naming)).toBe(expected);
  });
});

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
