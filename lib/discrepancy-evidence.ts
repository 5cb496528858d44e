/**
 * A discrepancy as its two readers list it, the popup's discrepancy list (lib/service) and the
 * CLI's report (lib/node): the fields every row carries, and its evidence, each claim with its
 * source and the sentence that holds it. Each reader maps this to its own shape.
 */
import type { Claim, Discrepancy, Passage, Source } from './types';

/** The fields of a discrepancy that every row shows as they are. */
export type DiscrepancyHead = Pick<
  Discrepancy,
  'id' | 'kind' | 'topic' | 'severity' | 'reason' | 'agreement'
>;

export const discrepancyHead = (d: Discrepancy): DiscrepancyHead => ({
  id: d.id,
  kind: d.kind,
  topic: d.topic,
  severity: d.severity,
  reason: d.reason,
  agreement: d.agreement,
});

export interface Evidence {
  claim: Claim;
  source: Source;
  /** The sentence holding the claim (absent when its row is gone). */
  passage: Passage | undefined;
}

/** Where the rows come from: a database read in bulk, or a corpus in memory. */
export interface EvidenceLookup {
  claim(id: string): Claim | undefined;
  /** Undefined for a source that is not shown (removed, or switched off). */
  source(id: string): Source | undefined;
  passage(id: string): Passage | undefined;
}

/**
 * The claims of a discrepancy in order, each with its source and sentence; a claim whose row or
 * source is not there is left out. One per sentence of each source: attribution rows carry the
 * figure's claim too, and the same sentence can hold two claims or stand twice in a source
 * (caption and text).
 */
export function discrepancyEvidence(d: Discrepancy, look: EvidenceLookup): Evidence[] {
  const out: Evidence[] = [];
  const seen = new Set<string>();
  for (const id of d.claimIds) {
    const claim = look.claim(id);
    const source = claim && look.source(claim.sourceId);
    if (!claim || !source) continue;
    const passage = look.passage(claim.passageId);
    const key = `${claim.sourceId}|${(passage?.text ?? claim.passageId).replace(/\s+/g, ' ').trim()}`;
    if (seen.has(key)) continue;
    seen.add(key);
    out.push({ claim, source, passage });
  }
  return out;
}
