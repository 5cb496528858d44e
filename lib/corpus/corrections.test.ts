/**
 * The reader's corrections applied by the entity pipeline, on invented text: "same as" joins two
 * entities, "not the same" keeps a name apart, "not a name" leaves it out; taking a correction
 * back gives exactly the build without it; and sources added in any order, with corrections
 * changing between adds and a memo kept throughout, give the batch build.
 */
import { describe, expect, test } from 'vitest';
import { rawSource } from '../../tests/unit/fixtures/raw-source';
import type { Entity } from '../types';
import {
  type Correction,
  correctionApplies,
  correctionId,
  correctionRules,
  parseCorrections,
  withCorrections,
} from './corrections';
import { DiscoveryMemo } from './entities';
import { type PreparedSource, prepareSource, resolveEntities } from './pipeline';
import { key } from './entities/words';

const invented = (id: string, text: string) => prepareSource(rawSource(id, 'en', text));

const sources = [
  invented(
    'a',
    'The Broad Front of Ruritania won the vote on Monday. Jane Doe, who leads the Broad Front of Ruritania, spoke in Port Example.',
  ),
  invented(
    'b',
    'The Frente Amplio de Ruritania celebrated in Port Example. Doe thanked the Frente Amplio de Ruritania and Read More.',
  ),
  invented(
    'c',
    'At Example Field the crowds waited. Jane Doe landed at Example Field after the vote. Read More.',
  ),
  invented(
    'd',
    'Flights to Port Example International Airport resumed; Port Example International Airport said the runway was clear.',
  ),
];

const c = (kind: Correction['kind'], names: string[], other: string[] = []): Correction => ({
  kind,
  names,
  other,
  at: 1,
});

const SAME = c('same', ['Broad Front of Ruritania'], ['Frente Amplio de Ruritania']);
const APART = c('apart', ['Doe'], ['Jane Doe']);
const HIDE = c('hide', ['Read More']);
const AIRPORT = c('same', ['Example Field'], ['Port Example International Airport']);

/** The batch build: fresh objects, no memo. */
const batch = (list: readonly PreparedSource[], corrections: readonly Correction[] = []) =>
  resolveEntities(
    list.map((p) => ({ source: { ...p.source }, passages: p.passages.map((x) => ({ ...x })) })),
    withCorrections(null, corrections),
  );

const entityOf = (entities: readonly Entity[], name: string) =>
  entities.find((e) => [e.name, ...e.aliases].some((a) => key(a) === key(name)));

describe('each correction does what it says', () => {
  const before = batch(sources);
  test.each([
    [
      'same as: two names of one thing become one entity',
      [SAME],
      (es: readonly Entity[]) =>
        entityOf(es, 'Broad Front of Ruritania') !== undefined &&
        entityOf(es, 'Broad Front of Ruritania') === entityOf(es, 'Frente Amplio de Ruritania'),
    ],
    [
      'same as: a place named by its district joins the airport',
      [AIRPORT],
      (es: readonly Entity[]) =>
        entityOf(es, 'Example Field') !== undefined &&
        entityOf(es, 'Example Field') === entityOf(es, 'Port Example International Airport'),
    ],
    [
      'not the same: a surname stands apart from the full name',
      [APART],
      (es: readonly Entity[]) =>
        entityOf(es, 'Doe') !== undefined && entityOf(es, 'Doe') !== entityOf(es, 'Jane Doe'),
    ],
    [
      'not a name: no entity holds it',
      [HIDE],
      (es: readonly Entity[]) => entityOf(es, 'Read More') === undefined,
    ],
  ])('%s', (_what, corrections, holds) => {
    // Each is a change: the build without it does not already say it.
    expect(holds(before.entities)).toBe(false);
    const after = batch(sources, corrections);
    expect(holds(after.entities)).toBe(true);
  });

  test('what is not a name has no mention left', () => {
    const after = batch(sources, [HIDE]);
    expect(after.mentions.some((m) => key(m.surface) === key('Read More'))).toBe(false);
    expect(before.mentions.some((m) => key(m.surface) === key('Read More'))).toBe(true);
  });

  test('not the same wins over same as for the names it keeps apart', () => {
    const after = batch(sources, [c('same', ['Doe'], ['Jane Doe']), APART]);
    expect(entityOf(after.entities, 'Doe')).not.toBe(entityOf(after.entities, 'Jane Doe'));
  });

  test('corrections whose names no text holds change nothing', () => {
    const ghost = [c('same', ['Nowhere Person'], ['Nobody Else']), c('hide', ['Absent Name'])];
    expect(batch(sources, ghost)).toEqual(before);
    const present = new Set(before.entities.flatMap((e) => [e.name, ...e.aliases].map(key)));
    for (const g of ghost) expect(correctionApplies(g, (k) => present.has(k))).toBe(false);
    expect(correctionApplies(SAME, (k) => present.has(k))).toBe(true);
  });
});

