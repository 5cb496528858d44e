/**
 * Background handlers for the reader's sources: preview, add, list, remove, enable/disable, edit,
 * export, import and reset. Every change is ONE Dexie transaction that also recomputes the
 * discrepancies and bumps the dictionary version (so open tabs refresh their underlines); a
 * failure anywhere inside leaves the database exactly as it was.
 */
import { type Backup, parseBackup } from '../backup';
import type { BundledIndex } from '../bundle';
import { hashText } from '../hash';
import Dexie from 'dexie';
import { type EntityOverrides, parseOverrides } from '../corpus/overrides';
import { type Correction, rulesOf, withCorrections } from '../corpus/corrections';
import { detectLanguage } from '../lang/detect';
import {
  createDeriveMemo,
  deriveCorpus,
  type DeriveMemo,
  type DerivedRows,
  type PreparedSource,
  prepareSource,
  sameRowJson,
  unsavedAnalyses,
  forgetWrittenAnalyses,
} from '../corpus/pipeline';
import { analysisStamp, keptAnalysis } from '../corpus/stored-analyses';
import { storedStories, storedStory, storyStamp } from '../corpus/stored-stories';
import { CORPUS_TABLES, type CrosscheckDB } from '../db';
import { checkMetadata, checkText } from '../intake/draft';
import { checkDuplicate } from '../intake/duplicate';
import { fail, orThrow, ProblemError } from '../problems';
import type { Entity, Mention, Passage, RawSource, Source } from '../types';
import { overridesWithCorrections, readCorrections, writeCorrections } from './correction-store';
import { entityLinkReason } from './link-reasons';
import { seedReads } from './read-cache';
import { keepReceipt } from './receipts';
import { shareStoryTerms } from './stories';
import { bumpDictionaryVersion, META_DICTIONARY_VERSION, META_INDEX_VERSION } from './meta';
import type {
  EditableFields,
  ImportPreview,
  ImportResult,
  PreviewEntity,
  SourceDraft,
  SourcePreview,
  SourceProgress,
  SourceSummary,
} from '../protocol';

export type { SourceProgress };

export interface SourceServiceDeps {
  db: CrosscheckDB;
  ready: () => Promise<void>;
  /** The bundled seed index (for reset and for rebuilding the user layer). */
  seedBundle?: () => Promise<BundledIndex>;
  /** Test hook: runs inside each write transaction just before it commits. */
  beforeCommit?: (operation: string) => void | Promise<void>;
  now?: () => number;
  /** Awaited between pipeline stages of long work (default: breather). */
  pause?: () => Promise<void>;
  /** Told where long work is (for a progress display; lib/ has no extension APIs). */
  progress?: (p: SourceProgress) => void;
}

const byId = <T extends { id: string }>(a: T, b: T) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);

function tables(db: CrosscheckDB) {
  return [...CORPUS_TABLES.map((t) => db[t]), db.meta, db.analyses, db.storyFindings];
}

/**
 * Reads back the claim analyses and the stories' findings the database kept (once per worker
 * life, before its first build): what that build then finds unchanged is not extracted or
 * compared again. Rows of another stamp are left out; every other row is checked against its
 * inputs before use (lib/corpus/pipeline.ts, lib/stories/partition.ts). The derived rows read
 * for that are kept for the first change's comparison of what it writes (readBack).
 */
function restoreAnalyses(db: CrosscheckDB, kept: Kept): Promise<void> {
  // Concurrent first changes (a warm-up and a preview) wait for the one read. Only the first
  // caller hears of a failed read; the others go on without what it would have restored.
  // A failed read is tried again by the next change (nothing is kept from it).
  if (kept.restoring) return kept.restoring.catch(() => undefined);
  kept.restoring = readBackAnalyses(db, kept).catch((e: unknown) => {
    kept.restoring = null;
    throw e;
  });
  return kept.restoring;
}

async function readBackAnalyses(db: CrosscheckDB, kept: Kept): Promise<void> {
  const read = await db.transaction(
    'r',
    [db.meta, db.analyses, db.storyFindings, ...DERIVED_TABLES.map((t) => db[t])],
    async () => ({
      index: (await db.meta.get(META_INDEX_VERSION))?.value,
      version: (await db.meta.get(META_DICTIONARY_VERSION))?.value,
      rows: await db.analyses.toArray(),
      stories: await db.storyFindings.toArray(),
      derived: await readDerived(db),
    }),
  );
  const stamp = analysisStamp(read.index);
  kept.stamp = stamp;
  kept.readBack = { version: read.version, derived: read.derived };
  const claimById = new Map(read.derived.claims.map((c) => [c.id, c]));
  kept.memo.stored = new Map();
  for (const row of read.rows) {
    const analysis = keptAnalysis(row, stamp, (id) => claimById.get(id));
    if (analysis) kept.memo.stored.set(row.id, analysis);
  }
  const restore = storedStories(read.stories, storyStamp(read.index), read.derived.discrepancies);
  kept.storyIds = new Set(read.stories.map((r) => r.id));
  kept.memo.stories.restore = (...args) => {
    const found = restore(...args);
    // Rows of the database: written already.
    if (found) kept.savedStories.add(found.rows);
    return found;
  };
}

/**
 * Writes the claim analyses the memo made since the last write and deletes those of removed
 * sources (inside the change's transaction); returns what to call once it committed.
 */
