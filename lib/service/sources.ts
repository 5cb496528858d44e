/**
 * Background handlers for the reader's sources: preview, add, list, remove, enable/disable, edit,
 * export, import and reset. Every change is ONE Dexie transaction that also recomputes the
 * discrepancies and bumps the dictionary version (so open tabs refresh their underlines); a
 * failure anywhere inside leaves the database exactly as it was.
 */
import { type Backup, parseBackup } from '../backup';
import type { BundledIndex } from '../bundle';
import { hashText } from '../hash';
import {
  indexSource,
  indexSourceInSteps,
  prepareSource,
  type SourceIndex,
} from '../corpus/pipeline';
import { CORPUS_TABLES, type CrosscheckDB } from '../db';
import { checkMetadata, checkText } from '../intake/draft';
import { checkDuplicate } from '../intake/duplicate';
import { fail, orThrow, ProblemError } from '../problems';
import { discrepanciesByStory } from '../stories';
import type { Entity, RawSource, Source } from '../types';
import { entityLinkReason } from './link-reasons';
import { bumpDictionaryVersion, META_DICTIONARY_VERSION, META_INDEX_VERSION } from './meta';
import type {
  EditableFields,
  ImportPreview,
  ImportResult,
  PreviewEntity,
  SourceDraft,
  SourcePreview,
  SourceSummary,
} from '../protocol';

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
}

const byId = <T extends { id: string }>(a: T, b: T) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);

