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

/**
 * What the rules read of the entities: the ids they looked up, and every word asked of the
 * words of entity names, with the answer. A caller that keeps the findings checks these alone
 * when entities changed (lib/stories/partition.ts).
 */
export interface EntityReads {
  ids: Set<string>;
  nameWords: Map<string, boolean>;
}

/** An entity map that notes the ids asked of it. */
class ReadEntities extends Map<string, Entity> {
  constructor(
    entries: Iterable<readonly [string, Entity]>,
    private readonly asked: Set<string>,
  ) {
    super(entries);
  }

  override get(id: string): Entity | undefined {
    this.asked?.add(id);
    return super.get(id);
  }

  override has(id: string): boolean {
    this.asked?.add(id);
    return super.has(id);
  }
}

/** A set of words that notes each word asked of it, with the answer. */
class ReadWords extends Set<string> {
  constructor(
    words: Iterable<string>,
    private readonly asked: Map<string, boolean>,
  ) {
    super(words);
  }

  override has(word: string): boolean {
    const answer = super.has(word);
    this.asked?.set(word, answer);
    return answer;
  }
}

export function findDiscrepancies(
  claims: readonly Claim[],
  sources: readonly Source[],
  entities: readonly Entity[],
  passages: readonly Passage[],
  reads?: EntityReads,
): Discrepancy[] {
  const enabled = new Set(sources.filter((s) => s.enabled).map((s) => s.id));
  // Sorted by id, so the result does not depend on the order claims were stored in.
  const live = claims
    .filter((c) => enabled.has(c.sourceId))
    .sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
  const ctx: RuleContext = {
    sources: new Map(sources.map((s) => [s.id, s])),
    entities: reads
      ? new ReadEntities(
          entities.map((e) => [e.id, e]),
          reads.ids,
        )
      : new Map(entities.map((e) => [e.id, e])),
    passages: new Map(passages.map((p) => [p.id, p])),
    idf: buildIdf(passages.filter((p) => enabled.has(p.sourceId))),
    nameWords: reads
      ? new ReadWords(buildNameWords(entities), reads.nameWords)
      : buildNameWords(entities),
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
