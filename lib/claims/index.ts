/**
 * The claims engine: typed claims per source (source-claims.ts over one extractor per kind in extractors/), then
 * alignment and comparison across sources (align.ts, rules/*) into ranked discrepancies.
 */

export { type ClaimReads, createClaimReads, sameClaimReads } from './claim-reads';
export {
  createEntityReads,
  type EntityAnswers,
  type EntityReads,
  findDiscrepancies,
  sameEntityReads,
} from './discrepancies';
export { extractClaims, placeLikeTest } from './source-claims';
