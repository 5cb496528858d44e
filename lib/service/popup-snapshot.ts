/**
 * What the popup opens with, kept in the database across service-worker lives: the summary and
 * the first page of the list, each keyed by the corpus version it was computed for. The worker
 * writes them (lib/service/read-cache.ts, `persisted`); the popup reads them straight from
 * IndexedDB before the worker answers, and shows one only when its key is the corpus's current
 * version (never an older corpus's answer as if it were today's). No Dexie here: the popup's
 * bundle stays small.
 */
import type { DiscrepancyPage, Summary } from '../protocol';
import { META_DICTIONARY_VERSION, META_INDEX_VERSION } from './meta';

/** The table (lib/db.ts, schema version 2). */
export const SNAPSHOT_STORE = 'snapshots';
/** The bookkeeping table and the rows that make the corpus version (lib/service/meta.ts). */
const META_STORE = 'meta';
const VERSION_ROWS = [META_DICTIONARY_VERSION, META_INDEX_VERSION] as const;

/** Snapshot ids: the popup's head, and the first page of its list for the default request. */
export const SNAPSHOT_SUMMARY = 'summary';
export const SNAPSHOT_FIRST_PAGE = 'first-page';

/** How many differences the popup asks for at a time (the first page is this many). */
export const LIST_PAGE = 25;

/** One derived answer and the corpus version it answers. */
export interface SnapshotRow {
  id: string;
  version: string;
  value: unknown;
}

/**
 * The corpus version as snapshots are keyed: the dictionary version (bumped by every corpus
 * change, and only ever up) and the bundled index's version.
 */
export function snapshotVersion(dictionary: unknown, index: unknown): string {
  return `${String(dictionary)}|${String(index)}`;
}

/** Whether a list request is the popup's default first page (the one kept as a snapshot). */
export function isFirstPage(req: {
  entityId: string | null;
  names?: boolean;
  storyFirst?: string | null;
  exclude?: readonly string[];
  agreements?: boolean;
  offset?: number;
  limit?: number;
}): boolean {
  return (
    !req.entityId &&
    !req.names &&
    !req.storyFirst &&
    !req.exclude?.length &&
    !req.agreements &&
    !req.offset &&
    req.limit === LIST_PAGE
  );
}

export interface PopupSnapshot {
  summary: Summary | null;
  firstPage: DiscrepancyPage | null;
}

const request = <T>(r: IDBRequest<T>) =>
  new Promise<T>((ok, fail) => {
    r.onsuccess = () => ok(r.result);
    r.onerror = () => fail(r.error ?? new Error('IndexedDB request failed'));
  });

/**
 * The snapshots of the corpus as it is now, read in one transaction with its version, or null
 * (no database yet, an older schema, nothing kept). Never creates or upgrades the database: that
 * is the worker's.
 */
export async function readPopupSnapshot(
  factory: IDBFactory,
  name = 'crosscheck',
): Promise<PopupSnapshot | null> {
  const open = factory.open(name);
  // No database yet: opening would create an empty one; abort so the worker makes it.
  open.onupgradeneeded = () => open.transaction?.abort();
  let db: IDBDatabase;
  try {
    db = await request(open);
  } catch {
    return null;
  }
  // Never in the way of the worker's upgrade.
  db.onversionchange = () => db.close();
  try {
    if (!db.objectStoreNames.contains(SNAPSHOT_STORE) || !db.objectStoreNames.contains(META_STORE))
      return null;
    const tx = db.transaction([META_STORE, SNAPSHOT_STORE], 'readonly');
    const meta = tx.objectStore(META_STORE);
    const snaps = tx.objectStore(SNAPSHOT_STORE);
    const [dictionary, index, summary, firstPage] = (await Promise.all([
      ...VERSION_ROWS.map((id) => request(meta.get(id))),
      request(snaps.get(SNAPSHOT_SUMMARY)),
      request(snaps.get(SNAPSHOT_FIRST_PAGE)),
    ])) as [
      { value?: unknown } | undefined,
      { value?: unknown } | undefined,
      SnapshotRow | undefined,
      SnapshotRow | undefined,
    ];
    const version = snapshotVersion(dictionary?.value, index?.value);
    const current = (row: SnapshotRow | undefined) =>
      row && row.version === version ? row.value : null;
    const out: PopupSnapshot = {
      summary: current(summary) as Summary | null,
      firstPage: current(firstPage) as DiscrepancyPage | null,
    };
    return out.summary || out.firstPage ? out : null;
  } catch {
    return null;
  } finally {
    db.close();
  }
}
