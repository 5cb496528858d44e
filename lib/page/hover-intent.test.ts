/**
 * The hover intent's schedule on a fake clock with 60 Hz frames: the delay counts from the
 * pointer's move, the card opens in the animation frame nearest the delay's end (asked to be
 * placed in that frame), and a pointer that leaves first opens nothing.
 */
import { afterEach, describe, expect, test, vi } from 'vitest';
import { HoverIntent } from './hover-intent';
import type { PageMention, Painter } from './painter';

const FRAME = 1000 / 60;
const DELAY = 400;

function fakeClock(phase: number) {
  let now = 0;
  let inFrame = false;
  let nextId = 1;
  const timers = new Map<number, { at: number; fn: () => void }>();
  const frames = new Map<number, (t: number) => void>();
  vi.stubGlobal('performance', { now: () => now });
  vi.stubGlobal('setTimeout', (fn: () => void, ms = 0) => {
    timers.set(nextId, { at: now + Math.max(0, ms), fn });
    return nextId++;
  });
  vi.stubGlobal('clearTimeout', (id: number) => timers.delete(id));
  vi.stubGlobal('requestAnimationFrame', (fn: (t: number) => void) => {
    frames.set(nextId, fn);
    return nextId++;
  });
  vi.stubGlobal('cancelAnimationFrame', (id: number) => frames.delete(id));
  /** Frames start at `phase` and every FRAME after it; timers run between them. */
  const advanceTo = (end: number) => {
    for (;;) {
      const nextFrame = phase + Math.ceil((now - phase) / FRAME + 1e-9) * FRAME;
      const due = [...timers].sort((a, b) => a[1].at - b[1].at)[0];
      const t = Math.min(nextFrame, due?.[1].at ?? Infinity);
      if (t > end) break;
      now = t;
      if (due && due[1].at === t) {
        timers.delete(due[0]);
        due[1].fn();
        continue;
      }
      const callbacks = [...frames.values()];
      frames.clear();
      inFrame = true;
      for (const fn of callbacks) fn(t);
      inFrame = false;
      now = t + 0.001; // the frame is done
    }
    now = end;
  };
  return { advanceTo, now: () => now, inFrame: () => inFrame };
}

function setUp(phase: number) {
  const clock = fakeClock(phase);
  const mention = { entityId: 'ana-duarte', start: 0, end: 10 } as unknown as PageMention;
  let under: PageMention | null = null;
  const shows: Array<{ at: number; inFrame: boolean | undefined; calledInFrame: boolean }> = [];
  const intent = new HoverIntent({
    doc: { visibilityState: 'visible' } as Document,
    card: {
      prefetch: () => undefined,
      show: (_m, _how, _point, inFrame) =>
        shows.push({ at: clock.now(), inFrame, calledInFrame: clock.inFrame() }),
      hide: () => undefined,
      contains: () => false,
    },
    painter: { fromPoint: () => under, setActive: () => undefined } as unknown as Painter,
    hoverDelayMs: DELAY,
    empty: () => false,
    mentionsIn: () => undefined,
  });
  const move = (at: number, on: boolean) => {
    clock.advanceTo(at);
    under = on ? mention : null;
    intent.onPointerMove({
      pointerType: 'mouse',
      clientX: 5,
      clientY: 5,
      target: null,
      timeStamp: at,
    } as unknown as PointerEvent);
  };
  return { clock, intent, move, shows };
}

describe('hover intent', () => {
  afterEach(() => vi.unstubAllGlobals());

  test.each([0, 3, 8, 12, 16])(
    'frames at phase %d ms: the card opens in the frame nearest the end of the delay',
    (phase) => {
      const { clock, intent, move, shows } = setUp(phase);
      move(1000, true);
      clock.advanceTo(1000 + DELAY + 2 * FRAME);
      expect(shows).toHaveLength(1);
      const [shown] = shows;
      expect(shown!.calledInFrame).toBe(true);
      expect(shown!.inFrame).toBe(true);
      expect(Math.abs(shown!.at - (1000 + DELAY))).toBeLessThanOrEqual(FRAME / 2 + 0.01);
      expect(intent.pending()).toBe(false);
    },
  );

  test('a pointer that leaves before the delay ends opens nothing', () => {
    const { clock, intent, move, shows } = setUp(5);
    move(1000, true);
    move(1000 + DELAY - 10, false);
    clock.advanceTo(1000 + DELAY + 5 * FRAME);
    expect(shows).toEqual([]);
    expect(intent.pending()).toBe(false);
  });

  test('a move from the future (a forged clock) counts from now', () => {
    const { clock, move, shows } = setUp(5);
    clock.advanceTo(1000);
    move(1000, true);
    clock.advanceTo(1000 + DELAY / 2);
    expect(shows).toEqual([]);
    clock.advanceTo(1000 + DELAY + 2 * FRAME);
    expect(shows).toHaveLength(1);
  });
});
