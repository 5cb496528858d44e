/**
 * Each story's findings as the database keeps them between service-worker lives, so the first
 * change after a start compares claims only in the stories it touches (lib/stories/partition.ts
 * keeps them in memory within a life). Like a source's analysis (stored-analyses.ts), a row is a
 * cache, never an answer: it is used only under the build's stamp, when the fingerprint of what
 * the comparison read (the story's sources, claims and passages) is this build's, every field
 * it read of the entities it looked up and every name word it asked about reads the same, and its discrepancy rows are
 * the very rows it was written with. A stale, rolled-back, damaged or foreign row is not used.
 */
import { type EntityAnswers, type EntityReads, sameEntityReads } from '../claims';
import type { Discrepancy, Entity } from '../types';
import { fingerprint } from './stored-analyses';

export const STORIES_STORE = 'storyFindings';

/** Bump when this row's shape changes (the stamp also names the pipeline's code). */
export const STORY_FORMAT = 2;

/** The stamp rows are written with and read back under (the bundled index's version in it). */
export const storyStamp = (indexVersion: unknown) =>
  `${STORY_FORMAT}:${String(indexVersion ?? '')}`;

/** What partition.ts keeps of a story's comparison (StoryFindings there, minus what it read). */
export interface FoundInStory {
  /** What the rules read of the entities (lib/claims EntityReads). */
  reads: EntityReads;
  found: Discrepancy[];
  /** `found`, each with the story's id. */
  rows: Discrepancy[];
}

/** A story's findings as a database row: the discrepancies are the table's rows, named here. */
export interface StoredStory {
  /** The story's id. */
  id: string;
  stamp: string;
  /** Fingerprint of what the comparison read: [sources, claims, passages]. */
  read: string;
  /** Fingerprint of the story's entities when the findings held. */
  entities: string;
  /** Each entity looked up, with the fields read of it and their answers (null: there was none). */
  lookedUp: Array<[string, EntityAnswers | null]>;
  nameWords: Map<string, boolean>;
  discrepancyIds: string[];
  /** Fingerprint of the discrepancy rows, in their order. */
  rows: string;
}

const json = (x: unknown) => fingerprint(JSON.stringify(x) ?? 'undefined');

/** The findings of story `id` as a row, from what the comparison read and its entities. */
export function storedStory(
  id: string,
  stamp: string,
  read: ReadonlyArray<readonly object[]>,
  entities: readonly Entity[],
  kept: FoundInStory,
): StoredStory {
  return {
    id,
    stamp,
    read: json(read),
    entities: json(entities),
    lookedUp: [...kept.reads.entities],
    nameWords: kept.reads.nameWords,
    discrepancyIds: kept.rows.map((d) => d.id),
    rows: json(kept.rows),
  };
}

const FIELDS: ReadonlySet<string> = new Set(['type', 'name', 'short']);

/** Whether the answers an entity gave read back as written: known fields, each a string. */
const wellFormedAnswers = (a: unknown): boolean =>
  typeof a === 'object' &&
  a !== null &&
  Object.entries(a).every(([k, v]) => FIELDS.has(k) && typeof v === 'string');

/** Whether a row read back has the shape it was written with. */
function wellFormed(row: StoredStory): boolean {
  const r = row as Partial<StoredStory>;
  return (
    typeof r.id === 'string' &&
    typeof r.read === 'string' &&
    typeof r.entities === 'string' &&
    typeof r.rows === 'string' &&
    Array.isArray(r.discrepancyIds) &&
    r.discrepancyIds.every((d) => typeof d === 'string') &&
    Array.isArray(r.lookedUp) &&
    r.lookedUp.every(
      (p) =>
        Array.isArray(p) &&
        p.length === 2 &&
        typeof p[0] === 'string' &&
        (p[1] === null || wellFormedAnswers(p[1])),
    ) &&
    r.nameWords instanceof Map &&
    [...r.nameWords.values()].every((v) => typeof v === 'boolean')
  );
}

/**
 * What the stories of a build may take from the database: the rows of `stamp`, well formed,
 * whose discrepancies are all in the table. `restore` then gives a story's findings when they
 * hold for what this build's comparison would read (null otherwise); each row is used at most
 * once.
 */
export function storedStories(
  rows: readonly StoredStory[],
  stamp: string,
  discrepancies: readonly Discrepancy[],
): (
  id: string,
  read: ReadonlyArray<readonly object[]>,
  entities: readonly Entity[],
  nameWords: (entities: readonly Entity[]) => ReadonlySet<string>,
) => FoundInStory | null {
  const byId = new Map(discrepancies.map((d) => [d.id, d]));
  const usable = new Map<string, { row: StoredStory; rows: Discrepancy[] }>();
  for (const row of rows) {
    if (row.stamp !== stamp || !wellFormed(row)) continue;
    const found = row.discrepancyIds.map((d) => byId.get(d));
    if (found.some((d) => d === undefined || d.storyId !== row.id)) continue;
    usable.set(row.id, { row, rows: found as Discrepancy[] });
  }
  return (id, read, entities, nameWords) => {
    const hit = usable.get(id);
    if (!hit) return null;
    usable.delete(id);
    const { row } = hit;
    if (row.read !== json(read) || row.rows !== json(hit.rows)) return null;
    const reads: EntityReads = { entities: new Map(row.lookedUp), nameWords: row.nameWords };
    if (row.entities !== json(entities)) {
      // As partition.ts checks its own: each answer against the story's entities.
      const inStory = new Map(entities.map((e) => [e.id, e]));
      const same = sameEntityReads(
        reads,
        (e) => inStory.get(e),
        () => nameWords(entities),
      );
      if (!same) return null;
    }
    return { reads, found: hit.rows.map(({ storyId: _, ...d }) => d), rows: hit.rows };
  };
}
