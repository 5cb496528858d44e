/**
 * The popup's data: corpus counts and a coverage grid, the discrepancy list with each claim's
 * sentence and differing span, what the current page says against the others, and search.
 */
import { findDiscrepancies } from '../claims';
import { indexSource } from '../corpus/pipeline';
import type { BundledIndex } from '../bundle';
import type { CrosscheckDB } from '../db';
import { type CorpusSearch, createSearch } from '../search';
import type {
  Claim,
  ClaimKind,
  Discrepancy,
  Entity,
  Mention,
  Passage,
  RawSource,
  Severity,
  Source,
} from '../types';
import { sourceHover, sourceLabel } from '../source-label';
import { differingWords, quotedBy, safeUrl } from './card';
import { META_INDEX_VERSION } from './meta';
import type { ClaimView, DiscrepancyView, PageContext, SearchResults, Summary } from '../protocol';

/**
 * A row of "this page says | others say": short wordings; for two wordings of one quote, the words
 * that differ (with a word of context), not the whole quote cut at 80 characters.
 */
export function pageRow(
  kind: ClaimKind,
  here: readonly string[],
  others: ReadonlyArray<{ outlet: string; span: string }>,
): Pick<PageContext['statements'][number], 'here' | 'others'> {
  const first = here[0] ?? '';
  const other = others[0]?.span ?? first;
  const short = (s: string, against: string) =>
    clip(kind === 'quote' ? differingWords(s, against, 10) : s);
  return {
    here: [...new Set(here.map((h) => short(h, other)))],
    others: groupOthers(others.map((o) => ({ outlet: o.outlet, span: short(o.span, first) }))),
  };
}

/** Groups the other outlets' wordings: "afternoon" (El País, AP) once, not once per outlet. */
export function groupOthers(
  others: ReadonlyArray<{ outlet: string; span: string }>,
): PageContext['statements'][number]['others'] {
  const out = new Map<string, { span: string; outlets: string[] }>();
  for (const o of others) {
    const key = o.span.toLowerCase().replace(/\s+/g, ' ').trim();
    const row = out.get(key) ?? { span: o.span, outlets: [] };
    if (!row.outlets.includes(o.outlet)) row.outlets.push(o.outlet);
    out.set(key, row);
  }
  // The wording most outlets share first.
  return [...out.values()].sort((a, b) => b.outlets.length - a.outlets.length);
}

async function enabledSources(db: CrosscheckDB): Promise<Map<string, Source>> {
  const out = new Map<string, Source>();
  for (const s of await db.sources.toArray()) if (s.enabled) out.set(s.id, s);
  return out;
}

