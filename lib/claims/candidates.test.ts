/**
 * Candidate pairs are exact: over the claims of the seeds and every tests/eval article taken as
 * one story,
 * each pair a rule's own test passes (tried on every pair, both ways round) is a candidate;
 * and the generic filters against a brute force over generated items, thresholds included.
 */
import { describe, expect, test } from 'vitest';
import { buildCorpus } from '../corpus/pipeline';
import { loadSeedSources } from '../node/seeds';
import { random } from '../../tests/unit/fixtures/shuffle';
import type { Claim } from '../types';
import { buildIdf, buildNameWords, type RuleContext } from './align';
import { type Neighbours, overlapCandidates, weightedCandidates } from './candidates';
import { ruleEntities } from './discrepancies';
import { labelCandidates, labelsAlign } from './rules/label';
import { quantitiesAlign, quantityCandidates } from './rules/quantity';
import { quoteCandidates, similarityBound } from './rules/quote';

const EVAL = new URL('../../tests/eval/coverage/', import.meta.url);
const events = [
  'mexico-presidential-election-2024',
  'morocco-al-haouz-earthquake-2023',
  'unrelated',
  'valencia-dana-floods-2024',
  'voepass-2283-vinhedo-crash-2024',
];
// The seeds too: their story is the one with labels of a signed document.
const raw = [
  ...loadSeedSources(new URL('../../seeds/', import.meta.url)),
  ...events.flatMap((e) =>
    loadSeedSources(new URL(`${e}/`, EVAL)).map((r) => ({ ...r, id: `${e}/${r.id}` })),
  ),
];
const corpus = buildCorpus(raw, null);
const ctx: RuleContext = {
  sources: new Map(corpus.sources.map((s) => [s.id, s])),
  entities: ruleEntities(corpus.entities),
  passages: new Map(corpus.passages.map((p) => [p.id, p])),
  idf: buildIdf(corpus.passages),
  nameWords: buildNameWords(corpus.entities),
};

/** Pairs (i < j) the test passes, tried every way, and those the candidates leave out. */
function missed<T>(items: readonly T[], near: Neighbours, passes: (a: T, b: T) => boolean) {
  let passing = 0;
  const out: Array<[number, number]> = [];
  for (let i = 0; i < items.length; i++)
    for (let j = i + 1; j < items.length; j++) {
      if (!passes(items[i]!, items[j]!) && !passes(items[j]!, items[i]!)) continue;
      passing++;
      if (!near[i]!.includes(j) || !near[j]!.includes(i)) out.push([i, j]);
    }
  return { passing, missed: out };
}

const ofKind = (kind: Claim['kind']) => corpus.claims.filter((c) => c.kind === kind);

describe('the rules’ candidates hold every pair their tests pass (seeds and tests/eval as one story)', () => {
  test('quantities: quantitiesAlign', () => {
    const qs = ofKind('quantity');
    const r = missed(qs, quantityCandidates(qs, ctx), (a, b) => quantitiesAlign(a, b, ctx));
    expect(r.passing).toBeGreaterThan(10);
    expect(r.missed).toEqual([]);
  });

  test('labels: labelsAlign', () => {
    const ls = ofKind('label');
    const r = missed(ls, labelCandidates(ls, ctx), (a, b) => labelsAlign(a, b, ctx));
    expect(r.passing).toBeGreaterThan(0);
    expect(r.missed).toEqual([]);
  });

  test.each([0.3, 0.55, 0.7])('quotes: similarityBound >= %s', (min) => {
    const qs = ofKind('quote');
    const r = missed(
      qs,
      quoteCandidates(qs, min),
      (a, b) => similarityBound(a.value, b.value) >= min,
    );
    expect(r.passing).toBeGreaterThan(0);
    expect(r.missed).toEqual([]);
  });

  test('the candidates are far fewer than the pairs', () => {
    const qs = ofKind('quantity');
    const pairs = quantityCandidates(qs, ctx).reduce((n, list) => n + list.length, 0) / 2;
    expect(pairs).toBeLessThan((qs.length * (qs.length - 1)) / 2 / 4);
  });
});

describe('the filters against a brute force', () => {
  const words = 'alpha beta gamma delta epsilon zeta eta theta iota kappa'.split(' ');
  const items = (seed: number, n: number) => {
    const next = random(seed);
    return Array.from({ length: n }, () => {
      const m = new Map<string, number>();
      const k = Math.floor(next() * 6);
      for (let i = 0; i < k; i++) {
        const w = words[Math.floor(next() * words.length)]!;
        m.set(w, (m.get(w) ?? 0) + 1);
      }
      return m;
    });
  };

  test.each([
    [1, 0.5],
    [2, 1],
    [3, 2.5],
    [4, 0.1],
  ])('weighted overlap (seed %i, min %s)', (seed, min) => {
    const xs = items(seed, 80);
    const weight = (w: string) => (w.length % 3) * 0.7 + 0.2;
    const bags = xs.map((m) => new Map([...m.keys()].map((w) => [w, weight(w)])));
    const shared = (a: Map<string, number>, b: Map<string, number>) =>
      [...a.keys()].filter((w) => b.has(w)).reduce((s, w) => s + weight(w), 0);
    const r = missed(bags, weightedCandidates(bags, min), (a, b) => shared(a, b) >= min);
    expect(r.passing).toBeGreaterThan(0);
    expect(r.missed).toEqual([]);
  });

  test.each([
    [5, 0.55],
    [6, 0.7],
    [7, 0.5],
  ])('overlap over the shorter (seed %i, min %s)', (seed, min) => {
    const xs = items(seed, 80);
    const size = (m: Map<string, number>) => [...m.values()].reduce((s, n) => s + n, 0);
    const shared = (a: Map<string, number>, b: Map<string, number>) =>
      [...a].reduce((s, [w, n]) => s + Math.min(n, b.get(w) ?? 0), 0);
    const passes = (a: Map<string, number>, b: Map<string, number>) =>
      shared(a, b) / Math.max(1, Math.min(size(a), size(b))) >= min;
    const r = missed(xs, overlapCandidates(xs, min), passes);
    expect(r.passing).toBeGreaterThan(0);
    expect(r.missed).toEqual([]);
  });

  test('a share met exactly in floating point (11 of 20 words at 0.55) is a candidate', () => {
    const a = new Map(Array.from({ length: 20 }, (_, i) => [`w${i}`, 1]));
    const b = new Map(Array.from({ length: 20 }, (_, i) => [i < 11 ? `w${i}` : `v${i}`, 1]));
    expect(11 / 20 >= 0.55).toBe(true);
    expect(overlapCandidates([a, b], 0.55)).toEqual([[1], [0]]);
  });
});
