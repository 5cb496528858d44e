/**
 * Batch and incremental builds are identical in the extension too (issue 8 §2): an evaluation
 * event's sources added one at a time through the background's handlers, then one removed and a
 * built-in one switched off, leave exactly the rows the batch build (buildCorpus, what the CLI
 * and the bundle use) gives for the same enabled sources.
 */
import { IDBKeyRange, indexedDB } from 'fake-indexeddb';
import { describe, expect, test } from 'vitest';
import { CrosscheckDB } from '../db';
import {
  batchOf,
  bundle,
  derivedOf,
  readerLives,
  rows,
  seeds,
  smallEvent,
} from '../../tests/unit/fixtures/batch-rows';
import { loadSeedIndex } from './seed-index';

const event = smallEvent();

describe('the extension builds what the batch build builds', () => {
  test('adding an event one source at a time, removing one, switching a seed off', async () => {
    expect(event.length).toBe(4);
    const db = new CrosscheckDB('batch-equivalence', { indexedDB, IDBKeyRange });
    await loadSeedIndex(db, bundle);
    const { life, add, textOf } = readerLives(db);
    const h = life();
    const before = await rows(db);
    for (const r of event) await add(h, r);
    const all = await db.sources.toArray();
    const afterAdds = await rows(db);
    expect(afterAdds).toEqual(batchOf(all, textOf));
    // The event's sources did change the rows, and brought their own entities.
    expect(afterAdds.entities.length).toBeGreaterThan(before.entities.length);
    expect(afterAdds.mentions.some((m) => m.origin === 'user')).toBe(true);

    const gone = [...textOf.keys()][1]!;
    await h.removeSource({ id: gone });
    expect(await rows(db)).toEqual(batchOf(await db.sources.toArray(), textOf));

    const seedId = seeds[0]!.id;
    await h.setSourceEnabled({ id: seedId, enabled: false });
    const off = await db.sources.toArray();
    expect(off.find((s) => s.id === seedId)?.enabled).toBe(false);
    expect(await rows(db)).toEqual(batchOf(off, textOf));

    // Back to the seeds alone: exactly the bundled rows.
    await h.setSourceEnabled({ id: seedId, enabled: true });
    for (const id of textOf.keys()) if (id !== gone) await h.removeSource({ id });
    expect(await rows(db)).toEqual(derivedOf(bundle.corpus));
  });
});
