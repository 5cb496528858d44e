import {
  type ClaimReads,
  createClaimReads,
  extractClaims,
  placeLikeTest,
  sameClaimReads,
} from '../claims';
import { discrepanciesByStory, type StoryMemo, createStoryMemo } from '../stories';
import type { Claim, Corpus, Entity, Mention, Passage, RawSource, Source } from '../types';
import { cleanArticle } from './clean';
import { DiscoveryMemo, type DiscoveryResult, discoverEntities } from './entities';
import { hashText } from '../hash';
import type { EntityOverrides } from './overrides';
import { splitSentences } from './segment';
import {
  analysisInputs,
  type KeptAnalysis,
  type StoredAnalysis,
  storedAnalysis,
} from './stored-analyses';

export interface PreparedSource {
  source: Source;
  passages: Passage[];
}

/** Clean and segment one raw source into its Source row and sentence passages. */
export function prepareSource(raw: RawSource, addedAt = 0): PreparedSource {
  const cleaned = cleanArticle(raw.text, raw.language);
  const source: Source = {
    id: raw.id,
    file: raw.file,
    outlet: raw.outlet,
    title: raw.title,
    url: raw.url,
    published: raw.published,
    language: raw.language,
    origin: raw.origin,
    enabled: true,
    addedAt,
    contentHash: hashText(cleaned.text.replace(/\s+/g, ' ').toLowerCase()),
    text: cleaned.text,
  };
  const passages: Passage[] = [];
  cleaned.blocks.forEach((block, b) => {
    for (const s of splitSentences(cleaned.text, block.start, block.end, raw.language ?? 'en')) {
      passages.push({
        id: `${raw.id}:${passages.length}`,
        sourceId: raw.id,
        origin: raw.origin,
        block: b,
        kind: block.kind,
        start: s.start,
        end: s.end,
        text: cleaned.text.slice(s.start, s.end),
      });
    }
  });
  return { source, passages };
}

const bySourceId = (a: PreparedSource, b: PreparedSource) =>
  a.source.id < b.source.id ? -1 : a.source.id > b.source.id ? 1 : 0;

/**
 * Runs clean -> segment -> entities -> mentions -> claims -> stories -> discrepancies (within
 * each story) over raw sources.
 */
export function buildCorpus(
  raw: readonly RawSource[],
  overrides: EntityOverrides | null = null,
): Corpus {
  const prepared = raw.map((r) => prepareSource(r));
  return {
    sources: prepared.map((p) => p.source),
    passages: prepared.flatMap((p) => p.passages),
    ...deriveCorpus(prepared, overrides),
  };
}

/** What a corpus derives from its sources' passages: everything but the sources and passages. */
export type DerivedRows = Pick<Corpus, 'entities' | 'mentions' | 'claims' | 'discrepancies'>;

/**
 * What an incremental build keeps from one change to the next, so that a change costs what the
 * changed sources cost plus cheap steps over the rest: each source's claims (kept while the
 * source, its passages and its mentions are the same, and every read extraction made of the
 * entities and of the place-name test gives the same answer: lib/claims/claim-reads.ts) and
 * each story's discrepancies (kept while the story's members, passages, entities and claims
 * are). Every entry is checked against its inputs before use, so
 * a build with a memo gives exactly the build without one (tested: lib/corpus/order.test.ts,
 * lib/service/batch-equivalence.test.ts).
 */
export interface DeriveMemo {
  /** Each source's occurrences and each entity's draft (lib/corpus/entities/index.ts). */
  discovery: DiscoveryMemo;
  /** The last build's entities and mentions, by id. */
  last: { entities: Map<string, Entity>; mentions: Map<string, Mention> };
  claims: Map<string, ClaimMemo>;
  stories: StoryMemo;
  /**
   * Claim analyses read back from the database after a start, by source id, not yet checked:
   * each is used at most once, in place of an extraction, when it passes the memo's own checks
   * and its inputs' fingerprint is the build's (lib/corpus/stored-analyses.ts).
   */
  stored: Map<string, KeptAnalysis>;
  /** How many times a source's claims were extracted rather than kept (what tests count). */
  claimsExtracted: number;
  /** How many sources' claims came from `stored` (what tests count). */
  claimsRestored: number;
}

