/**
 * Turns one source's passages into typed claims. Each extractor is a pure function over a
 * sentence (quantity.ts, time.ts, label.ts, descriptor.ts, quote.ts); this module maps their hits
 * to Claim rows with offsets into the source text, the entities around them, and speakers.
 */
import type { Claim, ClaimKind, Entity, Mention, Passage, Source } from '../types';
import { descriptorBefore, isDemonym, ROLE_WORDS } from './descriptor';
import { extractLabels } from './label';
import { extractQuantities } from './quantity';
import {
  attributionAfter,
  findQuotes,
  PRONOUNS,
  quoteWords,
  REPORTING_VERBS,
  verbBefore,
} from './quote';
import { clauseBounds, entitiesIn, foldLower } from './text';
import { extractTimes, formatTime } from './time';

interface Ctx {
  source: Source;
  mentions: Mention[];
  entities: Map<string, Entity>;
  claims: Claim[];
  counter: Map<ClaimKind, number>;
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
): Claim[] {
  const ctx: Ctx = {
    source,
    mentions: mentions.filter((m) => m.sourceId === source.id).sort((a, b) => a.start - b.start),
    entities: new Map(entities.map((e) => [e.id, e])),
    claims: [],
    counter: new Map(),
  };
  const own = passages.filter((p) => p.sourceId === source.id).sort((a, b) => a.start - b.start);
  const quotes = extractQuotes(ctx, own);
  for (const p of own) {
    quantities(ctx, p, quotes);
    times(ctx, p);
    labels(ctx, p);
    descriptors(ctx, p, quotes);
  }
  return ctx.claims;
}

// ---------------------------------------------------------------------------------------------

function quantities(ctx: Ctx, p: Passage, quotes: readonly Claim[]): void {
  for (const q of extractQuantities(p.text, ctx.source.language)) {
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
      entityIds: entitiesIn(ctx.mentions, p.start + cs, p.start + ce),
      detail: {
        low: q.number.low,
        high: q.number.high,
        hedge: q.number.hedge,
        hedgeText: q.number.hedgeText,
        thing: q.thing,
        complement: q.complement,
        each: q.each,
        context: q.context.join(' '),
      },
    });
    attribution(ctx, p, claim, quotes);
  }
}

function times(ctx: Ctx, p: Passage): void {
  for (const t of extractTimes(p.text)) {
    const ids = entitiesIn(ctx.mentions, p.start, p.end);
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
      entityIds: ids,
      detail: {
        event: t.event,
        weekday: t.value.weekday,
        date: t.value.date,
        month: t.value.month,
        part: t.value.part,
        persons: ids.filter((id) => ctx.entities.get(id)?.type === 'person').join(' '),
      },
    });
  }
}

