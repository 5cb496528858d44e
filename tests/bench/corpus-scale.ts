/**
 * Corpus scale (issue 12, item 6): what a corpus of 100, 1,000 or 10,000 sources costs the
 * background. Runs in Node with fake-indexeddb for the Dexie parts (the background's own code,
 * lib/service, unchanged), so Dexie figures are those of an in-memory IndexedDB, not Chromium's.
 *
 * Corpora are made from real article text: the seeds and every tests/eval article (51 real
 * articles in four languages). A corpus of N sources is clusters of those articles; in cluster
 * c > 0 every word that is not in lib/lang's lexicons is spelled with the cluster's own
 * permutation of the consonants (case kept), so each cluster is its own set of stories and
 * entities, as a corpus of many events would be, while the articles keep their sentence
 * structure, function words, titles, figures and dates. Each cluster also rotates its articles'
 * paragraphs after the first. (tests/fixtures pages are not used: their text is page chrome
 * around one article each, which the eval articles already cover.)
 *
 * Measured at each size (median of runs, ms): adding one more source end to end through
 * addSource (clean, pipeline, stories, discrepancies, Dexie write) with its stages, and apart
 * the popup's summary and first page the background prepares after it; the batch
 * build's parts over the same sources (where the add's time goes); the popup's discrepancy list
 * (the data the popup paints: listDiscrepancies); search p50/p95 (first query, which builds the
 * Fuse index, apart); card data p50/p95 (buildCard); the dictionary's size; heap after loading.
 * The first add (nothing kept in memory or in the database) is apart from the warm adds' median;
 * then a worker restart (new handlers, so an empty memo, over the same database) and one add:
 * what a reader meets who opens the options page after the worker stopped; the bytes of the
 * analyses the database keeps for that (lib/corpus/stored-analyses.ts).
 *
 * Usage: npm run bench:corpus [-- --sizes 100,1000 --adds 3 --out tests/bench/results-corpus.json
 *        --label after --profile /tmp/add --profile-add last|first|restart|remove --parts 0 --cache 1]
 * At 10,000 sources give Node a larger heap (NODE_OPTIONS=--max-old-space-size=12000).
 */
import { existsSync, readdirSync, statSync, writeFileSync } from 'node:fs';
import { cpus, loadavg } from 'node:os';
import { join } from 'node:path';
import { Session } from 'node:inspector/promises';
import { fileURLToPath } from 'node:url';
import { performance } from 'node:perf_hooks';
import { serialize } from 'node:v8';
import { extractClaims, placeLikeTest } from '../../lib/claims';
import { prepareSource, resolveEntities } from '../../lib/corpus/pipeline';
import { buildSeedBundle } from '../../lib/node/seeds';
import { buildCorpus } from '../../lib/corpus/pipeline';
import { buildCard } from '../../lib/service/card';
import { listDiscrepancies } from '../../lib/service/discrepancy-list';
import { LIST_PAGE } from '../../lib/protocol/snapshot';
import { readDictionary } from '../../lib/service/handlers';
import { createSearchService } from '../../lib/service/search-service';
import { discrepanciesByStory } from '../../lib/stories';
import type { Mention, RawSource } from '../../lib/types';
import {
  arg,
  baseArticles,
  cachedCorpus,
  corpusOf,
  hasCachedCorpus,
  keepCorpus,
  lexiconWords,
  storedCorpus,
  variant,
  sizesArg,
} from './corpus-make';
import { keepResults } from './results-file';
import { listRequest } from '../unit/fixtures/list-request';
import { pastedDraft } from '../unit/fixtures/raw-source';
import { workerLife } from '../unit/fixtures/worker-life';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));

