/**
 * `npm run bench`: what Crosscheck costs a real page in headless Chromium, side by side with what
 * a reader would otherwise install (mark.js 8.11, advanced-mark.js), and a bare TreeWalker pass
 * that reads every text node (the floor). Writes tests/bench/results.json and the chart
 * tests/bench/cost.svg; prints the README table.
 *
 * Method (issue 12): every page of tests/fixtures as it is and with a seed article inside; the
 * same dictionary for everyone (the corpus's aliases, then real names from the texts, 60 / 500 /
 * 5,000 terms); contenders interleaved in a rotating order inside each run; medians of `runs`
 * after a warm-up run that is thrown away; ratios taken within a run, then their median. Every
 * contender is timed the same way, from a V8 CPU profile of the tab: the time whose call stack
 * holds a frame of its script (parse, start-up and everything it calls). Crosscheck is profiled
 * from before the page loads (its content script is injected by the browser) until its
 * underlines are all placed; the libraries from the injection of their script until their call
 * returns. Crosscheck's own `crosscheck:scan` mark (build with WXT_CROSSCHECK_SCAN_MARKS=1) is
 * reported beside it.
 *
 * Usage: npm run bench -- [--runs 5] [--pages nytimes-1,yahoo-2] [--sizes 60,500,5000]
 *   [--no-seeded] [--skip hostile,hover,rescans,bundle] [--contenders crosscheck,markjs]
 *   [--out other.json] (no chart then). The extension is read from
 *   CROSSCHECK_BENCH_DIR (default .output-bench/chrome-mv3, built by `npm run bench:build`).
 */
import { execSync } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { cpus, loadavg } from 'node:os';
import { resolve } from 'node:path';
import { type BrowserContext, type CDPSession, chromium, type Page } from '@playwright/test';
import { chromiumPath } from '../e2e/browser';
import {
  type FixtureServer,
  REAL_PAGES,
  type RealPage,
  startFixtureServer,
} from '../e2e/page-fixtures';
import { attribute, type CpuProfile } from './profile';
import { extensionTasks, traced } from './tasks';
import { packDictionary, unpackDictionary } from '../../lib/dictionary-pack';
import { variantsOf } from '../../lib/matcher';
import type { Dictionary } from '../../lib/protocol';
import { realNames, termList } from './terms';
import { bundleSizes, hostileCases, hoverLatency, rescanCosts } from './page-bench-extra';
import { writeChart } from './chart';

export const EXTENSION = resolve(process.env.CROSSCHECK_BENCH_DIR ?? '.output-bench/chrome-mv3');

/** The seed articles put into pages, one per page in turn. */
export const SEEDS = [
  '000_d6dda6e572868f38.txt',
  '001_074ba2d5ecaae0ac.txt',
  '002_34deb440939f8850.txt',
  '003_6d5c1410645c210a.txt',
  '004_c93d6edeff217837.txt',
];

/**
 * mark.js makes one pass over the page per term (seconds per page at 500 terms): at 5,000 terms
 * a run takes minutes, so it is not run there (its cost grows linearly with the terms).
 */
const MARKJS_MAX_TERMS = Number(arg('markjs-max') ?? 500);
/** Contenders slower than this are measured once (their first load), not `runs` times. */
const SLOW_MS = 5_000;

export type Contender = 'none' | 'crosscheck' | 'markjs' | 'advanced' | 'floor';
type InPage = 'markjs' | 'advanced' | 'floor';

function arg(name: string): string | null {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 ? (process.argv[i + 1] ?? '') : null;
}

export const median = (xs: number[]) => {
  const s = xs.filter((x) => Number.isFinite(x)).sort((a, b) => a - b);
  if (s.length === 0) return NaN;
  const m = Math.floor(s.length / 2);
  return s.length % 2 ? s[m]! : (s[m - 1]! + s[m]!) / 2;
};
export const r2 = (x: number) => Math.round(x * 100) / 100;

