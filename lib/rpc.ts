import type { Envelope, Handlers, MessageName, Reply, RequestOf, ResponseOf } from './messages';
import { isEnvelope } from './messages';

/** Background side: routes one envelope to its handler; errors come back as values. */
export async function dispatch(
  handlers: Handlers,
  message: unknown,
  sender: { tabId: number | null; url: string | null },
): Promise<Reply<MessageName> | undefined> {
  if (!isEnvelope(message) || !(message.type in handlers)) return undefined;
  const handler = handlers[message.type] as (
    req: unknown,
    s: typeof sender,
  ) => Promise<ResponseOf<MessageName>>;
  try {
    return { ok: true, value: await handler(message.payload, sender) };
  } catch (error) {
    if (isQuotaError(error)) return { ok: false, error: STORAGE_FULL };
    return { ok: false, error: error instanceof Error ? error.message : String(error) };
  }
}

/** What the reader is told when the browser refuses to store more (the write was rolled back). */
export const STORAGE_FULL =
  "Your browser has no room left for Crosscheck's data, so nothing was saved. Remove sources you no longer need, or free some disk space, and try again.";

/** IndexedDB's "quota exceeded", as the browser, Dexie or an inner cause reports it. */
export function isQuotaError(error: unknown): boolean {
  for (let e = error, depth = 0; e && depth < 4; depth++) {
    const { name, inner } = e as { name?: unknown; inner?: unknown };
    if (name === 'QuotaExceededError') return true;
    e = inner;
  }
  return false;
}

export type Send = <K extends MessageName>(
  type: K,
  payload: RequestOf<K>,
) => Promise<ResponseOf<K>>;

/** What the reader is told when the service worker stopped before answering. */
export const INTERRUPTED = 'Crosscheck was interrupted; nothing was saved. Try again.';

/**
 * The browser's own words when the service worker stops mid-request ("the message channel closed
 * before a response was received", "Receiving end does not exist", "Extension context
 * invalidated"): internal details to a reader, so they become one plain sentence.
 */
export function isInterruption(error: unknown): boolean {
  const text = error instanceof Error ? error.message : String(error);
  return /message channel closed|message port closed|receiving end does not exist|extension context invalidated/i.test(
    text,
  );
}

/** Client side: typed `send` over any transport (runtime.sendMessage in the extension). */
export function createClient(transport: (message: Envelope) => Promise<unknown>): Send {
  return async (type, payload) => {
    let answer: unknown;
    try {
      answer = await transport({ type, payload } as Envelope);
    } catch (error) {
      throw isInterruption(error) ? new Error(INTERRUPTED) : error;
    }
    const reply = answer as Reply<typeof type> | undefined;
    if (!reply) throw new Error(INTERRUPTED);
    if (!reply.ok) throw new Error(reply.error);
    return reply.value;
  };
}
