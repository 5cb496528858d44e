/**
 * The painter's schedule, on a fake document that logs every geometry read and every write to
 * our overlay: measuring happens right after a frame's layout (the ResizeObserver call), reads
 * all come before the writes of their slice (no layout forced between them), and a page of many
 * mentions is measured in several slices. Time is a fake clock: each read costs 0.5 ms.
 */
import { afterEach, beforeEach, describe, expect, test, vi } from 'vitest';
import { createPainter, type OverlayLayer, type PageMention } from './painter';
import { fakeResizeObserver, type Observed } from '../../tests/unit/fixtures/resize-observer';

type Phase = 'task' | 'frame' | 'after-layout' | 'idle';
interface Event {
  kind: 'read' | 'write';
  phase: Phase;
  /** Which post-layout call (or other callback) it happened in. */
  call: number;
}

function fakePage(mentionCount: number) {
  let clock = 0;
  let phase: Phase = 'task';
  let call = 0;
  const log: Event[] = [];
  const read = () => {
    clock += 0.5;
    log.push({ kind: 'read', phase, call });
  };
  const write = () => log.push({ kind: 'write', phase, call });

  const frames: Array<() => void> = [];
  const idles: Array<() => void> = [];
  const observed: Observed[] = [];
  let nextId = 1;

  const makeEl = (): Record<string, unknown> => {
    const el: Record<string, unknown> = {
      className: '',
      parentNode: null as unknown,
      dataset: {},
      classList: {
        contains: () => false,
        toggle: () => write(),
      },
      remove: () => write(),
      append(...kids: Array<Record<string, unknown>>) {
        for (const k of kids) k.parentNode = el;
        write();
      },
      contains: (other: unknown) => other === el,
    };
    let css = '';
    el.style = {
      get cssText() {
        return css;
      },
      set cssText(v: string) {
        css = v;
        write();
      },
    };
    return el;
  };
  const parent = makeEl();
  const view = {
    innerHeight: 800,
    innerWidth: 1200,
    scrollX: 0,
    scrollY: 0,
    requestAnimationFrame: (fn: () => void) => (frames.push(fn), nextId++),
    cancelAnimationFrame: () => undefined,
    requestIdleCallback: (fn: () => void) => (idles.push(fn), nextId++),
    cancelIdleCallback: () => undefined,
    setTimeout: () => nextId++,
    clearTimeout: () => undefined,
    addEventListener: () => undefined,
    removeEventListener: () => undefined,
  };
  let at = 0;
  const doc = {
    defaultView: view,
    visibilityState: 'visible',
    documentElement: makeEl(),
    body: makeEl(),
    addEventListener: () => undefined,
    removeEventListener: () => undefined,
    createElement: () => makeEl(),
    elementFromPoint: () => {
      read();
      return parent;
    },
    createRange: () => ({
      setStart: (_n: unknown, start: number) => {
        at = start;
      },
      setEnd: () => undefined,
      getClientRects: () => {
        read();
        return [{ left: 0, top: at * 2, width: 40, height: 10 }];
      },
    }),
  };
  const overlay = makeEl();
  const layer = {
    overlay,
    host: makeEl(),
    origin: () => {
      read();
      return { x: 0, y: 0 };
    },
  };
  vi.stubGlobal('ResizeObserver', fakeResizeObserver(observed));
  vi.spyOn(performance, 'now').mockImplementation(() => clock);

  const node = {
    isConnected: true,
    data: 'x'.repeat(mentionCount * 5 + 5),
    parentElement: parent,
  };
  const mentions: PageMention[] = Array.from({ length: mentionCount }, (_, i) => ({
    node: node as unknown as Text,
    start: i * 5,
    end: i * 5 + 4,
    entityId: `e${i % 7}`,
  }));

  /** One frame: animation frame callbacks, layout, then the ResizeObserver's calls. */
  const frame = () => {
    phase = 'frame';
    for (const fn of frames.splice(0)) fn();
    // Layout happens here; then observations of elements we observe freshly are delivered.
    phase = 'after-layout';
    const due = observed.filter(
      (o) => (o.target as { className?: string }).className === 'sentinel',
    );
    for (const o of due) {
      call++;
      o.fire();
    }
    // An observation is delivered once until the element is observed again.
    for (const o of due) observed.splice(observed.indexOf(o), 1);
    phase = 'task';
  };
  const idle = () => {
    phase = 'idle';
    for (const fn of idles.splice(0)) fn();
    phase = 'task';
  };
  return {
    doc: doc as unknown as Document,
    layer: () => layer as unknown as OverlayLayer,
    mentions,
    log,
    frame,
    idle,
  };
}

describe('painter schedule', () => {
  beforeEach(() => vi.restoreAllMocks());
  afterEach(() => {
    vi.unstubAllGlobals();
    vi.restoreAllMocks();
  });

  test.each([1, 40, 200])('%i mentions: measured after layout, reads before writes', (count) => {
    const page = fakePage(count);
    let done = 0;
    const painter = createPainter(page.doc, page.layer, 'dotted', (first) => {
      if (!first) done++;
    });
    painter.paint(page.mentions[0]!.node, page.mentions);
    // Nothing is read in the task that asked for the underlines.
    expect(page.log.filter((e) => e.kind === 'read')).toHaveLength(0);
    for (let i = 0; i < 100 && painter.pending(); i++) page.frame();
    expect(painter.pending()).toBe(false);
    expect(done).toBe(1);
    // Every read in a post-layout call, none in the frame's callbacks, idle time or tasks.
    const reads = page.log.filter((e) => e.kind === 'read');
    expect(reads.length).toBeGreaterThan(count);
    expect(new Set(reads.map((e) => e.phase))).toEqual(new Set(['after-layout']));
    // Within one call, no read after a write: nothing the slice wrote is laid out again by it.
    const calls = new Map<number, Event[]>();
    for (const e of page.log)
      if (e.phase === 'after-layout') calls.set(e.call, [...(calls.get(e.call) ?? []), e]);
    for (const events of calls.values()) {
      const firstWrite = events.findIndex((e) => e.kind === 'write');
      if (firstWrite >= 0)
        expect(events.slice(firstWrite).some((e) => e.kind === 'read')).toBe(false);
    }
    // Each mention got its box: one element each.
    expect(page.log.filter((e) => e.kind === 'write').length).toBeGreaterThanOrEqual(count);
  });

  test('many mentions are measured in several slices, one per frame', () => {
    const page = fakePage(200);
    const painter = createPainter(page.doc, page.layer, 'dotted');
    painter.paint(page.mentions[0]!.node, page.mentions);
    let frames = 0;
    while (painter.pending() && frames < 100) {
      page.frame();
      frames++;
    }
    const calls = new Set(page.log.filter((e) => e.kind === 'read').map((e) => e.call));
    // 200 mentions at 0.5 ms and more each, 8 ms slices: a dozen slices or more.
    expect(calls.size).toBeGreaterThanOrEqual(12);
    expect(frames).toBe(calls.size);
  });

  test('a hidden tab measures in idle time (no frames come)', () => {
    const page = fakePage(5);
    (page.doc as unknown as { visibilityState: string }).visibilityState = 'hidden';
    const painter = createPainter(page.doc, page.layer, 'dotted');
    painter.paint(page.mentions[0]!.node, page.mentions);
    page.idle();
    expect(painter.pending()).toBe(false);
    expect(new Set(page.log.filter((e) => e.kind === 'read').map((e) => e.phase))).toEqual(
      new Set(['idle']),
    );
  });
});
