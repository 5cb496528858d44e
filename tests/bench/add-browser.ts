/**
 * Adding one source to a corpus of N, in the built extension in Chromium (issue 12, item 6:
 * "adding one more source end to end"): the Node benches (corpus-scale.ts, corpus-restart.ts)
 * run the background's code over fake-indexeddb, whose stored values live in the same heap;
 * here the database is Chromium's IndexedDB and the worker is the browser's.
 *
 * The extension is loaded, the corpus of tests/bench/corpus-make.ts written into its database
 * (extension-corpus.ts), then sources are added from the options page as its "paste" form sends
 * them: the first add (nothing kept: the worker analyses and writes every source), warm adds,
 * and for each of `--restarts` rounds the service worker stopped (as the browser stops an idle
 * one) and a source added (the first add of a new worker life) then one more (warm), and for
 * each of `--opens` rounds the worker stopped and the options page opened again, as a reader
 * opens it, then a source added once the page is ready (`ready`: how long that took).
 *
 * Each add: `wallMs` from the options page's send to its answer, and its CPU time in that span
 * as Linux counts it (tests/bench/proc-cpu.ts; on a loaded machine the wall time is mostly
 * waiting): the service worker's threads (the background's code), the extension's whole
 * process (with the garbage collector's helpers), the browser process, and the storage
 * service's process (IndexedDB's backing store).
 *
 * `--builds .output-old,.output` compares built extensions in the same run: each is started
 * and filled, then every step alternates between them (old, new, new, old, …).
 *
 * Usage: npx tsx tests/bench/add-browser.ts [--sizes 1000] [--warm 2] [--restarts 3]
 *        [--opens 2] [--builds .output-old,.output] [--label main] [--out tests/bench/results-add-browser.json]
 *        [--samples [--samples-kind warm]] [--preview] (after `npx wxt build`; for --samples, a build with readable names:
 *        `CROSSCHECK_NO_MINIFY=1 CROSSCHECK_OUT_DIR=.output-prof npx wxt build`)
 */
import { readdirSync, readFileSync } from 'node:fs';
import { loadavg } from 'node:os';
import { join } from 'node:path';
import type { BrowserContext, Page } from '@playwright/test';
import type { RawSource } from '../../lib/types';
import { pastedDraft } from '../unit/fixtures/raw-source';
import { arg, baseArticles, lexiconWords, ROOT, sizesArg, variant } from './corpus-make';
import { keepResults } from './results-file';
import { buildLabel, buildsOf, fill } from './extension-corpus';
import {
  alive,
  type ChromiumProcesses,
  chromiumProcesses,
  cpuBetween,
  type Cpu,
  cpuSnapshot,
} from './proc-cpu';
import { type ProfileNode } from './popup-timeline';
import { traced, type TraceEvent } from './tasks';

const SIZES = sizesArg('1000');
const WARM = Number(arg('warm', '2'));
const RESTARTS = Number(arg('restarts', '3'));
/** Adds made right after the options page was opened again on a stopped worker. */
const OPENS = Number(arg('opens', '2'));
const LABEL = arg('label', 'current');
/**
 * Prints where the worker's time went in the adds of one kind (V8 samples; build unminified):
 * `--samples` for the restarts' adds, `--samples-kind warm` for another kind.
 */
const SAMPLES = process.argv.includes('--samples');
const SAMPLED_KIND = arg('samples-kind', 'restart');
/**
 * Each add is sent after its preview (`previewSource`, nothing saved), as the options page's
 * form does: after a worker start the preview meets the cold build, and the add comes warm.
 */
const PREVIEW = process.argv.includes('--preview');
const OUT = arg('out', join(ROOT, 'tests/bench/results-add-browser.json'));
const round = (x: number) => Math.round(x * 10) / 10;
const median = (xs: readonly number[]) => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length ? (s[(s.length - 1) >> 1]! + s[s.length >> 1]!) / 2 : NaN;
};

const { launchWithExtension, EXTENSION_DIR, workerLife } = await import('../e2e/browser');
const BUILDS = buildsOf(arg('builds', ''), EXTENSION_DIR);

type Kind = 'first' | 'warm' | 'restart' | 'warm after restart' | 'opened';

/** An add: its message (and its preview's, with --preview). */
interface Add extends Step {
  kind: Kind;
  /** The 1-minute load average when the add started. */
  load: number;
  preview?: Step;
  /** For an add after the options page was opened: opening it until it was ready. */
  ready?: Step;
}

interface Build {
  dir: string;
  context: BrowserContext;
  /** The options page, from which every add is sent. */
  page: Page;
  /** Its processes, for their CPU time (null: not found, no CPU figures). */
  procs: ChromiumProcesses | null;
  adds: Add[];
}