/** Long tasks of the tab (all worlds), collected from the start of the document. */
const LONG_TASKS = `
  window.__longTasks = [];
  new PerformanceObserver((list) => {
    for (const e of list.getEntries()) window.__longTasks.push(e.duration);
  }).observe({ type: 'longtask', buffered: true });
`;

export async function launch(extension: string | null): Promise<BrowserContext> {
  const args = [
    '--no-sandbox',
    '--disable-background-networking',
    '--disable-component-update',
    '--disable-sync',
    '--no-first-run',
  ];
  if (extension)
    args.push(`--disable-extensions-except=${extension}`, `--load-extension=${extension}`);
  const context = await chromium.launchPersistentContext('', {
    executablePath: chromiumPath(),
    headless: true,
    args,
    viewport: { width: 1280, height: 800 },
  });
  await context.route(/.*/, (route) =>
    new URL(route.request().url()).hostname === '127.0.0.1'
      ? route.continue()
      : route.abort('blockedbyclient'),
  );
  await context.addInitScript(LONG_TASKS);
  return context;
}

export async function worker(context: BrowserContext) {
  return context.serviceWorkers()[0] ?? (await context.waitForEvent('serviceworker'));
}

/** Stored settings, merged (as the options page would write them). */
export async function setSettings(context: BrowserContext, patch: Record<string, unknown>) {
  await (
    await worker(context)
  ).evaluate(async (patch) => {
    // eslint-disable-next-line @typescript-eslint/no-explicit-any -- chrome is untyped in the worker here
    const c = (globalThis as any).chrome;
    const { settings } = await c.storage.local.get('settings');
    await c.storage.local.set({ settings: { ...settings, ...patch } });
  }, patch);
}

export interface Dict {
  version: number;
  entities: Record<string, unknown[]>;
  aliases: Array<[string, string]>;
}

/**
 * The content script's cached dictionary, as the extension stored it: plain (builds before
 * lib/dictionary-pack.ts, kept so old and new builds can be compared) or packed, whose aliases are
 * read back from the automaton's variants.
 */
async function storedDictionary(context: BrowserContext): Promise<Dict | null> {
  const stored = await (
    await worker(context)
  ).evaluate(async () => {
    // eslint-disable-next-line @typescript-eslint/no-explicit-any -- chrome is untyped in the worker here
    const c = (globalThis as any).chrome;
    return (await c.storage.local.get(['dictionaryCache', 'dictionaryPack'])) as {
      dictionaryCache?: Dict;
      dictionaryPack?: unknown;
    };
  });
  if (stored.dictionaryCache) return stored.dictionaryCache;
  const page = unpackDictionary(stored.dictionaryPack);
  if (!page) return null;
  const a = page.automaton;
  const aliases = [...a.patternNode.keys()].flatMap((p) =>
    variantsOf(a, p).map(([id, alias]) => [alias, id] as [string, string]),
  );
  return { version: page.version, entities: page.entities, aliases };
}

/**
 * Replaces the cached dictionary under the published version: the content script takes it as
 * current (the service worker republishes only when the sources change).
 */
export async function installDictionary(context: BrowserContext, dict: Dict) {
  await (
    await worker(context)
  ).evaluate(
    async (items) => {
      // eslint-disable-next-line @typescript-eslint/no-explicit-any -- chrome is untyped in the worker here
      const c = (globalThis as any).chrome;
      await c.storage.local.set(items);
    },
    {
      // Both forms: a build before the packed dictionary reads the first.
      dictionaryCache: dict,
      dictionaryPack: packDictionary(dict as unknown as Dictionary),
      dictionaryVersion: dict.version,
    },
  );
}

/** Two animation frames and an idle period. */
export const settle = (page: Page) =>
  page.evaluate(
    () =>
      new Promise<void>((done) =>
        requestAnimationFrame(() =>
          requestAnimationFrame(() => requestIdleCallback(() => done(), { timeout: 2000 })),
        ),
      ),
  );

