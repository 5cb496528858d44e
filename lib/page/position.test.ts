import { describe, expect, test } from 'vitest';
import { cardPlacement } from './position';

const viewport = { width: 1000, height: 800 };
const card = { width: 360, height: 300 };
const line = (left: number, top: number) => ({ left, top, right: left + 80, bottom: top + 20 });

describe('cardPlacement', () => {
  test.each([
    ['room below: under the line, left-aligned', line(100, 100), 'bottom-start', 100, 126],
    ['near the bottom: above the line', line(100, 700), 'top-start', 100, 394],
    ['near the right edge: shifted inside the viewport', line(900, 100), 'bottom-start', 632, 126],
    ['at the left edge: kept off it', line(0, 100), 'bottom-start', 8, 126],
  ] as const)('%s', (_, ref, placement, x, y) => {
    const p = cardPlacement(ref, card, viewport);
    expect(p.placement).toBe(placement);
    expect(p.x).toBe(x);
    expect(p.y).toBe(y);
  });

  test('no room on either side: the larger side, the card capped to it', () => {
    const p = cardPlacement(line(100, 300), { width: 360, height: 700 }, viewport);
    expect(p.placement).toBe('bottom-start');
    expect(p.maxHeight).toBe(800 - 320 - 6 - 8);
    expect(p.y).toBe(326);
  });

  test('a tiny room is never a tiny card', () => {
    const p = cardPlacement(
      line(100, 150),
      { width: 360, height: 700 },
      { width: 1000, height: 330 },
    );
    expect(p.maxHeight).toBe(160);
  });
});
