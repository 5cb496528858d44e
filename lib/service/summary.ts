/**
 * The popup's data: corpus counts and a coverage grid (here), the discrepancy list
 * (discrepancy-list.ts), what the current page says against its story (page-context.ts) and
 * search (search-service.ts), re-exported so callers have one module to import.
 */
import type { CrosscheckDB } from '../db';
import { sourceHover, sourceLabel } from '../source-label';
import { corpusStories } from './stories';
import type { Summary } from '../protocol';
import { enabledSources } from './discrepancy-list';

export { listDiscrepancies, whoSays } from './discrepancy-list';
export { groupOthers, PAGE_SOURCE_ID, pageContext, pageRow } from './page-context';
export { createSearchService } from './search-service';

export async function buildSummary(db: CrosscheckDB): Promise<Summary> {
  const sources = await enabledSources(db);
  const [entities, mentions, discrepancies, stories] = await Promise.all([
    db.entities.toArray(),
    db.mentions.toArray(),
    db.discrepancies.toArray(),
    corpusStories(db),
  ]);
  const live = mentions.filter((m) => sources.has(m.sourceId));
  const mentioned = new Set(live.map((m) => m.entityId));
  const outlets = [...sources.values()].map((s) => ({
    sourceId: s.id,
    outlet: sourceLabel(s),
    hover: sourceHover(s),
  }));
  const totals = new Map<string, number>();
  for (const m of live) totals.set(m.entityId, (totals.get(m.entityId) ?? 0) + 1);
  const byId = new Map(entities.map((e) => [e.id, e]));
  const top = [...totals]
    .filter(([id]) => byId.has(id))
    .sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]))
    .slice(0, 8);
  const rows = top.map(([id]) => ({
    entityId: id,
    name: byId.get(id)!.name,
    counts: outlets.map(
      (o) => live.filter((m) => m.entityId === id && m.sourceId === o.sourceId).length,
    ),
  }));
  const visible = discrepancies.filter((d) => d.claimIds.length > 0);
  return {
    sources: sources.size,
    entities: entities.filter((e) => mentioned.has(e.id)).length,
    discrepancies: visible.filter((d) => !d.agreement).length,
    agreements: visible.filter((d) => d.agreement).length,
    stories: [...stories.refs.values()].sort(
      (a, b) => b.sources - a.sources || a.label.localeCompare(b.label),
    ),
    coverage: { outlets, rows },
  };
}
