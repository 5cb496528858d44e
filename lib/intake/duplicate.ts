import type { Source } from '../types';
import { type Result, fail, ok } from '../problems';
import { normalizeUrl } from './url';

function label(s: Pick<Source, 'title' | 'outlet' | 'origin'>): string {
  const name = s.title ? `“${s.title}”` : 'an untitled source';
  return `${name}${s.outlet ? ` (${s.outlet})` : ''}${s.origin === 'seed' ? ', a built-in source' : ''}`;
}

/** Refuses a candidate whose address or cleaned text is already in the corpus. */
export function checkDuplicate(
  candidate: { url: string | null; contentHash: string; id?: string },
  existing: readonly Pick<Source, 'id' | 'url' | 'contentHash' | 'title' | 'outlet' | 'origin'>[],
): Result<null> {
  const url = candidate.url ? normalizeUrl(candidate.url) : null;
  for (const s of existing) {
    if (candidate.id && s.id === candidate.id) continue;
    if (url && s.url && normalizeUrl(s.url) === url) {
      return fail(
        'duplicate-url',
        `This address is already in your sources as ${label(s)}. Nothing was added; remove or edit the existing one first if you want to replace it.`,
      );
    }
    if (s.contentHash === candidate.contentHash) {
      return fail(
        'duplicate-text',
        `The same text is already in your sources as ${label(s)}. Nothing was added.`,
      );
    }
  }
  return ok(null);
}
