/**
 * Mentions: every occurrence whose key is an entity's name or alias, the longest known names
 * inside spans that only link (headlines, long capitalised runs), and both halves of hyphenated
 * compounds of two known names.
 */
import type { Entity, Mention } from '../../types';
import { type Token, tokenize } from '../tokens';
import type { Occurrence, Sentence } from './occurrences';
import { key } from './words';

/** The mentions of `entities` (by folded alias in `aliasToEntity`), sorted by source and offset. */
export function linkMentions(
  occs: readonly Occurrence[],
  sentences: readonly Sentence[],
  aliasToEntity: ReadonlyMap<string, Entity>,
  entities: Iterable<Entity>,
): Mention[] {
  // The most tokens a span matching an alias can have: the alias's own, and one more per hyphen
  // (keys spell a hyphen as a space).
  let maxAliasTokens = 1;
  for (const e of entities)
    for (const a of [e.name, ...e.aliases])
      maxAliasTokens = Math.max(maxAliasTokens, tokenize(a.replace(/-/g, ' ')).length);
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
    const whole = aliasToEntity.get(key(o.surface));
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
        hit = aliasToEntity.get(key(span));
        if (hit) break;
      }
      if (hit) {
        addMention(o, o.tokens[i]!, o.tokens[j - 1]!, hit);
        i = j;
      } else i++;
    }
  }
  mentions.push(...compoundMentions(sentences, aliasToEntity, seen));
  return mentions.sort((a, b) =>
    a.sourceId < b.sourceId ? -1 : a.sourceId > b.sourceId ? 1 : a.start - b.start,
  );
}

/** Hyphenated compounds of two known names ("X-Y relations") mention both. */
function compoundMentions(
  sentences: readonly Sentence[],
  aliasToEntity: ReadonlyMap<string, Entity>,
  seen: Set<string>,
): Mention[] {
  const out: Mention[] = [];
  for (const s of sentences) {
    for (const t of s.tokens) {
      if (!t.cap || !t.text.includes('-') || aliasToEntity.has(key(t.text))) continue;
      let offset = t.start;
      for (const part of t.text.split('-')) {
        const entity = aliasToEntity.get(key(part));
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
