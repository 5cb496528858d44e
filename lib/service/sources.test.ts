import { readFileSync } from 'node:fs';
import { IDBKeyRange, indexedDB } from 'fake-indexeddb';
import { parseHTML } from 'linkedom';
import { beforeAll, beforeEach, describe, expect, test, vi } from 'vitest';
import { nonEmpty } from '../../tests/unit/fixtures/non-empty';
import { createBackup } from '../backup';
import { CrosscheckDB, readCorpus } from '../db';
import { extractArticle } from '../intake/article';
import { ProblemError } from '../problems';
import { seedBundle, seedSources } from '../../tests/unit/fixtures/seed-corpus';
import { DEFAULT_SETTINGS } from '../settings';
import { loadSeedIndex, META_DICTIONARY_VERSION } from './seed-index';
import { createHandlers } from './handlers';
import type { SourceDraft } from '../protocol';
import { failingCommits } from '../../tests/unit/fixtures/failing-commits';

const seeds = seedSources();
const bundle = seedBundle({ withOverrides: false });
const fixture = (name: string) =>
  readFileSync(new URL(`../../tests/fixtures/${name}.html`, import.meta.url), 'utf8');

/** A real news page through the same extraction the options page runs. */
function pageDraft(name: string, url: string): SourceDraft {
  const { document } = parseHTML(fixture(name));
  const r = extractArticle(document as unknown as Document, { url, via: 'url' });
  if (!r.ok) throw new Error(r.problem.message);
  return r.value;
}

let n = 0;
let db: CrosscheckDB;
const failures = failingCommits();
let clock = 1_700_000_000_000;
type Handlers = ReturnType<typeof createHandlers>;
const handlers = (): Handlers =>
  createHandlers({
    db,
    ready: async () => undefined,
    seedBundle: async () => bundle,
    now: () => clock++,
    beforeCommit: failures.beforeCommit,
  });

async function dump() {
  const corpus = await readCorpus(db);
  const sortById = <T extends { id: string }>(xs: T[]) =>
    [...xs].sort((a, b) => a.id.localeCompare(b.id));
  return {
    sources: sortById(corpus.sources),
    passages: sortById(corpus.passages),
    entities: sortById(corpus.entities),
    mentions: sortById(corpus.mentions),
    claims: sortById(corpus.claims),
    discrepancies: sortById(corpus.discrepancies),
    meta: sortById(await db.meta.toArray()),
  };
}

let bbc: SourceDraft;
let guardian: SourceDraft;
beforeAll(() => {
  bbc = pageDraft('bbc-1', 'http://127.0.0.1/bbc-1.html');
  guardian = pageDraft('guardian-1', 'http://127.0.0.1/guardian-1.html');
});

beforeEach(async () => {
  db = new CrosscheckDB(`sources-test-${n++}`, { indexedDB, IDBKeyRange });
  await loadSeedIndex(db, bundle);
  failures.failNext(null);
});

