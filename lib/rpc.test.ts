import { describe, expect, test } from 'vitest';
import { createClient, dispatch, INTERRUPTED, STORAGE_FULL } from './rpc';
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
