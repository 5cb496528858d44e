/**
 * The one messaging layer, for both directions: page or extension page -> background
 * (runtime.sendMessage) and popup or background -> a tab's content script (tabs.sendMessage).
 * `dispatch` routes an envelope to its handler and sends errors back as values; `createClient`
 * is the typed `send` over any transport.
 */
import { type Problem, ProblemError, problemOf, type Result } from './problems';
import type { ProtocolMap, Protocol, Req, Res } from './protocol';
import { CHANGE_MESSAGES, isEnvelope } from './protocol';

/** What the answering side sends back: errors travel as values, with their code. */
export type Reply = Result<unknown>;

/**
 * Answering side: routes one envelope to its handler. Undefined, decided at once, when the
 * message is not one of P's (a listener then leaves the channel to others).
 */
export function dispatch<S>(
  handlers: Readonly<Record<string, (req: never, sender: S) => unknown>>,
  message: unknown,
  sender: S,
): Promise<Reply> | undefined {
  if (!isEnvelope(message) || !Object.hasOwn(handlers, message.type)) return undefined;
  const handler = handlers[message.type] as (req: unknown, s: S) => unknown;
  const payload = message.payload ?? {};
  return (async (): Promise<Reply> => {
    try {
      return { ok: true, value: await handler(payload, sender) };
    } catch (error) {
      const problem: Problem = isQuotaError(error)
        ? { code: 'storage-full', message: STORAGE_FULL }
        : problemOf(error);
      return { ok: false, problem };
    }
  })();
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

/** The typed `send` of a protocol: resolves with the answer or throws a ProblemError. */
export type SendOf<P extends ProtocolMap<P>> = <K extends keyof P & string>(
  type: K,
  payload: Req<P, K>,
) => Promise<Res<P, K>>;
/** `send` to the background. */
export type Send = SendOf<Protocol>;

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

/** Asking side: typed `send` over any transport (runtime.sendMessage, tabs.sendMessage). */
export function createClient<P extends ProtocolMap<P> = Protocol>(
  transport: (message: { type: string; payload: unknown }) => Promise<unknown>,
): SendOf<P> {
  return async (type, payload) => {
    let answer: unknown;
    try {
      answer = await transport({ type, payload });
    } catch (error) {
      throw isInterruption(error) ? interrupted() : new ProblemError(problemOf(error));
    }
    if (!isReply(answer)) throw interrupted();
    if (!answer.ok) throw new ProblemError(answer.problem);
    return answer.value as Res<P, typeof type>;
  };
}

const interrupted = () => new ProblemError({ code: 'interrupted', message: INTERRUPTED });

/** What the reader is told when the answer was cut off but the change is saved. */
export const SAVED_UNANSWERED =
  'Crosscheck stopped before it could answer, but your change was saved.';
/** …and when even asking whether it was saved was cut off. */
export const UNKNOWN_IF_SAVED =
  'Crosscheck was interrupted and could not tell whether your change was saved. Reload the page to see.';

/** A receipt: 128 random bits, as 32 hexadecimal digits (the schema's form). */
export function newReceipt(): string {
  const bytes = crypto.getRandomValues(new Uint8Array(16));
  return Array.from(bytes, (b) => b.toString(16).padStart(2, '0')).join('');
}

/**
 * `send` that gives every change (CHANGE_MESSAGES) a receipt. When the service worker stops
 * before answering, the change may or may not have been committed; the receipt, kept by the
 * service in the change's own transaction, says which. The reader then reads either
 * INTERRUPTED (nothing was saved: retrying is safe) or a `saved-unanswered` problem.
 */
export function withReceipts(send: Send, receipt: () => string = newReceipt): Send {
  const changes: ReadonlySet<string> = new Set(CHANGE_MESSAGES);
  return async (type, payload) => {
    if (!changes.has(type)) return send(type, payload);
    const id = receipt();
    try {
      return await send(type, { ...payload, receipt: id } as typeof payload);
    } catch (error) {
      if (!(error instanceof ProblemError) || error.problem.code !== 'interrupted') throw error;
      // The question wakes the worker again; a second stop leaves the answer unknown.
      const landed = await send('changeLanded', { receipt: id }).then(
        (a) => a.landed,
        () => null,
      );
      if (landed === false) throw error;
      throw new ProblemError(
        landed
          ? { code: 'saved-unanswered', message: SAVED_UNANSWERED }
          : { code: 'interrupted', message: UNKNOWN_IF_SAVED },
      );
    }
  };
}

/** A reply of lib/rpc.ts's shape (anything else: the other side stopped before answering). */
function isReply(x: unknown): x is Reply {
  if (typeof x !== 'object' || x === null) return false;
  const r = x as { ok?: unknown; problem?: { code?: unknown; message?: unknown } };
  if (r.ok === true) return 'value' in r;
  return (
    r.ok === false && typeof r.problem?.code === 'string' && typeof r.problem.message === 'string'
  );
}
