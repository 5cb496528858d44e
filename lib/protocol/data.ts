/**
 * The data that crosses the wire: what the background answers (cards, the popup's lists, the
 * options page's rows and previews, the dictionary) and what pages send it (a source draft,
 * settings). The service builds these and the components render them; both import them from
 * here, and this module imports nothing but the corpus's own types.
 */
import type { ClaimKind, EntityType, Severity, Source } from '../types';
import type { Settings } from './schemas';

export type { Settings, SourceDraft } from './schemas';

/** What the hovercard shows about one entity; every fact carries the outlet it comes from. */
export interface CardData {
  entity: { id: string; name: string; type: EntityType; description: string | null };
  /**
   * One line of who or what it is: the curated description, else the descriptor most outlets
   * use in their own words (`by` names them; empty for a curated description).
   */
  summary: { text: string; by: string[] } | null;
  /**
   * How outlets describe it ("leftist President"), grouped by wording. A label inside a quote is
   * the speaker's: `by` then names the speaker and the outlet that quotes them.
   */
  descriptors: Array<{ text: string; outlets: string[]; quoted: boolean }>;
  /** What outlets dispute about it, at most three, each as two sides: "A says X; B says Y". */
  disputes: Dispute[];
  /** Sources that mention it, most mentions first. */
  sources: Array<{
    sourceId: string;
    outlet: string;
    /** The outlet and the article's title, for hover. */
    hover: string;
    title: string | null;
    url: string | null;
    mentions: number;
  }>;
  mentionCount: number;
  /** The most informative sentences about it, best first (the card shows one or two first). */
  sentences: Array<{ text: string; outlet: string; sourceId: string }>;
  /** Its own words, when it is quoted. */
  quotes: Array<{ text: string; outlet: string; sourceId: string }>;
  /** Entities named in the same sentences, most frequent first. */
  related: Array<{ id: string; name: string; type: EntityType; count: number }>;
  discrepancies: {
    count: number;
    first: {
      id: string;
      topic: string;
      reason: string;
      severity: Severity;
      evidence: Array<{ outlet: string; span: string }>;
    } | null;
  };
}

export type DisputeVerb = 'says' | 'credits' | 'quotes';

export interface Dispute {
  id: string;
  topic: string;
  severity: Severity;
  /**
   * Two sides that differ: `who` (an outlet, or a speaker quoted by one) `verb` (says; credits,
   * for who gave a figure; quotes, for a quote's wording) `says`.
   */
  sides: Array<{ who: string; verb: DisputeVerb; says: string; sourceId: string }>;
}

/** A story of the corpus (sources about the same event), as lists name it. */
export interface StoryRef {
  id: string;
  /** A short name: its top entities ("Ruritania · Parliament · Budget"). */
  label: string;
  /** How many enabled sources it holds. */
  sources: number;
}

export interface CoverageGrid {
  /** `hover`: the outlet and the article's title. */
  outlets: Array<{ sourceId: string; outlet: string; hover: string }>;
  rows: Array<{ entityId: string; name: string; counts: number[] }>;
}

export interface Summary {
  sources: number;
  entities: number;
  discrepancies: number;
  agreements: number;
  /** The corpus's stories, most sources first. */
  stories: StoryRef[];
  coverage: CoverageGrid;
}

export interface ClaimView {
  claimId: string;
  sourceId: string;
  outlet: string;
  /** Whose words these are: the outlet, or for a label inside a quote, the quoted speaker. */
  who: string;
  /** The outlet and the article's title, for hover. */
  hover: string;
  url: string | null;
  published: string | null;
  /** The exact sentence from that source. */
  sentence: string;
  span: string;
  /** Offsets of the span within the sentence, or null when the span is not inside it. */
  spanStart: number | null;
  spanEnd: number | null;
  value: string;
  unit: string | null;
  /** Numeric bounds for quantities (the number line). */
  low: number | null;
  high: number | null;
}

export interface DiscrepancyView {
  id: string;
  kind: ClaimKind;
  topic: string;
  severity: Severity;
  reason: string;
  agreement: boolean;
  entities: Array<{ id: string; name: string }>;
  claims: ClaimView[];
  /** The story the claims come from (claims are compared only within a story). */
  story: StoryRef | null;
}

