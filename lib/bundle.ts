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

/**
 * The seeds' bundled index. Its version names the seeds' built corpus and `pipeline`, a
 * fingerprint of the code that derives rows (lib/node/pipeline-fingerprint.ts, given at build
 * time): the database derives its rows again, and drops the kept claim analyses, whenever the
 * version changes, so an update of that code must change it even when the seeds' output does
 * not. Without one (tests), the version is the corpus's hash alone.
 */
export function buildBundle(
  raw: readonly RawSource[],
  overrides: EntityOverrides | null,
  pipeline = '',
): BundledIndex {
  const corpus = buildCorpus(raw, overrides);
  const fuse = {
    entities: Fuse.createIndex(ENTITY_SEARCH_KEYS, corpus.entities).toJSON(),
    passages: Fuse.createIndex(PASSAGE_SEARCH_KEYS, corpus.passages).toJSON(),
  };
  const built = hashText(JSON.stringify(corpus));
  const version = pipeline ? `${built}-${pipeline}` : built;
  return { format: BUNDLE_FORMAT, version, corpus, overrides, fuse };
}
