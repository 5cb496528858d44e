// Plain ASCII folds with toLowerCase alone (no accents; lower-casing keeps its length).
const ASCII = /^[\x00-\x7f]*$/;

/** Case- and accent-folding that keeps string length, so offsets in folded text map 1:1. */
export function fold(s: string): string {
  if (ASCII.test(s)) return s.toLowerCase();
  // Words and names are folded over and over (every build reads every source's words): the
  // short ones are remembered, as folding goes character by character.
  const cached = s.length <= FOLD_CACHE_CHARS ? foldCache.get(s) : undefined;
  if (cached !== undefined) return cached;
  let out = '';
  for (const ch of s) {
    const base = ch.normalize('NFD').replace(/\p{M}+/gu, '');
    const lower = (base.length === ch.length ? base : ch).toLowerCase();
    out += lower.length === ch.length ? lower : ch;
  }
  if (s.length <= FOLD_CACHE_CHARS) {
    if (foldCache.size >= FOLD_CACHE_MAX) foldCache.clear();
    foldCache.set(s, out);
  }
  return out;
}

const foldCache = new Map<string, string>();
const FOLD_CACHE_CHARS = 64;
const FOLD_CACHE_MAX = 100_000;
