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
import type { ClaimView, DiscrepancyView } from '../protocol';

/** The enabled sources by id. */
export async function enabledSources(db: CrosscheckDB): Promise<Map<string, Source>> {
  const out = new Map<string, Source>();
  for (const s of await db.sources.toArray()) if (s.enabled) out.set(s.id, s);
  return out;
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
  const { refs } = await corpusStories(db);
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
  const look = {
    claim: (id: string) => claims.get(id),
    source: (id: string) => sources.get(id),
    passage: (id: string) => passages.get(id),
  };
  const out: DiscrepancyView[] = [];
  for (const d of rows) {
    const views: ClaimView[] = discrepancyEvidence(d, look).map((e) =>
      claimView(e.claim, e.passage, e.source),
    );
    if (new Set(views.map((v) => v.sourceId)).size < 2) continue; // a disabled source leaves one side
    out.push({
      ...discrepancyHead(d),
      entities: d.entityIds.flatMap((id) => {
        const e = entities.get(id);
        return e ? [{ id, name: e.name }] : [];
      }),
      claims: views,
      story: (d.storyId && refs.get(d.storyId)) || null,
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
