import { IDBKeyRange, indexedDB } from 'fake-indexeddb';
import { beforeEach, describe, expect, expectTypeOf, test } from 'vitest';
import type { BundledIndex } from '../bundle';
import type { EntityOverrides } from '../corpus/overrides';
import type { Corpus } from '../types';
import { indexSource } from '../corpus/pipeline';
import { CrosscheckDB, readCorpus } from '../db';
import { putIndexedSource } from '../../tests/unit/fixtures/db';
import { seedBundle } from '../../tests/unit/fixtures/seed-corpus';
import { integrityLines } from '../../components/options/IntegrityNotice';
import { createHandlers } from './handlers';
import {
  BundleDamagedError,
  checkRows,
  checkAtStart,
  ensureIntact,
  readIntegrityReport,
  validateBundle,
} from './integrity';
import { loadSeedIndex, META_INDEX_VERSION } from './seed-index';

const bundle: BundledIndex = seedBundle({ withOverrides: false });
let db: CrosscheckDB;
let n = 0;
let bundleReads = 0;
const sender = { tabId: null, url: null };
const getBundle = async () => {
  bundleReads++;
  return bundle;
};
const damagedBundle = async (): Promise<BundledIndex> => {
  const checked = validateBundle({ ...bundle, corpus: { ...bundle.corpus, entities: 'oops' } });
  if (checked.ok) throw new Error('expected a damaged bundle');
  throw new BundleDamagedError(checked.problems);
};

beforeEach(async () => {
  db = new CrosscheckDB(`integrity-${n++}`, { indexedDB, IDBKeyRange });
  bundleReads = 0;
  await loadSeedIndex(db, bundle);
});

/** A reader's source, indexed the way adding it does. */
async function addUserSource(): Promise<void> {
  const added = indexSource(
    {
      id: 'user-1',
      file: null,
      outlet: 'Reader Daily',
      title: 'Mine',
      url: 'https://example.org/mine',
      published: null,
      language: 'en',
      origin: 'user',
      text: 'Homeland Security Secretary Kristi Noem met Colombian President Gustavo Petro again on Monday in Bogotá, officials said. Petro called the meeting productive.',
    },
    bundle.corpus.entities,
    null,
    5,
  );
  await putIndexedSource(db, added);
}

const userSourcesJson = async () =>
  JSON.stringify(
    (await db.sources.where('origin').equals('user').toArray()).sort((a, b) =>
      a.id.localeCompare(b.id),
    ),
  );

/** Writes rows of the wrong shape straight into the database, as a damaged profile would. */
async function corruptSeedRows(): Promise<void> {
  const source = bundle.corpus.sources[0]!;
  const entity = bundle.corpus.entities[0]!;
  const mention = bundle.corpus.mentions[0]!;
  const table = (t: 'sources' | 'entities' | 'mentions') => db.table(t);
  await table('sources').put({ ...source, text: undefined });
  await table('entities').put({ id: entity.id, origin: 'seed', aliases: [] });
  await table('mentions').put({ ...mention, entityId: 'no-such-entity' });
}

describe('checkRows', () => {
  test('the bundled corpus is intact', () => {
    expect(checkRows(bundle.corpus).ok).toBe(true);
  });

  test('lists each row of the wrong shape and each dangling reference, without throwing', () => {
    const c = bundle.corpus;
    const r = checkRows({
      ...c,
      sources: [{ ...c.sources[0]!, text: 42 }, ...c.sources.slice(1)],
      entities: [null, { id: 'e', origin: 'seed', name: '' }, ...c.entities],
      mentions: [{ ...c.mentions[0]!, entityId: 'gone' }, ...c.mentions.slice(1)],
    });
    expect(r.ok).toBe(false);
    if (r.ok) return;
    const problems = r.problems.map((p) => JSON.parse(p) as { table: string; reason: string });
    expect(problems).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ table: 'sources', reason: 'has no text' }),
        expect.objectContaining({ table: 'entities', reason: 'is not a record' }),
        expect.objectContaining({ table: 'entities', reason: 'has no name or type' }),
        expect.objectContaining({ table: 'mentions', reason: 'points at a missing entity' }),
      ]),
    );
  });
});

