/**
 * Order independence: the same sources give the same entities (ids, names, aliases, types) and
 * the same mention links whether built at once, in any order, or added one at a time to an
 * EntityLayer in any order (a property over random orders of an evaluation event).
 */
import { describe, expect, test } from 'vitest';
import { loadSeedOverrides, loadSeedSources } from '../node/seeds';
import type { RawSource } from '../types';
import { shuffled } from '../../tests/unit/fixtures/shuffle';
import { EntityLayer, prepareSource, resolveEntities } from './pipeline';

const dir = new URL('../../tests/eval/coverage/valencia-dana-floods-2024/', import.meta.url);
const raw = loadSeedSources(dir);
const overrides = loadSeedOverrides(dir);

const batch = (sources: readonly RawSource[]) =>
  resolveEntities(
    sources.map((r) => prepareSource(r)),
    overrides,
  );

const oneByOne = (sources: readonly RawSource[]) => {
  const layer = new EntityLayer(overrides);
  let last = layer.resolve();
  for (const r of sources) last = layer.add(prepareSource(r));
  return last;
};

describe('entities do not depend on the order of the sources', () => {
  const reference = batch(raw);

  test('the event has several sources and entities to order', () => {
    expect(raw.length).toBeGreaterThan(5);
    expect(reference.entities.length).toBeGreaterThan(20);
    expect(reference.mentions.length).toBeGreaterThan(100);
  });

  test.each([1, 2, 3])('batch build in random order %i = batch build', (seed) => {
    const order = shuffled(raw, seed);
    expect(order.map((r) => r.id)).not.toEqual(raw.map((r) => r.id));
    expect(batch(order)).toEqual(reference);
  });

  test.each([4, 5])('sources added one at a time in random order %i = batch build', (seed) => {
    expect(oneByOne(shuffled(raw, seed))).toEqual(reference);
  });

  test('removing a source gives the batch build of the others', () => {
    const layer = new EntityLayer(overrides);
    for (const r of raw) layer.add(prepareSource(r));
    const gone = raw[2]!;
    const after = layer.remove(gone.id);
    expect(after).toEqual(batch(raw.filter((r) => r !== gone)));
    expect(after.mentions.some((m) => m.sourceId === gone.id)).toBe(false);
  });
});
