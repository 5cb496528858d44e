/**
 * Floors for the story evaluation (tests/eval/stories-eval.ts), set from the figures measured on
 * 2026-12-01 (pairwise F1 100%, 0 discrepancies across stories, one-at-a-time = batch). A change
 * that drops below them must say why in the README.
 */
import { describe, expect, test } from 'vitest';
import { nonEmpty } from '../unit/fixtures/non-empty';
import { STORY_THRESHOLD } from '../../lib/stories';
import { evaluateStories, loadCombined, pairwise } from './stories-eval';

const report = evaluateStories([1, 2]);

describe('story grouping on tests/eval (one corpus)', () => {
  test('pairwise F1 is at least 95% (the issue asks 95%; measured 100%)', () => {
    expect(report.batch.f1).toBeGreaterThanOrEqual(0.95);
    expect(report.batch.precision).toBeGreaterThanOrEqual(0.95);
  });

  test('the threshold is not on a knife edge: F1 >= 90% a step either side', () => {
    const near = report.curve.filter((c) => Math.abs(c.threshold - STORY_THRESHOLD) <= 0.0251);
    for (const c of nonEmpty(near, 'thresholds near the chosen one'))
      expect(c.f1, `F1 at ${c.threshold}`).toBeGreaterThanOrEqual(0.9);
  });

  test('leaving any story out picks a threshold that still scores >= 88% on it (measured: 90% or more)', () => {
    for (const l of nonEmpty(report.leaveOneOut, 'left-out stories'))
      expect(l.f1, l.left).toBeGreaterThanOrEqual(0.88);
  });

  test('sources added one at a time, in shuffled orders, give the batch stories', () => {
    expect(report.incremental.map((i) => i.equal)).toEqual([true, true]);
  });

  test('no discrepancy or agreement pairs claims from two gold stories', () => {
    expect(report.crossStory).toEqual({ discrepancies: 0, agreements: 0, examples: [] });
  });
});

describe('the gold and the metric', () => {
  test('every gold source is read once, under one story', () => {
    const { raw, gold } = loadCombined();
    expect(new Set(raw.map((r) => r.id)).size).toBe(raw.length);
    expect(gold.size).toBe(raw.length);
  });

  test.each([
    ['perfect', ['a', 'a', 'b'], ['x', 'x', 'y'], 1, 1],
    ['all merged', ['a', 'a', 'b'], ['x', 'x', 'x'], 1 / 3, 1],
    ['all split', ['a', 'a', 'b'], ['x', 'y', 'z'], 1, 0],
  ] as const)('pairwise scores: %s', (_what, gold, system, precision, recall) => {
    const ids = gold.map((_, i) => String(i));
    const s = pairwise(
      ids,
      (id) => gold[Number(id)]!,
      (id) => system[Number(id)]!,
    );
    expect(s.precision).toBeCloseTo(precision, 9);
    expect(s.recall).toBeCloseTo(recall, 9);
  });
});
