import { describe, expect, it } from 'vitest';
import { words, wordsAtLeast } from './text';

/** Tokens whose trimming or folding changes their length, or could. */
const TEXTS = [
  'The U.S. and the U.K.. agreed.',
  'U.S officials; A.B.C.D. and A.B.C.D, then E.U.',
  'a,b 1,000 12,400 3.5 far-left, ,,,, state-of-the-art.',
  'it’s José’s naïve ÉCOLE. Straße Ärger Øresund',
  '𝒜𝒜𝒜 𝒜𝒜𝒜𝒜 𝒜𝒜𝒜𝒜𝒜 Ab.Cd. x. xy. xyz. wxyz. vwxyz.',
  '',
];

describe('wordsAtLeast', () => {
  it.each(TEXTS.flatMap((text) => [1, 2, 4, 5, 6].map((min) => [text, min] as const)))(
    'is words() without the words shorter than the minimum (%j, %i)',
    (text, min) => {
      const expected = words(text).filter((w) => w.text.length >= min);
      expect(wordsAtLeast(text, min)).toEqual(expected);
    },
  );

  it('leaves out a word that trimming made too short, and keeps "U.S." with its period', () => {
    expect(wordsAtLeast('U.S. state, done.', 4).map((w) => w.text)).toEqual([
      'U.S.',
      'state',
      'done',
    ]);
    expect(wordsAtLeast('abcd. abcde,', 5).map((w) => w.text)).toEqual(['abcde']);
  });
});
