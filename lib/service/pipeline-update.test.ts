/**
 * An update of the pipeline's code is a new bundled-index version even when the seeds' output is
 * the same (lib/bundle.ts, lib/node/pipeline-fingerprint.ts): the database then derives the
 * reader's rows again with the new code and does not use the claim analyses the old code kept.
 * Here the "old code's" analyses and rows are wrong on purpose (no claims, a renamed entity), so
 * any that survived the update would show against the batch build.
 */
import { IDBKeyRange, indexedDB } from 'fake-indexeddb';
import { describe, expect, test } from 'vitest';
import { type BundledIndex, buildBundle } from '../bundle';
import { CrosscheckDB } from '../db';
import { fingerprint } from '../corpus/stored-analyses';
import type { RawSource } from '../types';
import {
  batchOf,
  bundle,
  rows,
  readerLives,
  smallEvent,
} from '../../tests/unit/fixtures/batch-rows';
import { loadSeedIndex } from './seed-index';

const event = smallEvent();
/** The shipped bundle as two builds of other pipeline code would version it. */
const built = (pipeline: string): BundledIndex => ({
  ...bundle,
  version: `${bundle.version}-${pipeline}`,
});

describe('the bundled index version', () => {
  const raw = event.slice(0, 2).map((r): RawSource => ({ ...r, origin: 'seed' }));

  test('names the pipeline code: same corpus, other code, other version', () => {
    const a = buildBundle(raw, null, 'code-a');
    const b = buildBundle(raw, null, 'code-b');
    expect(b.corpus).toEqual(a.corpus);
    expect(a.version).not.toBe(b.version);
    expect(buildBundle(raw, null, 'code-a').version).toBe(a.version);
    // Without a fingerprint (tests), the corpus's hash alone.
    expect(buildBundle(raw, null).version).toBe(a.version.split('-')[0]);
  });
});

describe('an update of the pipeline code re-derives the reader rows', () => {
  const db = new CrosscheckDB('pipeline-update', { indexedDB, IDBKeyRange });
  /** Worker lives over the same database (new handlers, so a new memo, each). */
  const { life, add, textOf } = readerLives(db);
  const expectBatch = async () =>
    expect(await rows(db)).toEqual(batchOf(await db.sources.toArray(), textOf));

  test('analyses and rows of the old code are not kept', async () => {
    expect(await loadSeedIndex(db, built('old'))).toBe(true);
    const first = life();
    for (const r of event.slice(0, 2)) await add(first, r);
    await expectBatch();
    const stamps = new Set((await db.analyses.toArray()).map((r) => r.stamp));
    expect(stamps.size).toBe(1);

    // What the old code left, as if it were wrong: analyses without claims (well-formed, so
    // usable under their stamp) and an entity renamed.
    await db.analyses.toCollection().modify((r) => {
      Object.assign(r, { claimIds: [], claims: fingerprint('[]') });
    });
    const [entity] = await db.entities.toArray();
    await db.entities.put({ ...entity!, name: `${entity!.name} (old code)` });
    // The same code keeps it all (that is the point of the version)...
    expect(await loadSeedIndex(db, built('old'))).toBe(false);
    // ...new code with the same seeds' output does not.
    expect(await loadSeedIndex(db, built('new'))).toBe(true);
    await expectBatch();

    // The next life analyses every source again rather than use the old code's analyses.
    await add(life(), event[2]!);
    await expectBatch();
    const after = await db.analyses.toArray();
    expect(after.length).toBeGreaterThan(2);
    expect(after.every((r) => !stamps.has(r.stamp))).toBe(true);
  });

  test('a life that saw the update writes its analyses again under the new version', async () => {
    const h = life();
    await add(h, event[3]!);
    expect(await loadSeedIndex(db, built('newer'))).toBe(true);
    const stale = new Set((await db.analyses.toArray()).map((r) => r.stamp));
    // The same life's next change: its memo's analyses are the new code's, its rows are not.
    await h.setSourceEnabled({ id: [...textOf.keys()][0]!, enabled: false });
    await expectBatch();
    // (The switched-off source's row stays as it was: not used under its stamp.)
    const enabled = new Set((await db.sources.toArray()).filter((x) => x.enabled).map((x) => x.id));
    const after = (await db.analyses.toArray()).filter((r) => enabled.has(r.id));
    expect(after.length).toBe(enabled.size);
    expect(after.filter((r) => stale.has(r.stamp))).toEqual([]);
  });
});
