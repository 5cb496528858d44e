/**
 * Claim analyses read back from the database after a worker start (lib/corpus/stored-analyses.ts)
 * give exactly the batch build: a fresh memo given the rows an earlier memo wrote extracts
 * nothing that did not change, and a row whose inputs are not the build's (an edited source, a
 * row written for other mentions) is not used, even when it holds wrong claims.
 */
import { describe, expect, test } from 'vitest';
import { loadSeedOverrides, loadSeedSources } from '../node/seeds';
import type { RawSource } from '../types';
import {
  createDeriveMemo,
  deriveCorpus,
  type DeriveMemo,
  type PreparedSource,
  prepareSource,
  unsavedAnalyses,
} from './pipeline';
import type { Claim } from '../types';
import {
  fingerprint,
  keptAnalysis,
  type KeptAnalysis,
  type StoredAnalysis,
} from './stored-analyses';

const coverage = new URL('../../tests/eval/coverage/', import.meta.url);
const prefixed = (dir: string, prefix: string, n: number) =>
  loadSeedSources(new URL(`${dir}/`, coverage))
    .slice(0, n)
    .map((r): RawSource => ({ ...r, id: `${prefix}/${r.id}` }));
const event = prefixed('voepass-2283-vinhedo-crash-2024', 'crash', 4);
const other = prefixed('morocco-al-haouz-earthquake-2023', 'quake', 3);
const unrelated = prefixed('unrelated', 'unrelated', 1);
const raws = [...event, ...other, ...unrelated];
const overrides = loadSeedOverrides(new URL('voepass-2283-vinhedo-crash-2024/', coverage));

/** Fresh objects each time: nothing shared between the builds compared. */
const prepared = (rs: readonly RawSource[]) => rs.map((r) => prepareSource(r));
const batch = (rs: readonly RawSource[]) => deriveCorpus(prepared(rs), overrides);

/**
 * What a worker life leaves in the database: the rows its memo wrote and the claims table, as
 * stored (cloned).
 */
function lifeRows(sources: readonly PreparedSource[]): Array<[string, KeptAnalysis]> {
  const memo = createDeriveMemo();
  const { claims } = deriveCorpus(sources, overrides, memo);
  const unsaved = unsavedAnalyses(memo, 'stamp');
  expect(unsaved.length).toBe(sources.length);
  for (const u of unsaved) u.written();
  // Written once: nothing left to write until a source is analysed again.
  expect(unsavedAnalyses(memo, 'stamp')).toEqual([]);
  const [rows, table] = structuredClone([unsaved.map((u) => u.row), claims]);
  return rows.map((row) => [row.id, readBack(row, table)!]);
}

/** A row read back with the claims table, as a worker start does. */
function readBack(row: StoredAnalysis, table: readonly Claim[], stamp = 'stamp') {
  const byId = new Map(table.map((c) => [c.id, c]));
  return keptAnalysis(row, stamp, (id) => byId.get(id));
}

/** A new life's memo, given the analyses read back. */
function restarted(rows: ReadonlyArray<[string, KeptAnalysis]>): DeriveMemo {
  const memo = createDeriveMemo();
  memo.stored = new Map(rows);
  return memo;
}

describe('a memo given the rows a former life wrote gives the batch build', () => {
  const rows = lifeRows(prepared(raws));

  test('nothing changed: every source restored, none extracted', () => {
    const memo = restarted(rows);
    expect(deriveCorpus(prepared(raws), overrides, memo)).toEqual(batch(raws));
    expect(memo.claimsExtracted).toBe(0);
    expect(memo.claimsRestored).toBe(raws.length);
    // Restored entries are the memo's: the next build keeps them without the rows.
    expect(memo.stored.size).toBe(0);
    expect(unsavedAnalyses(memo, 'stamp')).toEqual([]);
  });

  test.each([
    ['a source added', [...raws, ...prefixed('unrelated', 'unrelated', 2).slice(1)]],
    ['a source of the larger story removed', raws.filter((r) => r !== event[1])],
    ['a whole story removed', raws.filter((r) => !other.includes(r))],
  ])('%s', (_what, now) => {
    const memo = restarted(rows);
    expect(deriveCorpus(prepared(now), overrides, memo)).toEqual(batch(now));
    expect(memo.claimsRestored).toBeGreaterThan(0);
    expect(memo.claimsRestored + memo.claimsExtracted).toBe(now.length);
  });

  test.each([
    ['its date', (r: RawSource): RawSource => ({ ...r, published: '2001-02-03' })],
    ['its title', (r: RawSource): RawSource => ({ ...r, title: `${r.title ?? ''} (updated)` })],
    [
      'its text',
      (r: RawSource): RawSource => ({
        ...r,
        text: `${r.text.trimEnd()}\n\nThe report was updated later in the day.`,
      }),
    ],
  ])('an edited source (%s): its row is not used, though it holds no claims', (_what, edit) => {
    const target = event[0]!.id;
    // A row that would show if used: no claims at all.
    const tampered = rows.map(([id, r]): [string, KeptAnalysis] => [
      id,
      id === target ? { ...r, claims: [] } : r,
    ]);
    const now = raws.map((r) => (r.id === target ? edit(r) : r));
    const memo = restarted(tampered);
    const built = deriveCorpus(prepared(now), overrides, memo);
    expect(built).toEqual(batch(now));
    expect(built.claims.some((c) => c.sourceId === target)).toBe(true);
    expect(memo.claimsExtracted).toBeGreaterThanOrEqual(1);
  });
});

describe('a row is read back only with the very claims it was written with', () => {
  const sources = prepared(event.slice(0, 2));
  const memo = createDeriveMemo();
  const { claims } = deriveCorpus(sources, overrides, memo);
  const row = structuredClone(unsavedAnalyses(memo, 'stamp')[0]!.row);
  const own = claims.filter((c) => c.sourceId === row.id);

  test('the same claims: read back, in their order', () => {
    expect(own.length).toBeGreaterThan(1);
    expect(readBack(row, [...claims].reverse())?.claims).toEqual(own);
  });

  test.each([
    ['another stamp', claims, '0:other'],
    ['a claim missing', claims.filter((c) => c !== own[0]), 'stamp'],
    ['a claim changed', claims.map((c) => (c === own[0] ? { ...c, end: c.end + 1 } : c)), 'stamp'],
  ])('%s: not read back', (_what, table, stamp) => {
    expect(readBack(row, table, stamp)).toBeNull();
  });

  test.each([
    ['probes not a map', { probes: [] }],
    ['no reads', { reads: null }],
    ['reads without their maps', { reads: { ...row.reads, roles: {} } }],
    ['claim ids not a list', { claimIds: 'a' }],
  ])('a damaged row (%s): not read back', (_what, damage) => {
    expect(readBack({ ...row, ...damage } as unknown as StoredAnalysis, claims)).toBeNull();
  });
});

describe('fingerprint', () => {
  test.each([
    ['', 'a'],
    ['the same words', 'the same words '],
    ['ab', 'ba'],
    ['The minister said', 'the minister said'],
  ])('%j and %j differ', (a, b) => {
    expect(fingerprint(a)).not.toBe(fingerprint(b));
    expect(fingerprint(a)).toBe(fingerprint(a));
    expect(fingerprint(a)).toMatch(/^[0-9a-f]{32}$/);
  });
});