const SIZES = sizesArg('100,1000');
const ADDS = Number(arg('adds', '3'));
const OUT = arg('out', join(ROOT, 'tests/bench/results-corpus.json'));
const LABEL = arg('label', 'current');
/** Writes a CPU profile of the last add to this file (open it in Chromium's DevTools). */
const PROFILE = arg('profile', '');
/** `--parts 0` skips timing the batch build's parts (a second batch build: long at 10,000). */
const PARTS = arg('parts', '1') !== '0';
/** `--cache 1` keeps the batch build for tests/bench/popup-paint.ts (corpus-make's cache). */
const CACHE = arg('cache', '0') === '1';
/**
 * `--reuse 1` takes the batch build from corpus-make's cache when there (and keeps it there when
 * not): the same rows, without the build's minutes at 4,000 sources (batch time then not measured).
 */
const REUSE = arg('reuse', '0') === '1';
/** `--restart 0` skips the add after a worker restart (minutes at 4,000 sources). */
const RESTART = arg('restart', '1') !== '0';
/**
 * Which change `--profile` profiles: `last` (warm add), `first` (the first add after the corpus
 * was stored, with nothing kept anywhere), `restart` (the first add after a worker restart) or
 * `remove` (removing the last added source, warm).
 */
const PROFILE_ADD = arg('profile-add', 'last');

// ---------------------------------------------------------------- measuring helpers

const quantile = (xs: readonly number[], q: number) => {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.max(0, Math.ceil(q * s.length) - 1))] ?? NaN;
};
const median = (xs: readonly number[]) => quantile(xs, 0.5);
const round = (x: number) => Math.round(x * 10) / 10;

/** CPU time (user + system, ms) since a process.cpuUsage() reading. */
const cpuSince = (from: NodeJS.CpuUsage) => {
  const c = process.cpuUsage(from);
  return Math.round((c.user + c.system) / 1000);
};

async function time<T>(f: () => Promise<T> | T): Promise<[T, number]> {
  const t0 = performance.now();
  const v = await f();
  return [v, performance.now() - t0];
}

function fileSizes(dir: string): Record<string, number> {
  const out: Record<string, number> = {};
  if (!existsSync(dir)) return out;
  const walk = (d: string, prefix: string) => {
    for (const f of readdirSync(d)) {
      const p = join(d, f);
      if (statSync(p).isDirectory()) walk(p, `${prefix}${f}/`);
      else if (/\.(js|json)$/.test(f)) out[`${prefix}${f}`] = statSync(p).size;
    }
  };
  walk(dir, '');
  return out;
}

/** The popup's first page, as the popup asks for it (lib/protocol/snapshot.ts's isFirstPage). */
const FIRST_PAGE = listRequest({ limit: LIST_PAGE });

// ---------------------------------------------------------------- one corpus size

