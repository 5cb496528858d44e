/** Domain types shared by the pipeline, the database, the background and the UI. */

export type EntityType =
  'person' | 'organization' | 'place' | 'facility' | 'law' | 'agreement' | 'group' | 'other';

export const ENTITY_TYPES: readonly EntityType[] = [
  'person',
  'organization',
  'place',
  'facility',
  'law',
  'agreement',
  'group',
  'other',
];

/** Where a row came from: seed rows are replaced on install/update; user rows never are. */
export type Origin = 'seed' | 'user';

/** Input to the pipeline: one article as text (or HTML already reduced to text) plus metadata. */
export interface RawSource {
  /** Stable id; for seeds derived from the file name. */
  id: string;
  file: string | null;
  outlet: string | null;
  title: string | null;
  url: string | null;
  published: string | null;
  language: string | null;
  text: string;
  origin: Origin;
}

export type BlockKind = 'title' | 'paragraph' | 'caption' | 'list-item';

/** A paragraph-level unit of cleaned text, with offsets into the cleaned text. */
export interface Block {
  kind: BlockKind;
  start: number;
  end: number;
}

export interface RemovedText {
  reason: string;
  text: string;
}

export interface Source {
  id: string;
  file: string | null;
  outlet: string | null;
  title: string | null;
  url: string | null;
  published: string | null;
  language: string | null;
  origin: Origin;
  enabled: boolean;
  addedAt: number;
  /** Hash of the cleaned text; used to refuse duplicates. */
  contentHash: string;
  /** The cleaned article text; every offset in passages, mentions and claims points into it. */
  text: string;
}

/** One sentence of a source, with its paragraph and its offsets in the source's cleaned text. */
export interface Passage {
  id: string;
  sourceId: string;
  origin: Origin;
  /** Index of the paragraph/caption block within the source. */
  block: number;
  kind: BlockKind;
  start: number;
  end: number;
  text: string;
}

export interface Descriptor {
  sourceId: string;
  text: string;
}

export interface Entity {
  id: string;
  name: string;
  type: EntityType;
  aliases: string[];
  descriptors: Descriptor[];
  description: string | null;
  origin: Origin;
  /**
   * A generic institution name the corpus only uses for one place's institution ("Ruritania's
   * Supreme Court"): linked inside the corpus, not underlined on other pages.
   */
  generic?: boolean;
}

export interface Mention {
  id: string;
  entityId: string;
  sourceId: string;
  passageId: string;
  origin: Origin;
  start: number;
  end: number;
  surface: string;
}

export type ClaimKind = 'quantity' | 'time' | 'label' | 'descriptor' | 'quote' | 'attribution';

export interface Claim {
  id: string;
  sourceId: string;
  passageId: string;
  origin: Origin;
  kind: ClaimKind;
  /** What the claim is about, normalised so claims about the same thing share a slot. */
  slot: string;
  /** Normalised value (a number as text, an ISO-ish time, a label, the quote text). */
  value: string;
  unit: string | null;
  /** The exact words in the sentence that carry the claim. */
  span: string;
  start: number;
  end: number;
  entityIds: string[];
  /** Kind-specific extras (hedge, speaker, numeric bounds ...). */
  detail: Record<string, string | number | boolean | null>;
}

export type Severity = 'high' | 'medium' | 'low';

/** The order lists rank severities in (most severe first). */
export const SEVERITY_RANK: Readonly<Record<Severity, number>> = { high: 0, medium: 1, low: 2 };

export interface Discrepancy {
  id: string;
  kind: ClaimKind;
  topic: string;
  severity: Severity;
  reason: string;
  claimIds: string[];
  entityIds: string[];
  /** True when the claims agree (kept so the UI can say "3 outlets agree"). */
  agreement: boolean;
  /** The story whose sources the claims come from (claims are compared only within a story). */
  storyId?: string;
}

export interface Corpus {
  sources: Source[];
  passages: Passage[];
  entities: Entity[];
  mentions: Mention[];
  claims: Claim[];
  discrepancies: Discrepancy[];
}
