/**
 * The popup's kept answers (lib/protocol/snapshot.ts, components/popup/snapshot.ts): what the popup reads straight from
 * IndexedDB is the worker's answer for the corpus as it is now, or nothing; a change, or a write
 * that forgets the corpus version, leaves nothing to read until the worker computes again; a
 * freshly started worker answers from the kept rows of the current version only.
 */
import { IDBKeyRange, indexedDB } from 'fake-indexeddb';
import { beforeAll, describe, expect, test } from 'vitest';
import { CrosscheckDB, readCorpus } from '../db';
import { seedBundle } from '../../tests/unit/fixtures/seed-corpus';
import type { Handlers } from '../protocol';
import { createHandlers } from './handlers';
import { readPopupSnapshot } from '../../components/popup/snapshot';
import {
  isFirstPage,
  LIST_PAGE,
  SNAPSHOT_FIRST_PAGE,
  SNAPSHOT_SUMMARY,
  snapshotVersion,
  VERSION_ROWS,
} from '../protocol/snapshot';
import { META_DICTIONARY_VERSION, META_INDEX_VERSION } from './meta';
import { loadSeedIndex } from './seed-index';
import { listRequest } from '../../tests/unit/fixtures/list-request';

const bundle = seedBundle({ withOverrides: true });
const idb = { indexedDB, IDBKeyRange };
const FIRST = listRequest({ limit: LIST_PAGE });

function handlersOf(db: CrosscheckDB): Handlers {
  // No preparation after a change: each step below decides when the worker computes.
  return createHandlers({ db, ready: async () => undefined, prepareReads: false });
}

async function seeded(name: string): Promise<CrosscheckDB> {
  const db = new CrosscheckDB(name, idb);
  await loadSeedIndex(db, bundle);
  return db;
}

test('the snapshot key is made of the corpus version rows the worker bumps', () => {
  expect(VERSION_ROWS).toEqual([META_DICTIONARY_VERSION, META_INDEX_VERSION]);
});

describe('isFirstPage', () => {
  test.each([
    [{ entityId: null, offset: 0, limit: LIST_PAGE }, true],
    [FIRST, true],
    [{ ...FIRST, entityId: 'e1' }, false],
    [{ ...FIRST, storyFirst: 's1' }, false],
    [{ ...FIRST, exclude: ['d1'] }, false],
    [{ ...FIRST, agreements: true }, false],
    [{ ...FIRST, names: true }, false],
    [{ ...FIRST, offset: LIST_PAGE }, false],
    [{ ...FIRST, limit: 3 }, false],
  ])('%j: %s', (req, expected) => {
    expect(isFirstPage(req)).toBe(expected);
  });
});

describe('readPopupSnapshot', () => {
  test('no database: nothing, and none is created', async () => {
    expect(await readPopupSnapshot(indexedDB, 'popup-snapshot-none')).toBeNull();
    const names = (await indexedDB.databases()).map((d) => d.name);
    expect(names).not.toContain('popup-snapshot-none');
  });

  let db: CrosscheckDB;
  let h: Handlers;
  const name = 'popup-snapshot-reads';
  beforeAll(async () => {
    db = await seeded(name);
    h = handlersOf(db);
  }, 60_000);

  test('nothing before the worker computed, then exactly its answers', async () => {
    expect(await readPopupSnapshot(indexedDB, name)).toBeNull();
    const summary = await h.getSummary({});
    const firstPage = await h.listDiscrepancies(FIRST);
    expect(firstPage.items.length).toBeGreaterThan(0);
    expect(await readPopupSnapshot(indexedDB, name)).toEqual({ summary, firstPage });
  });

  test('a change: nothing to read until the worker computes for the new version', async () => {
    await h.getSummary({});
    await h.listDiscrepancies(FIRST);
    const off = bundle.corpus.sources[0]!.id;
    await h.setSourceEnabled({ id: off, enabled: false });
    expect(await readPopupSnapshot(indexedDB, name)).toBeNull();
    const summary = await h.getSummary({});
    expect(summary.sources).toBe(bundle.corpus.sources.length - 1);
    expect((await readPopupSnapshot(indexedDB, name))?.summary).toEqual(summary);
  });

  test('a write that forgets the corpus version empties the kept answers with it', async () => {
    await h.getSummary({});
    expect(await readPopupSnapshot(indexedDB, name)).not.toBeNull();
    await db.sources.update(bundle.corpus.sources[0]!.id, { enabled: true });
    expect(await readPopupSnapshot(indexedDB, name)).toBeNull();
    expect((await h.getSummary({})).sources).toBe(bundle.corpus.sources.length);
  });

  test('a rolled-back write keeps them', async () => {
    await h.getSummary({});
    await db
      .transaction('rw', db.sources, async () => {
        await db.sources.update(bundle.corpus.sources[0]!.id, { enabled: false });
        throw new Error('roll back');
      })
      .catch(() => undefined);
    expect((await readPopupSnapshot(indexedDB, name))?.summary?.sources).toBe(
      bundle.corpus.sources.length,
    );
  });

  test('a kept summary of the wrong shape (a damaged row) is not shown', async () => {
    await h.getSummary({});
    const [dictionary, index] = await Promise.all([
      db.meta.get('dictionaryVersion'),
      db.meta.get('indexVersion'),
    ]);
    const version = snapshotVersion(dictionary?.value, index?.value);
    await db.snapshots.put({ id: SNAPSHOT_SUMMARY, version, value: { sources: 3 } });
    expect((await readPopupSnapshot(indexedDB, name))?.summary ?? null).toBeNull();
  });

  test('kept answers are not corpus data: a dump or export leaves them out', async () => {
    await h.getSummary({});
    expect(await db.snapshots.count()).toBeGreaterThan(0);
    expect(Object.keys(await readCorpus(db))).not.toContain('snapshots');
  });
});

describe('a freshly started worker', () => {
  test.each([
    ['the current version', true],
    ['an older version', false],
  ])(
    'answers from a kept row of %s: %s',
    async (_label, current) => {
      const name = `popup-snapshot-fresh-${String(current)}`;
      const db = await seeded(name);
      const computed = await handlersOf(db).getSummary({});
      db.close();

      // The kept row is marked, so an answer from it is told from a computed one.
      const before = new CrosscheckDB(name, idb);
      const [dictionary, index] = await Promise.all([
        before.meta.get('dictionaryVersion'),
        before.meta.get('indexVersion'),
      ]);
      const version = snapshotVersion(
        current ? dictionary?.value : Number(dictionary?.value) - 1,
        index?.value,
      );
      const marked = { ...computed, sources: -1 };
      await before.snapshots.put({ id: SNAPSHOT_SUMMARY, version, value: marked });
      before.close();

      const restarted = new CrosscheckDB(name, idb);
      const answer = await handlersOf(restarted).getSummary({});
      expect(answer).toEqual(current ? marked : computed);
      // The first page too is kept per version, from the same worker's answer.
      const page = await handlersOf(restarted).listDiscrepancies(FIRST);
      expect((await restarted.snapshots.get(SNAPSHOT_FIRST_PAGE))?.value).toEqual(page);
      restarted.close();
    },
    60_000,
  );
});
