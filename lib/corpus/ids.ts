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
