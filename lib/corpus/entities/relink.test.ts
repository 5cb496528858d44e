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
import { type PreparedSource, prepareSource, resolveEntities } from '../pipeline';
import { rawSource } from '../../../tests/unit/fixtures/raw-source';
import { DiscoveryMemo } from './index';
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

/** Entities and mentions built with a discovery memo equal those built without one. */
describe('relink through the memo finds what a build without it finds', () => {
  const fresh = (live: readonly PreparedSource[]) =>
    resolveEntities(
      live.map((p) => ({ source: { ...p.source }, passages: p.passages.map((x) => ({ ...x })) })),
    );

  test('names cognate only through a gloss, whose rarest anchor word is not first', () => {
    const src = (id: string, language: string, text: string) =>
      prepareSource(rawSource(id, language, text));
    const live = [
      src(
        'a',
        'es',
        'Los vuelos salieron del Aeropuerto Alto Ejemplo el lunes. El Aeropuerto Alto Ejemplo cerró después.',
      ),
      src(
        'b',
        'en',
        'Flights left the High Ejemplo Airport on Monday. The High Ejemplo Airport closed later.',
      ),
      src(
        'c',
        'en',
        'Planes used the Elmo Estrada Airport and the Evon Edge Airport and the Eskar Ember Airport on Tuesday.',
      ),
      src(
        'd',
        'en',
        'Crews reached Elmo Estrada Airport, Evon Edge Airport and Eskar Ember Airport and Elsa Emberly Airport.',
      ),
    ];
    const memo = new DiscoveryMemo();
    expect(resolveEntities(live, null, memo)).toEqual(fresh(live));
    for (const step of [[live[0]!, live[2]!, live[3]!], [live[2]!, live[3]!], live])
      expect(resolveEntities(step, null, memo)).toEqual(fresh(step));
  });

  test('over the coverage and the seeds, after sources are removed and added in turn', () => {
    const dirs = readdirSync(coverage).filter((d) => statSync(new URL(d, coverage)).isDirectory());
    const all = [
      ...dirs.flatMap((d) =>
        loadSeedSources(new URL(`${d}/`, coverage)).map((r) => ({ ...r, id: `${d}/${r.id}` })),
      ),
      ...loadSeedSources(seeds),
    ].map((r) => prepareSource(r));
    // A fixed pseudo-random walk: the same steps on every run.
    let seed = 1;
    const next = () => (seed = (seed * 1103515245 + 12345) % 2147483648) / 2147483648;
    const memo = new DiscoveryMemo();
    let live = all.filter(() => next() < 0.5);
    resolveEntities(live, null, memo);
    let changedSteps = 0;
    for (let step = 0; step < 8; step++) {
      const out = new Set(live.filter(() => next() < 0.15));
      const add = all.filter((p) => !live.includes(p) && next() < 0.15);
      if (out.size + add.length > 0) changedSteps++;
      live = [...live.filter((p) => !out.has(p)), ...add];
      expect(resolveEntities(live, null, memo)).toEqual(fresh(live));
    }
    expect(changedSteps).toBeGreaterThan(4);
  }, 300_000);
});
