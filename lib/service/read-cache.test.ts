/**
 * The read caches (lib/service/read-cache.ts) never answer differently from a fresh read: after
 * each change (an add, a switch off, a removal, an edit, a write that bypasses the handlers, a
 * write that rolls back), every answer the popup and the card ask for, from handlers whose
 * caches were filled before the change, equals the answer of a new connection to the same
 * database (nothing cached).
 */
import { IDBKeyRange, indexedDB } from 'fake-indexeddb';
import { describe, expect, test } from 'vitest';
import { CrosscheckDB } from '../db';
import { loadSeedSources } from '../node/seeds';
import { seedBundle } from '../../tests/unit/fixtures/seed-corpus';
import type { Handlers } from '../protocol';
import { createHandlers } from './handlers';
import { loadSeedIndex } from './seed-index';
import { committedRows, enabledSources, liveMentions, seeded, seedReads } from './read-cache';
import { discrepancyRows, entityIds } from './discrepancy-list';
import { META_DICTIONARY_VERSION } from './meta';
import { pastedDraft } from '../../tests/unit/fixtures/raw-source';
import { listRequest } from '../../tests/unit/fixtures/list-request';

const bundle = seedBundle({ withOverrides: true });
const idb = { indexedDB, IDBKeyRange };
// Articles of an event the seeds do not hold, in another language.
const event = loadSeedSources(
  new URL('../../tests/eval/coverage/voepass-2283-vinhedo-crash-2024/', import.meta.url),
).slice(0, 2);

function handlersOf(db: CrosscheckDB): Handlers {
  let clock = 1_000;
  return createHandlers({
    db,
    ready: async () => undefined,
    seedBundle: async () => bundle,
    now: () => clock++,
    pause: async () => undefined,
  });
}

/** Everything the popup and the hovercard read. */
async function answers(h: Handlers, db: CrosscheckDB) {
  const entities = (await db.entities.toArray()).filter((_, i) => i % 7 === 0).slice(0, 8);
  const sources = await db.sources.toArray();
  const url = sources.find((s) => s.url)?.url ?? 'https://example.org/';
  const list = await h.listDiscrepancies(listRequest({ agreements: true, limit: 500 }));
  return {
    summary: await h.getSummary({}),
    list,
    firstPage: await h.listDiscrepancies(
      listRequest({
        storyFirst: list.items.at(-1)?.story?.id ?? null,
        exclude: list.items.slice(0, 2).map((d) => d.id),
        limit: 3,
      }),
    ),
    names: (await h.listDiscrepancies(listRequest({ names: true, limit: 1 }))).names,
    byEntity: await Promise.all(
      entities.map((e) => h.listDiscrepancies(listRequest({ entityId: e.id, limit: 500 }))),
    ),
    cards: await Promise.all(entities.map((e) => h.getCard({ entityId: e.id, url }))),
    search: await Promise.all(
      ['Petro', 'deportation', 'aviao', ...entities.map((e) => e.name)].map((query) =>
        h.searchCorpus({ query }),
      ),
    ),
    page: await h.getPageContext({ url, text: null }),
    dictionary: await h.getDictionary({ knownVersion: null }),
  };
}

/** The cached answers (filled before the change) and those of a new connection. */
async function compare(name: string, h: Handlers, db: CrosscheckDB) {
  const fresh = new CrosscheckDB(name, idb);
  const expected = await answers(handlersOf(fresh), fresh);
  fresh.close();
  expect(await answers(h, db)).toEqual(expected);
  return expected;
}

