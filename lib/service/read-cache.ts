/**
 * What the background derives from the rows for reading (stories, the popup's summary and list,
 * the search index, the enabled sources), kept per database connection until the corpus changes.
 * A value is keyed by the connection's write counter (lib/db.ts: every write, commit and abort
 * through it) and the corpus version in the database (lib/service/meta.ts, bumped by every
 * corpus change, from whatever context): the key is read before the rows, so a value computed
 * while a change lands is never served after it. Concurrent askers share one computation.
 */
import type { CrosscheckDB } from '../db';
import type { Claim, Discrepancy, Entity, Mention, Source } from '../types';
import { META_DICTIONARY_VERSION, META_INDEX_VERSION } from './meta';
import { snapshotVersion } from '../protocol/snapshot';

interface Entry {
  writes: number;
  key: string;
  values: Map<string, Promise<unknown>>;
  /** Values seeded by a change (seedReads), made on first ask: the change does not wait for them. */
  seeded?: Map<string, () => unknown>;
}

/** The entry's value of `name`, made from what a change seeded if that is where it is. */
function valueOf(entry: Entry, name: string): Promise<unknown> | undefined {
  const hit = entry.values.get(name);
  if (hit) return hit;
  const make = entry.seeded?.get(name);
  if (!make) return undefined;
  entry.seeded!.delete(name);
  const value = Promise.resolve(make());
  entry.values.set(name, value);
  return value;
}

const entries = new WeakMap<CrosscheckDB, Entry>();

/** The corpus version in the database, as snapshots are keyed (lib/protocol/snapshot.ts). */
async function storedVersion(db: CrosscheckDB): Promise<string> {
  const [version, index] = await Promise.all([
    db.meta.get(META_DICTIONARY_VERSION),
    db.meta.get(META_INDEX_VERSION),
  ]);
  return snapshotVersion(version?.value, index?.value);
}

/** The corpus's current key (cheap: two bookkeeping rows and a counter). */
export async function corpusKey(db: CrosscheckDB): Promise<{ writes: number; key: string }> {
  const writes = db.writes;
  return { writes, key: `${writes}|${await storedVersion(db)}` };
}

/**
 * `compute()` for the corpus as it is now, or the value already computed for it. A failed
 * computation is not kept.
 */
export async function cached<T>(
  db: CrosscheckDB,
  name: string,
  compute: () => Promise<T>,
): Promise<T> {
  const { writes, key } = await corpusKey(db);
  let entry = entries.get(db);
  if (!entry || entry.key !== key) {
    // A caller that read a newer key meanwhile keeps its entry: this one is already stale.
    if (entry && writes < entry.writes) return compute();
    entry = { writes, key, values: new Map() };
    entries.set(db, entry);
  }
  const current = entry;
  const hit = valueOf(current, name) as Promise<T> | undefined;
  if (hit) return hit;
  const value = compute();
  current.values.set(name, value);
  value.catch(() => {
    if (current.values.get(name) === value) current.values.delete(name);
  });
  return value;
}

/** What `name` already holds (or is computing) for the corpus as it is now; never computes. */
async function made<T>(db: CrosscheckDB, name: string): Promise<T | undefined> {
  const { key } = await corpusKey(db);
  const entry = entries.get(db);
  return entry?.key === key ? (valueOf(entry, name) as Promise<T> | undefined) : undefined;
}

/**
 * As `cached`, and kept in the database too (the snapshots table, keyed by the corpus version):
 * a freshly started worker, or the popup itself, reads it instead of computing it again. A kept
 * value is only ever used for the version it was computed for; versions only go up, so one
 * written while a change lands is keyed by the version before it and never read again.
 */
export function persisted<T>(
  db: CrosscheckDB,
  name: string,
  compute: () => Promise<T>,
): Promise<T> {
  return cached(db, `persisted:${name}`, async () => {
    // Read before the rows, as `cached` does: the value is at least as new as its key.
    const writes = db.writes;
    const version = await storedVersion(db);
    const kept = await db.snapshots.get(name).catch(() => undefined);
    if (kept && kept.version === version) return kept.value as T;
    const value = await compute();
    // Only for a corpus still at that version, with no write through this connection meanwhile
    // (lib/db.ts empties the table after one); a failure to keep it costs the next start a
    // computation, nothing else.
    if (db.writes === writes && (await storedVersion(db)) === version)
      await db.snapshots.put({ id: name, version, value }).catch(() => undefined);
    return value;
  });
}

/** What a change that just committed left in the database, as the change holds it in memory. */
export interface CommittedRows {
  /** Every source row, in key order. */
  sources: readonly Source[];
  /** Every derived row (the tables hold exactly these). */
  entities: readonly Entity[];
  mentions: readonly Mention[];
  claims: readonly Claim[];
  discrepancies: readonly Discrepancy[];
}

/** The committed rows by id, made on first use (claims and entities the reads look up). */
export interface CommittedLookup {
  claim(id: string): Claim | undefined;
  entity(id: string): Entity | undefined;
}

const COMMITTED = 'committed-rows';

