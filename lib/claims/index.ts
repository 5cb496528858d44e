/**
 * The claims engine: typed claims per source (extract.ts and one extractor per kind), then
 * alignment and comparison across sources (align.ts, rules/*) into ranked discrepancies.
 */

export { findDiscrepancies } from './discrepancies';
export { extractClaims } from './extract';
