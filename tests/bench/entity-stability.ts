/**
 * What one add changes beyond its own story (issue 8 §2, issue 12 "adding a source never
 * recomputes the whole corpus"): a corpus of N bench sources (corpus-make.ts) is derived with a
 * memo kept between changes, as the background keeps it, then sources are added one at a time:
 * the rest of a cluster the corpus holds part of (its story grows) and articles of a new cluster
 * (a new story). For each add it counts the entities of other clusters (untouched stories) whose
 * mentions now point at another id, the claim re-extractions (DeriveMemo.claimsExtracted) and
 * the warm derive time (deriveCorpus with the memo, no Dexie).
 *
 * Usage: npx tsx --expose-gc tests/bench/entity-stability.ts [--sizes 300 --adds 4]
 */
import { writeFileSync } from 'node:fs';
import { Session } from 'node:inspector/promises';
import { cpus, loadavg } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { createDeriveMemo, deriveCorpus, prepareSource } from '../../lib/corpus/pipeline';
import { buildSeedBundle } from '../../lib/node/seeds';
import { type CpuProfile, hotspots, profileTree } from './profile';
import { arg, baseArticles, corpusOf, lexiconWords, ROOT, sizesArg, variant } from './corpus-make';

const ADDS = Number(arg('adds', '4'));
/** Writes a CPU profile of the last add to this file and prints where its time goes. */
const PROFILE = arg('profile', '');

/** Time with each of our functions on the stack (inclusive), top `top`, in ms. */
function inclusive(profile: CpuProfile, top = 25): Array<[string, number]> {
  const { parent, label } = profileTree(profile);
  const total = new Map<string, number>();
  const { samples, timeDeltas } = profile;
  for (let i = 0; i < samples.length; i++) {
    const dt = (timeDeltas[i + 1] ?? 0) / 1000;
    const seen = new Set<string>();
    for (let id: number | undefined = samples[i]; id !== undefined; id = parent.get(id)) {
      const l = label(id);
      if (!l.includes('.ts:') || seen.has(l)) continue;
      seen.add(l);
      total.set(l, (total.get(l) ?? 0) + dt);
    }
  }
  return [...total]
    .sort((a, b) => b[1] - a[1])
    .slice(0, top)
    .map(([f, ms]) => [f, Math.round(ms)]);
}
const cluster = (sourceId: string) => sourceId.slice(0, sourceId.indexOf('/'));

async function main() {
  const base = baseArticles();
  const keep = lexiconWords();
  const overrides = buildSeedBundle(join(ROOT, 'seeds')).overrides ?? null;
  console.log(`load ${loadavg().map((x) => x.toFixed(2))}, ${cpus().length} CPUs`);
  for (const n of sizesArg('300')) {
    const all = corpusOf(n, base, keep);
    const lastCluster = Math.floor((n - 1) / base.length);
    const held = n - lastCluster * base.length;
    // Half the adds grow the partly held cluster, half start a new one.
    const extra = [
      ...base.slice(held, held + Math.ceil(ADDS / 2)).map((r) => variant(r, lastCluster, keep)),
      ...base.slice(0, Math.floor(ADDS / 2)).map((r) => variant(r, lastCluster + 2, keep)),
    ];
    const live = all.map((r) => prepareSource(r));
    const memo = createDeriveMemo();
    let t0 = performance.now();
    let rows = deriveCorpus(live, overrides, memo);
    console.log(
      `[${n}] first derive ${Math.round(performance.now() - t0)} ms: ${rows.entities.length} ` +
        `entities, ${rows.mentions.length} mentions, ${rows.claims.length} claims`,
    );
    for (const r of extra) {
      const before = rows;
      const p = prepareSource(r);
      live.push(p);
      const extracted = memo.claimsExtracted;
      const session = PROFILE && r === extra[extra.length - 1] ? new Session() : null;
      if (session) {
        session.connect();
        await session.post('Profiler.enable');
        await session.post('Profiler.start');
      }
      t0 = performance.now();
      rows = deriveCorpus(live, overrides, memo);
      const ms = performance.now() - t0;
      if (session) {
        const { profile } = await session.post('Profiler.stop');
        session.disconnect();
        writeFileSync(PROFILE, JSON.stringify(profile));
        const p = profile as unknown as CpuProfile;
        const ours = (url: string) => url.includes('/lib/');
        console.log('inclusive (ms):');
        for (const [f, t] of inclusive(p)) console.log(`  ${t}\t${f}`);
        console.log('self (ms):');
        for (const h of hotspots(p, ours, 20).self) console.log(`  ${h.ms}\t${h.fn}`);
      }
      const newEntityOf = new Map(rows.mentions.map((m) => [m.id, m.entityId]));
      const mentionsOf = new Map<string, string[]>();
      for (const m of before.mentions) {
        const list = mentionsOf.get(m.entityId) ?? [];
        list.push(m.id);
        mentionsOf.set(m.entityId, list);
      }
      const newCluster = cluster(r.id);
      let untouched = 0;
      let renamed = 0;
      const examples: string[] = [];
      for (const [id, ms_] of mentionsOf) {
        if (ms_.some((m) => cluster(m) === newCluster)) continue;
        untouched++;
        const now = new Set(ms_.map((m) => newEntityOf.get(m)));
        if (now.size !== 1 || !now.has(id)) {
          renamed++;
          if (examples.length < 3) examples.push(`${id} -> ${[...now].join('|')}`);
        }
      }
      console.log(
        `[${n}] add ${r.id}: ${Math.round(ms)} ms, claims re-extracted ` +
          `${memo.claimsExtracted - extracted}, entities of other stories ${untouched}, ` +
          `renamed ${renamed}${examples.length ? ` (${examples.join(', ')})` : ''}`,
      );
      globalThis.gc?.();
    }
  }
  console.log(`load ${loadavg().map((x) => x.toFixed(2))}`);
}

void main();