const byKey = <T>(rows: readonly T[], id: (r: T) => string): T[] =>
  [...rows].sort((a, b) => (id(a) < id(b) ? -1 : id(a) > id(b) ? 1 : 0));

/** How many values seedReads answered with that the tables would have been read for (tests). */
export const seeded = { reads: 0 };

/**
 * Answers the whole-table reads (enabled sources, live mentions, discrepancy rows, entity ids,
 * claims and entities by id) from the rows a change just committed, instead of reading every
 * row back: a change at 10,000 sources otherwise read and cloned the tables again (seconds).
 * `writes` is the connection's write counter taken as the change's transaction resolved, and
 * `version` the dictionary version it wrote: the values are only kept under that key, and only
 * when the database still holds that version, so they are exactly what the tables would give
 * (the same rows in key order) for as long as the key is current, and never after.
 */
export async function seedReads(
  db: CrosscheckDB,
  writes: number,
  version: unknown,
  rows: CommittedRows,
): Promise<void> {
  const [dictionary, index] = await Promise.all([
    db.meta.get(META_DICTIONARY_VERSION),
    db.meta.get(META_INDEX_VERSION),
  ]);
  if (dictionary?.value !== version || db.writes !== writes) return;
  const key = `${writes}|${snapshotVersion(dictionary?.value, index?.value)}`;
  let entry = entries.get(db);
  if (entry && entry.key !== key && writes < entry.writes) return;
  if (!entry || entry.key !== key) {
    entry = { writes, key, values: new Map() };
    entries.set(db, entry);
  }
  const values = entry.values;
  const lazy = (entry.seeded ??= new Map());
  const seed = (name: string, value: () => unknown) => {
    if (values.has(name) || lazy.has(name)) return;
    lazy.set(name, value);
    seeded.reads++;
  };
  // As the tables list them: in key order (ids compared as strings, as IndexedDB does).
  seed(
    'enabled-sources',
    () => new Map(rows.sources.filter((s) => s.enabled).map((s) => [s.id, s])),
  );
  // The tables hold the derived rows of the enabled sources only.
  seed('live-mentions', () => byKey(rows.mentions, (m) => m.id));
  seed('discrepancy-rows', () => byKey(rows.discrepancies, (d) => d.id));
  seed('entity-ids', () => new Set(rows.entities.map((e) => e.id).sort()));
  let claims: Map<string, Claim> | undefined;
  let entities: Map<string, Entity> | undefined;
  const lookup: CommittedLookup = {
    claim: (id) => (claims ??= new Map(rows.claims.map((c) => [c.id, c]))).get(id),
    entity: (id) => (entities ??= new Map(rows.entities.map((e) => [e.id, e]))).get(id),
  };
  seed(COMMITTED, () => lookup);
}

/** The last change's rows by id while the corpus is as it left it, else undefined (read the table). */
export function committedRows(db: CrosscheckDB): Promise<CommittedLookup | undefined> {
  return made<CommittedLookup>(db, COMMITTED);
}

/** The enabled sources by id, as the corpus is now (shared: never change the map). */
export function enabledSources(db: CrosscheckDB): Promise<Map<string, Source>> {
  return cached(db, 'enabled-sources', async () => {
    const out = new Map<string, Source>();
    for (const s of await db.sources.toArray()) if (s.enabled) out.set(s.id, s);
    return out;
  });
}

/** The mentions of the enabled sources in key order (shared: never change the array). */
export function liveMentions(db: CrosscheckDB): Promise<readonly Mention[]> {
  return cached(db, 'live-mentions', async () => {
    const [enabled, mentions] = await Promise.all([enabledSources(db), db.mentions.toArray()]);
    return mentions.filter((m) => enabled.has(m.sourceId));
  });
}

const MENTION_INDEX = 'mention-index';

/** The enabled sources' mentions by entity and by passage, each in key order. */
export interface MentionIndex {
  byEntity: ReadonlyMap<string, readonly Mention[]>;
  byPassage: ReadonlyMap<string, readonly Mention[]>;
}

/**
 * The index the hovercard reads an entity's mentions and their sentences' other names from:
 * made once per corpus from the one read of the mentions the stories make anyway, so a card
 * costs what its entity's mentions cost, not a walk of the mentions table per sentence.
 */
export function mentionIndex(db: CrosscheckDB): Promise<MentionIndex> {
  return cached(db, MENTION_INDEX, async () => {
    const byEntity = new Map<string, Mention[]>();
    const byPassage = new Map<string, Mention[]>();
    const push = (map: Map<string, Mention[]>, key: string, m: Mention) => {
      const list = map.get(key);
      if (list) list.push(m);
      else map.set(key, [m]);
    };
    for (const m of await liveMentions(db)) {
      push(byEntity, m.entityId, m);
      push(byPassage, m.passageId, m);
    }
    return { byEntity, byPassage };
  });
}

/**
 * The mention index if it is already made (or being made) for the corpus as it is now, else
 * undefined: a card asked right after a worker starts reads its entity's rows instead of
 * waiting for every mention to be read.
 */
export function mentionIndexIfMade(db: CrosscheckDB): Promise<MentionIndex | undefined> {
  return made<MentionIndex>(db, MENTION_INDEX);
}
