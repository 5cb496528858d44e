/**
 * Attributions: two outlets credit the same figure (aligned quantities) or the same quote
 * (aligned quotes) to different speakers.
 */
import type { Claim } from '../../types';
import { crossSourceCandidates, nearMap } from '../candidates';
import { type Finding, outletOf, overlapOfSmaller, type RuleContext } from '../align';
import { contentLemmas, foldLower } from '../text';
import { isReading, quantitiesAlign, quantityCandidates, valueGap } from './quantity';
import { quoteCandidates, quotesAlike } from './quote';

function speakerKey(c: Claim): string {
  return String(c.detail.speakerId ?? foldLower(String(c.detail.speaker ?? c.value)));
}

/** How alike two quotes from different speakers must be to be the same words (quotesAlike). */
const SAME_WORDS_MIN = 0.7;

/** Share of the shorter statement's content words that the other one has too. */
export const SAME_STATEMENT_MIN = 0.5;

/**
 * The words of the statement a figure was given in: the quote holding it, else its sentence.
 * Two outlets report the same statement when these mostly agree.
 */
function statementWords(
  target: Claim,
  quotesOf: Map<string, Claim[]>,
  ctx: RuleContext,
): Set<string> {
  const quote = quotesOf
    .get(target.sourceId)
    ?.find((q) => q.start <= target.start && target.end <= q.end);
  const text = quote?.value ?? ctx.passages.get(target.passageId)?.text ?? target.span;
  return new Set(contentLemmas(text));
}

function sameStatement(a: Set<string>, b: Set<string>): boolean {
  return overlapOfSmaller(a, b) >= SAME_STATEMENT_MIN;
}

/**
 * One speaker, two values: outlets credit the same source with figures that cannot both be its
 * word. Different speakers with different values are two measurements, not this.
 */
function sameSpeakerConflicts(
  atts: readonly Claim[],
  byId: Map<string, Claim>,
  ctx: RuleContext,
  saidByOne: (a: Claim) => boolean,
): Finding[] {
  const out: Finding[] = [];
  // Only one speaker's attributions can conflict: each meets those of its speaker.
  const bySpeaker = new Map<string, Claim[]>();
  for (const a of atts) {
    const k = speakerKey(a);
    const list = bySpeaker.get(k);
    if (list) list.push(a);
    else bySpeaker.set(k, [a]);
  }
  crossSourceCandidates(
    atts,
    (c) => c.sourceId,
    new Map(atts.map((a) => [a, bySpeaker.get(speakerKey(a))!])),
    (a, b) => {
      if (speakerKey(a) !== speakerKey(b) || !a.detail.speakerId || !saidByOne(a) || !saidByOne(b))
        return;
      const ta = byId.get(String(a.detail.targetId));
      const tb = byId.get(String(b.detail.targetId));
      if (!ta || !tb || ta.kind !== 'quantity' || tb.kind !== 'quantity') return;
      // One measurer's reading of a measure is one figure, whatever the words around it.
      const sameReading = isReading(ta) && ta.unit === tb.unit;
      if (!(sameReading || quantitiesAlign(ta, tb, ctx)) || valueGap(ta, tb) === 0) return;
      out.push({
        kind: 'attribution',
        topic: `What ${a.value} said: “${ta.span}” or “${tb.span}”`,
        severity: 'medium',
        reason: `${outletOf(ctx, a.sourceId)} credits “${ta.span}” to ${a.value}; ${outletOf(ctx, b.sourceId)} credits “${tb.span}” to ${b.value}.`,
        claimIds: [a.id, ta.id, b.id, tb.id],
        entityIds: [...new Set([...a.entityIds, ...b.entityIds])],
        agreement: false,
      });
    },
  );
  return out;
}

/**
 * Attribution pairs whose figures could align (quantityCandidates over the figures they credit):
 * each attribution with those crediting a candidate of its own figure.
 */
function figureCandidates(atts: readonly Claim[], byId: Map<string, Claim>, ctx: RuleContext) {
  const targets: Claim[] = [];
  const creditedBy = new Map<Claim, Claim[]>();
  for (const a of atts) {
    const t = byId.get(String(a.detail.targetId));
    if (!t) continue;
    const list = creditedBy.get(t);
    if (list) list.push(a);
    else {
      creditedBy.set(t, [a]);
      targets.push(t);
    }
  }
  const near = quantityCandidates(targets, ctx);
  const out = new Map<Claim, Claim[]>();
  targets.forEach((t, i) => {
    const others = near[i]!.flatMap((j) => creditedBy.get(targets[j]!)!);
    for (const a of creditedBy.get(t)!) out.set(a, others);
  });
  return out;
}

