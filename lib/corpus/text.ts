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
