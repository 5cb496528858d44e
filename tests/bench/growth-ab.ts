/**
 * Two builds of Crosscheck side by side on the growth target (issue 12: "at most 1.5x more at
 * 5,000 terms than at 60", "within 3x of the TreeWalker floor"): each build in its own browser,
 * the same dictionaries installed in both, loads of the two builds and of the floor interleaved in
 * a rotating order inside each run, so both see the same machine load. Whole cost on the page
 * from a CPU profile, as in page-bench.ts. Medians of `runs`, after a warm-up load of each build
 * and of the floor (discarded). The floor reads text nodes only, so it is loaded once per page
 * and run, beside the smallest dictionary. The results are written after every run.
 *
 * Usage: npx tsx tests/bench/growth-ab.ts --old <chrome-mv3 dir> --new <chrome-mv3 dir>
 *   [--pages yahoo-2,nytimes-1,wikipedia] [--sizes 60,5000] [--runs 5] [--no-seeded]
 *   [--out tests/bench/results-growth-ab.json]
 * Both builds are bench builds (`npm run bench:build`, copied aside for the old one).
 */
import { execSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { cpus, loadavg } from 'node:os';
import { resolve } from 'node:path';
import { type RealPage, startFixtureServer } from '../e2e/page-fixtures';
import {
  benchDictionaries,
  installDictionary,
  launch,
  median,
  r2,
  runInPage,
  runLoad,
  type Sample,
  SEEDS,
  serveContenders,
} from './page-bench';

function arg(name: string): string | null {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 ? (process.argv[i + 1] ?? '') : null;
}

type Who = 'old' | 'new' | 'floor';
const WHO: Who[] = ['old', 'new', 'floor'];

interface Cell {
  page: string;
  seed: string | null;
  size: number;
  runs: Record<Who, Sample[]>;
  /** The 1-minute load average after each run's loads of this cell. */
  loads: number[];
}

async function main() {
  const oldDir = resolve(arg('old') ?? '');
  const newDir = resolve(arg('new') ?? '');
  const runs = Number(arg('runs') ?? 5);
  const pages = (arg('pages') ?? 'yahoo-2,nytimes-1,wikipedia').split(',') as RealPage[];
  const sizes = (arg('sizes') ?? '60,5000').split(',').map(Number);
  const seeded = !process.argv.includes('--no-seeded');
  const uptime = () => execSync('uptime', { encoding: 'utf8' }).trim();
  const log = (s: string) =>
    console.log(
      `[${new Date().toISOString().slice(11, 19)} load ${loadavg()[0]!.toFixed(2)}] ${s}`,
    );
  const uptimeStart = uptime();

  const server = await startFixtureServer();
  serveContenders(server);
  const plain = await launch(null);
  const ext: Record<'old' | 'new', Awaited<ReturnType<typeof launch>>> = {
    old: await launch(oldDir),
    new: await launch(newDir),
  };
  // One set of dictionaries (from the old build's corpus), installed in both.
  const dicts = await benchDictionaries(ext.old, server, sizes);
  await benchDictionaries(ext.new, server, sizes.slice(0, 1));
  const installed: Record<'old' | 'new', number> = { old: -1, new: -1 };

  const variants: Array<{ page: RealPage; seed: string | null }> = [];
  pages.forEach((page, i) => {
    variants.push({ page, seed: null });
    if (seeded) variants.push({ page, seed: SEEDS[i % SEEDS.length]! });
  });
  const cells: Cell[] = variants.flatMap((v) =>
    sizes.map((size) => ({ ...v, size, runs: { old: [], new: [], floor: [] }, loads: [] })),
  );

  const out = resolve(arg('out') ?? 'tests/bench/results-growth-ab.json');
  for (let run = 0; run <= runs; run++) {
    log(`run ${run}${run === 0 ? ' (warm-up, discarded)' : ''}`);
    for (const v of run === 0 ? variants.slice(0, 1) : variants) {
      const url = v.seed ? server.seeded(v.page, v.seed) : server.real(v.page);
      for (const size of run === 0 ? sizes.slice(0, 1) : sizes) {
        const cell = cells.find((c) => c.page === v.page && c.seed === v.seed && c.size === size)!;
        const { dict, terms } = dicts.get(size)!;
        const order = WHO.map((_, i) => WHO[(i + run) % WHO.length]!);
        for (const who of order) {
          if (who === 'floor' && size !== sizes[0]) continue;
          let sample: Sample;
          if (who === 'floor') sample = await runInPage(plain, server, url, 'floor', terms);
          else {
            if (installed[who] !== size) {
              await installDictionary(ext[who], dict);
              installed[who] = size;
            }
            sample = await runLoad(ext[who], server, url, true);
          }
          if (run > 0) cell.runs[who].push(sample);
        }
        if (run > 0) {
          cell.loads.push(r2(loadavg()[0]!));
          const last = (w: Who) => cell.runs[w].at(-1)?.ms.toFixed(1) ?? '-';
          log(
            `${v.page}${v.seed ? '+seed' : ''} ${size}: old ${last('old')} new ${last('new')} floor ${last('floor')}`,
          );
        }
      }
    }
    if (run > 0) report(run, cells, variants, sizes, uptimeStart, oldDir, newDir, out);
  }
  for (const b of [plain, ext.old, ext.new]) await b.close();
  await server.close();
}

/** Writes what `done` runs gave and prints it. */
function report(
  done: number,
  cells: Cell[],
  variants: Array<{ page: RealPage; seed: string | null }>,
  sizes: number[],
  uptimeStart: string,
  oldDir: string,
  newDir: string,
  out: string,
) {
  const uptime = () => execSync('uptime', { encoding: 'utf8' }).trim();
  /** The page's floor: loaded beside the smallest dictionary. */
  const floorOf = (c: Cell) =>
    cells.find((f) => f.page === c.page && f.seed === c.seed && f.size === sizes[0])!.runs.floor;
  const ms = (c: Cell, w: Who) => r2(median(c.runs[w].map((s) => s.ms)));
  const onCpu = (c: Cell, w: 'old' | 'new') => r2(median(c.runs[w].map((s) => s.onCpuMs ?? NaN)));
  const startup = (c: Cell, w: 'old' | 'new') => {
    const keys = ['dictionary', 'automaton', 'scanMs', 'firstBoxMs', 'allPlacedMs'];
    return Object.fromEntries(
      keys.map((k) => [k, r2(median(c.runs[w].map((s) => Number(s.startup?.[k]))))]),
    );
  };
  const perRun = (c: Cell, f: (i: number) => number) => r2(median(floorOf(c).map((_, i) => f(i))));
  const summary = cells.map((c) => ({
    page: c.page,
    seed: c.seed,
    terms: c.size,
    ms: { old: ms(c, 'old'), new: ms(c, 'new'), floor: r2(median(floorOf(c).map((s) => s.ms))) },
    onCpuMs: { old: onCpu(c, 'old'), new: onCpu(c, 'new') },
    overFloor: {
      old: perRun(c, (i) => c.runs.old[i]!.ms / floorOf(c)[i]!.ms),
      new: perRun(c, (i) => c.runs.new[i]!.ms / floorOf(c)[i]!.ms),
    },
    matches: { old: c.runs.old[0]?.matches, new: c.runs.new[0]?.matches },
    loads: c.loads,
    startup: { old: startup(c, 'old'), new: startup(c, 'new') },
  }));
  // Growth: the largest size over the smallest, per build, per page (run by run, then median).
  const growth = variants.map((v) => {
    const at = (size: number) =>
      cells.find((c) => c.page === v.page && c.seed === v.seed && c.size === size)!;
    const lo = at(sizes[0]!);
    const hi = at(sizes.at(-1)!);
    const g = (w: 'old' | 'new', f: (s: Sample) => number) =>
      r2(median(hi.runs[w].map((s, i) => f(s) / (lo.runs[w][i] ? f(lo.runs[w][i]!) : NaN))));
    const cpu = (s: Sample) => s.onCpuMs ?? NaN;
    return {
      page: v.page,
      seed: v.seed,
      old: g('old', (s) => s.ms),
      new: g('new', (s) => s.ms),
      onCpu: { old: g('old', cpu), new: g('new', cpu) },
    };
  });
  const result = {
    meta: {
      finished: new Date().toISOString(),
      commit: execSync('git rev-parse --short HEAD', { encoding: 'utf8' }).trim(),
      old: oldDir,
      new: newDir,
      cpus: cpus().length,
      uptimeStart,
      uptimeEnd: uptime(),
      runs: done,
      method:
        'Each build in its own headless Chromium, same dictionaries; old, new and the TreeWalker floor interleaved in a rotating order in each run; the floor once per page and run; medians of runs after discarded warm-up loads; ms = V8 CPU-profile time whose stack holds a frame of the contender; ratios per run, then median.',
    },
    growth,
    cells: summary,
    raw: cells,
  };
  writeFileSync(out, JSON.stringify(result, null, 1));
  console.log(result.meta.uptimeStart, '->', result.meta.uptimeEnd);
  console.log('growth', sizes.at(-1), '/', sizes[0]);
  for (const g of growth)
    console.log(
      `  ${g.page}${g.seed ? ' + seed' : ''}: old ${g.old}x  new ${g.new}x  (on the CPU: old ${g.onCpu.old}x  new ${g.onCpu.new}x)`,
    );
  console.log(
    'page | terms | old ms | new ms | floor ms | old/floor | new/floor | matches old/new',
  );
  for (const c of summary)
    console.log(
      `${c.page}${c.seed ? ' + seed' : ''} | ${c.terms} | ${c.ms.old} | ${c.ms.new} | ${c.ms.floor} | ${c.overFloor.old} | ${c.overFloor.new} | ${c.matches.old}/${c.matches.new}`,
    );
}

main().catch((e: unknown) => {
  console.error(e);
  process.exit(1);
});