export async function buildSummary(db: CrosscheckDB): Promise<Summary> {
  const sources = await enabledSources(db);
  const [entities, mentions, discrepancies] = await Promise.all([
    db.entities.toArray(),
    db.mentions.toArray(),
    db.discrepancies.toArray(),
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
    coverage: { outlets, rows },
  };
}

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

/** The ranked discrepancies (and agreements), optionally those about one entity. */
export async function listDiscrepancies(
  db: CrosscheckDB,
  entityId: string | null,
): Promise<DiscrepancyView[]> {
  const sources = await enabledSources(db);
  const rows: Discrepancy[] = entityId
    ? await db.discrepancies.where('entityIds').equals(entityId).toArray()
    : await db.discrepancies.toArray();
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
  const out: DiscrepancyView[] = [];
  for (const d of rows) {
    const views: ClaimView[] = [];
    const seen = new Set<string>();
    for (const id of d.claimIds) {
      const c = claims.get(id);
      const s = c && sources.get(c.sourceId);
      if (!c || !s) continue;
      // One row per sentence of each source: attribution rows carry the figure's claim too, and
      // the same sentence can hold two claims or stand twice in a source (caption and text).
      const passage = passages.get(c.passageId);
      const key = `${c.sourceId}|${(passage?.text ?? c.passageId).replace(/\s+/g, ' ').trim()}`;
      if (seen.has(key)) continue;
      seen.add(key);
      views.push(claimView(c, passages.get(c.passageId), s));
    }
    if (new Set(views.map((v) => v.sourceId)).size < 2) continue; // a disabled source leaves one side
    out.push({
      id: d.id,
      kind: d.kind,
      topic: d.topic,
      severity: d.severity,
      reason: d.reason,
      agreement: d.agreement,
      entities: d.entityIds.flatMap((id) => {
        const e = entities.get(id);
        return e ? [{ id, name: e.name }] : [];
      }),
      claims: views,
    });
  }
  // Rows come back in key order: rank them as the engine does (disagreements, severity, reach).
  const outlets = (d: DiscrepancyView) => new Set(d.claims.map((c) => c.sourceId)).size;
  return out.sort(
    (a, b) =>
      Number(a.agreement) - Number(b.agreement) ||
      SEVERITY_RANK[a.severity] - SEVERITY_RANK[b.severity] ||
      outlets(b) - outlets(a) ||
      a.topic.localeCompare(b.topic),
  );
}

const SEVERITY_RANK: Record<Severity, number> = { high: 0, medium: 1, low: 2 };

function clip(s: string, n = 80): string {
  return s.length > n ? `${s.slice(0, n - 1)}…` : s;
}

function sameUrl(a: string, b: string): boolean {
  try {
    const ua = new URL(a);
    const ub = new URL(b);
    return (
      ua.host.replace(/^www\./, '') === ub.host.replace(/^www\./, '') &&
      ua.pathname.replace(/\/$/, '') === ub.pathname.replace(/\/$/, '')
    );
  } catch {
    return false;
  }
}

/** When the page is one of the sources: what it says where the others say something else. */
/** Below this, page text is navigation and teasers, not an article that makes claims. */
const MIN_PAGE_TEXT = 400;
/** Same cap as an added source: longer pages are cut, not refused. */
const MAX_PAGE_TEXT = 300_000;
export const PAGE_SOURCE_ID = 'page:current';

const NOT_ON_STORY: PageContext = {
  sourceId: null,
  outlet: null,
  title: null,
  onStory: false,
  statements: [],
};

export async function pageContext(
  db: CrosscheckDB,
  url: string,
  text: string | null = null,
): Promise<PageContext> {
  const sources = await enabledSources(db);
  const byUrl = [...sources.values()].find((s) => s.url && sameUrl(s.url, url));
  if (byUrl) return sourceContext(db, byUrl);
  if (!text || text.trim().length < MIN_PAGE_TEXT) {
    return NOT_ON_STORY;
  }
  return unsavedPageContext(db, sources, url, text);
}

/** What a page that is one of the sources says against the others. */
async function sourceContext(db: CrosscheckDB, source: Source): Promise<PageContext> {
  const views = await listDiscrepancies(db, null);
  const statements: PageContext['statements'] = [];
  for (const d of views) {
    if (d.agreement) continue;
    const here = d.claims.filter((c) => c.sourceId === source.id);
    if (here.length === 0) continue;
    statements.push({
      discrepancyId: d.id,
      topic: d.topic,
      ...pageRow(
        d.kind,
        here.map((c) => c.span),
        d.claims
          .filter((c) => c.sourceId !== source.id)
          .map((c) => ({ outlet: c.who, span: c.span })),
      ),
    });
  }
  return {
    sourceId: source.id,
    outlet: sourceLabel(source),
    title: source.title,
    onStory: true,
    statements: statements.slice(0, 5),
  };
}

/** Fuse search over entities and passages; built lazily, rebuilt when the corpus changes. */
export function createSearchService(db: CrosscheckDB, seedBundle?: () => Promise<BundledIndex>) {
  let cache: { key: string; search: CorpusSearch; passages: Map<string, Passage> } | null = null;
  /** While the database holds exactly the bundled seeds, search their prebuilt Fuse indexes. */
  async function bundled(): Promise<BundledIndex | null> {
    if (!seedBundle || (await db.sources.where('origin').equals('user').count()) > 0) return null;
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

/**
 * A page that is not in the corpus: its claims are extracted in memory (nothing is saved) and
 * compared with the corpus, so the popup can say "this page says X; the others say Y".
 */
async function unsavedPageContext(
  db: CrosscheckDB,
  sources: Map<string, Source>,
  url: string,
  text: string,
): Promise<PageContext> {
  const [entities, claims, passages] = await Promise.all([
    db.entities.toArray(),
    db.claims.toArray(),
    db.passages.toArray(),
  ]);
  const raw: RawSource = {
    id: PAGE_SOURCE_ID,
    file: null,
    outlet: null,
    title: null,
    url,
    published: null,
    language: null,
    text: text.slice(0, MAX_PAGE_TEXT),
    origin: 'user',
  };
  const page = indexSource(raw, entities, null, 0);
  // The same article under another address (a copy, a syndicated page): it is that source.
  const copyOf = sourceWithSameSentences(page.passages, passages, sources);
  if (copyOf) return sourceContext(db, copyOf);
  const nothing = NOT_ON_STORY;
  // Only a page on the corpus's story is compared: it must name several of the names the
  // outlets share. A page that merely mentions a president and a country says nothing about
  // this story, and its "six-month" is not the corpus's "two months".
  if (sharedStoryNames(page.mentions, await db.mentions.toArray(), sources) < MIN_SHARED_NAMES)
    return nothing;
  const onStory: PageContext = { ...NOT_ON_STORY, onStory: true };
  if (page.claims.length === 0) return onStory;
  const found = findDiscrepancies(
    [...claims.filter((c) => sources.has(c.sourceId)), ...page.claims],
    [...sources.values(), page.source],
    [...entities, ...page.entities],
    [...passages.filter((p) => sources.has(p.sourceId)), ...page.passages],
  );
  const byId = new Map([...claims, ...page.claims].map((c) => [c.id, c]));
  const statements: PageContext['statements'] = [];
  for (const d of found) {
    if (d.agreement) continue;
    const all = d.claimIds.flatMap((id) => byId.get(id) ?? []);
    const here = all.filter((c) => c.sourceId === PAGE_SOURCE_ID);
    const others = all.filter((c) => c.sourceId !== PAGE_SOURCE_ID);
    if (here.length === 0 || others.length === 0) continue;
    statements.push({
      discrepancyId: d.id,
      topic: d.topic,
      ...pageRow(
        d.kind,
        here.map((c) => c.span),
        others.map((c) => ({ outlet: whoSays(c, sources.get(c.sourceId)!), span: c.span })),
      ),
    });
  }
  return { ...onStory, statements: statements.slice(0, 5) };
}

const MIN_SHARED_NAMES = 3;

/** How many entities the page names that at least two enabled sources also name. */
function sharedStoryNames(
  pageMentions: readonly Mention[],
  mentions: readonly Mention[],
  sources: Map<string, Source>,
): number {
  const outletsOf = new Map<string, Set<string>>();
  for (const m of mentions) {
    if (!sources.has(m.sourceId)) continue;
    const set = outletsOf.get(m.entityId) ?? new Set<string>();
    set.add(m.sourceId);
    outletsOf.set(m.entityId, set);
  }
  const onPage = new Set(pageMentions.map((m) => m.entityId));
  return [...onPage].filter((id) => (outletsOf.get(id)?.size ?? 0) >= 2).length;
}

const sentenceKey = (t: string) => t.toLowerCase().replace(/\W+/g, ' ').trim();

/** The source most of whose sentences the page repeats word for word, if any. */
function sourceWithSameSentences(
  pagePassages: readonly Passage[],
  passages: readonly Passage[],
  sources: Map<string, Source>,
): Source | null {
  const onPage = new Set(pagePassages.map((p) => sentenceKey(p.text)));
  const counts = new Map<string, { same: number; all: number }>();
  for (const p of passages) {
    if (!sources.has(p.sourceId)) continue;
    const c = counts.get(p.sourceId) ?? { same: 0, all: 0 };
    c.all++;
    if (onPage.has(sentenceKey(p.text))) c.same++;
    counts.set(p.sourceId, c);
  }
  let best: [string, number] | null = null;
  for (const [id, c] of counts) {
    const share = c.same / c.all;
    if (c.same >= 3 && share >= 0.5 && (!best || share > best[1])) best = [id, share];
  }
  return best ? (sources.get(best[0]) ?? null) : null;
}
