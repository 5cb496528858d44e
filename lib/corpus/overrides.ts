import { ENTITY_TYPES, type EntityType } from '../types';

/** Optional curated corrections (seeds/entities.json): types and one-line descriptions by name. */
export interface EntityOverride {
  type?: EntityType;
  description?: string;
}
export type EntityOverrides = Record<string, EntityOverride>;

export function parseOverrides(json: unknown): EntityOverrides | null {
  if (typeof json !== 'object' || json === null) return null;
  const raw = (json as { entities?: unknown }).entities ?? json;
  if (typeof raw !== 'object' || raw === null) return null;
  const out: EntityOverrides = {};
  for (const [name, value] of Object.entries(raw as Record<string, unknown>)) {
    if (typeof value !== 'object' || value === null) continue;
    const v = value as { type?: unknown; description?: unknown };
    const o: EntityOverride = {};
    if (typeof v.type === 'string' && (ENTITY_TYPES as readonly string[]).includes(v.type)) {
      o.type = v.type as EntityType;
    }
    if (typeof v.description === 'string') o.description = v.description;
    out[name] = o;
  }
  return out;
}
