/**
 * Turns one source's passages into typed claims. Each extractor in extractors/ is a pure function
 * over a sentence (quantity, time, label, descriptor, quote); this module maps their hits to Claim
 * rows with offsets into the source text, the entities around them, and speakers.
 */
import type { Claim, ClaimKind, Entity, Mention, Passage, Source } from '../types';
import { descriptorBefore, isDemonym } from './extractors/descriptor';
import { extractLabels } from './extractors/label';
import { extractQuantities, type QuantityHit } from './extractors/quantity';
import {
  attributionAfter,
  findQuotes,
  isAccordingTo,
  isSubjectPronoun,
  isWordList,
  quoteWords,
  verbsIn,
} from './extractors/quote';
import { anyLanguage } from '../lang';
import { type ClaimReads, EntityLookup } from './claim-reads';
import { claimWordsIn, claimWordsOf } from '../lang/claim-words';
import { clauseBounds, foldLower, lowerBound, words } from './text';
import { extractTimes, formatTime, lastDayIn, type TimeValue } from './extractors/time';

interface Ctx {
  source: Source;
  /** This source's mentions in text order. */
  mentions: Mention[];
  /** The entity list, read through a view that can note what is read of it. */
  entities: EntityLookup;
  claims: Claim[];
  counter: Map<ClaimKind, number>;
  /** Mentions that can speak (persons, organizations, groups), in text order. */
  speakers: Mention[];
  /** Person mentions, in text order, and where each passage's first one is in that list. */
  persons: Mention[];
  firstPersonOf: Map<string, number>;
  /** Reporting verbs of each passage (offsets in the source), found once. */
  verbs: Map<string, Array<{ verb: string; start: number; end: number }>>;
  /** Who a figure is credited to, by the offset of the reporting verb before it. */
  creditedBy: Map<number, Credit | null>;
  /** The id of the person a role ("the secretary") stands for, by its role words. */
  roleHolders: Map<string, string | null>;
  mentionCounts: Map<string, number> | null;
  /** Every quote span of the source (offsets in the source), sorted: names there never speak. */
  quoteSpans: Array<{ start: number; end: number }>;
  /** Prepositions that make a name an object ("with X", "a X"), folded, every language. */
  objectMarkers: Set<string>;
}

interface Credit {
  speaker: Speaker;
  /** "according to X, …": the figure must come after the comma closing X. */
  after: number;
}

/** Ids of the entities mentioned in [start, end) of the source, in text order. */
function entitiesIn(ctx: Ctx, start: number, end: number): string[] {
  const ids = new Set<string>();
  for (let i = lowerBound(ctx.mentions, start, (m) => m.start); i < ctx.mentions.length; i++) {
    const m = ctx.mentions[i]!;
    if (m.start >= end) break;
    if (m.end <= end) ids.add(m.entityId);
  }
  return [...ids];
}

function add(ctx: Ctx, c: Omit<Claim, 'id' | 'sourceId' | 'origin'>): Claim {
  const n = ctx.counter.get(c.kind) ?? 0;
  ctx.counter.set(c.kind, n + 1);
  const claim: Claim = {
    id: `${ctx.source.id}:${c.kind}:${n}`,
    sourceId: ctx.source.id,
    origin: ctx.source.origin,
    ...c,
  };
  ctx.claims.push(claim);
  return claim;
}