/**
 * The service worker thread's V8 samples in the trace (category
 * disabled-by-default-v8.cpu_profiler): each function's self time and its total time (itself
 * and what it called), ms, the `top` largest of each.
 */
function workerSamples(events: readonly TraceEvent[], top = 30): string[] {
  const threads = new Set(
    events
      .filter(
        (e) =>
          e.ph === 'M' && e.name === 'thread_name' && /ServiceWorker/i.test(e.args?.name ?? ''),
      )
      .map((e) => `${e.pid}:${e.tid}`),
  );
  const pids = new Set([...threads].map((t) => Number(t.split(':')[0])));
  const nodes = new Map<string, Map<number, ProfileNode>>();
  const samples: Array<{ profile: string; node: number; ms: number }> = [];
  for (const e of events) {
    if (!pids.has(e.pid) || (e.name !== 'Profile' && e.name !== 'ProfileChunk')) continue;
    const id = (e as unknown as { id?: string }).id ?? '';
    const data = (e.args as { data?: unknown } | undefined)?.data as
      | { cpuProfile?: { nodes?: ProfileNode[]; samples?: number[] }; timeDeltas?: number[] }
      | undefined;
    if (e.name === 'Profile') {
      if (threads.has(`${e.pid}:${e.tid}`)) nodes.set(id, new Map());
      continue;
    }
    const known = nodes.get(id);
    if (!known || !data) continue;
    for (const n of data.cpuProfile?.nodes ?? []) known.set(n.id, n);
    const ids = data.cpuProfile?.samples ?? [];
    const deltas = data.timeDeltas ?? [];
    for (let i = 0; i < ids.length; i++)
      samples.push({ profile: id, node: ids[i]!, ms: (deltas[i + 1] ?? 0) / 1000 });
  }
  const self = new Map<string, number>();
  const total = new Map<string, number>();
  const name = (n: ProfileNode) =>
    `${n.callFrame.functionName || '(anonymous)'} ${(n.callFrame.url ?? '').split('/').pop()}:${n.callFrame.lineNumber ?? ''}`;
  for (const s of samples) {
    const known = nodes.get(s.profile)!;
    let n = known.get(s.node);
    if (!n) continue;
    self.set(name(n), (self.get(name(n)) ?? 0) + s.ms);
    const seen = new Set<string>();
    for (; n; n = n.parent === undefined ? undefined : known.get(n.parent)) {
      if (seen.has(name(n))) continue;
      seen.add(name(n));
      total.set(name(n), (total.get(name(n)) ?? 0) + s.ms);
    }
  }
  const fmt = (m: Map<string, number>) =>
    [...m]
      .sort((a, b) => b[1] - a[1])
      .slice(0, top)
      .map(([k, v]) => `${String(Math.round(v)).padStart(7)}  ${k}`);
  return ['total time (self and callees), ms:', ...fmt(total), 'self time, ms:', ...fmt(self)];
}

/** One message to the background from the options page, traced. */
interface Step {
  wallMs: number;
  /** CPU time while it ran (null: the extension's processes were not found). */
  cpu: Cpu | null;
  /** Where the worker's time went (--samples, one kind of add): workerSamples' lines. */
  samples?: string[];
  /** Which worker life answered (a token the bench leaves in the worker's global scope). */
  life: string;
}

/**
 * Whether each add ran in the worker life its kind claims: a warm add (and its preview) in the
 * life of the add before it, a restart's preview in a new life and its add in that same life.
 * A worker the browser stopped on its own between two steps would otherwise count as warm.
 */
function lifeAsLabelled(adds: readonly Add[]): boolean[] {
  return adds.map((a, i) => {
    const lives = [a.ready?.life, a.preview?.life, a.life].filter((l) => l !== undefined);
    const prior = adds[i - 1]?.life;
    if (a.kind === 'first') return lives.every((l) => l === lives[0]);
    if (a.kind === 'restart' || a.kind === 'opened')
      return lives[0] !== prior && lives.every((l) => l === lives[0]);
    return lives.every((l) => l === prior);
  });
}

