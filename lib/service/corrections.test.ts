/**
 * The reader's corrections through the background's messages, on the seed corpus plus one
 * reader's source of invented text: a correction persists (a new worker reads it), is kept
 * through later changes and in backups, Undo gives back exactly the rows without it, and a bad
 * correction is refused with a clear message and changes nothing.
 */
import { IDBKeyRange, indexedDB } from 'fake-indexeddb';
import { beforeEach, describe, expect, test } from 'vitest';
import { rawSource, pastedDraft } from '../../tests/unit/fixtures/raw-source';
import { seedBundle } from '../../tests/unit/fixtures/seed-corpus';
import { createBackup, parseBackup } from '../backup';
import { key } from '../corpus/entities/words';
import { MAX_CORRECTIONS, withCorrections } from '../corpus/corrections';
import { CORPUS_TABLES, CrosscheckDB, readCorpus } from '../db';
import { ProblemError } from '../problems';
import type { RequestIn, RequestOut } from '../protocol';
import { DEFAULT_SETTINGS } from '../settings';
import type { Entity } from '../types';
import { readCorrections } from './correction-store';
import { createCorrectionHandlers } from './corrections';
import { createHandlers } from './handlers';
import { loadSeedIndex, META_DICTIONARY_VERSION } from './seed-index';
import { bundleOverrides, rederiveCorpus } from './sources';
import { failingCommits } from '../../tests/unit/fixtures/failing-commits';

const bundle = seedBundle({ withOverrides: false });

const TEXT = [
  'The Broad Front of Ruritania won the regional vote on Monday, its leaders said in Port Example.',
  'In the main square of Port Example, supporters of the Frente Amplio de Ruritania stayed until late.',
  'Jane Doe, who leads the Frente Amplio de Ruritania, thanked the voters and the volunteers.',
  'Read More about the vote and what it means for the coming months in the region and beyond.',
  'Read More. Doe thanked the Broad Front of Ruritania, which will name its ministers next week.',
].join('\n\n');
const draft = () => pastedDraft(rawSource('x', 'en', TEXT, 'Example Daily', { title: 'The vote' }));

let n = 0;
let db: CrosscheckDB;
const failures = failingCommits();
const handlers = () =>
  createHandlers({
    db,
    ready: async () => undefined,
    seedBundle: async () => bundle,
    prepareReads: false,
    beforeCommit: failures.beforeCommit,
  });

/** What a page sends (the handlers take it parsed: createHandlers parses it first). */
const add = (h: ReturnType<typeof handlers>, req: RequestIn<'addCorrection'>) =>
  h.addCorrection(req as RequestOut<'addCorrection'>);

const derived = async () => {
  const c = await readCorpus(db);
  const byId = <T extends { id: string }>(xs: T[]) =>
    [...xs].sort((a, b) => (a.id < b.id ? -1 : 1));
  return {
    entities: byId(c.entities),
    mentions: byId(c.mentions),
    claims: byId(c.claims),
    discrepancies: byId(c.discrepancies),
  };
};
/** The rows every row derived again with the stored corrections gives (no memo). */
async function derivedInFull() {
  const overrides = withCorrections(bundleOverrides(bundle), await readCorrections(db));
  await db.transaction('rw', [...CORPUS_TABLES.map((t) => db[t]), db.meta], async () => {
    await rederiveCorpus(db, overrides);
  });
  return derived();
}
const entityOf = (entities: readonly Entity[], name: string) =>
  entities.find((e) => [e.name, ...e.aliases].some((a) => key(a) === key(name)));
const version = async () => (await db.meta.get(META_DICTIONARY_VERSION))?.value;

beforeEach(async () => {
  db = new CrosscheckDB(`corrections-test-${n++}`, { indexedDB, IDBKeyRange });
  await loadSeedIndex(db, bundle);
  await handlers().addSource({ draft: draft() });
  failures.failNext(null);
});

const SAME = {
  kind: 'same',
  names: ['Broad Front of Ruritania'],
  other: ['Frente Amplio de Ruritania'],
};

