/**
 * Stories' findings read back from the database after a worker start (lib/corpus/stored-stories.ts)
 * give exactly the comparison without them: a fresh story memo given the rows an earlier memo
 * wrote compares no story whose inputs did not change, and a row that is stale, damaged, of
 * another stamp or naming other discrepancies is not used, even when it holds no findings.
 */
import { describe, expect, test } from 'vitest';
import { loadSeedOverrides, loadSeedSources } from '../node/seeds';
import { createStoryMemo, discrepanciesByStory, type StoryMemo } from '../stories';
import type { Corpus, Discrepancy, RawSource } from '../types';
import { buildCorpus } from './pipeline';
import { fingerprint } from './stored-analyses';
import { storedStories, storedStory, type StoredStory } from './stored-stories';

const coverage = new URL('../../tests/eval/coverage/', import.meta.url);
const prefixed = (dir: string, prefix: string, n: number) =>
  loadSeedSources(new URL(`${dir}/`, coverage))
    .slice(0, n)
    .map((r): RawSource => ({ ...r, id: `${prefix}/${r.id}` }));
const raws = [
  ...prefixed('voepass-2283-vinhedo-crash-2024', 'crash', 4),
  ...prefixed('morocco-al-haouz-earthquake-2023', 'quake', 3),
  ...prefixed('unrelated', 'unrelated', 1),
];
const overrides = loadSeedOverrides(new URL('voepass-2283-vinhedo-crash-2024/', coverage));
const corpus = buildCorpus(raws, overrides);
const STAMP = '1:version';

/** A fresh copy of a corpus's rows (nothing shared with another build). */
const copy = (c: Corpus): Corpus => structuredClone(c);
const compare = (c: Corpus, memo?: StoryMemo) =>
  discrepanciesByStory(c.sources, c.passages, c.entities, c.mentions, c.claims, memo).discrepancies;

/** What a life leaves in the database: a row per story it compared, and the table's rows. */
function lifeRows(): { rows: StoredStory[]; table: Discrepancy[] } {
  const memo = createStoryMemo();
  const table = compare(copy(corpus), memo);
  const rows = [...memo.found].map(([id, f]) => storedStory(id, STAMP, f.read, f.entities, f));
  return structuredClone({ rows, table });
}

/** A new life's story memo given `rows`, counting the stories it restored. */
function restarted(rows: readonly StoredStory[], table: readonly Discrepancy[], stamp = STAMP) {
  const memo = createStoryMemo();
  const restore = storedStories(rows, stamp, table);
  const counts = { restored: 0 };
  memo.restore = (...args) => {
    const found = restore(...args);
    if (found) counts.restored++;
    return found;
  };
  return { memo, counts };
}

const life = lifeRows();
/** A row that would show if used: no findings at all, consistently so. */
const emptied = (r: StoredStory): StoredStory => ({
  ...r,
  discrepancyIds: [],
  rows: fingerprint('[]'),
});
const largest = [...life.rows].sort(
  (a, b) => b.discrepancyIds.length - a.discrepancyIds.length,
)[0]!;

