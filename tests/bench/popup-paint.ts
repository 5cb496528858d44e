/**
 * The popup's discrepancy list painted, in Chromium, against a database of N more sources
 * (issue 12, item 6: "popup open to first paint of the discrepancy list"). The built extension
 * (.output/chrome-mv3, or CROSSCHECK_OUT_DIR) is loaded; once its seeds are in, the corpus of
 * tests/bench/corpus-make.ts (the batch build of N generated sources) is written into its
 * IndexedDB from the service worker, and the corpus version bumped, as a change would.
 *
 * Measured from the popup page's navigation start (the popup opening): the first list row (or
 * the list's empty state) in the DOM, and the next frame after it: `frameDone`, the first task
 * after that frame (a user-blocking task asked for in it), and `painted`, a timeout asked for in
 * it (later: the popup's own tasks queued by then run first). `parsed`: the popup's document
 * parsed, a part of its own start that no code of ours runs in; `early`: whether that frame
 * painted the early script's DOM (the kept rows drawn before the app loads). The first open
 * after the fill is apart (the background computes the stories, the summary and the list for
 * the new corpus), then warm opens, then opens right after the service worker was stopped (as
 * the browser stops an idle one: the popup wakes it). Every popup stands for a tab with no web
 * page, as a click on the toolbar button over a browser page would.
 *
 * `--builds .output-old,.output` compares built extensions in the same run: each is started and
 * filled once, then their opens alternate (old, new, new, old, …), so both meet the same load;
 * `load` is recorded at each open. `usable` is the app's own mark (its list rendered by the app:
 * the popup takes input). `messages` are the popup's requests to the background, sent and
 * answered (ms from the navigation start). `--traces k` adds k traced opens per build at the end
 * and prints where their time went (tests/bench/popup-timeline.ts; `--samples` adds self times per function, `--trace-out prefix` keeps the
 * traces).
 *
 * Usage: npx tsx tests/bench/popup-paint.ts [--sizes 1000] [--runs 7] [--restarts 3]
 *        [--builds .output-old,.output] [--traces 0] [--trace-out /tmp/popup]
 *        [--label after] [--out tests/bench/results-corpus-read.json] [--timeout 60000]
 *        (after `npx wxt build`)
 */
import { writeFileSync } from 'node:fs';
import { loadavg } from 'node:os';
import { join } from 'node:path';
import type { BrowserContext, Page } from '@playwright/test';
import { ROOT } from './corpus-make';
import { keepResults } from './results-file';
import { buildLabel, buildsOf, fill } from './extension-corpus';
import { popupTimeline, selfTimes } from './popup-timeline';
import { traced } from './tasks';

/** The popup's mark for its first painted row (LIST_PAINTED_MARK in PopupApp.tsx). */
const END_MARK = 'crosscheck:list-painted';

function arg(name: string, fallback: string): string {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 && process.argv[i + 1] ? process.argv[i + 1]! : fallback;
}
const SIZES = arg('sizes', '1000')
  .split(',')
  .map(Number)
  .filter((n) => n >= 0);
const RUNS = Number(arg('runs', '7'));
const RESTARTS = Number(arg('restarts', '3'));
const LABEL = arg('label', 'current');
const OUT = arg('out', join(ROOT, 'tests/bench/results-corpus-read.json'));
const TRACES = Number(arg('traces', '0'));
const TRACE_OUT = arg('trace-out', '');
/**
 * How long an open may take before the bench gives up, ms (`--timeout`): the first open after
 * the fill, and an open that wakes a stopped worker, compute the stories of the whole corpus
 * (minutes at 10,000 sources).
 */
const TIMEOUT = Number(arg('timeout', '60000'));
const round = (x: number) => Math.round(x * 10) / 10;
const quantile = (xs: readonly number[], q: number) => {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.max(0, Math.ceil(q * s.length) - 1))] ?? NaN;
};

