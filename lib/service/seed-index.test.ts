import { IDBKeyRange, indexedDB } from 'fake-indexeddb';
import { beforeEach, describe, expect, test } from 'vitest';
import type { BundledIndex } from '../bundle';
import { CrosscheckDB, readCorpus } from '../db';
import { putIndexedSource } from '../../tests/unit/fixtures/db';
import { seedBundle } from '../../tests/unit/fixtures/seed-corpus';
import { indexSource } from '../corpus/pipeline';
import type { Source } from '../types';
import { loadSeedIndex, META_DICTIONARY_VERSION } from './seed-index';

const bundle: BundledIndex = seedBundle({ withOverrides: false });
let db: CrosscheckDB;
let n = 0;

beforeEach(() => {
  db = new CrosscheckDB(`test-${n++}`, { indexedDB, IDBKeyRange });
});

const userSource: Source = {
  id: 'user-1',
  file: null,
  outlet: 'Reader',
  title: 'Mine',
  url: 'https://example.org/a',
  published: null,
  language: 'en',
  origin: 'user',
  enabled: true,
  addedAt: 1,
  contentHash: 'abc',
  text: 'Some text.',
};

describe('loadSeedIndex', () => {
  test('loads every table of the bundle', async () => {
    expect(await loadSeedIndex(db, bundle)).toBe(true);
    const c = await readCorpus(db);
    expect(c.sources).toHaveLength(5);
    expect(c.entities.length).toBe(bundle.corpus.entities.length);
    expect(c.mentions.length).toBe(bundle.corpus.mentions.length);
    expect(c.passages.length).toBe(bundle.corpus.passages.length);
  });

  test('the same version twice is a no-op; force reloads and bumps the dictionary version', async () => {
    await loadSeedIndex(db, bundle);
    const v1 = (await db.meta.get(META_DICTIONARY_VERSION))?.value;
    expect(await loadSeedIndex(db, bundle)).toBe(false);
    expect((await db.meta.get(META_DICTIONARY_VERSION))?.value).toBe(v1);
    expect(await loadSeedIndex(db, bundle, { force: true })).toBe(true);
    expect((await db.meta.get(META_DICTIONARY_VERSION))?.value).toBe(Number(v1) + 1);
  });

  test('an update replaces seed rows only, never rows the user added', async () => {
    await loadSeedIndex(db, bundle);
    await db.sources.put(userSource);
    await db.passages.put({
      id: 'user-1:0',
      sourceId: 'user-1',
      origin: 'user',
      block: 0,
      kind: 'paragraph',
      start: 0,
      end: 10,
      text: 'Some text.',
    });
    // An update whose seed corpus lost a source: that seed row goes, the user's rows stay.
    const smaller: BundledIndex = {
      ...bundle,
      version: 'ffffffff',
      corpus: { ...bundle.corpus, sources: bundle.corpus.sources.slice(1) },
    };
    await loadSeedIndex(db, smaller);
    const ids = (await db.sources.toArray()).map((s) => s.id).sort();
    expect(ids).toHaveLength(5);
    expect(ids).toContain('user-1');
    expect(ids).not.toContain(bundle.corpus.sources[0]!.id);
    expect(await db.passages.get('user-1:0')).toBeDefined();
  });

  test("an update re-links the reader's sources to the new seed entities and keeps on/off choices", async () => {
    await loadSeedIndex(db, bundle);
    const raw = {
      id: 'user-2',
      file: null,
      outlet: 'Reader Daily',
      title: 'Mine',
      url: null,
      published: null,
      language: 'en',
      origin: 'user' as const,
      text: 'Homeland Security Secretary Kristi Noem met Colombian President Gustavo Petro again on Monday in Bogotá, officials said. Petro called the meeting productive.',
    };
    const added = indexSource(raw, bundle.corpus.entities, null, 5);
    await putIndexedSource(db, added);
    const firstSeed = bundle.corpus.sources[0]!.id;
    await db.sources.update(firstSeed, { enabled: false });

    await loadSeedIndex(db, { ...bundle, version: 'eeeeeeee' });

    expect((await db.sources.get(firstSeed))?.enabled).toBe(false);
    const petro = (await db.entities.toArray()).find((e) => e.aliases.includes('Petro'))!;
    expect(petro.descriptors.some((d) => d.sourceId === 'user-2')).toBe(true);
    const userMentions = await db.mentions.where('sourceId').equals('user-2').toArray();
    expect(userMentions.filter((m) => m.entityId === petro.id)).toHaveLength(2);
  });
});
