// Plain ASCII folds with toLowerCase alone (no accents; lower-casing keeps its length).
const ASCII = /^[\x00-\x7f]*$/;

/** Case- and accent-folding that keeps string length, so offsets in folded text map 1:1. */
export function fold(s: string): string {
  if (ASCII.test(s)) return s.toLowerCase();
  let out = '';
  for (const ch of s) {
    const base = ch.normalize('NFD').replace(/\p{M}+/gu, '');
    const lower = (base.length === ch.length ? base : ch).toLowerCase();
    out += lower.length === ch.length ? lower : ch;
  }
  return out;
}
