import Fuse from 'fuse.js';
import { hashText } from './hash';
import type { EntityOverrides } from './corpus/overrides';
import { buildCorpus } from './corpus/pipeline';
import { ENTITY_SEARCH_KEYS, PASSAGE_SEARCH_KEYS } from './search';
import type { RawSource } from './types';
import type { BundleSchema } from './service/integrity';
import type { InferOutput } from 'valibot';

export const BUNDLE_FORMAT = 1;

/**
 * The seed corpus, processed at build time and shipped as corpus-index.json: the output of its
 * schema (`BundleSchema` in lib/service/integrity.ts, where the background parses it).
 */
export type BundledIndex = InferOutput<typeof BundleSchema>;

export function buildBundle(
  raw: readonly RawSource[],
  overrides: EntityOverrides | null,
): BundledIndex {
  const corpus = buildCorpus(raw, overrides);
  const fuse = {
    entities: Fuse.createIndex(ENTITY_SEARCH_KEYS, corpus.entities).toJSON(),
    passages: Fuse.createIndex(PASSAGE_SEARCH_KEYS, corpus.passages).toJSON(),
  };
  const version = hashText(JSON.stringify(corpus));
  return { format: BUNDLE_FORMAT, version, corpus, overrides, fuse };
}
