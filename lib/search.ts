import Fuse, { type FuseResult, type IFuseOptions } from 'fuse.js';
import type { Entity, Passage } from './types';

export const ENTITY_SEARCH_KEYS = ['name', 'aliases'];
export const PASSAGE_SEARCH_KEYS = ['text'];

const ENTITY_OPTIONS: IFuseOptions<Entity> = {
  keys: ENTITY_SEARCH_KEYS,
  includeScore: true,
  includeMatches: true,
  threshold: 0.35,
  ignoreDiacritics: true,
};
const PASSAGE_OPTIONS: IFuseOptions<Passage> = {
  keys: PASSAGE_SEARCH_KEYS,
  includeScore: true,
  includeMatches: true,
  threshold: 0.3,
  ignoreLocation: true,
  minMatchCharLength: 3,
  ignoreDiacritics: true,
};

export interface CorpusSearch {
  entities(query: string, limit?: number): FuseResult<Entity>[];
  passages(query: string, limit?: number): FuseResult<Passage>[];
}

/** Builds the search; pass the bundled serialized indexes to skip indexing when rows match. */
export function createSearch(
  entities: readonly Entity[],
  passages: readonly Passage[],
  serialized?: { entities: unknown; passages: unknown },
): CorpusSearch {
  const entityIndex = serialized
    ? Fuse.parseIndex<Entity>(serialized.entities as Parameters<typeof Fuse.parseIndex>[0])
    : undefined;
  const passageIndex = serialized
    ? Fuse.parseIndex<Passage>(serialized.passages as Parameters<typeof Fuse.parseIndex>[0])
    : undefined;
  const ef = new Fuse(entities, ENTITY_OPTIONS, entityIndex);
  const pf = new Fuse(passages, PASSAGE_OPTIONS, passageIndex);
  return {
    entities: (q, limit = 10) => (q.trim() ? ef.search(q, { limit }) : []),
    passages: (q, limit = 20) => (q.trim() ? pf.search(q, { limit }) : []),
  };
}
