/**
 * Times: two times align when they date the same kind of event ("meet") between the same two
 * participants; they conflict when the day, date, month or part of day cannot overlap
 * ("afternoon" vs "evening"; "later in the day" fits both).
 */
import type { Claim } from '../../types';
import {
  crossSourcePairs,
  type Finding,
  outletOf,
  type RuleContext,
  type RuleEntity,
  sourceCount,
  uniqueEntities,
} from '../align';
import { type DayPart, type TimeValue, timeConflict } from '../extractors/time';

function timeOf(c: Claim): TimeValue {
  const d = c.detail;
  return {
    weekday: typeof d.weekday === 'string' ? d.weekday : null,
    date: typeof d.date === 'string' ? d.date : null,
    month: typeof d.month === 'number' ? d.month : null,
    part: typeof d.part === 'string' ? (d.part as DayPart) : null,
    clock:
      typeof d.clockLow === 'number' && typeof d.clockHigh === 'number'
        ? [d.clockLow, d.clockHigh]
        : null,
    zone: typeof d.zone === 'string' ? d.zone : null,
  };
}

/** Participants compared per time claim: a sentence naming more is a list, not one event. */
const MAX_PARTICIPANTS = 12;

/** Who takes part: the people in the sentence, or every entity when fewer than two people. */
export function participants(c: Claim): string[] {
  const persons =
    typeof c.detail.persons === 'string' && c.detail.persons ? c.detail.persons.split(' ') : [];
  const all = persons.length >= 2 && c.detail.event !== 'visit' ? persons : c.entityIds;
  return all.slice(0, MAX_PARTICIPANTS);
}

const VERB: Record<string, string> = {
  meet: 'met',
  visit: 'visited',
  sign: 'signed with',
  announce: 'announced with',
  dispute: 'clashed with',
};

/** Events with no people in them (a take-off, a crash): within a story the class alone aligns. */
const IMPERSONAL = new Set(['depart', 'land', 'happen', 'contact', 'mourn', 'concede']);
const WHAT: Record<string, string> = {
  depart: 'the departure',
  land: 'the landing',
  happen: 'it happened',
  contact: 'contact was lost',
  mourn: 'the mourning',
  concede: 'the concession',
};

type TimeGroup = { pair: [string, string]; claims: Claim[] };

/**
 * Time claims grouped by what they date: the kind of event and the two participants (for an
 * impersonal event, the kind alone).
 */
function groupTimes(claims: readonly Claim[], ctx: RuleContext): Map<string, TimeGroup> {
  const byKey = new Map<string, TimeGroup>();
  const typeOf = (id: string) => ctx.entities.get(id)?.type;
  for (const c of claims) {
    if (c.kind !== 'time') continue;
    const event = String(c.detail.event);
    if (IMPERSONAL.has(event)) {
      const key = `${event}|*`;
      const entry = byKey.get(key) ?? { pair: ['', ''] as [string, string], claims: [] };
      entry.claims.push(c);
      byKey.set(key, entry);
      continue;
    }
    const ps = participants(c);
    for (let i = 0; i < ps.length; i++)
      for (let j = i + 1; j < ps.length; j++) {
        const pair: [string, string] = [ps[i]!, ps[j]!];
        // A visit is to a place (a tour visits several, on different days); a meeting is between people.
        if (
          c.detail.event === 'visit' &&
          typeOf(pair[0]) !== 'place' &&
          typeOf(pair[1]) !== 'place'
        )
          continue;
        const key = `${c.detail.event}|${[...pair].sort().join('|')}`;
        const entry = byKey.get(key) ?? { pair, claims: [] };
        entry.claims.push(c);
        byKey.set(key, entry);
      }
  }
  return byKey;
}

