/**
 * The benchmark's other sections (issue 12 §3, §4, §7): the hostile pages of issue 11 §6 (main
 * thread with and without the extension), hover latency, bundle sizes.
 */
import { execSync } from 'node:child_process';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative, resolve } from 'node:path';
import { gzipSync } from 'node:zlib';
import type { BrowserContext, Page } from '@playwright/test';
import { ContentWorld } from '../e2e/content-world';
import { type FixtureServer, seedArticleHtml } from '../e2e/page-fixtures';
import { attribute, type Hotspot, hotspots } from './profile';
import { extensionTasks, traced } from './tasks';
import { DEFAULT_SETTINGS } from '../../lib/settings';
import { median, profiled, quiet, r2, settle, worker } from './page-bench';

/** The stored settings' default hover delay (lib/settings.ts), which the bench does not change. */
const HOVER_DELAY_MS = DEFAULT_SETTINGS.hoverDelayMs;
const ARTICLE = seedArticleHtml('004_c93d6edeff217837.txt', 0, 12);

/** The hostile pages: what each does to the document. */
export function hostilePages(): Record<string, string> {
  const words = 'the river rose again overnight and the bridge stayed closed to traffic ';
  const huge = words.repeat(Math.ceil(20_000_000 / words.length));
  let nested = '';
  for (let i = 0; i < 5000; i++) nested += '<div>';
  nested += ARTICLE;
  for (let i = 0; i < 5000; i++) nested += '</div>';
  const paragraph = JSON.stringify(seedArticleHtml('001_074ba2d5ecaae0ac.txt', 2, 3));
  return {
    // 100 paragraphs every 10 ms for 3 s: 10,000 nodes a second, each with names in it.
    'flood 10,000 nodes/s': `<main>${ARTICLE}</main><script>
      let n = 0;
      const t = setInterval(() => {
        const frag = document.createDocumentFragment();
        for (let i = 0; i < 100; i++) {
          const d = document.createElement('div');
          d.innerHTML = ${paragraph};
          frag.append(d);
        }
        document.querySelector('main').append(frag);
        if (++n === 300) { clearInterval(t); window.__floodDone = true; }
      }, 10);
    </script>`,
    'nesting 5,000 levels': nested,
    'text node of 20 MB': `<main>${ARTICLE}<p>${huge}</p></main>`,
  };
}

/**
 * Each hostile page with and without the extension: the tab's longest task and total blocking
 * time, and the extension's own longest run of profile samples.
 */
export async function hostileCases(
  plain: BrowserContext,
  ext: BrowserContext,
  server: FixtureServer,
  runs: number,
  log: (s: string) => void,
) {
  const out: Record<string, unknown> = {};
  for (const [name, body] of Object.entries(hostilePages())) {
    const url = server.html(
      `/hostile/${name.replace(/\W+/g, '-')}.html`,
      `<!doctype html><html><body>${body}</body></html>`,
    );
    const rows: Record<'with' | 'without', Array<Record<string, number>>> = {
      with: [],
      without: [],
    };
    for (let run = 0; run < Math.min(runs, 2) + 1; run++) {
      for (const which of run % 2
        ? (['without', 'with'] as const)
        : (['with', 'without'] as const)) {
        const context = which === 'with' ? ext : plain;
        const page = await context.newPage();
        await page.goto(`${server.origin}/bench/blank.html`);
        const cdp = await context.newCDPSession(page);
        const {
          events,
          value: { profile, value },
        } = await traced(cdp, () =>
          profiled(cdp, async () => {
            await page.goto(url, { waitUntil: 'load', timeout: 120_000 });
            if (name.startsWith('flood'))
              await page.waitForFunction(
                () => (window as unknown as { __floodDone?: boolean }).__floodDone,
                null,
                { timeout: 60_000 },
              );
            await quiet(page, { startup: which === 'with' });
            const tasks = await page.evaluate(
              () => (window as unknown as { __longTasks: number[] }).__longTasks,
            );
            const scans = await page.evaluate(() =>
              (performance.getEntriesByName('crosscheck:scan') as PerformanceMark[]).map(
                (m) => m.detail as Record<string, number>,
              ),
            );
            return { tasks, scans };
          }),
        );
        const ours = (u: string) => u.startsWith('chrome-extension://');
        const a = attribute(profile, ours);
        const t = extensionTasks(events, profile, ours);
        await page.close();
        if (run === 0) continue; // warm-up
        rows[which].push({
          longestTaskMs: Math.max(0, ...value.tasks),
          tbtMs: value.tasks.reduce((s, x) => s + Math.max(0, x - 50), 0),
          extensionMs: a.ms,
          extensionLongestRunMs: a.longestRunMs,
          extensionLongestTaskOursMs: t.longestOursMs,
          extensionTasksOver50: t.over50,
          scans: value.scans.length,
          longestSliceMs: Math.max(0, ...value.scans.map((s) => s.longestSliceMs ?? 0)),
        });
      }
    }
    const med = (w: 'with' | 'without', k: string) => r2(median(rows[w].map((r) => r[k]!)));
    out[name] = {
      with: {
        longestTaskMs: med('with', 'longestTaskMs'),
        tbtMs: med('with', 'tbtMs'),
        extensionMs: med('with', 'extensionMs'),
        extensionLongestRunMs: med('with', 'extensionLongestRunMs'),
        maxExtensionLongestRunMs: r2(Math.max(...rows.with.map((r) => r.extensionLongestRunMs!))),
        extensionLongestTaskOursMs: med('with', 'extensionLongestTaskOursMs'),
        maxExtensionLongestTaskOursMs: r2(
          Math.max(...rows.with.map((r) => r.extensionLongestTaskOursMs!)),
        ),
        extensionTasksOver50: med('with', 'extensionTasksOver50'),
        longestScanSliceMs: med('with', 'longestSliceMs'),
        scans: med('with', 'scans'),
      },
      without: { longestTaskMs: med('without', 'longestTaskMs'), tbtMs: med('without', 'tbtMs') },
      raw: rows,
    };
    log(`${name}: ${JSON.stringify(out[name]).slice(0, 300)}`);
  }
  return out;
}

