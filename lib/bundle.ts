import Fuse from 'fuse.js';
import { hashText } from './hash';
import type { EntityOverrides } from './corpus/overrides';
import { buildCorpus } from './corpus/pipeline';
import { ENTITY_SEARCH_KEYS, PASSAGE_SEARCH_KEYS } from './search';
import type { Corpus, RawSource } from './types';

export const BUNDLE_FORMAT = 1;

/** The seed corpus, processed at build time and shipped as corpus-index.json. */
export interface BundledIndex {
  format: typeof BUNDLE_FORMAT;
  /** Content hash of the corpus: the background reloads seed rows when it changes. */
  version: string;
  corpus: Corpus;
  /**
   * The curated corrections the seeds were built with: the extension resolves the seeds and the
   * reader's sources together with them, so its build is the CLI's (absent in older bundles).
   */
  overrides?: EntityOverrides | null;
  /** Serialized Fuse indexes (Fuse.createIndex(...).toJSON()), so search starts without indexing. */
  fuse: { entities: unknown; passages: unknown };
}

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