/**
 * One page of the popup's list: the differences in the popup's order (grouped by story, the
 * page's story first, the engine's ranking within a story), and what the whole list needs.
 */
export interface DiscrepancyPage {
  items: DiscrepancyView[];
  offset: number;
  /** How many the list holds in all (after the entity filter, exclusions and agreements). */
  total: number;
  /** How many matching rows were left out as asked (`exclude`). */
  excluded: number;
  /** How many agreements match the entity filter (shown or not). */
  agreements: number;
  /** How many stories the matching differences come from (before exclusions). */
  stories: number;
  /**
   * Every name the corpus's differences are about, for the filter: when asked, or when there are
   * few (null: ask with `names`).
   */
  names: Array<{ id: string; name: string }> | null;
}

export interface PageContext {
  /** The source this page is, when it is one. */
  sourceId: string | null;
  outlet: string | null;
  /** That source's title. */
  title: string | null;
  /** Whether the page tells one of the corpus's stories (it is a source, or is like one). */
  onStory: boolean;
  /** That story, when it is one. */
  story: StoryRef | null;
  statements: Array<{
    discrepancyId: string;
    topic: string;
    /** What this page says (distinct wordings). */
    here: string[];
    /** What the others say: one row per wording, with every outlet that uses it. */
    others: Array<{ span: string; outlets: string[] }>;
  }>;
}

export interface SearchResults {
  entities: Array<{ id: string; name: string; type: EntityType; matched: string }>;
  passages: Array<{
    id: string;
    sourceId: string;
    outlet: string;
    url: string | null;
    text: string;
    /** [start, end] (inclusive end, as Fuse reports) of matched characters in `text`. */
    ranges: Array<[number, number]>;
  }>;
}

/** One row of the options page's source list. */
export interface SourceSummary {
  id: string;
  origin: Source['origin'];
  title: string | null;
  outlet: string | null;
  url: string | null;
  published: string | null;
  language: string | null;
  enabled: boolean;
  addedAt: number;
  chars: number;
  passages: number;
  entities: number;
  claims: number;
}

/** What the reader sees before saving: the cleaned article and what the pipeline found in it. */
export interface SourcePreview {
  title: string | null;
  outlet: string | null;
  url: string | null;
  published: string | null;
  language: string | null;
  /** The language the text reads as, when `language` was not given (null when unclear). */
  guessedLanguage: string | null;
  chars: number;
  words: number;
  /** The first paragraphs of the cleaned text (plain text, never HTML). */
  paragraphs: string[];
  entities: PreviewEntity[];
  claims: Array<{ kind: ClaimKind; span: string }>;
  claimCount: number;
}

/**
 * One entity the new source mentions: NEW (this source creates it) or LINKED to an entity the
 * corpus knows (`linkedTo`, its canonical name), with why it linked, so a wrong link shows.
 */
export interface PreviewEntity {
  name: string;
  type: EntityType;
  known: boolean;
  mentions: number;
  status: 'new' | 'linked';
  /** The known entity's name, when linked. */
  linkedTo: string | null;
  /** Why it linked, when linked (from the source's forms against the known names). */
  reason: LinkReason | null;
}

export interface ImportPreview {
  /** Sources that will be added. */
  add: Array<{ id: string; title: string | null; outlet: string | null }>;
  /** Sources already present (same id, address or text): skipped. */
  skip: Array<{ id: string; title: string | null; reason: string }>;
  seedStates: number;
  settings: Settings;
  exportedAt: string;
}

export interface ImportResult {
  added: number;
  skipped: number;
  settings: Settings;
}

/**
 * Where a long change is: `done` of `total` sources prepared (cleaned and segmented), then the
 * names resolved again over every enabled source, then the rows saved.
 */
export interface SourceProgress {
  operation: 'addSource' | 'importBackup';
  stage: 'preparing' | 'resolving' | 'saving';
  done: number;
  total: number;
}

/**
 * What the background posts on a progress port (PROGRESS_PORT, lib/protocol/schemas.ts) while an
 * add or import runs; the options page parses it with ProgressMessageSchema.
 */
export interface ProgressMessage extends SourceProgress {
  type: 'progress';
}

