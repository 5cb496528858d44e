import { describe, expect, test } from 'vitest';
import { sharedCognateWeight, sharedWeight } from './align';
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
