import { describe, expect, test } from 'vitest';
import type { Entity } from '../types';
import { placeChanges, placeKey, placeLikeOf, placeLikeTest, placeNames } from './source-claims';

const entity = (name: string, type: Entity['type'], aliases: string[] = []): Entity => ({
  id: `e-${name}`,
  name,
  type,
  aliases,
  descriptors: [],
  description: null,
  origin: 'user',
});

const before = [
  entity('Ruritania', 'place'),
  entity('Port Elsmere', 'place', ['Elsmere']),
  entity('Vantor Mining Company', 'organization', ['Vantor']),
  entity('Ada Quell', 'person'),
];
// A name gained (an alias and a new place), one lost, one entity now a person.
const after = [
  entity('Ruritania', 'place', ['Ruritanian Republic']),
  entity('Port Elsmere', 'place', ['Elsmere']),
  entity('Vantor Mining Company', 'person', ['Vantor']),
  entity('Ada Quell', 'person'),
  entity('Kessel Bay', 'place'),
];

// Words of invented sentences, some of them names, prefixes of names or possessives.
const words = [
  'Ruritania',
  'Ruritanian',
  'Ruritania’s',
  'Elsmere',
  "Elsmere's",
  'Elsmeres',
  'Vantor',
  'Vanto',
  'Kessel',
  'Kesselring',
  'Quell',
  'Bay',
  'Mining',
  'Harbour',
];

describe('placeChanges', () => {
  test.each(words)('%s: an answer that differs between the two lists is flagged', (word) => {
    const a = placeLikeOf(placeNames(before))(word);
    const b = placeLikeOf(placeNames(after))(word);
    if (a !== b)
      expect(placeChanges(placeNames(before), placeNames(after))(placeKey(word))).toBe(true);
  });

  test('some answers differ, and the same lists flag nothing', () => {
    const differ = words.filter((w) => placeLikeTest(before)(w) !== placeLikeTest(after)(w));
    expect(differ).toEqual(expect.arrayContaining(['Vantor', 'Kessel', 'Kesselring']));
    const same = placeChanges(placeNames(after), placeNames([...after]));
    expect(words.filter((w) => same(placeKey(w)))).toEqual([]);
  });
});