/** Typed claims (quantities, times, labels, descriptors, quotes, attributions) of one source. */
export function extractClaims(
  source: Source,
  passages: readonly Passage[],
  mentions: readonly Mention[],
  entities: readonly Entity[],
  /**
   * The corpus's place-name test (placeLikeTest(entities)), when the caller extracts many
   * sources' claims against one entity list: built once for all, not once per source.
   */
  placeLike?: (word: string) => boolean,
  /** Notes what is read of `entities` (lib/claims/claim-reads.ts), for a caller that keeps claims. */
  reads?: ClaimReads,
): Claim[] {
  const own = mentions.filter((m) => m.sourceId === source.id).sort((a, b) => a.start - b.start);
  const byId = new EntityLookup(entities, reads);
  const typeOf = (m: Mention) => byId.type(m.entityId);
  const persons = own.filter((m) => typeOf(m) === 'person');
  const firstPersonOf = new Map<string, number>();
  persons.forEach((m, i) => {
    if (!firstPersonOf.has(m.passageId)) firstPersonOf.set(m.passageId, i);
  });
  const ctx: Ctx = {
    source,
    mentions: own,
    entities: byId,
    claims: [],
    counter: new Map(),
    speakers: own.filter((m) => {
      const t = typeOf(m);
      return t === 'person' || t === 'organization' || t === 'group';
    }),
    persons,
    firstPersonOf,
    verbs: new Map(),
    creditedBy: new Map(),
    roleHolders: new Map(),
    mentionCounts: null,
    quoteSpans: [],
    objectMarkers: claimWordsIn('objectMarkers', source.language),
  };
  const ownPassages = passages
    .filter((p) => p.sourceId === source.id)
    .sort((a, b) => a.start - b.start);
  if (placeLike) placeLikeCache.set(ctx, placeLike);
  const quotes = extractQuotes(ctx, ownPassages);
  const mentionsOf = new Map<string, Mention[]>();
  for (const m of ctx.mentions) {
    const list = mentionsOf.get(m.passageId);
    if (list) list.push(m);
    else mentionsOf.set(m.passageId, [m]);
  }
  let previous: Passage | null = null;
  let lastDay: TimeValue | null = null;
  for (const p of ownPassages) {
    quantities(ctx, p, quotes);
    if (previous) echoes(ctx, previous, p);
    previous = p;
    times(ctx, p, lastDay);
    lastDay = lastDayIn(p.text) ?? lastDay;
    labels(ctx, p);
    descriptors(ctx, p, quotes, mentionsOf.get(p.id) ?? []);
  }
  return ctx.claims;
}

// ---------------------------------------------------------------------------------------------

/**
 * Whose share each percentage is ("A won 58% and B 30%"): every person named in the sentence
 * goes to the share nearest to the name, and a share takes the person given to it.
 */
function shareOwners(ctx: Ctx, p: Passage, hits: readonly QuantityHit[]): Map<QuantityHit, string> {
  const owners = new Map<QuantityHit, string>();
  const shares = hits.filter((q) => q.unit.startsWith('%'));
  if (shares.length === 0) return owners;
  const best = new Map<QuantityHit, number>();
  for (const m of ctx.persons) {
    if (m.passageId !== p.id) continue;
    const ms = m.start - p.start;
    const me = m.end - p.start;
    let nearest: QuantityHit | null = null;
    let distance = Infinity;
    for (const q of shares) {
      const [from, to] = me <= q.start ? [me, q.start] : [q.end, ms];
      // Only within the sentence: a full stop followed by a space ends it.
      if (to < from || /[.!?]\s/.test(p.text.slice(from, to))) continue;
      if (to - from < distance) [nearest, distance] = [q, to - from];
    }
    if (nearest && distance < (best.get(nearest) ?? Infinity)) {
      best.set(nearest, distance);
      owners.set(nearest, m.entityId);
    }
  }
  return owners;
}

function quantities(ctx: Ctx, p: Passage, quotes: readonly Claim[]): void {
  const hits = extractQuantities(p.text, ctx.source.language);
  const owners = shareOwners(ctx, p, hits);
  for (const q of hits) {
    const [cs, ce] = clauseBounds(p.text, q.start, q.end);
    const claim = add(ctx, {
      passageId: p.id,
      kind: 'quantity',
      slot: q.complement ? `${q.unit} | ${q.complement}` : q.unit,
      value: String(q.number.value),
      unit: q.unit,
      span: q.span,
      start: p.start + q.start,
      end: p.start + q.end,
      entityIds: entitiesIn(ctx, p.start + cs, p.start + ce),
      detail: {
        low: q.number.low,
        high: q.number.high,
        hedge: q.number.hedge,
        hedgeText: q.number.hedgeText,
        thing: q.thing,
        complement: q.complement,
        complementText: q.complementText,
        each: q.each,
        context: q.context.join(' '),
        outcome: q.outcome,
        tally: q.tally,
        article: q.article,
        owner: owners.get(q) ?? null,
      },
    });
    attribution(ctx, p, claim, quotes);
  }
}