async function saveAnalyses(
  db: CrosscheckDB,
  kept: Kept,
  removed: readonly string[],
  present: readonly PreparedSource[],
): Promise<() => void> {
  const index = (await db.meta.get(META_INDEX_VERSION))?.value;
  const stamp = analysisStamp(index);
  // A new bundle in this life (new code or seeds): what the memo wrote is under the old stamp.
  if (kept.stamp !== null && kept.stamp !== stamp) {
    forgetWrittenAnalyses(kept.memo);
    kept.savedStories = new WeakSet();
  }
  const unsaved = unsavedAnalyses(kept.memo, stamp);
  const gone = new Set(removed);
  // Once a life, the rows of sources no longer there (removed by a reset or a seed update).
  if (!kept.pruned) {
    const ids = new Set(present.map((p) => p.source.id));
    for (const id of await db.analyses.toCollection().primaryKeys()) if (!ids.has(id)) gone.add(id);
  }
  if (gone.size > 0) await db.analyses.bulkDelete([...gone]);
  if (unsaved.length > 0) await db.analyses.bulkPut(unsaved.map((u) => u.row));
  const stories = await saveStories(db, kept, storyStamp(index));
  return () => {
    kept.pruned = true;
    kept.stamp = stamp;
    for (const u of unsaved) u.written();
    stories();
  };
}

/**
 * Writes the findings of the stories the last build compared (not yet written) and deletes
 * those of stories no longer there, inside the change's transaction; returns what to call once
 * it committed.
 */
async function saveStories(db: CrosscheckDB, kept: Kept, stamp: string): Promise<() => void> {
  const found = kept.memo.stories.found;
  const known = kept.storyIds ?? new Set(await db.storyFindings.toCollection().primaryKeys());
  const gone = [...known].filter((id) => !found.has(id));
  const unsaved = [...found].filter(([, f]) => !kept.savedStories.has(f.rows));
  if (gone.length > 0) await db.storyFindings.bulkDelete(gone);
  if (unsaved.length > 0)
    await db.storyFindings.bulkPut(
      unsaved.map(([id, f]) => storedStory(id, stamp, f.read, f.entities, f)),
    );
  return () => {
    kept.storyIds = new Set(found.keys());
    for (const [, f] of unsaved) kept.savedStories.add(f.rows);
  };
}

function rawFrom(
  draft: Pick<SourceDraft, 'text' | 'title' | 'outlet' | 'url' | 'published' | 'language'>,
  id: string,
): RawSource {
  return {
    id,
    file: null,
    outlet: draft.outlet,
    title: draft.title,
    url: draft.url,
    published: draft.published,
    language: draft.language,
    text: draft.text,
    origin: 'user',
  };
}

function newSourceId(text: string, addedAt: number): string {
  return `user-${hashText(text)}${addedAt.toString(36)}`;
}

/**
 * Lets other messages (cards, the dictionary) be answered between the pipeline's stages: a long
 * source is indexed in several tasks, not one.
 */
export const breather = (): Promise<void> => new Promise((resolve) => setTimeout(resolve, 0));

/**
 * A change to the set of sources: rows put (new or re-prepared, with their passages), removed,
 * or switched on/off. Everything derived (entities, mentions, claims, discrepancies) is then the
 * batch build of the enabled sources (deriveCorpus), whatever order the changes came in.
 */
export interface SourceChange {
  put?: readonly PreparedSource[];
  remove?: readonly string[];
  enabled?: ReadonlyMap<string, boolean>;
}

/** The rows a change starts from: every source and the passages of each. */
interface CorpusInputs {
  /** The dictionary version: every change to the corpus moves it. */
  version: unknown;
  sources: Source[];
  passages: Map<string, Passage[]>;
}

/** Passage ids are `${sourceId}:${n}`: the database lists them by string, this by n. */
const passageIndex = (p: Passage) => Number(p.id.slice(p.sourceId.length + 1));

function groupPassages(passages: readonly Passage[]): Map<string, Passage[]> {
  const out = new Map<string, Passage[]>();
  for (const p of passages) {
    const list = out.get(p.sourceId);
    if (list) list.push(p);
    else out.set(p.sourceId, [p]);
  }
  for (const list of out.values()) list.sort((a, b) => passageIndex(a) - passageIndex(b));
  return out;
}

/**
 * What the handlers keep between changes, so that a change costs what it changes: the inputs
 * as of the last change they wrote (the same row objects from one change to the next, so that
 * each source's analysis is found again by identity), the rows derived from them, and the
 * pipeline's memo (lib/corpus/pipeline.ts). Trusted only while the dictionary version and the
 * source count are those it was written at: any other writer (seed update, reset) bumps the
 * version, and the inputs are then read again.
 */
interface Kept {
  inputs: CorpusInputs | null;
  /**
   * The number of source rows at `inputs.version`. (Passages are written only with their
   * source, in the same transaction; counting them read every passage row at every change.)
   */
  sourceCount: number;
  /** The derived rows in the database at `inputs.version`. */
  derived: DerivedRows | null;
  memo: DeriveMemo;
  /** The read back of the database's claim analyses in this worker life (null: not begun). */
  restoring: Promise<void> | null;
  /** Whether this life deleted the analyses of sources no longer there. */
  pruned: boolean;
  /** The stamp of the analyses the memo holds as written (null: none read or written yet). */
  stamp: string | null;
  /** The rows of the stories' findings the database holds (by their discrepancy rows). */
  savedStories: WeakSet<object>;
  /** The ids of the stories whose findings the database holds (null: not read yet). */
  storyIds: Set<string> | null;
  /** The derived rows as read back at the start, at dictionary version `version`. */
  readBack: { version: unknown; derived: DerivedRows } | null;
  /** The inputs and overrides (their key) a warm-up (`prepareChanges`) last derived. */
  prepared: { inputs: CorpusInputs; overrides: string } | null;
}

