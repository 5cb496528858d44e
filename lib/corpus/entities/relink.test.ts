/**
 * relink's keys and cheap tests (GroupPool in grouping.ts) find every pair the union passes'
 * comparisons would join: an abbreviation's start among its long name's keys, and, over the
 * names of the evaluation coverage and the seeds, no pair sameNameAcross, rarePair or
 * abbreviates accepts that the keys and tests leave out.
 */
import { readdirSync, statSync } from 'node:fs';
import { describe, expect, test } from 'vitest';
import { loadSeedSources } from '../../node/seeds';
import type { RawSource } from '../../types';
import { prepareSource } from '../pipeline';
import { abbreviates, abbreviationStarts, groupOccurrences, relinkMisses } from './grouping';
import { junkFilter } from './junk';
import { findOccurrences, sentencesOf } from './occurrences';

describe('abbreviationStarts', () => {
  test.each([
    // Each word gives one letter or more, the first word is never left out, one other may be.
    [
      ['centro', 'estudios', 'ejemplares'],
      ['cee', 'cej', 'cen', 'ces'],
    ],
    [
      ['ab', 'cd', 'ef'],
      ['abc', 'abe', 'acd', 'ace', 'aef'],
    ],
    // Too few letters for a start of three: no key (abbreviationShaped words have four or more).
    [['a', 'b'], []],
    [
      ['x', 'y', 'z', 'w'],
      ['xyz', 'xyw', 'xzw'],
    ],
    [[''], []],
  ] as Array<[string[], string[]]>)('%j -> %j', (words, expected) => {
    expect(abbreviationStarts(words).sort()).toEqual([...expected].sort());
  });

  // Every word abbreviates accepts, over all words of four or five of the names' letters.
  test.each([
    [['centro', 'estudios', 'ejemplares']],
    [['aab', 'aba', 'baa']],
    [['ab', 'ba', 'ab', 'ba']],
    [['abc', 'b', 'cab', 'a', 'bc']],
  ])('every abbreviation of %j starts with one of them', (words) => {
    const letters = [...new Set(words.join(''))];
    const starts = new Set(abbreviationStarts(words));
    let accepted = 0;
    const walk = (made: string) => {
      if (made.length >= 4) {
        if (abbreviates(made, words)) {
          accepted++;
          expect(starts, made).toContain(made.slice(0, 3));
        }
        if (made.length === 5) return;
      }
      for (const c of letters) walk(made + c);
    };
    walk('');
    expect(accepted).toBeGreaterThan(0);
  });
});

const coverage = new URL('../../../tests/eval/coverage/', import.meta.url);
const seeds = new URL('../../../seeds/', import.meta.url);

function groupsOf(raws: readonly RawSource[]) {
  const inputs = raws.map((r) => prepareSource(r));
  const sentences = sentencesOf(inputs);
  const { occs, stats } = findOccurrences(sentences, []);
  return groupOccurrences(occs, junkFilter(occs, new Map(), stats)).groups;
}

describe("relink's keys miss no pair the comparisons accept", () => {
  const dirs = readdirSync(coverage).filter((d) => statSync(new URL(d, coverage)).isDirectory());
  test.each([
    ...dirs.map((d): [string, () => RawSource[]] => [
      d,
      () => loadSeedSources(new URL(`${d}/`, coverage)).map((r) => ({ ...r, id: `${d}/${r.id}` })),
    ]),
    ['seeds', () => loadSeedSources(seeds)] as [string, () => RawSource[]],
  ])('%s', (_, load) => {
    const check = relinkMisses(groupsOf(load()));
    expect(check.missed).toEqual([]);
  });

  test('the check sees pairs of every kind accepted (it could fail)', () => {
    const all = [
      ...dirs.flatMap((d) =>
        loadSeedSources(new URL(`${d}/`, coverage)).map((r) => ({ ...r, id: `${d}/${r.id}` })),
      ),
      ...loadSeedSources(seeds),
    ];
    const check = relinkMisses(groupsOf(all));
    expect(check.missed).toEqual([]);
    expect(check.accepted.cognates).toBeGreaterThan(0);
    expect(check.accepted.misspellings).toBeGreaterThan(0);
    expect(check.accepted.abbreviations).toBeGreaterThan(0);
  });
});
