import { describe, expect, test } from 'vitest';
import {
  createClient,
  dispatch,
  INTERRUPTED,
  SAVED_UNANSWERED,
  STORAGE_FULL,
  UNKNOWN_IF_SAVED,
  withReceipts,
} from './rpc';
import { ProblemError } from './problems';
import type { TabHandlers, TabProtocol } from './protocol';

describe('createClient', () => {
  test.each([
    // Chromium's words when the service worker stops while a listener is answering.
    'A listener indicated an asynchronous response by returning true, but the message channel closed before a response was received',
    'Could not establish connection. Receiving end does not exist.',
    'Extension context invalidated.',
    // Firefox's.
    'Message manager disconnected; the message port closed before a response was received.',
  ])('a stopped service worker reads as a plain interruption: %s', async (browserSays) => {
    const send = createClient(() => Promise.reject(new Error(browserSays)));
    const error = await send('getDictionary', { knownVersion: null }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ProblemError);
    expect(error).toMatchObject({ code: 'interrupted', message: INTERRUPTED });
  });

  test('no reply at all is an interruption too', async () => {
    const send = createClient(() => Promise.resolve(undefined));
    await expect(send('getDictionary', { knownVersion: null })).rejects.toThrow(INTERRUPTED);
  });

  test("other transport errors and the service's own errors keep their words", async () => {
    const failing = createClient(() => Promise.reject(new Error('Quota exceeded')));
    await expect(failing('getDictionary', { knownVersion: null })).rejects.toThrow(
      'Quota exceeded',
    );
    const refused = createClient(() =>
      Promise.resolve({
        ok: false,
        problem: { code: 'duplicate-url', message: 'This page is already in your sources.' },
      }),
    );
    // The code crosses the wire with the words: the page branches on it.
    await expect(refused('getDictionary', { knownVersion: null })).rejects.toMatchObject({
      code: 'duplicate-url',
      message: 'This page is already in your sources.',
    });
  });
});

describe('dispatch', () => {
  const sender = { tabId: null, url: null };
  const failing = (error: unknown) =>
    ({
      getDictionary: () => Promise.reject(error),
    }) as unknown as Parameters<typeof dispatch>[0];

  test.each([
    ['the browser', new DOMException('The quota has been exceeded.', 'QuotaExceededError')],
    [
      'Dexie (wrapping the browser)',
      Object.assign(new Error('QuotaExceededError Transaction aborted'), {
        name: 'AbortError',
        inner: new DOMException('The quota has been exceeded.', 'QuotaExceededError'),
      }),
    ],
  ])('a full storage, reported by %s, reads as one plain sentence', async (_who, error) => {
    const reply = await dispatch(failing(error), { type: 'getDictionary', payload: {} }, sender);
    expect(reply).toEqual({ ok: false, problem: { code: 'storage-full', message: STORAGE_FULL } });
  });

  test("a problem keeps the service's code and words; any other failure its words", async () => {
    const message = 'This page is already in your sources.';
    const envelope = { type: 'getDictionary', payload: {} };
    const problem = await dispatch(
      failing(new ProblemError({ code: 'duplicate-url', message })),
      envelope,
      sender,
    );
    expect(problem).toEqual({ ok: false, problem: { code: 'duplicate-url', message } });
    const other = await dispatch(failing(new Error(message)), envelope, sender);
    expect(other).toEqual({ ok: false, problem: { code: 'failed', message } });
  });
});

