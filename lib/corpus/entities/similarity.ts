/** String similarity for names: Jaro–Winkler, and whether two words read as cognates. */
import { sameGloss } from '../../lang';

/** Jaro similarity of two strings (0..1). */
function jaro(a: string, b: string): number {
  if (a === b) return 1;
  if (a.length === 0 || b.length === 0) return 0;
  const window = Math.max(0, Math.floor(Math.max(a.length, b.length) / 2) - 1);
  const aHit = new Array<boolean>(a.length).fill(false);
  const bHit = new Array<boolean>(b.length).fill(false);
  let matches = 0;
  for (let i = 0; i < a.length; i++) {
    const lo = Math.max(0, i - window);
    const hi = Math.min(b.length - 1, i + window);
    for (let j = lo; j <= hi; j++) {
      if (bHit[j] || a[i] !== b[j]) continue;
      aHit[i] = bHit[j] = true;
      matches++;
      break;
    }
  }
  if (matches === 0) return 0;
  let transpositions = 0;
  let j = 0;
  for (let i = 0; i < a.length; i++) {
    if (!aHit[i]) continue;
    while (!bHit[j]) j++;
    if (a[i] !== b[j]) transpositions++;
    j++;
  }
  const m = matches;
  return (m / a.length + m / b.length + (m - transpositions / 2) / m) / 3;
}

/** Jaro–Winkler similarity (0..1): Jaro, raised for a common prefix of up to four letters. */
export function jaroWinkler(a: string, b: string): number {
  const j = jaro(a, b);
  let prefix = 0;
  while (prefix < 4 && prefix < a.length && prefix < b.length && a[prefix] === b[prefix]) prefix++;
  return j + prefix * 0.1 * (1 - j);
}

/** Length of the common prefix of two strings. */
export function commonPrefix(a: string, b: string): number {
  let i = 0;
  while (i < a.length && i < b.length && a[i] === b[i]) i++;
  return i;
}

/**
 * Two folded words that read as one word in two languages ("instituto" / "institut",
 * "nacional" / "national", "electoral" / "eleitoral"): the same first letter, and a long
 * common stem or a high Jaro–Winkler similarity; or words the lexicons give as translations
 * ("high" / "haut" / "alto").
 */
export function cognates(a: string, b: string): boolean {
  if (a === b) return true;
  // The same pairs of words are compared on every build: remembered (bounded), by first word
  // then second (no pair key made per ask).
  let withA = cognatePairs.get(a);
  const known = withA?.get(b);
  if (known !== undefined) return known;
  const answer = readAsCognates(a, b);
  if (cognatePairCount >= COGNATE_CACHE_MAX) {
    cognatePairs.clear();
    cognatePairCount = 0;
    withA = undefined;
  }
  if (!withA) cognatePairs.set(a, (withA = new Map()));
  withA.set(b, answer);
  cognatePairCount++;
  return answer;
}

const cognatePairs = new Map<string, Map<string, boolean>>();
let cognatePairCount = 0;
const COGNATE_CACHE_MAX = 200_000;

function readAsCognates(a: string, b: string): boolean {
  if (sameGloss(a, b)) return true;
  if (a[0] !== b[0] || Math.min(a.length, b.length) < 4) return false;
  const shorter = Math.min(a.length, b.length);
  if (commonPrefix(a, b) >= Math.max(4, Math.ceil(shorter * 0.6))) return true;
  const jw = jaroWinkler(a, b);
  return jw >= 0.88 || (jw >= 0.82 && commonPrefix(a, b) >= 3);
}