describe('cached reads equal fresh reads after every change', () => {
  test('add, switch off, edit, remove, a direct write, a rolled-back write', async () => {
    const name = 'read-cache-test';
    const db = new CrosscheckDB(name, idb);
    await loadSeedIndex(db, bundle);
    const h = handlersOf(db);
    const seeds = await compare(name, h, db);
    expect(seeds.list.items.length).toBeGreaterThan(0);

    const added = [];
    for (const r of event) {
      await answers(h, db); // fill the caches
      added.push(
        await h.addSource({
          draft: pastedDraft(r),
        }),
      );
      const now = await compare(name, h, db);
      expect(now.summary.sources).toBe(seeds.summary.sources + added.length);
    }

    const seedId = bundle.corpus.sources[0]!.id;
    await answers(h, db);
    await h.setSourceEnabled({ id: seedId, enabled: false });
    const off = await compare(name, h, db);
    expect(off.summary.sources).toBe(seeds.summary.sources + added.length - 1);

    await answers(h, db);
    await h.editSource({ id: added[0]!.id, patch: { outlet: 'Another Outlet' } });
    const edited = await compare(name, h, db);
    expect(JSON.stringify(edited)).toContain('Another Outlet');

    await answers(h, db);
    await h.removeSource({ id: added[1]!.id });
    await compare(name, h, db);

    // A write that bypasses the handlers (and the corpus version) still refreshes the caches.
    await answers(h, db);
    await db.sources.update(seedId, { enabled: true });
    const direct = await compare(name, h, db);
    // One source removed, one switched back on.
    expect(direct.summary.sources).toBe(off.summary.sources);

    // A write rolled back leaves the answers as they were.
    await answers(h, db);
    await db
      .transaction('rw', db.sources, async () => {
        await db.sources.update(seedId, { enabled: false });
        await answers(h, db).catch(() => undefined);
        throw new Error('roll back');
      })
      .catch(() => undefined);
    expect(await compare(name, h, db)).toEqual(direct);
    db.close();
  }, 240_000);
});

/** The whole-table reads, as the read cache answers them. */
async function tableReads(db: CrosscheckDB) {
  return {
    sources: [...(await enabledSources(db))],
    mentions: await liveMentions(db),
    discrepancies: await discrepancyRows(db),
    entityIds: [...(await entityIds(db))],
  };
}

describe('the rows a change committed answer the reads that follow it', () => {
  test('exactly what the tables give, in key order, and only under the change key', async () => {
    const name = 'read-cache-seeded-test';
    const db = new CrosscheckDB(name, idb);
    await loadSeedIndex(db, bundle);
    const h = createHandlers({
      db,
      ready: async () => undefined,
      seedBundle: async () => bundle,
      now: () => 1_000,
      pause: async () => undefined,
      prepareReads: false,
    });
    const before = seeded.reads;
    const added = await h.addSource({ draft: pastedDraft(event[0]!) });
    // Four tables' reads and the lookup of claims and entities, none read from the tables.
    expect(seeded.reads - before).toBe(5);
    const fromChange = await tableReads(db);
    const committed = await committedRows(db);
    expect(committed).toBeDefined();
    const fresh = new CrosscheckDB(name, idb);
    expect(fromChange).toEqual(await tableReads(fresh));
    const claim = (await fresh.claims.toArray()).find((c) => c.sourceId === added.id)!;
    expect(committed!.claim(claim.id)).toEqual(claim);
    const entity = (await fresh.entities.toArray())[0]!;
    expect(committed!.entity(entity.id)).toEqual(entity);
    fresh.close();

    // A later write: its key has nothing read yet, and the rows committed before it are gone.
    await db.sources.update(added.id, { outlet: 'Elsewhere' });
    expect(await committedRows(db)).toBeUndefined();
    // Rows of another version, or from before that write, are never seeded under it.
    const stale = { sources: [], entities: [], mentions: [], claims: [], discrepancies: [] };
    const version = (await db.meta.get(META_DICTIONARY_VERSION))?.value;
    await seedReads(db, db.writes, 'another version', stale);
    await seedReads(db, db.writes - 1, version, stale);
    expect((await tableReads(db)).mentions.length).toBeGreaterThan(0);
    expect((await tableReads(db)).sources.length).toBeGreaterThan(0);
    db.close();
  }, 120_000);
});