const { launchWithExtension, EXTENSION_DIR } = await import('../e2e/browser');
const BUILDS = buildsOf(arg('builds', ''), EXTENSION_DIR);

interface Message {
  type: string;
  sent: number;
  /** When the answer came (negative: it failed), 0 if not yet. */
  got: number;
}

interface Paint {
  dom: number;
  painted: number;
  /** The first task after the frame that paints the rows (a user-blocking task asked for in it). */
  frameDone: number;
  /** The popup's own start: its document parsed, its module run (`crosscheck` marks aside). */
  parsed: number;
  mark: number | null;
  rows: number;
  /** Whether the frame that painted the first row was the early script's (before the app's). */
  early: boolean;
  messages: Message[];
  /** The 1-minute load average when the open started. */
  load: number;
}

/** Opens the popup and waits for its list: times from its navigation start. */
async function openPopup(page: Page, url: string): Promise<Paint> {
  const load = round(loadavg()[0]!);
  // A page in the background gets no animation frames: the popup is in front when it opens.
  await page.bringToFront();
  await page.goto(url);
  try {
    // The list painted (the bench's observer) and the app's own mark (the usable popup).
    await page.waitForFunction(
      (mark) => {
        const w = window as unknown as { __listPaint?: unknown; __messages?: Message[] };
        // The background's answers too (their times are reported): the kept answers come first.
        return (
          !!w.__listPaint &&
          performance.getEntriesByName(mark).length > 0 &&
          (w.__messages ?? []).every((m) => m.got !== 0)
        );
      },
      'crosscheck:list-painted',
      { timeout: TIMEOUT, polling: 50 },
    );
  } catch (e) {
    console.log((await page.innerText('body')).slice(0, 400));
    throw e;
  }
  const p = await page.evaluate(() => {
    const w = window as unknown as {
      __listPaint: { dom: number; painted: number; frameDone: number; early: boolean };
      __messages?: Message[];
    };
    const mark = performance.getEntriesByName('crosscheck:list-painted')[0]?.startTime ?? null;
    const nav = performance.getEntriesByType('navigation')[0] as PerformanceNavigationTiming;
    return {
      ...w.__listPaint,
      parsed: nav.domInteractive,
      mark,
      rows: document.querySelectorAll('.disc-list li').length,
      messages: w.__messages ?? [],
    };
  });
  return { ...p, load };
}

/** Marks the first list row painted; records the popup's requests to the background. */
const INIT_SCRIPT = `
  if (location.pathname.endsWith('/popup.html')) {
    window.__listPaint = null;
    window.__messages = [];
    const rt = globalThis.chrome && chrome.runtime;
    if (rt && rt.sendMessage) {
      const send = rt.sendMessage.bind(rt);
      rt.sendMessage = function (m, ...rest) {
        const rec = { type: String(m && m.type), sent: performance.now(), got: 0 };
        window.__messages.push(rec);
        const r = send(m, ...rest);
        if (r && r.then)
          r.then(() => { rec.got = performance.now(); }, () => { rec.got = -performance.now(); });
        return r;
      };
    }
    let seen = false;
    const check = function () {
      if (seen) return;
      const row = document.querySelector('.disc-list li');
      const empty = [...document.querySelectorAll('.discs p.muted')].some(
        (p) => !p.hasAttribute('aria-busy'),
      );
      if (!row && !empty) return;
      seen = true;
      const dom = performance.now();
      let frameDone = 0;
      let painted = 0;
      let early = false;
      const done = function () {
        if (frameDone && painted) window.__listPaint = { dom, painted, frameDone, early };
      };
      requestAnimationFrame(() => {
        // The DOM this frame paints: still the early script's (components/popup/early-frame.ts)?
        early = !!document.querySelector('main[data-early]');
        // Runs before the page's own tasks (effects, answers): right after this frame.
        if (window.scheduler && window.scheduler.postTask)
          window.scheduler.postTask(() => { frameDone = performance.now(); done(); }, { priority: 'user-blocking' });
        else frameDone = -1;
        setTimeout(() => { painted = performance.now(); done(); }, 0);
      });
    };
    new MutationObserver(check).observe(document, {
      subtree: true,
      childList: true,
      attributes: true,
    });
  }
`;