describe('a correction', () => {
  test('persists, applies, and a new worker still applies it after another change', async () => {
    const h = handlers();
    const before = await derived();
    expect(entityOf(before.entities, 'Broad Front of Ruritania')).not.toBe(
      entityOf(before.entities, 'Frente Amplio de Ruritania'),
    );
    const v0 = await version();
    const { added, corrections } = await add(h, SAME);
    expect(corrections).toEqual([
      expect.objectContaining({ id: added, kind: 'same', applies: true }),
    ]);
    expect(await version()).toBe(Number(v0) + 1);
    const joined = (await derived()).entities;
    expect(entityOf(joined, 'Broad Front of Ruritania')).toBeDefined();
    expect(entityOf(joined, 'Broad Front of Ruritania')).toBe(
      entityOf(joined, 'Frente Amplio de Ruritania'),
    );
    // A worker started afresh reads it, and a source change keeps it.
    const again = handlers();
    expect((await again.listCorrections({})).corrections.map((c) => c.id)).toEqual([added]);
    const other = pastedDraft(
      rawSource(
        'y',
        'en',
        'The Broad Front of Ruritania met the Frente Amplio de Ruritania youth wing in Port Example on Friday, and its members talked for hours about the vote and the ministers to come, the organizers said afterwards.',
        'Example Post',
        { title: 'The meeting' },
      ),
    );
    await again.addSource({ draft: other });
    const later = (await derived()).entities;
    expect(entityOf(later, 'Broad Front of Ruritania')).toBe(
      entityOf(later, 'Frente Amplio de Ruritania'),
    );
  });

  test.each([
    ['same as', [], SAME],
    ['not a name', [], { kind: 'hide', names: ['Port Example'] }],
    // Kept apart from the entity a "same as" joined it to.
    [
      'not the same',
      [SAME],
      { kind: 'apart', names: ['Frente Amplio de Ruritania'], other: ['Broad Front of Ruritania'] },
    ],
  ])('%s, undone, gives back exactly the rows without it', async (_what, first, correction) => {
    const h = handlers();
    for (const c of first) await add(h, c);
    const before = await derived();
    const listed = (await h.listCorrections({})).corrections;
    const { added } = await add(h, correction);
    expect(await derived()).not.toEqual(before);
    await h.removeCorrection({ id: added });
    expect(await derived()).toEqual(before);
    expect((await h.listCorrections({})).corrections).toEqual(listed);
  });

  test.each([
    ['same as', [], SAME],
    ['not a name', [], { kind: 'hide', names: ['Port Example'] }],
    [
      'not the same',
      [SAME],
      { kind: 'apart', names: ['Frente Amplio de Ruritania'], other: ['Broad Front of Ruritania'] },
    ],
  ])(
    '%s, made through the memo, leaves the rows every row derived again gives',
    async (_what, first, correction) => {
      const h = handlers();
      for (const c of first) await add(h, c);
      await add(h, correction);
      const viaMemo = await derived();
      expect(await derivedInFull()).toEqual(viaMemo);
    },
  );

  test('two made at once both stay, and both apply', async () => {
    const h = handlers();
    await Promise.all([add(h, SAME), add(h, { kind: 'hide', names: ['Port Example'] })]);
    expect((await h.listCorrections({})).corrections).toHaveLength(2);
    const viaMemo = await derived();
    expect(await derivedInFull()).toEqual(viaMemo);
  });

  test('a reset keeps them, applied to the built-in sources; a failed one changes nothing', async () => {
    const h = handlers();
    await add(h, { kind: 'hide', names: ['Colombia'] });
    const before = { rows: await derived(), meta: await db.meta.toArray() };
    failures.failNext('resetCorpus');
    await expect(h.resetCorpus({})).rejects.toThrow(/injected/);
    expect({ rows: await derived(), meta: await db.meta.toArray() }).toEqual(before);
    await h.resetCorpus({});
    expect((await h.listCorrections({})).corrections).toHaveLength(1);
    expect(entityOf((await derived()).entities, 'Colombia')).toBeUndefined();
  });

  test('by entity ids takes the entities’ forms', async () => {
    const h = handlers();
    const es = (await derived()).entities;
    const a = entityOf(es, 'Broad Front of Ruritania')!;
    const b = entityOf(es, 'Frente Amplio de Ruritania')!;
    const { corrections } = await add(h, {
      kind: 'same',
      entityId: a.id,
      otherEntityId: b.id,
    });
    expect(corrections[0]!.names).toEqual([a.name, ...a.aliases]);
    expect(corrections[0]!.other).toEqual([b.name, ...b.aliases]);
    const form = await h.getEntityForms({
      entityId: entityOf((await derived()).entities, a.name)!.id,
    });
    expect([form!.name, ...form!.aliases]).toEqual(
      expect.arrayContaining(['Broad Front of Ruritania', 'Frente Amplio de Ruritania']),
    );
  });

  test('"not a name" leaves the name out of the dictionary and the search', async () => {
    const h = handlers();
    const inDictionary = async () => {
      const d = await h.getDictionary({ knownVersion: null });
      return JSON.stringify(d).includes('Port Example');
    };
    const found = async () =>
      (await h.searchCorpus({ query: 'Port Example' })).entities.some(
        (e) => key(e.name) === key('Port Example'),
      );
    expect(await inDictionary()).toBe(true);
    expect(await found()).toBe(true);
    const { corrections } = await add(h, { kind: 'hide', names: ['Port Example'] });
    expect(corrections[0]!.applies).toBe(true);
    expect(entityOf((await derived()).entities, 'Port Example')).toBeUndefined();
    expect(await inDictionary()).toBe(false);
    expect(await found()).toBe(false);
  });

  test('whose names are gone stays listed, marked as not applying, and does nothing', async () => {
    const h = handlers();
    const before = await derived();
    const { corrections } = await add(h, {
      kind: 'same',
      names: ['Nowhere Person'],
      other: ['Nobody Else'],
    });
    expect(corrections).toEqual([expect.objectContaining({ applies: false })]);
    expect(await derived()).toEqual(before);
  });
});

