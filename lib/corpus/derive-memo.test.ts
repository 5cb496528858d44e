/**
 * The incremental build (deriveCorpus with a memo kept between changes, as the background keeps
 * it) gives exactly the batch build (a fresh memo) after every add, every removal and a source
 * switched off: the memo's entries are reused only while what they were computed from holds.
 */
import { describe, expect, test } from 'vitest';
import { loadSeedOverrides, loadSeedSources } from '../node/seeds';
import type { RawSource } from '../types';
import { rawSource } from '../../tests/unit/fixtures/raw-source';
import {
  createDeriveMemo,
  deriveCorpus,
  type DerivedRows,
  type PreparedSource,
  prepareSource,
} from './pipeline';

const coverage = new URL('../../tests/eval/coverage/', import.meta.url);
const prefixed = (dir: string, prefix: string, n: number) =>
  loadSeedSources(new URL(`${dir}/`, coverage))
    .slice(0, n)
    .map((r): RawSource => ({ ...r, id: `${prefix}/${r.id}` }));
// Two events (two stories with discrepancies) and two unrelated articles, interleaved.
const event = prefixed('voepass-2283-vinhedo-crash-2024', 'crash', 4);
const other = prefixed('morocco-al-haouz-earthquake-2023', 'quake', 3);
const unrelated = prefixed('unrelated', 'unrelated', 2);
const order = [event[0]!, other[0]!, event[1]!, unrelated[0]!, other[1]!, event[2]!]
  .concat([unrelated[1]!, event[3]!, other[2]!])
  .map((r) => prepareSource(r));
const overrides = loadSeedOverrides(new URL('voepass-2283-vinhedo-crash-2024/', coverage));

const batch = (sources: readonly PreparedSource[]) =>
  deriveCorpus(
    // Fresh objects: nothing shared with the incremental build.
    sources.map((p) => ({ source: { ...p.source }, passages: p.passages.map((x) => ({ ...x })) })),
    overrides,
  );

describe('a memo kept between changes gives the batch build', () => {
  const memo = createDeriveMemo();
  const live: PreparedSource[] = [];

  test('adding sources one at a time', () => {
    for (const p of order) {
      live.push(p);
      expect(deriveCorpus(live, overrides, memo)).toEqual(batch(live));
    }
    const last = deriveCorpus(live, overrides, memo);
    expect(last.discrepancies.length).toBeGreaterThan(0);
    expect(new Set(last.discrepancies.map((d) => d.storyId)).size).toBeGreaterThan(1);
  });

  test.each([
    ['a source of the larger story', 'crash/'],
    ['an unrelated source', 'unrelated/'],
    ['a source of the other story', 'quake/'],
  ])('removing %s', (_what, prefix) => {
    const at = live.findIndex((p) => p.source.id.startsWith(prefix));
    live.splice(at, 1);
    expect(deriveCorpus(live, overrides, memo)).toEqual(batch(live));
  });

  test('switching a source off and on again', () => {
    const off = live.filter((_, i) => i !== 1);
    expect(deriveCorpus(off, overrides, memo)).toEqual(batch(off));
    expect(deriveCorpus(live, overrides, memo)).toEqual(batch(live));
  });
});

describe('a source changes how the others are read, and the memo follows', () => {
  // "General Election" is a title and a name until the corpus writes "election" in lower case;
  // then it is a capitalised common noun. Adding the second source changes the first one's
  // occurrences; removing it changes them back.
  const first = prepareSource(
    rawSource(
      'a',
      'en',
      'The General Election in Ruritania was called by Jane Doe on Monday. Jane Doe said the General Election would be fair.',
    ),
  );
  const second = prepareSource(
    rawSource('b', 'en', 'Jane Doe said the election was close. Observers in Ruritania agreed.'),
  );
  const names = (rows: DerivedRows) => rows.entities.map((e) => e.name).sort();

  test.each([
    ['added', [[first], [first, second]]],
    ['removed', [[first, second], [first]]],
  ] as const)('the other source %s', (_what, steps) => {
    const memo = createDeriveMemo();
    const results = steps.map((live) => {
      const rows = deriveCorpus(live, null, memo);
      expect(rows).toEqual(batch(live));
      return rows;
    });
    // The case is one where the first source's reading changes.
    expect(names(results[0]!)).not.toEqual(names(results[1]!));
  });
});