const newKept = (): Kept => ({
  inputs: null,
  sourceCount: 0,
  derived: null,
  memo: createDeriveMemo(),
  restoring: null,
  pruned: false,
  stamp: null,
  savedStories: new WeakSet(),
  storyIds: null,
  readBack: null,
  prepared: null,
});

/** Reads the inputs (inside a transaction of the caller's, or in a read transaction of its own). */
async function readInputs(db: CrosscheckDB, kept?: Kept): Promise<CorpusInputs> {
  const read = async () => {
    const version = (await db.meta.get(META_DICTIONARY_VERSION))?.value;
    if (kept?.inputs && kept.inputs.version === version) {
      if ((await db.sources.count()) === kept.sourceCount) return kept.inputs;
    }
    const inputs = {
      version,
      sources: await db.sources.toArray(),
      passages: groupPassages(await db.passages.toArray()),
    };
    if (kept) {
      kept.inputs = inputs;
      kept.sourceCount = inputs.sources.length;
      kept.derived = null;
      kept.prepared = null;
    }
    return inputs;
  };
  return Dexie.currentTransaction
    ? read()
    : db.transaction('r', [db.meta, db.sources, db.passages], read);
}

/** The inputs after `change` was written (sources in key order, as the database lists them). */
function inputsAfter(
  inputs: CorpusInputs,
  change: SourceChange,
  after: readonly PreparedSource[],
  version: unknown,
): CorpusInputs {
  const put = new Map((change.put ?? []).map((p) => [p.source.id, p]));
  const removed = new Set(change.remove ?? []);
  const now = new Map(after.map((p) => [p.source.id, p.source]));
  const sources = inputs.sources
    .filter((s) => !removed.has(s.id) && !put.has(s.id))
    .map((s) => now.get(s.id) ?? s)
    .concat([...put.values()].map((p) => p.source))
    .sort(byId);
  const passages = new Map(inputs.passages);
  for (const id of [...removed, ...put.keys()]) passages.delete(id);
  for (const [id, p] of put) if (p.passages.length > 0) passages.set(id, p.passages);
  return { version, sources, passages };
}

/** Whether nothing changed since `before` (call inside the write transaction). */
async function unchangedSince(db: CrosscheckDB, before: CorpusInputs): Promise<boolean> {
  return (await db.meta.get(META_DICTIONARY_VERSION))?.value === before.version;
}

/** A damaged row (reported by lib/service/integrity.ts, kept as it is) takes no part. */
const readable = (s: Source) =>
  typeof s.text === 'string' && s.text.trim() !== '' && typeof s.enabled === 'boolean';

/** The sources after the change, each with its passages. */
function applyChange(inputs: CorpusInputs, change: SourceChange): PreparedSource[] {
  const removed = new Set([
    ...(change.remove ?? []),
    ...(change.put ?? []).map((p) => p.source.id),
  ]);
  const kept = inputs.sources
    .filter((s) => !removed.has(s.id) && readable(s))
    .map((s) => ({ source: s, passages: inputs.passages.get(s.id) ?? [] }));
  return [...kept, ...(change.put ?? [])].map((p) => {
    const enabled = change.enabled?.get(p.source.id);
    return enabled === undefined || enabled === p.source.enabled
      ? p
      : { ...p, source: { ...p.source, enabled } };
  });
}

/** Everything derived from the enabled sources: the batch build's rows. */
function deriveEnabled(
  all: readonly PreparedSource[],
  overrides: EntityOverrides | null,
  memo?: DeriveMemo,
): DerivedRows {
  return deriveCorpus(
    all.filter((p) => p.source.enabled),
    overrides,
    memo,
  );
}

/** The same for the same overrides, the reader's corrections included (their rules' signature). */
const overridesKey = (o: EntityOverrides | null) => JSON.stringify([o, rulesOf(o).signature]);

/** A change planned from `inputs`: the sources after it and what they derive. */
interface Plan {
  inputs: CorpusInputs;
  /** The overrides it was planned with. */
  overrides: EntityOverrides | null;
  after: PreparedSource[];
  derived: DerivedRows;
}

/** Plans a change outside any transaction, pausing before the (long) resolution. */
async function planChange(
  db: CrosscheckDB,
  change: SourceChange,
  overrides: EntityOverrides | null,
  pause: () => Promise<void>,
  kept: Kept,
): Promise<Plan> {
  await restoreAnalyses(db, kept);
  const inputs = await readInputs(db, kept);
  const after = applyChange(inputs, change);
  await pause();
  // A preview uses the memo too: every entry is checked against its inputs before reuse.
  const derived = deriveEnabled(after, overrides, kept.memo);
  // What was read back and not used now will not be (as the claim analyses: pipeline.ts).
  kept.memo.stories.restore = undefined;
  return { inputs, overrides, after, derived };
}

/**
 * Writes a planned change inside the caller's write transaction. When another change landed
 * since it was planned, the change is planned again from what is there now (synchronously: a
 * transaction cannot wait across tasks). Derived rows that changed are written and those gone
 * deleted, so the tables hold exactly the batch build's rows. Returns what the change left.
 */
