/**
 * The add path's computation alone (deriveCorpus with a memo kept between changes, no Dexie):
 * builds a corpus of N generated sources with a memo, then adds K more one at a time, and prints
 * what each add recomputed (claims extracted, stories compared) and its time; with --profile, a
 * CPU profile of the last add. For quick before/after checks of the incremental build.
 *
 * Usage: npx tsx tests/bench/corpus-derive.ts [--sizes 1000] [--adds 3] [--profile /tmp/x]
 *        [--why 1] [--pick voepass]
 */
import { writeFileSync } from 'node:fs';
import { loadavg } from 'node:os';
import { join } from 'node:path';
import { Session } from 'node:inspector/promises';
import { performance } from 'node:perf_hooks';
import { createDeriveMemo, deriveCorpus, prepareSource } from '../../lib/corpus/pipeline';
import { placeLikeTest, sameClaimReads } from '../../lib/claims';
import { buildSeedBundle } from '../../lib/node/seeds';
import { arg, baseArticles, corpusOf, lexiconWords, ROOT, sizesArg, variant } from './corpus-make';

const ADDS = Number(arg('adds', '3'));
const PROFILE = arg('profile', '');

const overrides = buildSeedBundle(join(ROOT, 'seeds')).overrides ?? null;
const base = baseArticles();
const keep = lexiconWords();
for (const n of sizesArg('1000')) {
  const prepared = corpusOf(n, base, keep).map((r) => prepareSource(r));
  const extraCluster = Math.ceil(n / base.length) + 1;
  // --pick WORD: the sources to add are the base articles whose id holds WORD (a story of the
  // corpus, which they join) rather than the first ones.
  const pick = arg('pick', '');
  const extra = base
    .filter((r) => r.id.includes(pick))
    .slice(0, ADDS)
    .map((r) => prepareSource(variant(r, extraCluster, keep), 10_000));
  const memo = createDeriveMemo();
  let t0 = performance.now();
  let derived = deriveCorpus(prepared, overrides, memo);
  console.log(
    `[${n}] build with memo ${Math.round(performance.now() - t0)} ms: ${derived.entities.length} entities, ${derived.claims.length} claims, ${derived.discrepancies.length} discrepancies`,
  );
  const all = [...prepared];
  for (const [i, p] of extra.entries()) {
    all.push(p);
    const extracted = memo.claimsExtracted;
    const claimsBefore = new Map(memo.claims);
    const foundBefore = new Map([...memo.stories.found].map(([k, v]) => [k, v.found]));
    const session = PROFILE && i === extra.length - 1 ? new Session() : null;
    if (session) {
      session.connect();
      await session.post('Profiler.enable');
      await session.post('Profiler.start');
    }
    t0 = performance.now();
    derived = deriveCorpus(all, overrides, memo);
    const ms = performance.now() - t0;
    if (session) {
      const { profile } = await session.post('Profiler.stop');
      writeFileSync(`${PROFILE}-${n}.cpuprofile`, JSON.stringify(profile));
      session.disconnect();
    }
    if (arg('why', '') === '1') {
      const placeLike = placeLikeTest(derived.entities);
      const byId = new Map(derived.entities.map((e, k) => [e.id, k]));
      for (const [id, was] of claimsBefore) {
        const now = memo.claims.get(id);
        if (!now || now === was) continue;
        const own = derived.mentions.filter((m) => m.sourceId === id);
        const why = [
          own.length !== was.own.length || own.some((m, k) => m !== was.own[k]) ? 'mentions' : '',
          [...was.probes].some(([w, a]) => placeLike(w) !== a) ? 'probes' : '',
          was.reads.all ? 'all' : '',
          !sameClaimReads(
            was.reads,
            (x) => derived.entities[byId.get(x) ?? -1],
            (x) => byId.get(x),
          )
            ? 'reads'
            : '',
        ].filter(Boolean);
        console.log(`   re-extracted ${id}: ${why.join(' ')}`);
      }
    }
    const compared = [...memo.stories.found].filter(([k, v]) => foundBefore.get(k) !== v.found);
    console.log(
      `[${n}] add ${i + 1}: ${Math.round(ms)} ms; claims extracted for ${memo.claimsExtracted - extracted} sources; stories compared: ${compared.length} (${compared.map(([, v]) => v.read[0]!.length).join(', ')} sources); ${derived.discrepancies.length} discrepancies`,
    );
  }
  console.log(
    `load ${loadavg()
      .map((x) => x.toFixed(1))
      .join(' ')}`,
  );
}
