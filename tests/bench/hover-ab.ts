/**
 * The hover part of the page bench alone, for builds side by side: each round launches every
 * build in turn (rotating which goes first) and times `--count` hovers (tests/bench/page-bench-extra.ts,
 * `hoverLatency`), with the load average before and after. Builds with the benchmark marks
 * (`npm run bench:build`).
 *
 * Usage: npx tsx tests/bench/hover-ab.ts --dirs old=/path/chrome-mv3,new=.output-bench/chrome-mv3
 *   [--rounds 3] [--count 30] [--out /tmp/hover-ab.json]
 */
import { writeFileSync } from 'node:fs';
import { loadavg } from 'node:os';
import { resolve } from 'node:path';
import { startFixtureServer } from '../e2e/page-fixtures';
import { launch, r2 } from './page-bench';
import { hoverLatency } from './page-bench-extra';

function arg(name: string, fallback: string): string {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 && process.argv[i + 1] ? process.argv[i + 1]! : fallback;
}
const dirs = arg('dirs', 'current=.output-bench/chrome-mv3')
  .split(',')
  .map((s) => {
    const [label, dir] = s.split('=');
    return { label: label!, dir: resolve(dir!) };
  });
const rounds = Number(arg('rounds', '3'));
const count = Number(arg('count', '30'));
const load = () => r2(loadavg()[0]!);
const log = (s: string) =>
  console.log(`[${new Date().toISOString().slice(11, 19)} load ${load()}] ${s}`);

const server = await startFixtureServer();
const rows: Array<Record<string, unknown>> = [];
for (let round = 0; round < rounds; round++) {
  const order = dirs.map((_, i) => dirs[(i + round) % dirs.length]!);
  for (const { label, dir } of order) {
    const before = load();
    const ext = await launch(dir);
    const r = await hoverLatency(ext, server, (s) => log(`${label}: ${s}`), count);
    await ext.close();
    rows.push({ round, label, loadBefore: before, loadAfter: load(), ...r });
  }
}
await server.close();
const out = arg('out', '/tmp/hover-ab.json');
writeFileSync(out, `${JSON.stringify({ date: new Date().toISOString(), rows }, null, 1)}\n`);
for (const r of rows)
  console.log(
    `${r.label} round ${r.round as number}: visible p50 ${r.visibleP50Ms as number} p95 ${r.visibleP95Ms as number}; ready p50 ${r.readyP50Ms as number} p95 ${r.readyP95Ms as number}; rest→card−delay p50 ${r.restP50Ms as number} p95 ${r.restP95Ms as number} (load ${r.loadBefore as number}→${r.loadAfter as number}, n=${r.hovers as number})`,
  );
console.log(`written to ${out}`);
