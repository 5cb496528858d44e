import { describe, expect, test } from 'vitest';
import { splitSentences } from './segment';

const sentences = (t: string) => splitSentences(t).map((s) => t.slice(s.start, s.end));

describe('splitSentences', () => {
  test.each([
    [
      'U.S. Homeland Security Secretary Kristi Noem visited Colombia on Thursday. Her trip comes amid a souring.',
      [
        'U.S. Homeland Security Secretary Kristi Noem visited Colombia on Thursday.',
        'Her trip comes amid a souring.',
      ],
    ],
    [
      'The dispute erupted at 3:41 a.m. on a Sunday when Petro posted on “X,” declaring it. Trump responded swiftly.',
      [
        'The dispute erupted at 3:41 a.m. on a Sunday when Petro posted on “X,” declaring it.',
        'Trump responded swiftly.',
      ],
    ],
    [
      '“With Mrs. Kristi Noem, U.S. Secretary of Homeland Security. We talked at length about homeland security.”',
      [
        '“With Mrs. Kristi Noem, U.S. Secretary of Homeland Security.',
        'We talked at length about homeland security.”',
      ],
    ],
    [
      'Petro said his government would not accept flights deported from the U.S. The State Department also said it would stop.',
      [
        'Petro said his government would not accept flights deported from the U.S.',
        'The State Department also said it would stop.',
      ],
    ],
  ])('%s', (text, expected) => {
    expect(sentences(text)).toEqual(expected);
  });

  test('offsets point into the original text and respect the range', () => {
    const text = 'Intro. First one here. Second one there.';
    const spans = splitSentences(text, 7);
    expect(spans.map((s) => text.slice(s.start, s.end))).toEqual([
      'First one here.',
      'Second one there.',
    ]);
  });
});
