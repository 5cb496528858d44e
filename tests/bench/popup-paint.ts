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
 * Usage: npx tsx tests/bench/popup-paint.ts [--sizes 1000] [--runs 7] [--restarts 3]
 *        [--label after] [--out tests/bench/results-corpus-read.json]   (after `npx wxt build`)
 */
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { cpus, loadavg } from 'node:os';
import { join } from 'node:path';
import type { Page } from '@playwright/test';
import { CORPUS_TABLES } from '../../lib/db';
import { cachedCorpus, ROOT } from './corpus-make';

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
const round = (x: number) => Math.round(x * 10) / 10;
const quantile = (xs: readonly number[], q: number) => {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.max(0, Math.ceil(q * s.length) - 1))] ?? NaN;
};

const { launchWithExtension, EXTENSION_DIR } = await import('../e2e/browser');

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
}

/** Opens the popup and waits for its list: times from its navigation start. */
async function openPopup(page: Page, url: string): Promise<Paint> {
  // A page in the background gets no animation frames: the popup is in front when it opens.
  await page.bringToFront();
  await page.goto(url);
  try {
    await page.waitForFunction(
      () => (window as unknown as { __listPaint?: unknown }).__listPaint,
      undefined,
      { timeout: 60_000, polling: 50 },
    );
  } catch (e) {
    console.log((await page.innerText('body')).slice(0, 400));
    throw e;
  }
  return page.evaluate(() => {
    const p = (
      window as unknown as {
        __listPaint: { dom: number; painted: number; frameDone: number; early: boolean };
      }
    ).__listPaint;
    const mark = performance.getEntriesByName('crosscheck:list-painted')[0]?.startTime ?? null;
    const nav = performance.getEntriesByType('navigation')[0] as PerformanceNavigationTiming;
    return {
      ...p,
      parsed: nav.domInteractive,
      mark,
      rows: document.querySelectorAll('.disc-list li').length,
    };
  });
}

async function measure(n: number) {
  const corpus = cachedCorpus(n);
  const session = await launchWithExtension();
  const { context, extensionId, worker } = session;
  // A string, not a function: tsx's helpers (__name) do not exist in the page.
  await context.addInitScript(`
    if (location.pathname.endsWith('/popup.html')) {
      window.__listPaint = null;
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
  `);
  const url = `chrome-extension://${extensionId}/popup.html`;
  const page = await context.newPage();
  // The seeds are in once the popup counts them.
  await page.goto(url);
  await page.getByTestId('count-sources').waitFor({ timeout: 120_000 });
  const seedsText = await page.getByTestId('count-sources').innerText();

  // The corpus, straight into the extension's database, a table at a time in chunks.
  const t0 = performance.now();
  for (const table of CORPUS_TABLES) {
    const rows = (corpus[table] as unknown[]).map((r) =>
      table === 'sources' ? { ...(r as object), addedAt: 1 } : r,
    );
    for (let at = 0; at < rows.length; at += 3000) {
      await worker.evaluate(
        async ({ table, rows }) => {
          const db = await new Promise<IDBDatabase>((ok, fail) => {
            const r = indexedDB.open('crosscheck');
            r.onsuccess = () => ok(r.result);
            r.onerror = () => fail(r.error);
          });
          const tx = db.transaction([table], 'readwrite');
          for (const row of rows) tx.objectStore(table).put(row);
          await new Promise((ok, fail) => {
            tx.oncomplete = ok;
            tx.onerror = () => fail(tx.error);
          });
          db.close();
        },
        { table, rows: rows.slice(at, at + 3000) },
      );
    }
  }
  // A new corpus version, as every change writes: the background's caches start over.
  await worker.evaluate(async () => {
    const db = await new Promise<IDBDatabase>((ok, fail) => {
      const r = indexedDB.open('crosscheck');
      r.onsuccess = () => ok(r.result);
      r.onerror = () => fail(r.error);
    });
    const tx = db.transaction(['meta'], 'readwrite');
    const meta = tx.objectStore('meta');
    const get = meta.get('dictionaryVersion');
    get.onsuccess = () => {
      const v = (get.result as { value?: unknown } | undefined)?.value;
      meta.put({ id: 'dictionaryVersion', value: (typeof v === 'number' ? v : 0) + 1 });
    };
    await new Promise((ok) => (tx.oncomplete = ok));
    db.close();
  });
  const fillMs = performance.now() - t0;
  console.log(`[${n}] filled in ${Math.round(fillMs)} ms (seeds: ${seedsText})`);

  const first = await openPopup(page, url);
  const sourcesText = await page.getByTestId('count-sources').innerText();
  const warm: Paint[] = [];
  for (let i = 0; i < RUNS; i++) {
    const p = await context.newPage();
    warm.push(await openPopup(p, url));
    await p.close();
  }
  // The worker stopped (idle, or by the browser): the next popup wakes a fresh one.
  const cdp = await context.newCDPSession(page);
  await cdp.send('ServiceWorker.enable');
  const restarts: Paint[] = [];
  for (let i = 0; i < RESTARTS; i++) {
    await cdp.send('ServiceWorker.stopAllWorkers');
    const p = await context.newPage();
    restarts.push(await openPopup(p, url));
    await p.close();
  }
  await context.close();
  const stat = (key: 'dom' | 'painted' | 'frameDone' | 'parsed') => ({
    p50: round(
      quantile(
        warm.map((w) => w[key]),
        0.5,
      ),
    ),
    p95: round(
      quantile(
        warm.map((w) => w[key]),
        0.95,
      ),
    ),
  });
  return {
    sources: n,
    shown: sourcesText,
    rowsPainted: first.rows,
    firstOpen: { dom: round(first.dom), painted: round(first.painted), mark: first.mark },
    warmDom: stat('dom'),
    warmPainted: stat('painted'),
    warmFrameDone: stat('frameDone'),
    warmParsed: stat('parsed'),
    warm: warm.map((w) => ({
      dom: round(w.dom),
      frameDone: round(w.frameDone),
      painted: round(w.painted),
      parsed: round(w.parsed),
      early: w.early,
    })),
    warmMarks: warm.map((w) => (w.mark === null ? null : round(w.mark))),
    runs: RUNS,
    afterWorkerStop: restarts.map((r) => ({
      dom: round(r.dom),
      painted: round(r.painted),
      early: r.early,
    })),
  };
}

const results = [];
for (const n of SIZES) {
  const r = await measure(n);
  console.log(JSON.stringify(r));
  results.push(r);
}
const previous = existsSync(OUT)
  ? (JSON.parse(readFileSync(OUT, 'utf8')) as Record<string, unknown>)
  : {};
const chromium = JSON.parse(readFileSync(join(EXTENSION_DIR, 'manifest.json'), 'utf8')) as {
  version?: string;
};
writeFileSync(
  OUT,
  `${JSON.stringify(
    {
      ...previous,
      [`popup paint, ${LABEL}`]: {
        date: new Date().toISOString(),
        extension: EXTENSION_DIR,
        extensionVersion: chromium.version ?? null,
        cpus: cpus().length,
        load: loadavg().map(round),
        results,
      },
    },
    null,
    2,
  )}\n`,
);
console.log(`written to ${OUT} (load ${loadavg().map(round).join(' ')})`);
