/**
 * `npm run bench:painter -- <extension dir A> <extension dir B> [runs]`: what each build of the
 * content script costs a real page in Chromium, side by side (e.g. the CSS Custom Highlight
 * painter against the closed-shadow-root overlay). Both builds must publish `crosscheck:scan`
 * marks (build with WXT_CROSSCHECK_SCAN_MARKS=1).
 *
 * For each page (as it is, and with a seed article inside), runs interleave: no extension, A, B.
 * Costs are Chromium's own counters (CDP Performance.getMetrics: script, layout and style time
 * of the tab) with the extension minus without it, over two phases: loading until the scan and
 * the first paint of underlines are done, then scrolling the page in 20 steps of 400 px.
 * Medians of `runs` (default 5) after a warm-up; the machine's load is printed with them.
 */
import { loadavg, cpus } from 'node:os';
import { type BrowserContext, chromium, type Page } from '@playwright/test';
import { chromiumPath } from '../e2e/browser';
import { type FixtureServer, type RealPage, startFixtureServer } from '../e2e/page-fixtures';

const PAGES: Array<[RealPage, string | null]> = [
  ['nytimes-1', null],
  ['yahoo-2', null],
  ['nytimes-1', '001_074ba2d5ecaae0ac.txt'],
  ['yahoo-2', '000_d6dda6e572868f38.txt'],
  ['bbc-1', '004_c93d6edeff217837.txt'],
];

type Metrics = Record<'script' | 'layout' | 'style', number>;

async function launch(dir: string | null): Promise<BrowserContext> {
  const args = ['--no-sandbox', '--disable-background-networking', '--disable-component-update'];
  if (dir) args.push(`--disable-extensions-except=${dir}`, `--load-extension=${dir}`);
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
  if (dir) {
    const worker = context.serviceWorkers()[0] ?? (await context.waitForEvent('serviceworker'));
    // The same work for both builds: every mention, anywhere on the page (builds from before
    // these settings existed ignore the one they do not know).
    await worker.evaluate(async () => {
      // eslint-disable-next-line @typescript-eslint/no-explicit-any -- chrome is untyped in the worker here
      const c = (globalThis as any).chrome;
      const { settings } = await c.storage.local.get('settings');
      await c.storage.local.set({ settings: { ...settings, mentions: 'all', scope: 'page' } });
    });
  }
  return context;
}

/** Chromium's counters for a tab; they count from `Performance.enable`, so enable first. */
async function counters(page: Page): Promise<() => Promise<Metrics>> {
  const cdp = await page.context().newCDPSession(page);
  await cdp.send('Performance.enable');
  return async () => {
    const { metrics } = (await cdp.send('Performance.getMetrics')) as {
      metrics: Array<{ name: string; value: number }>;
    };
    const get = (n: string) => (metrics.find((m) => m.name === n)?.value ?? 0) * 1000;
    return {
      script: get('ScriptDuration'),
      layout: get('LayoutDuration'),
      style: get('RecalcStyleDuration'),
    };
  };
}

/** Two animation frames and an idle period: the overlay measures in frames after the scan. */
const settle = (page: Page) =>
  page.evaluate(
    () =>
      new Promise<void>((done) =>
        requestAnimationFrame(() =>
          requestAnimationFrame(() => requestIdleCallback(() => done(), { timeout: 2000 })),
        ),
      ),
  );

async function run(
  context: BrowserContext,
  url: string,
  extension: boolean,
): Promise<{ load: Metrics; scroll: Metrics; matches: number }> {
  const page = await context.newPage();
  const metrics = await counters(page);
  await page.goto(url, { waitUntil: 'load' });
  let matches = 0;
  if (extension) {
    await page.waitForFunction(
      () => performance.getEntriesByName('crosscheck:scan').length > 0,
      null,
      {
        timeout: 30_000,
      },
    );
    matches = await page.evaluate(
      () =>
        (performance.getEntriesByName('crosscheck:scan')[0] as PerformanceMark).detail
          .matches as number,
    );
  }
  await settle(page);
  await settle(page);
  const load = await metrics();
  for (let i = 0; i < 20; i++) {
    await page.evaluate(() => window.scrollBy(0, 400));
    await settle(page);
  }
  const after = await metrics();
  await page.close();
  const scroll = {
    script: after.script - load.script,
    layout: after.layout - load.layout,
    style: after.style - load.style,
  };
  return { load, scroll, matches };
}

const median = (xs: number[]) => {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)] ?? 0;
};
const total = (m: Metrics) => m.script + m.layout + m.style;

async function main() {
  const [dirA, dirB, runsArg] = process.argv.slice(2);
  if (!dirA || !dirB) {
    console.error('usage: bench:painter <extension dir A> <extension dir B> [runs]');
    process.exit(1);
  }
  const runs = Number(runsArg ?? 5);
  const server: FixtureServer = await startFixtureServer();
  const contexts = {
    none: await launch(null),
    A: await launch(dirA),
    B: await launch(dirB),
  };
  console.log(
    `painter bench: ${runs} runs + warm-up, ${cpus().length} CPUs, load ${loadavg()
      .map((l) => l.toFixed(2))
      .join(' ')}\nA = ${dirA}\nB = ${dirB}\n`,
  );
  console.log(
    'page                              matches A/B   load: A ms  B ms   scroll: A ms  B ms   (extension cost: script+layout+style, medians)',
  );
  for (const [name, seed] of PAGES) {
    const url = seed ? server.seeded(name, seed) : server.real(name);
    type Cost = { load: number[]; scroll: number[]; parts: Metrics[]; matches: number };
    const cost: Record<'A' | 'B', Cost> = {
      A: { load: [], scroll: [], parts: [], matches: 0 },
      B: { load: [], scroll: [], parts: [], matches: 0 },
    };
    for (let i = 0; i <= runs; i++) {
      const base = await run(contexts.none, url, false);
      for (const k of ['A', 'B'] as const) {
        const r = await run(contexts[k], url, true);
        if (i === 0) continue; // warm-up
        cost[k].load.push(total(r.load) - total(base.load));
        cost[k].scroll.push(total(r.scroll) - total(base.scroll));
        cost[k].parts.push({
          script: r.load.script + r.scroll.script - base.load.script - base.scroll.script,
          layout: r.load.layout + r.scroll.layout - base.load.layout - base.scroll.layout,
          style: r.load.style + r.scroll.style - base.load.style - base.scroll.style,
        });
        cost[k].matches = r.matches;
      }
    }
    const f = (x: number) => x.toFixed(1).padStart(6);
    console.log(
      `${`${name}${seed ? ' + seed' : ''}`.padEnd(34)}${`${cost.A.matches}/${cost.B.matches}`.padEnd(13)}` +
        `${f(median(cost.A.load))} ${f(median(cost.B.load))}        ${f(median(cost.A.scroll))} ${f(median(cost.B.scroll))}` +
        `   ${(['A', 'B'] as const)
          .map((k) => {
            const part = (n: keyof Metrics) => median(cost[k].parts.map((p) => p[n])).toFixed(0);
            return `${k} script/layout/style ${part('script')}/${part('layout')}/${part('style')}`;
          })
          .join('  ')}`,
    );
  }
  for (const c of Object.values(contexts)) await c.close();
  await server.close();
}

void main();
