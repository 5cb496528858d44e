/**
 * The discrepancy evaluation as a regression test: `npm run eval`'s discrepancy section must not
 * fall below today's figures. Floors are the measured figures minus 2 points, rounded down;
 * ceilings on false alarms are the measured counts plus 1. Raise them as the engine improves.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import {
  type DiscrepancyGold,
  type DiscrepancyReport,
  evaluateDiscrepancies,
  loadDiscrepancyGold,
  precision,
  recall,
} from './discrepancy-eval';
import { loadEventSources, loadGoldEvents } from './evaluate';

// prettier-ignore
const FLOORS: Record<string, { precision: number | null; recall: number | null; falseAlarms: number }> = {
  // measured: P 100.0 R 71.4 (5/7), 0 false alarms
  'mexico-presidential-election-2024': { precision: 98, recall: 69, falseAlarms: 1 },
  // measured: P 71.4 R 77.8 (7/9), 2 false alarms (look-alikes: rising tolls in one wire text)
  'morocco-al-haouz-earthquake-2023': { precision: 69, recall: 75, falseAlarms: 3 },
  // measured: P 100.0 R 100.0 (7/7), 0 false alarms
  'noem-colombia-visit-2025': { precision: 98, recall: 98, falseAlarms: 0 },
  // measured: nothing to find, nothing flagged
  'unrelated': { precision: null, recall: null, falseAlarms: 0 },
  // measured: P 100.0 R 20.0 (1/5), 0 false alarms
  'valencia-dana-floods-2024': { precision: 98, recall: 18, falseAlarms: 1 },
  // measured: P 100.0 R 70.0 (7/10), 0 false alarms
  'voepass-2283-vinhedo-crash-2024': { precision: 98, recall: 68, falseAlarms: 1 },
};
// measured: P 92.6 R 71.1 (27/38)
const OVERALL = { precision: 90, recall: 70 };

let report: DiscrepancyReport;
beforeAll(() => {
  report = evaluateDiscrepancies();
});

const pct = (x: number | null) => (x === null ? null : x * 100);

describe('discrepancies against the gold', () => {
  it('scores every event that has a discrepancy gold', () => {
    expect(report.events.map((e) => e.event).sort()).toEqual(Object.keys(FLOORS).sort());
  });

  it.each(Object.entries(FLOORS))('%s stays at or above its floors', (event, floor) => {
    const e = report.events.find((x) => x.event === event)!;
    if (floor.precision !== null)
      expect(pct(precision(e.total))).toBeGreaterThanOrEqual(floor.precision);
    if (floor.recall !== null) expect(pct(recall(e.total))).toBeGreaterThanOrEqual(floor.recall);
    expect(e.total.fp).toBeLessThanOrEqual(floor.falseAlarms);
  });

  it('overall precision and recall stay at or above their floors', () => {
    expect(pct(precision(report.overall))).toBeGreaterThanOrEqual(OVERALL.precision);
    expect(pct(recall(report.overall))).toBeGreaterThanOrEqual(OVERALL.recall);
  });
});

describe('the discrepancy gold itself', () => {
  const events = loadGoldEvents()
    .map((g) => ({ g, gold: loadDiscrepancyGold(g.event) }))
    .filter((x): x is { g: (typeof x)['g']; gold: DiscrepancyGold } => x.gold !== null);

  it('covers the seeds and every eval event', () => {
    expect(events.length).toBe(loadGoldEvents().length);
  });

  it.each(events.map((x) => [x.g.event, x] as const))(
    '%s: every phrase is in one of its side’s sources, every id is unique',
    (_, { g, gold }) => {
      const fold = (s: string) =>
        s
          .normalize('NFD')
          .replace(/\p{M}+/gu, '')
          .toLowerCase()
          .replace(/\s+/g, ' ');
      const texts = new Map(
        loadEventSources(g).map((r) => [(r.file ?? r.id).replace(/\.txt$/, ''), fold(r.text)]),
      );
      const items = [...gold.discrepancies, ...gold.lookalikes];
      expect(new Set(items.map((d) => d.id)).size).toBe(items.length);
      // (The unrelated articles' gold is empty by design: nothing to compare.)
      for (const d of items) {
        expect(d.sides.length, d.id).toBeGreaterThanOrEqual(2);
        for (const side of d.sides) {
          for (const s of side.sources) expect(texts.has(s), `${d.id}: ${s}`).toBe(true);
          for (const p of side.phrases)
            expect(
              side.sources.some((s) => texts.get(s)!.includes(fold(p))),
              `${d.id}: “${p}”`,
            ).toBe(true);
        }
      }
    },
  );
});
