/**
 * The stories of a generated corpus of N sources (tests/bench/corpus-make.ts) and what the
 * largest cost the claims engine: the grouping's story sizes, then, for the two largest
 * stories, their claims and findDiscrepancies over them, wall and CPU time, twice (what a
 * build, or an add that touches the story, pays for it).
 *
 * Usage: npx tsx tests/bench/corpus-stories.ts [--sizes 500,1000,2000]
 */
import { loadavg } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { extractClaims, findDiscrepancies, placeLikeTest } from '../../lib/claims';
import { prepareSource, resolveEntities } from '../../lib/corpus/pipeline';
import { buildSeedBundle } from '../../lib/node/seeds';
import { groupStories, storyInputs } from '../../lib/stories';
import type { Mention } from '../../lib/types';
import { baseArticles, corpusOf, lexiconWords, ROOT, sizesArg } from './corpus-make';

const cpuMs = () => {
  const u = process.cpuUsage();
  return (u.user + u.system) / 1000;
};

const overrides = buildSeedBundle(join(ROOT, 'seeds')).overrides ?? null;
const base = baseArticles();
const keep = lexiconWords();
for (const n of sizesArg('1000')) {
  const prepared = corpusOf(n, base, keep).map((r) => prepareSource(r));
  let t0 = performance.now();
  const ents = resolveEntities(prepared, overrides);
  const entMs = performance.now() - t0;
  t0 = performance.now();
  const g = groupStories(
    storyInputs(
      prepared.map((p) => p.source),
      ents.mentions,
    ),
  );
  const groupMs = performance.now() - t0;
  const stories = [...g.stories].sort((a, b) => b.sourceIds.length - a.sourceIds.length);
  const placeLike = placeLikeTest(ents.entities);
  const byId = new Map(prepared.map((p) => [p.source.id, p]));
  const bySource = new Map<string, Mention[]>();
  for (const m of ents.mentions) {
    const list = bySource.get(m.sourceId);
    if (list) list.push(m);
    else bySource.set(m.sourceId, [m]);
  }
  const entityById = new Map(ents.entities.map((e) => [e.id, e]));
  const sizes = stories.map((s) => s.sourceIds.length);
  console.log(
    `[${n}] entities ${Math.round(entMs)} ms, grouping ${Math.round(groupMs)} ms; ${stories.length} stories; largest ${sizes.slice(0, 6).join(' ')}`,
  );
  for (const s of stories.slice(0, 2)) {
    const ps = s.sourceIds.map((id) => byId.get(id)!);
    t0 = performance.now();
    const claims = ps.flatMap((p) =>
      extractClaims(
        p.source,
        p.passages,
        bySource.get(p.source.id) ?? [],
        ents.entities,
        placeLike,
      ),
    );
    const claimMs = performance.now() - t0;
    const named = new Set<string>();
    for (const p of ps) for (const m of bySource.get(p.source.id) ?? []) named.add(m.entityId);
    for (const c of claims) for (const id of c.entityIds) named.add(id);
    const storyEntities = [...named].sort().flatMap((id) => entityById.get(id) ?? []);
    // CPU time as well as wall: the machine is shared, and the process's own CPU is what the
    // code costs. Twice: the second call finds the passages' and claims' kept words.
    const compare = () =>
      findDiscrepancies(
        claims,
        ps.map((p) => p.source),
        storyEntities,
        ps.flatMap((p) => p.passages),
      );
    t0 = performance.now();
    let c0 = cpuMs();
    const found = compare();
    const wallMs = performance.now() - t0;
    const firstCpu = cpuMs() - c0;
    c0 = cpuMs();
    compare();
    const againCpu = cpuMs() - c0;
    console.log(
      `   story of ${ps.length} sources: ${claims.length} claims (extracted in ${Math.round(claimMs)} ms), findDiscrepancies ${Math.round(wallMs)} ms (CPU ${Math.round(firstCpu)} ms, again ${Math.round(againCpu)} ms), ${found.length} found`,
    );
  }
  console.log(
    `   load ${loadavg()
      .map((x) => x.toFixed(1))
      .join(' ')}`,
  );
}
