/**
 * The stories of a cached generated corpus (corpus-make.ts), and the story each base article's
 * variants fall in, by cluster: says whether an add of a generated source (corpus-scale.ts adds
 * variants of the first base articles in a cluster the corpus does not hold) joins a small story
 * or one that grows with the corpus, as the clusters' lexicon-named entities chain them together.
 *
 * Usage: npx tsx tests/bench/corpus-story-sizes.ts [--sizes 10000] [--bases 4]
 */
import { groupStories } from '../../lib/stories/group';
import { storyInputs } from '../../lib/stories/inputs';
import { arg, cachedCorpus, sizesArg } from './corpus-make';

const BASES = Number(arg('bases', '4'));

for (const n of sizesArg('10000')) {
  const corpus = cachedCorpus(n);
  const live = corpus.sources.filter((s) => s.enabled);
  const t0 = performance.now();
  const grouping = groupStories(storyInputs(live, corpus.mentions));
  const ms = Math.round(performance.now() - t0);
  const size = new Map(grouping.stories.map((s) => [s.id, s.sourceIds.length]));
  const sizes = [...size.values()].sort((a, b) => b - a);
  // Source ids are `c<cluster>/<base id>`: the first BASES base ids, in corpus order.
  const baseIds = [...new Set(live.map((s) => s.id.replace(/^c\d+\//, '')))].slice(0, BASES);
  const perBase = baseIds.map((b) => {
    const joined = live
      .filter((s) => s.id.endsWith(`/${b}`))
      .map((s) => size.get(grouping.storyOf.get(s.id) ?? '') ?? 0);
    const sorted = [...joined].sort((x, y) => x - y);
    return {
      base: b,
      clusters: joined.length,
      storySize: {
        min: sorted[0],
        median: sorted[Math.floor(sorted.length / 2)],
        max: sorted[sorted.length - 1],
      },
      inLargestTwo: joined.filter((k) => k >= (sizes[1] ?? Infinity)).length,
      lastClusters: joined.slice(-5),
    };
  });
  console.log(
    JSON.stringify({
      sources: n,
      groupMs: ms,
      stories: grouping.stories.length,
      largest: sizes.slice(0, 8),
      ofTwoOrMore: sizes.filter((k) => k >= 2).length,
      perBase,
    }),
  );
}
