/**
 * The passage search narrowed by its word index (lib/search.ts) answers as Fuse over every
 * passage, less the matches that only exist across words ("home and" for "Homeland"): what it
 * finds, Fuse finds, in the same order with the same scores and highlighted ranges; what it
 * leaves out holds no word close to any word of the query. Passages: the seeds and every
 * tests/eval article (four languages), as the pipeline segments them; queries taken from their
 * text, as written and misspelled.
 */
import Fuse from 'fuse.js';
import { existsSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, test } from 'vitest';
import { prepareSource } from './corpus/pipeline';
import { loadSeedSources } from './node/seeds';
import {
  createSearch,
  ENTITY_OPTIONS,
  ENTITY_SEARCH_KEYS,
  errorBudgets,
  keepIndex,
  PASSAGE_OPTIONS,
  PASSAGE_SEARCH_KEYS,
  searchFold,
  substringDistance,
} from './search';
import { seedBundle, seedSources } from '../tests/unit/fixtures/seed-corpus';
import type { Entity, Passage } from './types';

const EVAL = fileURLToPath(new URL('../tests/eval/coverage/', import.meta.url));
const raw = [
  ...seedSources(),
  ...readdirSync(EVAL)
    .filter(
      (d) => statSync(join(EVAL, d)).isDirectory() && existsSync(join(EVAL, d, 'sources.json')),
    )
    .flatMap((d) => loadSeedSources(join(EVAL, d)).map((r) => ({ ...r, id: `${d}/${r.id}` }))),
];
const passages: Passage[] = raw.flatMap((r) => prepareSource(r).passages);
const entities = seedBundle({ withOverrides: true }).corpus.entities;
const search = createSearch(entities, passages);
const everything = new Fuse(passages, PASSAGE_OPTIONS);
const everyEntity = new Fuse(entities, ENTITY_OPTIONS);

/** Every `step`-th word of the corpus of at least `min` letters (as written). */
function words(min: number, step: number): string[] {
  const all = passages.flatMap((p) => p.text.match(/[\p{L}\p{N}]+/gu) ?? []);
  const long = [...new Set(all.filter((w) => w.length >= min))];
  return long.filter((_, i) => i % step === 0).slice(0, 40);
}
const dropOne = (w: string) => w.slice(0, w.length >> 1) + w.slice((w.length >> 1) + 1);
const swapTwo = (w: string) => {
  const i = w.length >> 1;
  return w.slice(0, i - 1) + w[i] + w[i - 1] + w.slice(i + 1);
};
const phrases = passages
  .filter((_, i) => i % 37 === 0)
  .map((p) => p.text.split(/\s+/).slice(2, 4).join(' '))
  .filter((q) => q.length >= 5)
  .slice(0, 30);

const view = (found: ReadonlyArray<{ item: { id: string }; score?: number; matches?: unknown }>) =>
  found.map((r) => ({ id: r.item.id, score: r.score, matches: r.matches }));

/** Whether some word of `text` holds some word of `query` within the passage search's errors. */
function closeWord(query: string, text: string, allowed = 0.3): boolean {
  const folded = searchFold(query);
  const qWords = folded.match(/[\p{L}\p{N}]{2,}/gu) ?? [];
  const letters = qWords.reduce((n, w) => n + w.length, 0);
  const threshold = Math.min(0.5, (allowed * folded.length) / Math.max(1, letters));
  const tWords = searchFold(text).match(/[\p{L}\p{N}]+/gu) ?? [];
  return qWords.some((q) =>
    tWords.some(
      (w) => Fuse.match(q, w, { threshold, ignoreLocation: true, isCaseSensitive: true }).isMatch,
    ),
  );
}

