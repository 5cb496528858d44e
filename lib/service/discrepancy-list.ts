/**
 * The popup's discrepancy list: each discrepancy (or agreement) with its story, its entities and,
 * per source, the exact sentence and the differing span.
 */
import type { CrosscheckDB } from '../db';
import { discrepancyEvidence, discrepancyHead } from '../discrepancy-evidence';
import { sourceHover, sourceLabel } from '../source-label';
import { SEVERITY_RANK } from '../types';
import type { Claim, Discrepancy, Entity, Passage, Source } from '../types';
import { quotedBy } from './card';
import { safeUrl } from '../intake/url';
import { corpusStories } from './stories';
import { cached, enabledSources, persisted } from './read-cache';
import {
  isFirstPage,
  LIST_PAGE,
  type ListRequest,
  SNAPSHOT_FIRST_PAGE,
} from '../protocol/snapshot';
import type { ClaimView, DiscrepancyPage, DiscrepancyView } from '../protocol';

export { enabledSources };

/** The outlet, or "<speaker> quoted by <outlet>" for a label inside a quote. */
export function whoSays(c: Claim, source: Source): string {
  const outlet = sourceLabel(source);
  if (c.kind !== 'descriptor' || !c.detail.inQuote) return outlet;
  const speaker = c.detail.quotedSpeaker;
  return quotedBy(typeof speaker === 'string' && speaker ? speaker : null, outlet);
}

function claimView(c: Claim, passage: Passage | undefined, source: Source): ClaimView {
  const sentence = passage?.text ?? '';
  let spanStart: number | null = null;
  if (passage && c.start >= passage.start && c.end <= passage.end)
    spanStart = c.start - passage.start;
  else if (sentence.includes(c.span)) spanStart = sentence.indexOf(c.span);
  const num = (v: unknown) => (typeof v === 'number' ? v : null);
  return {
    claimId: c.id,
    sourceId: c.sourceId,
    outlet: sourceLabel(source),
    who: whoSays(c, source),
    hover: sourceHover(source),
    url: safeUrl(source.url),
    published: source.published,
    sentence,
    span: c.span,
    spanStart,
    spanEnd:
      spanStart === null ? null : spanStart + Math.min(c.span.length, sentence.length - spanStart),
    value: c.value,
    unit: c.unit,
    low: c.kind === 'quantity' ? num(c.detail.low) : null,
    high: c.kind === 'quantity' ? num(c.detail.high) : null,
  };
}

/** A ranked row with the ids of every entity it is about (its view names only those known). */
interface Ranked {
  view: DiscrepancyView;
  entityIds: readonly string[];
}

/** The ranked discrepancies (and agreements), optionally those about one entity. */
export async function listDiscrepancies(
  db: CrosscheckDB,
  entityId: string | null,
): Promise<DiscrepancyView[]> {
  const all = await rankedDiscrepancies(db);
  return (entityId ? all.filter((r) => r.entityIds.includes(entityId)) : all).map((r) => r.view);
}

/** Up to this many names come with every page; more only when asked (a popup paints first). */
export const FEW_NAMES = 200;

/** The request the popup opens with: its first page, everyone, no page of its own. */
export const FIRST_PAGE: ListRequest = { entityId: null, offset: 0, limit: LIST_PAGE };

/**
 * One page of the popup's list: the ranked rows matching the entity filter (agreements only when
 * asked), grouped by story in the order of each story's best row with `storyFirst` first, less
 * `exclude`d rows; with the counts and names the popup shows around it. The popup's first page
 * is kept in the database for the corpus version (a worker that just started answers at once).
 */
export function discrepancyPage(db: CrosscheckDB, req: ListRequest): Promise<DiscrepancyPage> {
  if (isFirstPage(req))
    return persisted(db, SNAPSHOT_FIRST_PAGE, () => computePage(db, FIRST_PAGE));
  return computePage(db, req);
}

