/**
 * Labels: what outlets call the document that was signed. Labels align when their sentences
 * share rare words (what the document is about); they conflict when two outlets use different
 * specific labels ("letter of intent" vs "memorandum of understanding"). Generic words
 * ("agreement", "deal") fit any label and never conflict.
 */
import type { Claim } from '../../types';
import {
  contextOf,
  type Finding,
  groups,
  outletOf,
  type RuleContext,
  sharedWeight,
  sourceCount,
  uniqueEntities,
} from '../align';
import { type Neighbours, weightedCandidates } from '../candidates';

export const LABEL_CONTEXT_MIN = 2.5;

export function labelsAlign(a: Claim, b: Claim, ctx: RuleContext): boolean {
  if (a.sourceId === b.sourceId) return false;
  return sharedWeight(contextOf(a), contextOf(b), ctx.idf) >= LABEL_CONTEXT_MIN;
}

/** The pairs of `claims` whose contexts could share LABEL_CONTEXT_MIN of rare words. */
export function labelCandidates(claims: readonly Claim[], ctx: RuleContext): Neighbours {
  return weightedCandidates(
    claims.map(
      (c) => new Map([...new Set(contextOf(c))].map((w) => [w, ctx.idf.get(w) ?? Math.log(2)])),
    ),
    LABEL_CONTEXT_MIN,
  );
}

export function compareLabels(claims: readonly Claim[], ctx: RuleContext): Finding[] {
  const ls = claims.filter((c) => c.kind === 'label' && c.detail.specific === true);
  const out: Finding[] = [];
  const linkable = { sourceOf: (c: Claim) => c.sourceId, near: labelCandidates(ls, ctx) };
  for (const g of groups(ls, (a, b) => labelsAlign(a, b, ctx), linkable)) {
    if (sourceCount(g) < 2) continue;
    const byLabel = new Map<string, Set<string>>();
    for (const c of g) {
      const set = byLabel.get(c.value) ?? new Set<string>();
      set.add(outletOf(ctx, c.sourceId));
      byLabel.set(c.value, set);
    }
    const summary = [...byLabel]
      .sort((a, b) => b[1].size - a[1].size)
      .map(([label, outlets]) => `“${label}” (${[...outlets].join(', ')})`)
      .join(' vs ');
    // One claim per source and label is enough evidence.
    const seen = new Set<string>();
    const evidence = g.filter((c) => {
      const k = `${c.sourceId}|${c.value}`;
      if (seen.has(k)) return false;
      seen.add(k);
      return true;
    });
    const labels = [...byLabel.keys()];
    const main = labels.sort((a, b) => byLabel.get(b)!.size - byLabel.get(a)!.size)[0]!;
    const disagree = byLabel.size > 1;
    out.push({
      kind: 'label',
      topic: `What the signed document is called (${main})`,
      severity: disagree ? 'medium' : 'low',
      reason: disagree
        ? `Outlets name the same document differently: ${summary}.`
        : `${sourceCount(g)} outlets agree on “${main}”.`,
      claimIds: evidence.map((c) => c.id),
      entityIds: uniqueEntities(evidence).slice(0, 8),
      agreement: !disagree,
    });
  }
  return out;
}
