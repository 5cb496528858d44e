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
    return { ok: false, error: error instanceof Error ? error.message : String(error) };
  }
}

export type Send = <K extends MessageName>(
  type: K,
  payload: RequestOf<K>,
) => Promise<ResponseOf<K>>;

/** Client side: typed `send` over any transport (runtime.sendMessage in the extension). */
export function createClient(transport: (message: Envelope) => Promise<unknown>): Send {
  return async (type, payload) => {
    const reply = (await transport({ type, payload } as Envelope)) as
      Reply<typeof type> | undefined;
    if (!reply) throw new Error(`No reply to ${type}: the background did not answer.`);
    if (!reply.ok) throw new Error(reply.error);
    return reply.value;
  };
}
