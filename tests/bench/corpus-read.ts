/**
 * The read path at corpus scale (issue 12, item 6): what the popup and the hovercard ask the
 * background for, against a database of N sources, through the background's own handlers
 * (lib/service/handlers.ts) in Node with fake-indexeddb. The corpus is the batch build of
 * tests/bench/corpus-make.ts (cached on disk), written straight into the database, so only
 * reads are timed; the same queries and entities as tests/bench/corpus-scale.ts.
 *
 * Measured (ms): each operation's first call after the background starts (caches empty) and
 * p50/p95 of the calls after it: getSummary, listDiscrepancies (what the popup paints first),
 * searchCorpus, getCard, getPageContext (a page that is a source, and one that is not),
 * getDictionary; a service-worker start to the popup's first answers, with the rows checked
 * before answering or beside (`start`); the first search after an add and after a removal
 * (`search-after-add`, `search-after-remove`). With --profile <dir>, a CPU profile of each
 * operation's first call and of its warm calls is written there (open in Chromium's DevTools).
 * `reads-after-add` (--adds, 4): the summary and first page after each of a few adds;
 * `card-large`: the cards of the five entities named most. With --only search,card, only those
 * operations are timed (the others are reported as NaN). The search's slowest warm queries are
 * listed with their times.
 *
 * Usage: npx tsx --expose-gc tests/bench/corpus-read.ts [--sizes 300,1000] [--label after]
 *        [--out tests/bench/results-corpus-read.json] [--profile /tmp/prof] [--only search]
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { loadavg } from 'node:os';
import { join } from 'node:path';
import { Session } from 'node:inspector/promises';
import { performance } from 'node:perf_hooks';
import { buildSeedBundle } from '../../lib/node/seeds';
import { IDBKeyRange, indexedDB } from 'fake-indexeddb';
import { CrosscheckDB } from '../../lib/db';
import { FIRST_PAGE } from '../../lib/service/discrepancy-list';
import { createHandlers } from '../../lib/service/handlers';
import { checkAtStart, ensureIntact } from '../../lib/service/integrity';
import { pastedDraft } from '../unit/fixtures/raw-source';
import {
  arg,
  baseArticles,
  cachedCorpus,
  lexiconWords,
  ROOT,
  storedCorpus,
  variant,
  sizesArg,
} from './corpus-make';
import { keepResults } from './results-file';

const SIZES = sizesArg('300');
const OUT = arg('out', join(ROOT, 'tests/bench/results-corpus-read.json'));
const LABEL = arg('label', 'current');
const PROFILE = arg('profile', '');
const ONLY = new Set(arg('only', '').split(',').filter(Boolean));

const quantile = (xs: readonly number[], q: number) => {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.max(0, Math.ceil(q * s.length) - 1))] ?? NaN;
};
const round = (x: number) => Math.round(x * 10) / 10;

const session = PROFILE ? new Session() : null;
if (session) {
  session.connect();
  await session.post('Profiler.enable');
  mkdirSync(PROFILE, { recursive: true });
}

/** Times `f` over `inputs`: the first call apart (cold), p50/p95 of the others. */
async function series<I, T>(
  name: string,
  n: number,
  inputs: readonly I[],
  f: (input: I) => Promise<T>,
): Promise<{
  first: number;
  p50: number;
  p95: number;
  runs: number;
  last: T | undefined;
  times: number[];
}> {
  const times: number[] = [];
  if (ONLY.size && !ONLY.has(name))
    return { first: NaN, p50: NaN, p95: NaN, runs: 0, last: undefined, times };
  let last: T | undefined;
  const stop = async (which: string) => {
    if (!session) return;
    const { profile } = await session.post('Profiler.stop');
    writeFileSync(join(PROFILE, `${name}-${n}-${which}.cpuprofile`), JSON.stringify(profile));
  };
  for (let i = 0; i < inputs.length; i++) {
    if (session && i <= 1) await session.post('Profiler.start');
    const t0 = performance.now();
    last = await f(inputs[i]!);
    times.push(performance.now() - t0);
    if (i === 0) await stop('first');
  }
  if (inputs.length > 1) await stop('warm');
  const warm = times.slice(1);
  return {
    first: round(times[0]!),
    p50: round(quantile(warm.length ? warm : times, 0.5)),
    p95: round(quantile(warm.length ? warm : times, 0.95)),
    runs: times.length,
    last,
    times,
  };
}