describe('the narrowed passage search answers as Fuse over every passage', () => {
  test('the corpus is real and varied', () => {
    expect(raw.length).toBeGreaterThan(40);
    expect(passages.length).toBeGreaterThan(500);
  });

  test.each([
    ['words as written', words(4, 97)],
    ['long words as written', words(9, 31)],
    ['a letter dropped', words(6, 53).map(dropOne)],
    ['two letters swapped', words(7, 41).map(swapTwo)],
    ['upper case, no accents', words(5, 71).map((w) => searchFold(w).toUpperCase())],
    ['two words', phrases],
    ['a misspelled pair', phrases.map(dropOne)],
    ['short queries', ['an', 'de', 'UN', 'él', 'of the', "l'a"]],
  ])('%s', (_kind, queries) => {
    expect(queries.length).toBeGreaterThan(0);
    let same = 0;
    for (const q of queries) {
      // All of Fuse's matches, to compare beyond the first page.
      const all = view(everything.search(q));
      const narrowed = view(search.passages(q, all.length || 1));
      const found = new Set(narrowed.map((r) => r.id));
      expect(narrowed, q).toEqual(all.filter((r) => found.has(r.id)));
      for (const r of all)
        if (!found.has(r.id)) {
          const text = passages.find((p) => p.id === r.id)!.text;
          expect(closeWord(q, text), `${q} | ${text}`).toBe(false);
        }
      if (narrowed.length === all.length) same++;
    }
    // Most queries lose nothing at all.
    expect(same / queries.length, _kind).toBeGreaterThan(0.5);
  });
});

const names = entities.flatMap((e) => [e.name, ...e.aliases]).filter((_, i) => i % 3 === 0);

describe('the narrowed entity search answers as Fuse over every entity', () => {
  test.each([
    ['names as written', names.slice(0, 40)],
    ['first words', names.slice(0, 40).map((n) => n.split(' ')[0]!)],
    ['last words, a letter dropped', names.slice(0, 40).map((n) => dropOne(n.split(' ').at(-1)!))],
    [
      'two letters swapped',
      names
        .filter((n) => n.length > 4)
        .slice(0, 40)
        .map(swapTwo),
    ],
    ['lower case, no accents', names.slice(0, 40).map((n) => searchFold(n))],
  ])('%s', (_kind, queries) => {
    expect(queries.length).toBeGreaterThan(10);
    let same = 0;
    for (const q of queries) {
      const all = view(everyEntity.search(q));
      const narrowed = view(search.entities(q, all.length || 1));
      const found = new Set(narrowed.map((r) => r.id));
      expect(narrowed, q).toEqual(all.filter((r) => found.has(r.id)));
      for (const r of all)
        if (!found.has(r.id)) {
          const e = entities.find((x) => x.id === r.id)!;
          expect(closeWord(q, [e.name, ...e.aliases].join(' '), 0.35), `${q} | ${e.name}`).toBe(
            false,
          );
        }
      if (narrowed.length === all.length) same++;
    }
    expect(same / queries.length, _kind).toBeGreaterThan(0.5);
  });
});

describe('a page of passages is the head of the whole list (scored best first, stopped early)', () => {
  test.each([
    ['words as written', words(4, 97)],
    ['a letter dropped', words(6, 53).map(dropOne)],
    ['two words', phrases],
    ['common words', ['the', 'said', 'de la', 'of the', 'que', 'government', 'presidente']],
  ])('%s', (_kind, queries) => {
    let same = 0;
    for (const q of queries) {
      const full = view(search.passages(q, 10_000));
      const page = view(search.passages(q, 12));
      expect(page.length, q).toBe(Math.min(12, full.length));
      // Each result with its own score (Fuse's), best first.
      const scores = new Map(full.map((r) => [r.id, r.score]));
      for (const r of page) expect(r.score, `${q} | ${r.id}`).toBe(scores.get(r.id));
      expect(page.map((r) => r.score)).toEqual(page.map((r) => r.score).sort((a, b) => a! - b!));
      if (JSON.stringify(page) === JSON.stringify(full.slice(0, 12))) same++;
    }
    // Only a match across words (scored above its words' bound) can change the page.
    expect(same / queries.length, _kind).toBeGreaterThan(0.9);
  });
});

/** Fuse's errors for `pattern` in `text` (its bitap over the whole text, any number of errors). */
const fuseErrors = (pattern: string, text: string) => {
  const r = Fuse.match(pattern, text, {
    threshold: 1,
    ignoreLocation: true,
    isCaseSensitive: true,
  });
  return r.isMatch ? Math.round(r.score * pattern.length) : pattern.length;
};

