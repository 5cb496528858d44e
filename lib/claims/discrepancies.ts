/**
 * Runs every comparison rule over the corpus's claims and ranks what they find: disagreements
 * first (by severity, then by how many outlets are involved), agreements after.
 */
import { hashText } from '../hash';
import { SEVERITY_RANK } from '../types';
import type { Claim, ClaimKind, Discrepancy, Entity, Passage, Source } from '../types';
import { buildIdf, buildNameWords, type Finding, type RuleContext } from './align';
import { compareAttributions } from './rules/attribution';
import { compareDescriptors } from './rules/descriptor';
import { compareLabels } from './rules/label';
import { compareQuantities } from './rules/quantity';
import { compareQuotes } from './rules/quote';
import { compareTimes } from './rules/time';

const KIND_RANK: Record<ClaimKind, number> = {
  quantity: 0,
  time: 1,
  attribution: 2,
  label: 3,
  quote: 4,
  descriptor: 5,
};

export function findDiscrepancies(
  claims: readonly Claim[],
  sources: readonly Source[],
  entities: readonly Entity[],
  passages: readonly Passage[],
): Discrepancy[] {
  const enabled = new Set(sources.filter((s) => s.enabled).map((s) => s.id));
  // Sorted by id, so the result does not depend on the order claims were stored in.
  const live = claims
    .filter((c) => enabled.has(c.sourceId))
    .sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
  const ctx: RuleContext = {
    sources: new Map(sources.map((s) => [s.id, s])),
    entities: new Map(entities.map((e) => [e.id, e])),
    passages: new Map(passages.map((p) => [p.id, p])),
    idf: buildIdf(passages.filter((p) => enabled.has(p.sourceId))),
    nameWords: buildNameWords(entities),
  };
  const findings: Finding[] = [
    ...compareQuantities(live, ctx),
    ...compareTimes(live, ctx),
    ...compareLabels(live, ctx),
    ...compareDescriptors(live, ctx),
    ...compareQuotes(live, ctx),
    ...compareAttributions(live, ctx),
  ];
  const bySource = new Map(live.map((c) => [c.id, c.sourceId]));
  const outletCounts = new Map(
    findings.map((f) => [f, new Set(f.claimIds.map((id) => bySource.get(id))).size]),
  );
  const outlets = (f: Finding) => outletCounts.get(f)!;
  findings.sort(
    (a, b) =>
      Number(a.agreement) - Number(b.agreement) ||
      SEVERITY_RANK[a.severity] - SEVERITY_RANK[b.severity] ||
      outlets(b) - outlets(a) ||
      KIND_RANK[a.kind] - KIND_RANK[b.kind] ||
      a.topic.localeCompare(b.topic),
  );
  return findings.map((f) => ({
    id: `d-${f.kind}-${hashText([...f.claimIds].sort().join(','))}`,
    kind: f.kind,
    topic: f.topic,
    severity: f.severity,
    reason: f.reason,
    claimIds: f.claimIds,
    entityIds: f.entityIds,
    agreement: f.agreement,
  }));
}
