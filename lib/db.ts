import Dexie, {
  type DBCoreKeyRange,
  type DBCoreTransaction,
  type EntityTable,
  type Transaction,
} from 'dexie';
import type { Claim, Corpus, Discrepancy, Entity, Mention, Passage, Source } from './types';
import { SNAPSHOT_STORE, type SnapshotRow } from './protocol/snapshot';
import { ANALYSES_STORE, type StoredAnalysis } from './corpus/stored-analyses';
import { STORIES_STORE, type StoredStory } from './corpus/stored-stories';

/** Key/value rows for bookkeeping (bundled index version, dictionary version). */
export interface MetaRow {
  id: string;
  value: string | number;
}

/**
 * Every schema version the database has had, oldest first. Keep every one: Dexie needs the
 * history to upgrade old installs. A new version adds an entry (its stores, and an `upgrade` for
 * data changes); lib/db.test.ts builds a database at each declared version and opens it with the
 * current code, so a new entry is covered without touching the test.
 */
export const SCHEMA_VERSIONS: ReadonlyArray<{
  version: number;
  stores: Record<string, string>;
  upgrade?: (tx: Transaction) => Promise<void>;
}> = [
  {
    version: 1,
    stores: {
      sources: 'id, origin, url, contentHash, enabled',
      passages: 'id, sourceId, origin',
      entities: 'id, origin, type, *aliases',
      mentions: 'id, entityId, sourceId, passageId, origin',
      claims: 'id, sourceId, kind, slot, origin, *entityIds',
      discrepancies: 'id, kind, *entityIds, *claimIds',
      meta: 'id',
    },
  },
  {
    // What the popup opens with, computed from the rows and keyed by the corpus version
    // (lib/protocol/snapshot.ts): derived only, so a new table and no data to move.
    version: 2,
    stores: { [SNAPSHOT_STORE]: 'id' },
  },
  {
    // Each source's analyses kept across worker lives, so the first change after a start does
    // not analyse every source again (lib/corpus/stored-analyses.ts): derived only, checked
    // against their inputs before use, so a new table and no data to move.
    version: 3,
    stores: { [ANALYSES_STORE]: 'id' },
  },
  {
    // Each story's findings kept across worker lives, so the first change after a start
    // compares claims only in the stories it touches (lib/corpus/stored-stories.ts): derived
    // only, checked against their inputs before use, so a new table and no data to move.
    version: 4,
    stores: { [STORIES_STORE]: 'id' },
  },
];

/** Declares the schema versions on a Dexie database, up to `upTo` (all by default). */
export function declareVersions(db: Dexie, upTo = Infinity): void {
  for (const v of SCHEMA_VERSIONS) {
    if (v.version > upTo) break;
    const declared = db.version(v.version).stores(v.stores);
    if (v.upgrade) declared.upgrade(v.upgrade);
  }
}

/** Transactions whose snapshots are already emptied (lib/db.ts's write counter). */
const emptied = new WeakSet<DBCoreTransaction>();
/** DBCore's "every key" range (DBCoreRangeType.Any, as Dexie's own clear() sends it). */
const ANY: DBCoreKeyRange = {
  type: 3,
  lower: -Infinity,
  lowerOpen: false,
  upper: [[]],
  upperOpen: false,
};

export class CrosscheckDB extends Dexie {
  sources!: EntityTable<Source, 'id'>;
  passages!: EntityTable<Passage, 'id'>;
  entities!: EntityTable<Entity, 'id'>;
  mentions!: EntityTable<Mention, 'id'>;
  claims!: EntityTable<Claim, 'id'>;
  discrepancies!: EntityTable<Discrepancy, 'id'>;
  meta!: EntityTable<MetaRow, 'id'>;
  /** Derived answers kept across worker lives (never user data; rebuilt from the rows). */
  snapshots!: EntityTable<SnapshotRow, 'id'>;
  /** Each source's analyses, kept across worker lives (derived; checked before any use). */
  analyses!: EntityTable<StoredAnalysis, 'id'>;
  /** Each story's findings, kept across worker lives (derived; checked before any use). */
  storyFindings!: EntityTable<StoredStory, 'id'>;

  /**
   * Bumped by every write request made through this connection (any table), and again when its
   * read-write transaction commits or aborts: caches of what the rows derive
   * (lib/service/read-cache.ts) compare it, so no write, even one that forgets the corpus
   * version or rolls back, can leave them stale. Writes of the snapshots alone do not count:
   * they are what those caches derive, not what they derive it from; every other write
   * empties them in its own transaction (a write that forgets the corpus version cannot leave
   * one standing, not even for a moment).
   */
  writes = 0;

  constructor(name = 'crosscheck', options?: ConstructorParameters<typeof Dexie>[1]) {
    super(name, options);
    declareVersions(this);
    this.use({
      stack: 'dbcore',
      name: 'crosscheck-write-counter',
      create: (down) => ({
        ...down,
        transaction: (stores, mode, options) => {
          // Every read-write transaction can empty the snapshots (below).
          const widened =
            mode === 'readwrite' && !stores.includes(SNAPSHOT_STORE)
              ? [...stores, SNAPSHOT_STORE]
              : stores;
          const tx = down.transaction(widened, mode, options);
          // The default core's transaction is the IndexedDB one.
          const events = tx as Partial<Pick<IDBTransaction, 'addEventListener'>>;
          const derivedOnly = stores.every((s) => s === SNAPSHOT_STORE);
          if (
            mode === 'readwrite' &&
            !derivedOnly &&
            typeof events.addEventListener === 'function'
          ) {
            const ended = () => void this.writes++;
            events.addEventListener('complete', ended);
            events.addEventListener('abort', ended);
          }
          return tx;
        },
        table: (tableName) => {
          const table = down.table(tableName);
          if (tableName === SNAPSHOT_STORE) return table;
          return {
            ...table,
            mutate: (req) => {
              this.writes++;
              // Once per transaction, queued before the write itself: the derived answers go
              // in the same commit as the change (IndexedDB runs a transaction's requests in
              // order).
              if (!emptied.has(req.trans)) {
                emptied.add(req.trans);
                void down
                  .table(SNAPSHOT_STORE)
                  .mutate({ type: 'deleteRange', trans: req.trans, range: ANY })
                  .catch(() => undefined);
              }
              return table.mutate(req);
            },
          };
        },
      }),
    });
  }
}

export const CORPUS_TABLES = [
  'sources',
  'passages',
  'entities',
  'mentions',
  'claims',
  'discrepancies',
] as const satisfies readonly (keyof Corpus)[];

/** Reads the whole corpus (used for dumps in tests, export and recomputation). */
export async function readCorpus(db: CrosscheckDB): Promise<Corpus> {
  const [sources, passages, entities, mentions, claims, discrepancies] = await Promise.all([
    db.sources.toArray(),
    db.passages.toArray(),
    db.entities.toArray(),
    db.mentions.toArray(),
    db.claims.toArray(),
    db.discrepancies.toArray(),
  ]);
  return { sources, passages, entities, mentions, claims, discrepancies };
}
