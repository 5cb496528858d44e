/**
 * Canonical names: an acronym that opens every other name of an entity names it, in a batch
 * build and when a known entity gains aliases alike.
 */
import { describe, expect, test } from 'vitest';
import { acronymHead, betterName } from './naming';

describe('acronymHead', () => {
  test.each<[string[], string | null]>([
    [['ABC', 'ABC Example Heritage Site', 'Abc Example Heritage'], 'ABC'],
    [['ABC Example Prize', 'ABC'], 'ABC'],
    // An expansion that does not open with the acronym: the acronym is not the only shared name.
    [['ABC', 'Agency for Basic Care'], null],
    [['ABC', 'ABC Example', 'Example Agency'], null],
    // No acronym alone, or nothing else.
    [['ABC Example', 'ABC Example Site'], null],
    [['ABC'], null],
    // A one-word name in title case is no acronym.
    [['Abc', 'Abc Example'], null],
  ])('%j -> %s', (names, expected) => {
    expect(acronymHead(names)).toBe(expected);
  });
});

describe('betterName', () => {
  test.each<[string, string[], string]>([
    // A known entity named by the longer form learns the acronym alone: the acronym wins.
    ['ABC Example Heritage', ['Abc Example Heritage', 'ABC', 'ABC Example Heritage Site'], 'ABC'],
    // Otherwise the fullest form, accented over plain.
    ['Jane Doe', ['Doe', 'Jane Q. Doe'], 'Jane Q. Doe'],
    ['Zurich', ['Zürich'], 'Zürich'],
  ])('%s with %j -> %s', (current, aliases, expected) => {
    expect(betterName(current, aliases)).toBe(expected);
  });
});