async function writeChange(
  db: CrosscheckDB,
  plan: Plan,
  change: SourceChange,
  overridesNow: () => Promise<EntityOverrides | null>,
  kept: Kept,
): Promise<{
  inputs: CorpusInputs;
  after: PreparedSource[];
  derived: DerivedRows;
  saved: () => void;
}> {
  let { after, derived, inputs } = plan;
  // What landed may be a correction: the overrides too are those stored now. (Read before
  // planning, they may be older than the inputs planned from: a correction committed between
  // the two reads leaves the version as planned, and only this comparison tells.)
  const overrides = await overridesNow();
  if (
    !(await unchangedSince(db, plan.inputs)) ||
    overridesKey(overrides) !== overridesKey(plan.overrides)
  ) {
    inputs = await readInputs(db, kept);
    after = applyChange(inputs, change);
    derived = deriveEnabled(after, overrides, kept.memo);
  }
  const gone = [...(change.remove ?? []), ...(change.put ?? []).map((p) => p.source.id)];
  for (const id of gone) await db.passages.where('sourceId').equals(id).delete();
  if (change.remove?.length) await db.sources.bulkDelete([...change.remove]);
  const put = new Set((change.put ?? []).map((p) => p.source.id));
  const changedRows = after.filter((p) => put.has(p.source.id) || change.enabled?.has(p.source.id));
  await db.sources.bulkPut(changedRows.map((p) => p.source));
  await db.passages.bulkPut(after.filter((p) => put.has(p.source.id)).flatMap((p) => p.passages));
  // After a start (nothing kept), the rows the database holds: most are unchanged, and
  // reading and comparing them costs less than writing them all again.
  const readBack =
    kept.readBack && kept.readBack.version === inputs.version ? kept.readBack.derived : null;
  kept.readBack = null;
  const before =
    (kept.inputs === inputs ? kept.derived : null) ?? readBack ?? (await readDerived(db));
  await writeDerivedChanges(db, before, derived);
  const saved = await saveAnalyses(db, kept, change.remove ?? [], after);
  return { inputs, after, derived, saved };
}

async function readDerived(db: CrosscheckDB): Promise<DerivedRows> {
  const [entities, mentions, claims, discrepancies] = await Promise.all([
    db.entities.toArray(),
    db.mentions.toArray(),
    db.claims.toArray(),
    db.discrepancies.toArray(),
  ]);
  return { entities, mentions, claims, discrepancies };
}

/** Writes the rows of `after` that are not in `before` (or differ) and deletes those gone. */
async function writeDerivedChanges(
  db: CrosscheckDB,
  before: DerivedRows,
  after: DerivedRows,
): Promise<void> {
  for (const t of DERIVED_TABLES) {
    const old = new Map<string, object>(before[t].map((r) => [r.id, r]));
    const changed = after[t].filter((r) => {
      const was = old.get(r.id);
      old.delete(r.id);
      // Compared without writing their JSON: after a start every row is compared.
      return !sameRowJson(was, r);
    });
    if (old.size > 0) await db[t].bulkDelete([...old.keys()]);
    // Each table's own row type: the union of the four would not narrow in one call.
    if (changed.length > 0) await (db[t] as unknown as typeof db.claims).bulkPut(changed as never);
  }
}

async function replaceDerived(db: CrosscheckDB, derived: DerivedRows): Promise<void> {
  await Promise.all(DERIVED_TABLES.map((t) => db[t].clear()));
  await db.entities.bulkPut(derived.entities);
  await db.mentions.bulkPut(derived.mentions);
  await db.claims.bulkPut(derived.claims);
  await db.discrepancies.bulkPut(derived.discrepancies);
}

const DERIVED_TABLES = ['entities', 'mentions', 'claims', 'discrepancies'] as const;

/**
 * Derives every entity, mention, claim and discrepancy again from the enabled sources' stored
 * passages (inside the caller's transaction): after the seed rows were replaced, a source
 * switched on or off, or anything else that changes the set of enabled sources.
 */
export async function rederiveCorpus(
  db: CrosscheckDB,
  overrides: EntityOverrides | null,
): Promise<void> {
  const inputs = await readInputs(db);
  await replaceDerived(db, deriveEnabled(applyChange(inputs, {}), overrides));
}

/**
 * Cleans and segments the reader's sources again from their text (inside the caller's
 * transaction), as when they were added: after an update of the pipeline, or a repair that
 * dropped damaged passages. Already accepted once, so no add-time checks; a row that cannot be
 * read is left as it is.
 */
export async function reprepareReaderSources(db: CrosscheckDB): Promise<void> {
  const rows = await db.sources.where('origin').equals('user').toArray();
  for (const s of rows.filter(readable)) {
    const { source, passages } = prepareSource(rawFrom(s, s.id), s.addedAt);
    await db.passages.where('sourceId').equals(s.id).delete();
    await db.sources.put({ ...source, enabled: s.enabled });
    await db.passages.bulkPut(passages);
  }
}

/** Cleans and segments one source, and checks what cleaning left of it. */
function prepareChecked(raw: RawSource, addedAt: number): PreparedSource {
  const prepared = prepareSource(raw, addedAt);
  const text = checkText(prepared.source.text);
  if (!text.ok) {
    throw new ProblemError({
      code: text.problem.code,
      message: `After removing page clutter (credits, share buttons, notices), ${text.problem.message.charAt(0).toLowerCase()}${text.problem.message.slice(1)}`,
    });
  }
  return prepared;
}

/** The overrides the seeds were built with (checked: the bundle is outside input). */
export function bundleOverrides(bundle: BundledIndex | null): EntityOverrides | null {
  return bundle?.overrides ? parseOverrides(bundle.overrides) : null;
}

function summarize(
  s: Source,
  counts: {
    passages: Map<string, number>;
    entities: Map<string, Set<string>>;
    claims: Map<string, number>;
  },
): SourceSummary {
  return {
    id: s.id,
    origin: s.origin,
    title: s.title,
    outlet: s.outlet,
    url: s.url,
    published: s.published,
    language: s.language,
    enabled: s.enabled,
    addedAt: s.addedAt,
    // A damaged row (reported by lib/service/integrity.ts, kept as it is) may have no text.
    chars: typeof s.text === 'string' ? s.text.length : 0,
    passages: counts.passages.get(s.id) ?? 0,
    entities: counts.entities.get(s.id)?.size ?? 0,
    claims: counts.claims.get(s.id) ?? 0,
  };
}

