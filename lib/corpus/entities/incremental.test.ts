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
  });

  test('a build with nothing changed makes nothing again', () => {
    expect(resolveEntities(live, null, memo)).toEqual(batch(live));
    expect(memo.groups.fresh).toBe(0);
    expect(memo.mentions.relinked).toBe(0);
  });
});