describe('adding a source', () => {
  test('a real page is indexed incrementally, listed, and its entities reach the dictionary', async () => {
    const h = handlers();
    const before = await dump();
    const preview = await h.previewSource({ draft: bbc });
    expect(preview.entities.some((e) => !e.known)).toBe(true);
    expect(await dump()).toEqual(before); // preview saves nothing

    const summary = await h.addSource({ draft: bbc });
    expect(summary).toMatchObject({ origin: 'user', outlet: bbc.outlet, enabled: true });
    expect(summary.entities).toBeGreaterThan(0);
    const after = await dump();
    // Seed passages and mentions are untouched: only the new source was processed.
    const seedRows = (rows: { origin: string }[]) => rows.filter((r) => r.origin === 'seed');
    expect(seedRows(after.passages)).toEqual(seedRows(before.passages));
    expect(seedRows(after.mentions)).toEqual(seedRows(before.mentions));
    const version = (d: typeof before) =>
      d.meta.find((m) => m.id === META_DICTIONARY_VERSION)?.value;
    expect(version(after)).toBe(Number(version(before)) + 1);
    const newNames = preview.entities.filter((e) => !e.known).map((e) => e.name);
    const names = new Set(after.entities.map((e) => e.name));
    for (const name of nonEmpty(newNames, 'new names')) expect(names.has(name)).toBe(true);
    expect((await h.listSources({})).map((s) => s.id)).toContain(summary.id);
  });

  const port = {
    en: [
      'The minister met local officials on Tuesday to discuss the new rules for the port.',
      'The officials said the rules would change how ships are inspected and how long they wait.',
      'A second meeting is planned for next month, when the final text should be ready.',
    ],
    es: [
      'La ministra se reunió el martes con los funcionarios locales para hablar de las nuevas normas del puerto.',
      'Los funcionarios dijeron que las normas cambiarán la forma en que se inspeccionan los barcos.',
      'Una segunda reunión está prevista para el mes que viene, cuando el texto final esté listo.',
    ],
    fr: [
      'La ministre a rencontré mardi les responsables locaux pour parler des nouvelles règles du port.',
      'Les responsables ont dit que les règles changeront la façon dont les navires sont contrôlés.',
      'Une deuxième réunion est prévue le mois prochain, quand le texte final sera prêt.',
    ],
  };
  test.each([
    ['given: no guess', 'en', port.en, null],
    ['Spanish, not given', null, port.es, 'es'],
    ['French, not given', null, port.fr, 'fr'],
  ] as const)(
    'the preview says what language the text reads as (%s)',
    async (_, language, lines, guessed) => {
      const preview = await handlers().previewSource({
        draft: {
          text: lines.join('\n\n'),
          title: 'Port',
          outlet: 'Example News',
          url: null,
          published: null,
          language,
          via: 'paste',
        },
      });
      expect(preview.language).toBe(language);
      expect(preview.guessedLanguage).toBe(guessed);
    },
  );

  test('a preview after a change in the same worker life reads no whole table, and says what a new life says', async () => {
    const h = handlers();
    await h.addSource({ draft: bbc });
    const whole = [db.sources, db.passages, db.entities, db.mentions].map((t) =>
      vi.spyOn(t, 'toArray'),
    );
    const warm = await h.previewSource({ draft: guardian });
    for (const read of whole) expect(read).not.toHaveBeenCalled();
    for (const read of whole) read.mockRestore();
    // A new life (an empty memo, nothing kept) reads the tables: the same preview.
    const cold = await handlers().previewSource({ draft: guardian });
    expect(nonEmpty(warm.entities, 'previewed entities')).toEqual(cold.entities);
    expect(warm).toEqual(cold);
    // A duplicate is still refused from what is kept.
    await expect(h.previewSource({ draft: bbc })).rejects.toThrow(ProblemError);
  });

  test('after prepareChanges, a new worker life previews without reading a whole table, and says what an unprepared life says', async () => {
    await handlers().addSource({ draft: bbc });
    let pauses = 0;
    const h = createHandlers({
      db,
      ready: async () => undefined,
      seedBundle: async () => bundle,
      now: () => clock++,
      pause: async () => void pauses++,
    });
    const whole = [db.sources, db.passages, db.entities, db.mentions].map((t) =>
      vi.spyOn(t, 'toArray'),
    );
    const before = await dump();
    // Two asks at once build once (the second waits for the first), and save nothing.
    await Promise.all([h.prepareChanges({}), h.prepareChanges({})]);
    expect(pauses).toBe(1);
    expect(whole.some((read) => read.mock.calls.length > 0)).toBe(true);
    for (const read of whole) read.mockClear();
    // Ready: asking again derives nothing (no pause before a derivation) and reads no table.
    await h.prepareChanges({});
    expect(pauses).toBe(1);
    const warm = await h.previewSource({ draft: guardian });
    for (const read of whole) expect(read).not.toHaveBeenCalled();
    for (const read of whole) read.mockRestore();
    expect(await dump()).toEqual(before);
    const cold = await handlers().previewSource({ draft: guardian });
    expect(nonEmpty(warm.entities, 'previewed entities')).toEqual(cold.entities);
    expect(warm).toEqual(cold);
    // The add that follows lands, and leaves what a new life reads: the same next preview.
    await h.addSource({ draft: guardian });
    const third: SourceDraft = {
      text: port.en.join('\n\n'),
      title: 'Port',
      outlet: 'Example News',
      url: null,
      published: null,
      language: 'en',
      via: 'paste',
    };
    expect(await h.previewSource({ draft: third })).toEqual(
      await handlers().previewSource({ draft: third }),
    );
    expect((await dump()).sources.length).toBe(before.sources.length + 1);
  });

  test('a preview sent while a new life prepares reads the analyses back once, and says what an unprepared life says', async () => {
    await handlers().addSource({ draft: bbc });
    const h = handlers();
    const reads = [db.analyses, db.entities].map((t) => vi.spyOn(t, 'toArray'));
    const [, preview] = await Promise.all([
      h.prepareChanges({}),
      h.previewSource({ draft: guardian }),
    ]);
    // The preview waited for the read back and used its rows: no second read of the entities.
    for (const read of reads) expect(read).toHaveBeenCalledTimes(1);
    for (const read of reads) read.mockRestore();
    expect(preview).toEqual(await handlers().previewSource({ draft: guardian }));
  });

  test('a warm-up asked with an add in a new life waits for it or is not built: the add lands, and the next preview is what a new life previews', async () => {
    await handlers().addSource({ draft: bbc });
    const h = handlers();
    const [added] = await Promise.all([
      h.addSource({ draft: guardian }),
      h.prepareChanges({}),
      h.prepareChanges({}),
    ]);
    expect(added.outlet).toBe(guardian.outlet);
    const third: SourceDraft = { ...bbc, text: `${bbc.text}\n\nA last paragraph.`, url: null };
    expect(await h.previewSource({ draft: third })).toEqual(
      await handlers().previewSource({ draft: third }),
    );
  });

  // The kept rows a preview reads must be the tables' after every kind of change in this life.
  test.each([
    [
      'an add',
      async (h: Handlers): Promise<void> => {
        await h.addSource({ draft: bbc });
      },
    ],
    [
      'an add then its source disabled',
      async (h: Handlers): Promise<void> => {
        const { id } = await h.addSource({ draft: bbc });
        await h.setSourceEnabled({ id, enabled: false });
      },
    ],
    [
      'an add then its removal',
      async (h: Handlers): Promise<void> => {
        const { id } = await h.addSource({ draft: bbc });
        await h.removeSource({ id });
      },
    ],
    [
      'an add that failed to commit',
      async (h: Handlers): Promise<void> => {
        failures.failNext('addSource');
        await expect(h.addSource({ draft: bbc })).rejects.toThrow();
      },
    ],
  ] as const)('after %s, a preview says what a new worker life says', async (_, change) => {
    const h = handlers();
    await change(h);
    const warm = await h.previewSource({ draft: guardian });
    expect(nonEmpty(warm.entities, 'previewed entities')).toEqual(
      (await handlers().previewSource({ draft: guardian })).entities,
    );
  });

  test('a disabled source still makes its text a duplicate, from what a worker life keeps', async () => {
    const h = handlers();
    const { id } = await h.addSource({ draft: bbc });
    await h.setSourceEnabled({ id, enabled: false });
    await expect(h.previewSource({ draft: bbc })).rejects.toThrow(ProblemError);
    await expect(handlers().previewSource({ draft: bbc })).rejects.toThrow(ProblemError);
  });

  test('the preview marks each entity new or linked to a known one, and says why it linked', async () => {
    const h = handlers();
    const known = await db.entities.toArray();
    const preview = await h.previewSource({ draft: bbc });
    expect(preview.entities.length).toBeGreaterThan(0);
    for (const e of preview.entities) {
      if (e.status === 'new') {
        expect(e).toMatchObject({ known: false, linkedTo: null, reason: null });
        expect(known.some((k) => k.name === e.name)).toBe(false);
      } else {
        expect(e.known).toBe(true);
        expect(known.map((k) => k.name)).toContain(e.linkedTo);
        expect(e.reason?.text.length).toBeGreaterThan(10);
      }
    }
    const linked = preview.entities.filter((e) => e.status === 'linked');
    expect(linked.length).toBeGreaterThan(0);
    expect(preview.entities.some((e) => e.status === 'new')).toBe(true);

    // A pasted text that names known entities by a surname and a spelling without accents.
    const person = known.find((k) => k.type === 'person' && /^\p{Lu}\S+ \p{Lu}\S+$/u.test(k.name))!;
    const surname = person.name.split(' ')[1]!;
    const text = [
      `${surname} met local officials on Tuesday, according to people familiar with the talks.`,
      `Ingrid Salcedo, a lawyer who followed the meeting, said ${surname} was asked about the deportation flights.`,
      `Salcedo said the officials from both governments would meet again within a month to review the terms.`,
    ].join('\n\n');
    const pasted = await h.previewSource({
      draft: {
        text,
        title: 'Talks',
        outlet: 'Example News',
        url: null,
        published: null,
        language: 'en',
        via: 'paste',
      },
    });
    const byName = new Map(pasted.entities.map((e) => [e.name, e]));
    expect(byName.get('Ingrid Salcedo')).toMatchObject({ status: 'new', linkedTo: null });
    const linkedPerson = pasted.entities.find((e) => e.linkedTo === person.name);
    expect(linkedPerson?.status).toBe('linked');
    expect(['alias', 'surname']).toContain(linkedPerson?.reason?.kind);
    expect(linkedPerson?.reason?.surface).toBe(surname);
  });

  test('removing the source gives back the database as it was (but the dictionary version)', async () => {
    const h = handlers();
    const before = await dump();
    const a = await h.addSource({ draft: bbc });
    await h.addSource({ draft: guardian });
    await h.removeSource({ id: a.id });
    const onlyGuardian = await dump();
    // Same as adding the guardian page alone.
    const db2 = db;
    db = new CrosscheckDB(`sources-test-${n++}`, { indexedDB, IDBKeyRange });
    await loadSeedIndex(db, bundle);
    const g = onlyGuardian.sources.find((s) => s.origin === 'user')!;
    clock = g.addedAt;
    await handlers().addSource({ draft: guardian });
    const fresh = await dump();
    const strip = (d: typeof before) => ({ ...d, meta: [] });
    expect(strip(fresh)).toEqual(strip(onlyGuardian));
    db = db2;
    const remaining = (await h.listSources({})).filter((s) => s.origin === 'user');
    await h.removeSource({ id: remaining[0]!.id });
    // Discrepancies are recomputed (the bundle's were computed over claims in another order, and
    // findDiscrepancies lists claims in input order): same ids over the same claims.
    const canonical = (d: typeof before) => ({
      ...strip(d),
      discrepancies: d.discrepancies.map((x) => [x.id, [...x.claimIds].sort()]),
    });
    expect(canonical(await dump())).toEqual(canonical(before));
  });

  const seedText = seeds[1]!.text;
  const cases: Array<[string, () => Partial<SourceDraft>, string]> = [
    ['empty text', () => ({ text: '   ' }), 'text-empty'],
    ['a tiny text', () => ({ text: seedText.slice(0, 120) }), 'text-tiny'],
    [
      'text over 300,000 characters',
      () => ({ text: `${seedText}\n\n`.repeat(80) }),
      'text-too-long',
    ],
    ['a date that is not one', () => ({ published: 'last Thursday' }), 'field-invalid'],
    ['a javascript: url', () => ({ url: 'javascript:alert(1)' }), 'field-invalid'],
    ['the text of a seed article', () => ({ text: seedText, url: null }), 'duplicate-text'],
    [
      'a seed article with its share counters trimmed',
      () => ({ text: seedText.replace(/\n\d+\n/g, '\n') }),
      'duplicate-text',
    ],
  ];
  test.each(cases)('%s is refused with a message and changes nothing', async (_, patch, code) => {
    const h = handlers();
    const before = await dump();
    const draft = { ...bbc, ...patch() };
    for (const op of [h.previewSource, h.addSource]) {
      const error = await op({ draft }).catch((e: unknown) => e);
      expect(error).toBeInstanceOf(ProblemError);
      expect((error as ProblemError).code).toBe(code);
      expect((error as Error).message.length).toBeGreaterThan(30);
    }
    expect(await dump()).toEqual(before);
  });

  test('the same address twice is refused (tracking parameters and fragment ignored)', async () => {
    const h = handlers();
    await h.addSource({ draft: bbc });
    const before = await dump();
    const again = { ...guardian, url: `${bbc.url}?utm_source=x#top` };
    await expect(h.addSource({ draft: again })).rejects.toMatchObject({ code: 'duplicate-url' });
    expect(await dump()).toEqual(before);
  });

  test('a full storage (the browser refuses the write) leaves the database exactly as it was', async () => {
    const full = createHandlers({
      db,
      ready: async () => undefined,
      seedBundle: async () => bundle,
      now: () => clock++,
      beforeCommit: () => {
        throw new DOMException('The quota has been exceeded.', 'QuotaExceededError');
      },
    });
    const before = await dump();
    await expect(full.addSource({ draft: bbc })).rejects.toMatchObject({
      name: 'QuotaExceededError',
    });
    expect(await dump()).toEqual(before);
  });

  test('a failure inside the transaction leaves the database exactly as it was', async () => {
    const h = handlers();
    const before = await dump();
    failures.failNext('addSource');
    await expect(h.addSource({ draft: bbc })).rejects.toThrow(/injected/);
    expect(await dump()).toEqual(before);
    await h.addSource({ draft: bbc });
    const afterAdd = await dump();
    for (const op of ['removeSource', 'resetCorpus', 'setSourceEnabled'] as const) {
      failures.failNext(op);
      const id = afterAdd.sources.find((s) => s.origin === 'user')!.id;
      const run =
        op === 'removeSource'
          ? h.removeSource({ id })
          : op === 'resetCorpus'
            ? h.resetCorpus({})
            : h.setSourceEnabled({ id, enabled: false });
      await expect(run).rejects.toThrow(/injected/);
      expect(await dump()).toEqual(afterAdd);
    }
  });
});