function tables(db: CrosscheckDB) {
  return [...CORPUS_TABLES.map((t) => db[t]), db.meta];
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

/** What the database holds when a change is planned, read in one transaction. */
interface Snapshot {
  /** The dictionary version: every change to the corpus moves it. */
  version: unknown;
  sources: Source[];
  entities: Entity[];
}

async function snapshot(db: CrosscheckDB): Promise<Snapshot> {
  return db.transaction('r', [db.meta, db.sources, db.entities], async () => ({
    version: (await db.meta.get(META_DICTIONARY_VERSION))?.value,
    sources: await db.sources.toArray(),
    entities: await db.entities.toArray(),
  }));
}

/** Whether nothing changed since `before` (call inside the write transaction). */
async function unchangedSince(db: CrosscheckDB, before: Snapshot): Promise<boolean> {
  return (await db.meta.get(META_DICTIONARY_VERSION))?.value === before.version;
}

/** Indexes one source against the known entities and checks what cleaning left of it. */
function indexChecked(raw: RawSource, known: readonly Entity[], addedAt: number): SourceIndex {
  return checkIndexed(indexSource(raw, known, null, addedAt));
}

/** indexChecked, awaiting `pause()` between the pipeline's stages. */
async function indexCheckedInSteps(
  raw: RawSource,
  known: readonly Entity[],
  addedAt: number,
  pause: () => Promise<void>,
): Promise<SourceIndex> {
  return checkIndexed(await indexSourceInSteps(raw, known, null, addedAt, pause));
}

function checkIndexed(index: SourceIndex): SourceIndex {
  const text = checkText(index.source.text);
  if (!text.ok) {
    throw new ProblemError({
      code: text.problem.code,
      message: `After removing page clutter (credits, share buttons, notices), ${text.problem.message.charAt(0).toLowerCase()}${text.problem.message.slice(1)}`,
    });
  }
  return index;
}

/**
 * Regroups the enabled sources into stories (lib/stories) and recomputes the discrepancies
 * within each story (cheap next to indexing: entities and claims are not extracted again).
 */
export async function recomputeDiscrepancies(db: CrosscheckDB): Promise<number> {
  const sources = (await db.sources.toArray()).filter((s) => s.enabled);
  const enabled = new Set(sources.map((s) => s.id));
  const [claims, passages, entities, mentions] = await Promise.all([
    db.claims.toArray(),
    db.passages.toArray(),
    db.entities.toArray(),
    db.mentions.toArray(),
  ]);
  const { discrepancies } = discrepanciesByStory(
    sources,
    passages.filter((p) => enabled.has(p.sourceId)),
    entities,
    mentions.filter((m) => enabled.has(m.sourceId)),
    claims.filter((c) => enabled.has(c.sourceId)),
  );
  await db.discrepancies.clear();
  await db.discrepancies.bulkPut(discrepancies);
  return discrepancies.length;
}

async function writeIndex(db: CrosscheckDB, index: SourceIndex): Promise<void> {
  await db.sources.put(index.source);
  await db.passages.bulkPut(index.passages);
  await db.entities.bulkPut(index.entities);
  await db.mentions.bulkPut(index.mentions);
  await db.claims.bulkPut(index.claims);
}

/**
 * Re-indexes the reader's sources from the pristine seed entities, oldest first (inside the
 * caller's transaction). Used when a source is removed or edited, so entities, aliases and
 * descriptors that came only from it go too; the result equals adding the remaining sources
 * one by one.
 */
export async function rebuildUserLayer(
  db: CrosscheckDB,
  seed: BundledIndex,
  user: readonly Source[],
  planned?: readonly SourceIndex[],
): Promise<void> {
  const indexes = planned ?? planUserLayer(seed, user);
  await Promise.all(
    (['sources', 'passages', 'mentions', 'claims'] as const).map((t) =>
      db[t].where('origin').equals('user').delete(),
    ),
  );
  await db.entities.clear();
  await db.entities.bulkPut(seed.corpus.entities);
  for (const index of indexes) await writeIndex(db, index);
}

/**
 * The reader's sources indexed again from the seed entities, oldest first, each against the
 * entities the ones before it added (what rebuildUserLayer writes). With `pause`, it pauses
 * between sources and stages.
 */
function planUserLayer(seed: BundledIndex, user: readonly Source[]): SourceIndex[];
function planUserLayer(
  seed: BundledIndex,
  user: readonly Source[],
  pause: () => Promise<void>,
): Promise<SourceIndex[]>;
function planUserLayer(
  seed: BundledIndex,
  user: readonly Source[],
  pause?: () => Promise<void>,
): SourceIndex[] | Promise<SourceIndex[]> {
  const ordered = [...user].sort((a, b) => a.addedAt - b.addedAt || byId(a, b));
  const known = new Map(seed.corpus.entities.map((e) => [e.id, e]));
  // Already accepted once: re-indexed without the add-time checks, so an update never drops it.
  const keep = (s: Source, index: SourceIndex) => {
    index.source.enabled = s.enabled;
    for (const e of index.entities) known.set(e.id, e);
    return index;
  };
  if (!pause)
    return ordered.map((s) =>
      keep(s, indexSource(rawFrom(s, s.id), [...known.values()].sort(byId), null, s.addedAt)),
    );
  return (async () => {
    const out: SourceIndex[] = [];
    for (const s of ordered) {
      const raw = rawFrom(s, s.id);
      const known1 = [...known.values()].sort(byId);
      out.push(keep(s, await indexSourceInSteps(raw, known1, null, s.addedAt, pause)));
      await pause();
    }
    return out;
  })();
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

function previewOf(index: SourceIndex, known: readonly Entity[]): SourcePreview {
  const knownById = new Map(known.map((e) => [e.id, e]));
  const all = new Map([...known, ...index.entities].map((e) => [e.id, e]));
  const perEntity = new Map<string, number>();
  const surfaces = new Map<string, string[]>();
  for (const m of index.mentions) {
    perEntity.set(m.entityId, (perEntity.get(m.entityId) ?? 0) + 1);
    const forms = surfaces.get(m.entityId);
    if (forms) forms.push(m.surface);
    else surfaces.set(m.entityId, [m.surface]);
  }
  const entities = [...perEntity]
    .map(([id, mentions]): PreviewEntity | null => {
      const e = all.get(id);
      if (!e) return null;
      const before = knownById.get(id);
      const base = { name: e.name, type: e.type, known: !!before, mentions };
      return before
        ? {
            ...base,
            status: 'linked',
            linkedTo: before.name,
            reason: entityLinkReason(surfaces.get(id) ?? [], before),
          }
        : { ...base, status: 'new', linkedTo: null, reason: null };
    })
    .filter((e): e is PreviewEntity => e !== null)
    .sort((a, b) => b.mentions - a.mentions || a.name.localeCompare(b.name));
  const s = index.source;
  return {
    title: s.title,
    outlet: s.outlet,
    url: s.url,
    published: s.published,
    language: s.language,
    chars: s.text.length,
    words: s.text.split(/\s+/).filter(Boolean).length,
    paragraphs: s.text
      .split(/\n\s*\n/)
      .map((p) => p.trim())
      .filter(Boolean)
      .slice(0, 4),
    entities,
    claims: index.claims.slice(0, 8).map((c) => ({ kind: c.kind, span: c.span })),
    claimCount: index.claims.length,
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

export function createSourceHandlers(deps: SourceServiceDeps) {
  const { db, ready } = deps;
  const now = deps.now ?? Date.now;
  const pause = deps.pause ?? breather;
  const commit = async (operation: string) => {
    await deps.beforeCommit?.(operation);
  };
  const seed = async (): Promise<BundledIndex> => {
    if (!deps.seedBundle) throw new Error('The built-in corpus is not available here.');
    return deps.seedBundle();
  };

  return {
    // Requests arrive parsed by their schemas (lib/service/handlers.ts): a draft is checked.
    async previewSource({ draft }: { draft: SourceDraft }): Promise<SourcePreview> {
      await ready();
      const addedAt = now();
      const [known, sources] = await Promise.all([db.entities.toArray(), db.sources.toArray()]);
      const raw = rawFrom(draft, newSourceId(draft.text, addedAt));
      const index = await indexCheckedInSteps(raw, known, addedAt, pause);
      orThrow(checkDuplicate({ url: draft.url, contentHash: index.source.contentHash }, sources));
      return previewOf(index, known);
    },

    async addSource({ draft }: { draft: SourceDraft }): Promise<SourceSummary> {
      await ready();
      const addedAt = now();
      const id = newSourceId(draft.text, addedAt);
      const raw = rawFrom(draft, id);
      // Indexed before the write transaction (which cannot wait across tasks), in steps.
      const before = await snapshot(db);
      let index = await indexCheckedInSteps(raw, before.entities, addedAt, pause);
      orThrow(
        checkDuplicate({ url: draft.url, contentHash: index.source.contentHash }, before.sources),
      );
      await db.transaction('rw', tables(db), async () => {
        // Another change landed meanwhile: index again against what is there now.
        if (!(await unchangedSince(db, before)))
          index = indexChecked(raw, await db.entities.toArray(), addedAt);
        const sources = await db.sources.toArray();
        orThrow(checkDuplicate({ url: draft.url, contentHash: index.source.contentHash }, sources));
        await writeIndex(db, index);
        await recomputeDiscrepancies(db);
        await bumpDictionaryVersion(db);
        await commit('addSource');
      });
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
    }: {
      id: string;
      enabled: boolean;
    }): Promise<SourceSummary> {
      await ready();
      await db.transaction('rw', tables(db), async () => {
        const source = await db.sources.get(id);
        if (!source)
          orThrow(fail('not-found', 'That source is no longer in the corpus. Reload the page.'));
        await db.sources.update(id, { enabled });
        await recomputeDiscrepancies(db);
        await bumpDictionaryVersion(db);
        await commit('setSourceEnabled');
      });
      const [summary] = await listSummaries(db, id);
      return summary!;
    },

    async removeSource({ id }: { id: string }): Promise<{ removed: string }> {
      await ready();
      const bundle = await seed();
      const remaining = (sources: readonly Source[]) =>
        sources.filter((s) => s.origin === 'user' && s.id !== id);
      const before = await snapshot(db);
      const planned = await planUserLayer(bundle, remaining(before.sources), pause);
      await db.transaction('rw', tables(db), async () => {
        await userSource(
          db,
          id,
          'Built-in sources cannot be removed; switch them off instead (or reset).',
        );
        const fresh = await unchangedSince(db, before);
        const user = remaining(await db.sources.toArray());
        await rebuildUserLayer(db, bundle, user, fresh ? planned : undefined);
        await recomputeDiscrepancies(db);
        await bumpDictionaryVersion(db);
        await commit('removeSource');
      });
      return { removed: id };
    },

    async editSource({
      id,
      patch,
    }: {
      id: string;
      patch: Partial<EditableFields>;
    }): Promise<SourceSummary> {
      await ready();
      const bundle = await seed();
      // Planned before the write transaction when the patch is valid; checked again inside.
      const before = await snapshot(db);
      const edited = (sources: readonly Source[], fields: Partial<EditableFields>) =>
        sources
          .filter((s) => s.origin === 'user')
          .map((s) => (s.id === id ? { ...s, ...fields } : s));
      const current = before.sources.find((s) => s.id === id);
      const checked =
        current?.origin === 'user'
          ? checkMetadata({
              title: current.title,
              outlet: current.outlet,
              url: current.url,
              published: current.published,
              language: current.language,
              ...(patch ?? {}),
            })
          : null;
      const planned = checked?.ok
        ? await planUserLayer(bundle, edited(before.sources, checked.value), pause)
        : undefined;
      await db.transaction('rw', tables(db), async () => {
        const source = await userSource(
          db,
          id,
          'Built-in sources cannot be edited; switch them off instead.',
        );
        // A patch: the fields it leaves out keep their values.
        const { title, outlet, url, published, language } = source;
        const fields = orThrow(
          checkMetadata({ title, outlet, url, published, language, ...(patch ?? {}) }),
        );
        const others = await db.sources.toArray();
        orThrow(checkDuplicate({ id, url: fields.url, contentHash: '\u0000' }, others));
        const user = edited(await db.sources.toArray(), fields);
        // Language and date feed cleaning, segmentation and claims: re-index, do not just relabel.
        const fresh = await unchangedSince(db, before);
        await rebuildUserLayer(db, bundle, user, fresh ? planned : undefined);
        await recomputeDiscrepancies(db);
        await bumpDictionaryVersion(db);
        await commit('editSource');
      });
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
      // Index each new record now, as the import will (each after the ones before it), so a
      // record the pipeline refuses fails the preview, not the save.
      await indexInOrder(plan.add, await db.entities.toArray(), pause);
      return {
        add: plan.add.map((r) => ({ id: r.id, title: r.title, outlet: r.outlet })),
        skip: plan.skip,
        seedStates: backup.seedSources.length,
        settings: backup.settings,
        exportedAt: backup.exportedAt,
      };
    },

    async importBackup({ text }: { text: string }): Promise<ImportResult> {
      await ready();
      const backup = orThrow(parseBackup(text));
      let result: ImportResult = { added: 0, skipped: 0, settings: backup.settings };
      const before = await snapshot(db);
      const firstPlan = planImport(backup, before.sources);
      const firstIndexes = await indexInOrder(firstPlan.add, before.entities, pause);
      await db.transaction('rw', tables(db), async () => {
        const fresh = await unchangedSince(db, before);
        const plan = fresh ? firstPlan : planImport(backup, await db.sources.toArray());
        const indexes = fresh ? firstIndexes : indexInOrder(plan.add, await db.entities.toArray());
        for (const index of indexes) await writeIndex(db, index);
        for (const s of backup.seedSources) {
          const row = await db.sources.get(s.id);
          if (row?.origin === 'seed') await db.sources.update(s.id, { enabled: s.enabled });
        }
        await recomputeDiscrepancies(db);
        await bumpDictionaryVersion(db);
        await commit('importBackup');
        result = { added: plan.add.length, skipped: plan.skip.length, settings: backup.settings };
      });
      return result;
    },

    async resetCorpus(): Promise<{ sources: number }> {
      await ready();
      const bundle = await seed();
      await db.transaction('rw', tables(db), async () => {
        await Promise.all(CORPUS_TABLES.map((t) => db[t].clear()));
        const c = bundle.corpus;
        await db.sources.bulkPut(c.sources);
        await db.passages.bulkPut(c.passages);
        await db.entities.bulkPut(c.entities);
        await db.mentions.bulkPut(c.mentions);
        await db.claims.bulkPut(c.claims);
        await db.discrepancies.bulkPut(c.discrepancies);
        await db.meta.put({ id: META_INDEX_VERSION, value: bundle.version });
        await bumpDictionaryVersion(db);
        await commit('resetCorpus');
      });
      return { sources: bundle.corpus.sources.length };
    },
  };
}

/** The reader's own source `id`, or a clear error: gone, or built in (`seedMessage`). */
async function userSource(db: CrosscheckDB, id: string, seedMessage: string): Promise<Source> {
  const source = await db.sources.get(id);
  if (!source)
    orThrow(fail('not-found', 'That source is no longer in the corpus. Reload the page.'));
  if (source!.origin === 'seed') orThrow(fail('seed-source', seedMessage));
  return source!;
}

/**
 * Indexes records one after another, each against the entities the ones before it added; with
 * `pause`, pausing between records and the pipeline's stages.
 */
function indexInOrder(
  records: readonly Backup['sources'][number][],
  entities: readonly Entity[],
): SourceIndex[];
function indexInOrder(
  records: readonly Backup['sources'][number][],
  entities: readonly Entity[],
  pause: () => Promise<void>,
): Promise<SourceIndex[]>;
function indexInOrder(
  records: readonly Backup['sources'][number][],
  entities: readonly Entity[],
  pause?: () => Promise<void>,
): SourceIndex[] | Promise<SourceIndex[]> {
  const known = new Map(entities.map((e) => [e.id, e]));
  const keep = (index: SourceIndex) => {
    for (const e of index.entities) known.set(e.id, e);
    return index;
  };
  if (!pause) return records.map((r) => keep(indexRecord(r, [...known.values()].sort(byId))));
  return (async () => {
    const out: SourceIndex[] = [];
    for (const r of records) {
      const index = await recordProblem(r, async () => {
        const raw = rawFrom(r, r.id);
        const known1 = [...known.values()].sort(byId);
        const indexed = checkIndexed(await indexSourceInSteps(raw, known1, null, r.addedAt, pause));
        indexed.source.enabled = r.enabled;
        return indexed;
      });
      out.push(keep(index));
      await pause();
    }
    return out;
  })();
}

/** A record's indexing error, as the import's problem. */
async function recordProblem(
  r: Backup['sources'][number],
  run: () => Promise<SourceIndex>,
): Promise<SourceIndex> {
  try {
    return await run();
  } catch (e) {
    throw importProblem(r, e);
  }
}

function importProblem(r: Backup['sources'][number], e: unknown): ProblemError {
  const why = e instanceof Error ? e.message : String(e);
  return new ProblemError({
    code: 'backup-records',
    message: `The source “${r.title ?? r.id}” in the file cannot be indexed, so nothing was imported: ${why}`,
  });
}

function indexRecord(r: Backup['sources'][number], known: readonly Entity[]): SourceIndex {
  try {
    const index = indexChecked(rawFrom(r, r.id), known, r.addedAt);
    index.source.enabled = r.enabled;
    return index;
  } catch (e) {
    throw importProblem(r, e);
  }
}
