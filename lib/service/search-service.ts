/** The popup's search: Fuse over entities and passages (lib/search.ts), built once per corpus. */
import type { BundledIndex } from '../bundle';
import { hasCorrections } from './correction-store';
import type { CrosscheckDB } from '../db';
import { type CorpusSearch, createSearch, type SearchKept } from '../search';
import { sourceLabel } from '../source-label';
import { safeUrl } from '../intake/url';
import { cached, enabledSources } from './read-cache';
import { META_INDEX_VERSION } from './meta';
import type { SearchResults } from '../protocol';

let services = 0;

/** Fuse search over entities and passages; built on first use, kept until the corpus changes. */
export function createSearchService(
  db: CrosscheckDB,
  seedBundle?: () => Promise<BundledIndex>,
  /** Told how many records each build indexed (tests and benches count them). */
  onBuild?: (indexed: SearchKept['indexed']) => void,
) {
  /**
   * While the database holds exactly the bundled seeds, all switched on, search their prebuilt
   * Fuse indexes (entities are derived from the enabled sources: one off changes them).
   */
  async function bundled(): Promise<BundledIndex | null> {
    if (!seedBundle) return null;
    const [sources, all] = await Promise.all([enabledSources(db), db.sources.count()]);
    if (sources.size !== all || [...sources.values()].some((s) => s.origin === 'user')) return null;
    // The reader's corrections change the entities too.
    if (await hasCorrections(db)) return null;
    const [bundle, version] = await Promise.all([seedBundle(), db.meta.get(META_INDEX_VERSION)]);
    return version?.value === bundle.version ? bundle : null;
  }
  // Keyed by the service too: two services (with and without the bundle) keep their own.
  const name = `search:${++services}`;
  // The records of the last build, by document: a change indexes only the rows it added or
  // changed (lib/search.ts keepIndex gives the records a fresh index would hold, in its order).
  let kept: SearchKept | null = null;
  const get = () =>
    cached(db, name, async (): Promise<CorpusSearch> => {
      const seeds = await bundled();
      const [entities, passages] = seeds
        ? [seeds.corpus.entities, seeds.corpus.passages]
        : await Promise.all([db.entities.toArray(), db.passages.toArray()]);
      const search = createSearch(entities, passages, seeds?.fuse, kept);
      kept = search.kept;
      onBuild?.(search.kept.indexed);
      return search;
    });
  return async function search(query: string): Promise<SearchResults> {
    const q = typeof query === 'string' ? query.trim().slice(0, 100) : '';
    if (q.length < 2) return { entities: [], passages: [] };
    const [s, sources] = await Promise.all([get(), enabledSources(db)]);
    const entities = s.entities(q, 6).map((r) => ({
      id: r.item.id,
      name: r.item.name,
      type: r.item.type,
      matched: String(r.matches?.[0]?.value ?? r.item.name),
    }));
    const passages: SearchResults['passages'] = [];
    for (const r of s.passages(q, 30)) {
      const src = sources.get(r.item.sourceId);
      if (!src) continue;
      const ranges = (r.matches ?? [])
        .flatMap((m) => m.indices.map(([a, b]) => [a, b] as [number, number]))
        .filter(([a, b]) => b - a >= Math.min(2, q.length - 1));
      passages.push({
        id: r.item.id,
        sourceId: src.id,
        outlet: sourceLabel(src),
        url: safeUrl(src.url),
        text: r.item.text,
        ranges,
      });
      if (passages.length >= 12) break;
    }
    return { entities, passages };
  };
}