describe('managing sources', () => {
  test('disabling a source keeps its text and passages (its names leave the build); built-ins cannot be removed', async () => {
    const h = handlers();
    const row = (await h.listSources({})).find((s) => s.origin === 'seed')!;
    expect(row.id).toBeTruthy();
    const off = await h.setSourceEnabled({ id: row.id, enabled: false });
    expect(off.enabled).toBe(false);
    expect(off.passages).toBeGreaterThan(0);
    // Off: the build is the other sources' alone, so none of its mentions or claims are left.
    expect(off.entities).toBe(0);
    expect(off.claims).toBe(0);
    const on = await h.setSourceEnabled({ id: row.id, enabled: true });
    expect(on.entities).toBeGreaterThan(0);
    await expect(h.removeSource({ id: row.id })).rejects.toMatchObject({ code: 'seed-source' });
    await expect(
      h.editSource({
        id: row.id,
        patch: { title: 'x', outlet: null, url: null, published: null, language: null },
      }),
    ).rejects.toMatchObject({ code: 'seed-source' });
  });

  test('an edit is a patch: fields it leaves out keep their values', async () => {
    const h = handlers();
    const a = await h.addSource({ draft: bbc });
    const edited = await h.editSource({ id: a.id, patch: { title: 'Only the title' } });
    expect(edited).toMatchObject({
      title: 'Only the title',
      outlet: a.outlet,
      url: a.url,
      published: a.published,
      language: a.language,
    });
  });

  test('editing metadata re-indexes and validates', async () => {
    const h = handlers();
    const a = await h.addSource({ draft: bbc });
    const edited = await h.editSource({
      id: a.id,
      patch: {
        title: 'Edited',
        outlet: 'Another outlet',
        url: a.url,
        published: '2015-07-25',
        language: 'en',
      },
    });
    expect(edited).toMatchObject({
      title: 'Edited',
      outlet: 'Another outlet',
      published: '2015-07-25',
    });
    expect(edited.entities).toBe(a.entities);
    const before = await dump();
    await expect(
      h.editSource({
        id: a.id,
        patch: {
          title: 'x',
          outlet: null,
          url: 'file:///etc/passwd',
          published: null,
          language: null,
        },
      }),
    ).rejects.toMatchObject({ code: 'field-invalid' });
    expect(await dump()).toEqual(before);
  });
});