async function listSummaries(db: CrosscheckDB, only?: string): Promise<SourceSummary[]> {
  const sources = only
    ? [await db.sources.get(only)].filter((s): s is Source => !!s)
    : await db.sources.toArray();
  const [passages, mentions, claims] = await Promise.all([
    only ? db.passages.where('sourceId').equals(only).toArray() : db.passages.toArray(),
    only ? db.mentions.where('sourceId').equals(only).toArray() : db.mentions.toArray(),
    only ? db.claims.where('sourceId').equals(only).toArray() : db.claims.toArray(),
  ]);
  const counts = {
    passages: new Map<string, number>(),
    entities: new Map<string, Set<string>>(),
    claims: new Map<string, number>(),
  };
  for (const p of passages)
    counts.passages.set(p.sourceId, (counts.passages.get(p.sourceId) ?? 0) + 1);
  for (const c of claims) counts.claims.set(c.sourceId, (counts.claims.get(c.sourceId) ?? 0) + 1);
  for (const m of mentions) {
    const set = counts.entities.get(m.sourceId) ?? new Set<string>();
    set.add(m.entityId);
    counts.entities.set(m.sourceId, set);
  }
  // Seed sources first (in file order), then the reader's, newest first.
  return sources
    .sort((a, b) =>
      a.origin !== b.origin
        ? a.origin === 'seed'
          ? -1
          : 1
        : a.origin === 'seed'
          ? byId(a, b)
          : b.addedAt - a.addedAt,
    )
    .map((s) => summarize(s, counts));
}

/** The entities and mentions the database holds, read together. */
async function readEntitiesAndMentions(db: CrosscheckDB) {
  return db.transaction('r', [db.entities, db.mentions], async () => ({
    entities: await db.entities.toArray(),
    mentions: await db.mentions.toArray(),
  }));
}

/**
 * What a new source brings, from the build with it: each entity it names, new or linked to the
 * entity the corpus knew before (the one most of the new entity's other mentions belonged to;
 * resolution may rename an entity when a source adds evidence, so ids alone do not tell).
 */
function previewOf(
  prepared: PreparedSource,
  derived: DerivedRows,
  before: { entities: readonly Entity[]; mentions: readonly Mention[] },
): SourcePreview {
  const id = prepared.source.id;
  const perEntity = new Map<string, number>();
  const surfaces = new Map<string, string[]>();
  for (const m of derived.mentions) {
    if (m.sourceId !== id) continue;
    perEntity.set(m.entityId, (perEntity.get(m.entityId) ?? 0) + 1);
    const forms = surfaces.get(m.entityId);
    if (forms) forms.push(m.surface);
    else surfaces.set(m.entityId, [m.surface]);
  }
  // Which entity each other mention of those entities belonged to before: only those mentions
  // are looked up in the corpus's (a preview is sent before every add).
  const asked = new Map<string, Map<number, string>>();
  for (const m of derived.mentions) {
    if (m.sourceId === id || !perEntity.has(m.entityId)) continue;
    const at = asked.get(m.sourceId) ?? new Map<number, string>();
    at.set(m.start, m.entityId);
    asked.set(m.sourceId, at);
  }
  const votes = new Map<string, Map<string, number>>();
  for (const m of before.mentions) {
    const now = asked.get(m.sourceId)?.get(m.start);
    if (now === undefined) continue;
    const v = votes.get(now) ?? new Map<string, number>();
    v.set(m.entityId, (v.get(m.entityId) ?? 0) + 1);
    votes.set(now, v);
  }
  const beforeEntity = new Map(before.entities.map((e) => [e.id, e]));
  const after = new Map(derived.entities.map((e) => [e.id, e]));
  const previous = (entityId: string): Entity | undefined => {
    const ranked = [...(votes.get(entityId) ?? [])].sort(
      (a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1),
    );
    return beforeEntity.get(ranked[0]?.[0] ?? entityId);
  };
  const entities = [...perEntity]
    .map(([eid, mentions]): PreviewEntity | null => {
      const e = after.get(eid);
      if (!e) return null;
      const prior = previous(eid);
      const base = { name: e.name, type: e.type, known: !!prior, mentions };
      return prior
        ? {
            ...base,
            status: 'linked',
            linkedTo: prior.name,
            reason: entityLinkReason(surfaces.get(eid) ?? [], prior),
          }
        : { ...base, status: 'new', linkedTo: null, reason: null };
    })
    .filter((e): e is PreviewEntity => e !== null)
    .sort((a, b) => b.mentions - a.mentions || a.name.localeCompare(b.name));
  const claims = derived.claims.filter((c) => c.sourceId === id);
  const s = prepared.source;
  return {
    title: s.title,
    outlet: s.outlet,
    url: s.url,
    published: s.published,
    language: s.language,
    // What cleaning reads the text as (lib/corpus/clean.ts), shown for the reader to check.
    guessedLanguage: s.language ? null : detectLanguage(s.text),
    chars: s.text.length,
    words: s.text.split(/\s+/).filter(Boolean).length,
    paragraphs: s.text
      .split(/\n\s*\n/)
      .map((p) => p.trim())
      .filter(Boolean)
      .slice(0, 4),
    entities,
    claims: claims.slice(0, 8).map((c) => ({ kind: c.kind, span: c.span })),
    claimCount: claims.length,
  };
}

