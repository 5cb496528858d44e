/**
 * The names' grouping built cold (groupOccurrences with a new GroupPool, as the first change
 * after a worker start builds it: every name changed, so `relink` compares every name with its
 * candidates), alone, in CPU time, over the cached batch build's N sources (corpus-make.ts).
 * The occurrences and the junk verdicts are read first and not timed. Each build runs in a
 * process of its own, alternating this tree's code (or `--new DIR`) with `--old DIR`'s, as
 * discovery-cold.ts does; each prints a SHA-256 of its grouping (every key with its root, in
 * order), and the run fails unless all are the same.
 *
 * Usage: npx tsx tests/bench/grouping-cold.ts --old DIR [--new DIR] [--pairs 3] [--sizes 1000]
 * (child: --child DIR --size N prints one build's figures as JSON).
 */
import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import type { PreparedSource } from '../../lib/corpus/pipeline';
import type { Occurrence } from '../../lib/corpus/entities/occurrences';
import type { Grouping } from '../../lib/corpus/entities/grouping';
import { arg, cachedCorpus, preparedOf, ROOT, sizesArg } from './corpus-make';
import { alternatePairs, median } from './fresh-pairs';

interface Build {
  /** CPU time of the grouping alone. */
  cpuMs: number;
  /** CPU time of reading the occurrences and junk verdicts before it (not the measure). */
  readCpuMs: number;
  groups: number;
  sha256: string;
}

const cpu = (from: NodeJS.CpuUsage) => {
  const used = process.cpuUsage(from);
  return Math.round((used.user + used.system) / 1000);
};

async function child(dir: string, n: number): Promise<Build> {
  const code = (path: string) => import(pathToFileURL(join(dir, path)).href);
  const occurrences = (await code('lib/corpus/entities/occurrences.ts')) as {
    sentencesOf: (inputs: readonly PreparedSource[]) => unknown;
    findOccurrences: (
      sentences: unknown,
      known: readonly never[],
    ) => { occs: Occurrence[]; stats: unknown };
  };
  const { junkFilter } = (await code('lib/corpus/entities/junk.ts')) as {
    junkFilter: (
      occs: readonly Occurrence[],
      known: ReadonlyMap<string, never>,
      stats: unknown,
    ) => (o: Occurrence) => boolean;
  };
  const { groupOccurrences, GroupPool } = (await code('lib/corpus/entities/grouping.ts')) as {
    groupOccurrences: (
      occs: readonly Occurrence[],
      isJunk: (o: Occurrence) => boolean,
      pool: unknown,
    ) => Grouping;
    GroupPool: new () => unknown;
  };
  const corpus = cachedCorpus(n);
  const prepared = preparedOf(corpus);
  const read = process.cpuUsage();
  const { occs, stats } = occurrences.findOccurrences(occurrences.sentencesOf(prepared), []);
  const isJunk = junkFilter(occs, new Map<string, never>(), stats);
  // The verdicts are asked once each before the grouping, as the build's junk pass does.
  for (const o of occs) isJunk(o);
  const readCpuMs = cpu(read);
  const before = process.cpuUsage();
  const grouping = groupOccurrences(occs, isJunk, new GroupPool());
  const cpuMs = cpu(before);
  const hash = createHash('sha256');
  for (const k of grouping.groups.keys()) hash.update(`${k}\t${grouping.find(k)}\n`);
  return { cpuMs, readCpuMs, groups: grouping.groups.size, sha256: hash.digest('hex') };
}

function spawn(dir: string, n: number): Build {
  const out = execFileSync(
    'npx',
    ['tsx', join(ROOT, 'tests/bench/grouping-cold.ts'), '--child', dir, '--size', String(n)],
    { cwd: ROOT, encoding: 'utf8', maxBuffer: 1 << 24 },
  );
  return JSON.parse(out.trim().split('\n').pop()!) as Build;
}

const childDir = arg('child', '');
if (childDir) {
  console.log(JSON.stringify(await child(resolve(childDir), Number(arg('size', '1000')))));
} else {
  const oldDir = resolve(arg('old', ''));
  const newDir = resolve(arg('new', ROOT));
  const pairs = Number(arg('pairs', '3'));
  for (const n of sizesArg('1000')) {
    const { runs, of, same } = alternatePairs(pairs, { old: oldDir, new: newDir }, (dir) =>
      spawn(dir, n),
    );
    const ratios = of('new').map((r, i) => r.cpuMs / of('old')[i]!.cpuMs);
    console.log(
      JSON.stringify({
        sources: n,
        sameOutputs: same,
        groupingCpuMs: {
          old: median(of('old').map((r) => r.cpuMs)),
          new: median(of('new').map((r) => r.cpuMs)),
        },
        pairRatios: ratios.map((x) => Math.round(x * 1000) / 1000),
        runs,
      }),
    );
    if (!same) process.exitCode = 1;
  }
}
