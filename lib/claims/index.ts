import type { Claim, Discrepancy, Entity, Mention, Passage, Source } from '../types';

/** Typed claims (quantities, times, labels, descriptors, quotes, attributions) of one source. */
export function extractClaims(
  _source: Source,
  _passages: readonly Passage[],
  _mentions: readonly Mention[],
  _entities: readonly Entity[],
): Claim[] {
  return [];
}

/** Aligns claims across sources and compares them: the ranked discrepancies (and agreements). */
export function findDiscrepancies(
  _claims: readonly Claim[],
  _sources: readonly Source[],
  _entities: readonly Entity[],
  _passages: readonly Passage[],
): Discrepancy[] {
  return [];
}