describe('taking a correction back gives exactly the build without it (with a memo)', () => {
  const memo = new DiscoveryMemo();
  const plain = batch(sources);
  test.each([
    ['same as', [SAME]],
    ['not the same', [APART]],
    ['not a name', [HIDE]],
    ['all of them', [SAME, APART, HIDE, AIRPORT]],
  ])('%s', (_what, corrections) => {
    const withIt = resolveEntities(sources, withCorrections(null, corrections), memo);
    expect(withIt).toEqual(batch(sources, corrections));
    expect(withIt).not.toEqual(plain);
    expect(resolveEntities(sources, withCorrections(null, []), memo)).toEqual(plain);
  });
});

/** A small deterministic shuffle (mulberry32), so a failure names its seed. */
function shuffled<T>(list: readonly T[], seed: number): T[] {
  let t = seed;
  const rand = () => {
    t = (t + 0x6d2b79f5) | 0;
    let r = Math.imul(t ^ (t >>> 15), 1 | t);
    r = (r + Math.imul(r ^ (r >>> 7), 61 | r)) ^ r;
    return ((r ^ (r >>> 14)) >>> 0) / 4294967296;
  };
  const out = [...list];
  for (let i = out.length - 1; i > 0; i--) {
    const j = Math.floor(rand() * (i + 1));
    [out[i], out[j]] = [out[j]!, out[i]!];
  }
  return out;
}

describe('sources and corrections in any order, with a memo, give the batch build', () => {
  const all = [SAME, APART, HIDE, AIRPORT];
  test.each([1, 2, 3, 4, 5, 6])('order %i', (seed) => {
    const memo = new DiscoveryMemo();
    const live: PreparedSource[] = [];
    const on: Correction[] = [];
    // Steps: each source is added, each correction made, in a shuffled order; then some go.
    const steps = shuffled(
      [...sources.map((s) => () => live.push(s)), ...all.map((x) => () => on.push(x))],
      seed,
    );
    for (const step of steps) {
      step();
      expect(resolveEntities(live, withCorrections(null, on), memo)).toEqual(batch(live, on));
    }
    on.splice(seed % on.length, 1);
    live.splice(seed % live.length, 1);
    expect(resolveEntities(live, withCorrections(null, on), memo)).toEqual(batch(live, on));
  });
});

describe('corrections are checked where they enter', () => {
  test.each([
    ['an unknown kind', [{ kind: 'merge', names: ['A B'] }], /Unknown kind/],
    ['an empty name', [{ kind: 'hide', names: ['  '] }], /1 to 200 characters/],
    ['no names', [{ kind: 'hide', names: [] }], /at least one name/],
    ['same as without the other', [{ kind: 'same', names: ['A B'] }], /the other entity/],
    ['same as itself', [{ kind: 'same', names: ['A B'], other: ['a b'] }], /two different/],
    ['not a list', { kind: 'hide' }, /must be a list/],
  ])('%s is refused', (_what, input, message) => {
    const parsed = parseCorrections(input);
    expect(parsed.ok).toBe(false);
    if (!parsed.ok) expect(parsed.message).toMatch(message);
  });

  test('names are trimmed and repeated ones kept once', () => {
    const parsed = parseCorrections([{ kind: 'hide', names: [' Read  More ', 'Read More'] }]);
    expect(parsed).toEqual({
      ok: true,
      value: [{ kind: 'hide', names: ['Read More'], other: [], at: 0 }],
    });
  });

  test('the same correction made either way round is one', () => {
    expect(correctionId(c('same', ['A B'], ['C D']))).toBe(
      correctionId(c('same', ['c d'], ['A B'])),
    );
    expect(correctionRules([SAME, HIDE]).signature).toBe(correctionRules([HIDE, SAME]).signature);
  });
});