describe('validateBundle', () => {
  test('accepts the built bundle (round-tripped through JSON, as shipped)', () => {
    expect(validateBundle(JSON.parse(JSON.stringify(bundle))).ok).toBe(true);
  });

  test("its type is the schema's output: the corpus and corrections as the pipeline has them", () => {
    expectTypeOf<BundledIndex['corpus']>().toEqualTypeOf<Corpus>();
    expectTypeOf<BundledIndex['overrides']>().toEqualTypeOf<EntityOverrides | null>();
    const r = validateBundle(JSON.parse(JSON.stringify(bundle)));
    expect(r.ok && r.value).toEqual(bundle);
  });

  const c = bundle.corpus;
  const { version: _, ...noVersion } = bundle;
  test.each([
    ['not an object', 'garbage', ['it is not a JSON object']],
    ['null', null, ['it is not a JSON object']],
    ['another format', { ...bundle, format: 2 }, ['its format is unknown']],
    ['no version', noVersion, ['it has no version']],
    ['an empty version', { ...bundle, version: '' }, ['it has no version']],
    ['no search index', { ...bundle, fuse: 'x' }, ['it has no search index']],
    ['no corpus', { ...bundle, corpus: [] }, ['it has no corpus']],
    [
      'two tables missing, named together',
      { ...bundle, corpus: { ...c, mentions: undefined, claims: 3 } },
      ['it has no mentions, claims'],
    ],
    [
      'a table that is not a list',
      { ...bundle, corpus: { ...c, entities: 'oops' } },
      ['it has no entities'],
    ],
    [
      'unreadable corrections',
      { ...bundle, overrides: 'oops' },
      ['its curated corrections are unreadable'],
    ],
    [
      'every damaged row, not the first',
      {
        ...bundle,
        corpus: {
          ...c,
          entities: [{ id: 'x', origin: 'seed' }, null, ...c.entities],
          mentions: [{ ...c.mentions[0]!, entityId: 'gone' }, ...c.mentions.slice(1)],
        },
      },
      [
        'entities row x has no name or type',
        'entities row #1 is not a record',
        `mentions row ${c.mentions[0]!.id} points at a missing entity`,
      ],
    ],
    [
      'each damaged part of the envelope',
      { ...bundle, format: 0, version: 7, fuse: null },
      ['its format is unknown', 'it has no version', 'it has no search index'],
    ],
  ])('refuses a bundle with %s, and says why', (_, x, problems) => {
    expect(validateBundle(x)).toEqual({ ok: false, problems });
  });

  test('a bundle of an older build, without corrections, is read with none', () => {
    const { overrides: _o, ...older } = bundle;
    const r = validateBundle(JSON.parse(JSON.stringify(older)));
    expect(r.ok && r.value.overrides).toBeNull();
  });
});

describe('ensureIntact', () => {
  test('an intact database: no report, the bundle is not even read', async () => {
    expect(await ensureIntact(db, bundle.version, getBundle)).toBeNull();
    expect(bundleReads).toBe(0);
    expect(await readIntegrityReport(db)).toBeNull();
  });

  test('damaged seed rows are detected, rebuilt from the bundle and reported; user sources stay byte-identical', async () => {
    await addUserSource();
    const before = await userSourcesJson();
    await corruptSeedRows();

    const report = await ensureIntact(db, bundle.version, getBundle);

    expect(report).toEqual({
      seedProblems: 3,
      repaired: true,
      unreadable: [],
      bundleProblem: null,
    });
    expect(await readIntegrityReport(db)).toEqual(report);
    expect(checkRows(await readCorpus(db)).ok).toBe(true);
    expect(await db.sources.get(bundle.corpus.sources[0]!.id)).toMatchObject({
      text: bundle.corpus.sources[0]!.text,
    });
    expect(await userSourcesJson()).toBe(before);
    // The reader's source is still linked to the seed entities.
    expect(await db.mentions.where('sourceId').equals('user-1').count()).toBeGreaterThan(0);
    // The next check finds nothing; the report stays until the reader dismisses it.
    expect(await ensureIntact(db, bundle.version, getBundle)).toBeNull();
    expect(await readIntegrityReport(db, { dismiss: true })).toEqual(report);
    expect(await readIntegrityReport(db)).toBeNull();
  });

  test("a damaged reader's source is reported and kept as it is, not deleted", async () => {
    await addUserSource();
    await db.table('sources').update('user-1', { text: '' });
    const before = await userSourcesJson();
    await corruptSeedRows();

    const report = await ensureIntact(db, bundle.version, getBundle);

    expect(report).toMatchObject({ seedProblems: 3, repaired: true, bundleProblem: null });
    expect(report?.unreadable).toEqual([{ id: 'user-1', label: 'Mine', reason: 'has no text' }]);
    expect(await userSourcesJson()).toBe(before);
  });

  test('a damaged bundle: reported plainly, the database is left untouched', async () => {
    await addUserSource();
    await corruptSeedRows();
    const before = await readCorpus(db);

    const report = await ensureIntact(db, bundle.version, damagedBundle);

    expect(report?.repaired).toBe(false);
    expect(report?.seedProblems).toBe(3);
    expect(report?.bundleProblem).toMatch(/built-in corpus file is damaged .*entities/);
    expect(await readCorpus(db)).toEqual(before);
  });

  test('an update whose bundle is damaged keeps the existing database and its version', async () => {
    await addUserSource();
    const before = await readCorpus(db);

    const report = await ensureIntact(db, 'a-new-version', damagedBundle);

    expect(report).toMatchObject({ repaired: false, seedProblems: 0, unreadable: [] });
    expect(report?.bundleProblem).toMatch(/damaged/);
    expect(await readCorpus(db)).toEqual(before);
    expect((await db.meta.get(META_INDEX_VERSION))?.value).toBe(bundle.version);
  });
});