export type EditableFields = Pick<Source, 'title' | 'outlet' | 'url' | 'published' | 'language'>;

/** What the options page shows; null when nothing was ever found. */
export interface IntegrityReport {
  /** Damaged built-in rows found (and rebuilt from the bundle when `repaired`). */
  seedProblems: number;
  repaired: boolean;
  /** The reader's sources that could not be read: kept as they are, listed here. */
  unreadable: Array<{ id: string; label: string; reason: string }>;
  /** The bundled index itself is damaged: nothing could be rebuilt from it. */
  bundleProblem: string | null;
}

/** How a surface form matches a known entity, from the surest to the loosest. */
export type LinkReasonKind =
  'same-name' | 'alias' | 'surname' | 'first-word' | 'acronym' | 'country' | 'spelling' | 'other';

export interface LinkReason {
  kind: LinkReasonKind;
  /** What the new source wrote. */
  surface: string;
  /** The known name it matched (the entity's name or one of its aliases). */
  matched: string;
  /** One plain sentence for the reader. */
  text: string;
}

/**
 * The compact alias dictionary the content script matches against. Only what a scan needs:
 * aliases, their entity ids and the entity types (for per-type underlining).
 */
export interface Dictionary {
  version: number;
  /**
   * entity id -> [display name, type, number of sources that name it, named by a source the
   * reader added]. (A dictionary cached before the last two existed has two fields: read them
   * as "many" and "no".)
   */
  entities: Record<string, [string, EntityType] | [string, EntityType, number, boolean]>;
  /** [alias, entity id] pairs; aliases are surface forms, the matcher folds them itself. */
  aliases: Array<[string, string]>;
  /**
   * How the corpus describes each person, and the words a page says offices and countries with:
   * the page checks that a name is the person meant (lib/page/identity.ts). Absent from a
   * dictionary cached before it existed: no check then.
   */
  identity?: IdentityHints;
  /**
   * The corpus's stories as a page needs them to tell which one it is about, by the grouping's
   * own entity cosine (lib/page/coverage.ts). Absent from a dictionary cached before it existed:
   * the page is then judged on no story.
   */
  stories?: PageStories;
}

/**
 * Story id -> the entity bags of its sources (entity id -> mentions in that source): the terms
 * and document frequencies of the TF-IDF entity vectors lib/stories compares sources by.
 */
export type PageStories = Record<string, Array<Record<string, number>>>;

/** What the dictionary carries for identity checks: per person, and the words to read them by. */
export interface IdentityHints {
  /** Person entity id -> how the corpus describes them (descriptor phrases, most used first). */
  people: Record<string, string[]>;
  /** Region code -> its names in every language, folded, no dots or spaces, space-separated. */
  countries: Record<string, string>;
  /** Region code -> its irregular demonyms ("dutch"), same form. */
  demonyms: Record<string, string>;
  /** Region code -> its names less the last vowel ("ruritani"), for regular demonyms. */
  stems: Record<string, string>;
  /** Endings of regular demonyms in every language. */
  endings: string[];
  /** Folded office words ("minister", "presidente"). */
  roles: string[];
  /** Folded honorifics ("mr", "sra"): a person follows, no office. */
  honorifics: string[];
  /** Folded words that say when, not which office ("former"). */
  qualifiers: string[];
  /** Folded particles inside office phrases ("of", "de"). */
  connectors: string[];
  /** Folded articles, function words, conjunctions, prepositions and verbs of saying. */
  stops: string[];
}

/** One of the reader's corrections of the entities, as the options page lists it. */
export interface CorrectionView {
  /** What Undo and Remove name (lib/corpus/corrections.ts correctionId). */
  id: string;
  /** same: "same as"; apart: "not the same"; hide: "not a name". */
  kind: 'same' | 'apart' | 'hide';
  names: string[];
  /** same: the other entity's names; apart: the name they were linked to. */
  other: string[];
  at: number;
  /** Whether its names are still in the corpus (one that is not does nothing). */
  applies: boolean;
}

/** One entity's name and forms, for the options page's Entities section. */
export interface EntityForms {
  id: string;
  name: string;
  type: EntityType;
  aliases: string[];
}
