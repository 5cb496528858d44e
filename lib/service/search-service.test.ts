/**
 * The popup's search after a change (lib/service/search-service.ts): the service keeps the
 * records of its last build and indexes only the rows a change added or changed, and answers
 * exactly as a service built fresh over the same database.
 */
import { IDBKeyRange, indexedDB } from 'fake-indexeddb';
import { describe, expect, test } from 'vitest';
import { CrosscheckDB } from '../db';
import { loadSeedSources } from '../node/seeds';
import { ENTITY_SEARCH_KEYS, PASSAGE_SEARCH_KEYS, type SearchKept } from '../search';
import { seedBundle } from '../../tests/unit/fixtures/seed-corpus';
import { pastedDraft } from '../../tests/unit/fixtures/raw-source';
import { createHandlers } from './handlers';
import { createSearchService } from './search-service';
import { loadSeedIndex } from './seed-index';

const bundle = seedBundle({ withOverrides: true });
const idb = { indexedDB, IDBKeyRange };
// Articles of an event the seeds do not hold, in another language.
const event = loadSeedSources(
  new URL('../../tests/eval/coverage/voepass-2283-vinhedo-crash-2024/', import.meta.url),
).slice(0, 2);

/** How many rows have searched values (by id) that `before` did not have. */
function newValues<T extends { id: string }>(
  keys: readonly string[],
  before: readonly T[],
  after: readonly T[],
): number {
  const key = (r: T) =>
    `${r.id}\u0000${JSON.stringify(keys.map((k) => (r as Record<string, unknown>)[k] ?? null))}`;
  const was = new Set(before.map(key));
  return after.filter((r) => !was.has(key(r))).length;
}

describe('the search service indexes only what a change added or changed', () => {
  test('two adds, a switch off and a removal: counts, and answers equal a fresh build', async () => {
    const name = 'search-service-test';
    const db = new CrosscheckDB(name, idb);
    await loadSeedIndex(db, bundle);
    let clock = 1_000;
    const h = createHandlers({
      db,
      ready: async () => undefined,
      seedBundle: async () => bundle,
      now: () => clock++,
      pause: async () => undefined,
    });
    const builds: Array<SearchKept['indexed']> = [];
    const search = createSearchService(
      db,
      async () => bundle,
      (n) => builds.push(n),
    );
    const queries = async () => {
      const names = (await db.entities.toArray()).filter((_, i) => i % 9 === 0).map((e) => e.name);
      const words = (await db.passages.toArray())
        .filter((_, i) => i % 41 === 0)
        .flatMap((p) =>
          p.text
            .split(/\s+/)
            .filter((w) => w.length > 6)
            .slice(0, 1),
        );
      return [...names, ...words, 'aviao', 'deportation'];
    };
    const answers = async (s: typeof search) => Promise.all((await queries()).map((q) => s(q)));

    // The seeds as bundled: their prebuilt index, nothing indexed.
    await search('news');
    expect(builds).toEqual([{ entities: 0, passages: 0 }]);

    const rows = async () => ({
      entities: await db.entities.toArray(),
      passages: await db.passages.toArray(),
    });
    const changes: Array<[string, () => Promise<unknown>]> = [
      ['add', () => h.addSource({ draft: pastedDraft(event[0]!) })],
      ['add another', () => h.addSource({ draft: pastedDraft(event[1]!) })],
      [
        'switch a seed off',
        () => h.setSourceEnabled({ id: bundle.corpus.sources[0]!.id, enabled: false }),
      ],
      [
        'remove',
        async () => {
          const mine = await db.sources.where('origin').equals('user').first();
          await h.removeSource({ id: mine!.id });
        },
      ],
    ];
    let last = await rows();
    for (const [what, change] of changes) {
      await change();
      const now = await rows();
      const mine = await answers(search);
      const expected = {
        entities: newValues(ENTITY_SEARCH_KEYS, last.entities, now.entities),
        passages: newValues(PASSAGE_SEARCH_KEYS, last.passages, now.passages),
      };
      expect(builds.at(-1), what).toEqual(expected);
      if (what.startsWith('add')) expect(expected.passages, what).toBeGreaterThan(0);
      // Less than the whole corpus (the switch-off changes no passage text).
      expect(expected.passages, what).toBeLessThan(now.passages.length / 4);
      // A new connection's service, no bundle: a fresh index over the same rows.
      const fresh = new CrosscheckDB(name, idb);
      expect(mine, what).toEqual(await answers(createSearchService(fresh)));
      fresh.close();
      last = now;
    }
    // Each change built once.
    expect(builds.length).toBe(1 + changes.length);
    db.close();
  }, 240_000);
});