/**
 * Quiet: the extension's start-up mark first when it runs (at most 120 s), then settled, a moment
 * for late work to begin, settled again.
 */
export async function quiet(page: Page, { startup }: { startup: boolean }): Promise<void> {
  if (startup)
    await page
      .waitForFunction(() => performance.getEntriesByName('crosscheck:startup').length > 0, null, {
        timeout: 120_000,
        polling: 100,
      })
      .catch(() => undefined);
  await settle(page);
  await page.waitForTimeout(300);
  await settle(page);
}

const markDetail = (page: Page, name: string) =>
  page.evaluate((name) => {
    const all = performance.getEntriesByName(name) as PerformanceMark[];
    return all.length ? (all[0]!.detail as Record<string, number>) : null;
  }, name);

/** Profiles `work` on `cdp`'s tab; returns the profile and what `work` returned. */
export async function profiled<T>(
  cdp: CDPSession,
  work: () => Promise<T>,
): Promise<{ profile: CpuProfile; value: T }> {
  await cdp.send('Profiler.enable');
  await cdp.send('Profiler.setSamplingInterval', { interval: 100 });
  await cdp.send('Profiler.start');
  const value = await work();
  const { profile } = (await cdp.send('Profiler.stop')) as { profile: CpuProfile };
  await cdp.send('Profiler.disable');
  return { profile, value };
}

async function metrics(cdp: CDPSession) {
  const { metrics } = (await cdp.send('Performance.getMetrics')) as {
    metrics: Array<{ name: string; value: number }>;
  };
  const get = (n: string) => (metrics.find((m) => m.name === n)?.value ?? 0) * 1000;
  return {
    layoutStyle: get('LayoutDuration') + get('RecalcStyleDuration'),
    script: get('ScriptDuration'),
  };
}

export interface Sample {
  /** Profiled main-thread time of the contender's script. */
  ms: number;
  /**
   * Crosscheck: `ms` with each trace task's share scaled by that task's CPU time over its wall
   * time (samples are wall time: on a loaded machine a descheduled thread still collects them).
   * Less inflated by the machine's load, not part of the published targets.
   */
  onCpuMs?: number;
  /** Longest run of its samples (slices that yield run back to back join into one run). */
  longestRunMs: number;
  /**
   * Crosscheck: the most of its time inside one main-thread task (trace tasks and profile
   * samples together, tests/bench/tasks.ts): the figure for "no task over 50 ms from it".
   */
  longestTaskOursMs?: number;
  /** Crosscheck: its scan mark; libraries: their call, timed in the page. */
  selfReportedMs: number;
  matches: number;
  /** Layout and style time of the tab from the start of the contender's work to the end. */
  layoutStyleMs: number;
  longestTaskMs: number;
  tbtMs: number;
  textNodes?: number;
  chars?: number;
  startup?: Record<string, number> | null;
}

async function longTasks(page: Page): Promise<{ longest: number; tbt: number }> {
  const d = await page.evaluate(() => (window as unknown as { __longTasks: number[] }).__longTasks);
  return {
    longest: Math.max(0, ...d),
    tbt: d.reduce((s, x) => s + Math.max(0, x - 50), 0),
  };
}

/**
 * One load of `url`, profiled from before the navigation: with the extension (Crosscheck) or
 * without it (the baseline for layout, style and long tasks, measured over the same window).
 */