interface Build {
  dir: string;
  context: BrowserContext;
  page: Page;
  url: string;
  first: Paint;
  shown: string;
  warm: Paint[];
  restarts: Paint[];
}

/** Starts one build, fills its database with N sources and opens the popup once (the first open). */
async function prepare(dir: string, n: number): Promise<Build> {
  const { context, extensionId, worker } = await launchWithExtension({ dir });
  // A string, not a function: tsx's helpers (__name) do not exist in the page.
  await context.addInitScript(INIT_SCRIPT);
  const url = `chrome-extension://${extensionId}/popup.html`;
  const page = await context.newPage();
  // The seeds are in once the popup counts them.
  await page.goto(url);
  await page.getByTestId('count-sources').waitFor({ timeout: 120_000 });
  const seedsText = await page.getByTestId('count-sources').innerText();
  const t0 = performance.now();
  await fill(n, worker);
  console.log(
    `[${n}] ${buildLabel(dir)}: filled in ${Math.round(performance.now() - t0)} ms (seeds: ${seedsText})`,
  );
  const first = await openPopup(page, url);
  const shown = await page.getByTestId('count-sources').innerText();
  return { dir, context, page, url, first, shown, warm: [], restarts: [] };
}

/** A warm open in a new tab (closed after). */
async function openFresh(b: Build): Promise<Paint> {
  const p = await b.context.newPage();
  const r = await openPopup(p, b.url);
  await p.close();
  return r;
}

/** Opens under a trace; prints the timeline and the totals per kind. */
async function tracedOpen(b: Build, i: number) {
  const p = await b.context.newPage();
  const cdp = await b.context.newCDPSession(p);
  // Compiles, runs, user timing marks and the navigation start besides the rendering steps.
  const { events } = await traced(cdp, () => openPopup(p, b.url), [
    'v8',
    'v8.execute',
    'blink.user_timing',
    'loading',
    'blink',
    ...(process.argv.includes('--samples') ? ['disabled-by-default-v8.cpu_profiler'] : []),
  ]);
  await p.close();
  if (TRACE_OUT)
    writeFileSync(
      `${TRACE_OUT}-${buildLabel(b.dir)}-${i}.json`,
      JSON.stringify({ traceEvents: events }),
    );
  const t = popupTimeline(events as Parameters<typeof popupTimeline>[0]);
  console.log(`--- ${buildLabel(b.dir)}, traced open ${i + 1}`);
  if (!t) return console.log('(no popup navigation found in the trace)');
  console.log(t.lines.join('\n'));
  console.log('marks', JSON.stringify(t.marks));
  console.log('totals', JSON.stringify(t.totals));
  if (process.argv.includes('--samples'))
    console.log(
      selfTimes(events as Parameters<typeof selfTimes>[0], 0, t.marks[END_MARK] ?? Infinity).join(
        '\n',
      ),
    );
  return t;
}

type Key = 'dom' | 'painted' | 'frameDone' | 'parsed' | 'mark';
const stat = (xs: Paint[], key: Key) => {
  const v = xs.map((w) => w[key]).filter((x): x is number => typeof x === 'number');
  return { p50: round(quantile(v, 0.5)), p95: round(quantile(v, 0.95)) };
};
/** When the popup's answer of `type` came from the background (its first request of it). */
const answered = (p: Paint, type: string) => p.messages.find((m) => m.type === type)?.got ?? null;

