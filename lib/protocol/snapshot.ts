/**
 * What the popup opens with, kept in the database across service-worker lives: the summary and
 * the first page of the list, each keyed by the corpus version it was computed for. The worker
 * writes them (lib/service/read-cache.ts, `persisted`); the popup reads them straight from
 * IndexedDB before the worker answers (components/popup/snapshot.ts), and shows one only when
 * its key is the corpus's current version (never an older corpus's answer as if it were
 * today's). This is the contract both sides share.
 */
import type { DiscrepancyPage, Summary } from './data';

/** The table (lib/db.ts, schema version 2). */
export const SNAPSHOT_STORE = 'snapshots';
/** The bookkeeping table and its rows that make the corpus version (lib/service/meta.ts). */
export const META_STORE = 'meta';
export const VERSION_ROWS = ['dictionaryVersion', 'indexVersion'] as const;

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
 * The shape of what is kept (`Summary`, `DiscrepancyPage`). Bump it with any change to either:
 * an updated extension then never reads the rows an older one kept for the same corpus.
 */
export const SNAPSHOT_FORMAT = 1;

/**
 * The corpus version as snapshots are keyed: the format of the rows, the dictionary version
 * (bumped by every corpus change, and only ever up) and the bundled index's version.
 */
export function snapshotVersion(dictionary: unknown, index: unknown): string {
  return `${SNAPSHOT_FORMAT}|${String(dictionary)}|${String(index)}`;
}

/** What the popup asks for: one page of its list, in its order. */
export interface ListRequest {
  entityId: string | null;
  names?: boolean;
  storyFirst?: string | null;
  exclude?: readonly string[];
  agreements?: boolean;
  offset?: number;
  limit?: number;
}

/** Whether a list request is the popup's default first page (the one kept as a snapshot). */
export function isFirstPage(req: ListRequest): boolean {
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