describe('substringDistance counts the errors Fuse counts', () => {
  const corpusWords = words(5, 13).map(searchFold);
  test.each([
    ['a word in itself', corpusWords.map((w) => [w, w])],
    ['a letter dropped', corpusWords.map((w) => [dropOne(w), w])],
    ['two letters swapped', corpusWords.map((w) => [swapTwo(w), w])],
    ['a part of the word', corpusWords.map((w) => [w.slice(1, -1), w])],
    [
      'another word',
      corpusWords.map((w, i) => [w, corpusWords[(i * 7 + 3) % corpusWords.length]!]),
    ],
  ])('%s', (_kind, pairs) => {
    expect(pairs.length).toBeGreaterThan(10);
    for (const [pattern, text] of pairs)
      expect(substringDistance(pattern!, text!, 32), `${pattern} in ${text}`).toBe(
        fuseErrors(pattern!, text!),
      );
  });
});

describe('errorBudgets: sum(k + 1) exceeds the allowed errors, longest words first', () => {
  test.each([
    [[8], 2, [2]],
    [[9, 2, 5], 5, [2, 0, 1]],
    [[3, 2, 3], 3, [1, 0, 0]],
    [[2, 3], 1, [0, 0]],
    [[4, 4], 4, [2, 1]],
    [[2], 2, null],
  ])('lengths %j, %i errors', (lengths, errors, expected) => {
    const k = errorBudgets(lengths, errors);
    expect(k).toEqual(expected);
    if (k) expect(k.reduce((n, x) => n + x + 1, 0)).toBeGreaterThan(errors);
  });
});

const accented = [
  ...new Set(passages.flatMap((p) => p.text.match(/[\p{L}]*[^\p{ASCII}][\p{L}]*/gu) ?? [])),
]
  .filter((w) => w.length >= 6 && searchFold(w) !== w.toLowerCase())
  .filter((_, i) => i % 17 === 0)
  .slice(0, 30);

describe('behaviour', () => {
  test.each(accented)('accents ignored: %s', (w) => {
    const as = view(search.passages(w, 30));
    expect(as.length).toBeGreaterThan(0);
    expect(view(search.passages(searchFold(w).toUpperCase(), 30))).toEqual(as);
  });

  const names = entities
    .map((e) => e.name)
    .filter((n) => (n.split(' ').at(-1) ?? '').length >= 6)
    .filter((_, i) => i % 5 === 0)
    .slice(0, 30);
  test.each(names)('a name with a letter dropped still finds its entity: %s', (name) => {
    const last = name.split(' ').at(-1)!;
    const q = name.slice(0, -last.length) + dropOne(last);
    const found = search.entities(q, 6).map((r) => r.item.name);
    expect(found, q).toContain(name);
  });

  // Two long adjacent words of a real sentence, written as one: Fuse over every passage finds
  // the sentence (one error: the space), the narrowed search does not (no word of it is close).
  const joined = passages
    .filter((_, i) => i % 23 === 0)
    .flatMap((p) => {
      const m = p.text.match(/\p{L}{6,} \p{L}{6,}/u);
      return m ? [[m[0].replace(' ', ''), p.id] as const] : [];
    })
    .slice(0, 20);
  test.each(joined)('a match across words is dropped: %s', (q, id) => {
    expect(everything.search(q).some((r) => r.item.id === id)).toBe(true);
    expect(search.passages(q, 10_000).some((r) => r.item.id === id)).toBe(false);
  });
});

/**
 * A search built from what the previous one kept (after a change, only the rows added or
 * changed are indexed) answers exactly as one built fresh over the same rows: the same Fuse
 * records in the same order (so the same field norms, scores and ties), and the same pages.
 */