function summary(b: Build, n: number) {
  const answer = (type: string) =>
    round(
      quantile(
        b.warm.map((w) => answered(w, type)).filter((x): x is number => x !== null),
        0.5,
      ),
    );
  return {
    build: buildLabel(b.dir),
    extension: b.dir,
    sources: n,
    shown: b.shown,
    rowsPainted: b.first.rows,
    firstOpen: { dom: round(b.first.dom), painted: round(b.first.painted), mark: b.first.mark },
    warmDom: stat(b.warm, 'dom'),
    warmPainted: stat(b.warm, 'painted'),
    warmFrameDone: stat(b.warm, 'frameDone'),
    warmParsed: stat(b.warm, 'parsed'),
    warmUsable: stat(b.warm, 'mark'),
    warmEarlyFrames: b.warm.filter((w) => w.early).length,
    warmListAnswered: answer('listDiscrepancies'),
    warmSummaryAnswered: answer('getSummary'),
    warmLoad: {
      min: Math.min(...b.warm.map((w) => w.load)),
      max: Math.max(...b.warm.map((w) => w.load)),
    },
    warm: b.warm.map((w) => ({
      dom: round(w.dom),
      frameDone: round(w.frameDone),
      painted: round(w.painted),
      parsed: round(w.parsed),
      usable: w.mark === null ? null : round(w.mark),
      early: w.early,
      load: w.load,
      messages: w.messages.map((m) => ({ type: m.type, sent: round(m.sent), got: round(m.got) })),
    })),
    warmMarks: b.warm.map((w) => (w.mark === null ? null : round(w.mark))),
    runs: RUNS,
    afterWorkerStop: b.restarts.map((r) => ({
      dom: round(r.dom),
      painted: round(r.painted),
      usable: r.mark === null ? null : round(r.mark),
      early: r.early,
    })),
  };
}

async function measure(n: number) {
  const builds: Build[] = [];
  for (const dir of BUILDS) builds.push(await prepare(dir, n));
  // Each round opens every build once, the order turning (ABBA…): both meet the same load.
  const order = (i: number) => (i % 2 ? [...builds].reverse() : builds);
  for (let i = 0; i < RUNS; i++) for (const b of order(i)) b.warm.push(await openFresh(b));
  // The worker stopped (idle, or by the browser): the next popup wakes a fresh one.
  for (let i = 0; i < RESTARTS; i++)
    for (const b of order(i)) {
      const cdp = await b.context.newCDPSession(b.page);
      await cdp.send('ServiceWorker.enable');
      await cdp.send('ServiceWorker.stopAllWorkers');
      await cdp.detach();
      b.restarts.push(await openFresh(b));
    }
  const traces: Record<string, unknown[]> = {};
  for (let i = 0; i < TRACES; i++)
    for (const b of order(i)) {
      const t = await tracedOpen(b, i);
      (traces[buildLabel(b.dir)] ??= []).push(t ? { totals: t.totals, marks: t.marks } : null);
    }
  for (const b of builds) await b.context.close();
  const out = builds.map((b) => summary(b, n));
  for (const o of out)
    console.log(
      `[${n}] ${o.build}: first row ${o.warmFrameDone.p50} (p95 ${o.warmFrameDone.p95}) ms, usable ${o.warmUsable.p50} (p95 ${o.warmUsable.p95}), parsed ${o.warmParsed.p50}, list answered ${o.warmListAnswered}, early frames ${o.warmEarlyFrames}/${RUNS}, load ${o.warmLoad.min}–${o.warmLoad.max}`,
    );
  return { builds: out, traces: TRACES ? traces : undefined };
}

const results = [];
const loadBefore = loadavg().map(round);
for (const n of SIZES) {
  const r = await measure(n);
  console.log(JSON.stringify(r.builds.map(({ warm: _w, ...rest }) => rest)));
  results.push({ sources: n, ...r });
}
keepResults(OUT, `popup paint, ${LABEL}`, {
  builds: BUILDS,
  load: { before: loadBefore, after: loadavg().map(round) },
  results,
});
console.log(`written to ${OUT} (load ${loadavg().map(round).join(' ')})`);