async function measure(n: number) {
  const corpus = cachedCorpus(n);
  const dbName = `corpus-read-${n}-${Date.now()}`;
  const db = await storedCorpus(dbName, corpus);
  const bundle = buildSeedBundle(join(ROOT, 'seeds'));
  const h = createHandlers({
    db,
    ready: async () => undefined,
    seedBundle: async () => bundle,
    now: () => 10_000,
    pause: async () => undefined,
  });
  const pick = <T>(xs: readonly T[], k: number) =>
    Array.from({ length: k }, (_, i) => xs[Math.floor((i * xs.length) / k)]!);
  const seven = Array.from({ length: 7 }, () => null);

  // The popup's open: summary and list (as it asks, in parallel, timed apart here).
  const summary = await series('summary', n, seven, () => h.getSummary({}));
  const list = await series('list', n, seven, () =>
    h.listDiscrepancies({ entityId: null } as never),
  );
  // A service-worker start to the popup's first answers (summary and list, from the kept
  // snapshots): a new connection whose `ready` checks the rows (lib/service/integrity.ts),
  // holding every answer until every row is read (`full`, before) or checking them beside the
  // answers (`checkAtStart`, after; its check awaited before the next run). Interleaved.
  const starts: Record<'full' | 'beside', number[]> = { full: [], beside: [] };
  const parts: Array<[string, number, number]> = [];
  // The snapshots kept by an earlier life (the popup opened before the worker stopped).
  await Promise.all([h.getSummary({}), h.listDiscrepancies(FIRST_PAGE as never)]);
  for (let i = 0; i < (ONLY.size && !ONLY.has('start') ? 0 : 8); i++) {
    const kind = i % 2 === 0 ? 'full' : 'beside';
    const cold = new CrosscheckDB(dbName, { indexedDB, IDBKeyRange });
    let check: Promise<unknown> = Promise.resolve();
    let seeding: Promise<void> | null = null;
    const fresh = createHandlers({
      db: cold,
      ready: () =>
        (seeding ??=
          kind === 'full'
            ? ensureIntact(cold, 'bench', async () => bundle).then(() => undefined)
            : checkAtStart(cold, 'bench', async () => bundle).then(({ checked }) => {
                check = checked;
              })),
      seedBundle: async () => bundle,
      now: () => 10_000,
      pause: async () => undefined,
    });
    const t0 = performance.now();
    const done: number[] = [];
    await Promise.all([
      fresh.getSummary({}).then(() => (done[0] = performance.now() - t0)),
      fresh.listDiscrepancies(FIRST_PAGE as never).then(() => (done[1] = performance.now() - t0)),
    ]);
    starts[kind].push(performance.now() - t0);
    parts.push([kind, round(done[0]!), round(done[1]!)]);
    await check;
    cold.close();
  }
  const listRows = Array.isArray(list.last)
    ? list.last.length
    : ((list.last as unknown as { items: unknown[] } | undefined)?.items.length ?? 0);

  const entities = corpus.entities;
  const queries = [
    ...pick(entities, 20).map((e) => e.name.split(' ')[0]!),
    ...pick(corpus.passages, 20).map(
      (p) => p.text.split(/\s+/).find((w) => w.length > 6) ?? 'news',
    ),
  ];
  // The first query twice: the first call builds the index, the rest are as corpus-scale's.
  const search = await series('search', n, [queries[0]!, ...queries], (q) =>
    h.searchCorpus({ query: q }),
  );
  // A change, then the first search after it (what the popup's search pays after an add):
  // one more source added, the first query again; then that source removed, the same.
  const added = variant(
    baseArticles()[0]!,
    Math.ceil(n / baseArticles().length) + 1,
    lexiconWords(),
  );
  const afterAdd = await series('search-after-add', n, [null], async () => {
    await h.addSource({ draft: pastedDraft(added) });
    const t0 = performance.now();
    await h.searchCorpus({ query: queries[0]! });
    return performance.now() - t0;
  });
  const afterRemove = await series('search-after-remove', n, [null], async () => {
    const mine = (await db.sources.where('origin').equals('user').toArray()).sort(
      (a, b) => b.addedAt - a.addedAt,
    )[0];
    if (mine) await h.removeSource({ id: mine.id });
    const t0 = performance.now();
    await h.searchCorpus({ query: queries[0]! });
    return performance.now() - t0;
  });
  // The popup's reads after each of a few adds (summary and first page, what the background
  // prepares once a change is written; the add itself not counted; the first add after a
  // start derives everything, so the runs after it are the warm figures). Profiled apart.
  const readsAfter: number[] = [];
  const ADDS = ONLY.size && !ONLY.has('reads-after-add') ? 0 : Number(arg('adds', '4'));
  for (let i = 0; i < ADDS; i++) {
    const r = variant(
      baseArticles()[(i + 1) % baseArticles().length]!,
      Math.ceil(n / baseArticles().length) + 1,
      lexiconWords(),
    );
    await h.addSource({ draft: pastedDraft(r) });
    if (session) await session.post('Profiler.start');
    const t0 = performance.now();
    await Promise.all([h.getSummary({}), h.listDiscrepancies(FIRST_PAGE as never)]);
    readsAfter.push(performance.now() - t0);
    if (session) {
      const { profile } = await session.post('Profiler.stop');
      writeFileSync(join(PROFILE, `reads-after-add-${n}-${i}.cpuprofile`), JSON.stringify(profile));
    }
  }
  // The card of the entities named most (an entity's card must not grow with its mentions).
  const counts = new Map<string, number>();
  for (const m of corpus.mentions) counts.set(m.entityId, (counts.get(m.entityId) ?? 0) + 1);
  const largest = [...counts].sort((a, b) => b[1] - a[1]).slice(0, 5);
  const cardLarge = await series('card-large', n, [largest[0]!, ...largest], ([id]) =>
    h.getCard({ entityId: id } as never),
  );
  const card = await series('card', n, [entities[0]!, ...pick(entities, 30)], (e) =>
    h.getCard({ entityId: e.id } as never),
  );
  const byEntity = await series('list-entity', n, pick(entities, 10), (e) =>
    h.listDiscrepancies({ entityId: e.id } as never),
  );
  const sourceUrls = pick(
    corpus.sources.filter((s) => s.url),
    5,
  ).map((s) => s.url!);
  const pageSource = await series('page-source', n, sourceUrls, (url) =>
    h.getPageContext({ url, text: null }),
  );
  // A page that is not a source: an article of a cluster the corpus does not hold.
  const base = baseArticles();
  const off = base
    .slice(0, 3)
    .map((r) => variant(r, Math.ceil(n / base.length) + 2, lexiconWords()))
    .map((r) => ({ url: `${r.url ?? 'https://example.org/a'}#off`, text: r.text }));
  const pageOther = await series('page-other', n, off, (p) => h.getPageContext(p));
  const dictionary = await series('dictionary', n, [null, null, null], () =>
    h.getDictionary({ knownVersion: null }),
  );
  globalThis.gc?.();
  const heapMB = process.memoryUsage().heapUsed / 1e6;
  db.close();
  const strip = <T extends { last: unknown; times: number[] }>({
    last: _last,
    times: _times,
    ...rest
  }: T): Omit<T, 'last' | 'times'> => rest;
  // The search's slowest warm queries (the first call, which builds the indexes, left out).
  const slowest = queries
    .map((q, i) => [q, round(search.times[i + 1] ?? NaN)] as const)
    .filter(([, t]) => !Number.isNaN(t))
    .sort((a, b) => b[1] - a[1])
    .slice(0, 4);
  return {
    sources: n,
    entities: corpus.entities.length,
    mentions: corpus.mentions.length,
    passages: corpus.passages.length,
    claims: corpus.claims.length,
    discrepancies: corpus.discrepancies.length,
    summaryMs: strip(summary),
    listMs: { ...strip(list), rows: listRows },
    listByEntityMs: strip(byEntity),
    /** A worker start to the popup's first answers: every row checked first, or beside. */
    startMs: {
      full: starts.full.map(round),
      beside: starts.beside.map(round),
      /** Each run's summary and first page (ms after the start). */
      parts,
      fullP50: round(quantile(starts.full, 0.5)),
      besideP50: round(quantile(starts.beside, 0.5)),
    },
    searchMs: { ...strip(search), slowest },
    /** The first search after a change (the change itself not counted). */
    searchAfterAddMs: round(afterAdd.last ?? NaN),
    searchAfterRemoveMs: round(afterRemove.last ?? NaN),
    cardMs: strip(card),
    /** The cards of the five entities with most mentions (their counts). */
    cardLargeMs: { ...strip(cardLarge), mentions: largest.map(([, k]) => k) },
    /** The popup's summary and first page after each add (the first add derives everything). */
    readsAfterAddMs: readsAfter.map(round),
    pageContextSourceMs: strip(pageSource),
    pageContextOtherMs: strip(pageOther),
    dictionaryMs: strip(dictionary),
    heapMB: round(heapMB),
  };
}

const results = [];
for (const n of SIZES) {
  console.log(`[${n}] measuring…`);
  const r = await measure(n);
  console.log(JSON.stringify(r));
  results.push(r);
}
keepResults(OUT, LABEL, { node: process.version, results });
console.table(
  results.map((r) => ({
    sources: r.sources,
    summaryFirst: r.summaryMs.first,
    listFirst: r.listMs.first,
    listP50: r.listMs.p50,
    searchFirst: r.searchMs.first,
    searchP95: r.searchMs.p95,
    startFull: r.startMs.fullP50,
    startBeside: r.startMs.besideP50,
    searchAfterAdd: r.searchAfterAddMs,
    searchAfterRemove: r.searchAfterRemoveMs,
    cardP50: r.cardMs.p50,
    cardP95: r.cardMs.p95,
    cardLargeP95: r.cardLargeMs.p95,
    readsAfterAdd: r.readsAfterAddMs.join(' '),
    pageSrcP50: r.pageContextSourceMs.p50,
    pageOtherP50: r.pageContextOtherMs.p50,
  })),
);
console.log(`written to ${OUT} (load ${loadavg().map(round).join(' ')})`);