async function poll<T>(fn: () => Promise<T>, ok: (v: T) => boolean, timeout = 10_000): Promise<T> {
  const end = Date.now() + timeout;
  for (;;) {
    const v = await fn();
    if (ok(v) || Date.now() > end) return v;
    await new Promise((r) => setTimeout(r, 20));
  }
}

/**
 * From the end of the hover intent (the controller asks the card to show) to the card in a
 * painted frame, and to its data in it: p50/p95 over `count` hovers on a page with a seed
 * article, each on a mention in view, the pointer moved off between hovers. Also from the
 * pointer's last move to the card on screen, less the hover delay: what the reader waits beyond
 * the delay, whatever the intent counts as its end.
 */
export async function hoverLatency(
  ext: BrowserContext,
  server: FixtureServer,
  log: (s: string) => void,
  count = 30,
) {
  const extensionId = new URL((await worker(ext)).url()).host;
  const page: Page = await ext.newPage();
  const world = await ContentWorld.attach(page, extensionId);
  await page.goto(server.seeded('bbc-1', '001_074ba2d5ecaae0ac.txt'));
  await page.waitForFunction(
    () => performance.getEntriesByName('crosscheck:startup').length > 0,
    null,
    { timeout: 60_000 },
  );
  const visible: number[] = [];
  const ready: number[] = [];
  /** From the pointer's last move (its event's time) to the card on screen, less the delay. */
  const rest: number[] = [];
  // The page's own world hears the same trusted moves; their times share the tab's clock.
  await page.evaluate(() =>
    addEventListener(
      'pointermove',
      (e) => ((window as unknown as { __lastMove: number }).__lastMove = e.timeStamp),
      true,
    ),
  );
  const cards = () => page.evaluate(() => performance.getEntriesByName('crosscheck:card').length);
  // The mentions of the seed article, one per distinct name first, then again.
  const all = (await world.underlined()).filter((m) => m.seeded);
  const distinct = [...new Map(all.map((m) => [m.entityId, m])).values()];
  for (let i = 0; i < count && distinct.length > 0; i++) {
    const target = distinct[i % distinct.length]!;
    await page.mouse.move(2, 2);
    await poll(
      () => world.card(),
      (c) => c === null,
    );
    await poll(
      () => world.intentPending(),
      (p) => !p,
    );
    const fresh = (await world.underlined(target.text)).find((m) => m.entityId === target.entityId);
    if (!fresh) continue;
    if (fresh.y < 10 || fresh.y > 780) {
      await page.evaluate((y) => window.scrollBy(0, y - window.innerHeight / 2), fresh.y);
      await settle(page);
    }
    const here = (await world.underlined(target.text)).find((m) => m.entityId === target.entityId)!;
    const before = await cards();
    await page.mouse.move(here.x, here.y, { steps: 2 });
    const after = await poll(cards, (n) => n > before, 10_000);
    if (after <= before) continue;
    const d = await page.evaluate(() => {
      const mark = (performance.getEntriesByName('crosscheck:card') as PerformanceMark[]).at(-1)!;
      const { visibleMs, readyMs } = mark.detail as { visibleMs: number; readyMs: number };
      // The mark is made when the data is in: the card was asked for readyMs before it.
      const visibleAt = mark.startTime - readyMs + visibleMs;
      const lastMove = (window as unknown as { __lastMove: number }).__lastMove;
      return { visibleMs, readyMs, restMs: visibleAt - lastMove };
    });
    visible.push(d.visibleMs);
    ready.push(d.readyMs);
    rest.push(d.restMs - HOVER_DELAY_MS);
  }
  await page.close();
  const pct = (xs: number[], p: number) => {
    const s = [...xs].sort((a, b) => a - b);
    return s.length ? r2(s[Math.min(s.length - 1, Math.ceil((p / 100) * s.length) - 1)]!) : NaN;
  };
  const out = {
    hovers: visible.length,
    visibleP50Ms: pct(visible, 50),
    visibleP95Ms: pct(visible, 95),
    readyP50Ms: pct(ready, 50),
    readyP95Ms: pct(ready, 95),
    restP50Ms: pct(rest, 50),
    restP95Ms: pct(rest, 95),
    raw: { visible, ready, rest },
  };
  log(`hover: ${JSON.stringify({ ...out, raw: undefined })}`);
  return out;
}

