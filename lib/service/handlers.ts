import type { BundledIndex } from '../bundle';
import type { CrosscheckDB } from '../db';
import { buildDictionary } from '../dictionary';
import { orThrow, parseAs, raise } from '../problems';
import {
  CHANGE_MESSAGES,
  type ChangeMessage,
  type Dictionary,
  type Handlers,
  type MessageName,
  type Sender,
} from '../protocol';
import { REQUESTS } from '../protocol/schemas';
import { parseBackup } from '../backup';
import { buildCard } from './card';
import { createCorrectionHandlers } from './corrections';
import { readIntegrityReport } from './integrity';
import { META_DICTIONARY_VERSION, META_INDEX_VERSION } from './meta';
import { receiptLanded } from './receipts';
import { createSourceHandlers, type SourceServiceDeps } from './sources';
import { corpusStories, pageStoriesOf } from './stories';
import { cached, enabledSources, liveMentions } from './read-cache';
import {
  buildSummary,
  createSearchService,
  discrepancyPage,
  FIRST_PAGE,
  pageContext,
} from './summary';

export interface ServiceDeps extends SourceServiceDeps {
  /** Resolves once the bundled seed index is in the database. */
  ready: () => Promise<void>;
  /** The bundled seed index (reset to seeds, rebuild after a source is removed). */
  seedBundle?: () => Promise<BundledIndex>;
  /** Opens an extension page in a new tab (injected: lib/ has no extension APIs). */
  openPage?: (path: string) => Promise<void>;
  /** Whether the popup's reads are computed right after each change (default: yes). */
  prepareReads?: boolean;
}

async function metaNumber(db: CrosscheckDB, id: string): Promise<number> {
  const row = await db.meta.get(id);
  return typeof row?.value === 'number' ? row.value : 0;
}

/** The content script's dictionary at the database's current version (kept until it changes). */
export function readDictionary(db: CrosscheckDB): Promise<Dictionary> {
  return cached(db, 'dictionary', () => buildDictionaryOf(db));
}

async function buildDictionaryOf(db: CrosscheckDB): Promise<Dictionary> {
  const version = await metaNumber(db, META_DICTIONARY_VERSION);
  const sources = [...(await enabledSources(db)).values()];
  const byReader = new Set(sources.filter((s) => s.origin === 'user').map((s) => s.id));
  // Which enabled sources name each entity: pages underline only what some source names,
  // and off the corpus's stories only what several do, or a source the reader added.
  const naming = new Map<string, Set<string>>();
  // The enabled sources' mentions as the stories read them (one read of the table per corpus).
  for (const m of await liveMentions(db)) {
    let set = naming.get(m.entityId);
    if (!set) naming.set(m.entityId, (set = new Set()));
    set.add(m.sourceId);
  }
  const entities = (await db.entities.toArray()).filter((e) => naming.has(e.id));
  const counts = new Map(
    [...naming].map(([id, set]) => [
      id,
      { sources: set.size, byReader: [...set].some((s) => byReader.has(s)) },
    ]),
  );
  // The stories too: the page tells which one it is about by the grouping's own measure.
  return {
    ...buildDictionary(entities, version, counts),
    stories: pageStoriesOf(await corpusStories(db)),
  };
}

/**
 * Every message the background answers; entrypoints/background.ts only wires this to runtime.
 * Each request is parsed once, here, by its schema (lib/protocol/schemas.ts): a handler only
 * ever sees a request of its type, and a malformed one is refused with its problem's code.
 */
export function createHandlers(deps: ServiceDeps): Handlers {
  return parsedBySchema(answers(deps));
}

function parsedBySchema(handlers: Handlers): Handlers {
  const out: Partial<Record<MessageName, unknown>> = {};
  for (const name of Object.keys(handlers) as MessageName[]) {
    const handler = handlers[name] as (req: unknown, sender?: Sender) => Promise<unknown>;
    out[name] = async (req: unknown, sender?: Sender) =>
      handler(orThrow(parseAs(REQUESTS[name], req ?? {}, 'bad-request')), sender);
  }
  return out as Handlers;
}

type CorrectionChange = 'addCorrection' | 'removeCorrection';
/**
 * The source handlers that change the corpus: after each, the popup's reads are made ready (the
 * corrections' changes do it in correctionAnswers).
 */
const CHANGES = CHANGE_MESSAGES.filter(
  (m): m is Exclude<ChangeMessage, CorrectionChange> =>
    m !== 'addCorrection' && m !== 'removeCorrection',
);

/**
 * The source handlers, with an import that brings the backup's corrections in its own
 * transaction (as a reset keeps the reader's corrections in its own: lib/service/sources.ts).
 */
type SourceHandlers = Omit<ReturnType<typeof createSourceHandlers>, 'rederiveWith'>;
type SourceMessages = Omit<SourceHandlers, 'importBackup'> & Pick<Handlers, 'importBackup'>;

