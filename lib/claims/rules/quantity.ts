/**
 * Numbers: two figures align when they count the same unit ("evacuation"), apply to the same
 * thing (complement "auto import" vs "Ruritanian import" do not), and sit in contexts that share
 * rare words. Aligned figures conflict when the ranges their hedges allow do not overlap.
 */
import type { Claim } from '../../types';
import {
  COGNATE_PREFIX,
  contextOf,
  type Finding,
  groups,
  outletOf,
  passageLemmas,
  type RuleContext,
  sharedCognateWeight,
  sharedWeight,
  sourceCount,
  uniqueEntities,
} from '../align';
import { crossSourceCandidates, nearMap, type Neighbours, weightedCandidates } from '../candidates';
import { claimWordsOf, isMeasureNoun } from '../../lang/claim-words';
import { gap } from '../extractors/numbers';
import { lemma } from '../text';

const TIME_UNITS = new Set([
  'second',
  'minute',
  'hour',
  'day',
  'week',
  'month',
  'year',
  'decade',
  'century',
]);
let durations: Set<string> | null = null;
/** Units of time in any language, as the extractor's lemmas of them ("años" -> "ano"). */
function isDuration(unit: string): boolean {
  durations ??= new Set([...TIME_UNITS, ...[...claimWordsOf('durationUnits')].map(lemma)]);
  return durations.has(unit);
}

/** Persons named in a figure's clause: two counts about different people are two counts. */
function persons(c: Claim, ctx: RuleContext): string[] {
  return c.entityIds.filter((id) => ctx.entities.get(id)?.type === 'person');
}

/** Gap up to which two values of a running tally are one report told two ways. */
export const TALLY_SAME_REPORT_GAP = 0.1;
/** Words two sentences share over the words either has: the same report, worded alike. */
export const SAME_REPORT_WORDS = 0.5;

/**
 * A running tally ("the toll rose to …") grows report after report: two values far apart are
 * a timeline, unless the two sentences are the same report worded alike.
 */
function isTimeline(a: Claim, b: Claim, gapAB: number, ctx: RuleContext): boolean {
  if (!(a.detail.tally || b.detail.tally) || gapAB <= TALLY_SAME_REPORT_GAP) return false;
  const words = (c: Claim) => new Set(passageLemmas(ctx.passages.get(c.passageId)?.text ?? ''));
  const wa = words(a);
  const wb = words(b);
  const shared = [...wa].filter((w) => wb.has(w)).length;
  // Jaccard, not the smaller set's share: a headline shares most of its words with any report.
  return shared / (wa.size + wb.size - shared || 1) < SAME_REPORT_WORDS;
}

/** Shared context needed to call two figures the same count (summed idf of shared words). */
export const QUANTITY_CONTEXT_MIN = 2.5;

function num(c: Claim, key: 'low' | 'high'): number {
  const v = c.detail[key];
  return typeof v === 'number' ? v : Number(c.value);
}

export function quantitiesAlign(a: Claim, b: Claim, ctx: RuleContext): boolean {
  if (a.sourceId === b.sourceId || a.unit !== b.unit || !a.unit) return false;
  const ca = a.detail.complement;
  const cb = b.detail.complement;
  if (ca && cb && ca !== cb) return false;
  if (Boolean(a.detail.each) !== Boolean(b.detail.each)) return false;
  // Two articles ("a flight", "a plane") say nothing a number would contradict.
  if (a.detail.article === true && b.detail.article === true) return false;
  if (a.detail.outcome && b.detail.outcome && a.detail.outcome !== b.detail.outcome) return false;
  // Shares credited to different people ("A won 58%, B 30%") are two shares; a share whose
  // owner is unknown is compared with no owned one.
  if ((a.detail.owner || b.detail.owner) && a.detail.owner !== b.detail.owner) return false;
  const pa = persons(a, ctx);
  const pb = persons(b, ctx);
  if (pa.length > 0 && pb.length > 0 && !pa.some((id) => pb.includes(id))) return false;
  if (isDuration(a.unit)) {
    // Durations are everywhere ("four years", "200 years"): names in common are not enough.
    const strip = (c: Claim) => contextOf(c).filter((w) => !ctx.nameWords.has(w));
    return sharedWeight(strip(a), strip(b), ctx.idf) >= QUANTITY_CONTEXT_MIN;
  }
  // An article is a weak count: it needs twice the shared context of a number.
  const article = a.detail.article === true || b.detail.article === true;
  // Outlets in two languages word the same fact in cognates ("aeroporto", "aeropuerto").
  const la = ctx.sources.get(a.sourceId)?.language;
  const lb = ctx.sources.get(b.sourceId)?.language;
  const shared = la && lb && la !== lb ? sharedCognateWeight : sharedWeight;
  return shared(contextOf(a), contextOf(b), ctx.idf) >= QUANTITY_CONTEXT_MIN * (article ? 2 : 1);
}

/** Letters two cognates share at the start (align.ts): a word's token, or the word when short. */
function cognateToken(w: string): string {
  return w.length > COGNATE_PREFIX ? `k${w.slice(0, COGNATE_PREFIX)}` : `w${w}`;
}

/**
 * The pairs of `claims` that could align (quantitiesAlign): same unit, and shared context words
 * that could weigh QUANTITY_CONTEXT_MIN. A word's weight is its idf, as the context tests read
 * it; across languages a word also matches a cognate, so words are taken by their cognate
 * token, each token weighing all the item's words that have it (what they could add at most).
 */
