/**
 * Mentions: every occurrence whose key is an entity's name or alias, the longest known names
 * inside spans that only link (headlines, long capitalised runs), and both halves of hyphenated
 * compounds of two known names.
 */
import { boundedMemo } from '../../bounded-memo';
import type { Entity, Mention } from '../../types';
import { type Token, tokenize } from '../tokens';
import type { Occurrence, Sentence } from './occurrences';
import { key } from './words';

/**
 * What linkMentions found in each source last time, and what it read to find it: a source whose
 * occurrences and sentences are the same objects, under the same longest alias, whose every
 * looked-up key names the same entity id (or none) again, has the same mentions.
 */
export class MentionMemo {
  private last = new Map<string, SourceMentions>();
  /** Sources whose mentions the last build found again (not kept). */
  relinked = 0;

  /** The kept mentions of one source, when still what linking would find. */
  kept(
    sourceId: string,
    occs: readonly Occurrence[],
    sentences: readonly Sentence[],
    maxAliasTokens: number,
    aliasToEntity: ReadonlyMap<string, Entity>,
  ): SourceMentions | null {
    const was = this.last.get(sourceId);
    if (
      !was ||
      was.maxAliasTokens !== maxAliasTokens ||
      !sameObjects(was.occs, occs) ||
      !sameObjects(was.sentences, sentences)
    )
      return null;
    for (const [k, id] of was.lookups) if (aliasToEntity.get(k)?.id !== id) return null;
    return was;
  }

  /** Sets what this build keeps (the sources it holds). */
  next(kept: Map<string, SourceMentions>, relinked: number): void {
    this.last = kept;
    this.relinked = relinked;
  }
}

interface SourceMentions {
  occs: readonly Occurrence[];
  sentences: readonly Sentence[];
  maxAliasTokens: number;
  /** Every key looked up, and the id of the entity it named (undefined: none). */
  lookups: Map<string, string | undefined>;
  mentions: Mention[];
}

const sameObjects = <T>(a: readonly T[], b: readonly T[]) =>
  a.length === b.length && a.every((x, i) => x === b[i]);

// Aliases' token counts (maxAliasTokens), remembered (bounded, like key()).
const tokenCount = boundedMemo(
  100_000,
  (alias: string): number => tokenize(alias.replace(/-/g, ' ')).length,
);

/** The mentions of `entities` (by folded alias in `aliasToEntity`), sorted by source and offset. */
export function linkMentions(
  occs: readonly Occurrence[],
  sentences: readonly Sentence[],
  aliasToEntity: ReadonlyMap<string, Entity>,
  entities: Iterable<Entity>,
  memo?: MentionMemo,
): Mention[] {
  // The most tokens a span matching an alias can have: the alias's own, and one more per hyphen
  // (keys spell a hyphen as a space).
  let maxAliasTokens = 1;
  for (const e of entities)
    for (const a of [e.name, ...e.aliases])
      maxAliasTokens = Math.max(maxAliasTokens, tokenCount(a));
  // Mentions are found source by source (their ids are the source's and an offset in it).
  const bySource = new Map<string, { occs: Occurrence[]; sentences: Sentence[] }>();
  const of = (id: string) => {
    let s = bySource.get(id);
    if (!s) {
      s = { occs: [], sentences: [] };
      bySource.set(id, s);
    }
    return s;
  };
  for (const o of occs) of(o.source.id).occs.push(o);
  for (const s of sentences) of(s.source.id).sentences.push(s);
  const mentions: Mention[] = [];
  const kept = new Map<string, SourceMentions>();
  let relinked = 0;
  // Sorted by source and offset: source by source in id order, each source's own sorted once
  // when found (a kept source's are), so a change sorts what it relinks, not every mention.
  for (const id of inIdOrder([...bySource.keys()])) {
    const s = bySource.get(id)!;
    const again = memo?.kept(id, s.occs, s.sentences, maxAliasTokens, aliasToEntity);
    if (again) {
      for (const m of again.mentions) mentions.push(m);
      kept.set(id, again);
      continue;
    }
    relinked++;
    const lookups = new Map<string, string | undefined>();
    const lookup = (k: string): Entity | undefined => {
      const e = aliasToEntity.get(k);
      lookups.set(k, e?.id);
      return e;
    };
    // One source's mentions have distinct offsets (their ids are the source's and the offset).
    const found = sourceMentions(s.occs, s.sentences, lookup, maxAliasTokens).sort(
      (a, b) => a.start - b.start,
    );
    for (const m of found) mentions.push(m);
    kept.set(id, { ...s, maxAliasTokens, lookups, mentions: found });
  }
  memo?.next(kept, relinked);
  return mentions;
}

/** Source ids in string order (usually already: occurrences come source by source in order). */
function inIdOrder(ids: string[]): string[] {
  for (let i = 1; i < ids.length; i++)
    if (ids[i - 1]! > ids[i]!) return ids.sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
  return ids;
}

/** One source's mentions (its occurrences and sentences), unsorted. */
function sourceMentions(
  occs: readonly Occurrence[],
  sentences: readonly Sentence[],
  lookup: (k: string) => Entity | undefined,
  maxAliasTokens: number,
): Mention[] {
  const mentions: Mention[] = [];
  const seen = new Set<string>();
  const addMention = (o: Occurrence, from: Token, to: Token, entity: Entity) => {
    const id = `${o.source.id}:${from.start}`;
    if (seen.has(id)) return;
    seen.add(id);
    mentions.push({
      id,
      entityId: entity.id,
      sourceId: o.source.id,
      passageId: o.passage.id,
      origin: o.source.origin,
      start: from.start,
      end: to.end,
      surface: o.source.text.slice(from.start, to.end),
    });
  };
  for (const o of occs) {
    const whole = lookup(key(o.surface));
    if (whole) {
      addMention(o, o.tokens[0]!, o.tokens[o.tokens.length - 1]!, whole);
      continue;
    }
    if (!o.linkOnly) continue;
    // Longest known name inside an unresolved span ("… Gives Jane Doe Warm Welcome"). A name
    // spans as many tokens as its alias has, so longer spans are never looked up.
    for (let i = 0; i < o.tokens.length;) {
      let j = Math.min(o.tokens.length, i + maxAliasTokens);
      let hit: Entity | undefined;
      for (; j > i; j--) {
        const span = o.source.text.slice(o.tokens[i]!.start, o.tokens[j - 1]!.end);
        hit = lookup(key(span));
        if (hit) break;
      }
      if (hit) {
        addMention(o, o.tokens[i]!, o.tokens[j - 1]!, hit);
        i = j;
      } else i++;
    }
  }
  mentions.push(...compoundMentions(sentences, lookup, seen));
  return mentions;
}

/** Hyphenated compounds of two known names ("X-Y relations") mention both. */
function compoundMentions(
  sentences: readonly Sentence[],
  lookup: (k: string) => Entity | undefined,
  seen: Set<string>,
): Mention[] {
  const out: Mention[] = [];
  for (const s of sentences) {
    for (const t of s.tokens) {
      if (!t.cap || !t.text.includes('-') || lookup(key(t.text))) continue;
      let offset = t.start;
      for (const part of t.text.split('-')) {
        const entity = lookup(key(part));
        const id = `${s.source.id}:${offset}`;
        if (entity && !seen.has(id)) {
          seen.add(id);
          out.push({
            id,
            entityId: entity.id,
            sourceId: s.source.id,
            passageId: s.passage.id,
            origin: s.source.origin,
            start: offset,
            end: offset + part.length,
            surface: part,
          });
        }
        offset += part.length + 1;
      }
    }
  }
  return out;
}
