/**
 * The popup's list, paged by the background (discrepancyPage): pages put together are the whole
 * list; it is the ranked list grouped by story (each story's rows together, in the order of its
 * best row, the asked story first), less what is excluded, agreements only when asked; the counts
 * say so. Corpus: the seeds and three articles of another event (two stories).
 */
import { IDBKeyRange, indexedDB } from 'fake-indexeddb';
import { beforeAll, describe, expect, test } from 'vitest';
import { CrosscheckDB } from '../db';
import { loadSeedSources } from '../node/seeds';
import { seedBundle } from '../../tests/unit/fixtures/seed-corpus';
import type { DiscrepancyView } from '../protocol';
import type { ListRequest } from '../protocol/snapshot';
import { discrepancyPage, listDiscrepancies } from './discrepancy-list';
import { createHandlers } from './handlers';
import { loadSeedIndex } from './seed-index';
import { pastedDraft } from '../../tests/unit/fixtures/raw-source';

const bundle = seedBundle({ withOverrides: true });
const db = new CrosscheckDB('discrepancy-page-test', { indexedDB, IDBKeyRange });
let ranked: DiscrepancyView[];

beforeAll(async () => {
  await loadSeedIndex(db, bundle);
  const h = createHandlers({
    db,
    ready: async () => undefined,
    seedBundle: async () => bundle,
    pause: async () => undefined,
    prepareReads: false,
  });
  const event = loadSeedSources(
    new URL('../../tests/eval/coverage/voepass-2283-vinhedo-crash-2024/', import.meta.url),
  ).slice(0, 3);
  for (const r of event)
    await h.addSource({
      draft: pastedDraft(r),
    });
  ranked = await listDiscrepancies(db, null);
}, 120_000);

/** Every page of a request, put together. */
async function allPages(req: ListRequest, limit: number): Promise<DiscrepancyView[]> {
  const out: DiscrepancyView[] = [];
  for (let offset = 0; ; offset += limit) {
    const page = await discrepancyPage(db, { ...req, offset, limit });
    expect(page.offset).toBe(offset);
    out.push(...page.items);
    if (page.items.length < limit) {
      expect(out.length).toBe(page.total);
      return out;
    }
  }
}

const storyOf = (d: DiscrepancyView) => d.story?.id ?? '';

describe('discrepancyPage', () => {
  test('the corpus has rows in two stories', () => {
    expect(new Set(ranked.map(storyOf)).size).toBe(2);
    expect(ranked.some((d) => !d.agreement)).toBe(true);
  });

  test.each([
    ['the first story first', 0, false, 0],
    ['the last story first, agreements too', -1, true, 0],
    ['the last story first, its best two excluded, agreements too', -1, true, 2],
    ['the first story first, its best two excluded', 0, false, 2],
  ])('%s', async (_name, storyAt, agreements, excluded) => {
    const stories = [...new Set(ranked.map(storyOf))];
    const storyFirst = stories.at(storyAt)!;
    const exclude = ranked.filter((d) => storyOf(d) === storyFirst).slice(0, excluded);
    const req = { entityId: null, storyFirst, exclude: exclude.map((d) => d.id), agreements };
    const list = await allPages(req, 2);
    // Whole: every row asked for, once.
    const expected = ranked.filter(
      (d) => (agreements || !d.agreement) && !exclude.some((x) => x.id === d.id),
    );
    expect(list.map((d) => d.id).sort()).toEqual(expected.map((d) => d.id).sort());
    // Grouped by story, the asked story first, the others in the order of their best row.
    const order = [...new Set(list.map(storyOf))];
    const byBest = [...new Set(expected.map(storyOf))];
    expect(order).toEqual(
      byBest.includes(storyFirst)
        ? [storyFirst, ...byBest.filter((s) => s !== storyFirst)]
        : byBest,
    );
    for (const s of order) {
      const rows = list.filter((d) => storyOf(d) === s);
      // Contiguous, and ranked within the story as the whole list ranks them.
      expect(list.slice(list.indexOf(rows[0]!), list.indexOf(rows[0]!) + rows.length)).toEqual(
        rows,
      );
      expect(rows).toEqual(expected.filter((d) => storyOf(d) === s));
    }
    const first = await discrepancyPage(db, { ...req, limit: 3 });
    expect(first.items).toEqual(list.slice(0, 3));
    expect(first.excluded).toBe(exclude.filter((d) => agreements || !d.agreement).length);
    expect(first.agreements).toBe(ranked.filter((d) => d.agreement).length);
  });

  test('about one name: its rows only, and every name of the list for the filter', async () => {
    const named = ranked.find((d) => d.entities.length > 0)!.entities[0]!;
    const page = await discrepancyPage(db, { entityId: named.id, names: true, limit: 500 });
    expect(page.items.length).toBeGreaterThan(0);
    for (const d of page.items) expect(d.entities.map((e) => e.id)).toContain(named.id);
    expect(page.items).toEqual(
      storyOrderOf((await listDiscrepancies(db, named.id)).filter((d) => !d.agreement)),
    );
    const names = new Set(ranked.flatMap((d) => d.entities.map((e) => e.id)));
    expect(new Set(page.names!.map((n) => n.id))).toEqual(names);
  });
});

/** The rows grouped by story in the order of each story's first row. */
function storyOrderOf(rows: DiscrepancyView[]): DiscrepancyView[] {
  const stories = [...new Set(rows.map(storyOf))];
  return stories.flatMap((s) => rows.filter((d) => storyOf(d) === s));
}