export function compareAttributions(claims: readonly Claim[], ctx: RuleContext): Finding[] {
  const byId = new Map(claims.map((c) => [c.id, c]));
  const atts = claims.filter((c) => c.kind === 'attribution');
  const out: Finding[] = [];
  // Each source's quotes, in claim order (the first one holding a figure is its statement).
  const quotesOf = new Map<string, Claim[]>();
  for (const q of byId.values()) {
    if (q.kind !== 'quote') continue;
    const list = quotesOf.get(q.sourceId);
    if (list) list.push(q);
    else quotesOf.set(q.sourceId, [q]);
  }
  const statements = new Map<string, Set<string>>();
  const statementOf = (t: Claim) => {
    let w = statements.get(t.id);
    if (!w) statements.set(t.id, (w = statementWords(t, quotesOf, ctx)));
    return w;
  };
  const merged = new Map<string, Finding & { spans: string[] }>();
  const bySource = (c: Claim) => c.sourceId;
  // Figures an outlet credits to two or more people: they both said it.
  const speakersOf = new Map<string, Set<string>>();
  for (const a of atts) {
    const k = String(a.detail.targetId);
    speakersOf.set(k, (speakersOf.get(k) ?? new Set()).add(speakerKey(a)));
  }
  const saidByOne = (a: Claim) => (speakersOf.get(String(a.detail.targetId))?.size ?? 0) < 2;
  crossSourceCandidates(atts, bySource, figureCandidates(atts, byId, ctx), (a, b) => {
    if (speakerKey(a) === speakerKey(b) || !saidByOne(a) || !saidByOne(b)) return;
    const ta = byId.get(String(a.detail.targetId));
    const tb = byId.get(String(b.detail.targetId));
    if (!ta || !tb || !quantitiesAlign(ta, tb, ctx)) return;
    // Two people may both give a figure: a conflict needs the same statement, worded alike.
    if (!sameStatement(statementOf(ta), statementOf(tb))) return;
    // One finding per pair of outlets and speakers, however many figures they share.
    const key = `${a.sourceId}|${b.sourceId}|${speakerKey(a)}|${speakerKey(b)}`;
    const prev = merged.get(key);
    if (prev) {
      prev.spans.push(ta.span);
      prev.claimIds.push(a.id, ta.id, b.id, tb.id);
      return;
    }
    merged.set(key, {
      kind: 'attribution',
      topic: '',
      severity: 'medium',
      reason: `${outletOf(ctx, a.sourceId)} credits it to ${a.value}; ${outletOf(ctx, b.sourceId)} credits it to ${b.value}.`,
      claimIds: [a.id, ta.id, b.id, tb.id],
      entityIds: [...new Set([...a.entityIds, ...b.entityIds])],
      agreement: false,
      spans: [ta.span],
    });
  });
  out.push(...sameSpeakerConflicts(atts, byId, ctx, saidByOne));
  for (const { spans, ...f } of merged.values())
    out.push({
      ...f,
      topic: `Who gave the figure${spans.length > 1 ? 's' : ''} ${spans.map((s) => `“${s}”`).join(' and ')}`,
    });
  // The same words quoted from different people.
  const quotes = claims.filter(
    (c) => c.kind === 'quote' && (c.detail.speakerId || c.detail.speaker),
  );
  const alike = nearMap(quotes, quoteCandidates(quotes, SAME_WORDS_MIN));
  crossSourceCandidates(quotes, bySource, alike, (a, b) => {
    if (speakerKey(a) === speakerKey(b)) return;
    if (a.value.split(/\s+/).length < 6 || b.value.split(/\s+/).length < 6) return;
    if (!quotesAlike(a.value, b.value, SAME_WORDS_MIN)) return;
    out.push({
      kind: 'attribution',
      topic: `Who said “${a.value.split(/\s+/).slice(0, 6).join(' ')}…”`,
      severity: 'medium',
      reason: `${outletOf(ctx, a.sourceId)} quotes ${a.detail.speaker}; ${outletOf(ctx, b.sourceId)} quotes ${b.detail.speaker} with nearly the same words.`,
      claimIds: [a.id, b.id],
      entityIds: [...new Set([...a.entityIds, ...b.entityIds])],
      agreement: false,
    });
  });
  return out;
}
