/**
 * The story evaluation: every eval event, the unrelated articles and the seeds indexed as ONE
 * corpus, grouped into stories (lib/stories) and scored against tests/eval/gold/stories/:
 * pairwise precision / recall / F1 (a pair of sources is "together" when both are in one story),
 * the F1 curve across thresholds, a leave-one-story-out choice of the threshold, the same
 * sources added one at a time in shuffled orders against the batch build, and discrepancies
 * whose claims come from sources of different gold stories (false alarms across stories).
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { buildCorpus, indexSource } from '../../lib/corpus/pipeline';
import { loadSeedSources } from '../../lib/node/seeds';
import {
  components,
  groupStories,
  similarities,
  STORY_THRESHOLD,
  storyInputs,
} from '../../lib/stories';
import type { Corpus, Entity, Mention, RawSource, Source } from '../../lib/types';
import { shuffled } from '../unit/fixtures/shuffle';

const REPO_ROOT = fileURLToPath(new URL('../../', import.meta.url));
export const STORY_GOLD = fileURLToPath(new URL('./gold/stories/membership.json', import.meta.url));

interface GoldStories {
  stories: Array<{ story: string; dir: string; files: string[] }>;
}

export interface Combined {
  raw: RawSource[];
  /** Source id -> gold story. */
  gold: Map<string, string>;
}

/** All gold stories' sources, ids prefixed with their folder so that ids never collide. */
export function loadCombined(file = STORY_GOLD): Combined {
  const spec = JSON.parse(readFileSync(file, 'utf8')) as GoldStories;
  const raw: RawSource[] = [];
  const gold = new Map<string, string>();
  const byDir = new Map<string, RawSource[]>();
  for (const s of spec.stories) {
    let all = byDir.get(s.dir);
    if (!all) {
      all = loadSeedSources(join(REPO_ROOT, s.dir));
      byDir.set(s.dir, all);
    }
    for (const f of s.files) {
      const r = all.find((x) => x.file === f);
      if (!r) throw new Error(`gold story ${s.story}: no file ${f} in ${s.dir}`);
      const id = `${s.dir.split('/').pop()}/${r.id}`;
      raw.push({ ...r, id });
      gold.set(id, s.story);
    }
  }
  return { raw, gold };
}

export interface PairScores {
  pairs: { truePositive: number; system: number; gold: number };
  precision: number;
  recall: number;
  f1: number;
}

/** Pairwise precision / recall / F1 of a partition against the gold partition. */
export function pairwise(
  ids: readonly string[],
  gold: (id: string) => string,
  system: (id: string) => string,
  counted: (a: string, b: string) => boolean = () => true,
): PairScores {
  let tp = 0;
  let sys = 0;
  let gd = 0;
  for (let i = 0; i < ids.length; i++)
    for (let j = i + 1; j < ids.length; j++) {
      if (!counted(ids[i]!, ids[j]!)) continue;
      const g = gold(ids[i]!) === gold(ids[j]!);
      const s = system(ids[i]!) === system(ids[j]!);
      if (g) gd++;
      if (s) sys++;
      if (g && s) tp++;
    }
  const precision = sys === 0 ? 1 : tp / sys;
  const recall = gd === 0 ? 1 : tp / gd;
  const f1 = precision + recall === 0 ? 0 : (2 * precision * recall) / (precision + recall);
  return { pairs: { truePositive: tp, system: sys, gold: gd }, precision, recall, f1 };
}

/** A partition as a canonical string (sorted members, sorted groups), for equality. */
export function partitionKey(storyOf: ReadonlyMap<string, string>): string {
  const groups = new Map<string, string[]>();
  for (const [id, s] of storyOf) groups.set(s, [...(groups.get(s) ?? []), id]);
  return [...groups.values()]
    .map((g) => g.sort().join(','))
    .sort()
    .join(' | ');
}

/** The sources indexed one at a time in the given order, as the extension adds them. */
function indexOneByOne(raw: readonly RawSource[]): { sources: Source[]; mentions: Mention[] } {
  const known = new Map<string, Entity>();
  const sources: Source[] = [];
  const mentions: Mention[] = [];
  raw.forEach((r, i) => {
    const index = indexSource(
      { ...r, origin: 'user' },
      [...known.values()].sort((a, b) => (a.id < b.id ? -1 : 1)),
      null,
      i + 1,
    );
    for (const e of index.entities) known.set(e.id, e);
    sources.push(index.source);
    mentions.push(...index.mentions);
  });
  return { sources, mentions };
}

export interface CrossStory {
  /** Disagreements whose claims come from sources of 2+ gold stories. */
  discrepancies: number;
  agreements: number;
  examples: string[];
}

export function crossStory(corpus: Corpus, gold: ReadonlyMap<string, string>): CrossStory {
  const sourceOf = new Map(corpus.claims.map((c) => [c.id, c.sourceId]));
  const out: CrossStory = { discrepancies: 0, agreements: 0, examples: [] };
  for (const d of corpus.discrepancies) {
    const stories = new Set(d.claimIds.map((id) => gold.get(sourceOf.get(id) ?? '')));
    if (stories.size < 2) continue;
    if (d.agreement) out.agreements++;
    else {
      out.discrepancies++;
      if (out.examples.length < 5)
        out.examples.push(`${d.kind}: ${d.topic} [${[...stories].join(' / ')}]`);
    }
  }
  return out;
}

