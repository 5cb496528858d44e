/**
 * The popup's data: corpus counts and a coverage grid (here), the discrepancy list
 * (discrepancy-list.ts), what the current page says against its story (page-context.ts) and
 * search (search-service.ts), re-exported so callers have one module to import.
 */
import type { CrosscheckDB } from '../db';
import { sourceHover, sourceLabel } from '../source-label';
import { corpusStories } from './stories';
import type { Summary } from '../protocol';
import { enabledSources, persisted } from './read-cache';
import { discrepancyRows, entityIds } from './discrepancy-list';
import { SNAPSHOT_SUMMARY } from '../protocol/snapshot';

export { discrepancyPage, FIRST_PAGE, listDiscrepancies, whoSays } from './discrepancy-list';
export { groupOthers, PAGE_SOURCE_ID, pageContext, pageRow } from './page-context';
export { createSearchService } from './search-service';

/** How many names the coverage grid shows. */
const GRID_ROWS = 8;
/**
 * How many outlets it shows at most: those that name its names most (a popup is 400 pixels wide;
 * with more sources than this, every other column would be an unreadable sliver).
 */
export const GRID_OUTLETS = 12;

/**
 * The popup's head: corpus counts, stories and the coverage grid; kept until the corpus changes,
 * in the database too (the popup reads it there before the worker answers).
 */
export function buildSummary(db: CrosscheckDB): Promise<Summary> {
  return persisted(db, SNAPSHOT_SUMMARY, () => readSummary(db));
}

async function readSummary(db: CrosscheckDB): Promise<Summary> {
  const sources = await enabledSources(db);
  // The stories' inputs hold every enabled source's mentions (their entity ids, in order): the
  // counts come from there, not from a second read of every mention.
  const [known, discrepancies, stories] = await Promise.all([
    entityIds(db),
    discrepancyRows(db),
    corpusStories(db),
  ]);
  const totals = new Map<string, number>();
  for (const input of stories.inputs)
    for (const id of input.entityIds) totals.set(id, (totals.get(id) ?? 0) + 1);
  const top = [...totals]
    .filter(([id]) => known.has(id))
    .sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]))
    .slice(0, GRID_ROWS);
  // Mentions of the top names per source, counted once.
  const perSource = new Map<string, Map<string, number>>();
  const topIds = new Set(top.map(([id]) => id));
  for (const input of stories.inputs)
    for (const id of input.entityIds) {
      if (!topIds.has(id)) continue;
      let row = perSource.get(input.sourceId);
      if (!row) perSource.set(input.sourceId, (row = new Map()));
      row.set(id, (row.get(id) ?? 0) + 1);
    }
  const names = new Map(
    (await db.entities.bulkGet([...topIds])).flatMap((e) => (e ? [[e.id, e.name] as const] : [])),
  );
  const namingTop = (id: string) =>
    [...(perSource.get(id)?.values() ?? [])].reduce((n, k) => n + k, 0);
  let shown = [...sources.values()];
  if (shown.length > GRID_OUTLETS) {
    // Those that name the grid's names most, in the corpus's order.
    const keep = new Set(
      shown
        .map((s, i) => ({ id: s.id, n: namingTop(s.id), i }))
        .sort((a, b) => b.n - a.n || a.i - b.i)
        .slice(0, GRID_OUTLETS)
        .map((x) => x.id),
    );
    shown = shown.filter((s) => keep.has(s.id));
  }
  const outlets = shown.map((s) => ({
    sourceId: s.id,
    outlet: sourceLabel(s),
    hover: sourceHover(s),
  }));
  const rows = top.map(([id]) => ({
    entityId: id,
    name: names.get(id) ?? '',
    counts: outlets.map((o) => perSource.get(o.sourceId)?.get(id) ?? 0),
  }));
  const visible = discrepancies.filter((d) => d.claimIds.length > 0);
  return {
    sources: sources.size,
    entities: [...totals.keys()].filter((id) => known.has(id)).length,
    discrepancies: visible.filter((d) => !d.agreement).length,
    agreements: visible.filter((d) => d.agreement).length,
    stories: [...stories.refs.values()].sort(
      (a, b) => b.sources - a.sources || a.label.localeCompare(b.label),
    ),
    coverage: { outlets, rows },
  };
}