describe('a bad correction is refused with a clear message and changes nothing', () => {
  test.each([
    ['an unknown kind', { kind: 'merge', names: ['Read More'] }, /Unknown kind of correction/],
    ['an empty name', { kind: 'hide', names: [' '] }, /must be text of 1 to 200/],
    ['no name at all', { kind: 'hide' }, /at least one name/],
    ['same as without the other', { kind: 'same', names: ['Read More'] }, /the other entity/],
    ['an entity no longer there', { kind: 'hide', entityId: 'gone' }, /no longer in your corpus/],
  ])('%s', async (_what, req, message) => {
    const h = handlers();
    const before = { rows: await derived(), meta: await db.meta.toArray() };
    const refused = await add(h, req as RequestIn<'addCorrection'>).catch((e: unknown) => e);
    expect(refused).toBeInstanceOf(ProblemError);
    expect((refused as Error).message).toMatch(message);
    expect({ rows: await derived(), meta: await db.meta.toArray() }).toEqual(before);
  });

  test('a failure while saving leaves everything as it was', async () => {
    const h = handlers();
    const before = { rows: await derived(), meta: await db.meta.toArray() };
    failures.failNext('addCorrection');
    await expect(add(h, SAME)).rejects.toThrow(/injected failure/);
    expect({ rows: await derived(), meta: await db.meta.toArray() }).toEqual(before);
  });

  test('removing one that is not there says so', async () => {
    await expect(handlers().removeCorrection({ id: 'hide:nothing' })).rejects.toThrow(
      /no longer in your list/,
    );
  });
});

