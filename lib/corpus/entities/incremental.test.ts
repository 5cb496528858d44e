/**
 * Discovery with a memo kept between changes (DiscoveryMemo, as the background keeps it) on real
 * coverage: each change gives exactly the batch build, and only what the change touches is made
 * again: the name groups whose occurrences changed (GroupPool) and the mentions of the sources
 * whose looked-up names changed (MentionMemo). Today's code regroups every name and relinks
 * every source on every change.
 */
import { describe, expect, test } from 'vitest';
import { loadSeedSources } from '../../node/seeds';
import type { RawSource } from '../../types';
import { rawSource } from '../../../tests/unit/fixtures/raw-source';
import { type PreparedSource, prepareSource, resolveEntities } from '../pipeline';
import { DiscoveryMemo } from './index';

const coverage = new URL('../../../tests/eval/coverage/', import.meta.url);
const load = (dir: string, n: number) =>
  loadSeedSources(new URL(`${dir}/`, coverage))
    .slice(0, n)
    .map((r): RawSource => ({ ...r, id: `${dir}/${r.id}` }))
    .map((r) => prepareSource(r));

const crash = load('voepass-2283-vinhedo-crash-2024', 6);
const quake = load('morocco-al-haouz-earthquake-2023', 6);
const unrelated = load('unrelated', 3);

/** The batch build: fresh objects, no memo. */
const batch = (sources: readonly PreparedSource[]) =>
  resolveEntities(
    sources.map((p) => ({ source: { ...p.source }, passages: p.passages.map((x) => ({ ...x })) })),
  );

describe('a change regroups and relinks only what it touches', () => {
  const memo = new DiscoveryMemo();
  const live: PreparedSource[] = [...crash.slice(0, 5), ...quake.slice(0, 5), unrelated[0]!];
  resolveEntities(live, null, memo);

  test.each([
    ['adding an unrelated article', () => live.push(unrelated[1]!), 1],
    ['adding an article of one story', () => live.push(crash[5]!), 1],
    ['adding an article of the other story', () => live.push(quake[5]!), 1],
    // The removed source's names leave with it; no other source's are made again.
    ['removing an unrelated article', () => live.splice(live.indexOf(unrelated[0]!), 1), 0],
    ['adding another unrelated article', () => live.push(unrelated[2]!), 1],
  ])('%s', (_what, change, added) => {
    change();
    const result = resolveEntities(live, null, memo);
    expect(result).toEqual(batch(live));
    const { fresh, kept } = memo.groups;
    // One article names a few dozen things; the corpus holds hundreds of names.
    expect(kept).toBeGreaterThan(0);
    expect(fresh).toBeGreaterThanOrEqual(added);
    expect(fresh * 4).toBeLessThan(kept);
    // The added source, and the few that write a name the change renamed or gave a new entity.
    expect(memo.mentions.relinked).toBeGreaterThanOrEqual(added);
    expect(memo.mentions.relinked * 2).toBeLessThan(live.length);
    // Entity rows are the last build's objects again, but for those the change made anew.
    expect(memo.placed.made * 4).toBeLessThan(memo.placed.kept);
  });

  test('a build with nothing changed makes nothing again', () => {
    const last = resolveEntities(live, null, memo);
    const again = resolveEntities(live, null, memo);
    expect(again).toEqual(batch(live));
    expect(memo.groups.fresh).toBe(0);
    expect(memo.mentions.relinked).toBe(0);
    // The same rows, as the same objects: only untyped entities (typed in place) are made.
    const untyped = again.entities.filter((e, i) => e !== last.entities[i]);
    expect(untyped.every((e) => e.type !== 'person')).toBe(true);
    expect(memo.placed).toEqual({
      kept: again.entities.length - untyped.length,
      made: 0,
      untyped: untyped.length,
    });
    expect(again.mentions.every((m, i) => m === last.mentions[i])).toBe(true);
  });
});

describe('names joined across sources, with a memo, as the batch build joins them', () => {
  const invented = (id: string, text: string) => prepareSource(rawSource(id, 'en', text));
  const a = invented(
    'a',
    'The Ruritania Water Authority said on Monday that the Ruritania Water Authority would open the dam. Jane Doe, its director, agreed.',
  );
  // One letter off (a near miss), in another source.
  const b = invented('b', 'The Ruritania Watter Authority denied the report on Tuesday.');
  // An acronym in parentheses, a surname alone and a name one letter off again.
  const c = invented(
    'c',
    'Staff of the RWA (Ruritania Water Authority) met Jane Doe. Doe said the Ruritania Watter Authority had not closed.',
  );
  const d = invented('d', 'The Sample Harbour Company said its Sample Harbour ships would sail.');
  const memo = new DiscoveryMemo();
  const live: PreparedSource[] = [];

  const one = (x: string, y: string) => [x, y];
  test.each([
    ['adding the first source', () => live.push(a), null],
    [
      'adding a near miss',
      () => live.push(b),
      one('Ruritania Water Authority', 'Ruritania Watter Authority'),
    ],
    ['adding an acronym and a surname', () => live.push(c), one('Jane Doe', 'Doe')],
    [
      'adding an unrelated source',
      () => live.push(d),
      one('Sample Harbour', 'Sample Harbour Company'),
    ],
    ['removing the near miss', () => live.splice(live.indexOf(b), 1), null],
    ['removing the first source', () => live.splice(live.indexOf(a), 1), null],
    [
      'adding the near miss again',
      () => live.push(b),
      one('Ruritania Water Authority', 'Ruritania Watter Authority'),
    ],
  ])('%s', (_what, change, joined) => {
    change();
    const result = resolveEntities(live, null, memo);
    expect(result).toEqual(batch(live));
    if (!joined) return;
    const names = result.entities
      .map((e) => [e.name, ...e.aliases])
      .find((n) => n.includes(joined[0]!));
    expect(names).toContain(joined[1]);
  });
});