function times(ctx: Ctx, p: Passage, lastDay: TimeValue | null): void {
  const hits = extractTimes(p.text, lastDay);
  const ids = hits.length > 0 ? entitiesIn(ctx, p.start, p.end) : [];
  const published = Number(ctx.source.published?.slice(0, 4)) || null;
  for (const t of hits) {
    // A date in another year is history ("the crash of 2007"), not this story's event.
    if (t.value.year && published && t.value.year !== published) continue;
    // "on Thursday evening" -> "Thursday evening": the span and its offsets drop the preposition.
    const lead = t.span.match(/^(?:(?:on|in|the|this|that) )+/i)?.[0].length ?? 0;
    add(ctx, {
      passageId: p.id,
      kind: 'time',
      slot: `event:${t.event}`,
      value: formatTime(t.value),
      unit: null,
      span: t.span.slice(lead),
      start: p.start + t.start + lead,
      end: p.start + t.end,
      entityIds: [...ids],
      detail: {
        event: t.event,
        weekday: t.value.weekday,
        date: t.value.date,
        month: t.value.month,
        part: t.value.part,
        clockLow: t.value.clock?.[0] ?? null,
        clockHigh: t.value.clock?.[1] ?? null,
        zone: t.value.zone ?? null,
        persons: ids.filter((id) => ctx.entities.type(id) === 'person').join(' '),
      },
    });
  }
}

function labels(ctx: Ctx, p: Passage): void {
  const hits = extractLabels(p.text);
  const ids = hits.length > 0 ? entitiesIn(ctx, p.start, p.end) : [];
  for (const l of hits) {
    add(ctx, {
      passageId: p.id,
      kind: 'label',
      slot: 'document',
      value: l.label,
      unit: null,
      span: l.span,
      start: p.start + l.start,
      end: p.start + l.end,
      entityIds: [...ids],
      detail: { specific: l.specific, context: l.context.join(' ') },
    });
  }
}

const placeLikeCache = new WeakMap<Ctx, (word: string) => boolean>();

/** Built once per extraction (every non-person name), not once per sentence. */
function placeLikeFor(ctx: Ctx): (word: string) => boolean {
  let test = placeLikeCache.get(ctx);
  if (!test) placeLikeCache.set(ctx, (test = buildPlaceLike(ctx)));
  return test;
}

function buildPlaceLike(ctx: Ctx): (word: string) => boolean {
  return placeLikeTest(ctx.entities.all());
}

