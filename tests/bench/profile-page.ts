/**
 * Where Crosscheck's time goes on one page: loads it with the benchmark build and a dictionary of
 * the given size, profiles the tab from before the navigation until the underlines are placed,
 * and prints the start-up mark, the scan marks, the longest run of the extension's samples and
 * its hotspots per function (tests/bench/profile.ts). A diagnostic, not part of the results.
 *
 * Usage: npx tsx tests/bench/profile-page.ts [--page yahoo-2 | --hostile 'text node of 20 MB']
 *   [--seed] [--terms 5000] [--loads 2] [--detail] [--save /tmp/prefix]
 *
 * `--save` writes each load's CPU profile to `<prefix>-<load>.cpuprofile` (for /tmp/prof.mjs or
 * DevTools).
 * `--detail` also traces the rendering steps and prints them per task (what a slow DOM call forced).
 */
import { writeFileSync } from 'node:fs';
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
import { attribute, type CpuProfile, hotspots, profileTree } from './profile';
import { extensionTasks, inside, traced } from './tasks';

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
  const detail = process.argv.includes('--detail');
  const steps = (events: Parameters<typeof inside>[0], task: Parameters<typeof inside>[1]) =>
    detail
      ? `\n  steps: ${inside(events, task)
          .slice(0, 8)
          .map(([name, ms, n]) => `${name} ${ms.toFixed(1)} (${n})`)
          .join(' | ')}`
      : '';
  for (let load = 0; load < loads; load++) {
    const page = await ext.newPage();
    await page.goto(`${server.origin}/bench/blank.html`);
    const cdp = await ext.newCDPSession(page);
    const {
      events,
      value: { profile, value },
    } = await traced(
      cdp,
      () =>
        profiled(cdp, async () => {
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
        }),
      detail,
    );
    const save = arg('save');
    if (save) writeFileSync(`${save}-${load}.cpuprofile`, JSON.stringify(profile));
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
    const t = extensionTasks(events, profile, ours);
    console.log(
      `tasks with extension time: ${t.tasks.length}; most extension time in one task ${t.longestOursMs.toFixed(1)} ms; over 50 ms: ${t.over50}; longest task mostly ours ${t.longestMostlyOursMs.toFixed(1)} ms`,
    );
    // On a loaded machine: our share of each task's CPU time (samples are wall time).
    const onCpu = t.tasks.map((x) => x.oursMs * Math.min(1, (x.cpuMs ?? x.ms) / x.ms));
    console.log(
      `on the CPU (ours x task cpu / task wall): over 50 ms ${onCpu.filter((x) => x > 50).length}; longest ${Math.max(0, ...onCpu).toFixed(1)} ms`,
    );
    for (const task of t.long) {
      const c = composition(profile, () => true, task.atMs, task.atMs + task.ms);
      console.log(
        `long task at ${task.atMs.toFixed(0)} ms: ${task.ms.toFixed(1)} ms (cpu ${task.cpuMs?.toFixed(1) ?? '?'} ms), ours ${task.oursMs.toFixed(1)} ms; ${c.self.map(([f, ms]) => `${f} ${ms.toFixed(1)}`).join(' | ')}${steps(events, task)}`,
      );
    }
    for (const task of t.tasks.slice(0, Number(arg('top') ?? 6))) {
      console.log(
        `task at ${task.atMs.toFixed(0)} ms: ${task.ms.toFixed(1)} ms (cpu ${task.cpuMs?.toFixed(1) ?? '?'} ms), ours ${task.oursMs.toFixed(1)} ms`,
      );
      const c = composition(profile, ours, task.atMs, task.atMs + task.ms);
      for (const [what, rows] of [
        ['entry', c.entry],
        ['own', c.own],
        ['self', c.self],
      ] as const)
        console.log(`  ${what}: ${rows.map(([f, ms]) => `${f} ${ms.toFixed(1)}`).join(' | ')}`);
      if (detail) console.log(steps(events, task).trimStart());
    }
  }
  await ext.close();
  await server.close();
}

type Rows = Array<[string, number]>;

/**
 * What the extension's samples between two times (ms after the profile's start) are made of: the
 * outermost frame of ours (the task's entry), the deepest (what of our code asked), and the leaf
 * (native and DOM work show as themselves).
 */
function composition(
  profile: CpuProfile,
  ours: (url: string) => boolean,
  fromMs: number,
  toMs: number,
) {
  const { parent, byId, label } = profileTree(profile);
  const maps = [new Map<string, number>(), new Map<string, number>(), new Map<string, number>()];
  const add = (m: Map<string, number>, k: string, dt: number) => m.set(k, (m.get(k) ?? 0) + dt);
  let t = 0;
  const { samples, timeDeltas } = profile;
  for (let i = 0; i < samples.length; i++) {
    t += timeDeltas[i] ?? 0;
    if (t / 1000 < fromMs || t / 1000 >= toMs) continue;
    const dt = Math.min(timeDeltas[i + 1] ?? 0, toMs * 1000 - t);
    const stack: number[] = [];
    for (let at: number | undefined = samples[i]; at !== undefined; at = parent.get(at))
      stack.push(at);
    const mine = stack.filter((x) => ours(byId.get(x)!.callFrame.url));
    if (mine.length === 0) continue;
    add(maps[0]!, label(mine[mine.length - 1]!), dt);
    add(maps[1]!, label(mine[0]!), dt);
    add(maps[2]!, label(samples[i]!), dt);
  }
  const top = (m: Map<string, number>): Rows =>
    [...m]
      .sort((a, b) => b[1] - a[1])
      .slice(0, 5)
      .map(([f, us]) => [f, us / 1000]);
  return { entry: top(maps[0]!), own: top(maps[1]!), self: top(maps[2]!) };
}

main().catch((e: unknown) => {
  console.error(e);
  process.exit(1);
});
