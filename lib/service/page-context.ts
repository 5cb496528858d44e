/**
 * "This page vs the others": the story the current page belongs to (it is a source, a copy of
 * one, or like the sources of one story) and what it says where that story's other outlets say
 * something else. A page on no story in the corpus is compared with nothing.
 */
import { findDiscrepancies } from '../claims';
import { indexSource } from '../corpus/pipeline';
import type { CrosscheckDB } from '../db';
import { sourceLabel } from '../source-label';
import type { EntityTable } from 'dexie';
import type { Claim, ClaimKind, Mention, Passage, RawSource, Source } from '../types';
import { differingWords } from './card';
import { enabledSources, sourceDisagreements, whoSays } from './discrepancy-list';
import { corpusStories, sameUrl, storyOfPage } from './stories';
import { cached } from './read-cache';
import type { PageContext } from '../protocol';

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

function clip(s: string, n = 80): string {
  return s.length > n ? `${s.slice(0, n - 1)}…` : s;
}

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
  story: null,
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

/** How many statements "this page vs the others" lists. */
const PAGE_STATEMENTS = 5;

/** What a page that is one of the sources says against the others. */
async function sourceContext(db: CrosscheckDB, source: Source): Promise<PageContext> {
  const stories = await corpusStories(db);
  const storyId = stories.grouping.storyOf.get(source.id);
  // Only the rows shown are read in full (each makes one statement).
  const views = await sourceDisagreements(db, source.id, storyId ?? null, PAGE_STATEMENTS);
  const statements: PageContext['statements'] = [];
  for (const d of views) {
    const here = d.claims.filter((c) => c.sourceId === source.id);
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
    story: (storyId && stories.refs.get(storyId)) || null,
    statements,
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
  const entities = await cached(db, 'entities', () => db.entities.toArray());
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
  const copyOf = sourceWithSameSentences(page.passages, await sentenceIndex(db), sources);
  if (copyOf) return sourceContext(db, copyOf);
  // Only a page on one of the corpus's stories is compared, and only with that story: a page
  // that merely mentions a president and a country says nothing about the corpus's stories.
  const stories = await corpusStories(db);
  const storyId = storyOfPage(stories, page.source, page.mentions);
  if (!storyId) return NOT_ON_STORY;
  const onStory: PageContext = {
    ...NOT_ON_STORY,
    onStory: true,
    story: stories.refs.get(storyId) ?? null,
  };
  if (page.claims.length === 0) return onStory;
  const inStory = new Set(stories.grouping.stories.find((s) => s.id === storyId)!.sourceIds);
  const named = new Set(page.mentions.map((m) => m.entityId));
  const storySources = [...inStory];
  // One indexed read per source (a range each), not a cursor skipping through the whole index.
  const ofSources = <T extends { id: string }>(table: EntityTable<T, 'id'>) =>
    Promise.all(storySources.map((id) => table.where('sourceId').equals(id).toArray())).then((r) =>
      r.flat(),
    );
  const [storyMentions, claims, passages] = await Promise.all([
    ofSources<Mention>(db.mentions),
    ofSources<Claim>(db.claims),
    ofSources<Passage>(db.passages),
  ]);
  for (const m of storyMentions) named.add(m.entityId);
  // In key order, as the whole tables list them.
  const byKey = <T extends { id: string }>(rows: T[]) =>
    rows.sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
  const found = findDiscrepancies(
    [...byKey(claims), ...page.claims],
    [...storySources.map((id) => sources.get(id)!), page.source],
    [...entities.filter((e) => named.has(e.id)), ...page.entities],
    [...byKey(passages), ...page.passages],
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

const sentenceKey = (t: string) => t.toLowerCase().replace(/\W+/g, ' ').trim();

/** Each sentence of the corpus (by its key) with the sources saying it; sentences per source. */
interface SentenceIndex {
  sourcesOf: Map<string, string[]>;
  count: Map<string, number>;
}

/** The corpus's sentences, indexed once per corpus (a page is compared with them). */
function sentenceIndex(db: CrosscheckDB): Promise<SentenceIndex> {
  return cached(db, 'sentences', async () => {
    const sourcesOf = new Map<string, string[]>();
    const count = new Map<string, number>();
    for (const p of await db.passages.toArray()) {
      count.set(p.sourceId, (count.get(p.sourceId) ?? 0) + 1);
      const key = sentenceKey(p.text);
      const list = sourcesOf.get(key);
      if (list) list.push(p.sourceId);
      else sourcesOf.set(key, [p.sourceId]);
    }
    return { sourcesOf, count };
  });
}

/** The source most of whose sentences the page repeats word for word, if any. */
function sourceWithSameSentences(
  pagePassages: readonly Passage[],
  index: SentenceIndex,
  sources: Map<string, Source>,
): Source | null {
  // Each source's passages whose sentence the page holds (a passage counted once).
  const same = new Map<string, number>();
  for (const key of new Set(pagePassages.map((p) => sentenceKey(p.text))))
    for (const id of index.sourcesOf.get(key) ?? [])
      if (sources.has(id)) same.set(id, (same.get(id) ?? 0) + 1);
  let best: [string, number] | null = null;
  // In the order the sources' passages first appear, as a scan of the table meets them.
  for (const [id, all] of index.count) {
    const n = same.get(id) ?? 0;
    const share = n / all;
    if (n >= 3 && share >= 0.5 && (!best || share > best[1])) best = [id, share];
  }
  return best ? (sources.get(best[0]) ?? null) : null;
}