export interface StoryReport {
  sources: number;
  goldStories: number;
  threshold: number;
  systemStories: number;
  batch: PairScores;
  /** Pairwise F1 at each threshold (batch build). */
  curve: Array<{ threshold: number; precision: number; recall: number; f1: number }>;
  /**
   * For each gold story with 2+ sources, left out: the threshold best on the rest of the corpus,
   * and the F1 it gives on the pairs that involve the left-out story's sources.
   */
  leaveOneOut: Array<{ left: string; threshold: number; f1: number }>;
  /** Shuffled one-at-a-time builds: equal to the batch partition? */
  incremental: Array<{ seed: number; equal: boolean; f1: number }>;
  crossStory: CrossStory;
  /** Story-merge errors and splits, in words. */
  errors: string[];
}

export const CURVE = Array.from(
  { length: 19 },
  (_, i) => Math.round((0.05 + i * 0.025) * 1000) / 1000,
);

export function evaluateStories(orders = [1, 2, 3]): StoryReport {
  const { raw, gold } = loadCombined();
  const corpus = buildCorpus(raw, null);
  const inputs = storyInputs(corpus.sources, corpus.mentions);
  const grouping = groupStories(inputs);
  const ids = corpus.sources.map((s) => s.id);
  const g = (id: string) => gold.get(id)!;
  const batch = pairwise(ids, g, (id) => grouping.storyOf.get(id)!);

  const { ids: sortedIds, sim } = similarities(inputs);
  const n = sortedIds.length;
  const matrix = Array.from({ length: n }, (_, i) =>
    Array.from({ length: n }, (_, j) => (i === j ? 1 : sim(i, j))),
  );
  const scoreAt = (
    t: number,
    keep: (id: string) => boolean,
    counted?: (a: string, b: string) => boolean,
  ) => {
    const idx = sortedIds.map((_, i) => i).filter((i) => keep(sortedIds[i]!));
    const comps = components(idx.length, (a, b) => matrix[idx[a]!]![idx[b]!]!, t);
    const sys = new Map<string, string>();
    comps.forEach((c, k) => c.forEach((a) => sys.set(sortedIds[idx[a]!]!, String(k))));
    return pairwise(
      idx.map((i) => sortedIds[i]!),
      g,
      (id) => sys.get(id)!,
      counted,
    );
  };
  const curve = CURVE.map((t) => {
    const s = scoreAt(t, () => true);
    return { threshold: t, precision: s.precision, recall: s.recall, f1: s.f1 };
  });
  const goldNames = [...new Set(gold.values())];
  // Only stories with 2+ sources change the choice when left out; the unrelated ones are singletons.
  const multi = goldNames.filter((s) => [...gold.values()].filter((x) => x === s).length > 1);
  const leaveOneOut = multi.map((left) => {
    let best = { t: CURVE[0]!, f1: -1 };
    for (const t of CURVE) {
      const f1 = scoreAt(t, (id) => g(id) !== left).f1;
      if (f1 > best.f1 + 1e-9) best = { t, f1 };
    }
    const involves = (a: string, b: string) => g(a) === left || g(b) === left;
    return { left, threshold: best.t, f1: scoreAt(best.t, () => true, involves).f1 };
  });

  const batchKey = partitionKey(grouping.storyOf);
  const incremental = orders.map((seed) => {
    const one = indexOneByOne(shuffled(raw, seed));
    const grp = groupStories(storyInputs(one.sources, one.mentions));
    return {
      seed,
      equal: partitionKey(grp.storyOf) === batchKey,
      f1: pairwise(ids, g, (id) => grp.storyOf.get(id)!).f1,
    };
  });

  const errors: string[] = [];
  for (const s of grouping.stories) {
    const goldIn = [...new Set(s.sourceIds.map(g))];
    if (goldIn.length > 1) errors.push(`merged: ${goldIn.join(' + ')}`);
  }
  for (const name of goldNames) {
    const sys = new Set(ids.filter((id) => g(id) === name).map((id) => grouping.storyOf.get(id)));
    if (sys.size > 1) errors.push(`split: ${name} into ${sys.size}`);
  }

  return {
    sources: ids.length,
    goldStories: goldNames.length,
    threshold: STORY_THRESHOLD,
    systemStories: grouping.stories.length,
    batch,
    curve,
    leaveOneOut,
    incremental,
    crossStory: crossStory(corpus, gold),
    errors,
  };
}

const pct = (x: number) => `${(x * 100).toFixed(1)}%`;

export function formatStoryReport(r: StoryReport): string {
  const out: string[] = [];
  out.push(
    `stories (one corpus: ${r.sources} sources, ${r.goldStories} gold stories; threshold ${r.threshold}): ${r.systemStories} stories found`,
  );
  out.push(
    `pairwise precision ${pct(r.batch.precision)}, recall ${pct(r.batch.recall)}, F1 ${pct(r.batch.f1)} (${r.batch.pairs.truePositive} / ${r.batch.pairs.system} system pairs, ${r.batch.pairs.gold} gold pairs)`,
  );
  out.push(`errors: ${r.errors.join(' | ') || '—'}`);
  out.push(`F1 by threshold: ${r.curve.map((c) => `${c.threshold}: ${pct(c.f1)}`).join(', ')}`);
  out.push(
    `leave one story out (threshold best on the rest -> F1 on the pairs involving it): ${r.leaveOneOut.map((l) => `${l.left} ${l.threshold} -> ${pct(l.f1)}`).join('; ')}`,
  );
  out.push(
    `one at a time, shuffled orders vs batch: ${r.incremental.map((i) => `order ${i.seed} ${i.equal ? 'identical' : `differs (F1 ${pct(i.f1)})`}`).join(', ')}`,
  );
  out.push(
    `discrepancies across gold stories: ${r.crossStory.discrepancies} (agreements: ${r.crossStory.agreements})${r.crossStory.examples.length ? `: ${r.crossStory.examples.join(' | ')}` : ''}`,
  );
  return out.join('\n');
}
