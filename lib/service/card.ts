import type { CrosscheckDB } from '../db';
import { storyOfUrl } from './stories';
import { foldForMatching } from '../matcher';
import { sourceHover, sourceLabel } from '../source-label';
import { SEVERITY_RANK } from '../types';
import type { Claim, Discrepancy, Entity, Mention, Passage, Source } from '../types';
import type { CardData, Dispute, DisputeVerb } from '../protocol';
import { safeUrl } from '../intake/url';
import { enabledSources, mentionIndexIfMade } from './read-cache';

export { safeUrl };

const MAX_DISPUTES = 3;

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

/**
 * Builds the card for one entity from the database; null when the entity is unknown. Its
 * differences come from the stories it appears in (each compared within itself); with the
 * page's address, those of the page's story come first.
 */
export async function buildCard(
  db: CrosscheckDB,
  entityId: string,
  pageUrl: string | null = null,
  /** The page's story as the content script judged it, when the page is not a source. */
  pageStoryHint: string | null = null,
): Promise<CardData | null> {
  const entity = await db.entities.get(entityId);
  if (!entity) return null;
  const sources = await enabledSources(db);

  const { mentions, passageIds, coMentions } = await mentionsOf(db, entityId, sources);
  const [claims, discrepancies] = await Promise.all([
    db.claims.where('entityIds').equals(entityId).toArray(),
    db.discrepancies.where('entityIds').equals(entityId).toArray(),
  ]);
  const enabledClaims = claims.filter((c) => sources.has(c.sourceId));
  const claimsByPassage = countBy(enabledClaims, (c) => c.passageId);

  const sourceRows = sourceRowsOf(mentions, sources);
  const otherByPassage = othersByPassage(coMentions, entityId);

  const related = await relatedEntities(db, otherByPassage);
  const sentences = await pickSentences(
    (ids) => db.passages.bulkGet(ids),
    passageIds,
    mentions,
    otherByPassage,
    claimsByPassage,
    sources,
  );
  const quotes = quotesBy(entity, enabledClaims, sources);
  const descriptors = groupDescriptors(entity, enabledClaims, sources);

  const pageStory = (pageUrl ? await storyOfUrl(db, pageUrl) : null) ?? pageStoryHint;
  const claimsOf = await disagreementClaims(db, discrepancies, sources);
  const disagreeing = rankDisagreements(discrepancies, claimsOf, entityId, pageStory);
  const first = disagreeing[0] ?? null;
  const disputes = disputesOf(disagreeing, claimsOf, sources);
  return {
    entity: {
      id: entity.id,
      name: entity.name,
      type: entity.type,
      description: entity.description,
    },
    summary: oneLine(entity.description, descriptors),
    descriptors,
    disputes,
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

/**
 * The entity's mentions in enabled sources (in key order), the sentences holding them, and every
 * mention in those sentences: from the index made once per corpus (the stories and the
 * dictionary read every mention anyway) when it is there; else (a worker that just started)
 * from the entity's own rows, one indexed range per sentence, rather than wait for every mention.
 */
async function mentionsOf(
  db: CrosscheckDB,
  entityId: string,
  sources: Map<string, Source>,
): Promise<{ mentions: readonly Mention[]; passageIds: string[]; coMentions: readonly Mention[] }> {
  const index = await mentionIndexIfMade(db);
  if (index) {
    const mentions = index.byEntity.get(entityId) ?? [];
    const passageIds = [...new Set(mentions.map((m) => m.passageId))];
    return {
      mentions,
      passageIds,
      coMentions: passageIds.flatMap((id) => index.byPassage.get(id) ?? []),
    };
  }
  const mentions = (await db.mentions.where('entityId').equals(entityId).toArray()).filter((m) =>
    sources.has(m.sourceId),
  );
  const passageIds = [...new Set(mentions.map((m) => m.passageId))];
  const coMentions = await Promise.all(
    passageIds.map((id) => db.mentions.where('passageId').equals(id).toArray()),
  );
  return { mentions, passageIds, coMentions: coMentions.flat() };
}

/** One row per enabled source naming the entity, most mentions first. */
function sourceRowsOf(
  mentions: readonly Mention[],
  sources: Map<string, Source>,
): CardData['sources'] {
  const perSource = countBy(mentions, (m) => m.sourceId);
  return [...perSource]
    .map(([sourceId, n]) => {
      const s = sources.get(sourceId)!;
      return {
        sourceId,
        outlet: sourceLabel(s),
        hover: sourceHover(s),
        title: s.title,
        url: safeUrl(s.url),
        mentions: n,
      };
    })
    .sort((a, b) => b.mentions - a.mentions || a.outlet.localeCompare(b.outlet));
}

/** The other entities named in each passage that names the entity. */
function othersByPassage(
  coMentions: readonly Mention[],
  entityId: string,
): Map<string, Set<string>> {
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
  return otherByPassage;
}

/** The claims of each disagreement that come from enabled sources, by discrepancy id. */
async function disagreementClaims(
  db: CrosscheckDB,
  discrepancies: readonly Discrepancy[],
  sources: Map<string, Source>,
): Promise<Map<string, Claim[]>> {
  const disagreeing = discrepancies.filter((d) => !d.agreement);
  const byId = new Map(
    (await db.claims.bulkGet([...new Set(disagreeing.flatMap((d) => d.claimIds))]))
      .filter((c): c is Claim => c !== undefined && sources.has(c.sourceId))
      .map((c) => [c.id, c]),
  );
  return new Map(disagreeing.map((d) => [d.id, d.claimIds.flatMap((id) => byId.get(id) ?? [])]));
}

/**
 * How many sources' claims in a disagreement name the entity, up to two: two means both sides
 * speak of it (a figure about it, a label of it, its own words), one that a single outlet's
 * sentence happens to name it beside the story's figure.
 */
function sidesNaming(claims: readonly Claim[], entityId: string): number {
  const sources = new Set(
    claims.filter((c) => c.entityIds.includes(entityId)).map((c) => c.sourceId),
  );
  return Math.min(sources.size, 2);
}

/**
 * The disagreements (not agreements) to show on an entity's card: those of the page's story
 * first, then those whose sides both name the entity (a story's difference that only one
 * outlet's sentence ties to it is about the story, not the entity), then by severity.
 */
export function rankDisagreements(
  discrepancies: readonly Discrepancy[],
  claimsOf: ReadonlyMap<string, readonly Claim[]>,
  entityId: string,
  pageStory: string | null,
): Discrepancy[] {
  const elsewhere = (d: Discrepancy) => Number(pageStory === null || d.storyId !== pageStory);
  const about = new Map(
    discrepancies.map((d) => [d.id, sidesNaming(claimsOf.get(d.id) ?? [], entityId)]),
  );
  return discrepancies
    .filter((d) => !d.agreement)
    .sort(
      (a, b) =>
        elsewhere(a) - elsewhere(b) ||
        about.get(b.id)! - about.get(a.id)! ||
        SEVERITY_RANK[a.severity] - SEVERITY_RANK[b.severity],
    );
}

/** The first few disagreements as disputes, from the claims of enabled sources. */
function disputesOf(
  disagreeing: readonly Discrepancy[],
  claimsOf: ReadonlyMap<string, readonly Claim[]>,
  sources: Map<string, Source>,
): Dispute[] {
  const disputes: Dispute[] = [];
  for (const d of disagreeing) {
    if (disputes.length >= MAX_DISPUTES) break;
    const dispute = disputeOf(d, claimsOf.get(d.id) ?? [], sources);
    if (dispute) disputes.push(dispute);
  }
  return disputes;
}

function countBy<T>(items: readonly T[], key: (t: T) => string): Map<string, number> {
  const out = new Map<string, number>();
  for (const item of items) out.set(key(item), (out.get(key(item)) ?? 0) + 1);
  return out;
}

/**
 * The descriptors of an entity grouped by wording. A descriptor every instance of which, in a
 * source, sits inside a quote is the quoted speaker's words, not the outlet's framing.
 */
function groupDescriptors(
  entity: Entity,
  claims: readonly Claim[],
  sources: Map<string, Source>,
): CardData['descriptors'] {
  const speakerOf = quotedDescriptors(claims);
  const groups = new Map<string, CardData['descriptors'][number]>();
  for (const d of entity.descriptors) {
    const s = sources.get(d.sourceId);
    if (!s) continue;
    const speaker = speakerOf.get(`${d.sourceId}|${foldForMatching(d.text)}`);
    const quoted = speaker !== undefined;
    const key = `${quoted ? 'q' : 'o'}|${foldForMatching(d.text)}`;
    let g = groups.get(key);
    if (!g) {
      g = { text: d.text, outlets: [], quoted };
      groups.set(key, g);
    }
    const who = quoted ? quotedBy(speaker, sourceLabel(s)) : sourceLabel(s);
    if (!g.outlets.includes(who)) g.outlets.push(who);
  }
  return [...groups.values()].sort(
    (a, b) => Number(a.quoted) - Number(b.quoted) || b.outlets.length - a.outlets.length,
  );
}

/** "Jane Doe, quoted by Reuters" (or "someone quoted by Reuters"). */
export function quotedBy(speaker: string | null, outlet: string): string {
  return `${speaker ?? 'someone'} quoted by ${outlet}`;
}

/**
 * `${sourceId}|${folded descriptor}` -> the quoted speaker (null when unknown), for descriptors
 * that only ever appear inside a quote in that source.
 */
function quotedDescriptors(claims: readonly Claim[]): Map<string, string | null> {
  const inside = new Map<string, string | null>();
  const outside = new Set<string>();
  for (const c of claims) {
    if (c.kind !== 'descriptor') continue;
    const key = `${c.sourceId}|${foldForMatching(c.span)}`;
    if (c.detail.inQuote) {
      const speaker = c.detail.quotedSpeaker;
      inside.set(key, typeof speaker === 'string' && speaker ? speaker : null);
    } else outside.add(key);
  }
  for (const key of outside) inside.delete(key);
  return inside;
}

/** The card's one line: the curated description, else the outlets' most common own wording. */
export function oneLine(
  description: string | null,
  descriptors: CardData['descriptors'],
): CardData['summary'] {
  if (description?.trim()) return { text: description.trim(), by: [] };
  const own = descriptors.filter((d) => !d.quoted);
  if (own.length === 0) return null;
  const best = [...own].sort(
    (a, b) => b.outlets.length - a.outlets.length || b.text.length - a.text.length,
  )[0]!;
  return { text: best.text, by: best.outlets };
}

/**
 * The most a passage can score before its row is read: what informativeness gives the other
 * names and claims it holds (known from the indexes), with its kind, length and where it names
 * the entity at their best.
 */
export function scoreBound(otherEntities: number, claims: number): number {
  return Math.min(otherEntities, 3) + Math.min(claims, 2) * 1.5 + 2;
}

/** How many sentences the card reads first (then twice as many each time, as needed). */
const FIRST_READ = 12;

/**
 * The card's three sentences: the most informative, greedily, with a penalty for an outlet
 * already used and the same text once. Exactly the choice made over every passage naming the
 * entity, reading only as many as it takes: passages are read best bound first, and a choice
 * stands once it scores above the bound of every passage not read yet (a passage not read could
 * otherwise beat it or tie it); else more are read and the choice is made again.
 */
async function pickSentences(
  read: (ids: string[]) => Promise<Array<Passage | undefined>>,
  passageIds: readonly string[],
  mentions: readonly Mention[],
  otherByPassage: Map<string, Set<string>>,
  claimsByPassage: Map<string, number>,
  sources: Map<string, Source>,
): Promise<CardData['sentences']> {
  const firstMention = new Map<string, number>();
  for (const m of mentions) {
    const prev = firstMention.get(m.passageId);
    if (prev === undefined || m.start < prev) firstMention.set(m.passageId, m.start);
  }
  const bounded = passageIds
    .map((id) => ({
      id,
      bound: scoreBound(otherByPassage.get(id)?.size ?? 0, claimsByPassage.get(id) ?? 0),
    }))
    .sort((a, b) => b.bound - a.bound || a.id.localeCompare(b.id));
  const scored: Array<{ p: Passage; score: number }> = [];
  let readUpTo = 0;
  for (let want = FIRST_READ; ; want *= 2) {
    const next = bounded.slice(readUpTo, want);
    readUpTo += next.length;
    for (const p of await read(next.map((b) => b.id))) {
      if (!p) continue;
      const score = informativeness(
        p,
        otherByPassage.get(p.id)?.size ?? 0,
        claimsByPassage.get(p.id) ?? 0,
        (firstMention.get(p.id) ?? p.start) - p.start,
      );
      scored.push({ p, score });
    }
    const unread = bounded[readUpTo]?.bound ?? Number.NEGATIVE_INFINITY;
    const picked = greedySentences(scored, unread, sources);
    if (picked) return picked;
  }
}

/**
 * The greedy choice over the passages read, or null when a step's choice does not score above
 * `unread` (the best bound of the passages not read): then it may not be the choice over all.
 */
function greedySentences(
  read: ReadonlyArray<{ p: Passage; score: number }>,
  unread: number,
  sources: Map<string, Source>,
): CardData['sentences'] | null {
  const scored = [...read].sort((a, b) => b.score - a.score || a.p.id.localeCompare(b.p.id));
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
    if (bestScore <= unread) return null;
    const { p } = scored.splice(best, 1)[0]!;
    const key = foldForMatching(p.text).slice(0, 80);
    if (seenText.has(key)) continue;
    seenText.add(key);
    usedSources.set(p.sourceId, (usedSources.get(p.sourceId) ?? 0) + 1);
    const s = sources.get(p.sourceId)!;
    picked.push({ text: p.text.trim(), outlet: sourceLabel(s), sourceId: p.sourceId });
  }
  // Fewer than three: every passage must have been read.
  return picked.length < 3 && unread !== Number.NEGATIVE_INFINITY ? null : picked;
}

function quotesBy(
  entity: Entity,
  claims: readonly Claim[],
  sources: Map<string, Source>,
): CardData['quotes'] {
  const names = new Set([entity.name, ...entity.aliases].map((n) => foldForMatching(n)));
  const out: CardData['quotes'] = [];
  const seen = new Set<string>();
  for (const c of claims) {
    if (c.kind !== 'quote') continue;
    const speakerId = c.detail.speakerId;
    const speaker = c.detail.speaker;
    const bySpeaker =
      speakerId === entity.id ||
      (typeof speaker === 'string' && names.has(foldForMatching(speaker)));
    if (!bySpeaker) continue;
    const text = (c.value || c.span).trim();
    const key = foldForMatching(text);
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

const words = (s: string) => s.match(/[\p{L}\p{N}'’-]+/gu) ?? [];

/**
 * The words of `a` that differ from `b`, with one word of context, for two wordings of the same
 * quote: "committed to working" / "committed to work" -> "to working".
 */
export function differingWords(a: string, b: string, max = 6): string {
  const wa = words(a);
  const wb = words(b);
  const same = (x: string | undefined, y: string | undefined) =>
    x !== undefined && y !== undefined && foldForMatching(x) === foldForMatching(y);
  let p = 0;
  while (p < wa.length && same(wa[p], wb[p])) p++;
  let q = 0;
  while (q < wa.length - p && same(wa[wa.length - 1 - q], wb[wb.length - 1 - q])) q++;
  if (p + q >= wa.length) return clipWords(a, max);
  const from = Math.max(0, p - 1);
  const to = Math.min(wa.length, wa.length - q + 1);
  const middle = wa.slice(from, to);
  const text = middle.slice(0, max).join(' ');
  return `${from > 0 ? '… ' : ''}${text}${to < wa.length || middle.length > max ? ' …' : ''}`;
}

function clipWords(s: string, max: number): string {
  const w = s.trim().split(/\s+/);
  return w.length > max ? `${w.slice(0, max).join(' ')} …` : s.trim();
}

/** What one claim says, in a few words: a label's evaluative word, a figure, a time, a name. */
function saying(c: Claim): string {
  if (c.kind === 'descriptor') {
    const ev = c.detail.evaluative;
    return typeof ev === 'string' && ev ? ev : c.span;
  }
  if (c.kind === 'attribution') return c.value || c.span;
  return clipWords(c.span, 8);
}

/**
 * Two sides of a discrepancy for the card: the first claim, and the first from another source
 * that says something else. A label inside a quote is credited to the quote's speaker.
 */
export function disputeOf(
  d: Pick<Discrepancy, 'id' | 'topic' | 'severity' | 'kind'>,
  claims: readonly Claim[],
  sources: Map<string, Pick<Source, 'outlet' | 'title' | 'url'>>,
): Dispute | null {
  const who = (c: Claim) => {
    const s = sources.get(c.sourceId);
    const outlet = s ? sourceLabel(s) : 'a removed source';
    if (c.kind === 'descriptor' && c.detail.inQuote) {
      const speaker = c.detail.quotedSpeaker;
      return quotedBy(typeof speaker === 'string' && speaker ? speaker : null, outlet);
    }
    return outlet;
  };
  // Framing: an outlet's own label first, so the card never leads with someone else's words.
  const ordered =
    d.kind === 'descriptor'
      ? [...claims].sort(
          (a, b) =>
            Number(Boolean(a.detail.inQuote)) - Number(Boolean(b.detail.inQuote)) ||
            Number(!a.detail.evaluative) - Number(!b.detail.evaluative),
        )
      : claims;
  const a = ordered[0];
  if (!a) return null;
  const b = ordered.find(
    (c) => c.sourceId !== a.sourceId && foldForMatching(saying(c)) !== foldForMatching(saying(a)),
  );
  if (!b) return null;
  const [sa, sb] =
    d.kind === 'quote'
      ? [differingWords(a.span, b.span), differingWords(b.span, a.span)]
      : [saying(a), saying(b)];
  const verb: DisputeVerb =
    d.kind === 'attribution' ? 'credits' : d.kind === 'quote' ? 'quotes' : 'says';
  return {
    id: d.id,
    // On the entity's own card its name goes without saying: "Described as", not "How outlets
    // describe <name>".
    topic: d.kind === 'descriptor' ? 'Described as' : d.topic,
    severity: d.severity,
    sides: [
      { who: who(a), verb, says: sa, sourceId: a.sourceId },
      { who: who(b), verb, says: sb, sourceId: b.sourceId },
    ],
  };
}