export async function runLoad(
  context: BrowserContext,
  server: FixtureServer,
  url: string,
  extension: boolean,
): Promise<Sample> {
  const page = await context.newPage();
  // Same origin as the page: the navigation stays in this renderer, and its profiler.
  await page.goto(`${server.origin}/bench/blank.html`);
  const cdp = await context.newCDPSession(page);
  await cdp.send('Performance.enable');
  const before = await metrics(cdp);
  const {
    events,
    value: { profile, value },
  } = await traced(cdp, () =>
    profiled(cdp, async () => {
      await page.goto(url, { waitUntil: 'load' });
      if (extension)
        await page
          .waitForFunction(
            () => performance.getEntriesByName('crosscheck:startup').length > 0,
            null,
            {
              timeout: 60_000,
              polling: 50,
            },
          )
          .catch(() => undefined);
      await settle(page);
      return {
        scan: await markDetail(page, 'crosscheck:scan'),
        startup: await markDetail(page, 'crosscheck:startup'),
      };
    }),
  );
  const after = await metrics(cdp);
  const ours = (u: string) => u.startsWith('chrome-extension://');
  const a = attribute(profile, ours);
  const tasks = extensionTasks(events, profile, ours);
  const lt = await longTasks(page);
  await page.close();
  if (!extension)
    return {
      ms: 0,
      longestRunMs: 0,
      selfReportedMs: 0,
      matches: 0,
      layoutStyleMs: after.layoutStyle - before.layoutStyle,
      longestTaskMs: lt.longest,
      tbtMs: lt.tbt,
    };
  if (!value.scan)
    throw new Error(`No crosscheck:scan mark on ${url}: is ${EXTENSION} a bench build?`);
  const inTasks = tasks.tasks.reduce((sum, t) => sum + t.oursMs, 0);
  const onCpu = tasks.tasks.reduce(
    (sum, t) => sum + t.oursMs * Math.min(1, (t.cpuMs ?? t.ms) / t.ms),
    0,
  );
  return {
    ms: a.ms,
    onCpuMs: onCpu + Math.max(0, a.ms - inTasks),
    longestRunMs: a.longestRunMs,
    longestTaskOursMs: tasks.longestOursMs,
    selfReportedMs: value.scan.ms ?? NaN,
    matches: value.scan.matches ?? 0,
    layoutStyleMs: after.layoutStyle - before.layoutStyle,
    longestTaskMs: lt.longest,
    tbtMs: lt.tbt,
    textNodes: value.scan.textNodes,
    chars: value.scan.chars,
    startup: value.startup,
  } satisfies Sample;
}

/** One load of `url` without the extension, then one of the in-page contenders (or none). */
export async function runInPage(
  context: BrowserContext,
  server: FixtureServer,
  url: string,
  who: InPage,
  terms: string[],
): Promise<Sample> {
  const page = await context.newPage();
  await page.goto(url, { waitUntil: 'load' });
  await settle(page);
  const cdp = await context.newCDPSession(page);
  await cdp.send('Performance.enable');
  await page.evaluate((t) => {
    (window as unknown as { __terms: string[] }).__terms = t;
  }, terms);
  const before = await metrics(cdp);
  const { profile, value } = await profiled(cdp, async () => {
    await page.addScriptTag({ url: `${server.origin}/bench/${who}.js` });
    const r = await page.evaluate(() =>
      (
        window as unknown as {
          __benchRun(): Promise<{
            ms: number;
            matches: number;
            textNodes?: number;
            chars?: number;
          }>;
        }
      ).__benchRun(),
    );
    await settle(page);
    return r;
  });
  const after = await metrics(cdp);
  const a = attribute(profile, (u) => u.includes('/bench/'));
  const lt = await longTasks(page);
  await page.close();
  return {
    ms: a.ms,
    longestRunMs: a.longestRunMs,
    selfReportedMs: value.ms,
    matches: value.matches,
    layoutStyleMs: after.layoutStyle - before.layoutStyle,
    longestTaskMs: lt.longest,
    tbtMs: lt.tbt,
    textNodes: value.textNodes,
    chars: value.chars,
  };
}

