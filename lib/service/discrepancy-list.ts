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
import { cached, committedRows, enabledSources, persisted } from './read-cache';
import {
  isFirstPage,
  LIST_PAGE,
  type ListRequest,
  SNAPSHOT_FIRST_PAGE,
} from '../protocol/snapshot';
import type { ClaimView, DiscrepancyPage, DiscrepancyView, StoryRef } from '../protocol';

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

/**
 * A ranked row before its view: the row, its claims from enabled sources (in its order) and
 * what ranks it. Its view (sentences, entity names) is read only when a page shows it.
 */
interface Ranked {
  row: Discrepancy;
  claims: readonly Claim[];
  story: StoryRef | null;
  outlets: number;
}

/** The ranked discrepancies (and agreements), optionally those about one entity. */
export async function listDiscrepancies(
  db: CrosscheckDB,
  entityId: string | null,
): Promise<DiscrepancyView[]> {
  const ranked = await rankedDiscrepancies(db);
  return ranked.views(
    entityId ? ranked.rows.filter((r) => r.row.entityIds.includes(entityId)) : ranked.rows,
  );
}

/**
 * The first `limit` disagreements (ranked) that hold a claim of `sourceId`, those of its story
 * when it has one: what "this page vs the others" shows for a page that is a source.
 */