/** The topic line of a group: "When the departure", "When A met B" (empty without both). */
function timeTopic(event: string, a: RuleEntity | undefined, b: RuleEntity | undefined): string {
  const place = [a, b].find((e) => e?.type === 'place');
  return IMPERSONAL.has(event)
    ? `When ${WHAT[event] ?? event}`
    : !a || !b
      ? ''
      : event === 'visit' && place
        ? `When the visit to ${place.name} took place`
        : event === 'dispute'
          ? `When ${a.short} and ${b.short} clashed`
          : `When ${a.short} ${VERB[event] ?? event} ${b.short}`;
}

/**
 * The cross-source conflicts in a group: one line per conflicting pair, the claims involved,
 * and how severe (a different part of the day is medium; any other field, high).
 */
function timeConflicts(
  group: Claim[],
  ctx: RuleContext,
): { conflicts: string[]; involved: Set<string>; severity: Finding['severity'] } {
  const conflicts: string[] = [];
  const involved = new Set<string>();
  let severity: Finding['severity'] = 'low';
  crossSourcePairs(
    group,
    (c) => c.sourceId,
    (x, y) => {
      const c = timeConflict(timeOf(x), timeOf(y));
      if (!c) return;
      involved.add(x.id);
      involved.add(y.id);
      conflicts.push(
        `${outletOf(ctx, x.sourceId)} says “${x.span}”, ${outletOf(ctx, y.sourceId)} says “${y.span}”`,
      );
      if (c.field === 'part') severity = severity === 'high' ? 'high' : 'medium';
      else severity = 'high';
    },
  );
  return { conflicts, involved, severity };
}

/** Keep an agreement only when no larger agreement contains the same claims. */
function addLargestAgreements(
  out: Finding[],
  agreements: ReadonlyArray<{ ids: Set<string>; finding: Finding }>,
): void {
  for (const a of agreements) {
    const covered = agreements.some(
      (b) => b !== a && b.ids.size > a.ids.size && [...a.ids].every((id) => b.ids.has(id)),
    );
    const dup = out.some(
      (f) =>
        f.agreement && f.claimIds.length === a.ids.size && f.claimIds.every((id) => a.ids.has(id)),
    );
    if (!covered && !dup) out.push(a.finding);
  }
}

export function compareTimes(claims: readonly Claim[], ctx: RuleContext): Finding[] {
  const out: Finding[] = [];
  const seenConflicts = new Set<string>();
  const agreements: Array<{ ids: Set<string>; finding: Finding }> = [];
  for (const [key, { pair, claims: group }] of groupTimes(claims, ctx)) {
    if (sourceCount(group) < 2) continue;
    const event = key.split('|')[0]!;
    const [a, b] = pair.map((id) => ctx.entities.get(id));
    const impersonal = IMPERSONAL.has(event);
    if (!impersonal && (!a || !b)) continue;
    const topic = timeTopic(event, a, b);
    const { conflicts, involved, severity } = timeConflicts(group, ctx);
    if (conflicts.length > 0) {
      const signature = [...involved].sort().join(',');
      if (seenConflicts.has(signature)) continue;
      seenConflicts.add(signature);
      const others = group.filter((c) => !involved.has(c.id));
      const compatible = others.length
        ? ` Also: ${[...new Set(others.map((c) => `${outletOf(ctx, c.sourceId)} “${c.span}”`))].join(', ')}.`
        : '';
      out.push({
        kind: 'time',
        topic,
        severity,
        reason: `${[...new Set(conflicts)].join('; ')} — these times cannot both be right.${compatible}`,
        claimIds: [...involved, ...others.map((c) => c.id)],
        entityIds: impersonal ? uniqueEntities(group) : pair,
        agreement: false,
      });
    } else {
      const ids = new Set(group.map((c) => c.id));
      agreements.push({
        ids,
        finding: {
          kind: 'time',
          topic,
          severity: 'low',
          reason: `${sourceCount(group)} outlets agree: ${[...new Set(group.map((c) => `${outletOf(ctx, c.sourceId)} “${c.span}”`))].join(', ')}.`,
          claimIds: [...ids],
          entityIds: impersonal ? uniqueEntities(group) : pair,
          agreement: true,
        },
      });
    }
  }
  addLargestAgreements(out, agreements);
  return out;
}
