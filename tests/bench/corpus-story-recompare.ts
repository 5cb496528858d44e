/**
 * Which stories a warm add compares again, and why (what they read that changed): the batch
 * derivation of a cached generated corpus (corpus-make.ts) with a memo, then adds of the
 * sources corpus-scale.ts adds (variants of the first base articles in a cluster the corpus does
 * not hold), each derived with the same memo as the background's change path does
 * (lib/corpus/pipeline.ts deriveCorpus). For each story whose findings were computed again
 * (not the kept ones): its sources, and which of what the claims engine reads differ from the
 * last build's (sources, claims, passages: not the same objects, and of those not equal as
 * JSON; entities: ids in or out, rows changed, and whether the rules had looked those up).
 *
 * `--remove 1` then removes the last added source the same way (what a removal compares again).
 * `--cluster c` adds the variants of cluster c instead (one the corpus holds: each add is then a
 * copy of a source there, and joins that source's story; at 10,000 cluster 1's fall in the
 * largest story).
 *
 * Usage: npx tsx tests/bench/corpus-story-recompare.ts [--sizes 10000] [--adds 2] [--remove 0]
 *        [--cluster c]
 */
import { join } from 'node:path';
import { buildSeedBundle } from '../../lib/node/seeds';
import { createDeriveMemo, deriveCorpus, prepareSource } from '../../lib/corpus/pipeline';
import type { PreparedSource } from '../../lib/corpus/pipeline';
import { sameAnswers } from '../../lib/claims/discrepancies';
import type { StoryFindings } from '../../lib/stories/partition';
import type { Passage } from '../../lib/types';
import {
  arg,
  baseArticles,
  cachedCorpus,
  lexiconWords,
  ROOT,
  sizesArg,
  variant,
} from './corpus-make';

const ADDS = Number(arg('adds', '2'));
const REMOVE = Number(arg('remove', '0'));
const CLUSTER = arg('cluster', '');

const cpu = () => {
  const c = process.cpuUsage();
  return (c.user + c.system) / 1000;
};

/** How many rows of `now` are not `was`'s objects, and how many of those differ as JSON. */
function rowDiff(was: readonly object[], now: readonly object[]) {
  const key = (r: object) => (r as { id?: string }).id ?? JSON.stringify(r);
  const before = new Map(was.map((r) => [key(r), r]));
  let notSame = 0;
  let changed = 0;
  let added = 0;
  for (const r of now) {
    const w = before.get(key(r));
    if (w === undefined) added++;
    else if (w !== r) {
      notSame++;
      if (JSON.stringify(w) !== JSON.stringify(r)) changed++;
    }
  }
  const nowKeys = new Set(now.map(key));
  const removed = [...before.keys()].filter((k) => !nowKeys.has(k)).length;
  return { rows: now.length, added, removed, notSame, changed };
}

function why(was: StoryFindings, now: StoryFindings) {
  const [sources, claims, passages] = [0, 1, 2].map((i) => rowDiff(was.read[i]!, now.read[i]!));
  const wasById = new Map(was.entities.map((e) => [e.id, e]));
  const changedEntities = now.entities.filter((e) => {
    const w = wasById.get(e.id);
    return w !== undefined && w !== e && JSON.stringify(w) !== JSON.stringify(e);
  });
  const nowIds = new Set(now.entities.map((e) => e.id));
  return {
    sources,
    claims,
    passages,
    entities: {
      rows: now.entities.length,
      in: now.entities.filter((e) => !wasById.has(e.id)).length,
      out: was.entities.filter((e) => !nowIds.has(e.id)).length,
      changed: changedEntities.length,
      changedAndLookedUp: changedEntities.filter((e) => was.reads.entities.has(e.id)).length,
      changedAndReadOtherwise: changedEntities.filter(
        (e) => was.reads.entities.has(e.id) && !sameAnswers(was.reads.entities.get(e.id)!, e),
      ).length,
      examples: changedEntities.slice(0, 3).map((e) => {
        const w = wasById.get(e.id)!;
        const keys = Object.keys({ ...w, ...e }).filter(
          (k) =>
            JSON.stringify((w as unknown as Record<string, unknown>)[k]) !==
            JSON.stringify((e as unknown as Record<string, unknown>)[k]),
        );
        return { id: e.id, fields: keys };
      }),
      nameWordsAsked: was.reads.nameWords.size,
    },
  };
}

for (const n of sizesArg('10000')) {
  const bundle = buildSeedBundle(join(ROOT, 'seeds'));
  const overrides = bundle.overrides ?? null;
  const base = baseArticles();
  const keep = lexiconWords();
  const corpus = cachedCorpus(n);
  const passagesOf = new Map<string, Passage[]>();
  for (const p of corpus.passages) {
    const list = passagesOf.get(p.sourceId);
    if (list) list.push(p);
    else passagesOf.set(p.sourceId, [p]);
  }
  const prepared: PreparedSource[] = corpus.sources.map((s) => ({
    source: s,
    passages: passagesOf.get(s.id) ?? [],
  }));
  const memo = createDeriveMemo();
  let t = cpu();
  deriveCorpus(prepared, overrides, memo);
  console.log(`[${n}] cold derivation ${Math.round(cpu() - t)} ms CPU`);
  const extraCluster = CLUSTER ? Number(CLUSTER) : Math.ceil(n / base.length) + 1;
  /** Derives again with the memo, and prints what it compared again and why. */
  const derive = (change: Record<string, unknown>, added: PreparedSource | null) => {
    const before = new Map(memo.stories.found);
    const extracted = memo.claimsExtracted;
    t = cpu();
    deriveCorpus(prepared, overrides, memo);
    const ms = Math.round(cpu() - t);
    const recompared = [...memo.stories.found]
      .filter(([id, f]) => before.get(id)?.found !== f.found)
      .map(([id, f]) => {
        const was = before.get(id);
        return {
          story: id,
          size: f.read[0]!.length,
          holdsTheAdd: added !== null && f.read[0]!.some((s) => s === added.source),
          ...(was ? why(was, f) : { new: true }),
        };
      })
      .sort((a, b) => b.size - a.size);
    console.log(
      JSON.stringify({
        sources: n,
        ...change,
        cpuMs: ms,
        claimsExtracted: memo.claimsExtracted - extracted,
        stories: memo.stories.found.size,
        recompared,
      }),
    );
  };
  for (let k = 0; k < ADDS; k++) {
    const raw = variant(base[k]!, extraCluster, keep);
    // A copy of a source the corpus holds (--cluster) under an id of its own.
    const added = prepareSource(CLUSTER ? { ...raw, id: `${raw.id}#again` } : raw, 20_000 + k);
    prepared.push(added);
    derive({ add: k + 1 }, added);
  }
  for (let k = 0; k < REMOVE; k++) {
    const gone = prepared.pop()!;
    derive({ remove: gone.source.id }, null);
  }
}
