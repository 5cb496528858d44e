import { fold } from './text';
import { hashText } from '../hash';

/** "000_d6dda6e572868f38.txt" -> "seed-000_d6dda6e572868f38" */
export function sourceIdFromFile(file: string): string {
  return `seed-${file.replace(/\.[a-z0-9]+$/i, '')}`;
}

/** A readable, stable id from a name: "Río Grande Valley" -> "rio-grande-valley". */
export function slug(name: string): string {
  return (
    fold(name)
      .replace(/[^a-z0-9]+/g, '-')
      .replace(/^-+|-+$/g, '') || 'x'
  );
}

/**
 * A new entity's id, a function of its name alone (never of the order entities were found in,
 * nor of how many came before, nor of other entities): a source added to one story never renames
 * another story's entities, and any order of adds gives the batch build's ids. `nameKey` is the
 * name's grouping key (lib/corpus/entities/words.ts key), which no other entity's name shares (no
 * two entities share a surface form's key). Where the key is plain words (letters and digits),
 * the id is its slug; otherwise the slug drops something that tells two keys apart ("O'Neil" and
 * "O Neil", names in other scripts), so the id adds the key's hash after a "_" (which no slug
 * holds): "o-neil_1a2b3c4d". A `taken` id (an entity already stored, under an older scheme) gets
 * the hash of the entity's evidence (its sorted surface forms) too.
 */
export function entityId(nameKey: string, evidence: string, taken: ReadonlySet<string>): string {
  const s = slug(nameKey);
  const id = nameKey === s.replace(/-/g, ' ') ? s : `${s}_${hashText(nameKey)}`;
  return taken.has(id) ? `${id}_${hashText(evidence)}` : id;
}
