/**
 * The one message protocol between the content script / extension pages and the background.
 * Each entry maps a message name to its request and response; both sides import this map, so a
 * renamed field fails to compile on both ends.
 */
import type { Dictionary } from './dictionary';
import type { CardData } from './service/card';

export interface Protocol {
  /** Compact alias dictionary for the content script's matcher; `unchanged` when versions match. */
  getDictionary: {
    req: { knownVersion: number | null };
    res: Dictionary | { unchanged: true; version: number };
  };
  /** The hovercard's data for one entity; null when the entity is unknown. */
  getCard: { req: { entityId: string }; res: CardData | null };
  /** Counts for headers and health checks. */
  getStats: {
    req: Record<string, never>;
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
}

export type MessageName = keyof Protocol;
export type RequestOf<K extends MessageName> = Protocol[K]['req'];
export type ResponseOf<K extends MessageName> = Protocol[K]['res'];

export interface Envelope<K extends MessageName = MessageName> {
  type: K;
  payload: RequestOf<K>;
}

/** What the background sends back: errors travel as values so callers can show them. */
export type Reply<K extends MessageName> =
  | { ok: true; value: ResponseOf<K> }
  | { ok: false; error: string };

export type Handlers = {
  [K in MessageName]: (
    req: RequestOf<K>,
    sender: { tabId: number | null; url: string | null },
  ) => Promise<ResponseOf<K>>;
};

export function isEnvelope(x: unknown): x is Envelope {
  return typeof x === 'object' && x !== null && typeof (x as { type?: unknown }).type === 'string';
}
