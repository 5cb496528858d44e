/**
 * Entity discovery built cold (a new DiscoveryMemo, as after a worker start) over the cached
 * batch build's N sources (corpus-make.ts), in CPU time, each build in a process of its own (a
 * start's module caches are empty too), alternating this tree's code with another tree's
 * (`--old`, e.g. a `git archive` of main with node_modules beside it). Each process prints its
 * build's entities and mentions as a SHA-256 of their JSON: the run fails unless every build's
 * is the same, so a change measured here is one with the same outputs.
 *
 * Usage: npx tsx tests/bench/discovery-cold.ts --old DIR [--pairs 5] [--sizes 1000] [--again 0]
 * (child: --child DIR --size N prints one build's figures as JSON). `--again 0` leaves out the
 * second build in each process (at 10,000 sources a build takes a minute or more); `--new DIR`
 * measures another tree than this one as the new code (a snapshot, so that editing this tree
 * during a long run does not change what it measures).
 */
import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import type { PreparedSource } from '../../lib/corpus/pipeline';
import type { EntityOverrides } from '../../lib/corpus/overrides';
import type { DiscoveryResult } from '../../lib/corpus/entities';
import { arg, cachedCorpus, preparedOf, ROOT, sizesArg } from './corpus-make';
import { alternatePairs, median } from './fresh-pairs';

interface Build {
  cpuMs: number;
  /** The same build again in the same process (its module caches warm). */
  againCpuMs: number;
  entities: number;
  mentions: number;
  sha256: string;
}

/** One cold build with the code of the tree at `dir`, in this process. */
async function child(dir: string, n: number, twice: boolean): Promise<Build> {
  const code = (path: string) => import(pathToFileURL(join(dir, path)).href);
  const { resolveEntities } = (await code('lib/corpus/pipeline.ts')) as {
    resolveEntities: (
      prepared: readonly PreparedSource[],
      overrides: EntityOverrides | null,
      memo: unknown,
    ) => DiscoveryResult;
  };
  const { DiscoveryMemo } = (await code('lib/corpus/entities/index.ts')) as {
    DiscoveryMemo: new () => unknown;
  };
  const { loadSeedOverrides } = (await code('lib/node/seeds.ts')) as {
    loadSeedOverrides: (dir: string) => EntityOverrides | null;
  };
  const corpus = cachedCorpus(n);
  const overrides = loadSeedOverrides(join(dir, 'seeds'));
  const prepared = preparedOf(corpus);
  const timed = () => {
    const before = process.cpuUsage();
    const result = resolveEntities(prepared, overrides, new DiscoveryMemo());
    const used = process.cpuUsage(before);
    return { result, cpuMs: Math.round((used.user + used.system) / 1000) };
  };
  const cold = timed();
  const againCpuMs = twice ? timed().cpuMs : 0;
  return {
    cpuMs: cold.cpuMs,
    againCpuMs,
    entities: cold.result.entities.length,
    mentions: cold.result.mentions.length,
    sha256: createHash('sha256').update(JSON.stringify(cold.result)).digest('hex'),
  };
}

function spawn(dir: string, n: number, twice: boolean): Build {
  const out = execFileSync(
    'npx',
    [
      'tsx',
      join(ROOT, 'tests/bench/discovery-cold.ts'),
      '--child',
      dir,
      '--size',
      String(n),
      '--again',
      twice ? '1' : '0',
    ],
    { cwd: ROOT, encoding: 'utf8', maxBuffer: 1 << 24 },
  );
  return JSON.parse(out.trim().split('\n').pop()!) as Build;
}

const childDir = arg('child', '');
if (childDir) {
  const twice = arg('again', '1') !== '0';
  console.log(JSON.stringify(await child(resolve(childDir), Number(arg('size', '1000')), twice)));
} else {
  const oldDir = resolve(arg('old', ''));
  const newDir = resolve(arg('new', ROOT));
  const pairs = Number(arg('pairs', '5'));
  const twice = arg('again', '1') !== '0';
  for (const n of sizesArg('1000')) {
    const { runs, of, same } = alternatePairs(pairs, { old: oldDir, new: newDir }, (dir) =>
      spawn(dir, n, twice),
    );
    const summary = {
      sources: n,
      sameOutputs: same,
      coldCpuMs: {
        old: median(of('old').map((r) => r.cpuMs)),
        new: median(of('new').map((r) => r.cpuMs)),
      },
      againCpuMs: {
        old: median(of('old').map((r) => r.againCpuMs)),
        new: median(of('new').map((r) => r.againCpuMs)),
      },
      runs,
    };
    console.log(JSON.stringify(summary));
    if (!same) process.exitCode = 1;
  }
}
