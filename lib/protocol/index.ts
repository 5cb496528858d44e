/**
 * The one message protocol between the content script / extension pages and the background.
 * Each entry maps a message name to its request and response; both sides import this map, so a
 * renamed field fails to compile on both ends.
 */
import type { Source } from '../types';
import type {
  CardData,
  CorrectionView,
  EntityForms,
  Dictionary,
  DiscrepancyPage,
  EditableFields,
  ImportPreview,
  ImportResult,
  IntegrityReport,
  PageContext,
  SearchResults,
  SourcePreview,
  SourceSummary,
  Summary,
} from './data';
import type { RequestIn, RequestOut } from './schemas';

export type * from './data';
export type { RequestIn, RequestOut } from './schemas';

export interface Protocol {
  // ---- The reader's sources (lib/service/sources.ts) ------------------------------------------
  // Adding a source: the page that has a DOM extracts the article (lib/intake), then sends the
  // draft. Options page, by URL: checkUrl -> permissions.request (in the click) -> fetchArticlePage
  // -> DOMParser -> extractArticle. Popup, "add this page": components/options/capture.ts
  // `captureTabDraft(tabId)` (activeTab + scripting.executeScript returning the rendered HTML)
  // -> the same extractArticle. Then `previewSource` (nothing saved), and `addSource` on confirm.
  // Errors come back as messages that name the problem and what to do; nothing changes on error.
  /** Indexes a draft without saving it: what would be added. Throws on bad input/duplicates. */
  previewSource: { req: RequestIn<'previewSource'>; res: SourcePreview };
  /** Validates, indexes incrementally and saves one source in one transaction. */
  addSource: { req: RequestIn<'addSource'>; res: SourceSummary };
  /**
   * Readies the background for a preview or a change without saving anything: after a worker
   * start, the first one would otherwise wait for the corpus's analyses to be built again. The
   * options page sends it on opening and while it stays in use (each message also resets the
   * worker's idle timer). Answers at once when the background is ready.
   */
  prepareChanges: { req: RequestIn<'prepareChanges'>; res: { ready: true } };
  /** Every source (built-in first, then the reader's, newest first) with counts. */
  listSources: { req: RequestIn<'listSources'>; res: SourceSummary[] };
  removeSource: { req: RequestIn<'removeSource'>; res: { removed: string } };
  setSourceEnabled: { req: RequestIn<'setSourceEnabled'>; res: SourceSummary };
  /** Edits a reader's source's metadata (re-indexes, since language/date feed the pipeline). */
  editSource: {
    req: RequestIn<'editSource'> & { patch: Partial<EditableFields> };
    res: SourceSummary;
  };
  /** All sources with their text, for lib/backup.ts `createBackup` on the page. */
  exportSources: { req: RequestIn<'exportSources'>; res: { sources: Source[] } };
  /** Validates a backup file's text; what importing it would do. */
  previewImport: { req: RequestIn<'previewImport'>; res: ImportPreview };
  /** Imports a backup file's sources in one transaction; returns its settings to apply. */
  importBackup: { req: RequestIn<'importBackup'>; res: ImportResult };
  /** Back to the built-in corpus only: every added source goes. */
  resetCorpus: { req: RequestIn<'resetCorpus'>; res: { sources: number } };
  /** Whether the change sent with this receipt was saved (its answer may have been cut off). */
  changeLanded: { req: RequestIn<'changeLanded'>; res: { landed: boolean } };
  /** Compact alias dictionary for the content script's matcher; `unchanged` when versions match. */
  getDictionary: {
    req: RequestIn<'getDictionary'>;
    res: Dictionary | { unchanged: true; version: number };
  };
  // ---- The popup (lib/service/summary.ts) -----------------------------------------------------
  /** Counts for the popup header and the coverage grid (key entities x outlets). */
  getSummary: { req: RequestIn<'getSummary'>; res: Summary };
  /** Ranked discrepancies and agreements with each claim's sentence; `entityId` filters. */
  listDiscrepancies: { req: RequestIn<'listDiscrepancies'>; res: DiscrepancyPage };
  /** When `url` is one of the sources: what it says where other outlets differ. */
  /** What the page says against the corpus: a source page by URL, any other page by its text. */
  getPageContext: { req: RequestIn<'getPageContext'>; res: PageContext };
  /** Typo-tolerant search across entities and passages. */
  searchCorpus: { req: RequestIn<'searchCorpus'>; res: SearchResults };
  /** The hovercard's data for one entity; null when the entity is unknown. */
  /** `url`: the page's address, so the differences of the page's story come first. */
  /** `storyId`: the page's story as the content script judged it (its discrepancies first). */
  getCard: { req: RequestIn<'getCard'>; res: CardData | null };
  /** Opens the extension's list of an entity's discrepancies in a tab (popup.html#entity=<id>). */
  openEntityList: { req: RequestIn<'openEntityList'>; res: boolean };
  /** The last corrupted-data report (lib/service/integrity.ts) until `dismiss`; null when none. */
  getIntegrityReport: { req: RequestIn<'getIntegrityReport'>; res: IntegrityReport | null };
  // ---- The reader's corrections of the entities (lib/service/corrections.ts) -----------------
  /** Every correction, newest first, with whether it still applies. */
  listCorrections: { req: RequestIn<'listCorrections'>; res: { corrections: CorrectionView[] } };
  /** Adds one ("same as", "not the same", "not a name"); the corpus is built again with it. */
  addCorrection: {
    req: RequestIn<'addCorrection'>;
    res: { added: string; corrections: CorrectionView[] };
  };
  /** Takes one back (Undo, Remove): the corpus is built as if it had never been made. */
  removeCorrection: {
    req: RequestIn<'removeCorrection'>;
    res: { corrections: CorrectionView[] };
  };
  /** One entity's name and forms; null when it is no longer in the corpus. */
  getEntityForms: { req: RequestIn<'getEntityForms'>; res: EntityForms | null };
  /** Opens the options page's Entities section at one entity (the card's "Correct…"). */
  openCorrections: { req: RequestIn<'openCorrections'>; res: boolean };
  /** Counts for headers and health checks. */
  getStats: {
    req: RequestIn<'getStats'>;
    res: {
      sources: number;
      entities: number;
      mentions: number;
      passages: number;
      discrepancies: number;
      indexVersion: string | null;
    };
  };
}