interface PlannedImport {
  backup: Backup;
  add: Backup['sources'];
  skip: ImportPreview['skip'];
}

/** Decides which records of a backup are new; duplicates of present sources are skipped. */
function planImport(backup: Backup, existing: readonly Source[]): PlannedImport {
  const present = [...existing];
  const add: Backup['sources'] = [];
  const skip: ImportPreview['skip'] = [];
  for (const r of [...backup.sources].sort((a, b) => a.addedAt - b.addedAt || byId(a, b))) {
    if (present.some((s) => s.id === r.id)) {
      skip.push({ id: r.id, title: r.title, reason: 'already in your sources' });
      continue;
    }
    const { source } = prepareSource(rawFrom(r, r.id), r.addedAt);
    const dup = checkDuplicate({ url: r.url, contentHash: source.contentHash }, present);
    if (!dup.ok) {
      skip.push({
        id: r.id,
        title: r.title,
        reason:
          dup.problem.code === 'duplicate-url'
            ? 'same address as a present source'
            : 'same text as a present source',
      });
      continue;
    }
    present.push(source);
    add.push(r);
  }
  return { backup, add, skip };
}

// eslint-disable-next-line max-lines-per-function -- one handler per message over shared kept state; each handler is short
export function createSourceHandlers(deps: SourceServiceDeps) {
  const { db, ready } = deps;
  const now = deps.now ?? Date.now;
  const pause = deps.pause ?? breather;
  const report = (p: SourceProgress) => deps.progress?.(p);
  const commit = async (operation: string) => {
    await deps.beforeCommit?.(operation);
  };
  const kept = newKept();
  // The story reader reuses the grouping this memo's last build made (lib/service/stories.ts).
  shareStoryTerms(db, kept.memo.stories.terms);
  const seed = async (): Promise<BundledIndex> => {
    if (!deps.seedBundle) throw new Error('The built-in corpus is not available here.');
    return deps.seedBundle();
  };

  /** The seed overrides (none when the bundle is not available here, as in some tests). */
  const baseOverrides = async () =>
    deps.seedBundle ? bundleOverrides(await deps.seedBundle()) : null;
  /** The seeds' overrides with the reader's corrections (lib/service/correction-store.ts). */
  const overrides = async (): Promise<EntityOverrides | null> =>
    overridesWithCorrections(db, await baseOverrides());

  // A warm-up (prepareChanges) and the writes never overlap: its build between a change's plan
  // and its write would leave the memo (and the stories' findings it saves) one change behind.
  let preparing: Promise<void> | null = null;
  let writes = 0;
  const prepare = async () => {
    if (writes > 0) return; // the write builds what it needs
    const o = await overrides();
    const inputs = await readInputs(db, kept);
    const key = overridesKey(o);
    const derivedHere = kept.inputs === inputs && kept.derived !== null;
    const preparedHere = kept.prepared?.inputs === inputs && kept.prepared.overrides === key;
    if (derivedHere || preparedHere) return;
    const plan = await planChange(db, {}, o, pause, kept);
    kept.prepared = { inputs: plan.inputs, overrides: key };
  };
  /** Runs a write once no warm-up runs (one in progress is waited for); none starts meanwhile. */
  const writing = async <T>(run: () => Promise<T>): Promise<T> => {
    while (preparing) await preparing.catch(() => undefined);
    writes++;
    try {
      return await run();
    } finally {
      writes--;
    }
  };
  /**
   * Plans `make`, then writes it in ONE transaction with `check` run first inside it. `given`
   * plans with other overrides than those stored (a correction that `check` writes). When
   * another change landed meanwhile, the change is planned again inside the transaction, after
   * `check`, with what is stored then.
   */
  const change = async (
    operation: string,
    make: SourceChange,
    {
      check = () => undefined,
      stage = () => undefined,
      given,
      receipt,
    }: {
      check?: (inputs: CorpusInputs) => unknown;
      stage?: (stage: 'resolving' | 'saving') => void;
      given?: { overrides: EntityOverrides | null };
      /** The asking page's receipt, kept with the change (lib/service/receipts.ts). */
      receipt?: string;
    } = {},
  ) =>
    writing(async () => {
      const base = await baseOverrides();
      const o = given ? given.overrides : await overridesWithCorrections(db, base);
      stage('resolving');
      const plan = await planChange(db, make, o, pause, kept);
      stage('saving');
      try {
        const written = await db.transaction('rw', tables(db), async () => {
          await check(await readInputs(db, kept));
          const stored = () => overridesWithCorrections(db, base);
          const w = await writeChange(db, plan, make, stored, kept);
          const version = await bumpDictionaryVersion(db);
          await keepReceipt(db, receipt);
          await commit(operation);
          return { ...w, version };
        });
        // The write counter as the commit left it (read-cache.ts keys the rows seeded below by it).
        const writes = db.writes;
        // Committed: what the database now holds is what the next change starts from.
        const inputs = inputsAfter(written.inputs, make, written.after, written.version);
        kept.inputs = inputs;
        kept.sourceCount = inputs.sources.length;
        kept.derived = written.derived;
        kept.prepared = null;
        written.saved();
        // The popup's reads that follow take these rows instead of reading the tables back.
        // (A failure there costs those reads a read of the tables, not the change.)
        await seedReads(db, writes, written.version, {
          sources: inputs.sources,
          ...written.derived,
        }).catch(() => undefined);
      } catch (e) {
        // Rolled back: the memo may hold this change's analyses (checked before any reuse, so
        // still right), but the kept rows must be read again.
        kept.inputs = null;
        kept.derived = null;
        kept.prepared = null;
        throw e;
      }
    });

  return {
    /**
     * Derives the corpus again with `next` overrides through the memo, as a source change does
     * (what a correction changes costs what it touches), with `write` run first inside the
     * change's transaction. Not a message: lib/service/handlers.ts keeps it out of the protocol.
     */
    async rederiveWith(
      operation: string,
      next: EntityOverrides | null,
      write: () => Promise<void>,
      receipt?: string,
    ): Promise<void> {
      await change(operation, {}, { check: write, given: { overrides: next }, receipt });
    },

    /**
     * Derives the corpus as it is through the memo, saving nothing, so that the next preview or
     * change costs what it changes. The first change of a worker life otherwise pays for reading
     * the analyses back and building entity discovery cold while the reader waits; the options
     * page asks for this on opening, before the reader has a draft. Answers at once when this
     * life has already derived the corpus as stored.
     */
    async prepareChanges(): Promise<{ ready: true }> {
      await ready();
      // One at a time: a second ask while the first derives waits for it, not for a second build.
      preparing ??= prepare().finally(() => {
        preparing = null;
      });
      await preparing;
      return { ready: true };
    },

    // Requests arrive parsed by their schemas (lib/service/handlers.ts): a draft is checked.
    async previewSource({ draft }: { draft: SourceDraft }): Promise<SourcePreview> {
      await ready();
      const addedAt = now();
      const raw = rawFrom(draft, newSourceId(draft.text, addedAt));
      const prepared = prepareChecked(raw, addedAt);
      await pause();
      // The corpus as this life's last change left it when the database still holds that
      // (readInputs checks the version), so a preview reads no whole table again.
      const inputs = await readInputs(db, kept);
      orThrow(
        checkDuplicate(
          { url: draft.url, contentHash: prepared.source.contentHash },
          inputs.sources,
        ),
      );
      const plan = await planChange(db, { put: [prepared] }, await overrides(), pause, kept);
      // What the database holds: the last change's rows, or those a worker start read back.
      const back = kept.readBack;
      const readBack = back && back.version === plan.inputs.version ? back.derived : null;
      const before =
        (kept.inputs === plan.inputs ? kept.derived : null) ??
        readBack ??
        (await readEntitiesAndMentions(db));
      return previewOf(prepared, plan.derived, before);
    },

    async addSource({
      draft,
      receipt,
    }: {
      draft: SourceDraft;
      receipt?: string;
    }): Promise<SourceSummary> {
      await ready();
      const addedAt = now();
      const id = newSourceId(draft.text, addedAt);
      report({ operation: 'addSource', stage: 'preparing', done: 0, total: 1 });
      const prepared = prepareChecked(rawFrom(draft, id), addedAt);
      const notDuplicate = (inputs: CorpusInputs) =>
        orThrow(
          checkDuplicate(
            { url: draft.url, contentHash: prepared.source.contentHash },
            inputs.sources,
          ),
        );
      notDuplicate(await readInputs(db, kept));
      await pause();
      await change(
        'addSource',
        { put: [prepared] },
        {
          check: notDuplicate,
          stage: (stage) => report({ operation: 'addSource', stage, done: 1, total: 1 }),
          receipt,
        },
      );
      const [summary] = await listSummaries(db, id);
      return summary!;
    },

    async listSources(): Promise<SourceSummary[]> {
      await ready();
      return listSummaries(db);
    },

    async setSourceEnabled({
      id,
      enabled,
      receipt,
    }: {
      id: string;
      enabled: boolean;
      receipt?: string;
    }): Promise<SourceSummary> {
      await ready();
      const check = (inputs: CorpusInputs) => {
        if (!inputs.sources.some((s) => s.id === id))
          orThrow(fail('not-found', 'That source is no longer in the corpus. Reload the page.'));
      };
      await change('setSourceEnabled', { enabled: new Map([[id, enabled]]) }, { check, receipt });
      const [summary] = await listSummaries(db, id);
      return summary!;
    },

    async removeSource({
      id,
      receipt,
    }: {
      id: string;
      receipt?: string;
    }): Promise<{ removed: string }> {
      await ready();
      const seedMessage = 'Built-in sources cannot be removed; switch them off instead (or reset).';
      userSource((await db.sources.get(id)) ?? null, seedMessage);
      const check = (inputs: CorpusInputs) =>
        userSource(inputs.sources.find((s) => s.id === id) ?? null, seedMessage);
      await change('removeSource', { remove: [id] }, { check, receipt });
      return { removed: id };
    },

    async editSource({
      id,
      patch,
      receipt,
    }: {
      id: string;
      patch: Partial<EditableFields>;
      receipt?: string;
    }): Promise<SourceSummary> {
      await ready();
      const seedMessage = 'Built-in sources cannot be edited; switch them off instead.';
      const source = userSource((await db.sources.get(id)) ?? null, seedMessage);
      // A patch: the fields it leaves out keep their values.
      const { title, outlet, url, published, language } = source;
      const fields = orThrow(
        checkMetadata({ title, outlet, url, published, language, ...(patch ?? {}) }),
      );
      // Language and date feed cleaning, segmentation and claims: prepare again, not relabel.
      // Already accepted once: prepared without the add-time checks, so an edit never drops it.
      const edited = { ...source, ...fields };
      const prepared = prepareSource(rawFrom(edited, id), source.addedAt);
      prepared.source.enabled = source.enabled;
      const check = (inputs: CorpusInputs) => {
        userSource(inputs.sources.find((s) => s.id === id) ?? null, seedMessage);
        orThrow(checkDuplicate({ id, url: fields.url, contentHash: '\u0000' }, inputs.sources));
      };
      await change('editSource', { put: [prepared] }, { check, receipt });
      const [summary] = await listSummaries(db, id);
      return summary!;
    },

    async exportSources(): Promise<{ sources: Source[] }> {
      await ready();
      return { sources: await db.sources.toArray() };
    },

    async previewImport({ text }: { text: string }): Promise<ImportPreview> {
      await ready();
      const backup = orThrow(parseBackup(text));
      const plan = planImport(backup, await db.sources.toArray());
      // Prepare and resolve the new records now, as the import will, so a record the pipeline
      // refuses fails the preview, not the save.
      const put = await prepareRecords(plan.add, pause);
      await planChange(db, { put }, await overrides(), pause, kept);
      return {
        add: plan.add.map((r) => ({ id: r.id, title: r.title, outlet: r.outlet })),
        skip: plan.skip,
        seedStates: backup.seedSources.length,
        settings: backup.settings,
        exportedAt: backup.exportedAt,
      };
    },

    /**
     * Adds a backup's new sources and seed states, and with `restore` (the edit that adds its
     * corrections: lib/service/corrections.ts) writes the corrections in the same transaction,
     * derived with them: all of it lands, or nothing.
     */
    async importBackup(
      { text, receipt }: { text: string; receipt?: string },
      restore?: (current: Correction[]) => Correction[],
    ): Promise<ImportResult> {
      await ready();
      const backup = orThrow(parseBackup(text));
      const plan = planImport(backup, await db.sources.toArray());
      const total = plan.add.length;
      const put = await prepareRecords(plan.add, pause, (done) =>
        report({ operation: 'importBackup', stage: 'preparing', done, total }),
      );
      const seedIds = new Set(
        (await db.sources.where('origin').equals('seed').toArray()).map((s) => s.id),
      );
      const enabled = new Map(
        backup.seedSources.filter((s) => seedIds.has(s.id)).map((s) => [s.id, s.enabled]),
      );
      const given = restore
        ? { overrides: withCorrections(await baseOverrides(), restore(await readCorrections(db))) }
        : undefined;
      const check = async (inputs: CorpusInputs) => {
        // Another change landed meanwhile: the records must still be new.
        if (planImport(backup, inputs.sources).add.length !== plan.add.length)
          orThrow(
            fail(
              'backup-records',
              'Your sources changed during the import; nothing was imported. Try again.',
            ),
          );
        if (restore) await writeCorrections(db, restore(await readCorrections(db)));
      };
      await change(
        'importBackup',
        { put, enabled },
        {
          check,
          stage: (stage) => report({ operation: 'importBackup', stage, done: total, total }),
          given,
          receipt,
        },
      );
      return { added: plan.add.length, skipped: plan.skip.length, settings: backup.settings };
    },

    async resetCorpus({ receipt }: { receipt?: string } = {}): Promise<{ sources: number }> {
      await ready();
      const bundle = await seed();
      await writing(() =>
        db.transaction('rw', tables(db), async () => {
          await Promise.all(CORPUS_TABLES.map((t) => db[t].clear()));
          const c = bundle.corpus;
          // The reader's sources are gone, and their analyses with them.
          const seedIds = new Set(c.sources.map((s) => s.id));
          await db.analyses.bulkDelete(
            (await db.analyses.toCollection().primaryKeys()).filter((id) => !seedIds.has(id)),
          );
          await db.storyFindings.clear();
          await db.sources.bulkPut(c.sources);
          await db.passages.bulkPut(c.passages);
          await db.entities.bulkPut(c.entities);
          await db.mentions.bulkPut(c.mentions);
          await db.claims.bulkPut(c.claims);
          await db.discrepancies.bulkPut(c.discrepancies);
          // The prebuilt rows know no corrections: with some, derived again with them.
          if ((await readCorrections(db)).length > 0)
            await rederiveCorpus(db, await overridesWithCorrections(db, bundleOverrides(bundle)));
          await db.meta.put({ id: META_INDEX_VERSION, value: bundle.version });
          await bumpDictionaryVersion(db);
          await keepReceipt(db, receipt);
          await commit('resetCorpus');
        }),
      );
      // The reader's analyses went with their sources: one added again is written again.
      forgetWrittenAnalyses(kept.memo);
      kept.savedStories = new WeakSet();
      kept.storyIds = null;
      return { sources: bundle.corpus.sources.length };
    },
  };
}

/** The reader's own source, or a clear error: gone, or built in (`seedMessage`). */
function userSource(source: Source | null, seedMessage: string): Source {
  if (!source)
    orThrow(fail('not-found', 'That source is no longer in the corpus. Reload the page.'));
  if (source!.origin === 'seed') orThrow(fail('seed-source', seedMessage));
  return source!;
}

/** Cleans and segments backup records one after another, pausing between them. */
async function prepareRecords(
  records: readonly Backup['sources'][number][],
  pause: () => Promise<void>,
  started: (done: number) => void = () => undefined,
): Promise<PreparedSource[]> {
  const out: PreparedSource[] = [];
  for (const r of records) {
    started(out.length);
    try {
      const prepared = prepareChecked(rawFrom(r, r.id), r.addedAt);
      prepared.source.enabled = r.enabled;
      out.push(prepared);
    } catch (e) {
      throw importProblem(r, e);
    }
    await pause();
  }
  return out;
}

function importProblem(r: Backup['sources'][number], e: unknown): ProblemError {
  const why = e instanceof Error ? e.message : String(e);
  return new ProblemError({
    code: 'backup-records',
    message: `The source “${r.title ?? r.id}” in the file cannot be indexed, so nothing was imported: ${why}`,
  });
}