function files(dir: string): string[] {
  return readdirSync(dir).flatMap((n) => {
    const p = join(dir, n);
    return statSync(p).isDirectory() ? files(p) : [p];
  });
}

/** Raw and gzip sizes of the shipped build's scripts (built without the benchmark's marks). */
export function bundleSizes(_benchDir: string) {
  const out = resolve('.output-size');
  execSync('npx wxt build', { env: { ...process.env, CROSSCHECK_OUT_DIR: out }, stdio: 'ignore' });
  const dir = join(out, 'chrome-mv3');
  const sizes: Record<string, { raw: number; gzip: number }> = {};
  for (const f of files(dir).filter((f) => /\.(js|css|html)$/.test(f))) {
    const buf = readFileSync(f);
    sizes[relative(dir, f)] = { raw: buf.length, gzip: gzipSync(buf, { level: 9 }).length };
  }
  return sizes;
}

/**
 * Rescans (issue 12 §5): a page with a seed article appends k paragraphs at once (infinite
 * scroll), k = 10, 100, 1,000; each append is followed until its scan pass is reported, profiled.
 * What it cost (the extension's profiled time, the pass's text nodes and characters) should grow
 * with k, not with the page. Then the extension's own changes (underlines drawn while scrolling,
 * a card opened and closed) must start no scan.
 */
export async function rescanCosts(
  ext: BrowserContext,
  server: FixtureServer,
  log: (s: string) => void,
  ks = [10, 100, 1000],
  repeats = 3,
) {
  const extensionId = new URL((await worker(ext)).url()).host;
  const paragraph = seedArticleHtml('001_074ba2d5ecaae0ac.txt', 2, 3);
  const appends: Array<Record<string, number>> = [];
  /** Where the first append of each size went, per function of ours. */
  const hot: Record<number, Hotspot[]> = {};
  const page: Page = await ext.newPage();
  const world = await ContentWorld.attach(page, extensionId);
  await page.goto(server.seeded('nytimes-1', '004_c93d6edeff217837.txt'));
  await world.waitForScan();
  await settle(page);
  const cdp = await ext.newCDPSession(page);
  for (let r = 0; r < repeats; r++)
    for (const k of ks) {
      const before = await world.scans();
      const { profile, value } = await profiled(cdp, async () => {
        await page.evaluate(
          ({ k, html }) => {
            const frag = document.createDocumentFragment();
            for (let i = 0; i < k; i++) {
              const d = document.createElement('div');
              d.innerHTML = html;
              frag.append(d);
            }
            document.body.append(frag);
          },
          { k, html: paragraph },
        );
        const scan = await world.waitForScan(before);
        await settle(page);
        return scan;
      });
      const a = attribute(profile, (u) => u.startsWith('chrome-extension://'));
      appends.push({
        k,
        extensionMs: r2(a.ms),
        longestRunMs: r2(a.longestRunMs),
        scanMs: value.ms,
        textNodes: value.textNodes,
        chars: value.chars,
        passes: (await world.scans()) - before,
      });
      if (r === 0)
        hot[k] = hotspots(profile, (u) => u.startsWith('chrome-extension://'), 8).ownCode;
    }
  // Our own changes: scroll (underlines drawn and removed), open and close a card.
  const scansBefore = await world.scans();
  await page.evaluate(() => window.scrollBy(0, 2000));
  await settle(page);
  await page.evaluate(() => window.scrollTo(0, 0));
  await settle(page);
  const target = (await world.underlined()).find((m) => m.y > 10 && m.y < 780);
  let cardOpened = false;
  if (target) {
    await page.mouse.move(target.x, target.y, { steps: 2 });
    cardOpened = await world
      .waitForCard()
      .then(() => true)
      .catch(() => false);
    await page.mouse.move(2, 2);
    await world.waitForNoCard().catch(() => undefined);
  }
  await page.waitForTimeout(500); // past the mutation debounce: a scan would have started
  await settle(page);
  const ownChangeScans = (await world.scans()) - scansBefore;
  await page.close();
  const byK = ks.map((k) => {
    const rows = appends.filter((a) => a.k === k);
    const med = (f: string) => r2(median(rows.map((x) => x[f]!)));
    return {
      k,
      extensionMs: med('extensionMs'),
      scanMs: med('scanMs'),
      textNodes: med('textNodes'),
      chars: med('chars'),
      longestRunMs: med('longestRunMs'),
    };
  });
  const out = { byK, ownChangeScans, cardOpened, hotspots: hot, raw: appends };
  log(`rescans: ${JSON.stringify({ byK, ownChangeScans, cardOpened })}`);
  return out;
}