/** The in-page contenders, served as scripts (their URL is how the profile finds them). */
export function serveContenders(server: FixtureServer) {
  const lib = (p: string) => readFileSync(resolve('node_modules', p), 'utf8');
  server.route('/bench/blank.html', '<!doctype html><title>blank</title>');
  const run = (body: string) => `
;window.__benchRun = function () {
  return new Promise(function (resolve) {
    var t0 = performance.now();
    ${body}
  });
};`;
  server.route(
    '/bench/markjs.js',
    lib('mark.js/dist/mark.js') +
      // mark.js overflows the stack with thousands of terms in one call: batches of 500, in turn.
      run(`var mark = new Mark(document.body), total = 0, at = 0;
      (function next() {
        if (at >= window.__terms.length) return resolve({ ms: performance.now() - t0, matches: total });
        var batch = window.__terms.slice(at, at += 500);
        mark.mark(batch, {
          accuracy: 'exactly', diacritics: true, separateWordSearch: false,
          done: function (n) { total += n; next(); }
        });
      })();`),
  );
  server.route(
    '/bench/advanced.js',
    lib('advanced-mark.js/dist/mark.js') +
      run(`new Mark(document.body).mark(window.__terms, {
        accuracy: 'exactly', diacritics: true, separateWordSearch: false, combinePatterns: true,
        done: function (marks, matches) { resolve({ ms: performance.now() - t0, matches: matches }); }
      });`),
  );
  server.route(
    '/bench/floor.js',
    run(`var w = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
      var nodes = 0, chars = 0;
      while (w.nextNode()) { nodes++; chars += w.currentNode.data.length; }
      resolve({ ms: performance.now() - t0, matches: 0, textNodes: nodes, chars: chars });`),
  );
}

/**
 * Sets Crosscheck to the libraries' work (every mention, anywhere on the page), lets it cache the
 * corpus's dictionary, and makes the benchmark's dictionaries from it: per size, the terms every
 * contender gets and Crosscheck's dictionary of them.
 */
export async function benchDictionaries(
  ext: BrowserContext,
  server: FixtureServer,
  sizes: number[],
): Promise<Map<number, { terms: string[]; dict: Dict; corpusTerms: number }>> {
  await setSettings(ext, { mentions: 'all', scope: 'page' });
  // The corpus's own dictionary: one page load makes the content script cache it.
  const warm = await ext.newPage();
  await warm.goto(server.real('nytimes-1'));
  await warm.waitForFunction(
    () => performance.getEntriesByName('crosscheck:scan').length > 0,
    null,
    { timeout: 60_000 },
  );
  await warm.close();
  const corpus = await storedDictionary(ext);
  if (!corpus) throw new Error('The extension cached no dictionary.');
  const corpusTerms = [...new Set(corpus.aliases.map(([a]) => a))];
  const names = realNames();
  const dicts = new Map<number, { terms: string[]; dict: Dict; corpusTerms: number }>();
  for (const size of sizes) {
    const target = size <= corpusTerms.length ? corpusTerms.length : size;
    const terms = termList(corpusTerms, names, target);
    // As in every earlier round: names, types and aliases (no identity hints, no stories).
    const dict: Dict = {
      version: corpus.version,
      entities: { ...corpus.entities },
      aliases: [...corpus.aliases],
    };
    terms.slice(corpusTerms.length).forEach((t, i) => {
      dict.entities[`bench${i}`] = [t, 'person', 3, false];
      dict.aliases.push([t, `bench${i}`]);
    });
    dicts.set(size, { terms, dict, corpusTerms: corpusTerms.length });
  }
  return dicts;
}

interface Cell {
  page: string;
  seed: string | null;
  terms: number;
  runs: Record<Exclude<Contender, 'none'>, Sample[]>;
  none: Sample[];
}

function chromiumVersion(): string {
  try {
    return execSync(`${chromiumPath() ?? 'chromium'} --version`, { encoding: 'utf8' }).trim();
  } catch {
    return 'unknown';
  }
}