async function computePage(db: CrosscheckDB, req: ListRequest): Promise<DiscrepancyPage> {
  const all = await rankedDiscrepancies(db);
  const about = req.entityId ? all.filter((r) => r.entityIds.includes(req.entityId!)) : all;
  const matching = about.filter((r) => req.agreements || !r.view.agreement);
  const excluded = new Set(req.exclude ?? []);
  const kept = matching.filter((r) => !excluded.has(r.view.id));
  const ordered = storyOrder(
    kept.map((r) => r.view),
    req.storyFirst ?? null,
  );
  const offset = Math.max(0, req.offset ?? 0);
  const limit = Math.max(1, req.limit ?? 50);
  return {
    items: ordered.slice(offset, offset + limit),
    offset,
    total: ordered.length,
    excluded: matching.length - kept.length,
    agreements: about.filter((r) => r.view.agreement).length,
    stories: new Set(matching.map((r) => r.view.story?.id ?? '')).size,
    names: await cached(db, 'discrepancy-names', async () => {
      const names = new Map<string, string>();
      for (const r of all) for (const e of r.view.entities) names.set(e.id, e.name);
      return [...names].map(([id, name]) => ({ id, name }));
    }).then((names) => (req.names || names.length <= FEW_NAMES ? names : null)),
  };
}

/**
 * Rows grouped by story, the stories in the order of their first row, `first` before all; the
 * order within a story kept (components/popup/by-story.ts groups a page the same way).
 */
export function storyOrder<T extends Pick<DiscrepancyView, 'story'>>(
  rows: readonly T[],
  first: string | null,
): T[] {
  const groups = new Map<string, T[]>();
  if (first !== null && rows.some((r) => r.story?.id === first)) groups.set(first, []);
  for (const r of rows) {
    const key = r.story?.id ?? '';
    const g = groups.get(key);
    if (g) g.push(r);
    else groups.set(key, [r]);
  }
  return [...groups.values()].flat();
}

/** Every discrepancy and agreement of the enabled sources, ranked; kept until the corpus changes. */
function rankedDiscrepancies(db: CrosscheckDB): Promise<Ranked[]> {
  return cached(db, 'discrepancies', () => readRanked(db));
}

async function readRanked(db: CrosscheckDB): Promise<Ranked[]> {
  const sources = await enabledSources(db);
  const { refs } = await corpusStories(db);
  const rows: Discrepancy[] = await db.discrepancies.toArray();
  const claimIds = [...new Set(rows.flatMap((d) => d.claimIds))];
  const claims = new Map(
    (await db.claims.bulkGet(claimIds))
      .filter((c): c is Claim => c !== undefined)
      .map((c) => [c.id, c]),
  );
  const passages = new Map(
    (await db.passages.bulkGet([...new Set([...claims.values()].map((c) => c.passageId))]))
      .filter((p): p is Passage => p !== undefined)
      .map((p) => [p.id, p]),
  );
  const entityIds = [...new Set(rows.flatMap((d) => d.entityIds))];
  const entities = new Map(
    (await db.entities.bulkGet(entityIds))
      .filter((e): e is Entity => e !== undefined)
      .map((e) => [e.id, e]),
  );
  const look = {
    claim: (id: string) => claims.get(id),
    source: (id: string) => sources.get(id),
    passage: (id: string) => passages.get(id),
  };
  const out: Ranked[] = [];
  for (const d of rows) {
    const views: ClaimView[] = discrepancyEvidence(d, look).map((e) =>
      claimView(e.claim, e.passage, e.source),
    );
    if (new Set(views.map((v) => v.sourceId)).size < 2) continue; // a disabled source leaves one side
    out.push({
      entityIds: d.entityIds,
      view: {
        ...discrepancyHead(d),
        entities: d.entityIds.flatMap((id) => {
          const e = entities.get(id);
          return e ? [{ id, name: e.name }] : [];
        }),
        claims: views,
        story: (d.storyId && refs.get(d.storyId)) || null,
      },
    });
  }
  // Rows come back in key order: rank them as the engine does (disagreements, severity, reach).
  const outlets = (d: DiscrepancyView) => new Set(d.claims.map((c) => c.sourceId)).size;
  return out.sort(
    (x, y) =>
      Number(x.view.agreement) - Number(y.view.agreement) ||
      SEVERITY_RANK[x.view.severity] - SEVERITY_RANK[y.view.severity] ||
      outlets(y.view) - outlets(x.view) ||
      x.view.topic.localeCompare(y.view.topic),
  );
}
