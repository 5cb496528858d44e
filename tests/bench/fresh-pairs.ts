/**
 * Old and new source trees measured in fresh processes, alternating (old, new, old, new…), as
 * the cold benches do (discovery-cold.ts, grouping-cold.ts): each run with the load when it
 * started, and whether every run's output hash agrees.
 */
import { loadavg } from 'node:os';

export const median = (xs: readonly number[]): number => {
  const s = [...xs].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 ? s[m]! : (s[m - 1]! + s[m]!) / 2;
};

const loadNow = () => loadavg().map((x) => Math.round(x * 10) / 10);

export type Build = 'old' | 'new';

/** Runs `run` in `dirs.old` then `dirs.new`, `pairs` times. */
export function alternatePairs<R extends { sha256: string }>(
  pairs: number,
  dirs: Record<Build, string>,
  run: (dir: string) => R,
) {
  const runs: Array<{ pair: number; build: Build; load: number[] } & R> = [];
  for (let pair = 1; pair <= pairs; pair++)
    for (const build of ['old', 'new'] as const)
      runs.push({ pair, build, load: loadNow(), ...run(dirs[build]) });
  const of = (b: Build) => runs.filter((r) => r.build === b);
  return { runs, of, same: new Set(runs.map((r) => r.sha256)).size === 1 };
}
