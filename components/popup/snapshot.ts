/**
 * The popup's read of the kept answers (lib/protocol/snapshot.ts) straight from IndexedDB, with
 * no Dexie (the popup's bundle stays small) and never a write.
 */
import {
  META_STORE,
  type PopupSnapshot,
  SNAPSHOT_FIRST_PAGE,
  SNAPSHOT_STORE,
  SNAPSHOT_SUMMARY,
  type SnapshotRow,
  snapshotVersion,
  VERSION_ROWS,
} from '@/lib/protocol/snapshot';
import type { DiscrepancyPage, Summary } from '@/lib/protocol';

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
    // A row of the wrong shape (a damaged database) is not shown: the worker's answer will be.
    const keptSummary = current(summary) as Summary | null;
    const keptPage = current(firstPage) as DiscrepancyPage | null;
    const out: PopupSnapshot = {
      summary: Array.isArray(keptSummary?.stories) ? keptSummary : null,
      firstPage: Array.isArray(keptPage?.items) ? keptPage : null,
    };
    return out.summary || out.firstPage ? out : null;
  } catch {
    return null;
  } finally {
    db.close();
  }
}

/**
 * Where the popup's early script (entrypoints/popup-early.ts) leaves its read of the kept
 * answers for main.tsx: a global of the popup's own page, which no web page can reach.
 */
export const EARLY_READ = '__crosscheckKeptAnswers';
type EarlyGlobal = { [EARLY_READ]?: Promise<PopupSnapshot | null> | 'taken' };

/**
 * Starts the read as soon as the popup's document is parsing (the early script, which loads
 * async: if the main script came first and read already, nothing and null).
 */
export function startEarlyRead(factory: IDBFactory): Promise<PopupSnapshot | null> | null {
  const g = globalThis as EarlyGlobal;
  if (g[EARLY_READ] === 'taken') return null;
  const read = readPopupSnapshot(factory).catch(() => null);
  g[EARLY_READ] = read;
  return read;
}

/** The early script's read, if it ran; else a read started now. Taken once. */
export function takeEarlyRead(factory: IDBFactory): Promise<PopupSnapshot | null> {
  const g = globalThis as EarlyGlobal;
  const early = g[EARLY_READ];
  g[EARLY_READ] = 'taken';
  return early && early !== 'taken' ? early : readPopupSnapshot(factory).catch(() => null);
}
