import type { Entity, EntityType } from './types';

/**
 * The compact alias dictionary the content script matches against. Only what a scan needs:
 * aliases, their entity ids and the entity types (for per-type underlining).
 */
export interface Dictionary {
  version: number;
  /** entity id -> [display name, type] */
  entities: Record<string, [string, EntityType]>;
  /** [alias, entity id] pairs; aliases are surface forms, the matcher folds them itself. */
  aliases: Array<[string, string]>;
}

/**
 * Aliases too ambiguous to underline on an arbitrary page, though fine for linking inside the
 * corpus: a person's first name alone ("Laura" for "Laura Doe").
 */
export function isPageAlias(entity: Entity, alias: string): boolean {
  if (entity.type !== 'person' || alias === entity.name) return true;
  const first = entity.name.split(/\s+/)[0];
  return alias !== first;
}

export function buildDictionary(entities: readonly Entity[], version: number): Dictionary {
  const dict: Dictionary = { version, entities: {}, aliases: [] };
  for (const e of entities) {
    if (e.generic) continue;
    dict.entities[e.id] = [e.name, e.type];
    for (const alias of new Set([e.name, ...e.aliases])) {
      if (isPageAlias(e, alias)) dict.aliases.push([alias, e.id]);
    }
  }
  return dict;
}
