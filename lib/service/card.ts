import type { CrosscheckDB } from '../db';
import { fold } from '../matcher';
import { sourceLabel } from '../source-label';
import type {
  Claim,
  Discrepancy,
  Entity,
  EntityType,
  Mention,
  Passage,
  Severity,
  Source,
} from '../types';

/** What the hovercard shows about one entity; every fact carries the outlet it comes from. */
export interface CardData {
  entity: { id: string; name: string; type: EntityType; description: string | null };
  /** How outlets describe it ("leftist President"), grouped by wording. */
  descriptors: Array<{ text: string; outlets: string[] }>;
  /** Sources that mention it, most mentions first. */
  sources: Array<{
    sourceId: string;
    outlet: string;
    title: string | null;
    url: string | null;
    mentions: number;
  }>;
  mentionCount: number;
  /** The two or three most informative sentences about it. */
  sentences: Array<{ text: string; outlet: string; sourceId: string }>;
  /** Its own words, when it is quoted. */
  quotes: Array<{ text: string; outlet: string; sourceId: string }>;
  /** Entities named in the same sentences, most frequent first. */
  related: Array<{ id: string; name: string; type: EntityType; count: number }>;
  discrepancies: {
    count: number;
    first: {
      id: string;
      topic: string;
      reason: string;
      severity: Severity;
      evidence: Array<{ outlet: string; span: string }>;
    } | null;
  };
}

const SEVERITY_RANK: Record<Severity, number> = { high: 0, medium: 1, low: 2 };

/** Only http(s) links leave the card. */
export function safeUrl(url: string | null): string | null {
  if (!url) return null;
  try {
    const u = new URL(url);
    return u.protocol === 'http:' || u.protocol === 'https:' ? u.href : null;
  } catch {
    return null;
  }
}

/**
 * Scores a sentence for the card: sentences that name other entities, carry claims and read as
 * a full statement (not a caption, not a fragment) say the most about the entity.
 */
export function informativeness(
  passage: Pick<Passage, 'kind' | 'text'>,
  otherEntities: number,
  claims: number,
  mentionOffset: number,
): number {
  const len = passage.text.length;
  let score = Math.min(otherEntities, 3) + Math.min(claims, 2) * 1.5;
  if (passage.kind === 'caption') score -= 2;
  if (passage.kind === 'title') score -= 0.5;
  if (len < 50) score -= 2;
  else if (len > 320) score -= 1;
  else score += 1;
  // A sentence about the entity tends to name it early (as its subject).
  if (mentionOffset < 40) score += 1;
  return score;
}

/** Builds the card for one entity from the database; null when the entity is unknown. */
export async function buildCard(db: CrosscheckDB, entityId: string): Promise<CardData | null> {
  const entity = await db.entities.get(entityId);
  if (!entity) return null;
  const sources = new Map<string, Source>();
  for (const s of await db.sources.toArray()) if (s.enabled) sources.set(s.id, s);

  const mentions = (await db.mentions.where('entityId').equals(entityId).toArray()).filter((m) =>
    sources.has(m.sourceId),
  );
  const passageIds = [...new Set(mentions.map((m) => m.passageId))];
  const passages = (await db.passages.bulkGet(passageIds)).filter(
    (p): p is Passage => p !== undefined,
  );
  const [coMentions, claims, discrepancies] = await Promise.all([
    db.mentions.where('passageId').anyOf(passageIds).toArray(),
    db.claims.where('entityIds').equals(entityId).toArray(),
    db.discrepancies.where('entityIds').equals(entityId).toArray(),
  ]);
  const enabledClaims = claims.filter((c) => sources.has(c.sourceId));
  const claimsByPassage = countBy(enabledClaims, (c) => c.passageId);

  const perSource = countBy(mentions, (m) => m.sourceId);
  const sourceRows = [...perSource]
    .map(([sourceId, n]) => {
      const s = sources.get(sourceId)!;
      return {
        sourceId,
        outlet: sourceLabel(s),
        title: s.title,
        url: safeUrl(s.url),
        mentions: n,
      };
    })
    .sort((a, b) => b.mentions - a.mentions || a.outlet.localeCompare(b.outlet));

  const otherByPassage = new Map<string, Set<string>>();
  for (const m of coMentions) {
    if (m.entityId === entityId) continue;
    let set = otherByPassage.get(m.passageId);
    if (!set) {
      set = new Set();
      otherByPassage.set(m.passageId, set);
    }
    set.add(m.entityId);
  }

  const related = await relatedEntities(db, otherByPassage);
  const sentences = pickSentences(passages, mentions, otherByPassage, claimsByPassage, sources);
  const quotes = quotesBy(entity, enabledClaims, sources);
  const descriptors = groupDescriptors(entity, sources);

  const disagreeing = discrepancies
    .filter((d) => !d.agreement)
    .sort((a, b) => SEVERITY_RANK[a.severity] - SEVERITY_RANK[b.severity]);
  const first = disagreeing[0] ?? null;
  return {
    entity: {
      id: entity.id,
      name: entity.name,
      type: entity.type,
      description: entity.description,
    },
    descriptors,
    sources: sourceRows,
    mentionCount: mentions.length,
    sentences,
    quotes,
    related,
    discrepancies: {
      count: disagreeing.length,
      first: first ? await discrepancySummary(db, first, sources) : null,
    },
  };
}