/**
 * Messages an extension page (the popup) sends to the content script of a tab
 * (browser.tabs.sendMessage), in the same envelope/reply format.
 */
export interface TabProtocol {
  /** Entities detected on the page, with mention counts, and whether Crosscheck is on here. */
  getPageEntities: {
    req: Record<string, never>;
    res: {
      enabled: boolean;
      url: string;
      entities: Array<{ id: string; name: string; count: number }>;
    };
  };
  /** Scroll to and flash the first mention of an entity. */
  revealEntity: { req: { entityId: string }; res: boolean };
  /** Keyboard command: move to the next (or previous) mention and open its card. */
  nextMention: { req: { direction: 1 | -1 }; res: boolean };
  /** The page's readable text (its article or main element), for claims against the corpus. */
  getPageText: { req: Record<string, never>; res: { text: string } };
}

export type MessageName = keyof Protocol;
export type TabMessageName = keyof TabProtocol;

/**
 * What a content script may ask. It runs inside web pages, so everything else (adding, removing,
 * exporting sources, resets) is answered only for the extension's own pages.
 */
export const CONTENT_SCRIPT_MESSAGES: ReadonlySet<MessageName> = new Set<MessageName>([
  'getDictionary',
  'getCard',
  'openEntityList',
  'openCorrections',
]);

/**
 * The messages that change what is stored. Each takes a `receipt` the service keeps with the
 * change, so an answer cut off by a stopped service worker can be told apart from a change that
 * never landed (lib/rpc.ts withReceipts).
 */
export const CHANGE_MESSAGES = [
  'addSource',
  'setSourceEnabled',
  'removeSource',
  'editSource',
  'importBackup',
  'resetCorpus',
  'addCorrection',
  'removeCorrection',
] as const satisfies readonly MessageName[];
export type ChangeMessage = (typeof CHANGE_MESSAGES)[number];

/** Any map of message name -> { req, res } (Protocol, TabProtocol). */
export type ProtocolMap<P> = { [K in keyof P]: { req: unknown; res: unknown } };
export type Req<P extends ProtocolMap<P>, K extends keyof P> = P[K]['req'];
export type Res<P extends ProtocolMap<P>, K extends keyof P> = P[K]['res'];

export type RequestOf<K extends MessageName> = Protocol[K]['req'];
export type ResponseOf<K extends MessageName> = Protocol[K]['res'];

/** The one envelope both directions use: `{ type, payload }`. */
export interface Envelope<P extends ProtocolMap<P> = Protocol, K extends keyof P = keyof P> {
  type: K;
  payload: Req<P, K>;
}

/** Who sent a message to the background (the tab, and the page's or extension page's URL). */
export interface Sender {
  tabId: number | null;
  url: string | null;
}

/** One handler per message of a protocol, each given the request and who sent it. */
export type HandlersOf<P extends ProtocolMap<P>, S = void> = {
  [K in keyof P]: (req: Req<P, K>, sender: S) => Promise<Res<P, K>> | Res<P, K>;
};

/** Every message the background answers, each given its request parsed by its schema. */
export type Handlers = {
  [K in MessageName]: (req: RequestOut<K>, sender?: Sender) => Promise<ResponseOf<K>>;
};
/** Every message a tab's content script answers (from the popup and the background). */
export type TabHandlers = HandlersOf<TabProtocol>;

/** A message shaped like an envelope; the handler map decides whether it is ours. */
export function isEnvelope(x: unknown): x is { type: string; payload?: unknown } {
  return typeof x === 'object' && x !== null && typeof (x as { type?: unknown }).type === 'string';
}