describe('a kept index answers as a fresh one after adds, removals and changes', () => {
  const byId = <T extends { id: string }>(xs: readonly T[]) =>
    [...xs].sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
  const events = [...new Set(passages.map((p) => p.sourceId.split('/')[0]!))].filter((e) =>
    passages.some((p) => p.sourceId.startsWith(`${e}/`)),
  );
  const [later, dropped] = [events[0]!, events[1]!];
  const of = (event: string) => (p: Passage) => p.sourceId.startsWith(`${event}/`);
  const edited = (p: Passage) => ({ ...p, text: `${p.text} Quillfeather reported.` });
  // As the database reads them: by id. Step by step: the first build, an event's articles and
  // some entities added, then another event removed, passages edited, entities renamed or
  // retyped (a type is not searched: no new record).
  const steps: Array<{ name: string; entities: Entity[]; passages: Passage[]; indexed: number[] }> =
    [];
  {
    const first = passages.filter((p) => !of(later)(p));
    const some = entities.filter((_, i) => i % 5 !== 0);
    steps.push({
      name: 'first build',
      entities: byId(some),
      passages: byId(first),
      indexed: [some.length, first.length],
    });
    const all = passages;
    steps.push({
      name: 'an event and entities added',
      entities: byId(entities),
      passages: byId(all),
      indexed: [entities.length - some.length, all.length - first.length],
    });
    const kept = all.filter((p) => !of(dropped)(p));
    const changed = new Set(kept.filter((_, i) => i % 50 === 7).map((p) => p.id));
    const renamed = new Set(entities.filter((_, i) => i % 40 === 3).map((e) => e.id));
    const retyped = new Set(entities.filter((_, i) => i % 40 === 4).map((e) => e.id));
    steps.push({
      name: 'an event removed, passages and entities changed',
      entities: byId(
        entities.map((e) =>
          renamed.has(e.id)
            ? { ...e, aliases: [...e.aliases, `${e.name} Quillfeather`] }
            : retyped.has(e.id)
              ? {
                  ...e,
                  type: e.type === 'person' ? ('organization' as const) : ('person' as const),
                }
              : e,
        ),
      ),
      passages: byId(kept.map((p) => (changed.has(p.id) ? edited(p) : p))),
      indexed: [renamed.size, changed.size],
    });
  }
  const queries = [
    ...words(4, 97).slice(0, 15),
    ...words(6, 53).slice(0, 10).map(dropOne),
    ...phrases.slice(0, 10),
    ...names.slice(0, 15),
    ...names.slice(0, 10).map((n) => dropOne(n.split(' ').at(-1)!)),
    'Quillfeather',
    'quilfeather reported',
  ];

  test('the steps are real changes', () => {
    expect(later).not.toBe(dropped);
    expect(steps[2]!.passages.length).toBeLessThan(steps[1]!.passages.length);
    expect(steps.every((s) => s.indexed.every((n) => n > 0))).toBe(true);
  });

  test('records, scores and pages equal a fresh build at every step; only changed rows indexed', () => {
    let previous: ReturnType<typeof createSearch> | null = null;
    for (const step of steps) {
      const kept = createSearch(step.entities, step.passages, null, previous?.kept);
      const fresh = createSearch(step.entities, step.passages);
      expect(
        [kept.kept.indexed.entities, kept.kept.indexed.passages],
        `${step.name}: records indexed`,
      ).toEqual(step.indexed);
      // The index itself: what Fuse.createIndex makes over the same rows.
      for (const [keys, docs, was] of [
        [ENTITY_SEARCH_KEYS, step.entities, previous?.kept.entities],
        [PASSAGE_SEARCH_KEYS, step.passages, previous?.kept.passages],
      ] as const)
        expect(
          keepIndex<{ id: string }>(keys, docs, was).index.toJSON(),
          `${step.name}: ${keys.join()}`,
        ).toEqual(Fuse.createIndex<{ id: string }>([...keys], docs).toJSON());
      for (const q of queries) {
        expect(view(kept.passages(q, 50)), `${step.name} | ${q}`).toEqual(
          view(fresh.passages(q, 50)),
        );
        expect(view(kept.entities(q, 20)), `${step.name} | ${q}`).toEqual(
          view(fresh.entities(q, 20)),
        );
      }
      previous = kept;
    }
    // The edited text is found where it is, and only there.
    const last = previous!;
    expect(last.passages('Quillfeather', 100).length).toBe(steps[2]!.indexed[1]);
  });
});