export async function sourceDisagreements(
  db: CrosscheckDB,
  sourceId: string,
  storyId: string | null,
  limit: number,
): Promise<DiscrepancyView[]> {
  const ranked = await rankedDiscrepancies(db);
  const rows = ranked.rows.filter(
    (r) =>
      !r.row.agreement &&
      !(storyId && r.story && r.story.id !== storyId) &&
      r.claims.some((c) => c.sourceId === sourceId),
  );
  return ranked.views(rows.slice(0, limit));
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
  const ranked = await rankedDiscrepancies(db);
  const all = ranked.rows;
  const about = req.entityId ? all.filter((r) => r.row.entityIds.includes(req.entityId!)) : all;
  const matching = about.filter((r) => req.agreements || !r.row.agreement);
  const excluded = new Set(req.exclude ?? []);
  const kept = matching.filter((r) => !excluded.has(r.row.id));
  const ordered = storyOrder(kept, req.storyFirst ?? null);
  const offset = Math.max(0, req.offset ?? 0);
  const limit = Math.max(1, req.limit ?? 50);
  const [items, names] = await Promise.all([
    ranked.views(ordered.slice(offset, offset + limit)),
    ranked.names(req.names ? Infinity : FEW_NAMES),
  ]);
  return {
    items,
    offset,
    total: ordered.length,
    excluded: matching.length - kept.length,
    agreements: about.filter((r) => r.row.agreement).length,
    stories: new Set(matching.map((r) => r.story?.id ?? '')).size,
    names,
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

/** The ranked rows, and their views and names read on demand (each once per corpus). */
interface RankedList {
  rows: readonly Ranked[];
  views(rows: readonly Ranked[]): Promise<DiscrepancyView[]>;
  /** The names of the rows' entities, in the rows' order; null when more than `max`. */
  names(max: number): Promise<Array<{ id: string; name: string }> | null>;
}

/** Every discrepancy and agreement of the enabled sources, ranked; kept until the corpus changes. */
function rankedDiscrepancies(db: CrosscheckDB): Promise<RankedList> {
  return cached(db, 'discrepancies', () => readRanked(db));
}

/** The discrepancy rows as stored (read once per corpus for the summary and the list). */
export function discrepancyRows(db: CrosscheckDB): Promise<Discrepancy[]> {
  return cached(db, 'discrepancy-rows', () => db.discrepancies.toArray());
}

/** The ids of every stored entity (keys only: which names exist). */
export function entityIds(db: CrosscheckDB): Promise<Set<string>> {
  return cached(
    db,
    'entity-ids',
    async () => new Set(await db.entities.toCollection().primaryKeys()),
  );
}

/** The claims of `rows` by id: those the last change committed when it is the corpus now. */
async function claimsOf(
  db: CrosscheckDB,
  rows: readonly Discrepancy[],
): Promise<ReadonlyMap<string, Claim>> {
  const claimIds = [...new Set(rows.flatMap((d) => d.claimIds))];
  const committed = await committedRows(db);
  const found = committed
    ? claimIds.map((id) => committed.claim(id))
    : await db.claims.bulkGet(claimIds);
  return new Map(found.filter((c): c is Claim => c !== undefined).map((c) => [c.id, c]));
}

async function readRanked(db: CrosscheckDB): Promise<RankedList> {
  const sources = await enabledSources(db);
  const [{ refs }, rows] = await Promise.all([corpusStories(db), discrepancyRows(db)]);
  const claims = await claimsOf(db, rows);
  const ranked: Ranked[] = [];
  for (const d of rows) {
    // As discrepancyEvidence keeps them: a claim whose row or source is not there is left out.
    const present = d.claimIds.flatMap((id) => {
      const c = claims.get(id);
      return c && sources.has(c.sourceId) ? [c] : [];
    });
    const outlets = new Set(present.map((c) => c.sourceId)).size;
    if (outlets < 2) continue; // a disabled source leaves one side
    ranked.push({
      row: d,
      claims: present,
      story: (d.storyId && refs.get(d.storyId)) || null,
      outlets,
    });
  }
  // Rows come back in key order: rank them as the engine does (disagreements, severity, reach).
  ranked.sort(
    (x, y) =>
      Number(x.row.agreement) - Number(y.row.agreement) ||
      SEVERITY_RANK[x.row.severity] - SEVERITY_RANK[y.row.severity] ||
      y.outlets - x.outlets ||
      x.row.topic.localeCompare(y.row.topic),
  );

  const viewOf = new Map<Ranked, Promise<DiscrepancyView>>();
  const readViews = async (todo: readonly Ranked[]) => {
    const [passages, entities] = await Promise.all([
      db.passages.bulkGet([...new Set(todo.flatMap((r) => r.claims.map((c) => c.passageId)))]),
      db.entities.bulkGet([...new Set(todo.flatMap((r) => r.row.entityIds))]),
    ]);
    const passageOf = new Map(
      passages.filter((p): p is Passage => p !== undefined).map((p) => [p.id, p]),
    );
    const nameOf = new Map(
      entities.filter((e): e is Entity => e !== undefined).map((e) => [e.id, e.name]),
    );
    return new Map(todo.map((r) => [r, viewFor(r, sources, passageOf, nameOf)]));
  };
  const views = async (wanted: readonly Ranked[]) => {
    const todo = wanted.filter((r) => !viewOf.has(r));
    if (todo.length > 0) {
      const read = readViews(todo);
      for (const r of todo)
        viewOf.set(
          r,
          read.then((m) => m.get(r)!),
        );
      // A failed read is not kept.
      read.catch(() => {
        for (const r of todo) viewOf.delete(r);
      });
    }
    return Promise.all(wanted.map((r) => viewOf.get(r)!));
  };

  let known: Promise<Array<{ id: string; name: string }>> | null = null;
  const names = async (max: number) => {
    const exist = await entityIds(db);
    const ids = [...new Set(ranked.flatMap((r) => r.row.entityIds))].filter((id) => exist.has(id));
    if (ids.length > max) return null;
    known ??= db.entities
      .bulkGet(ids)
      .then((es) => es.flatMap((e) => (e ? [{ id: e.id, name: e.name }] : [])));
    known.catch(() => (known = null));
    return known;
  };
  return { rows: ranked, views, names };
}

/** A ranked row as the popup shows it (the sentences and names read for it). */
function viewFor(
  r: Ranked,
  sources: ReadonlyMap<string, Source>,
  passageOf: ReadonlyMap<string, Passage>,
  nameOf: ReadonlyMap<string, string>,
): DiscrepancyView {
  const d = r.row;
  const look = {
    claim: (id: string) => r.claims.find((c) => c.id === id),
    source: (id: string) => sources.get(id),
    passage: (id: string) => passageOf.get(id),
  };
  return {
    ...discrepancyHead(d),
    entities: d.entityIds.flatMap((id) => {
      const name = nameOf.get(id);
      return name === undefined ? [] : [{ id, name }];
    }),
    claims: discrepancyEvidence(d, look).map((e) => claimView(e.claim, e.passage, e.source)),
    story: r.story,
  };
}