function countBy<T>(items: readonly T[], key: (t: T) => string): Map<string, number> {
  const out = new Map<string, number>();
  for (const item of items) out.set(key(item), (out.get(key(item)) ?? 0) + 1);
  return out;
}

function groupDescriptors(entity: Entity, sources: Map<string, Source>): CardData['descriptors'] {
  const groups = new Map<string, { text: string; outlets: string[] }>();
  for (const d of entity.descriptors) {
    const s = sources.get(d.sourceId);
    if (!s) continue;
    const key = fold(d.text);
    let g = groups.get(key);
    if (!g) {
      g = { text: d.text, outlets: [] };
      groups.set(key, g);
    }
    const outlet = sourceLabel(s);
    if (!g.outlets.includes(outlet)) g.outlets.push(outlet);
  }
  return [...groups.values()].sort((a, b) => b.outlets.length - a.outlets.length).slice(0, 6);
}

function pickSentences(
  passages: readonly Passage[],
  mentions: readonly Mention[],
  otherByPassage: Map<string, Set<string>>,
  claimsByPassage: Map<string, number>,
  sources: Map<string, Source>,
): CardData['sentences'] {
  const firstMention = new Map<string, number>();
  for (const m of mentions) {
    const prev = firstMention.get(m.passageId);
    if (prev === undefined || m.start < prev) firstMention.set(m.passageId, m.start);
  }
  const scored = passages.map((p) => ({
    p,
    score: informativeness(
      p,
      otherByPassage.get(p.id)?.size ?? 0,
      claimsByPassage.get(p.id) ?? 0,
      (firstMention.get(p.id) ?? p.start) - p.start,
    ),
  }));
  scored.sort((a, b) => b.score - a.score || a.p.id.localeCompare(b.p.id));
  const picked: CardData['sentences'] = [];
  const seenText = new Set<string>();
  const usedSources = new Map<string, number>();
  // Greedy with a penalty for a source already used, so the card shows more than one outlet.
  while (picked.length < 3 && scored.length > 0) {
    let best = -1;
    let bestScore = Number.NEGATIVE_INFINITY;
    for (let i = 0; i < scored.length; i++) {
      const { p, score } = scored[i]!;
      const adjusted = score - 1.5 * (usedSources.get(p.sourceId) ?? 0);
      if (adjusted > bestScore) {
        bestScore = adjusted;
        best = i;
      }
    }
    const { p } = scored.splice(best, 1)[0]!;
    const key = fold(p.text).slice(0, 80);
    if (seenText.has(key)) continue;
    seenText.add(key);
    usedSources.set(p.sourceId, (usedSources.get(p.sourceId) ?? 0) + 1);
    const s = sources.get(p.sourceId)!;
    picked.push({ text: p.text.trim(), outlet: sourceLabel(s), sourceId: p.sourceId });
  }
  return picked;
}

function quotesBy(
  entity: Entity,
  claims: readonly Claim[],
  sources: Map<string, Source>,
): CardData['quotes'] {
  const names = new Set([entity.name, ...entity.aliases].map((n) => fold(n)));
  const out: CardData['quotes'] = [];
  const seen = new Set<string>();
  for (const c of claims) {
    if (c.kind !== 'quote') continue;
    const speakerId = c.detail.speakerId;
    const speaker = c.detail.speaker;
    const bySpeaker =
      speakerId === entity.id || (typeof speaker === 'string' && names.has(fold(speaker)));
    if (!bySpeaker) continue;
    const text = (c.value || c.span).trim();
    const key = fold(text);
    if (!text || seen.has(key)) continue;
    seen.add(key);
    out.push({ text, outlet: sourceLabel(sources.get(c.sourceId)!), sourceId: c.sourceId });
  }
  return out.slice(0, 3);
}

async function relatedEntities(
  db: CrosscheckDB,
  otherByPassage: Map<string, Set<string>>,
): Promise<CardData['related']> {
  const counts = new Map<string, number>();
  for (const set of otherByPassage.values())
    for (const id of set) counts.set(id, (counts.get(id) ?? 0) + 1);
  const top = [...counts].sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0])).slice(0, 6);
  const rows = await db.entities.bulkGet(top.map(([id]) => id));
  return rows.flatMap((e, i) =>
    e ? [{ id: e.id, name: e.name, type: e.type, count: top[i]![1] }] : [],
  );
}

async function discrepancySummary(
  db: CrosscheckDB,
  d: Discrepancy,
  sources: Map<string, Source>,
): Promise<NonNullable<CardData['discrepancies']['first']>> {
  const claims = (await db.claims.bulkGet(d.claimIds)).filter((c): c is Claim => c !== undefined);
  return {
    id: d.id,
    topic: d.topic,
    reason: d.reason,
    severity: d.severity,
    evidence: claims.slice(0, 3).map((c) => {
      const s = sources.get(c.sourceId);
      return { outlet: s ? sourceLabel(s) : 'Removed source', span: c.span };
    }),
  };
}