async function main() {
  const runs = Number(arg('runs') ?? 5);
  const pages = (arg('pages')?.split(',') ?? [...REAL_PAGES]) as RealPage[];
  const sizes = (arg('sizes') ?? '60,500,5000').split(',').map(Number);
  const seeded = !process.argv.includes('--no-seeded');
  const skip = new Set((arg('skip') ?? '').split(','));
  const started = new Date().toISOString();
  const commit = execSync('git rev-parse --short HEAD', { encoding: 'utf8' }).trim();
  const loadStart = loadavg();
  const log = (s: string) =>
    console.log(
      `[${new Date().toISOString().slice(11, 19)} load ${loadavg()[0]!.toFixed(2)}] ${s}`,
    );

  const server = await startFixtureServer();
  serveContenders(server);
  const plain = await launch(null);
  const ext = await launch(EXTENSION);
  const dicts = await benchDictionaries(ext, server, sizes);
  log(
    `corpus aliases: ${dicts.get(sizes[0]!)!.corpusTerms}; sizes ${[...dicts.values()].map((d) => d.terms.length).join(', ')}`,
  );

  const variants: Array<{ page: RealPage; seed: string | null }> = [];
  pages.forEach((page, i) => {
    variants.push({ page, seed: null });
    if (seeded) variants.push({ page, seed: SEEDS[i % SEEDS.length]! });
  });
  const cells: Cell[] = [];
  for (const v of variants)
    for (const size of sizes)
      cells.push({
        ...v,
        terms: dicts.get(size)!.terms.length,
        none: [],
        runs: { crosscheck: [], markjs: [], advanced: [], floor: [] },
      });

  const only = arg('contenders')?.split(',');
  const order = (['crosscheck', 'markjs', 'advanced', 'floor', 'none'] as Contender[]).filter(
    (c) => !only || only.includes(c),
  );
  let currentSize = -1;
  const slow = new Set<string>();
  for (let run = 0; run <= runs; run++) {
    log(`run ${run}${run === 0 ? ' (warm-up, discarded)' : ''}`);
    for (const v of variants) {
      const url = v.seed ? server.seeded(v.page, v.seed) : server.real(v.page);
      for (const size of sizes) {
        const cell = cells.find(
          (c) =>
            c.page === v.page && c.seed === v.seed && c.terms === dicts.get(size)!.terms.length,
        )!;
        const { terms, dict } = dicts.get(size)!;
        // Rotate the order each run, so no contender always follows another.
        const rotated = order.map((_, i) => order[(i + run) % order.length]!);
        for (const who of rotated) {
          if (who === 'none' && size !== sizes[0]) continue;
          if (who === 'markjs' && size > MARKJS_MAX_TERMS) continue;
          // A contender slower than SLOW_MS is measured once: its warm-up counts as its run.
          const key = `${cell.page}|${cell.seed}|${size}|${who}`;
          if (slow.has(key)) continue;
          let sample: Sample;
          try {
            if (who === 'crosscheck') {
              if (currentSize !== size) {
                await installDictionary(ext, dict);
                currentSize = size;
              }
              sample = await runLoad(ext, server, url, true);
            } else if (who === 'none') sample = await runLoad(plain, server, url, false);
            else sample = await runInPage(plain, server, url, who, terms);
          } catch (e) {
            log(`${v.page}${v.seed ? '+seed' : ''} ${size} ${who}: ${(e as Error).message}`);
            continue;
          }
          if (run === 0 && who !== 'none' && sample.ms > SLOW_MS) {
            slow.add(key);
            cell.runs[who].push(sample);
          }
          if (run === 0) continue;
          if (who === 'none') cell.none.push(sample);
          else cell.runs[who].push(sample);
        }
        if (run > 0) {
          const last = (w: Exclude<Contender, 'none'>) => cell.runs[w].at(-1)?.ms.toFixed(1) ?? '-';
          log(
            `${v.page}${v.seed ? '+seed' : ''} ${size}: cc ${last('crosscheck')} mark ${last('markjs')} adv ${last('advanced')} floor ${last('floor')}`,
          );
        }
      }
    }
  }
  // The baseline's runs are shared by a page's dictionary sizes.
  for (const c of cells)
    if (c.none.length === 0)
      c.none =
        cells.find((x) => x.page === c.page && x.seed === c.seed && x.none.length > 0)?.none ?? [];

  const summary = cells.map(summarize);
  const extra: Record<string, unknown> = {};
  const chromeVersion = chromiumVersion();
  // A section that fails is reported as such; the others and the main table are still written.
  const section = async (name: string, run: () => Promise<unknown>) => {
    if (skip.has(name)) return;
    log(name);
    try {
      extra[name] = await run();
    } catch (e) {
      log(`${name} failed: ${(e as Error).message}`);
      extra[name] = { error: (e as Error).message };
    }
  };
  await section('hostile', () => hostileCases(plain, ext, server, runs, log));
  await section('hover', () => hoverLatency(ext, server, log));
  await section('rescans', () => rescanCosts(ext, server, log));
  if (!skip.has('bundle')) extra.bundle = bundleSizes(EXTENSION);
  await plain.close();
  await ext.close();
  await server.close();

  const results = {
    meta: {
      started,
      finished: new Date().toISOString(),
      commit,
      extension: EXTENSION,
      chromium: chromeVersion,
      cpus: cpus().length,
      cpuModel: cpus()[0]?.model ?? '',
      loadavgStart: loadStart.map(r2),
      loadavgEnd: loadavg().map(r2),
      runs,
      method:
        "Medians after one discarded warm-up run; contenders interleaved (rotating order); ratios taken within a run then medianed. ms = V8 CPU-profile time (100 µs sampling) whose stack holds a frame of the contender's script.",
      notes: [
        `mark.js is not run above ${MARKJS_MAX_TERMS} terms (one pass over the page per term; minutes per load). It is called in batches of 500 terms: one call with thousands overflows the stack.`,
        `A contender whose first load took over ${SLOW_MS} ms is measured that once (n = 1 in raw).`,
        'The baseline (no extension) is loaded and profiled over the same window as Crosscheck; layout/style and long tasks are compared with it.',
      ],
      terms: Object.fromEntries([...dicts].map(([s, d]) => [s, d.terms.length])),
    },
    pages: summary,
    raw: cells,
    ...extra,
  };
  const out = resolve(arg('out') ?? 'tests/bench/results.json');
  writeFileSync(out, `${JSON.stringify(results, null, 1)}\n`);
  if (!arg('out')) writeChart(summary, resolve('tests/bench/cost.svg'));
  log(`wrote ${out}`);
  printTable(summary);
}

