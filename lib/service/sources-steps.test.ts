/**
 * Long work in steps: adding, previewing, importing and removing sources index their text
 * between pauses (so the background answers other messages meanwhile), and a change that lands
 * during those pauses is not lost.
 */
import { readFileSync } from 'node:fs';
import { IDBKeyRange, indexedDB } from 'fake-indexeddb';
import { parseHTML } from 'linkedom';
import { beforeAll, describe, expect, test } from 'vitest';
import { CrosscheckDB, readCorpus } from '../db';
import { extractArticle } from '../intake/article';
import { seedBundle } from '../../tests/unit/fixtures/seed-corpus';
import { loadSeedIndex } from './seed-index';
import { createHandlers } from './handlers';
import { breather, type SourceProgress } from './sources';
import { createBackup } from '../backup';
import { DEFAULT_SETTINGS } from '../settings';
import type { SourceDraft } from '../protocol';

const bundle = seedBundle({ withOverrides: false });

function pageDraft(name: string, url: string): SourceDraft {
  const html = readFileSync(new URL(`../../tests/fixtures/${name}.html`, import.meta.url), 'utf8');
  const { document } = parseHTML(html);
  const r = extractArticle(document as unknown as Document, { url, via: 'url' });
  if (!r.ok) throw new Error(r.problem.message);
  return r.value;
}

let first: SourceDraft;
beforeAll(() => {
  first = pageDraft('bbc-1', 'https://news.example/first.html');
});

/** A pasted report naming a person no built-in source knows. */
const report = (outlet: string, figure: number): SourceDraft => ({
  text: [
    `Harbour Board Chair Amara Okafor said on Tuesday that ${figure} ships had been turned away from the northern terminal since the storm.`,
    `Okafor told reporters that repairs to the breakwater would take most of the winter, and that the board would publish a full account of the damage next month.`,
    `Local fishing crews said the closures had already cost them most of the season.`,
  ].join('\n\n'),
  title: `Storm closes northern terminal (${outlet})`,
  outlet,
  url: `https://${outlet}.example/terminal`,
  published: '2025-01-14',
  language: 'en',
  via: 'paste',
});

let n = 0;
async function freshDb(): Promise<CrosscheckDB> {
  const db = new CrosscheckDB(`sources-steps-${n++}`, { indexedDB, IDBKeyRange });
  await loadSeedIndex(db, bundle);
  return db;
}

/** Handlers whose clock hands out `times` in order and whose pause runs `onPause`. */
function handlersFor(
  db: CrosscheckDB,
  times: number[],
  onPause: () => Promise<void> = async () => undefined,
) {
  return createHandlers({
    db,
    ready: async () => undefined,
    seedBundle: async () => bundle,
    now: () => times.shift() ?? 0,
    pause: async () => {
      await onPause();
      await breather();
    },
  });
}

async function dump(db: CrosscheckDB) {
  const corpus = await readCorpus(db);
  const sorted = <T extends { id: string }>(xs: T[]) =>
    [...xs].sort((a, b) => a.id.localeCompare(b.id));
  return {
    sources: sorted(corpus.sources),
    passages: sorted(corpus.passages),
    entities: sorted(corpus.entities),
    mentions: sorted(corpus.mentions),
    claims: sorted(corpus.claims),
    discrepancies: corpus.discrepancies.map((d) => [d.id, [...d.claimIds].sort()]).sort(),
    meta: sorted(await db.meta.toArray()),
  };
}

describe('sources are indexed in steps', () => {
  test('preview and add pause between the pipeline stages', async () => {
    const db = await freshDb();
    let pauses = 0;
    const h = handlersFor(db, [1, 2], async () => {
      pauses++;
    });
    await h.previewSource({ draft: first });
    expect(pauses).toBeGreaterThanOrEqual(2);
    pauses = 0;
    await h.addSource({ draft: first });
    expect(pauses).toBeGreaterThanOrEqual(2);
  });

  test('a source added while another is being indexed: both kept, as if added one after the other', async () => {
    // Both reports name the same new person: whichever is saved second links to the entity
    // the first one created.
    const early = report('harbour-news', 40);
    const late = report('coast-daily', 45);
    const reference = await freshDb();
    await handlersFor(reference, [200]).addSource({ draft: late });
    await handlersFor(reference, [100]).addSource({ draft: early });

    // Now the early report's add starts (clock 100); while it is indexed, the late one is
    // added (clock 200). The early one must then be indexed against the late one's entities.
    const db = await freshDb();
    let started = false;
    const h = handlersFor(db, [100], async () => {
      if (started) return;
      started = true;
      await handlersFor(db, [200]).addSource({ draft: late });
    });
    await h.addSource({ draft: early });
    expect(started).toBe(true);
    const got = await dump(db);
    expect(got).toEqual(await dump(reference));
    expect(got.entities.filter((e) => e.name === 'Amara Okafor')).toHaveLength(1);
  });

  test('removing a source while another is added meanwhile keeps the other', async () => {
    const [gone, kept, added] = [
      report('harbour-news', 40),
      report('port-gazette', 50),
      report('coast-daily', 45),
    ];
    const db = await freshDb();
    const a = await handlersFor(db, [100]).addSource({ draft: gone });
    await handlersFor(db, [150]).addSource({ draft: kept });
    // The removal re-indexes the kept report in steps; another is added meanwhile.
    let started = false;
    const h = handlersFor(db, [], async () => {
      if (started) return;
      started = true;
      await handlersFor(db, [200]).addSource({ draft: added });
    });
    await h.removeSource({ id: a.id });
    expect(started).toBe(true);

    // Same as adding the other two alone.
    const reference = await freshDb();
    await handlersFor(reference, [150]).addSource({ draft: kept });
    await handlersFor(reference, [200]).addSource({ draft: added });
    const withoutMeta = (d: Awaited<ReturnType<typeof dump>>) => ({ ...d, meta: [] });
    expect(withoutMeta(await dump(db))).toEqual(withoutMeta(await dump(reference)));
  });

  test('an import reports each source it prepares, then the resolution and the save', async () => {
    const db = await freshDb();
    const drafts = [
      report('harbour-news', 40),
      report('port-gazette', 50),
      report('coast-daily', 45),
    ];
    for (const [i, d] of drafts.entries()) await handlersFor(db, [100 + i]).addSource({ draft: d });
    const file = JSON.stringify(
      createBackup(
        (await db.sources.toArray()).filter((s) => s.origin === 'user'),
        DEFAULT_SETTINGS,
      ),
    );
    const target = await freshDb();
    const seen: SourceProgress[] = [];
    const h = createHandlers({
      db: target,
      ready: async () => undefined,
      seedBundle: async () => bundle,
      pause: breather,
      progress: (p) => seen.push(p),
    });
    expect((await h.importBackup({ text: file })).added).toBe(3);
    expect(seen.map((p) => `${p.stage} ${p.done}/${p.total}`)).toEqual([
      'preparing 0/3',
      'preparing 1/3',
      'preparing 2/3',
      'resolving 3/3',
      'saving 3/3',
    ]);
    expect(seen.every((p) => p.operation === 'importBackup')).toBe(true);
  });
});