async function measure(n: number, base: RawSource[], keep: Set<string>) {
  const bundle = buildSeedBundle(join(ROOT, 'seeds'));
  const overrides = bundle.overrides ?? null;
  // The corpus plus ADDS sources to add (from a cluster the corpus does not hold).
  const all = corpusOf(n, base, keep);
  const extraCluster = Math.ceil(n / base.length) + 1;
  // One more for the add after a restart.
  const extra = base.slice(0, ADDS + 1).map((r) => variant(r, extraCluster, keep));
  const afterRestart = extra.pop()!;

  console.log(`\n[${n}] building the corpus (batch)…`);
  const loadBefore = loadavg().map(round);
  const batchCpu0 = process.cpuUsage();
  const [corpus, batchMs] =
    REUSE && hasCachedCorpus(n)
      ? [cachedCorpus(n), NaN]
      : await time(() => buildCorpus(all, overrides));
  const batchCpuMs = Number.isFinite(batchMs) ? cpuSince(batchCpu0) : NaN;
  if (CACHE || (REUSE && Number.isFinite(batchMs))) keepCorpus(n, corpus);
  console.log(
    `[${n}] batch build ${Math.round(batchMs)} ms (CPU ${batchCpuMs}), load ` +
      `${loadavg().map(round).join(' ')}: ${corpus.entities.length} entities, ` +
      `${corpus.mentions.length} mentions, ${corpus.claims.length} claims, ` +
      `${corpus.discrepancies.length} discrepancies`,
  );

  // Where the batch build's time goes: its three steps, as deriveCorpus runs them without a memo
  // (what an add cost before adds kept anything, and what the first add after a start costs).
  const prepared = all.map((r) => prepareSource(r));
  const parts: Record<string, number> = {};
  if (PARTS) {
    const [ents, entMs] = await time(() => resolveEntities(prepared, overrides));
    parts.entities = entMs;
    const bySource = new Map<string, Mention[]>();
    for (const m of ents.mentions) {
      const list = bySource.get(m.sourceId) ?? [];
      list.push(m);
      bySource.set(m.sourceId, list);
    }
    const placeLike = placeLikeTest(ents.entities);
    const [claims, claimMs] = await time(() =>
      prepared.flatMap((p) =>
        extractClaims(
          p.source,
          p.passages,
          bySource.get(p.source.id) ?? [],
          ents.entities,
          placeLike,
        ),
      ),
    );
    parts.claims = claimMs;
    const [, storyMs] = await time(() =>
      discrepanciesByStory(
        prepared.map((p) => p.source),
        prepared.flatMap((p) => p.passages),
        ents.entities,
        ents.mentions,
        claims,
      ),
    );
    parts.storiesAndDiscrepancies = storyMs;
  }

  const db = await storedCorpus(`corpus-scale-${n}-${Date.now()}`, corpus);
  let clock = 10_000;
  const stages: Array<Record<string, number>> = [];
  let stageStart = 0;
  let current: Record<string, number> = {};
  let lastStage = '';
  // One service-worker life: handlers (and their memo) made afresh over the same database.
  const start = () =>
    workerLife(db, bundle, () => clock++, {
      progress: (p) => {
        const t = performance.now();
        if (lastStage) current[lastStage] = (current[lastStage] ?? 0) + (t - stageStart);
        lastStage = p.stage;
        stageStart = t;
      },
    });
  const h = start();

  // Adding one more source, end to end; then, apart, the popup's first reads the change
  // prepares in the background once it is written (its summary and the list's first page),
  // waited for before the next add so that they are not counted in it.
  const adds: number[] = [];
  const readsAfter: number[] = [];
  const addsCpu: number[] = [];
  const readsAfterCpu: number[] = [];
  const session = PROFILE ? new Session() : null;
  const addOne = async (handlers: typeof h, r: RawSource, profiled: boolean) => {
    current = {};
    lastStage = '';
    if (session && profiled) {
      session.connect();
      await session.post('Profiler.enable');
      await session.post('Profiler.start');
    }
    const cpu0 = process.cpuUsage();
    const [, ms] = await time(() =>
      handlers.addSource({
        draft: pastedDraft(r),
      }),
    );
    const cpuMs = cpuSince(cpu0);
    if (lastStage)
      current[lastStage] = (current[lastStage] ?? 0) + (performance.now() - stageStart);
    if (session && profiled) {
      const { profile } = await session.post('Profiler.stop');
      writeFileSync(
        PROFILE.replace(/(\.cpuprofile)?$/, `-${n}.cpuprofile`),
        JSON.stringify(profile),
      );
      await session.post('Profiler.start');
    }
    const cpuReads0 = process.cpuUsage();
    const [, readMs] = await time(() =>
      Promise.all([handlers.getSummary({}), handlers.listDiscrepancies(FIRST_PAGE)]),
    );
    const readCpuMs = cpuSince(cpuReads0);
    if (session && profiled) {
      // The popup's reads the change prepares, profiled apart from the add.
      const { profile } = await session.post('Profiler.stop');
      writeFileSync(
        PROFILE.replace(/(\.cpuprofile)?$/, `-${n}-reads.cpuprofile`),
        JSON.stringify(profile),
      );
      session.disconnect();
    }
    console.log(
      `[${n}] add one: ${Math.round(ms)} ms (CPU ${cpuMs}), then the popup's reads ` +
        `${Math.round(readMs)} ms (CPU ${readCpuMs}), load ${loadavg().map(round).join(' ')}`,
      current,
    );
    return { ms, readMs, cpuMs, readCpuMs, stages: current };
  };
  for (const r of extra) {
    const first = r === extra[0];
    const one = await addOne(
      h,
      r,
      PROFILE_ADD === 'first' ? first : PROFILE_ADD === 'last' && r === extra[extra.length - 1],
    );
    adds.push(one.ms);
    readsAfter.push(one.readMs);
    addsCpu.push(one.cpuMs);
    readsAfterCpu.push(one.readCpuMs);
    // The first add computes everything (nothing kept in memory or in the database): apart.
    if (!first) stages.push(one.stages);
  }
  // And removing one (the last added).
  const lastAdded = (await db.sources.where('origin').equals('user').toArray()).sort(
    (a, b) => b.addedAt - a.addedAt,
  )[0]!;
  const removeSession = session && PROFILE_ADD === 'remove' ? session : null;
  if (removeSession) {
    removeSession.connect();
    await removeSession.post('Profiler.enable');
    await removeSession.post('Profiler.start');
  }
  const removeCpu0 = process.cpuUsage();
  const [, removeMs] = await time(() => h.removeSource({ id: lastAdded.id }));
  const removeCpuMs = cpuSince(removeCpu0);
  if (removeSession) {
    const { profile } = await removeSession.post('Profiler.stop');
    writeFileSync(
      PROFILE.replace(/(\.cpuprofile)?$/, `-${n}-remove.cpuprofile`),
      JSON.stringify(profile),
    );
    removeSession.disconnect();
  }
  const [, readsAfterRemoveMs] = await time(() =>
    Promise.all([h.getSummary({}), h.listDiscrepancies(FIRST_PAGE)]),
  );
  console.log(
    `[${n}] remove one: ${Math.round(removeMs)} ms, then the popup's reads ${Math.round(readsAfterRemoveMs)} ms`,
  );

  // A worker restart (Chrome stops an idle worker after ~30 s): new handlers, so an empty
  // memo, over the same database, then one add: what a reader who opens the options page
  // and adds a source meets.
  const restarted = RESTART
    ? (console.log(`[${n}] restart`),
      await addOne(start(), afterRestart, PROFILE_ADD === 'restart'))
    : { ms: NaN, readMs: NaN, cpuMs: NaN, readCpuMs: NaN, stages: {} };
  const analysisRows = db.tables.some((t) => t.name === 'analyses')
    ? await db.table('analyses').toArray()
    : [];
  const sourceRows = [await db.sources.toArray(), await db.passages.toArray()];
  const analysesBytes = serialize(analysisRows).length;

  // The popup's discrepancy list (its data; the popup paints it as it arrives).
  const listRuns: number[] = [];
  let listLength = 0;
  for (let i = 0; i < 7; i++) {
    const [rows, ms] = await time(() => listDiscrepancies(db, null));
    listRuns.push(ms);
    listLength = rows.length;
  }

  // Search: entity names and content words from the corpus.
  const search = createSearchService(db);
  const entities = await db.entities.toArray();
  const pick = <T>(xs: readonly T[], k: number) =>
    Array.from({ length: k }, (_, i) => xs[Math.floor((i * xs.length) / k)]!);
  const queries = [
    ...pick(entities, 20).map((e) => e.name.split(' ')[0]!),
    ...pick(corpus.passages, 20).map(
      (p) => p.text.split(/\s+/).find((w) => w.length > 6) ?? 'news',
    ),
  ];
  const [, firstSearchMs] = await time(() => search(queries[0]!));
  const searchRuns: number[] = [];
  for (const q of queries) searchRuns.push((await time(() => search(q)))[1]);

  // Card data for entities named in many sources and in few.
  const cardRuns: number[] = [];
  for (const e of pick(entities, 30)) cardRuns.push((await time(() => buildCard(db, e.id)))[1]);

  const [dictionary, dictMs] = await time(() => readDictionary(db));
  const dictBytes = Buffer.byteLength(JSON.stringify(dictionary));
  globalThis.gc?.();
  const heapMB = process.memoryUsage().heapUsed / 1e6;
  db.close();

  return {
    sources: n,
    entities: corpus.entities.length,
    mentions: corpus.mentions.length,
    claims: corpus.claims.length,
    discrepancies: corpus.discrepancies.length,
    batchBuildMs: round(batchMs),
    batchBuildCpuMs: batchCpuMs,
    batchParts: Object.fromEntries(Object.entries(parts).map(([k, v]) => [k, round(v)])),
    addOneMs: { median: round(median(adds.slice(1))), runs: adds.map(round) },
    /** The same adds in CPU time (user + system; on a shared machine the wall time waits). */
    addOneCpuMs: { median: median(addsCpu.slice(1)), runs: addsCpu },
    addAfterRestartCpuMs: restarted.cpuMs,
    /** The first add after a worker restart (the database as the earlier adds left it). */
    addAfterRestartMs: round(restarted.ms),
    addAfterRestartStagesMs: Object.fromEntries(
      Object.entries(restarted.stages).map(([k, v]) => [k, round(v)]),
    ),
    /** Structured-clone bytes of the kept analyses, and of the sources and passages. */
    analysesBytes: { rows: analysisRows.length, bytes: analysesBytes },
    sourceAndPassageBytes: serialize(sourceRows).length,
    /** The popup's summary and first page after each add (computed in the background). */
    readsAfterAddMs: { median: round(median(readsAfter)), runs: readsAfter.map(round) },
    readsAfterAddCpuMs: { median: median(readsAfterCpu), runs: readsAfterCpu },
    readsAfterRemoveMs: round(readsAfterRemoveMs),
    addStagesMs: Object.fromEntries(
      Object.keys(stages[0] ?? {}).map((k) => [k, round(median(stages.map((s) => s[k] ?? 0)))]),
    ),
    removeOneMs: round(removeMs),
    removeOneCpuMs: removeCpuMs,
    discrepancyListMs: {
      median: round(median(listRuns)),
      p95: round(quantile(listRuns, 0.95)),
      rows: listLength,
    },
    searchMs: {
      first: round(firstSearchMs),
      p50: round(median(searchRuns)),
      p95: round(quantile(searchRuns, 0.95)),
    },
    cardMs: { p50: round(median(cardRuns)), p95: round(quantile(cardRuns, 0.95)) },
    dictionary: { bytes: dictBytes, ms: round(dictMs) },
    heapMB: round(heapMB),
    load: { before: loadBefore, after: loadavg().map(round) },
  };
}

async function main() {
  const base = baseArticles();
  const keep = lexiconWords();
  console.log(`${base.length} real articles; sizes ${SIZES.join(', ')}; ${cpus().length} CPUs`);
  const results = [];
  for (const n of SIZES) results.push(await measure(n, base, keep));
  keepResults(OUT, LABEL, {
    node: process.version,
    baseArticles: base.length,
    bundles: fileSizes(join(ROOT, '.output/chrome-mv3')),
    results,
  });
  console.table(
    results.map((r) => ({
      sources: r.sources,
      batch: r.batchBuildMs,
      firstAdd: r.addOneMs.runs[0],
      add: r.addOneMs.median,
      afterRestart: r.addAfterRestartMs,
      remove: r.removeOneMs,
      list: r.discrepancyListMs.median,
      searchP95: r.searchMs.p95,
      cardP95: r.cardMs.p95,
      dictKB: Math.round(r.dictionary.bytes / 1024),
      heapMB: r.heapMB,
    })),
  );
  console.log(`written to ${OUT}`);
}

await main();
