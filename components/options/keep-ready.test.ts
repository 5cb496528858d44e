import { describe, expect, test, vi } from 'vitest';
import {
  keepChangesReady,
  READY_EVERY_MS,
  READY_HIDDEN_GRACE_MS,
  READY_IDLE_LIMIT_MS,
  type ReadyPage,
} from './keep-ready';

type Step = ['advance', number] | ['hide'] | ['show'] | ['input'] | ['stop'];

/** A page with its own clock and timers, and the listeners it holds. */
function fakePage(visible: boolean) {
  let now = 0;
  let nextId = 1;
  const timers = new Map<number, { at: number; cb: () => void }>();
  const listeners = { visibility: new Set<() => void>(), input: new Set<() => void>() };
  const page: ReadyPage = {
    visible: () => visible,
    listen(onVisibility, onInput) {
      listeners.visibility.add(onVisibility);
      listeners.input.add(onInput);
      return () => {
        listeners.visibility.delete(onVisibility);
        listeners.input.delete(onInput);
      };
    },
    setTimer(cb, ms) {
      timers.set(nextId, { at: now + ms, cb });
      return nextId++;
    },
    clearTimer: (id) => void timers.delete(id),
    now: () => now,
  };
  const settle = () => new Promise((resolve) => setTimeout(resolve, 0));
  return {
    page,
    timers,
    listeners,
    async advance(ms: number) {
      const end = now + ms;
      for (;;) {
        const due = [...timers].filter(([, t]) => t.at <= end).sort((a, b) => a[1].at - b[1].at);
        if (!due.length) break;
        const [id, t] = due[0]!;
        timers.delete(id);
        now = t.at;
        t.cb();
        await settle();
      }
      now = end;
    },
    async setVisible(v: boolean) {
      visible = v;
      for (const cb of listeners.visibility) cb();
      await settle();
    },
    async input() {
      for (const cb of listeners.input) cb();
      await settle();
    },
    settle,
  };
}

const MIN = 60_000;

describe('the options page keeps the background ready while it is in use', () => {
  test.each<[string, boolean, Step[], number]>([
    ['asks once as it starts in view', true, [], 1],
    [
      'asks again every interval while in view and used',
      true,
      [['advance', 2 * READY_EVERY_MS]],
      3,
    ],
    ['asks nothing while hidden', false, [['advance', 5 * MIN]], 0],
    ['asks at once when it comes into view', false, [['advance', MIN], ['show']], 1],
    [
      'goes on asking for a while when hidden (the reader finds an article), then stops',
      true,
      [['hide'], ['advance', 10 * MIN]],
      READY_HIDDEN_GRACE_MS / READY_EVERY_MS,
    ],
    [
      'asks at once when shown again after that',
      true,
      [['hide'], ['advance', 10 * MIN], ['show']],
      READY_HIDDEN_GRACE_MS / READY_EVERY_MS + 1,
    ],
    [
      'shown again within that while, it goes on as before',
      true,
      [['hide'], ['advance', 3 * READY_EVERY_MS], ['show'], ['advance', READY_EVERY_MS / 2]],
      4,
    ],
    [
      'coming back into view counts as use after the idle limit',
      true,
      [['advance', READY_IDLE_LIMIT_MS + 5 * MIN], ['hide'], ['show']],
      READY_IDLE_LIMIT_MS / READY_EVERY_MS + 2,
    ],
    [
      'stops asking after the idle limit without input',
      true,
      [['advance', READY_IDLE_LIMIT_MS + 5 * MIN]],
      READY_IDLE_LIMIT_MS / READY_EVERY_MS + 1,
    ],
    [
      'asks at once on input after the idle limit, and goes on',
      true,
      [['advance', READY_IDLE_LIMIT_MS + 5 * MIN], ['input'], ['advance', READY_EVERY_MS]],
      READY_IDLE_LIMIT_MS / READY_EVERY_MS + 3,
    ],
    [
      'input inside the limit does not add an ask',
      true,
      [['advance', READY_EVERY_MS / 2], ['input'], ['input']],
      1,
    ],
    [
      'asks nothing after it is stopped',
      true,
      [['stop'], ['show'], ['input'], ['advance', MIN]],
      1,
    ],
  ])('%s', async (_, visible, steps, asks) => {
    const f = fakePage(visible);
    let sent = 0;
    const stop = keepChangesReady(async () => void sent++, f.page);
    await f.settle();
    for (const step of steps) {
      if (step[0] === 'advance') await f.advance(step[1]);
      else if (step[0] === 'hide') await f.setVisible(false);
      else if (step[0] === 'show') await f.setVisible(true);
      else if (step[0] === 'input') await f.input();
      else stop();
    }
    expect(sent).toBe(asks);
    stop();
  });

  test('an ask still answering (a cold build) is not sent again; the next comes after its answer', async () => {
    const f = fakePage(true);
    let sent = 0;
    let answer = () => {};
    const stop = keepChangesReady(
      () => new Promise<void>((resolve) => ((answer = resolve), sent++)),
      f.page,
    );
    await f.advance(3 * READY_EVERY_MS);
    expect(sent).toBe(1);
    answer();
    await f.settle();
    await f.advance(READY_EVERY_MS);
    expect(sent).toBe(2);
    stop();
  });

  test('each answer is told; a failed ask is not, and stops the asks until the next input', async () => {
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => {});
    const f = fakePage(true);
    let ready = 0;
    let sent = 0;
    let fail = false;
    const stop = keepChangesReady(
      () => (sent++, fail ? Promise.reject(new Error('no worker')) : Promise.resolve()),
      f.page,
      () => void ready++,
    );
    await f.settle();
    expect(ready).toBe(1);
    fail = true;
    await f.advance(READY_EVERY_MS);
    expect([ready, sent]).toEqual([1, 2]);
    // No build in vain every 20 s: nothing until the reader's next input.
    await f.advance(5 * MIN);
    expect(sent).toBe(2);
    expect(warn).toHaveBeenCalledTimes(1);
    fail = false;
    await f.input();
    expect([ready, sent]).toEqual([2, 3]);
    stop();
    warn.mockRestore();
  });

  test('stop removes every timer and listener it added', async () => {
    const f = fakePage(true);
    const stop = keepChangesReady(() => Promise.resolve(), f.page);
    await f.settle();
    expect(f.timers.size).toBe(1);
    expect(f.listeners.visibility.size + f.listeners.input.size).toBe(2);
    stop();
    expect(f.timers.size).toBe(0);
    expect(f.listeners.visibility.size + f.listeners.input.size).toBe(0);
  });
});
