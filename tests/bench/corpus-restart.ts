/**
 * The first add after a worker restart, in CPU time as well as wall time (on a shared machine
 * the wall time is mostly waiting): a cached batch build of N generated sources (corpus-make.ts)
 * stored in fake-indexeddb; one worker life adds a source (nothing kept: everything analysed and
 * written) and another (warm); then new handlers over the same database (a restart: an empty
 * memo, the kept analyses and stories' findings read back) add two more and remove them again,
 * newest first (warm removals).
 *
 * Usage: npx tsx --expose-gc tests/bench/corpus-restart.ts [--sizes 1000] [--profile FILE]
 * [--removes 2] (--profile writes a CPU profile of the restart's add).
 */
import { writeFileSync } from 'node:fs';
import { Session } from 'node:inspector/promises';
import { loadavg } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { buildSeedBundle } from '../../lib/node/seeds';
import type { RawSource } from '../../lib/types';
import { listRequest } from '../unit/fixtures/list-request';
import { pastedDraft } from '../unit/fixtures/raw-source';
import { workerLife } from '../unit/fixtures/worker-life';
import { LIST_PAGE } from '../../lib/protocol/snapshot';
import {
  arg,
  baseArticles,
  cachedCorpus,
  lexiconWords,
  ROOT,
  sizesArg,
  storedCorpus,
  variant,
} from './corpus-make';

const PROFILE = arg('profile', '');
/** The popup's first page, as the popup asks for it. */
const FIRST_PAGE = listRequest({ limit: LIST_PAGE });
/** How many of the restarted life's adds are then removed (0, 1 or 2), each timed. */
const REMOVES = Number(arg('removes', '2'));

async function measure(n: number) {
  const bundle = buildSeedBundle(join(ROOT, 'seeds'));
  const base = baseArticles();
  const keep = lexiconWords();
  const corpus = cachedCorpus(n);
  const extra = base.slice(0, 4).map((r) => variant(r, Math.ceil(n / base.length) + 1, keep));
  const db = await storedCorpus(`corpus-restart-${n}-${Date.now()}`, corpus);
  let clock = 10_000;
  const start = () => workerLife(db, bundle, () => clock++);
  const add = async (h: ReturnType<typeof start>, r: RawSource, profiled = false) => {
    const session = profiled ? new Session() : null;
    if (session) {
      session.connect();
      await session.post('Profiler.enable');
      await session.post('Profiler.start');
    }
    const cpu0 = process.cpuUsage();
    const t0 = performance.now();
    const { id } = await h.addSource({ draft: pastedDraft(r) });
    const wallMs = Math.round(performance.now() - t0);
    const cpu = process.cpuUsage(cpu0);
    if (session) {
      const { profile } = await session.post('Profiler.stop');
      writeFileSync(PROFILE, JSON.stringify(profile));
      session.disconnect();
    }
    // The popup's reads each change starts in the background (handlers.ts prepareReads),
    // waited for apart: they would land in the next measurement (another life's in a restart).
    await Promise.all([h.getSummary({}), h.listDiscrepancies(FIRST_PAGE)]);
    return { cpuMs: Math.round((cpu.user + cpu.system) / 1000), wallMs, id };
  };
  const timed = async (f: () => Promise<unknown>) => {
    const cpu0 = process.cpuUsage();
    const t0 = performance.now();
    await f();
    const wallMs = Math.round(performance.now() - t0);
    const cpu = process.cpuUsage(cpu0);
    return { cpuMs: Math.round((cpu.user + cpu.system) / 1000), wallMs };
  };
  const load = loadavg().map((x) => Math.round(x * 10) / 10);
  const life = start();
  const first = await add(life, extra[0]!);
  const warm = await add(life, extra[1]!);
  const restarted = start();
  const restart = await add(restarted, extra[2]!, PROFILE !== '');
  const warmAfter = await add(restarted, extra[3]!);
  // Removing the sources the restarted life added, newest first (warm: its memo holds them).
  const removes = [];
  for (const { id } of [warmAfter, restart].slice(0, REMOVES))
    removes.push(
      await timed(() => restarted.removeSource({ id })).then(async (t) => {
        await Promise.all([restarted.getSummary({}), restarted.listDiscrepancies(FIRST_PAGE)]);
        return t;
      }),
    );
  return {
    sources: n,
    load,
    first,
    warm,
    restart,
    warmAfter,
    removes,
    loadAfter: loadavg().map((x) => Math.round(x * 10) / 10),
  };
}

for (const n of sizesArg('1000')) console.log(JSON.stringify(await measure(n)));
