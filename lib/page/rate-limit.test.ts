import { describe, expect, test } from 'vitest';
import { rateLimit } from './rate-limit';

describe('rateLimit', () => {
  test.each([
    // [max, window, call times, expected answers]
    [1, 1000, [0, 10, 999, 1000], [true, false, false, true]],
    [3, 10_000, [0, 1, 2, 3, 9_999, 10_000], [true, true, true, false, false, true]],
    [2, 100, [0, 50, 100, 150, 151], [true, true, true, true, false]],
  ])('%i per %i ms at %j', (max, windowMs, calls, expected) => {
    let t = 0;
    const allow = rateLimit(max, windowMs, () => t);
    const answers = calls.map((c) => {
      t = c;
      return allow();
    });
    expect(answers).toEqual(expected);
  });
});
