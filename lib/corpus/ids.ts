import { fold } from './text';

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

/** Small stable string hash (FNV-1a, 32 bit) as hex; for content hashes and versions. */
export function hashText(text: string): string {
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    h ^= text.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return (h >>> 0).toString(16).padStart(8, '0');
}
