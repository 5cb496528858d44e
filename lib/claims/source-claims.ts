/**
 * Turns one source's passages into typed claims. Each extractor in extractors/ is a pure function
 * over a sentence (quantity, time, label, descriptor, quote); this module maps their hits to Claim
 * rows with offsets into the source text, the entities around them, and speakers.
 */
import type { Claim, ClaimKind, Entity, Mention, Passage, Source } from '../types';
import { descriptorBefore, isDemonym, ROLE_WORDS } from './extractors/descriptor';
import { extractLabels } from './extractors/label';
import { extractQuantities, type QuantityHit } from './extractors/quantity';
import {
  attributionAfter,
  BEFORE_RE,
  findQuotes,
  isWordList,
  PRONOUNS,
  quoteWords,
  REPORTING_VERBS,
} from './extractors/quote';
import { claimWordsOf } from '../lang/claim-words';
import { clauseBounds, foldLower, lowerBound, WORD_EDGE } from './text';
import { extractTimes, formatTime, lastDayIn, type TimeValue } from './extractors/time';

interface Ctx {
  source: Source;
  /** This source's mentions in text order. */
  mentions: Mention[];
  entities: Map<string, Entity>;
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
  /** The person a role ("the secretary") stands for, by its role words. */
  roleHolders: Map<string, Entity | null>;
  mentionCounts: Map<string, number> | null;
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
): Claim[] {
  const own = mentions.filter((m) => m.sourceId === source.id).sort((a, b) => a.start - b.start);
  const byId = new Map(entities.map((e) => [e.id, e]));
  const typeOf = (m: Mention) => byId.get(m.entityId)?.type;
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
        persons: ids.filter((id) => ctx.entities.get(id)?.type === 'person').join(' '),
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
  return placeLikeTest(ctx.entities.values());
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
    const e = ctx.entities.get(m.entityId);
    if (!e || (e.type !== 'person' && e.type !== 'group')) continue;
    const d = descriptorBefore(p.text, m.start - p.start, placeLike);
    if (!d) continue;
    const start = p.start + d.start;
    const near = quoteAt(quotes, start);
    const inQuote = near && start < near.end ? near : undefined;
    add(ctx, {
      passageId: p.id,
      kind: 'descriptor',
      slot: `descriptor:${e.id}`,
      value: d.span,
      unit: null,
      span: d.span,
      start,
      end: p.start + d.end,
      entityIds: [e.id],
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

const ROLE_PHRASE =
  /\b(?:the\s+)?((?:[\p{L}'’-]+\s+){0,3}?(?:secretary|president|minister|ambassador|spokesperson|spokesman|spokeswoman|senator|governor|mayor|director|chancellor|premier|official|leader|chief|presidency|government|ministry|office))\b/iu;

/** Person, organization and group mentions inside [start, end), in text order. */
function personMentions(ctx: Ctx, start: number, end: number): Mention[] {
  const out: Mention[] = [];
  for (let i = lowerBound(ctx.speakers, start, (m) => m.start); i < ctx.speakers.length; i++) {
    const m = ctx.speakers[i]!;
    if (m.start >= end) break;
    if (m.end <= end) out.push(m);
  }
  return out;
}

/**
 * The first person mention of the latest passage that names a person before `offset` (only
 * mentions ending by `offset` count).
 */
function latestSubject(ctx: Ctx, offset: number): Mention | undefined {
  const ps = ctx.persons;
  let last = lowerBound(ps, offset, (m) => m.start) - 1;
  while (last >= 0 && ps[last]!.end > offset) last--;
  if (last < 0) return undefined;
  const passageId = ps[last]!.passageId;
  for (let i = ctx.firstPersonOf.get(passageId) ?? last; i <= last; i++)
    if (ps[i]!.passageId === passageId && ps[i]!.end <= offset) return ps[i];
  return undefined;
}

/** The person whose descriptors hold every role word, the most mentioned one first. */
function roleHolder(ctx: Ctx, roleWords: readonly string[]): Entity | null {
  const k = roleWords.join(' ');
  if (ctx.roleHolders.has(k)) return ctx.roleHolders.get(k)!;
  if (!ctx.mentionCounts) {
    ctx.mentionCounts = new Map();
    for (const m of ctx.mentions)
      ctx.mentionCounts.set(m.entityId, (ctx.mentionCounts.get(m.entityId) ?? 0) + 1);
  }
  const counts = ctx.mentionCounts;
  let best: Entity | null = null;
  for (const e of ctx.entities.values()) {
    if (e.type !== 'person' || !counts.has(e.id)) continue;
    const fits = e.descriptors.some((d) => roleWords.every((w) => foldLower(d.text).includes(w)));
    if (fits && (!best || (counts.get(e.id) ?? 0) > (counts.get(best.id) ?? 0))) best = e;
  }
  ctx.roleHolders.set(k, best);
  return best;
}

/** Resolves a speaker phrase to an entity: a name in it, a role an entity holds, a pronoun. */
function resolveSpeaker(
  ctx: Ctx,
  text: string,
  start: number,
  end: number,
  lastSpeaker: Speaker | null,
): Speaker {
  const inside = personMentions(ctx, start, end);
  if (inside.length > 0) {
    const m = inside[0]!;
    return {
      label: ctx.entities.get(m.entityId)!.name,
      entityId: m.entityId,
      start: m.start,
      end: m.end,
    };
  }
  const phrase = text.trim();
  const lower = foldLower(phrase);
  if (PRONOUNS.has(lower)) {
    if (lastSpeaker) return { ...lastSpeaker, start, end };
    // The subject of the latest sentence naming a person: its first person mention.
    const m = latestSubject(ctx, start);
    if (m) return { label: ctx.entities.get(m.entityId)!.name, entityId: m.entityId, start, end };
    return { label: phrase, entityId: null, start, end };
  }
  const role = lower.match(ROLE_PHRASE);
  if (role) {
    const roleWords = role[1]!.split(/\s+/).filter((w) => ROLE_WORDS.has(w));
    // Institutions ("the Ruritanian presidency") speak for themselves: keep the phrase.
    if (roleWords.length > 0) {
      const best = roleHolder(ctx, roleWords);
      if (best) return { label: best.name, entityId: best.id, start, end };
    }
  }
  return {
    label: phrase.replace(/^the\s+/i, '').replace(/^\p{Ll}/u, (c) => c.toUpperCase()),
    entityId: null,
    start,
    end,
  };
}

/** The passage (sorted, disjoint) holding `offset`, else the first one after it. */
function sentenceStartOf(passages: readonly Passage[], offset: number): Passage | undefined {
  const after = lowerBound(passages, offset + 1, (p) => p.start);
  const holder = passages[after - 1];
  if (holder && offset < holder.end) return holder;
  return passages[lowerBound(passages, offset, (p) => p.start)];
}

/** The last reporting verb of `passage` ending by `offset` ("X said, “…"). */
function verbBeforeIn(
  ctx: Ctx,
  passage: Passage,
  offset: number,
): { verb: string; start: number } | null {
  let list = ctx.verbs.get(passage.id);
  if (!list) {
    list = [...passage.text.matchAll(BEFORE_RE)].map((m) => ({
      verb: m[0],
      start: passage.start + m.index,
      end: passage.start + m.index + m[0].length,
    }));
    ctx.verbs.set(passage.id, list);
  }
  const v = list[lowerBound(list, offset + 1, (x) => x.end) - 1];
  return v ? { verb: v.verb, start: v.start } : null;
}

function extractQuotes(ctx: Ctx, passages: readonly Passage[]): Claim[] {
  const text = ctx.source.text;
  const out: Claim[] = [];
  const blocks = new Map<number, Passage[]>();
  for (const p of passages) {
    const list = blocks.get(p.block) ?? [];
    list.push(p);
    blocks.set(p.block, list);
  }
  let lastSpeaker: Speaker | null = null;
  let lastQuoteBlock = -10;
  for (const [block, ps] of [...blocks].sort((a, b) => a[0] - b[0])) {
    const from = ps[0]!.start;
    const blockText = text.slice(from, ps.at(-1)!.end);
    const spans = findQuotes(blockText);
    const pending: Array<{
      start: number;
      end: number;
      text: string;
      speaker: Speaker | null;
      interpreter: boolean;
      verb: string | null;
    }> = [];
    for (const q of spans) {
      const start = from + q.start;
      const end = from + q.end;
      let speaker: Speaker | null = null;
      let interpreter = false;
      let verb: string | null = null;
      const after = attributionAfter(text, end);
      if (after && after.start < ps.at(-1)!.end + 1) {
        speaker = resolveSpeaker(ctx, after.speaker, after.start, after.end, lastSpeaker);
        interpreter = after.interpreter;
        verb = after.verb;
      } else {
        const sentence = sentenceStartOf(ps, start);
        const v = sentence ? verbBeforeIn(ctx, sentence, start) : null;
        if (v && sentence) {
          verb = v.verb;
          if (/^according to$/i.test(v.verb)) {
            const np = text.slice(v.start + v.verb.length, start).match(/^\s+([^,]+)/);
            if (np) {
              const s = v.start + v.verb.length + np.index! + np[0].indexOf(np[1]!);
              speaker = resolveSpeaker(ctx, np[1]!, s, s + np[1]!.length, lastSpeaker);
            }
          } else {
            const names = personMentions(ctx, sentence.start, v.start);
            // "X met Y, and said …": a coordinated verb shares the sentence's subject.
            const coordinated =
              names.length > 0 &&
              /,\s+and\s+$/.test(text.slice(names.at(-1)!.end, v.start).replace(/\s*$/, ' '));
            const m = coordinated ? names[0] : names.at(-1);
            const head = text.slice(sentence.start, v.start);
            const roleSubject = head.match(
              /^(?:The\s+)?(?:[\p{L}’'-]+\s+){0,3}?(?:secretary|president|minister|ambassador|spokesperson|senator|governor|mayor|director)\b/iu,
            );
            if (!m && roleSubject)
              speaker = resolveSpeaker(
                ctx,
                roleSubject[0],
                sentence.start,
                sentence.start + roleSubject[0].length,
                lastSpeaker,
              );
            else if (m) speaker = resolveSpeaker(ctx, m.surface, m.start, m.end, lastSpeaker);
            else {
              const subject = text
                .slice(sentence.start, v.start)
                .split(/,\s*/)
                .at(-1)!
                .replace(/\b(?:which|who|that|and)\b/gi, ' ')
                .trim();
              const s = v.start - subject.length - 1;
              if (subject)
                speaker = resolveSpeaker(
                  ctx,
                  subject,
                  Math.max(s, sentence.start),
                  v.start,
                  lastSpeaker,
                );
            }
          }
        }
      }
      pending.push({ start, end, text: q.text, speaker, interpreter, verb });
    }
    // Unattributed parts of a quote take the speaker of the quote next to them: the next one
    // attributed in the text, else the nearest one before (as resolved so far).
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
      else if (lastSpeaker && block - lastQuoteBlock <= 1 && q.start - from < 3)
        q.speaker = lastSpeaker;
      else if (opener && q.start - opener.start < 3) {
        // A quote that opens its sentence, after "X responded swiftly.": that sentence's subject.
        const prev = passages[lowerBound(passages, q.start + 1, (x) => x.end) - 1];
        const m = prev
          ? personMentions(ctx, prev.start, prev.end).find(
              (x) => ctx.entities.get(x.entityId)?.type === 'person',
            )
          : undefined;
        if (m) q.speaker = resolveSpeaker(ctx, m.surface, m.start, m.end, null);
      }
      if (q.speaker) lastAttributed = i;
    }
    for (const q of pending) {
      if (q.speaker) {
        lastSpeaker = q.speaker;
        lastQuoteBlock = block;
      }
      // Short quotes say too little to compare, except a list of words ("open, frank, and
      // productive"), which compares with the same speaker's list in another outlet.
      const list = isWordList(q.text);
      if (quoteWords(q.text).length < 4 && !list) continue;
      const passage = sentenceStartOf(ps, q.start) ?? ps[0]!;
      out.push(
        add(ctx, {
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
        }),
      );
    }
  }
  return out;
}

// ---------------------------------------------------------------------------------------------
// Attributions: who a figure is credited to.

// Case-sensitive: "States" in "United States" is not a reporting verb.
const ATTRIB_VERB = new RegExp(
  `${WORD_EDGE}(?:${REPORTING_VERBS}|[Aa]ccording to)${WORD_EDGE}`,
  'gu',
);

/** The last attribution verb of `p` that ends by `offset` (offsets in the source). */
function attributionVerbBefore(
  ctx: Ctx,
  p: Passage,
  offset: number,
): { verb: string; start: number } | null {
  const k = `attribution:${p.id}`;
  let list = ctx.verbs.get(k);
  if (!list) {
    list = [...p.text.matchAll(ATTRIB_VERB)].map((m) => ({
      verb: m[0],
      start: p.start + m.index,
      end: p.start + m.index + m[0].length,
    }));
    ctx.verbs.set(k, list);
  }
  const v = list[lowerBound(list, offset + 1, (x) => x.end) - 1];
  return v ? { verb: v.verb, start: v.start } : null;
}

/** Who the verb at `found` credits: "according to X," or the subject before "X said". */
function creditOf(ctx: Ctx, p: Passage, found: { verb: string; start: number }): Credit | null {
  const text = ctx.source.text;
  if (/^according to$/i.test(found.verb)) {
    const from = found.start + found.verb.length;
    // X ends at the first comma after the verb (in the sentence); figures after it are X's.
    const comma = text.slice(from, p.end).indexOf(',');
    if (comma < 0) return null;
    const np = text.slice(from, from + comma + 1).match(/^\s+([^,]+),/);
    if (!np) return null;
    const s = from + np[0].indexOf(np[1]!);
    return {
      speaker: resolveSpeaker(ctx, np[1]!, s, s + np[1]!.length, null),
      after: from + comma + 1,
    };
  }
  const subjectText = text.slice(p.start, found.start);
  const clauseStart =
    p.start + Math.max(subjectText.lastIndexOf(','), subjectText.lastIndexOf('“'), -1) + 1;
  const names = personMentions(ctx, clauseStart, found.start);
  const m = names.at(-1);
  const subject = text.slice(clauseStart, found.start).trim();
  if (m) return { speaker: resolveSpeaker(ctx, m.surface, m.start, m.end, null), after: 0 };
  if (subject && subject.split(/\s+/).length <= 6) {
    const s = text.indexOf(subject, clauseStart);
    return { speaker: resolveSpeaker(ctx, subject, s, s + subject.length, null), after: 0 };
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
    const found = attributionVerbBefore(ctx, p, target.start);
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
  if (!speaker) return;
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
    (m) => ctx.entities.get(m.entityId)?.type === 'person',
  );
  if (!echoer) return;
  const e = ctx.entities.get(echoer.entityId)!;
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
