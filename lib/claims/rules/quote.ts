/**
 * Quotes: the same quote worded differently. Two quotes by the same speaker align when most
 * words of the shorter one appear, in order, in the longer one (a word-level diff with `diff`);
 * they differ when content words (not "the", "a") change inside the shared stretch.
 */
import { diffArrays } from 'diff';
import type { Claim } from '../../types';
import { crossSourcePairs, type Finding, groups, outletOf, type RuleContext } from '../align';
import { type Neighbours, overlapCandidates } from '../candidates';
import { quoteWordCounts, quoteWords, wordLists } from '../extractors/quote';
import { STOP } from '../text';

export const QUOTE_SIMILARITY_MIN = 0.55;

export interface QuoteDiff {
  readonly similarity: number;
  /** Content words only in a / only in b, within the stretch both quotes cover. */
  readonly onlyA: readonly string[];
  readonly onlyB: readonly string[];
}

// A story compared again after a source joined it diffs the same pairs of quotes again (the
// rules compare every pair): each pair's answer is kept, bounded like the grouping's caches.
const diffs = new Map<string, QuoteDiff>();
const DIFFS_MAX = 5_000;

/** Word-level comparison of two quotes; the longer one is cut to the stretch the shorter covers. */
export function diffQuotes(a: string, b: string): QuoteDiff {
  const k = `${a}\u0000${b}`;
  let d = diffs.get(k);
  if (!d) {
    d = Object.freeze(freshDiff(a, b));
    if (diffs.size >= DIFFS_MAX) diffs.clear();
    diffs.set(k, d);
  }
  return d;
}

/** diffQuotes without the kept answers. */
export function freshDiff(a: string, b: string): QuoteDiff {
  const wa = quoteWords(a);
  const wb = quoteWords(b);
  const parts = diffArrays([...wa], [...wb]);
  const common = parts.filter((p) => !p.added && !p.removed).reduce((n, p) => n + p.count, 0);
  const similarity = common / Math.max(1, Math.min(wa.length, wb.length));
  // Trim leading/trailing insertions: the shorter quote is a fragment of the longer one.
  let from = 0;
  let to = parts.length;
  while (from < to && (parts[from]!.added || parts[from]!.removed)) from++;
  while (to > from && (parts[to - 1]!.added || parts[to - 1]!.removed)) to--;
  const onlyA: string[] = [];
  const onlyB: string[] = [];
  for (const p of parts.slice(from, to)) {
    const content = p.value.filter((w) => !STOP.has(w) && !/^(?:and|the|a|an)$/.test(w));
    if (p.removed) onlyA.push(...content);
    if (p.added) onlyB.push(...content);
  }
  return { similarity, onlyA, onlyB };
}

function clip(ws: readonly string[]): string {
  if (ws.length === 0) return '—';
  return ws.length > 6 ? `${ws.slice(0, 6).join(' ')} …` : ws.join(' ');
}

function speakerKey(c: Claim): string {
  return String(c.detail.speakerId ?? c.detail.speaker ?? '');
}

/**
 * At least diffQuotes(a, b).similarity, without a diff: the words both quotes hold, counted with
 * their repeats (the words a diff keeps in common are a common subsequence, never more). Most
 * pairs the rules compare are different quotes, which this rules out at once.
 */
export function similarityBound(a: string, b: string): number {
  const ca = quoteWordCounts(a);
  const cb = quoteWordCounts(b);
  // Each word as many times as both hold it (the counts of the texts' words are kept).
  const [small, large] = ca.size <= cb.size ? [ca, cb] : [cb, ca];
  let shared = 0;
  for (const [w, n] of small) {
    const m = large.get(w);
    if (m !== undefined) shared += Math.min(n, m);
  }
  return shared / Math.max(1, Math.min(quoteWords(a).length, quoteWords(b).length));
}

/** Whether two quotes are alike at least `min` (diffQuotes), ruling most pairs out cheaply. */
export function quotesAlike(a: string, b: string, min: number): boolean {
  return similarityBound(a, b) >= min && diffQuotes(a, b).similarity >= min;
}

/** The pairs of quote claims that could be alike at least `min` (similarityBound). */
export function quoteCandidates(quotes: readonly Claim[], min: number): Neighbours {
  return overlapCandidates(
    quotes.map((c) => quoteWordCounts(c.value)),
    min,
  );
}

export function quotesAlign(a: Claim, b: Claim): boolean {
  if (a.sourceId === b.sourceId) return false;
  if (quoteWords(a.value).length < 5 || quoteWords(b.value).length < 5) return false;
  return quotesAlike(a.value, b.value, QUOTE_SIMILARITY_MIN);
}

/**
 * A speaker's list of words quoted in one outlet ("open, frank, and productive") against a list
 * in the same speaker's quote in another ("an honest, frank and friendly dialogue"): the same
 * description when they share a word, worded differently when they also differ.
 */