describe('one layer for both directions', () => {
  const tabHandlers: TabHandlers = {
    getPageEntities: () => ({ enabled: true, url: 'https://example.org/', entities: [] }),
    revealEntity: ({ entityId }) => entityId === 'known',
    nextMention: ({ direction }) => direction === 1,
    getPageText: () => ({ text: 'Some text.' }),
  };

  test('a message that is not one of the protocol is left to others, decided at once', () => {
    expect(dispatch(tabHandlers, { type: 'getCard', payload: {} }, undefined)).toBeUndefined();
    expect(dispatch(tabHandlers, { type: 'toString', payload: {} }, undefined)).toBeUndefined();
    expect(dispatch(tabHandlers, 'nextMention', undefined)).toBeUndefined();
  });

  test('the popup -> tab client and the tab dispatcher speak the same envelope', async () => {
    const send = createClient<TabProtocol>(
      (message) => dispatch(tabHandlers, message, undefined) ?? Promise.resolve(undefined),
    );
    await expect(send('nextMention', { direction: 1 })).resolves.toBe(true);
    await expect(send('revealEntity', { entityId: 'unknown' })).resolves.toBe(false);
    await expect(send('getPageText', {})).resolves.toEqual({ text: 'Some text.' });
  });
});

describe('withReceipts', () => {
  const STOPPED = 'the message channel closed before a response was received';
  /**
   * A transport over a service that keeps receipts: `stop` says how the first change's answer
   * is cut off ('before' the commit, 'after' it), and `stopAgain` cuts off the question too.
   */
  function service(stop: 'before' | 'after' | null, stopAgain = false) {
    const landed = new Set<string>();
    const seen: Array<{ type: string; payload: Record<string, unknown> }> = [];
    const transport = async (m: { type: string; payload: unknown }) => {
      const payload = m.payload as Record<string, unknown>;
      seen.push({ type: m.type, payload });
      if (m.type === 'changeLanded') {
        if (stopAgain) throw new Error(STOPPED);
        return { ok: true, value: { landed: landed.has(payload.receipt as string) } };
      }
      if (m.type === 'getSummary' && stop) throw new Error(STOPPED);
      if (stop === 'after') landed.add(payload.receipt as string);
      if (stop) throw new Error(STOPPED);
      landed.add(payload.receipt as string);
      return { ok: true, value: { removed: payload.id } };
    };
    return { send: withReceipts(createClient(transport)), seen };
  }

  test('a change carries a fresh receipt of 32 hexadecimal digits; a read carries none', async () => {
    const { send, seen } = service(null);
    await send('removeSource', { id: 'a' });
    await send('removeSource', { id: 'a' });
    const [first, second] = seen.map((s) => s.payload.receipt);
    expect(first).toMatch(/^[0-9a-f]{32}$/);
    expect(second).toMatch(/^[0-9a-f]{32}$/);
    expect(first).not.toBe(second);
    await expect(service('before').send('getSummary', {})).rejects.toThrow(INTERRUPTED);
    const read = service('before');
    await read.send('getSummary', {}).catch(() => undefined);
    expect(read.seen).toEqual([{ type: 'getSummary', payload: {} }]);
  });

  test.each([
    ['before its commit', 'before', false, 'interrupted', INTERRUPTED],
    ['after its commit', 'after', false, 'saved-unanswered', SAVED_UNANSWERED],
    ['and the question too', 'after', true, 'interrupted', UNKNOWN_IF_SAVED],
  ] as const)('a change cut off %s tells the truth', async (_, stop, stopAgain, code, message) => {
    const { send, seen } = service(stop, stopAgain);
    await expect(send('removeSource', { id: 'a' })).rejects.toMatchObject({ code, message });
    expect(seen.map((s) => s.type)).toEqual(['removeSource', 'changeLanded']);
    expect(seen[1]!.payload.receipt).toBe(seen[0]!.payload.receipt);
  });

  test("the service's own refusal is passed on without asking", async () => {
    const seen: string[] = [];
    const send = withReceipts(
      createClient(async (m) => {
        seen.push(m.type);
        return { ok: false, problem: { code: 'not-found', message: 'Gone.' } };
      }),
    );
    await expect(send('removeSource', { id: 'a' })).rejects.toMatchObject({ code: 'not-found' });
    expect(seen).toEqual(['removeSource']);
  });
});
