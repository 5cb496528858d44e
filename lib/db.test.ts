/**
 * Database upgrades keep the reader's data: a database made at each declared schema version
 * (SCHEMA_VERSIONS, so a version added later is covered without touching this test), holding
 * built-in rows, a reader's source with its derived rows, a built-in source switched off and the
 * bookkeeping rows, opens with the current code with every row intact.
 */
import { readFileSync } from 'node:fs';
import Dexie from 'dexie';
import { IDBKeyRange, indexedDB } from 'fake-indexeddb';
import { parseHTML } from 'linkedom';
import { beforeAll, describe, expect, test } from 'vitest';
import { CrosscheckDB, declareVersions, SCHEMA_VERSIONS } from './db';
import { extractArticle } from './intake/article';
import { seedBundle } from '../tests/unit/fixtures/seed-corpus';
import { createHandlers } from './service/handlers';
import { loadSeedIndex } from './service/seed-index';

const idb = { indexedDB, IDBKeyRange };
type Rows = Record<string, Array<{ id: string }>>;

/** Every table's rows, as the current code writes them. */
let rows: Rows;
let userSourceId: string;
let switchedOff: string;

beforeAll(async () => {
  const bundle = seedBundle({ withOverrides: false });
  const db = new CrosscheckDB('db-test-source', idb);
  await loadSeedIndex(db, bundle);
  const handlers = createHandlers({
    db,
    ready: async () => undefined,
    seedBundle: async () => bundle,
  });
  const html = readFileSync(new URL('../tests/fixtures/bbc-1.html', import.meta.url), 'utf8');
  const { document } = parseHTML(html);
  const draft = extractArticle(document as unknown as Document, {
    url: 'http://127.0.0.1/bbc-1.html',
    via: 'url',
  });
  if (!draft.ok) throw new Error(draft.problem.message);
  userSourceId = (await handlers.addSource({ draft: draft.value })).id;
  switchedOff = bundle.corpus.sources[0]!.id;
  await handlers.setSourceEnabled({ id: switchedOff, enabled: false });
  rows = {};
  for (const table of db.tables) rows[table.name] = (await table.toArray()) as Rows[string];
  db.close();
}, 120_000);

describe('database upgrades keep user data', () => {
  test('there is at least one declared version, in increasing order', () => {
    const versions = SCHEMA_VERSIONS.map((v) => v.version);
    expect(versions.length).toBeGreaterThan(0);
    expect([...versions].sort((a, b) => a - b)).toEqual(versions);
  });

  test.each(SCHEMA_VERSIONS.map((v) => v.version))(
    'a database made at version %i opens with the current code, every row intact',
    async (version) => {
      const name = `db-test-at-${version}`;
      // The database as that version of Crosscheck declared it.
      const old = new Dexie(name, idb);
      declareVersions(old, version);
      await old.open();
      const tables = old.tables.map((t) => t.name);
      expect(tables).toContain('sources');
      for (const table of tables) await old.table(table).bulkPut(rows[table] ?? []);
      old.close();

      const db = new CrosscheckDB(name, idb);
      await db.open();
      expect(db.verno).toBe(SCHEMA_VERSIONS.at(-1)!.version);
      // Every row of every table that version had is there, with at least its old fields.
      for (const table of tables) {
        const now = new Map(
          ((await db.table(table).toArray()) as Array<{ id: string }>).map((r) => [r.id, r]),
        );
        expect(now.size, table).toBe(rows[table]!.length);
        for (const row of rows[table]!)
          expect(now.get(row.id), `${table} ${row.id}`).toMatchObject(row);
      }
      // Tables added since start empty (derived answers, computed again on demand).
      for (const table of db.tables.filter((t) => !tables.includes(t.name)))
        expect(await table.count(), table.name).toBe(0);
      // And the current code reads it: the reader's source and the switched-off one as they were.
      const handlers = createHandlers({ db, ready: async () => undefined });
      const summary = await handlers.getSummary({});
      expect(summary.sources).toBe(rows.sources!.length - 1);
      const listed = await handlers.listSources({});
      expect(listed.find((s) => s.id === userSourceId)).toMatchObject({
        origin: 'user',
        enabled: true,
      });
      expect(listed.find((s) => s.id === switchedOff)).toMatchObject({ enabled: false });
      expect(
        rows.mentions!.some(
          (m) => (m as unknown as { sourceId: string }).sourceId === userSourceId,
        ),
      ).toBe(true);
      db.close();
    },
    60_000,
  );
});

describe('the write counter (what the read caches compare)', () => {
  test.each([
    ['a put', async (db: CrosscheckDB) => db.meta.put({ id: 'x', value: 1 }), 1],
    ['a delete', async (db: CrosscheckDB) => db.meta.delete('x'), 1],
    [
      'a rolled-back transaction',
      async (db: CrosscheckDB) =>
        db
          .transaction('rw', db.meta, async () => {
            await db.meta.put({ id: 'y', value: 2 });
            throw new Error('roll back');
          })
          .catch(() => undefined),
      1,
    ],
    ['a read', async (db: CrosscheckDB) => db.meta.toArray(), 0],
    [
      'a snapshot kept (derived, not what the caches derive from)',
      async (db: CrosscheckDB) => db.snapshots.put({ id: 'summary', version: '1|x', value: 1 }),
      0,
    ],
  ])('%s', async (_name, act, grows) => {
    const db = new CrosscheckDB(`db-test-writes-${_name}`, idb);
    await db.open();
    const before = db.writes;
    await act(db);
    // A write counts when asked and again when its transaction ends (committed or not).
    if (grows) expect(db.writes).toBeGreaterThan(before);
    else expect(db.writes).toBe(before);
    expect(await db.meta.get('y')).toBeUndefined();
    db.close();
  });
});