export function compareWordLists(qs: readonly Claim[], ctx: RuleContext): Finding[] {
  const out: Finding[] = [];
  const lists = qs.filter((c) => c.detail.list === true);
  // Only one speaker's quotes are compared: each list meets that speaker's, in their order.
  const bySpeaker = new Map<string, Claim[]>();
  for (const c of qs) {
    const k = speakerKey(c);
    const list = bySpeaker.get(k);
    if (list) list.push(c);
    else bySpeaker.set(k, [c]);
  }
  for (const a of lists)
    for (const b of bySpeaker.get(speakerKey(a)) ?? []) {
      if (b.sourceId === a.sourceId) continue;
      if (b.detail.list === true && b.id < a.id) continue; // each pair of lists once
      const la = wordLists(a.value)[0]!;
      for (const lb of wordLists(b.value)) {
        const shared = la.filter((w) => lb.includes(w));
        const onlyA = la.filter((w) => !lb.includes(w));
        const onlyB = lb.filter((w) => !la.includes(w));
        if (shared.length === 0 || onlyA.length + onlyB.length === 0) continue;
        const speakerId = typeof a.detail.speakerId === 'string' ? a.detail.speakerId : null;
        const speaker = speakerId ? ctx.entities.get(speakerId) : undefined;
        const who = speaker ? speaker.short : String(a.detail.speaker);
        out.push({
          kind: 'quote',
          topic: `${who}’s words: “${la.join(', ')}”`,
          severity: 'low',
          reason: `The same description, worded differently: ${outletOf(ctx, a.sourceId)} has “${la.join(', ')}”, ${outletOf(ctx, b.sourceId)} has “${lb.join(', ')}” (both: “${shared.join(', ')}”).`,
          claimIds: [a.id, b.id],
          entityIds: speakerId ? [speakerId] : [],
          agreement: false,
        });
        break;
      }
    }
  return out;
}

export function compareQuotes(claims: readonly Claim[], ctx: RuleContext): Finding[] {
  const qs = claims.filter((c) => c.kind === 'quote' && speakerKey(c));
  const out: Finding[] = compareWordLists(qs, ctx);
  const linkable = {
    sourceOf: (c: Claim) => c.sourceId,
    blockOf: speakerKey,
    near: quoteCandidates(qs, QUOTE_SIMILARITY_MIN),
  };
  for (const g of groups(qs, (a, b) => quotesAlign(a, b), linkable)) {
    if (new Set(g.map((c) => c.sourceId)).size < 2) continue;
    const differences: string[] = [];
    let changed = 0;
    let total = 0;
    crossSourcePairs(
      g,
      (c) => c.sourceId,
      (a, b) => {
        const d = diffQuotes(a.value, b.value);
        if (d.onlyA.length + d.onlyB.length === 0) return;
        changed += d.onlyA.length + d.onlyB.length;
        total += Math.min(quoteWords(a.value).length, quoteWords(b.value).length);
        const oa = outletOf(ctx, a.sourceId);
        const ob = outletOf(ctx, b.sourceId);
        const n = d.onlyA.length + d.onlyB.length;
        // Many changed words read as a list of noise: say how much differs instead.
        differences.push(
          n > 8
            ? `${oa} and ${ob} word it very differently (${n} content words differ)`
            : d.onlyA.length === 0
              ? `${ob} adds “${clip(d.onlyB)}”`
              : d.onlyB.length === 0
                ? `${oa} adds “${clip(d.onlyA)}”`
                : `${oa} has “${clip(d.onlyA)}” where ${ob} has “${clip(d.onlyB)}”`,
        );
      },
    );
    const first = g[0]!;
    const speakerId = typeof first.detail.speakerId === 'string' ? first.detail.speakerId : null;
    const speaker = speakerId ? ctx.entities.get(speakerId) : undefined;
    const who = speaker ? speaker.short : String(first.detail.speaker);
    const opening = first.value.split(/\s+/).slice(0, 6).join(' ');
    const interpreted = g.some((c) => c.detail.interpreter === true)
      ? ' (one version is through an interpreter)'
      : '';
    const ratio = total ? changed / total : 0;
    out.push({
      kind: 'quote',
      topic: `${who}’s words: “${opening}…”`,
      severity: differences.length === 0 ? 'low' : ratio > 0.3 ? 'medium' : 'low',
      reason:
        differences.length === 0
          ? `${new Set(g.map((c) => c.sourceId)).size} outlets quote ${who} the same way.`
          : `The same quote, worded differently${interpreted}: ${differences.join('; ')}.`,
      claimIds: g.map((c) => c.id),
      entityIds: speakerId ? [speakerId] : [],
      agreement: differences.length === 0,
    });
  }
  return out;
}
