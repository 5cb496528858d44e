/**
 * Each source's claim analysis as the database keeps it between service-worker lives: a worker
 * that starts has an empty memo (lib/corpus/pipeline.ts's DeriveMemo), and without these rows
 * its first change would extract every source's claims again. A row is a cache, never an
 * answer: it is used only when the fingerprint of its inputs (the source row, its passages and
 * its mentions) and its stamp (the format below and the bundled index's version) are those of
 * the build, and every read it made of the entities and of the place-name test gives the same
 * answer, as the in-memory memo checks. A stale, rolled-back or foreign row is not used.
 */
import type { ClaimReads } from '../claims';
import type { Claim, Mention, Passage, Source } from '../types';

export const ANALYSES_STORE = 'analyses';

/**
 * Bump when this row's shape changes: rows of another format are not used. (The bundled index's
 * version is in the stamp too, and it names the pipeline's code as well as the seeds' output
 * (lib/bundle.ts), so any update of extraction drops every row even if this is forgotten.)
 */
export const ANALYSIS_FORMAT = 1;

/** The stamp rows are written with and read back under. */
export const analysisStamp = (indexVersion: unknown) =>
  `${ANALYSIS_FORMAT}:${String(indexVersion ?? '')}`;

/** A source's analysis as the build uses it: its claims, and what they were made from. */
export interface KeptAnalysis {
  /** analysisInputs of the source, passages and mentions the claims were extracted from. */
  inputs: string;
  reads: ClaimReads;
  /** Every word the place-name test was asked about, with the answer. */
  probes: Map<string, boolean>;
  claims: Claim[];
}

/**
 * A source's analysis as the database keeps it: the claims themselves are the claims table's
 * rows (written in the same transaction), named here in their order and fingerprinted, so a
 * row costs about a tenth of its claims.
 */
export interface StoredAnalysis extends Omit<KeptAnalysis, 'claims'> {
  /** The source id. */
  id: string;
  stamp: string;
  claimIds: string[];
  /** claimsFingerprint of the claims, in their order. */
  claims: string;
}

/** The analysis as a database row. */
export const storedAnalysis = (
  id: string,
  stamp: string,
  { inputs, reads, probes, claims }: KeptAnalysis,
): StoredAnalysis => ({
  id,
  stamp,
  inputs,
  reads,
  probes,
  claimIds: claims.map((c) => c.id),
  claims: claimsFingerprint(claims),
});

/**
 * The analysis a row keeps, with its claims from the claims table (`claimOf`), when the row is
 * of `stamp` and those rows are the very claims it was written with (null otherwise).
 */
export function keptAnalysis(
  row: StoredAnalysis,
  stamp: string,
  claimOf: (id: string) => Claim | undefined,
): KeptAnalysis | null {
  if (row.stamp !== stamp || !wellFormed(row)) return null;
  const claims: Claim[] = [];
  for (const id of row.claimIds) {
    const c = claimOf(id);
    if (!c) return null;
    claims.push(c);
  }
  if (claimsFingerprint(claims) !== row.claims) return null;
  const { inputs, reads, probes } = row;
  return { inputs, reads, probes, claims };
}

const claimsFingerprint = (claims: readonly Claim[]) => fingerprint(JSON.stringify(claims));

/** Whether a row read back has the shape it was written with (a damaged one is not used). */
function wellFormed(row: StoredAnalysis): boolean {
  const { reads, probes, claimIds, inputs, claims } = row as Partial<StoredAnalysis>;
  return (
    typeof inputs === 'string' &&
    typeof claims === 'string' &&
    Array.isArray(claimIds) &&
    probes instanceof Map &&
    typeof reads === 'object' &&
    reads !== null &&
    reads.types instanceof Map &&
    reads.names instanceof Map &&
    reads.roles instanceof Map &&
    [...reads.roles.values()].every((asked) => asked instanceof Map) &&
    (reads.ranked === null ||
      (Array.isArray(reads.ranked?.among) && Array.isArray(reads.ranked?.order))) &&
    typeof reads.all === 'boolean'
  );
}

/**
 * A 128-bit fingerprint of a string: four 32-bit multiply-xor lanes with distinct seeds and
 * multipliers, each finished with murmur3's avalanche. Not cryptographic; it tells whether a
 * source's own rows are those a row was written from, where the only writers are the pipeline
 * and the reader's edits of that same source, so no one chooses both sides of a collision.
 */
export function fingerprint(text: string): string {
  let a = 0x811c9dc5;
  let b = 0x9e3779b9;
  let c = 0x85ebca6b;
  let d = 0xc2b2ae35;
  for (let i = 0; i < text.length; i++) {
    const ch = text.charCodeAt(i);
    a = Math.imul(a ^ ch, 0x01000193);
    b = Math.imul(b ^ ch, 0x5bd1e995);
    c = Math.imul(c ^ ch, 0x27d4eb2f);
    d = Math.imul(d ^ ch, 0x165667b1);
  }
  const fmix = (h: number, n: number) => {
    h ^= n;
    h ^= h >>> 16;
    h = Math.imul(h, 0x85ebca6b);
    h ^= h >>> 13;
    h = Math.imul(h, 0xc2b2ae35);
    h ^= h >>> 16;
    return (h >>> 0).toString(16).padStart(8, '0');
  };
  return fmix(a, text.length) + fmix(b, 1) + fmix(c, 2) + fmix(d, 3);
}

/** The fingerprint of what a source's claims are extracted from (besides the entity reads). */
export const analysisInputs = (
  source: Source,
  passages: readonly Passage[],
  own: readonly Mention[],
): string => fingerprint(JSON.stringify([source, passages, own]));
