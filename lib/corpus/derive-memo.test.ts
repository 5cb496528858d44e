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

describe("a source's claims are kept while what extraction read of the entities reads the same", () => {
  // The second source gives the person the first one names an office ("the interior minister
  // Jane Doe"): a descriptor her entity gains from another source.
  const office = prepareSource(
    rawSource('b', 'en', 'The port will reopen, said the interior minister Jane Doe on Tuesday.'),
  );
  const visit = 'Jane Doe visited the port of Ruritania on Monday. Officials met her there.';
  const claimsOf = (rows: DerivedRows, sourceId: string) =>
    rows.claims.filter((c) => c.sourceId === sourceId);
  const holder = (rows: DerivedRows) => rows.entities.find((e) => e.name === 'Jane Doe');

  test.each([
    // "The minister said": extraction asked whether her descriptors hold "minister"; they now
    // do, so the figure is credited to her. A memo that ignored that read would keep "Minister".
    [
      'asked about changes its claims',
      'The minister said the bridge would cost 40 million dollars.',
      2,
    ],
    // "She said": extraction read her type and name, never her descriptors; the claims are kept.
    ['did not ask about keeps its claims', 'She said the bridge would cost 40 million dollars.', 1],
  ] as const)('a descriptor extraction %s', (what, said, extractedOnAdd) => {
    const first = prepareSource(rawSource('a', 'en', `${visit} ${said}`));
    const memo = createDeriveMemo();
    const before = deriveCorpus([first], null, memo);
    expect(before).toEqual(batch([first]));
    const extracted = memo.claimsExtracted;
    const after = deriveCorpus([first, office], null, memo);
    expect(after).toEqual(batch([first, office]));
    // The case is one where an entity the first source names changed, and the claims did or
    // did not follow.
    expect(holder(after)?.descriptors).not.toEqual(holder(before)?.descriptors);
    const speakers = (rows: DerivedRows) =>
      claimsOf(rows, 'a')
        .filter((c) => c.kind === 'attribution')
        .map((c) => c.value);
    if (what.startsWith('asked')) {
      expect(speakers(before)).toEqual(['Minister']);
      expect(speakers(after)).toEqual(['Jane Doe']);
    } else {
      expect(speakers(after)).toEqual(speakers(before));
      expect(claimsOf(after, 'a')).toEqual(claimsOf(before, 'a'));
    }
    // Counted, not timed: the new source, and the first one only when a read changed.
    expect(memo.claimsExtracted - extracted).toBe(extractedOnAdd);
  });
});
