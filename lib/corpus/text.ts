/** Case- and accent-folding that keeps string length, so offsets in folded text map 1:1. */
export function fold(s: string): string {
  let out = '';
  for (const ch of s) {
    const base = ch.normalize('NFD').replace(/\p{M}+/gu, '');
    const lower = (base.length === ch.length ? base : ch).toLowerCase();
    out += lower.length === ch.length ? lower : ch;
  }
  return out;
}

/** Straight quotes and apostrophes, for comparing text from different outlets. */
export function normalizeQuotes(s: string): string {
  return s.replace(/[\u2018\u2019\u201B\u2032]/g, "'").replace(/[\u201C\u201D\u201E\u2033]/g, '"');
}
