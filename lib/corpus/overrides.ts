import * as v from 'valibot';
import { ENTITY_TYPES, type EntityType } from '../types';

/** Optional curated corrections (seeds/entities.json): types and one-line descriptions by name. */
export interface EntityOverride {
  type?: EntityType;
  description?: string;
}
export type EntityOverrides = Record<string, EntityOverride>;

/** One entry: a field of the wrong kind is left out, not the entry. */
const OverrideSchema = v.object({
  type: v.fallback(v.optional(v.picklist(ENTITY_TYPES)), undefined),
  description: v.fallback(v.optional(v.string()), undefined),
});
/** The file: `{ "entities": { name: entry } }`, or the map itself. */
const FileSchema = v.union([
  v.object({ entities: v.record(v.string(), v.unknown()) }),
  v.record(v.string(), v.unknown()),
]);

export function parseOverrides(json: unknown): EntityOverrides | null {
  const file = v.safeParse(FileSchema, json);
  if (!file.success) return null;
  const raw =
    'entities' in file.output && typeof file.output.entities === 'object'
      ? (file.output.entities as Record<string, unknown>)
      : file.output;
  const out: EntityOverrides = {};
  for (const [name, value] of Object.entries(raw)) {
    const entry = v.safeParse(OverrideSchema, value);
    if (!entry.success) continue; // not an object: skipped
    const o: EntityOverride = {};
    if (entry.output.type) o.type = entry.output.type;
    if (entry.output.description !== undefined) o.description = entry.output.description;
    out[name] = o;
  }
  return out;
}