interface ClaimMemo {
  source: Source;
  passages: readonly Passage[];
  /** The source's mentions (rows kept from build to build). */
  own: readonly Mention[];
  /** What extractClaims read of the entities, with the answers. */
  reads: ClaimReads;
  /** Every word extractClaims asked the place-name test about, with the answer. */
  probes: Map<string, boolean>;
  claims: Claim[];
  /** The inputs' fingerprint the database holds this analysis under (null: not saved yet). */
  saved: string | null;
}

export function createDeriveMemo(): DeriveMemo {
  return {
    discovery: new DiscoveryMemo(),
    last: { entities: new Map(), mentions: new Map() },
    claims: new Map(),
    stories: createStoryMemo(),
    stored: new Map(),
    claimsExtracted: 0,
    claimsRestored: 0,
  };
}

/**
 * The memo's claim analyses the database does not hold yet, as rows to write with `stamp`,
 * each with a function that records it as written (call once the write committed).
 */
export function unsavedAnalyses(
  memo: DeriveMemo,
  stamp: string,
): Array<{ row: StoredAnalysis; written: () => void }> {
  const out: Array<{ row: StoredAnalysis; written: () => void }> = [];
  for (const [id, hit] of memo.claims) {
    if (hit.saved !== null) continue;
    const inputs = analysisInputs(hit.source, hit.passages, hit.own);
    out.push({
      row: storedAnalysis(id, stamp, { ...hit, inputs }),
      written: () => {
        // Unless the entry was replaced meanwhile (a later build's, not written yet).
        if (memo.claims.get(id) === hit) hit.saved = inputs;
      },
    });
  }
  return out;
}

/** After the database lost the stored analyses (a reset): every one is written again. */
export function forgetWrittenAnalyses(memo: DeriveMemo): void {
  for (const hit of memo.claims.values()) hit.saved = null;
}

const sameJson = (a: unknown, b: unknown) => a === b || JSON.stringify(a) === JSON.stringify(b);

const plain = (x: object) => {
  const proto = Object.getPrototypeOf(x) as unknown;
  return proto === Object.prototype || proto === null;
};

/**
 * Whether two rows have the same JSON, without writing it: the same primitives, arrays of the
 * same length, plain objects with the same keys in the same order (what JSON.stringify writes).
 * Anything else (a Date, a class instance) is compared by its JSON. Never true for rows whose
 * JSON differs; a build compares every entity this way, so it must not allocate.
 */
export function sameRowJson(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (typeof a !== 'object' || typeof b !== 'object' || a === null || b === null) return false;
  if (Array.isArray(a)) {
    if (!Array.isArray(b) || a.length !== b.length) return false;
    for (let i = 0; i < a.length; i++) if (!sameRowJson(a[i], b[i])) return false;
    return true;
  }
  if (Array.isArray(b)) return false;
  if (!plain(a) || !plain(b)) return sameJson(a, b);
  const ka = Object.keys(a);
  const kb = Object.keys(b);
  if (ka.length !== kb.length) return false;
  for (let i = 0; i < ka.length; i++) {
    const k = ka[i]!;
    if (k !== kb[i]) return false;
    if (!sameRowJson((a as Record<string, unknown>)[k], (b as Record<string, unknown>)[k]))
      return false;
  }
  return true;
}

/** Same rows, element by element: kept rows are the same objects (see keepEqualRows). */
const sameElements = <T>(a: readonly T[], b: readonly T[]) =>
  a.length === b.length && a.every((x, i) => x === b[i]);

const sameMention = (a: Mention, b: Mention) =>
  a.id === b.id &&
  a.entityId === b.entityId &&
  a.sourceId === b.sourceId &&
  a.passageId === b.passageId &&
  a.origin === b.origin &&
  a.start === b.start &&
  a.end === b.end &&
  a.surface === b.surface;

/**
 * This build's entities and mentions, where one equals the last build's row of its id, as that
 * row: what is kept downstream (each source's claims, each story's discrepancies, the rows the
 * database holds) then tells an unchanged row by identity, without comparing its content. A
 * row that changed is a new object, so identity never hides a change.
 */
