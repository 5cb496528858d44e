import { describe, expect, test } from 'vitest';
import { repairBudget } from './ui-host';

describe('repairBudget: a page that keeps undoing our host never wins for good', () => {
  test('a burst is answered at once, then nothing until time passes', () => {
    const may = repairBudget(3, 1000, 0);
    expect([may(0), may(0), may(0), may(0)]).toEqual([true, true, true, false]);
    expect(may(999)).toBe(false);
    expect(may(1999)).toBe(true);
  });

  test.each([100, 1_000, 10_000])(
    'after %i undos a second apart, each one is still repaired',
    (undos) => {
      const may = repairBudget(20, 1000, 0);
      let repaired = 0;
      for (let i = 0; i < undos; i++) if (may(i * 1000)) repaired++;
      expect(repaired).toBe(undos);
    },
  );

  test('a fight of 10,000 undos in one millisecond gets only the burst, and the next second one more', () => {
    const may = repairBudget(20, 1000, 0);
    let repaired = 0;
    for (let i = 0; i < 10_000; i++) if (may(i / 10_000)) repaired++;
    expect(repaired).toBe(20);
    expect(may(1001)).toBe(true);
  });

  test('a clock that goes backwards refills nothing', () => {
    const may = repairBudget(1, 1000, 5000);
    expect(may(5000)).toBe(true);
    expect(may(0)).toBe(false);
    expect(may(1000)).toBe(false);
  });
});
