/**
 * A bench's results file: one JSON object of runs by label, each run added beside the earlier
 * ones (a label measured again replaces its run). Every entry says when it ran, on how many CPUs
 * and at what load.
 */
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { cpus, loadavg } from 'node:os';

const round = (x: number) => Math.round(x * 10) / 10;

/** Writes `entry` under `label` into the results file `out`, with the date, CPUs and load. */
export function keepResults(out: string, label: string, entry: Record<string, unknown>): void {
  const previous = existsSync(out)
    ? (JSON.parse(readFileSync(out, 'utf8')) as Record<string, unknown>)
    : {};
  const run = { date: new Date().toISOString(), cpus: cpus().length, ...entry };
  if (!('load' in entry)) Object.assign(run, { load: loadavg().map(round) });
  writeFileSync(out, `${JSON.stringify({ ...previous, [label]: run }, null, 2)}\n`);
}
