/**
 * The entity evaluation as a regression test: `npm run eval` must not fall below today's figures.
 *
 * Floors (percent) are the figures measured when the set was written minus 2 points, rounded
 * down; ceilings (counts) are the measured counts plus 2 per event, 3 per language, 5 overall,
 * except core splits, core name errors and incremental differences, held at the measured count.
 * Raise them as the pipeline improves, so that a gain cannot be lost unnoticed. The whole run
 * takes a few seconds (six corpora, each built three ways); nothing here measures time.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { type EvalReport, evaluateAll, type ScopeResult } from './evaluate';
import { evaluateLanguages } from './language-eval';

interface Bounds {
  /** Floors, in percent. */
  precision: number;
  recall: number;
  coreRecall?: number;
  formsLinked: number;
  /** Ceilings, as counts. */
  junk: number;
  split: number;
  merged: number;
  nameErrors: number;
  typeErrors: number;
  /** Core entities (named in 3+ sources) split, and named wrongly. */
  coreSplit: number;
  coreNameErrors: number;
  incrementalDifferences?: number;
}

// prettier-ignore
const EVENTS: Record<string, Bounds> = {
  // measured: P 97.8 R 97.7 core 100.0 forms 94.6, junk 1 split 2 (core 1) merged 0 names 0 (core 0) types 2 incr. 0
  'mexico-presidential-election-2024': { precision: 95, recall: 95, coreRecall: 98, formsLinked: 92, junk: 3, split: 4, coreSplit: 1, merged: 2, nameErrors: 2, coreNameErrors: 0, typeErrors: 4, incrementalDifferences: 0 },
  // measured: P 100.0 R 97.9 core 100.0 forms 92.4, junk 0 split 0 (core 0) merged 0 names 0 (core 0) types 3 incr. 0
  'morocco-al-haouz-earthquake-2023': { precision: 98, recall: 95, coreRecall: 98, formsLinked: 88, junk: 2, split: 2, coreSplit: 0, merged: 2, nameErrors: 2, coreNameErrors: 0, typeErrors: 5, incrementalDifferences: 0 },
  // measured: P 100.0 R 100.0 core 100.0 forms 94.8, junk 0 split 1 (core 0) merged 0 names 0 (core 0) types 1 incr. 0
  'noem-colombia-visit-2025': { precision: 98, recall: 98, coreRecall: 98, formsLinked: 92, junk: 2, split: 3, coreSplit: 0, merged: 2, nameErrors: 2, coreNameErrors: 0, typeErrors: 3, incrementalDifferences: 0 },
  // measured: P 100.0 R 98.4 core — forms 93.3, junk 0 split 1 (core 0) merged 0 names 2 (core 0) types 2 incr. 0
  'unrelated': { precision: 98, recall: 96, formsLinked: 91, junk: 2, split: 3, coreSplit: 0, merged: 2, nameErrors: 4, coreNameErrors: 0, typeErrors: 4, incrementalDifferences: 0 },
  // measured: P 100.0 R 91.3 core 100.0 forms 88.1, junk 0 split 1 (core 0) merged 0 names 0 (core 0) types 2 incr. 0
  'valencia-dana-floods-2024': { precision: 98, recall: 89, coreRecall: 98, formsLinked: 86, junk: 2, split: 3, coreSplit: 0, merged: 2, nameErrors: 2, coreNameErrors: 0, typeErrors: 4, incrementalDifferences: 0 },
  // measured: P 96.8 R 100.0 core 100.0 forms 89.7, junk 2 split 4 (core 1) merged 0 names 2 (core 0) types 1 incr. 0
  'voepass-2283-vinhedo-crash-2024': { precision: 94, recall: 98, coreRecall: 98, formsLinked: 87, junk: 4, split: 6, coreSplit: 1, merged: 2, nameErrors: 4, coreNameErrors: 0, typeErrors: 3, incrementalDifferences: 0 },
};

// prettier-ignore
const LANGUAGES: Record<string, Bounds> = {
  // measured: P 100.0 R 96.4 core 98.2 forms 92.7, junk 0 split 2 (core 0) merged 0 names 1 (core 0) types 4
  en: { precision: 98, recall: 94, coreRecall: 96, formsLinked: 90, junk: 3, split: 5, coreSplit: 0, merged: 3, nameErrors: 4, coreNameErrors: 0, typeErrors: 7 },
  // measured: P 98.9 R 96.7 core 100.0 forms 94.7, junk 1 split 0 (core 0) merged 0 names 2 (core 0) types 3
  es: { precision: 96, recall: 94, coreRecall: 98, formsLinked: 92, junk: 4, split: 3, coreSplit: 0, merged: 3, nameErrors: 4, coreNameErrors: 0, typeErrors: 7 },
  // measured: P 100.0 R 97.8 core 96.6 forms 95.1, junk 0 split 0 (core 0) merged 0 names 1 (core 0) types 4
  fr: { precision: 97, recall: 95, coreRecall: 94, formsLinked: 92, junk: 3, split: 3, coreSplit: 0, merged: 3, nameErrors: 4, coreNameErrors: 0, typeErrors: 7 },
  // measured: P 97.3 R 98.6 core 100.0 forms 92.5, junk 2 split 4 (core 1) merged 0 names 2 (core 0) types 1
  pt: { precision: 95, recall: 96, coreRecall: 98, formsLinked: 90, junk: 5, split: 7, coreSplit: 1, merged: 3, nameErrors: 5, coreNameErrors: 0, typeErrors: 4 },
};

