/**
 * Is the largest story of a generated corpus one event or a chain? For a corpus of N sources
 * (tests/bench/corpus-make.ts), the largest story's members are told apart by cluster and by
 * the real article they were made from, and its links (pairs at or above STORY_THRESHOLD) are
 * counted by kind: within a cluster, across clusters between copies of one article, across
 * clusters between different articles. Also how many members each has a direct link to, and
 * what a bounded linkage (a member joins only with links to k members) would leave.
 *
 * Usage: npx tsx tests/bench/story-chains.ts [--sizes 1000]
 */
import { loadavg } from 'node:os';
import { join } from 'node:path';
import { prepareSource, resolveEntities } from '../../lib/corpus/pipeline';
import { buildSeedBundle } from '../../lib/node/seeds';
import { groupStories, similarities, STORY_THRESHOLD, storyInputs } from '../../lib/stories';
import { baseArticles, corpusOf, lexiconWords, ROOT, sizesArg } from './corpus-make';

const overrides = buildSeedBundle(join(ROOT, 'seeds')).overrides ?? null;
const base = baseArticles();
const keep = lexiconWords();
const clusterOf = (id: string) => id.split('/')[0]!;
const articleOf = (id: string) => id.split('/').slice(1).join('/');
for (const n of sizesArg('1000')) {
  const prepared = corpusOf(n, base, keep).map((r) => prepareSource(r));
  const ents = resolveEntities(prepared, overrides);
  const inputs = storyInputs(
    prepared.map((p) => p.source),
    ents.mentions,
  );
  const g = groupStories(inputs);
  const stories = [...g.stories].sort((a, b) => b.sourceIds.length - a.sourceIds.length);
  for (const s of stories.slice(0, 2)) {
    // Similarities as the grouping saw them: weighted over the whole corpus.
    const all = similarities(inputs);
    const at = new Map(all.ids.map((id, i) => [id, i]));
    const ids = [...s.sourceIds];
    const sim = (i: number, j: number) => all.sim(at.get(ids[i]!)!, at.get(ids[j]!)!);
    const articles = new Map<string, number>();
    for (const id of ids) articles.set(articleOf(id), (articles.get(articleOf(id)) ?? 0) + 1);
    const counts = { withinCluster: 0, sameArticle: 0, otherArticle: 0 };
    const pairs = { withinCluster: 0, sameArticle: 0, otherArticle: 0 };
    const degree = new Array<number>(ids.length).fill(0);
    // Links between clusters: how many join each linked pair of clusters.
    const between = new Map<string, number>();
    const maxBy = { withinCluster: 0, sameArticle: 0, otherArticle: 0 };
    for (let i = 0; i < ids.length; i++)
      for (let j = i + 1; j < ids.length; j++) {
        const kind =
          clusterOf(ids[i]!) === clusterOf(ids[j]!)
            ? 'withinCluster'
            : articleOf(ids[i]!) === articleOf(ids[j]!)
              ? 'sameArticle'
              : 'otherArticle';
        const x = sim(i, j);
        pairs[kind]++;
        maxBy[kind] = Math.max(maxBy[kind], x);
        if (x >= STORY_THRESHOLD) {
          if (kind !== 'withinCluster') {
            const key = [clusterOf(ids[i]!), clusterOf(ids[j]!)].sort().join(' ');
            between.set(key, (between.get(key) ?? 0) + 1);
          }
          counts[kind]++;
          degree[i]!++;
          degree[j]!++;
        }
      }
    degree.sort((a, b) => a - b);
    const clusters = [...new Set(ids.map(clusterOf))];
    // Clusters joined when at least k links join them (a linkage asking for k links).
    const joined = (k: number) => {
      const parent = new Map(clusters.map((c) => [c, c]));
      const find = (c: string): string => (parent.get(c) === c ? c : find(parent.get(c)!));
      for (const [key, m] of between)
        if (m >= k) {
          const [a, b] = key.split(' ');
          parent.set(find(a!), find(b!));
        }
      return new Set(clusters.map(find)).size;
    };
    const perPair = [...between.values()].sort((a, b) => a - b);
    console.log(
      `   cluster pairs linked ${between.size} of ${(clusters.length * (clusters.length - 1)) / 2}; links per linked pair min ${perPair[0]}, median ${perPair[perPair.length >> 1]}, max ${perPair[perPair.length - 1]}; components of clusters when k links are needed: k=1 ${joined(1)}, k=2 ${joined(2)}, k=3 ${joined(3)}, k=5 ${joined(5)}`,
    );
    console.log(
      `[${n}] story of ${ids.length}: ${new Set(ids.map(clusterOf)).size} clusters, articles ${[...articles].map(([a, k]) => `${a}×${k}`).join(' ')}`,
    );
    console.log(
      `   links/pairs: within a cluster ${counts.withinCluster}/${pairs.withinCluster}, one article across clusters ${counts.sameArticle}/${pairs.sameArticle}, other articles across clusters ${counts.otherArticle}/${pairs.otherArticle}; max sim ${JSON.stringify(maxBy)}`,
    );
    console.log(
      `   direct links per member: min ${degree[0]}, median ${degree[degree.length >> 1]}, max ${degree[degree.length - 1]}`,
    );
  }
  console.log(
    `   load ${loadavg()
      .map((x) => x.toFixed(1))
      .join(' ')}`,
  );
}