export interface Summary {
  page: string;
  seed: string | null;
  terms: number;
  chars: number;
  textNodes: number;
  ms: Record<Exclude<Contender, 'none'>, number>;
  crosscheckScanMs: number;
  crosscheckLongestRunMs: number;
  /** Most Crosscheck time inside one main-thread task: median over runs, and the worst run. */
  crosscheckLongestTaskOursMs?: number;
  crosscheckMaxLongestTaskOursMs?: number;
  matches: Record<'crosscheck' | 'markjs' | 'advanced', number>;
  /** Median over runs of the within-run ratios. */
  ratio: {
    markjsOverCrosscheck: number;
    advancedOverCrosscheck: number;
    crosscheckOverFloor: number;
  };
  layoutStyleMs: Record<'crosscheck' | 'markjs' | 'advanced' | 'none', number>;
  mainThread: {
    withLongestTaskMs: number;
    withTbtMs: number;
    withoutLongestTaskMs: number;
    withoutTbtMs: number;
  };
  startup: Record<string, number> | null;
  /** Crosscheck's runs; the others' counts are in `raw`. */
  n: number;
}

function summarize(c: Cell): Summary {
  const m = (w: Exclude<Contender, 'none'>, f: (s: Sample) => number) =>
    r2(median(c.runs[w].map(f)));
  const n = c.runs.crosscheck.length;
  // Within a run when both ran every run; a contender measured once is set against the median.
  const ratios = (a: Exclude<Contender, 'none'>, b: Exclude<Contender, 'none'>) =>
    c.runs[a].length > 1 && c.runs[b].length > 1
      ? r2(
          median(
            Array.from(
              { length: Math.min(c.runs[a].length, c.runs[b].length) },
              (_, i) => c.runs[a][i]!.ms / c.runs[b][i]!.ms,
            ),
          ),
        )
      : r2(median(c.runs[a].map((s) => s.ms)) / median(c.runs[b].map((s) => s.ms)));
  const startups = c.runs.crosscheck
    .map((s) => s.startup)
    .filter((s): s is Record<string, number> => !!s);
  const startup = startups.length
    ? Object.fromEntries(
        Object.keys(startups[0]!).map((k) => [k, r2(median(startups.map((s) => s[k] ?? NaN)))]),
      )
    : null;
  const floor = c.runs.floor[0];
  return {
    page: c.page,
    seed: c.seed,
    terms: c.terms,
    chars: floor?.chars ?? 0,
    textNodes: floor?.textNodes ?? 0,
    ms: {
      crosscheck: m('crosscheck', (s) => s.ms),
      markjs: m('markjs', (s) => s.ms),
      advanced: m('advanced', (s) => s.ms),
      floor: m('floor', (s) => s.ms),
    },
    crosscheckScanMs: m('crosscheck', (s) => s.selfReportedMs),
    crosscheckLongestRunMs: m('crosscheck', (s) => s.longestRunMs),
    crosscheckLongestTaskOursMs: m('crosscheck', (s) => s.longestTaskOursMs ?? NaN),
    crosscheckMaxLongestTaskOursMs: r2(
      Math.max(0, ...c.runs.crosscheck.map((s) => s.longestTaskOursMs ?? 0)),
    ),
    matches: {
      crosscheck: m('crosscheck', (s) => s.matches),
      markjs: m('markjs', (s) => s.matches),
      advanced: m('advanced', (s) => s.matches),
    },
    ratio: {
      markjsOverCrosscheck: ratios('markjs', 'crosscheck'),
      advancedOverCrosscheck: ratios('advanced', 'crosscheck'),
      crosscheckOverFloor: ratios('crosscheck', 'floor'),
    },
    layoutStyleMs: {
      crosscheck: m('crosscheck', (s) => s.layoutStyleMs),
      markjs: m('markjs', (s) => s.layoutStyleMs),
      advanced: m('advanced', (s) => s.layoutStyleMs),
      none: r2(median(c.none.map((s) => s.layoutStyleMs))),
    },
    mainThread: {
      withLongestTaskMs: m('crosscheck', (s) => s.longestTaskMs),
      withTbtMs: m('crosscheck', (s) => s.tbtMs),
      withoutLongestTaskMs: r2(median(c.none.map((s) => s.longestTaskMs))),
      withoutTbtMs: r2(median(c.none.map((s) => s.tbtMs))),
    },
    startup,
    n,
  };
}

function printTable(rows: Summary[]) {
  console.log(
    '\n| page | terms | chars | Crosscheck ms (scan) | mark.js ms | advanced-mark.js ms | floor ms | mark.js ÷ CC | adv ÷ CC | CC ÷ floor | matches CC / mark / adv |',
  );
  console.log('|---|---|---|---|---|---|---|---|---|---|---|');
  for (const r of rows)
    console.log(
      `| ${r.page}${r.seed ? ' + seed' : ''} | ${r.terms} | ${r.chars} | ${r.ms.crosscheck} (${r.crosscheckScanMs}) | ${r.ms.markjs} | ${r.ms.advanced} | ${r.ms.floor} | ${r.ratio.markjsOverCrosscheck} | ${r.ratio.advancedOverCrosscheck} | ${r.ratio.crosscheckOverFloor} | ${r.matches.crosscheck} / ${r.matches.markjs} / ${r.matches.advanced} |`,
    );
}

if (process.argv[1]?.endsWith('page-bench.ts'))
  main().catch((e: unknown) => {
    console.error(e);
    process.exit(1);
  });