/** Sends `type` with `r`'s draft from the options page, as its paste form does. */
async function send(
  b: Build,
  type: 'previewSource' | 'addSource',
  r: RawSource,
  profiled: boolean,
): Promise<Step> {
  const ask = () =>
    b.page.evaluate(
      async ({ type, draft }) => {
        // eslint-disable-next-line @typescript-eslint/no-explicit-any -- chrome is untyped on this page
        const rt = (globalThis as any).chrome.runtime;
        const t0 = performance.now();
        const answer = await rt.sendMessage({ type, payload: { draft } });
        return { ms: performance.now() - t0, answer: answer as { ok: boolean; problem?: unknown } };
      },
      { type, draft: pastedDraft(r) },
    );
  const procs = b.procs;
  const before = procs && cpuSnapshot(procs);
  let value: Awaited<ReturnType<typeof ask>>;
  let samples: string[] | undefined;
  if (profiled) {
    const cdp = await b.context.newCDPSession(b.page);
    const trace = await traced(cdp, ask, false, [
      'toplevel',
      '__metadata',
      'disabled-by-default-v8.cpu_profiler',
    ]);
    await cdp.detach();
    value = trace.value;
    samples = workerSamples(trace.events);
    if (trace.dataLoss) samples.unshift('(the trace lost events: these figures are partial)');
    console.log(samples.join('\n'));
  } else value = await ask();
  // A stopped worker starts again in its process, kept by the options page open in it.
  const after = procs && alive(procs.extension) ? cpuSnapshot(procs) : null;
  if (!value.answer?.ok)
    throw new Error(`${type} failed: ${JSON.stringify(value.answer?.problem ?? value.answer)}`);
  return {
    wallMs: round(value.ms),
    cpu: before && after ? cpuBetween(before, after) : null,
    ...(samples ? { samples } : {}),
    life: await workerLife(b.context),
  };
}

/** Adds `r` (after its preview, with --preview, as the options page does). */
async function addOne(b: Build, r: RawSource, kind: Kind): Promise<Add> {
  const load = round(loadavg()[0]!);
  const profiled = SAMPLES && kind === SAMPLED_KIND;
  const preview = PREVIEW ? await send(b, 'previewSource', r, profiled) : undefined;
  const add = await send(b, 'addSource', r, profiled && !PREVIEW);
  return { kind, ...add, load, ...(preview ? { preview } : {}) };
}

/**
 * Whether a build's options page readies the background when it opens (it marks the answer:
 * components/options/keep-ready.ts); an older build's page does not.
 */
function readiesOnOpen(dir: string): boolean {
  const files = readdirSync(dir, { recursive: true, encoding: 'utf8' });
  return files.some(
    (f) => f.endsWith('.js') && readFileSync(join(dir, f), 'utf8').includes(READY_MARK),
  );
}
const READY_MARK = 'crosscheck:changes-ready';

/**
 * Opens the options page again, as a reader opens it, and waits until it is ready for a draft:
 * its sources listed, and in a build that readies the background on opening, that answered.
 * The reader spends this finding and pasting an article; the preview after it is what they wait
 * for.
 */
async function reopen(b: Build): Promise<Step> {
  const before = b.procs && cpuSnapshot(b.procs);
  const t0 = performance.now();
  await b.page.reload();
  await b.page.locator('li.source').first().waitFor({ timeout: 600_000 });
  if (readiesOnOpen(b.dir))
    await b.page.waitForFunction(
      (mark) => performance.getEntriesByName(mark).length > 0,
      READY_MARK,
      { timeout: 600_000, polling: 100 },
    );
  const wallMs = round(performance.now() - t0);
  const after = b.procs && alive(b.procs.extension) ? cpuSnapshot(b.procs) : null;
  return {
    wallMs,
    cpu: before && after ? cpuBetween(before, after) : null,
    life: await workerLife(b.context),
  };
}

/** Stops the extension's service worker, as the browser stops an idle one. */
async function stopWorker(b: Build) {
  const cdp = await b.context.newCDPSession(b.page);
  await cdp.send('ServiceWorker.enable');
  await cdp.send('ServiceWorker.stopAllWorkers');
  await cdp.detach();
}

async function prepare(dir: string, n: number): Promise<Build> {
  const { context, extensionId, worker } = await launchWithExtension({ dir });
  const page = await context.newPage();
  // The seeds are in once the popup counts them.
  await page.goto(`chrome-extension://${extensionId}/popup.html`);
  await page.getByTestId('count-sources').waitFor({ timeout: 120_000 });
  const t0 = performance.now();
  await fill(n, worker);
  console.log(`[${n}] ${buildLabel(dir)}: filled in ${Math.round(performance.now() - t0)} ms`);
  await page.goto(`chrome-extension://${extensionId}/options.html`);
  const procs = chromiumProcesses(dir);
  if (!procs)
    console.log(`[${n}] ${buildLabel(dir)}: its processes were not found (no CPU figures)`);
  return { dir, context, page, procs, adds: [] };
}

