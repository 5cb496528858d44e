import type { TabProtocol } from '../messages';

/** Content-script side of TabProtocol (popup -> tab), in the same envelope/reply format. */
export type TabHandlers = {
  [K in keyof TabProtocol]: (
    req: TabProtocol[K]['req'],
  ) => Promise<TabProtocol[K]['res']> | TabProtocol[K]['res'];
};

export type TabReply = { ok: true; value: unknown } | { ok: false; error: string };

/** Routes one message to its handler; undefined when the message is not a TabProtocol one. */
export function dispatchTab(
  handlers: TabHandlers,
  message: unknown,
): Promise<TabReply> | undefined {
  if (typeof message !== 'object' || message === null) return undefined;
  const type = (message as { type?: unknown }).type;
  if (typeof type !== 'string' || !Object.hasOwn(handlers, type)) return undefined;
  const handler = handlers[type as keyof TabProtocol] as (req: unknown) => unknown;
  return (async () => {
    try {
      return { ok: true, value: await handler((message as { payload?: unknown }).payload ?? {}) };
    } catch (error) {
      return { ok: false, error: error instanceof Error ? error.message : String(error) };
    }
  })();
}
