import Dexie, { type EntityTable, type Transaction } from 'dexie';
import type { Claim, Corpus, Discrepancy, Entity, Mention, Passage, Source } from './types';

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
];

/** Declares the schema versions on a Dexie database, up to `upTo` (all by default). */
export function declareVersions(db: Dexie, upTo = Infinity): void {
  for (const v of SCHEMA_VERSIONS) {
    if (v.version > upTo) break;
    const declared = db.version(v.version).stores(v.stores);
    if (v.upgrade) declared.upgrade(v.upgrade);
  }
}

export class CrosscheckDB extends Dexie {
  sources!: EntityTable<Source, 'id'>;
  passages!: EntityTable<Passage, 'id'>;
  entities!: EntityTable<Entity, 'id'>;
  mentions!: EntityTable<Mention, 'id'>;
  claims!: EntityTable<Claim, 'id'>;
  discrepancies!: EntityTable<Discrepancy, 'id'>;
  meta!: EntityTable<MetaRow, 'id'>;

  /**
   * Bumped by every write request made through this connection (any table), and again when its
   * read-write transaction commits or aborts: caches of what the rows derive
   * (lib/service/read-cache.ts) compare it, so no write, even one that forgets the corpus
   * version or rolls back, can leave them stale.
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
          const tx = down.transaction(stores, mode, options);
          // The default core's transaction is the IndexedDB one.
          const events = tx as Partial<Pick<IDBTransaction, 'addEventListener'>>;
          if (mode === 'readwrite' && typeof events.addEventListener === 'function') {
            const ended = () => void this.writes++;
            events.addEventListener('complete', ended);
            events.addEventListener('abort', ended);
          }
          return tx;
        },
        table: (tableName) => {
          const table = down.table(tableName);
          return {
            ...table,
            mutate: (req) => {
              this.writes++;
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