// prettier-ignore
// measured: P 99.0 R 97.6 core 100.0 forms 92.1, junk 3 split 9 (core 2) merged 0 names 4 (core 0) types 11 incr. 0
const OVERALL: Bounds = { precision: 96, recall: 95, coreRecall: 98, formsLinked: 90, junk: 7, split: 13, coreSplit: 2, merged: 5, nameErrors: 9, coreNameErrors: 0, typeErrors: 15, incrementalDifferences: 0 };

/** What falls short of the bounds, as readable lines (empty when all hold). */
function shortfalls(r: ScopeResult, b: Bounds, incrementalDifferences?: number): string[] {
  const out: string[] = [];
  const floor = (what: string, value: number | null, min: number | undefined) => {
    if (min === undefined || value === null) return;
    if (value * 100 < min) out.push(`${what} ${(value * 100).toFixed(1)}% < floor ${min}%`);
  };
  const ceiling = (what: string, value: number | undefined, max: number | undefined) => {
    if (max === undefined || value === undefined) return;
    if (value > max) out.push(`${what} ${value} > ceiling ${max}`);
  };
  floor('precision', r.ratios.precision, b.precision);
  floor('recall', r.ratios.recall, b.recall);
  floor('core recall', r.ratios.coreRecall, b.coreRecall);
  floor('forms linked', r.ratios.formsLinked, b.formsLinked);
  ceiling('junk', r.counts.junk, b.junk);
  ceiling('split', r.counts.split, b.split);
  ceiling('merged', r.counts.merged, b.merged);
  ceiling('name errors', r.counts.nameErrors, b.nameErrors);
  ceiling('type errors', r.counts.typeErrors, b.typeErrors);
  ceiling('core splits', r.counts.coreSplit, b.coreSplit);
  ceiling('core name errors', r.counts.coreNameErrors, b.coreNameErrors);
  ceiling('incremental differences', incrementalDifferences, b.incrementalDifferences);
  return out;
}

describe('entity evaluation (npm run eval)', () => {
  let report: EvalReport;
  beforeAll(() => {
    report = evaluateAll();
  }, 300_000);

  it('covers every gold event and language', () => {
    expect(report.events.map((e) => e.event).sort()).toEqual(Object.keys(EVENTS).sort());
    expect(Object.keys(report.byLanguage).sort()).toEqual(Object.keys(LANGUAGES).sort());
  });

  it.each(Object.keys(EVENTS))('%s holds its floors and ceilings', (event) => {
    const r = report.events.find((e) => e.event === event)!;
    expect(shortfalls(r.batch, EVENTS[event]!, r.incremental.diff.differences)).toEqual([]);
  });

  it.each(Object.keys(EVENTS))(
    '%s: added one source at a time, the same ids, names, aliases, types and mentions as batch',
    (event) => {
      const r = report.events.find((e) => e.event === event)!;
      expect(r.incremental.diff.differences).toBe(0);
      expect(r.incremental.identical).toBe(true);
      // As the extension's background adds them (lib/service/sources.ts).
      expect(r.service.diff.differences).toBe(0);
    },
  );

  it.each(Object.keys(LANGUAGES))('language %s holds its floors and ceilings', (lang) => {
    expect(shortfalls(report.byLanguage[lang]!, LANGUAGES[lang]!)).toEqual([]);
  });

  it('overall holds its floors and ceilings', () => {
    expect(shortfalls(report.overall, OVERALL, report.incrementalOverall.differences)).toEqual([]);
  });
});

describe('language detection on the evaluation articles (npm run eval)', () => {
  const r = evaluateLanguages();
  it('detects every article as the language its sources.json gives', () => {
    expect(r.misdetected).toEqual([]);
    expect(r.detected).toBe(r.articles);
  });
  // Measured: 4 of 401 lines and 8 of 647 sentences, every one but a headline really in another
  // language (a paywall's, an agency caption's); the stopword guess this replaced dropped 22.
  it('drops as another language no more lines and sentences than measured', () => {
    expect(r.lines.dropped.length).toBeLessThanOrEqual(4);
    expect(r.sentences.dropped.length).toBeLessThanOrEqual(8);
  });
});