async function measure(n: number) {
  const keep = lexiconWords();
  const base = baseArticles();
  // Sources of clusters the corpus does not hold yet (as corpus-restart.ts adds), one per add.
  let next = 0;
  const fresh = () =>
    variant(
      base[next % base.length]!,
      Math.ceil(n / base.length) + 1 + Math.floor(next++ / base.length),
      keep,
    );
  const builds: Build[] = [];
  for (const dir of BUILDS) builds.push(await prepare(dir, n));
  const order = (i: number) => (i % 2 ? [...builds].reverse() : builds);
  // Every build gets the same source at each step; which goes first turns with `turn`.
  const each = async (turn: number, work: (b: Build, r: RawSource) => Promise<void>) => {
    const r = fresh();
    for (const b of order(turn)) await work(b, r);
  };
  const log = (b: Build) => {
    const a = b.adds.at(-1)!;
    if (a.preview)
      console.log(
        `[${n}] ${buildLabel(b.dir)} ${a.kind} (preview): ${a.preview.wallMs} ms wall; CPU ms: worker ${a.preview.cpu?.worker}, its process ${a.preview.cpu?.extensionProcess}, browser process ${a.preview.cpu?.browserProcess}, storage ${a.preview.cpu?.storageProcess}`,
      );
    console.log(
      `[${n}] ${buildLabel(b.dir)} ${a.kind}: ${a.wallMs} ms wall; CPU ms: worker ${a.cpu?.worker}, its process ${a.cpu?.extensionProcess}, browser process ${a.cpu?.browserProcess}, storage ${a.cpu?.storageProcess}; load ${a.load}`,
    );
  };
  await each(0, async (b, r) => void (b.adds.push(await addOne(b, r, 'first')), log(b)));
  for (let i = 0; i < WARM; i++)
    await each(i + 1, async (b, r) => void (b.adds.push(await addOne(b, r, 'warm')), log(b)));
  for (let i = 0; i < RESTARTS; i++) {
    await each(i, async (b, r) => {
      await stopWorker(b);
      b.adds.push(await addOne(b, r, 'restart'));
      log(b);
    });
    await each(
      i + 1,
      async (b, r) => void (b.adds.push(await addOne(b, r, 'warm after restart')), log(b)),
    );
  }
  for (let i = 0; i < OPENS; i++)
    await each(i, async (b, r) => {
      await stopWorker(b);
      const ready = await reopen(b);
      console.log(
        `[${n}] ${buildLabel(b.dir)} opened: ready in ${ready.wallMs} ms wall; CPU ms: worker ${ready.cpu?.worker}, its process ${ready.cpu?.extensionProcess}`,
      );
      b.adds.push({ ...(await addOne(b, r, 'opened')), ready });
      log(b);
    });
  for (const b of builds) await b.context.close();
  return builds.map((b) => {
    // A step in another worker life than its kind claims, or profiled (the tracing's own CPU is
    // in its figures), is kept in `adds` and left out of the medians.
    const asLabelled = lifeAsLabelled(b.adds);
    b.adds.forEach((a, i) => {
      if (!asLabelled[i])
        console.log(
          `[${n}] ${buildLabel(b.dir)}: add ${i} (${a.kind}) ran in another worker life than its kind claims; left out of the medians`,
        );
    });
    const counted = (a: Add, i: number) =>
      asLabelled[i] && !a.samples && !a.preview?.samples ? [a] : [];
    const of = (kind: Kind) => b.adds.flatMap(counted).filter((a) => a.kind === kind);
    const medians = (steps: readonly Step[]) => {
      const cpu = (where: keyof Cpu) =>
        round(
          median(
            steps.flatMap((a) => {
              const v = a.cpu?.[where];
              return v === null || v === undefined ? [] : [v];
            }),
          ),
        );
      return {
        wallMs: round(median(steps.map((a) => a.wallMs))),
        workerCpuMs: cpu('worker'),
        extensionProcessCpuMs: cpu('extensionProcess'),
        browserProcessCpuMs: cpu('browserProcess'),
        storageProcessCpuMs: cpu('storageProcess'),
        n: steps.length,
      };
    };
    const sum = (kind: Kind) => {
      const previews = of(kind).flatMap((a) => (a.preview ? [a.preview] : []));
      const readies = of(kind).flatMap((a) => (a.ready ? [a.ready] : []));
      return {
        ...medians(of(kind)),
        ...(previews.length ? { preview: medians(previews) } : {}),
        ...(readies.length ? { ready: medians(readies) } : {}),
      };
    };
    return {
      build: buildLabel(b.dir),
      extension: b.dir,
      sources: n,
      medians: {
        first: sum('first'),
        warm: sum('warm'),
        restart: sum('restart'),
        warmAfterRestart: sum('warm after restart'),
        opened: sum('opened'),
      },
      adds: b.adds.map((a, i) => ({ ...a, lifeAsLabelled: asLabelled[i] })),
    };
  });
}

const results = [];
const loadBefore = loadavg().map(round);
for (const n of SIZES) {
  const r = await measure(n);
  for (const b of r) console.log(`[${n}] ${b.build}: ${JSON.stringify(b.medians)}`);
  results.push({ sources: n, builds: r });
}
keepResults(OUT, `add in the browser, ${LABEL}`, {
  builds: BUILDS,
  load: { before: loadBefore, after: loadavg().map(round) },
  results,
});
console.log(`written to ${OUT}`);