function keepEqualRows(
  entities: readonly Entity[],
  mentions: readonly Mention[],
  memo: DeriveMemo,
): { entities: Entity[]; mentions: Mention[] } {
  const lastEntities = new Map<string, Entity>();
  const keptEntities = entities.map((e) => {
    const was = memo.last.entities.get(e.id);
    const row = was && sameRowJson(was, e) ? was : e;
    lastEntities.set(e.id, row);
    return row;
  });
  const lastMentions = new Map<string, Mention>();
  const keptMentions = mentions.map((m) => {
    const was = memo.last.mentions.get(m.id);
    const row = was && sameMention(was, m) ? was : m;
    lastMentions.set(m.id, row);
    return row;
  });
  memo.last = { entities: lastEntities, mentions: lastMentions };
  return { entities: keptEntities, mentions: keptMentions };
}

/** Whether every read an analysis made of the entities and the place-name test still holds. */
function sameReads(
  hit: Pick<ClaimMemo, 'reads' | 'probes'>,
  entities: readonly Entity[],
  entityAt: ReadonlyMap<string, number>,
  placeLike: (word: string) => boolean,
): boolean {
  return (
    [...hit.probes].every(([word, answer]) => placeLike(word) === answer) &&
    sameClaimReads(
      hit.reads,
      (id) => {
        const at = entityAt.get(id);
        return at === undefined ? undefined : entities[at];
      },
      (id) => entityAt.get(id),
    )
  );
}

/**
 * A source's claims from the analysis the database kept, when its inputs are the source's,
 * passages' and mentions' of this build and its reads still hold; the analysis then becomes
 * the memo's entry. Null when there is none or it does not hold.
 */
function restoredClaims(
  p: PreparedSource,
  own: readonly Mention[],
  entities: readonly Entity[],
  entityAt: ReadonlyMap<string, number>,
  placeLike: (word: string) => boolean,
  memo: DeriveMemo,
): Claim[] | null {
  const stored = memo.stored.get(p.source.id);
  if (!stored) return null;
  memo.stored.delete(p.source.id);
  const inputs = analysisInputs(p.source, p.passages, own);
  if (stored.inputs !== inputs || !sameReads(stored, entities, entityAt, placeLike)) return null;
  const { reads, probes, claims } = stored;
  memo.claims.set(p.source.id, {
    source: p.source,
    passages: p.passages,
    own,
    reads,
    probes,
    claims,
    saved: inputs,
  });
  memo.claimsRestored++;
  return claims;
}

/** One source's claims, from the memo when none of what they depend on changed. */
function sourceClaims(
  p: PreparedSource,
  own: readonly Mention[],
  entities: readonly Entity[],
  entityAt: ReadonlyMap<string, number>,
  placeLike: (word: string) => boolean,
  memo: DeriveMemo,
): Claim[] {
  const hit = memo.claims.get(p.source.id);
  if (
    hit &&
    sameElements(hit.own, own) &&
    sameJson(hit.source, p.source) &&
    sameJson(hit.passages, p.passages) &&
    sameReads(hit, entities, entityAt, placeLike)
  ) {
    hit.source = p.source;
    hit.passages = p.passages;
    return hit.claims;
  }
  if (!hit) {
    const restored = restoredClaims(p, own, entities, entityAt, placeLike, memo);
    if (restored) return restored;
  }
  const probes = new Map<string, boolean>();
  const probed = (word: string) => {
    const answer = placeLike(word);
    probes.set(word, answer);
    return answer;
  };
  const reads = createClaimReads();
  const claims = extractClaims(p.source, p.passages, own, entities, probed, reads);
  memo.claimsExtracted++;
  memo.claims.set(p.source.id, {
    source: p.source,
    passages: p.passages,
    own,
    reads,
    probes,
    claims,
    saved: null,
  });
  return claims;
}

/**
 * Entities, mentions, claims and discrepancies of a set of prepared sources: the batch build
 * from the sources' stored passages. The extension calls it on every change to the set of
 * enabled sources, so that adding sources one at a time gives exactly the CLI's build; with a
 * memo kept between its calls, what did not change is not computed again.
 */