describe('backups', () => {
  test('carry the corrections, and an import restores them', async () => {
    const h = handlers();
    await add(h, SAME);
    await add(h, { kind: 'hide', names: ['Port Example'] });
    const listed = (await h.listCorrections({})).corrections;
    const file = JSON.stringify(
      createBackup((await h.exportSources({})).sources, DEFAULT_SETTINGS, new Date(0), listed),
    );
    const parsed = parseBackup(file);
    expect(parsed.ok && parsed.value.corrections.length).toBe(2);
    const rows = await derived();

    db = new CrosscheckDB(`corrections-test-${n++}`, { indexedDB, IDBKeyRange });
    await loadSeedIndex(db, bundle);
    const fresh = handlers();
    await fresh.importBackup({ text: file });
    expect((await fresh.listCorrections({})).corrections.map((c) => c.id).sort()).toEqual(
      listed.map((c) => c.id).sort(),
    );
    const joined = (await derived()).entities;
    expect(entityOf(joined, 'Broad Front of Ruritania')).toBe(
      entityOf(joined, 'Frente Amplio de Ruritania'),
    );
    expect(entityOf(joined, 'Port Example')).toBeUndefined();
    expect((await derived()).entities.length).toBe(rows.entities.length);
  });

  /** A backup of this corpus with its two corrections, and a fresh database to import it into. */
  async function backupIntoFresh() {
    const h = handlers();
    await add(h, SAME);
    await add(h, { kind: 'hide', names: ['Port Example'] });
    const listed = (await h.listCorrections({})).corrections;
    const file = JSON.stringify(
      createBackup((await h.exportSources({})).sources, DEFAULT_SETTINGS, new Date(0), listed),
    );
    db = new CrosscheckDB(`corrections-test-${n++}`, { indexedDB, IDBKeyRange });
    await loadSeedIndex(db, bundle);
    return file;
  }
  const everything = async () => ({
    rows: await derived(),
    sources: await db.sources.toArray(),
    meta: await db.meta.toArray(),
  });

  test('an import that fails while saving leaves neither its sources nor its corrections', async () => {
    const file = await backupIntoFresh();
    const before = await everything();
    failures.failNext('importBackup');
    await expect(handlers().importBackup({ text: file })).rejects.toThrow(/injected failure/);
    expect(await everything()).toEqual(before);
    // The same import then lands whole, in one change: sources and corrections together.
    const v0 = await version();
    await handlers().importBackup({ text: file });
    expect(await version()).toBe(Number(v0) + 1);
    expect((await readCorrections(db)).length).toBe(2);
    expect(await derived()).toEqual(await derivedInFull());
  });

  test('an import whose corrections would pass the limit changes nothing', async () => {
    const file = await backupIntoFresh();
    const many = Array.from({ length: MAX_CORRECTIONS - 1 }, (_, i) => ({
      kind: 'hide' as const,
      names: [`Nowhere Example ${i}`],
      other: [],
      at: i,
    }));
    await db.meta.put({ id: 'corrections', value: JSON.stringify(many) });
    const before = await everything();
    await expect(handlers().importBackup({ text: file })).rejects.toThrow(/nothing was imported/);
    expect(await everything()).toEqual(before);
  });

  test("the import's edit checks the limit again on the list it meets in its transaction", async () => {
    const c = createCorrectionHandlers({ db, ready: async () => undefined });
    const restore = await c.correctionsToRestore([
      { kind: 'hide', names: ['Port Example'], other: [], at: 1 },
    ]);
    expect(restore).not.toBeNull();
    // Another page filled the list meanwhile.
    const full = Array.from({ length: MAX_CORRECTIONS }, (_, i) => ({
      kind: 'hide' as const,
      names: [`Nowhere Example ${i}`],
      other: [],
      at: i,
    }));
    expect(() => restore!(full)).toThrow(/nothing was imported/);
  });

  test('with malformed corrections are refused whole', () => {
    const file = JSON.stringify({
      ...createBackup([], DEFAULT_SETTINGS, new Date(0)),
      corrections: [{ kind: 'merge', names: ['X'] }],
    });
    const parsed = parseBackup(file);
    expect(parsed.ok).toBe(false);
    if (!parsed.ok) expect(parsed.problem.message).toMatch(/corrections in the file are malformed/);
  });
});
