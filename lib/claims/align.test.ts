import { describe, expect, test } from 'vitest';
import type { Passage } from '../types';
import { buildIdf, countLemmas, idfOf, sharedCognateWeight, sharedWeight } from './align';
import { contentLemmas } from './text';
import { sameThingAs } from '../lang/claim-words';

// Invented sentences in two languages about one fact, and one about another.
const idf = new Map<string, number>();
const ctx = (s: string) => contentLemmas(s);

describe('sharedCognateWeight', () => {
  test.each([
    ['The village lies 40 km from the frontier', 'Le village est à 40 km de la frontière', true],
    [
      'La ciudad queda a 30 km del aeropuerto regional',
      'A cidade fica a 30 km do aeroporto regional',
      true,
    ],
    ['The storm flooded the valley roads', 'La tormenta cortó la electricidad del barrio', false],
  ])('%s | %s -> shares a cognate: %s', (a, b, shares) => {
    const plain = sharedWeight(ctx(a), ctx(b), idf);
    const cognate = sharedCognateWeight(ctx(a), ctx(b), idf);
    expect(cognate >= plain).toBe(true);
    expect(cognate > plain).toBe(shares);
  });
});

describe('measure units compare across languages', () => {
  test.each([
    ['km', 'kilometre'],
    ['kilómetros', 'kilometre'],
    ['quilômetros', 'kilometre'],
    ['kilomètres', 'kilometre'],
    ['metros', 'metre'],
    ['miles', 'mile'],
  ])('%s -> %s', (word, unit) => {
    expect(sameThingAs(word)).toBe(unit);
  });
});

describe('lemma counts kept and counted again by difference', () => {
  const passage = (id: string, text: string): Passage =>
    ({ id, sourceId: id.split('#')[0]!, text, start: 0, end: text.length }) as Passage;
  const base = [
    passage('a#1', 'The storm flooded the valley roads overnight.'),
    passage('a#2', 'Rescuers reached the valley villages by boat.'),
    passage('b#1', 'Flood water cut the roads to three villages.'),
    passage('b#2', 'The regional council opened two shelters.'),
    passage('c#1', 'Boats carried families from the flooded villages.'),
  ];
  const sorted = (m: Map<string, number>) => [...m].sort(([a], [b]) => (a < b ? -1 : 1));
  test.each<[string, Passage[]]>([
    ['the same passages', base],
    ['the same passages, other objects', base.map((p) => ({ ...p }))],
    ['one passage added', [...base, passage('d#1', 'The storm moved north to the coast.')]],
    ['one passage removed', base.slice(1)],
    ['one passage changed its text', base.map((p, i) => (i === 2 ? { ...p, text: 'Calm.' } : p))],
    ['a passage whose id is there twice', [...base, base[0]!]],
    ['no passage in common', [passage('z#1', 'Nothing shared here.')]],
    ['none', []],
  ])('%s: the counts and idf of a fresh count', (_what, now) => {
    const was = countLemmas(base);
    const fresh = countLemmas(now);
    const again = countLemmas(now, was);
    expect(sorted(again.df)).toEqual(sorted(fresh.df));
    expect(again.n).toBe(now.length);
    expect(sorted(idfOf(again))).toEqual(sorted(buildIdf(now)));
    // `was` itself is left as it was.
    expect(sorted(was.df)).toEqual(sorted(countLemmas(base).df));
  });

  test('counts from a list that held an id twice are not counted from', () => {
    const twice = countLemmas([...base, base[0]!]);
    expect(sorted(countLemmas(base, twice).df)).toEqual(sorted(countLemmas(base).df));
  });
});