export function quantityCandidates(claims: readonly Claim[], ctx: RuleContext): Neighbours {
  const weight = (x: string) => ctx.idf.get(x) ?? Math.log(2);
  const tokens = claims.map((c) => {
    const out = new Map<string, number>();
    if (!c.unit) return out;
    if (isDuration(c.unit)) {
      const unit = `${c.unit}\u0000`;
      for (const w of new Set(contextOf(c).filter((x) => !ctx.nameWords.has(x))))
        out.set(`${unit}w${w}`, weight(w));
      return out;
    }
    for (const [t, words] of cognateTokens(c)) {
      let sum = 0;
      for (const w of words) sum += weight(w);
      out.set(t, sum);
    }
    return out;
  });
  return weightedCandidates(tokens, QUANTITY_CONTEXT_MIN);
}

// A claim's context words by cognate token (its unit first): the same for the same claim, which
// a story compared again after a change holds again.
const tokensOfClaim = new WeakMap<Claim, ReadonlyMap<string, readonly string[]>>();
function cognateTokens(c: Claim): ReadonlyMap<string, readonly string[]> {
  let out = tokensOfClaim.get(c);
  if (!out) {
    const map = new Map<string, string[]>();
    for (const w of new Set(contextOf(c))) {
      const t = `${c.unit}\u0000${cognateToken(w)}`;
      const list = map.get(t);
      if (list) list.push(w);
      else map.set(t, [w]);
    }
    tokensOfClaim.set(c, (out = map));
  }
  return out;
}

function plural(unit: string): string {
  const u = unit.replace(/^% /, '');
  if (unit.startsWith('%')) return `percent (${u || 'rate'})`;
  if (/y$/.test(u) && !/[aeiou]y$/.test(u)) return `${u.slice(0, -1)}ies`;
  return /s$/.test(u) ? u : `${u}s`;
}

function isRange(c: Claim): boolean {
  return c.detail.hedge === 'range';
}

/**
 * A range ("between 40 and 45%") compares end by end: another range or a single figure is the
 * same report only when its ends are the same (a figure is a range with two equal ends).
 */
export function rangeGap(a: Claim, b: Claim): number {
  const ends = (c: Claim): [number, number] =>
    isRange(c) ? [num(c, 'low'), num(c, 'high')] : [Number(c.value), Number(c.value)];
  const [al, ah] = ends(a);
  const [bl, bh] = ends(b);
  const rel = (x: number, y: number) => Math.abs(x - y) / Math.max(Math.abs(x), Math.abs(y), 1);
  return Math.max(rel(al, bl), rel(ah, bh));
}

/** A reading of a measure ("magnitude 5"), not a count of things. */
export function isReading(c: Claim): boolean {
  return Boolean(c.unit) && isMeasureNoun(c.unit!);
}

/** How far apart two figures are, allowing for hedges and ranges: 0 when they agree. */
export function valueGap(a: Claim, b: Claim): number {
  return isRange(a) || isRange(b)
    ? rangeGap(a, b)
    : gap(
        { low: num(a, 'low'), high: num(a, 'high') },
        { low: num(b, 'low'), high: num(b, 'high') },
      );
}

export function compareQuantities(claims: readonly Claim[], ctx: RuleContext): Finding[] {
  const qs = claims.filter((c) => c.kind === 'quantity');
  const out: Finding[] = [];
  const near = quantityCandidates(qs, ctx);
  const nearClaims = nearMap(qs, near);
  const linkable = {
    sourceOf: (c: Claim) => c.sourceId,
    blockOf: (c: Claim) => c.unit || null,
    near,
  };
  for (const g of groups(qs, (a, b) => quantitiesAlign(a, b, ctx), linkable)) {
    if (sourceCount(g) < 2) continue;
    let worst = 0;
    let pair: [Claim, Claim] | null = null;
    let measuredApart = false;
    crossSourceCandidates(
      g,
      (c) => c.sourceId,
      nearClaims,
      (a, b) => {
        // Only figures aligned with each other conflict: a group is joined through chains.
        if (!quantitiesAlign(a, b, ctx)) return;
        const d = valueGap(a, b);
        // Readings ("magnitude 5") differ by who measured: two values are no count told two
        // ways; the same measurer credited with both is an attribution conflict instead.
        if (d > 0 && isReading(a)) {
          measuredApart = true;
          return;
        }
        if (d > 0 && isTimeline(a, b, d, ctx)) return;
        if (d > worst) {
          worst = d;
          pair = [a, b];
        }
      },
    );
    // Readings measured apart do not agree either: nothing to say about them as counts.
    if (!pair && measuredApart) continue;
    const first = g[0]!;
    // The words as the outlet wrote them ("of Ruritanian migrants"), not the matching lemmas.
    const written = first.detail.complementText ?? first.detail.complement;
    const complement = written ? ` of ${String(written)}` : '';
    const topic = `How many ${plural(first.unit ?? '')}${complement}`;
    const sides = g.map((c) => `${outletOf(ctx, c.sourceId)}: “${c.span}”`).join('; ');
    if (pair) {
      const severity = worst > 0.2 ? 'high' : worst > 0.05 ? 'medium' : 'low';
      out.push({
        kind: 'quantity',
        topic,
        severity,
        reason: `The figures cannot all be true, even allowing for hedges (${Math.round(worst * 100)}% apart): ${sides}.`,
        claimIds: g.map((c) => c.id),
        entityIds: uniqueEntities(g),
        agreement: false,
      });
    } else {
      out.push({
        kind: 'quantity',
        topic,
        severity: 'low',
        reason: `${sourceCount(g)} outlets agree (allowing for hedges): ${sides}.`,
        claimIds: g.map((c) => c.id),
        entityIds: uniqueEntities(g),
        agreement: true,
      });
    }
  }
  return out;
}