describe('export, reset, import', () => {
  test('export -> reset -> import gives back the same database', async () => {
    const h = handlers();
    await h.addSource({ draft: bbc });
    const g = await h.addSource({ draft: guardian });
    await h.setSourceEnabled({ id: g.id, enabled: false });
    const seedRow = (await h.listSources({})).find((s) => s.origin === 'seed')!;
    await h.setSourceEnabled({ id: seedRow.id, enabled: false });
    const before = await dump();
    const file = JSON.stringify(
      createBackup((await h.exportSources({})).sources, DEFAULT_SETTINGS),
    );
    await h.resetCorpus({});
    expect((await h.listSources({})).every((s) => s.origin === 'seed' && s.enabled)).toBe(true);
    const preview = await h.previewImport({ text: file });
    expect(preview.add).toHaveLength(2);
    const result = await h.importBackup({ text: file });
    expect(result.added).toBe(2);
    const strip = (d: typeof before) => ({ ...d, meta: [] });
    expect(strip(await dump())).toEqual(strip(before));
    // Importing the same file again adds nothing.
    expect((await h.importBackup({ text: file })).skipped).toBe(2);
  });

  const good = () => createBackup([], DEFAULT_SETTINGS);
  const badFiles: Array<[string, () => string, string]> = [
    ['not JSON', () => 'PK\u0003\u0004 this is a zip', 'backup-not-json'],
    ['JSON of another schema', () => JSON.stringify({ hello: 'world' }), 'backup-schema'],
    ['a newer version', () => JSON.stringify({ ...good(), version: 99 }), 'backup-version'],
    [
      'bad settings',
      () => JSON.stringify({ ...good(), settings: { hoverDelayMs: -5 } }),
      'backup-schema',
    ],
    [
      'some bad records',
      () =>
        JSON.stringify({
          ...good(),
          sources: [
            {
              id: 'user-a',
              title: 'ok',
              outlet: null,
              url: null,
              published: null,
              language: 'en',
              text: seeds[2]!.text.replace(/Colombia/g, 'Peru'),
              enabled: true,
              addedAt: 1,
            },
            { id: 'user-b', title: 'tiny', text: 'Too short.', enabled: true, addedAt: 2 },
            { id: 'seed-x', title: 'bad id', text: seeds[3]!.text, enabled: true, addedAt: 3 },
          ],
        }),
      'backup-records',
    ],
  ];
  test.each(badFiles)(
    'an import file with %s is refused and changes nothing',
    async (_, file, code) => {
      const h = handlers();
      await h.addSource({ draft: bbc });
      const before = await dump();
      await expect(h.previewImport({ text: file() })).rejects.toMatchObject({ code });
      await expect(h.importBackup({ text: file() })).rejects.toMatchObject({ code });
      expect(await dump()).toEqual(before);
    },
  );
});
