/**
 * Where Crosscheck's time goes on one page: loads it with the benchmark build and a dictionary of
 * the given size, profiles the tab from before the navigation until the underlines are placed,
 * and prints the start-up mark, the scan marks, the longest run of the extension's samples and
 * its hotspots per function (tests/bench/profile.ts). A diagnostic, not part of the results.
 *
 * Usage: npx tsx tests/bench/profile-page.ts [--page yahoo-2 | --hostile 'text node of 20 MB']
 *   [--seed] [--terms 5000] [--loads 2]
 */
import { type FixtureServer, type RealPage, startFixtureServer } from '../e2e/page-fixtures';
import { hostilePages } from './page-bench-extra';
import {
  benchDictionaries,
  EXTENSION,
  installDictionary,
  launch,
  profiled,
  quiet,
} from './page-bench';
import { attribute, hotspots } from './profile';

function arg(name: string): string | null {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 ? (process.argv[i + 1] ?? '') : null;
}

function urlOf(server: FixtureServer): string {
  const hostile = arg('hostile');
  if (hostile) {
    const body = hostilePages()[hostile];
    if (!body) throw new Error(`No hostile page "${hostile}".`);
    return server.html(
      '/hostile/profiled.html',
      `<!doctype html><html><body>${body}</body></html>`,
    );
  }
  const page = (arg('page') ?? 'yahoo-2') as RealPage;
  return process.argv.includes('--seed')
    ? server.seeded(page, '000_d6dda6e572868f38.txt')
    : server.real(page);
}

async function main() {
  const terms = Number(arg('terms') ?? 60);
  const loads = Number(arg('loads') ?? 2);
  const server = await startFixtureServer();
  server.route('/bench/blank.html', '<!doctype html><title>blank</title>');
  const ext = await launch(EXTENSION);
  const dicts = await benchDictionaries(ext, server, [terms]);
  await installDictionary(ext, dicts.get(terms)!.dict);
  const url = urlOf(server);
  const flood = arg('hostile')?.startsWith('flood');
  for (let load = 0; load < loads; load++) {
    const page = await ext.newPage();
    await page.goto(`${server.origin}/bench/blank.html`);
    const cdp = await ext.newCDPSession(page);
    const { profile, value } = await profiled(cdp, async () => {
      await page.goto(url, { waitUntil: 'load', timeout: 120_000 });
      if (flood)
        await page.waitForFunction(
          () => (window as unknown as { __floodDone?: boolean }).__floodDone,
          null,
          { timeout: 120_000 },
        );
      await quiet(page, { startup: true });
      return page.evaluate(() => ({
        startup: (performance.getEntriesByName('crosscheck:startup')[0] as PerformanceMark)
          ?.detail as unknown,
        scans: (performance.getEntriesByName('crosscheck:scan') as PerformanceMark[]).map(
          (m) => m.detail as unknown,
        ),
        longTasks: (window as unknown as { __longTasks: number[] }).__longTasks,
      }));
    });
    const ours = (u: string) => u.startsWith('chrome-extension://');
    const a = attribute(profile, ours);
    const h = hotspots(profile, ours, 20);
    await page.close();
    console.log(
      `\n=== load ${load}: extension ${a.ms.toFixed(1)} ms, longest run ${a.longestRunMs.toFixed(1)} ms`,
    );
    console.log('startup', JSON.stringify(value.startup));
    console.log(`scans ${value.scans.length}`, JSON.stringify(value.scans.slice(0, 3)));
    console.log('long tasks', JSON.stringify(value.longTasks.map((t) => Math.round(t))));
    console.log('self:');
    for (const x of h.self) console.log(`  ${x.ms.toFixed(1).padStart(8)}  ${x.fn}`);
    console.log('own code:');
    for (const x of h.ownCode) console.log(`  ${x.ms.toFixed(1).padStart(8)}  ${x.fn}`);
  }
  await ext.close();
  await server.close();
}

main().catch((e: unknown) => {
  console.error(e);
  process.exit(1);
});
