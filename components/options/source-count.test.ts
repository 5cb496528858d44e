import { expect, test } from 'vitest';
import { sourceCount } from './source-count';

test.each([
  [5, 0, '5 built-in'],
  [1, 0, '1 built-in'],
  [7, 2, '7: 5 built-in, 2 added by you'],
  [2, 2, '2 added by you'],
  [0, 0, 'none yet'],
])('%i sources, %i added by the reader: "%s"', (total, added, text) => {
  expect(sourceCount(total, added)).toBe(text);
});
