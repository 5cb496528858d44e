/** The popup's search: Fuse over entities and passages (lib/search.ts), built lazily. */
import type { BundledIndex } from '../bundle';
import type { CrosscheckDB } from '../db';
import { type CorpusSearch, createSearch } from '../search';
import { sourceLabel } from '../source-label';
import type { Passage } from '../types';
import { safeUrl } from '../intake/url';
import { enabledSources } from './discrepancy-list';
import { META_INDEX_VERSION } from './meta';
import type { SearchResults } from '../protocol';

/** Fuse search over entities and passages; built lazily, rebuilt when the corpus changes. */
export function createSearchService(db: CrosscheckDB, seedBundle?: () => Promise<BundledIndex>) {
  let cache: { key: string; search: CorpusSearch; passages: Map<string, Passage> } | null = null;
  /**
   * While the database holds exactly the bundled seeds, all switched on, search their prebuilt
   * Fuse indexes (entities are derived from the enabled sources: one off changes them).
   */
  async function bundled(): Promise<BundledIndex | null> {
    if (!seedBundle) return null;
    const sources = await db.sources.toArray();
    if (sources.some((s) => s.origin === 'user' || !s.enabled)) return null;
    const [bundle, version] = await Promise.all([seedBundle(), db.meta.get(META_INDEX_VERSION)]);
    return version?.value === bundle.version ? bundle : null;
  }
  async function get(): Promise<NonNullable<typeof cache>> {
    const [p, e, meta] = await Promise.all([
      db.passages.count(),
      db.entities.count(),
      db.meta.toArray(),
    ]);
    const key = `${p}|${e}|${JSON.stringify(meta)}`;
    if (cache?.key === key) return cache;
    const seeds = await bundled();
    const [entities, passages] = seeds
      ? [seeds.corpus.entities, seeds.corpus.passages]
      : await Promise.all([db.entities.toArray(), db.passages.toArray()]);
    cache = {
      key,
      search: createSearch(entities, passages, seeds?.fuse),
      passages: new Map(passages.map((x) => [x.id, x])),
    };
    return cache;
  }
  return async function search(query: string): Promise<SearchResults> {
    const q = typeof query === 'string' ? query.trim().slice(0, 100) : '';
    if (q.length < 2) return { entities: [], passages: [] };
    const { search: s } = await get();
    const sources = await enabledSources(db);
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