describe('a story memo given the rows a former life wrote gives the comparison without them', () => {
  test('the corpus has stories with findings (what the rows are about)', () => {
    expect(life.rows.length).toBeGreaterThanOrEqual(2);
    expect(largest.discrepancyIds.length).toBeGreaterThan(0);
  });

  test('nothing changed: every story restored, and the same rows in the same order', () => {
    const { memo, counts } = restarted(life.rows, life.table);
    expect(compare(copy(corpus), memo)).toEqual(compare(copy(corpus)));
    expect(counts.restored).toBe(life.rows.length);
  });

  test('a source removed: its story compared again, the others restored', () => {
    const gone = raws[1]!.id;
    const now = buildCorpus(
      raws.filter((r) => r.id !== gone),
      overrides,
    );
    const { memo, counts } = restarted(life.rows, life.table);
    expect(compare(copy(now), memo)).toEqual(compare(copy(now)));
    expect(counts.restored).toBe(life.rows.length - 1);
  });

  test('a claim of a story changed: that story is compared again, though its row holds none', () => {
    const rows = life.rows.map((r) => (r === largest ? emptied(r) : r));
    const now = copy(corpus);
    const claim = now.claims.find((c) =>
      now.discrepancies.some((d) => d.storyId === largest.id && d.claimIds.includes(c.id)),
    )!;
    claim.value = `${claim.value}0`;
    const { memo, counts } = restarted(rows, life.table);
    expect(compare(now, memo)).toEqual(compare(copy(now)));
    expect(counts.restored).toBe(life.rows.length - 1);
  });

  test.each([
    ['its short name', 'short' as const],
    ['its type', 'type' as const],
  ])('an entity the comparison read %s of changed it: compared again', (_what, field) => {
    const reader = life.rows.find((r) => r.lookedUp.some(([, asked]) => asked?.[field]));
    expect(reader).toBeDefined();
    const rows = life.rows.map((r) => (r === reader ? emptied(r) : r));
    const now = copy(corpus);
    const [id] = reader!.lookedUp.find(([, asked]) => asked?.[field] !== undefined)!;
    const entity = now.entities.find((e) => e.id === id)!;
    if (field === 'short') entity.name = `${entity.name} Jr`;
    else entity.type = entity.type === 'person' ? 'place' : 'person';
    const { memo, counts } = restarted(rows, life.table);
    expect(compare(now, memo)).toEqual(compare(copy(now)));
    expect(counts.restored).toBe(life.rows.length - 1);
  });

  test('an entity the comparison looked up gained a descriptor: restored, the same findings', () => {
    const now = copy(corpus);
    const [id] = largest.lookedUp.find(([, asked]) => asked !== null)!;
    const entity = now.entities.find((e) => e.id === id)!;
    entity.descriptors = [...entity.descriptors, { sourceId: raws[0]!.id, text: 'new role' }];
    const { memo, counts } = restarted(life.rows, life.table);
    expect(compare(now, memo)).toEqual(compare(copy(now)));
    expect(counts.restored).toBe(life.rows.length);
  });

  test.each([
    ['another stamp', (r: StoredStory) => ({ ...r, stamp: '0:other' })],
    ['other inputs', (r: StoredStory) => ({ ...r, read: fingerprint('other') })],
    ['no name words map (damaged)', (r: StoredStory) => ({ ...r, nameWords: {} as never })],
    ['a looked-up pair damaged', (r: StoredStory) => ({ ...r, lookedUp: [['x']] as never })],
    [
      'discrepancy rows of another story',
      (r: StoredStory) => {
        const other = life.table.find((d) => d.storyId !== r.id)!;
        return { ...r, discrepancyIds: [other.id], rows: fingerprint(JSON.stringify([other])) };
      },
    ],
    [
      'a discrepancy missing from the table',
      (r: StoredStory) => ({ ...r, discrepancyIds: [...r.discrepancyIds, 'gone'] }),
    ],
  ])('a row with %s is not used, even one holding no findings', (_what, tamper) => {
    const rows = life.rows.map((r) =>
      r === largest ? tamper(r.discrepancyIds.length > 0 ? r : emptied(r)) : r,
    );
    const emptiedToo = life.rows.map((r) => (r === largest ? tamper(emptied(r)) : r));
    for (const set of [rows, emptiedToo]) {
      const { memo, counts } = restarted(set, life.table);
      expect(compare(copy(corpus), memo)).toEqual(compare(copy(corpus)));
      expect(counts.restored).toBe(life.rows.length - 1);
    }
  });

  test('discrepancy rows changed in the table since: not used', () => {
    const table = life.table.map((d) =>
      d.storyId === largest.id ? { ...d, severity: d.severity === 'low' ? 'high' : 'low' } : d,
    ) as Discrepancy[];
    const { memo, counts } = restarted(life.rows, table);
    expect(compare(copy(corpus), memo)).toEqual(compare(copy(corpus)));
    expect(counts.restored).toBe(life.rows.length - 1);
  });
});