function labels(ctx: Ctx, p: Passage): void {
  for (const l of extractLabels(p.text)) {
    add(ctx, {
      passageId: p.id,
      kind: 'label',
      slot: 'document',
      value: l.label,
      unit: null,
      span: l.span,
      start: p.start + l.start,
      end: p.start + l.end,
      entityIds: entitiesIn(ctx.mentions, p.start, p.end),
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
  const names: string[] = [];
  for (const e of ctx.entities.values())
    if (e.type !== 'person') for (const n of [e.name, ...e.aliases]) names.push(foldLower(n));
  return (word: string) => {
    const w = foldLower(word).replace(/'s$/, '');
    if (/['’]s$/.test(word) || isDemonym(word)) return true;
    return names.some((n) => n === w || (w.length >= 5 && n.startsWith(w.slice(0, 5))));
  };
}

function descriptors(ctx: Ctx, p: Passage, quotes: readonly Claim[]): void {
  const placeLike = placeLikeFor(ctx);
  for (const m of ctx.mentions) {
    if (m.passageId !== p.id) continue;
    const e = ctx.entities.get(m.entityId);
    if (!e || (e.type !== 'person' && e.type !== 'group')) continue;
    const d = descriptorBefore(p.text, m.start - p.start, placeLike);
    if (!d) continue;
    const start = p.start + d.start;
    const inQuote = quotes.find((q) => q.start <= start && start < q.end);
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

function personMentions(ctx: Ctx, start: number, end: number): Mention[] {
  return ctx.mentions.filter((m) => {
    const t = ctx.entities.get(m.entityId)?.type;
    return (
      m.start >= start && m.end <= end && (t === 'person' || t === 'organization' || t === 'group')
    );
  });
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
    const before = personMentions(ctx, 0, start).filter(
      (m) => ctx.entities.get(m.entityId)?.type === 'person',
    );
    const lastPassage = before.at(-1)?.passageId;
    const m = before.find((x) => x.passageId === lastPassage);
    if (m) return { label: ctx.entities.get(m.entityId)!.name, entityId: m.entityId, start, end };
    return { label: phrase, entityId: null, start, end };
  }
  const role = lower.match(ROLE_PHRASE);
  if (role) {
    const roleWords = role[1]!.split(/\s+/).filter((w) => ROLE_WORDS.has(w));
    // Institutions ("the Ruritanian presidency") speak for themselves: keep the phrase.
    if (roleWords.length > 0) {
      const counts = new Map<string, number>();
      for (const m of ctx.mentions) counts.set(m.entityId, (counts.get(m.entityId) ?? 0) + 1);
      let best: Entity | null = null;
      for (const e of ctx.entities.values()) {
        if (e.type !== 'person' || !counts.has(e.id)) continue;
        const fits = e.descriptors.some((d) =>
          roleWords.every((w) => foldLower(d.text).includes(w)),
        );
        if (fits && (!best || (counts.get(e.id) ?? 0) > (counts.get(best.id) ?? 0))) best = e;
      }
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

function sentenceStartOf(passages: readonly Passage[], offset: number): Passage | undefined {
  return (
    passages.find((p) => p.start <= offset && offset < p.end) ??
    passages.find((p) => p.start >= offset)
  );
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
        const v = sentence ? verbBefore(text, sentence.start, start) : null;
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
    // Unattributed parts of a quote take the speaker of the quote next to them.
    for (let i = 0; i < pending.length; i++) {
      const q = pending[i]!;
      if (q.speaker) continue;
      const near =
        pending.slice(i + 1).find((x) => x.speaker) ??
        pending
          .slice(0, i)
          .reverse()
          .find((x) => x.speaker);
      if (near) q.speaker = near.speaker;
      else if (lastSpeaker && block - lastQuoteBlock <= 1 && q.start - from < 3)
        q.speaker = lastSpeaker;
      else if (passages.some((x) => q.start - x.start >= 0 && q.start - x.start < 3)) {
        // A quote that opens its sentence, after "X responded swiftly.": that sentence's subject.
        const prev = passages.filter((x) => x.end <= q.start).at(-1);
        const m = prev
          ? personMentions(ctx, prev.start, prev.end).find(
              (x) => ctx.entities.get(x.entityId)?.type === 'person',
            )
          : undefined;
        if (m) q.speaker = resolveSpeaker(ctx, m.surface, m.start, m.end, null);
      }
    }
    for (const q of pending) {
      if (q.speaker) {
        lastSpeaker = q.speaker;
        lastQuoteBlock = block;
      }
      if (quoteWords(q.text).length < 4) continue;
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
const ATTRIB_VERB = new RegExp(`\\b(?:${REPORTING_VERBS}|[Aa]ccording to)\\b`, 'gu');

function attribution(ctx: Ctx, p: Passage, target: Claim, quotes: readonly Claim[]): void {
  let speaker: Speaker | null = null;
  let verb: string | null = null;
  const inQuote = quotes.find((q) => q.start <= target.start && target.end <= q.end + 1);
  if (inQuote?.detail.speaker) {
    speaker = {
      label: inQuote.detail.speaker as string,
      entityId: (inQuote.detail.speakerId as string | null) ?? null,
      start: inQuote.start,
      end: inQuote.end,
    };
    verb = (inQuote.detail.verb as string | null) ?? 'quoted';
  } else {
    const text = ctx.source.text;
    let found: { verb: string; start: number } | null = null;
    for (const m of text.slice(p.start, target.start).matchAll(ATTRIB_VERB))
      found = { verb: m[0], start: p.start + m.index };
    if (!found) return;
    verb = found.verb;
    if (/^according to$/i.test(found.verb)) {
      const np = text.slice(found.start + found.verb.length, target.start).match(/^\s+([^,]+),/);
      if (!np) return;
      const s = found.start + found.verb.length + np[0].indexOf(np[1]!);
      speaker = resolveSpeaker(ctx, np[1]!, s, s + np[1]!.length, null);
    } else {
      const subjectText = text.slice(p.start, found.start);
      const clauseStart =
        p.start + Math.max(subjectText.lastIndexOf(','), subjectText.lastIndexOf('“'), -1) + 1;
      const names = personMentions(ctx, clauseStart, found.start);
      const m = names.at(-1);
      const subject = text.slice(clauseStart, found.start).trim();
      if (m) speaker = resolveSpeaker(ctx, m.surface, m.start, m.end, null);
      else if (subject && subject.split(/\s+/).length <= 6) {
        const s = text.indexOf(subject, clauseStart);
        speaker = resolveSpeaker(ctx, subject, s, s + subject.length, null);
      }
    }
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