function withCorrectionsKept(
  sources: SourceHandlers,
  corrections: ReturnType<typeof createCorrectionHandlers>,
): SourceMessages {
  return {
    ...sources,
    async importBackup(req) {
      const backup = parseBackup(req.text);
      const restore = backup.ok
        ? await corrections.correctionsToRestore(backup.value.corrections)
        : null;
      return sources.importBackup(req, restore ?? undefined);
    },
  };
}

/** The reader's corrections' messages: a change makes the popup's reads ready, as a source change does. */
function correctionAnswers(
  deps: ServiceDeps,
  corrections: ReturnType<typeof createCorrectionHandlers>,
  prepareReads: () => void,
): Pick<
  Handlers,
  'addCorrection' | 'removeCorrection' | 'listCorrections' | 'getEntityForms' | 'openCorrections'
> {
  const changed = <R>(out: R): R => {
    if (deps.prepareReads !== false) prepareReads();
    return out;
  };
  return {
    addCorrection: async (req) => changed(await corrections.addCorrection(req)),
    removeCorrection: async (req) => changed(await corrections.removeCorrection(req)),
    listCorrections: corrections.listCorrections,
    getEntityForms: corrections.getEntityForms,
    async openCorrections({ entityId }) {
      if (!deps.openPage) raise('failed', 'This context cannot open extension pages.');
      await deps.openPage(`/options.html#entity=${encodeURIComponent(entityId)}`);
      return true;
    },
  };
}

/** Whether a change landed, by its receipt (lib/service/receipts.ts). */
function receiptAnswers({ db, ready }: ServiceDeps): Pick<Handlers, 'changeLanded'> {
  return {
    async changeLanded({ receipt }) {
      await ready();
      return { landed: await receiptLanded(db, receipt) };
    },
  };
}

/** Corrections derive through the source service's memo (its rederiveWith, not a message). */
function sourceAndCorrectionHandlers(deps: ServiceDeps) {
  const { rederiveWith, ...sourceHandlers } = createSourceHandlers(deps);
  const corrections = createCorrectionHandlers({ ...deps, rederive: rederiveWith });
  return { sources: withCorrectionsKept(sourceHandlers, corrections), corrections };
}

function answers(deps: ServiceDeps): Handlers {
  const { db, ready } = deps;
  const search = createSearchService(db, deps.seedBundle);
  const { sources, corrections } = sourceAndCorrectionHandlers(deps);
  // Once a change is written, what the popup opens with is computed for the new corpus while
  // nobody waits (a failure here is the next reader's to see, not the change's).
  const prepareReads = () =>
    void Promise.all([buildSummary(db), discrepancyPage(db, FIRST_PAGE)]).catch(() => undefined);
  for (const name of CHANGES) {
    const change = sources[name] as (req: never) => Promise<unknown>;
    (sources as Record<string, unknown>)[name] = async (req: never) => {
      const out = await change(req);
      if (deps.prepareReads !== false) prepareReads();
      return out;
    };
  }
  return {
    ...sources,
    ...correctionAnswers(deps, corrections, prepareReads),
    ...receiptAnswers(deps),
    async getSummary() {
      await ready();
      return buildSummary(db);
    },
    async listDiscrepancies(req) {
      await ready();
      return discrepancyPage(db, req);
    },
    async getPageContext({ url, text }) {
      await ready();
      return pageContext(db, url, text);
    },
    async searchCorpus({ query }) {
      await ready();
      return search(query);
    },
    async getDictionary({ knownVersion }) {
      await ready();
      const version = await metaNumber(db, META_DICTIONARY_VERSION);
      if (knownVersion === version) return { unchanged: true, version };
      return readDictionary(db);
    },
    async getCard({ entityId, url, storyId }) {
      await ready();
      return buildCard(
        db,
        entityId,
        url ? url.slice(0, 2048) : null,
        storyId ? storyId.slice(0, 100) : null,
      );
    },
    async openEntityList({ entityId }) {
      if (!deps.openPage) raise('failed', 'This context cannot open extension pages.');
      await deps.openPage(`/popup.html#entity=${encodeURIComponent(entityId)}`);
      return true;
    },
    async getIntegrityReport({ dismiss }) {
      await ready();
      return readIntegrityReport(db, { dismiss });
    },
    async getStats() {
      await ready();
      const [sources, entities, mentions, passages, discrepancies, indexVersion] =
        await Promise.all([
          db.sources.count(),
          db.entities.count(),
          db.mentions.count(),
          db.passages.count(),
          db.discrepancies.count(),
          db.meta.get(META_INDEX_VERSION),
        ]);
      return {
        sources,
        entities,
        mentions,
        passages,
        discrepancies,
        indexVersion: typeof indexVersion?.value === 'string' ? indexVersion.value : null,
      };
    },
  };
}