describe('checkAtStart (a service-worker start)', () => {
  test('the same version: answers go on while the rows are checked; the report waits for the check', async () => {
    await addUserSource();
    const before = await userSourcesJson();
    await corruptSeedRows();
    // The repair needs the bundle: until it comes, the check cannot end.
    let arrive!: () => void;
    const arrived = new Promise<void>((ok) => (arrive = ok));
    const slowBundle = async () => {
      await arrived;
      return getBundle();
    };

    // Not before a day unless the report is asked for (it is, below).
    const { checked } = await checkAtStart(db, bundle.version, slowBundle, 86_400_000);
    let reported = false;
    const reading = readIntegrityReport(db).then((r) => {
      reported = true;
      return r;
    });
    // The database answers meanwhile (the first requests are not held), the report does not.
    expect(await db.sources.count()).toBeGreaterThan(0);
    expect(reported).toBe(false);

    arrive();
    const report = await checked;
    expect(report).toEqual({
      seedProblems: 3,
      repaired: true,
      unreadable: [],
      bundleProblem: null,
    });
    expect(await reading).toEqual(report);
    expect(checkRows(await readCorpus(db)).ok).toBe(true);
    expect(await userSourcesJson()).toBe(before);
  });

  test('an intact database: nothing reported, the bundle not read', async () => {
    const { checked } = await checkAtStart(db, bundle.version, getBundle, 0);
    expect(await checked).toBeNull();
    expect(await readIntegrityReport(db)).toBeNull();
    expect(bundleReads).toBe(0);
  });

  test('a new version: the bundle is loaded and the rows checked before it returns', async () => {
    await db.meta.put({ id: META_INDEX_VERSION, value: 'an-older-version' });
    await corruptSeedRows();
    let done = false;
    const { checked } = await checkAtStart(db, bundle.version, getBundle);
    void checked.then(() => (done = true));
    await Promise.resolve();
    expect(done).toBe(true);
    expect(checkRows(await readCorpus(db)).ok).toBe(true);
    expect((await db.meta.get(META_INDEX_VERSION))?.value).toBe(bundle.version);
  });
});

describe('reading after a check', () => {
  test("cards, the popup and the dictionary answer with a reader's unreadable source kept", async () => {
    await addUserSource();
    await db.table('sources').update('user-1', { text: undefined });
    await corruptSeedRows();
    const handlers = createHandlers({
      db,
      ready: async () => void (await ensureIntact(db, bundle.version, getBundle)),
      seedBundle: getBundle,
    });
    const petro = bundle.corpus.entities.find((e) => e.aliases.includes('Petro'))!;
    expect(await handlers.getCard({ entityId: petro.id }, sender)).toMatchObject({
      entity: { name: petro.name },
    });
    expect((await handlers.getSummary({}, sender)).sources).toBeGreaterThan(0);
    expect(await handlers.getDictionary({ knownVersion: null }, sender)).toHaveProperty('aliases');
    expect((await handlers.listSources({}, sender)).map((s) => s.id)).toContain('user-1');
    expect(await handlers.getIntegrityReport({ dismiss: false }, sender)).toMatchObject({
      repaired: true,
      unreadable: [{ id: 'user-1', label: 'Mine', reason: 'has no text' }],
    });
  });
});

describe('integrityLines (the options page notice)', () => {
  const none = { seedProblems: 0, repaired: false, unreadable: [], bundleProblem: null };
  test('repaired built-in data, an unreadable source of the reader, a damaged bundle', () => {
    expect(integrityLines({ ...none, seedProblems: 2, repaired: true })).toEqual([
      'Some built-in data was damaged and has been repaired. Your own sources were not changed.',
    ]);
    expect(
      integrityLines({ ...none, unreadable: [{ id: 'u', label: 'Mine', reason: 'has no text' }] }),
    ).toEqual([
      'Some of your data could not be read: “Mine” (has no text). It was kept as it is; remove it and add it again, or import it from a backup.',
    ]);
    expect(
      integrityLines({ ...none, seedProblems: 1, bundleProblem: 'The file is damaged.' }),
    ).toEqual(['The file is damaged.']);
  });
});
