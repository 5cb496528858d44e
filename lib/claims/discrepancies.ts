/**
 * Runs every comparison rule over the corpus's claims and ranks what they find: disagreements
 * first (by severity, then by how many outlets are involved), agreements after.
 */
import { hashText } from '../hash';
import { SEVERITY_RANK } from '../types';
import type { Claim, ClaimKind, Discrepancy, Entity, Passage, Source } from '../types';
import {
  buildIdf,
  buildNameWords,
  type Finding,
  type RuleContext,
  type RuleEntities,
  type RuleEntity,
} from './align';
import { compareAttributions } from './rules/attribution';
import { compareDescriptors } from './rules/descriptor';
import { compareLabels } from './rules/label';
import { compareQuantities } from './rules/quantity';
import { compareQuotes } from './rules/quote';
import { compareTimes } from './rules/time';
import { shortName } from './text';

const KIND_RANK: Record<ClaimKind, number> = {
  quantity: 0,
  time: 1,
  attribution: 2,
  label: 3,
  quote: 4,
  descriptor: 5,
};

/** What the rules read of one entity they looked up: each field asked, with its answer. */
export interface EntityAnswers {
  type?: Entity['type'];
  name?: string;
  short?: string;
}

/**
 * What the rules read of the entities: each id they looked up, with the fields they read of it
 * and the answers (null: there was no such entity), and every word asked of the words of entity
 * names, with the answer. A caller that keeps the findings checks these alone when entities
 * changed (lib/stories/partition.ts, lib/corpus/stored-stories.ts): an alias or a descriptor
 * an entity gained changes nothing the rules read unless it changes one of these answers.
 */
export interface EntityReads {
  entities: Map<string, EntityAnswers | null>;
  nameWords: Map<string, boolean>;
}

export const createEntityReads = (): EntityReads => ({
  entities: new Map(),
  nameWords: new Map(),
});

/** An entity as the rules read it, noting each field read with its answer. */
class ReadEntity implements RuleEntity {
  constructor(
    private readonly entity: Entity,
    private readonly asked: EntityAnswers,
  ) {}

  get id(): string {
    return this.entity.id;
  }

  get type(): Entity['type'] {
    return (this.asked.type = this.entity.type);
  }

  get name(): string {
    return (this.asked.name = this.entity.name);
  }

  get short(): string {
    return (this.asked.short ??= shortName(this.entity));
  }
}

/** The entities by id as the rules read them, noting in `reads` (when given) each read. */
class ReadEntities implements RuleEntities {
  private readonly byId: Map<string, Entity>;
  private readonly views = new Map<string, ReadEntity | undefined>();

  constructor(
    entities: readonly Entity[],
    private readonly reads?: Map<string, EntityAnswers | null>,
  ) {
    this.byId = new Map(entities.map((e) => [e.id, e]));
  }

  get(id: string): RuleEntity | undefined {
    if (this.views.has(id)) return this.views.get(id);
    const e = this.byId.get(id);
    const asked: EntityAnswers | null = e ? {} : null;
    this.reads?.set(id, asked);
    const view = e ? new ReadEntity(e, asked!) : undefined;
    this.views.set(id, view);
    return view;
  }
}

/** The entities as the rules read them (noting each read in `reads`, when given). */
export const ruleEntities = (
  entities: readonly Entity[],
  reads?: Map<string, EntityAnswers | null>,
): RuleEntities => new ReadEntities(entities, reads);

/** Whether `e` gives the answers noted (null: there was no entity). */
export function sameAnswers(asked: EntityAnswers | null, e: Entity | undefined): boolean {
  if (asked === null || e === undefined) return asked === null && e === undefined;
  return (
    (asked.type === undefined || asked.type === e.type) &&
    (asked.name === undefined || asked.name === e.name) &&
    (asked.short === undefined || asked.short === shortName(e))
  );
}

/**
 * Whether every read noted in `reads` gives the same answer over other entities, looked up by
 * `entityOf`, whose name words `nameWords` gives (asked only when the rules asked a word).
 */
export function sameEntityReads(
  reads: EntityReads,
  entityOf: (id: string) => Entity | undefined,
  nameWords: () => ReadonlySet<string>,
): boolean {
  for (const [id, asked] of reads.entities) if (!sameAnswers(asked, entityOf(id))) return false;
  if (reads.nameWords.size === 0) return true;
  const words = nameWords();
  for (const [w, answer] of reads.nameWords) if (words.has(w) !== answer) return false;
  return true;
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
  /** The idf of the passages the rules read (buildIdf unless given: a caller keeping counts). */
  idfOf: (passages: readonly Passage[]) => Map<string, number> = buildIdf,
): Discrepancy[] {
  const enabled = new Set(sources.filter((s) => s.enabled).map((s) => s.id));
  // Sorted by id, so the result does not depend on the order claims were stored in.
  const live = claims
    .filter((c) => enabled.has(c.sourceId))
    .sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
  const ctx: RuleContext = {
    sources: new Map(sources.map((s) => [s.id, s])),
    entities: ruleEntities(entities, reads?.entities),
    passages: new Map(passages.map((p) => [p.id, p])),
    idf: idfOf(passages.filter((p) => enabled.has(p.sourceId))),
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