export function deriveCorpus(
  prepared: readonly PreparedSource[],
  overrides: EntityOverrides | null = null,
  memo: DeriveMemo = createDeriveMemo(),
): DerivedRows {
  // In source-id order, like resolveEntities: claims and stories do not depend on the order either.
  const ordered = [...prepared].sort(bySourceId);
  const resolved = resolveEntities(ordered, overrides, memo.discovery);
  const { entities, mentions } = keepEqualRows(resolved.entities, resolved.mentions, memo);
  const bySource = new Map<string, Mention[]>();
  for (const m of mentions) {
    const list = bySource.get(m.sourceId);
    if (list) list.push(m);
    else bySource.set(m.sourceId, [m]);
  }
  const entityAt = new Map(entities.map((e, i) => [e.id, i]));
  // One place-name test for the corpus, not one per source.
  const placeLike = placeLikeTest(entities);
  const present = new Set(ordered.map((p) => p.source.id));
  for (const id of memo.claims.keys()) if (!present.has(id)) memo.claims.delete(id);
  const claims = ordered.flatMap((p) =>
    sourceClaims(p, bySource.get(p.source.id) ?? [], entities, entityAt, placeLike, memo),
  );
  // What was read back and not used now will not be (a source switched off keeps its row).
  memo.stored.clear();
  const sources = ordered.map((p) => p.source);
  const passages = ordered.flatMap((p) => p.passages);
  const { discrepancies } = discrepanciesByStory(
    sources,
    passages,
    entities,
    mentions,
    claims,
    memo.stories,
  );
  return { entities, mentions, claims, discrepancies };
}

/**
 * Entities and mentions of a set of prepared sources, resolved in a canonical order (by source
 * id), so that the same sources give the same entities, ids and mentions in whatever order they
 * were read or added.
 */
export function resolveEntities(
  prepared: readonly PreparedSource[],
  overrides: EntityOverrides | null = null,
  memo?: DiscoveryMemo,
): DiscoveryResult {
  return discoverEntities([...prepared].sort(bySourceId), [], overrides, memo);
}

/**
 * The entity layer of a corpus built one source at a time. Each source's occurrences and each
 * entity's draft are kept (DiscoveryMemo) and recomputed only where the change touches them;
 * the names are grouped again only in the components of names the change can reach, and every
 * entity is then placed and given its id in the corpus's order (resolveEntities), so the result
 * is the batch build's, whatever the order of the adds.
 */
export class EntityLayer {
  private readonly prepared = new Map<string, PreparedSource>();
  private readonly memo = new DiscoveryMemo();

  constructor(private readonly overrides: EntityOverrides | null = null) {}

  /** Adds (or replaces) one source and returns every entity and mention, re-resolved. */
  add(source: PreparedSource): DiscoveryResult {
    this.prepared.set(source.source.id, source);
    return this.resolve();
  }

  /** Removes one source (nothing when unknown) and returns every entity and mention. */
  remove(sourceId: string): DiscoveryResult {
    this.prepared.delete(sourceId);
    return this.resolve();
  }

  resolve(): DiscoveryResult {
    return resolveEntities([...this.prepared.values()], this.overrides, this.memo);
  }
}

export interface SourceIndex {
  source: Source;
  passages: Passage[];
  /** Entities that are new, or known ones that gained aliases/descriptors from this source. */
  entities: Entity[];
  mentions: Mention[];
  claims: Corpus['claims'];
}

/** The stages of indexSource, as a generator that yields between them. */
function* indexStages(
  raw: RawSource,
  known: readonly Entity[],
  overrides: EntityOverrides | null,
  addedAt: number,
): Generator<void, SourceIndex> {
  const prepared = prepareSource(raw, addedAt);
  yield;
  const { entities, mentions } = discoverEntities([prepared], known, overrides);
  yield;
  const claims = extractClaims(prepared.source, prepared.passages, mentions, [
    ...known,
    ...entities,
  ]);
  return { ...prepared, entities, mentions, claims };
}

/**
 * Indexes one new source against the entities already known (incremental add): only this
 * source's text is processed; known entities are linked, new ones created.
 */
export function indexSource(
  raw: RawSource,
  known: readonly Entity[],
  overrides: EntityOverrides | null = null,
  addedAt = Date.now(),
): SourceIndex {
  const stages = indexStages(raw, known, overrides, addedAt);
  for (;;) {
    const step = stages.next();
    if (step.done) return step.value;
  }
}

/**
 * indexSource with `pause()` awaited between its stages (clean and segment, entities, claims),
 * so a caller can let other work run while a long source is indexed. Same result.
 */
export async function indexSourceInSteps(
  raw: RawSource,
  known: readonly Entity[],
  overrides: EntityOverrides | null,
  addedAt: number,
  pause: () => Promise<void>,
): Promise<SourceIndex> {
  const stages = indexStages(raw, known, overrides, addedAt);
  for (;;) {
    const step = stages.next();
    if (step.done) return step.value;
    await pause();
  }
}
