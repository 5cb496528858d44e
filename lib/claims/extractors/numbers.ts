/**
 * Numbers as news prose writes them: digits in the source's locale ("12,400", Spanish "12.400"),
 * number words ("two planes"), scales ("1.5 million"), vague counts ("hundreds of") and hedges
 * ("over", "about", "nearly"), turned into a value with bounds so two figures can be compared.
 */

import { numberWordValue } from '../../lang/claim-words';

export type Hedge = 'exact' | 'over' | 'under' | 'about' | 'nearly' | 'vague' | 'range';

export interface ParsedNumber {
  value: number;
  /** Inclusive bounds the wording allows. */
  low: number;
  high: number;
  hedge: Hedge;
  /** Hedge words as written ("more than"), or null. */
  hedgeText: string | null;
}

/** English only beyond the per-language number words of lib/lang. */
const UNITS: Record<string, number> = {
  dozen: 12,
};

const SCALES: Record<string, number> = {
  hundred: 100,
  thousand: 1_000,
  million: 1_000_000,
  billion: 1_000_000_000,
  trillion: 1_000_000_000_000,
  mil: 1_000,
  millones: 1_000_000,
  millón: 1_000_000,
  millions: 1_000_000,
  milliards: 1_000_000_000,
};

/** "hundreds of", "thousands of", "dozens of": a range, not a figure. */
const VAGUE: Record<string, [number, number]> = {
  dozens: [24, 144],
  hundreds: [200, 999],
  thousands: [2_000, 9_999],
  millions: [2_000_000, 9_999_999],
  cientos: [200, 999],
  miles: [2_000, 9_999],
  centaines: [200, 999],
  milliers: [2_000, 9_999],
};

const HEDGES: Array<[RegExp, Hedge]> = [
  [
    /^(?:more than|over|above|upwards of|in excess of|at least|exceeding|más de|más del|plus de|plus du|mais de|mais do)$/,
    'over',
  ],
  [/^(?:less than|fewer than|under|below|up to|at most|no more than|menos de|moins de)$/, 'under'],
  [/^(?:nearly|almost|close to|just under|casi|près de|presque|quase)$/, 'nearly'],
  [
    /^(?:about|around|some|roughly|approximately|an estimated|estimated|circa|unos|unas|cerca de|alrededor de|environ|aproximadamente|cerca|roughly some)$/,
    'about',
  ],
];

/** Words that may precede a figure as its hedge, longest first. */
export const HEDGE_PHRASES = [
  'more than',
  'less than',
  'fewer than',
  'upwards of',
  'in excess of',
  'at least',
  'at most',
  'no more than',
  'up to',
  'close to',
  'just under',
  'an estimated',
  'más de',
  'más del',
  'plus du',
  'mais do',
  'menos de',
  'cerca de',
  'alrededor de',
  'plus de',
  'moins de',
  'près de',
  'mais de',
  'over',
  'above',
  'under',
  'below',
  'exceeding',
  'nearly',
  'almost',
  'about',
  'around',
  'some',
  'roughly',
  'approximately',
  'estimated',
  'circa',
  'unos',
  'unas',
  'casi',
  'environ',
  'presque',
  'quase',
  'aproximadamente',
];

export function hedgeOf(text: string | null): Hedge {
  if (!text) return 'exact';
  const t = text.toLowerCase();
  for (const [re, h] of HEDGES) if (re.test(t)) return h;
  return 'exact';
}

/** Languages that write 1.700 for one thousand seven hundred and 3,5 for three and a half. */
const DOT_THOUSANDS = new Set([
  'es',
  'fr',
  'de',
  'it',
  'pt',
  'nl',
  'tr',
  'id',
  'da',
  'sv',
  'no',
  'pl',
]);

/** Parses digits as the source's language writes them; null when it is not a number. */
export function parseDigits(raw: string, language: string | null = 'en'): number | null {
  const s = raw.replace(/[\u00A0\u202F ]/g, ' ').trim();
  const lang = (language ?? 'en').slice(0, 2).toLowerCase();
  const dotThousands = DOT_THOUSANDS.has(lang);
  if (/^\d{1,3}(?: \d{3})+(?:,\d+)?$/.test(s)) return Number(s.replace(/ /g, '').replace(',', '.'));
  if (dotThousands) {
    if (/^\d{1,3}(?:\.\d{3})+(?:,\d+)?$/.test(s))
      return Number(s.replace(/\./g, '').replace(',', '.'));
    if (/^\d+(?:,\d+)?$/.test(s)) return Number(s.replace(',', '.'));
    // "61.5": a dot before one or two digits cannot group thousands (Mexican usage).
    if (/^\d+\.\d{1,2}$/.test(s)) return Number(s);
  } else {
    if (/^\d{1,3}(?:,\d{3})+(?:\.\d+)?$/.test(s)) return Number(s.replace(/,/g, ''));
    if (/^\d+(?:\.\d+)?$/.test(s)) return Number(s);
  }
  return null;
}

/** A number word ("two", "fifteen", "dozen") or null. */
/** A number word in the source's language (or English): "two", "dos", "catorze". */
export function wordNumber(word: string, language: string | null = 'en'): number | null {
  return UNITS[word.toLowerCase()] ?? numberWordValue(word, language);
}

export function scaleOf(word: string): number | null {
  return SCALES[word.toLowerCase()] ?? null;
}

export function vagueRange(word: string): [number, number] | null {
  return VAGUE[word.toLowerCase()] ?? null;
}

/** Bounds a hedge allows around a figure. */
export function bounds(value: number, hedge: Hedge): [number, number] {
  switch (hedge) {
    case 'over':
      return [value, value * 1.5];
    case 'under':
      return [value * 0.5, value];
    case 'nearly':
      return [value * 0.9, value];
    case 'about':
      return [value * 0.9, value * 1.1];
    default:
      // A round figure is usually rounded by the writer: allow the rounding it implies.
      return roundBounds(value);
  }
}

function roundBounds(value: number): [number, number] {
  if (value >= 100 && value % 100 === 0) return [value * 0.95, value * 1.05];
  return [value, value];
}

export function makeNumber(value: number, hedgeText: string | null): ParsedNumber {
  const hedge = hedgeOf(hedgeText);
  const [low, high] = bounds(value, hedge);
  return { value, low, high, hedge, hedgeText };
}

/** Relative gap between two ranges (0 when they overlap). */
export function gap(
  a: Pick<ParsedNumber, 'low' | 'high'>,
  b: Pick<ParsedNumber, 'low' | 'high'>,
): number {
  if (a.high >= b.low && b.high >= a.low) return 0;
  const [lo, hi] = a.high < b.low ? [a.high, b.low] : [b.high, a.low];
  return (hi - lo) / Math.max(Math.abs(hi), 1);
}