/** Whether a word is place-like given these entities (what extractClaims builds from its own). */
export function placeLikeTest(entities: Iterable<Entity>): (word: string) => boolean {
  // A word is place-like when it is a non-person name, or shares a name's first five letters.
  const names = new Set<string>();
  const prefixes = new Set<string>();
  for (const e of entities)
    if (e.type !== 'person')
      for (const n of [e.name, ...e.aliases]) {
        const f = foldLower(n);
        names.add(f);
        if (f.length >= 5) prefixes.add(f.slice(0, 5));
      }
  return (word: string) => {
    const w = foldLower(word).replace(/'s$/, '');
    if (/['’]s$/.test(word) || isDemonym(word)) return true;
    return names.has(w) || (w.length >= 5 && prefixes.has(w.slice(0, 5)));
  };
}

/** The quote (sorted, disjoint) that starts last at or before `offset`, if any. */
function quoteAt(quotes: readonly Claim[], offset: number): Claim | undefined {
  return quotes[lowerBound(quotes, offset + 1, (q) => q.start) - 1];
}

function descriptors(
  ctx: Ctx,
  p: Passage,
  quotes: readonly Claim[],
  mentions: readonly Mention[],
): void {
  const placeLike = placeLikeFor(ctx);
  for (const m of mentions) {
    const type = ctx.entities.type(m.entityId);
    if (type !== 'person' && type !== 'group') continue;
    const d = descriptorBefore(p.text, m.start - p.start, placeLike);
    if (!d) continue;
    const start = p.start + d.start;
    const near = quoteAt(quotes, start);
    const inQuote = near && start < near.end ? near : undefined;
    add(ctx, {
      passageId: p.id,
      kind: 'descriptor',
      slot: `descriptor:${m.entityId}`,
      value: d.span,
      unit: null,
      span: d.span,
      start,
      end: p.start + d.end,
      entityIds: [m.entityId],
      detail: {
        evaluative: d.evaluative.join(' '),
        inQuote: Boolean(inQuote),
        quotedSpeaker: inQuote ? (inQuote.detail.speaker as string | null) : null,
      },
    });
  }
}

// ---------------------------------------------------------------------------------------------
// Quotes and speakers.

interface Speaker {
  label: string;
  entityId: string | null;
  start: number;
  end: number;
}

/** Institutions that speak for themselves ("the presidency"): the phrase is kept as said. */
const INSTITUTION_HEADS = new Set('presidency government ministry office official'.split(' '));

let roleSet: Set<string> | null = null;
/**
 * Offices in every language (lib/lang roles, less honorifics), folded: the head of a speaker
 * phrase ("the minister"), never its modifier ("interior").
 */
function isRoleWord(word: string): boolean {
  if (!roleSet) {
    const honorifics = anyLanguage('honorifics');
    roleSet = new Set([...anyLanguage('roles')].filter((w) => !honorifics.has(w)).map(foldLower));
  }
  return roleSet.has(foldLower(word));
}

/** A speaker worth crediting a figure to: an entity, an office, or an institution. */
function canSpeak(s: Speaker): boolean {
  if (s.entityId) return true;
  return s.label.split(/\s+/).some((w) => isRoleWord(w) || INSTITUTION_HEADS.has(foldLower(w)));
}

function isPerson(ctx: Ctx, m: Mention): boolean {
  return ctx.entities.type(m.entityId) === 'person';
}

/** Whether [start, end) lies inside one of the source's quotes (a name there is not a speaker). */
function insideQuote(ctx: Ctx, start: number, end: number): boolean {
  const q = ctx.quoteSpans[lowerBound(ctx.quoteSpans, start + 1, (x) => x.start) - 1];
  return q !== undefined && start >= q.start && end <= q.end;
}

/** Person, organization and group mentions inside [start, end), outside quotes, in text order. */
function personMentions(ctx: Ctx, start: number, end: number): Mention[] {
  const out: Mention[] = [];
  for (let i = lowerBound(ctx.speakers, start, (m) => m.start); i < ctx.speakers.length; i++) {
    const m = ctx.speakers[i]!;
    if (m.start >= end) break;
    if (m.end <= end && !insideQuote(ctx, m.start, m.end)) out.push(m);
  }
  return out;
}

/** Whether the word right before `m` is a preposition that makes it an object ("with X"). */
function isObject(ctx: Ctx, m: Mention): boolean {
  const before = ctx.source.text.slice(Math.max(0, m.start - 24), m.start);
  const word = before.match(/([\p{L}]+)['’]?\s*$/u)?.[1];
  return word !== undefined && ctx.objectMarkers.has(foldLower(word));
}

/**
 * The subject of the latest sentence before `offset` that names a person: its first person
 * mention that no preposition governs ("After the message of A, B congratulated C" -> B),
 * else its first person mention.
 */
function latestSubject(ctx: Ctx, offset: number): Mention | undefined {
  const ps = ctx.persons;
  let last = lowerBound(ps, offset, (m) => m.start) - 1;
  while (last >= 0 && (ps[last]!.end > offset || insideQuote(ctx, ps[last]!.start, ps[last]!.end)))
    last--;
  if (last < 0) return undefined;
  const passageId = ps[last]!.passageId;
  const inSentence: Mention[] = [];
  for (let i = ctx.firstPersonOf.get(passageId) ?? last; i <= last; i++) {
    const m = ps[i]!;
    if (m.passageId === passageId && m.end <= offset && !insideQuote(ctx, m.start, m.end))
      inSentence.push(m);
  }
  return inSentence.find((m) => !isObject(ctx, m)) ?? inSentence[0];
}

/**
 * The id of the person named in the source whose descriptors hold every role word, the most
 * mentioned one first (on a tie, the first in the entity list).
 */
function roleHolder(ctx: Ctx, roleWords: readonly string[]): string | null {
  const k = roleWords.join(' ');
  if (ctx.roleHolders.has(k)) return ctx.roleHolders.get(k)!;
  if (!ctx.mentionCounts) {
    ctx.mentionCounts = new Map();
    for (const m of ctx.mentions)
      ctx.mentionCounts.set(m.entityId, (ctx.mentionCounts.get(m.entityId) ?? 0) + 1);
  }
  const counts = ctx.mentionCounts;
  let best: string | null = null;
  for (const id of ctx.entities.inListOrder(counts.keys())) {
    if (ctx.entities.type(id) !== 'person') continue;
    const fits = ctx.entities.holdsRole(id, roleWords);
    if (fits && (!best || (counts.get(id) ?? 0) > (counts.get(best) ?? 0))) best = id;
  }
  ctx.roleHolders.set(k, best);
  return best;
}

const fromMention = (ctx: Ctx, m: Mention, at?: { start: number; end: number }): Speaker => ({
  label: ctx.entities.name(m.entityId)!,
  entityId: m.entityId,
  start: at?.start ?? m.start,
  end: at?.end ?? m.end,
});

/**
 * Who a pronoun (or a verb without a subject) stands for: the last person who spoke earlier in
 * the paragraph, else the subject of the latest sentence naming a person.
 */
function pronounSpeaker(
  ctx: Ctx,
  paragraph: readonly Speaker[],
  at: { start: number; end: number },
  phrase: string,
): Speaker {
  const spoke = [...paragraph].reverse().find((s) => {
    return s.entityId ? ctx.entities.type(s.entityId) === 'person' : false;
  });
  if (spoke) return { ...spoke, ...at };
  const m = latestSubject(ctx, at.start);
  if (m) return fromMention(ctx, m, at);
  return { label: phrase, entityId: null, ...at };
}

/**
 * Resolves a speaker phrase to an entity: a person named in it (or in an apposition right
 * after it: "the chair of the party, Jane Doe"), a role a person holds ("the secretary"), an
 * organization named in it, a pronoun. Places are never speakers; nor is a name in a quote.
 */
function resolveSpeaker(
  ctx: Ctx,
  text: string,
  start: number,
  end: number,
  paragraph: readonly Speaker[],
  pronoun = false,
  apposition = false,
): Speaker {
  const phrase = text.trim();
  if (pronoun || isSubjectPronoun(phrase, ctx.source.language))
    return pronounSpeaker(ctx, paragraph, { start, end }, phrase);
  const inside = personMentions(ctx, start, end);
  const person = inside.find((m) => isPerson(ctx, m));
  if (person) return fromMention(ctx, person);
  // After a verb only ("said the chair, Jane Doe"): after "according to X," a clause follows.
  const comma = apposition ? ctx.source.text.slice(end, end + 3).match(/^\s*,\s*/) : null;
  if (comma) {
    const from = end + comma[0].length;
    const next = personMentions(ctx, from, from + 80).find((m) => isPerson(ctx, m));
    if (next && next.start === from) return fromMention(ctx, next);
  }
  const ws = phrase.split(/\s+/);
  const roleWords = ws.map(foldLower).filter((w) => isRoleWord(w));
  if (roleWords.length > 0 && !ws.some((w) => INSTITUTION_HEADS.has(foldLower(w)))) {
    const best = roleHolder(ctx, roleWords);
    if (best) return { label: ctx.entities.name(best)!, entityId: best, start, end };
  } else if (inside[0]) return fromMention(ctx, inside[0]);
  return { label: speakerLabel(ctx, phrase), entityId: null, start, end };
}

/**
 * A speaker no entity stands for, as a label: without its article, cut before a preposition
 * ("the ministry in a statement" -> "Ministry"), capitalised.
 */
function speakerLabel(ctx: Ctx, phrase: string): string {
  const articles = anyLanguage('articles');
  const ws = phrase.split(/\s+/);
  while (ws.length > 1 && articles.has(foldLower(ws[0]!).replace(/['’]$/, ''))) ws.shift();
  const cut = ws.findIndex((w, i) => i > 0 && ctx.objectMarkers.has(foldLower(w)));
  // "Minister of Example Policy" keeps its complement: a capitalised name follows.
  const keep = cut > 0 && /^\p{Lu}/u.test(ws[cut + 1] ?? ws[cut + 2] ?? '') ? -1 : cut;
  return (keep > 0 ? ws.slice(0, keep) : ws)
    .join(' ')
    .replace(/^(?:l['’])/i, '')
    .replace(/^\p{Ll}/u, (c) => c.toUpperCase());
}

/** The passage (sorted, disjoint) holding `offset`, else the first one after it. */
function sentenceStartOf(passages: readonly Passage[], offset: number): Passage | undefined {
  const after = lowerBound(passages, offset + 1, (p) => p.start);
  const holder = passages[after - 1];
  if (holder && offset < holder.end) return holder;
  return passages[lowerBound(passages, offset, (p) => p.start)];
}

/** Reporting verbs (and "according to") of a passage, offsets in the source, found once. */
function verbsOf(ctx: Ctx, p: Passage): Array<{ verb: string; start: number; end: number }> {
  let list = ctx.verbs.get(p.id);
  if (!list) {
    list = verbsIn(p.text, ctx.source.language).map((m) => ({
      verb: m.verb,
      start: p.start + m.index,
      end: p.start + m.index + m.verb.length,
    }));
    ctx.verbs.set(p.id, list);
  }
  return list;
}

/** The last reporting verb of `passage` ending by `offset` ("X said, “…"). */
function verbBeforeIn(
  ctx: Ctx,
  passage: Passage,
  offset: number,
): { verb: string; start: number } | null {
  const list = verbsOf(ctx, passage);
  const v = list[lowerBound(list, offset + 1, (x) => x.end) - 1];
  return v ? { verb: v.verb, start: v.start } : null;
}

interface PendingQuote {
  start: number;
  end: number;
  text: string;
  speaker: Speaker | null;
  interpreter: boolean;
  verb: string | null;
}

/** "According to X, “…" / "X said, “…": the speaker named before the verb of the sentence. */
function speakerBefore(
  ctx: Ctx,
  sentence: Passage,
  v: { verb: string; start: number },
  quoteStart: number,
  paragraph: readonly Speaker[],
): Speaker | null {
  const text = ctx.source.text;
  if (isAccordingTo(v.verb, ctx.source.language)) {
    const np = text.slice(v.start + v.verb.length, quoteStart).match(/^\s+([^,]+)/);
    if (!np) return null;
    const s = v.start + v.verb.length + np.index! + np[0].indexOf(np[1]!);
    return resolveSpeaker(ctx, np[1]!, s, s + np[1]!.length, paragraph);
  }
  const names = personMentions(ctx, sentence.start, v.start);
  // "X met Y, and said …": a coordinated verb shares the sentence's subject.
  const coordinated =
    names.length > 0 &&
    /,\s+(?:and|y|e|et)\s+$/.test(text.slice(names.at(-1)!.end, v.start).replace(/\s*$/, ' '));
  // The nearest name no preposition governs ("A, in a meeting with B, said": A).
  const subjects = names.filter((m) => !isObject(ctx, m));
  const m = coordinated ? names[0] : (subjects.at(-1) ?? names.at(-1));
  if (m && !isPerson(ctx, m)) {
    // "the minister of X announced": an office held in an organization speaks, not X.
    const lead = words(text.slice(Math.max(sentence.start, m.start - 40), m.start), 0);
    const role = lead.slice(-4).findIndex((w) => isRoleWord(w.text));
    if (role >= 0) {
      const w = lead.slice(-4)[role]!;
      const at = Math.max(sentence.start, m.start - 40) + w.start;
      return resolveSpeaker(ctx, text.slice(at, m.end), at, m.end, paragraph);
    }
  }
  if (m) return resolveSpeaker(ctx, m.surface, m.start, m.end, paragraph);
  const head = text.slice(sentence.start, v.start);
  // "The secretary said", "La portavoz de la organización afirmó": a role opens the sentence.
  const ws = words(head, sentence.start).slice(0, 6);
  const role = ws.findIndex((w) => isRoleWord(w.text));
  if (role >= 0)
    return resolveSpeaker(
      ctx,
      text.slice(sentence.start, ws[role]!.end),
      sentence.start,
      ws[role]!.end,
      paragraph,
    );
  const subject = head
    .split(/,\s*/)
    .at(-1)!
    .replace(/\b(?:which|who|that|and)\b/gi, ' ')
    .trim();
  if (!subject) return null;
  const pronoun = isSubjectPronoun(subject, ctx.source.language);
  const s = Math.max(v.start - subject.length - 1, sentence.start);
  return resolveSpeaker(ctx, subject, s, v.start, paragraph, pronoun);
}

/** Who said one quote: the attribution after it, else the verb before it in its sentence. */
function attributeQuote(
  ctx: Ctx,
  ps: readonly Passage[],
  start: number,
  end: number,
  paragraph: readonly Speaker[],
): Omit<PendingQuote, 'start' | 'end' | 'text'> {
  const text = ctx.source.text;
  const after = attributionAfter(text, end, ctx.source.language);
  if (after && after.start < ps.at(-1)!.end + 1) {
    const speaker = resolveSpeaker(
      ctx,
      after.speaker,
      after.start,
      after.end,
      paragraph,
      after.pronoun,
      true,
    );
    return { speaker, interpreter: after.interpreter, verb: after.verb };
  }
  const sentence = sentenceStartOf(ps, start);
  const v = sentence ? verbBeforeIn(ctx, sentence, start) : null;
  if (!v || !sentence) return { speaker: null, interpreter: false, verb: null };
  return {
    speaker: speakerBefore(ctx, sentence, v, start, paragraph),
    interpreter: false,
    verb: v.verb,
  };
}

/**
 * Unattributed parts of a quote take the speaker of the quote next to them: the next one
 * attributed in the text, else the nearest one before; a quote opening its sentence after
 * "X responded swiftly." is that sentence's subject's.
 */
function fillUnattributed(
  ctx: Ctx,
  passages: readonly Passage[],
  pending: PendingQuote[],
  from: number,
  previousBlock: Speaker | null,
): void {
  const nextAttributed: Array<number | null> = [];
  for (let i = pending.length - 1, next: number | null = null; i >= 0; i--) {
    nextAttributed[i] = next;
    if (pending[i]!.speaker) next = i;
  }
  let lastAttributed: number | null = null;
  for (let i = 0; i < pending.length; i++) {
    const q = pending[i]!;
    if (q.speaker) {
      lastAttributed = i;
      continue;
    }
    const nearAt = nextAttributed[i] ?? lastAttributed;
    const near = nearAt === null ? undefined : pending[nearAt];
    const opener = passages[lowerBound(passages, q.start + 1, (x) => x.start) - 1];
    if (near) q.speaker = near.speaker;
    else if (previousBlock && q.start - from < 3) q.speaker = previousBlock;
    else if (opener && q.start - opener.start < 3) {
      // Only the sentence right before: a quote further on is a title or someone else's.
      const prev = passages[lowerBound(passages, q.start + 1, (x) => x.end) - 1];
      const m = prev ? latestSubject(ctx, prev.end) : undefined;
      if (m && m.passageId === prev?.id) q.speaker = fromMention(ctx, m);
    }
    if (q.speaker) lastAttributed = i;
  }
}

function quoteClaim(ctx: Ctx, ps: readonly Passage[], q: PendingQuote): Claim | null {
  // Short quotes say too little to compare, except a list of words ("open, frank, and
  // productive"), which compares with the same speaker's list in another outlet.
  const list = isWordList(q.text);
  if (quoteWords(q.text).length < 4 && !list) return null;
  const passage = sentenceStartOf(ps, q.start) ?? ps[0]!;
  return add(ctx, {
    passageId: passage.id,
    kind: 'quote',
    slot: `quote:${q.speaker?.entityId ?? foldLower(q.speaker?.label ?? 'unknown')}`,
    value: q.text.trim(),
    unit: null,
    span: q.text.trim(),
    start: q.start,
    end: q.end,
    entityIds: q.speaker?.entityId ? [q.speaker.entityId] : [],
    detail: {
      speaker: q.speaker?.label ?? null,
      speakerId: q.speaker?.entityId ?? null,
      interpreter: q.interpreter,
      verb: q.verb,
      list,
    },
  });
}

/** Every quote of the source with its speaker, paragraph by paragraph. */
function extractQuotes(ctx: Ctx, passages: readonly Passage[]): Claim[] {
  const text = ctx.source.text;
  const blocks = new Map<number, Passage[]>();
  for (const p of passages) {
    const list = blocks.get(p.block) ?? [];
    list.push(p);
    blocks.set(p.block, list);
  }
  const ordered = [...blocks].sort((a, b) => a[0] - b[0]);
  // Every quote span first: a name inside a quote is never a speaker.
  const spans = ordered.map(([, ps]) => {
    const from = ps[0]!.start;
    return findQuotes(text.slice(from, ps.at(-1)!.end)).map((q) => ({
      start: from + q.start,
      end: from + q.end,
      text: q.text,
    }));
  });
  ctx.quoteSpans = spans.flat();
  const out: Claim[] = [];
  let lastSpeaker: Speaker | null = null;
  let lastQuoteBlock = -10;
  ordered.forEach(([block, ps], k) => {
    const paragraph: Speaker[] = [];
    const pending: PendingQuote[] = [];
    for (const q of spans[k]!) {
      const found = attributeQuote(ctx, ps, q.start, q.end, paragraph);
      pending.push({ ...q, ...found });
      if (found.speaker) paragraph.push(found.speaker);
    }
    const previousBlock = block - lastQuoteBlock <= 1 ? lastSpeaker : null;
    fillUnattributed(ctx, passages, pending, ps[0]!.start, previousBlock);
    for (const q of pending) {
      if (q.speaker) {
        lastSpeaker = q.speaker;
        lastQuoteBlock = block;
      }
      const claim = quoteClaim(ctx, ps, q);
      if (claim) out.push(claim);
    }
  });
  return out;
}

// ---------------------------------------------------------------------------------------------
// Attributions: who a figure is credited to.

/** Who the verb at `found` credits: "according to X," or the subject before "X said". */
function creditOf(ctx: Ctx, p: Passage, found: { verb: string; start: number }): Credit | null {
  const text = ctx.source.text;
  if (isAccordingTo(found.verb, ctx.source.language)) {
    const from = found.start + found.verb.length;
    // X ends at the first comma after the verb (in the sentence); figures after it are X's.
    const comma = text.slice(from, p.end).indexOf(',');
    if (comma < 0) return null;
    const np = text.slice(from, from + comma + 1).match(/^\s+([^,]+),/);
    if (!np) return null;
    const s = from + np[0].indexOf(np[1]!);
    return {
      speaker: resolveSpeaker(ctx, np[1]!, s, s + np[1]!.length, []),
      after: from + comma + 1,
    };
  }
  const subjectText = text.slice(p.start, found.start);
  const clauseStart =
    p.start + Math.max(subjectText.lastIndexOf(','), subjectText.lastIndexOf('“'), -1) + 1;
  const names = personMentions(ctx, clauseStart, found.start);
  const m = names.at(-1);
  const subject = text.slice(clauseStart, found.start).trim();
  if (m) return { speaker: resolveSpeaker(ctx, m.surface, m.start, m.end, []), after: 0 };
  if (subject && subject.split(/\s+/).length <= 6) {
    const s = text.indexOf(subject, clauseStart);
    return { speaker: resolveSpeaker(ctx, subject, s, s + subject.length, []), after: 0 };
  }
  return null;
}

function attribution(ctx: Ctx, p: Passage, target: Claim, quotes: readonly Claim[]): void {
  let speaker: Speaker | null = null;
  let verb: string | null = null;
  const near = quoteAt(quotes, target.start);
  const inQuote = near && target.end <= near.end + 1 ? near : undefined;
  if (inQuote?.detail.speaker) {
    speaker = {
      label: inQuote.detail.speaker as string,
      entityId: (inQuote.detail.speakerId as string | null) ?? null,
      start: inQuote.start,
      end: inQuote.end,
    };
    verb = (inQuote.detail.verb as string | null) ?? 'quoted';
  } else {
    const found = verbBeforeIn(ctx, p, target.start);
    if (!found) return;
    verb = found.verb;
    // Every figure after the same verb is credited to the same speaker: resolved once.
    let credit = ctx.creditedBy.get(found.start);
    if (credit === undefined) {
      credit = creditOf(ctx, p, found);
      ctx.creditedBy.set(found.start, credit);
    }
    if (!credit || target.start < credit.after) return;
    speaker = credit.speaker;
  }
  if (!speaker || !canSpeak(speaker)) return;
  // A speaker taken from a long quote is cut at a word boundary; offsets follow the cut.
  const said = ctx.source.text.slice(speaker.start, speaker.end);
  const span = said.length > 80 ? said.slice(0, 81).replace(/\s+\S*$/, '') : said;
  add(ctx, {
    passageId: p.id,
    kind: 'attribution',
    slot: `attribution:${target.slot}`,
    value: speaker.label,
    unit: null,
    span,
    start: speaker.start,
    end: speaker.start + span.length,
    entityIds: [...new Set([...(speaker.entityId ? [speaker.entityId] : []), ...target.entityIds])],
    detail: {
      speaker: speaker.label,
      speakerId: speaker.entityId,
      verb,
      targetId: target.id,
      targetSpan: target.span,
    },
  });
}

/**
 * "This phrase was echoed verbatim by X": the figures credited in the sentence before are X's
 * too. An outlet that has two people give a figure says they both said it.
 */
function echoes(ctx: Ctx, before: Passage, p: Passage): void {
  const verbs = claimWordsOf('echoVerbs');
  const found = [...p.text.matchAll(/\p{L}+/gu)].find((m) => verbs.has(foldLower(m[0])));
  if (!found) return;
  const from = p.start + found.index + found[0].length;
  const echoer = personMentions(ctx, from, p.end).find(
    (m) => ctx.entities.type(m.entityId) === 'person',
  );
  if (!echoer) return;
  const e = { id: echoer.entityId, name: ctx.entities.name(echoer.entityId)! };
  const credited = ctx.claims.filter(
    (c) => c.kind === 'attribution' && c.passageId === before.id && c.detail.speakerId !== e.id,
  );
  for (const { id: _id, sourceId: _s, origin: _o, ...c } of credited)
    add(ctx, {
      ...c,
      value: e.name,
      span: echoer.surface,
      start: echoer.start,
      end: echoer.end,
      passageId: p.id,
      entityIds: [...new Set([e.id, ...c.entityIds])],
      detail: { ...c.detail, speaker: e.name, speakerId: e.id, verb: found[0] },
    });
}
