/**
 * The painter's schedule, on a fake document that logs every geometry read and every write to
 * our overlay: measuring happens right after a frame's layout (the ResizeObserver call), hit tests
 * once the frame is produced (a task asked for from the frame), reads all come before the writes
 * of their task (no layout forced between them), a page of many mentions is measured in several
 * slices, and only the mentions whose element the IntersectionObserver reports near the viewport
 * are measured. Time is a fake clock: each read costs 0.5 ms.
 */
import { afterEach, beforeEach, describe, expect, test, vi } from 'vitest';
import { createPainter, type OverlayLayer, type PageMention } from './painter';
import { fakeResizeObserver, type Observed } from '../../tests/unit/fixtures/resize-observer';

type Phase = 'task' | 'frame' | 'after-layout' | 'after-frame' | 'idle';
interface Event {
  kind: 'read' | 'write';
  /** For reads: a box measured, a hit test, the layer's origin. */
  what?: 'rects' | 'hit' | 'origin';
  phase: Phase;
  /** Which post-layout call (or other callback) it happened in. */
  call: number;
}

interface FakeOptions {
  /** What covers the page at a viewport point (default: nothing, the text's element is hit). */
  cover?: (x: number, y: number) => boolean;
  /** How long a hit test takes, by its index (default 0.5 ms). */
  hitMs?: (n: number) => number;
  /** Which of several elements (0, 1, ...) holds mention i's text (default: all in element 0). */
  homeOf?: (i: number) => number;
}

function fakePage(mentionCount: number, options: FakeOptions = {}) {
  let clock = 0;
  let phase: Phase = 'task';
  let call = 0;
  const log: Event[] = [];
  const read = (what: Event['what'], ms = 0.5) => {
    clock += ms;
    log.push({ kind: 'read', what, phase, call });
  };
  const write = () => log.push({ kind: 'write', phase, call });

  const frames: Array<() => void> = [];
  const afterFrames: Array<() => void> = [];
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
      isConnected: true,
      parentElement: null as unknown,
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
  const homeCount = options.homeOf
    ? Math.max(...Array.from({ length: mentionCount }, (_, i) => options.homeOf!(i))) + 1
    : 1;
  const article = makeEl();
  const parents = Array.from({ length: homeCount }, () => {
    const el = makeEl();
    el.parentElement = article;
    return el;
  });
  const parent = parents[0]!;
  const view = {
    innerHeight: 800,
    innerWidth: 1200,
    scrollX: 0,
    scrollY: 0,
    requestAnimationFrame: (fn: () => void) => (frames.push(fn), nextId++),
    cancelAnimationFrame: () => undefined,
    requestIdleCallback: (fn: () => void) => (idles.push(fn), nextId++),
    scheduler: {
      postTask: (fn: () => void) => {
        afterFrames.push(fn);
        return Promise.resolve();
      },
    },
    cancelIdleCallback: () => undefined,
    setTimeout: () => nextId++,
    clearTimeout: () => undefined,
    addEventListener: () => undefined,
    removeEventListener: () => undefined,
  };
  let at = 0;
  let hits = 0;
  const header = makeEl();
  const doc = {
    defaultView: view,
    visibilityState: 'visible',
    documentElement: makeEl(),
    body: makeEl(),
    addEventListener: () => undefined,
    removeEventListener: () => undefined,
    createElement: () => makeEl(),
    elementFromPoint: (x: number, y: number) => {
      read('hit', options.hitMs?.(hits++) ?? 0.5);
      if (options.cover?.(x, y)) return header;
      return parents[options.homeOf?.(Math.floor(y / 10)) ?? 0] ?? parent;
    },
    createRange: () => ({
      setStart: (_n: unknown, start: number) => {
        at = start;
      },
      setEnd: () => undefined,
      getClientRects: () => {
        read('rects');
        return [{ left: 0, top: at * 2, width: 40, height: 10 }];
      },
    }),
  };
  const overlay = makeEl();
  const layer = {
    overlay,
    host: makeEl(),
    origin: () => {
      read('origin');
      return { x: 0, y: 0 };
    },
  };
  vi.stubGlobal('ResizeObserver', fakeResizeObserver(observed));
  // The IntersectionObserver: every element observed is reported after the next frame (as the
  // browser does, in a task of its own), then again whenever `near` or `boxless` changes for it.
  let near: (el: unknown) => boolean = () => true;
  let boxless: (el: unknown) => boolean = () => false;
  const watched = new Map<unknown, string | null>();
  let reportTo: ((entries: IntersectionObserverEntry[]) => void) | null = null;
  vi.stubGlobal(
    'IntersectionObserver',
    class {
      constructor(fn: (entries: IntersectionObserverEntry[]) => void) {
        reportTo = fn;
      }
      observe(target: unknown) {
        watched.set(target, null);
      }
      unobserve(target: unknown) {
        watched.delete(target);
      }
      disconnect() {
        watched.clear();
      }
    },
  );
  const report = () => {
    const entries: IntersectionObserverEntry[] = [];
    for (const [target, last] of watched) {
      const size = boxless(target) ? 0 : 10;
      const now = `${near(target) && size > 0} ${size}`;
      if (now === last) continue;
      watched.set(target, now);
      entries.push({
        target,
        isIntersecting: near(target) && size > 0,
        boundingClientRect: { width: size, height: size },
      } as unknown as IntersectionObserverEntry);
    }
    if (entries.length > 0) reportTo?.(entries);
  };
  vi.spyOn(performance, 'now').mockImplementation(() => clock);

  const nodes = parents.map((parentElement) => ({
    isConnected: true,
    data: 'x'.repeat(mentionCount * 5 + 5),
    parentElement,
  }));
  const mentions: PageMention[] = Array.from({ length: mentionCount }, (_, i) => ({
    node: nodes[options.homeOf?.(i) ?? 0] as unknown as Text,
    start: i * 5,
    end: i * 5 + 4,
    entityId: `e${i % 7}`,
  }));

  /**
   * One frame: animation frame callbacks, layout, then the ResizeObserver's calls, then (the
   * frame produced) the tasks asked for during it.
   */
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
    phase = 'after-frame';
    for (const fn of afterFrames.splice(0)) {
      call++;
      fn();
    }
    phase = 'task';
    report();
  };
  const idle = () => {
    phase = 'idle';
    for (const fn of idles.splice(0)) fn();
    phase = 'task';
  };
  return {
    doc: doc as unknown as Document,
    layer: () => layer as unknown as OverlayLayer,
    overlay,
    mentions,
    parents,
    article,
    log,
    frame,
    idle,
    /** Which elements are near the viewport from now on (reported after the next frame). */
    setNear: (fn: (el: unknown) => boolean) => {
      near = fn;
    },
    /** Which elements have no box of their own (display: contents). */
    setBoxless: (fn: (el: unknown) => boolean) => {
      boxless = fn;
    },
    /** The observer's report, outside a frame (a tab hidden after it was reported on). */
    report,
    /** How many elements the IntersectionObserver watches. */
    observedCount: () => watched.size,
    /** The page's size changed (our observer of the document fires). */
    resized: () => {
      for (const o of observed.filter((o) => o.target === doc.documentElement)) o.fire();
    },
  };
}

/** Which of the mentions have a box drawn (each is 10 px tall, one under the other). */
function drawnOnes(painter: ReturnType<typeof createPainter>, count: number): number[] {
  return Array.from({ length: count }, (_, i) => i).filter(
    (i) => painter.fromPoint(20, i * 10 + 5) !== null,
  );
}

function settle(page: ReturnType<typeof fakePage>, painter: ReturnType<typeof createPainter>) {
  let frames = 0;
  for (; frames < 100 && painter.pending(); frames++) page.frame();
  return frames;
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
    // Every box measured in a post-layout call, none in the frame's callbacks, idle time or
    // tasks; every hit test once the frame is produced (right after layout, the first one would
    // do the page's pre-paint in our task).
    const reads = page.log.filter((e) => e.kind === 'read');
    const hits = reads.filter((e) => e.what === 'hit');
    expect(reads.length - hits.length).toBeGreaterThan(count);
    expect(new Set(reads.filter((e) => e.what !== 'hit').map((e) => e.phase))).toEqual(
      new Set(['after-layout']),
    );
    expect(hits.length).toBeGreaterThan(0);
    expect(new Set(hits.map((e) => e.phase))).toEqual(new Set(['after-frame']));
    // Within one call, no read after a write: nothing the slice wrote is laid out again by it.
    const calls = new Map<number, Event[]>();
    for (const e of page.log)
      if (e.phase === 'after-layout' || e.phase === 'after-frame')
        calls.set(e.call, [...(calls.get(e.call) ?? []), e]);
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
    const calls = new Set(page.log.filter((e) => e.what === 'rects').map((e) => e.call));
    // 200 mentions at 0.5 ms and more each, 8 ms slices: a dozen slices or more.
    expect(calls.size).toBeGreaterThanOrEqual(12);
    // One slice a frame, after the frame that reports the element near.
    expect(frames).toBe(calls.size + 1);
  });

  test('text covered by a fixed header is not underlined; the text below it is', () => {
    // A header over the top 100 px of the viewport.
    const page = fakePage(30, { cover: (_x, y) => y < 100 });
    const painter = createPainter(page.doc, page.layer, 'dotted');
    painter.paint(page.mentions[0]!.node, page.mentions);
    settle(page, painter);
    expect(painter.pending()).toBe(false);
    expect(drawnOnes(painter, 30)).toEqual(Array.from({ length: 20 }, (_, i) => i + 10));
  });

  test('hit tests slower than the slice: one a task, the rest wait for the next frame, keeping their boxes', () => {
    let slow = false;
    const page = fakePage(30, { hitMs: () => (slow ? 20 : 0.5) });
    let done = 0;
    const painter = createPainter(page.doc, page.layer, 'dotted', (first) => {
      if (!first) done++;
    });
    painter.paint(page.mentions[0]!.node, page.mentions);
    settle(page, painter);
    expect(drawnOnes(painter, 30)).toHaveLength(30);
    expect(done).toBe(1);
    // Every hit test is slow now (20 ms, more than a slice: a page of 100,000 nodes).
    slow = true;
    const from = page.log.length;
    page.resized();
    page.frame();
    const hitsPerCall = () => {
      const n = new Map<number, number>();
      for (const e of page.log.slice(from))
        if (e.what === 'hit') n.set(e.call, (n.get(e.call) ?? 0) + 1);
      return [...n.values()];
    };
    // One hit test in the frame's post-frame task, and every mention still underlined.
    expect(hitsPerCall()).toEqual([1]);
    expect(drawnOnes(painter, 30)).toHaveLength(30);
    expect(painter.pending()).toBe(true);
    // Each later frame checks one more: all are checked in the end, none lost on the way.
    const frames = settle(page, painter);
    expect(frames).toBeGreaterThanOrEqual(29);
    expect(hitsPerCall().every((n) => n === 1)).toBe(true);
    expect(drawnOnes(painter, 30)).toHaveLength(30);
    expect(done).toBe(2);
  });

  test('a mention measured again before its hit test is checked once, as last measured', () => {
    const page = fakePage(30, { hitMs: () => 20 });
    const painter = createPainter(page.doc, page.layer, 'dotted');
    painter.paint(page.mentions[0]!.node, page.mentions);
    settle(page, painter);
    const from = page.log.length;
    // The page changes size on each of 10 frames: each time, what is drawn is measured again.
    for (let i = 0; i < 10; i++) {
      page.resized();
      page.frame();
    }
    settle(page, painter);
    expect(painter.pending()).toBe(false);
    // One check a frame while it changes (10), then each mention's last measure once (30); a
    // queue of every measure would have held 300.
    const hits = page.log.slice(from).filter((e) => e.what === 'hit').length;
    expect(hits).toBeLessThanOrEqual(40);
    expect(drawnOnes(painter, 30)).toHaveLength(30);
  });

  test('a hidden tab measures in idle time (no frames come)', () => {
    const page = fakePage(5);
    (page.doc as unknown as { visibilityState: string }).visibilityState = 'hidden';
    const painter = createPainter(page.doc, page.layer, 'dotted');
    painter.paint(page.mentions[0]!.node, page.mentions);
    // No report comes in a hidden tab: nothing is measured, nothing waits.
    page.idle();
    expect(painter.pending()).toBe(false);
    expect(page.log.filter((e) => e.kind === 'read')).toHaveLength(0);
    // Reported near (before the tab was hidden): measured in idle time.
    page.report();
    expect(painter.pending()).toBe(true);
    page.idle();
    expect(painter.pending()).toBe(false);
    expect(new Set(page.log.filter((e) => e.kind === 'read').map((e) => e.phase))).toEqual(
      new Set(['idle']),
    );
  });
});

describe('painter: only what is near the viewport is measured', () => {
  beforeEach(() => vi.restoreAllMocks());
  afterEach(() => {
    vi.unstubAllGlobals();
    vi.restoreAllMocks();
  });
  /** Mention i is 10 px under mention i - 1; each group of 10 mentions has its own element. */
  const rects = (page: ReturnType<typeof fakePage>) =>
    page.log.filter((e) => e.what === 'rects').length;

  test('mentions of far elements are measured when their element comes near, never before', () => {
    const page = fakePage(60, { homeOf: (i) => Math.floor(i / 10) });
    let done = 0;
    const painter = createPainter(page.doc, page.layer, 'dotted', (first) => {
      if (!first) done++;
    });
    // Elements 0 and 1 are near the viewport, 2 to 5 far below it.
    const nearOnes = new Set(page.parents.slice(0, 2));
    page.setNear((el) => nearOnes.has(el as never));
    painter.paint(page.mentions[0]!.node, page.mentions);
    expect(painter.pending()).toBe(true); // the first report is still to come
    settle(page, painter);
    expect(done).toBe(1);
    expect(rects(page)).toBe(20);
    expect(drawnOnes(painter, 60)).toEqual(Array.from({ length: 20 }, (_, i) => i));
    // The reader scrolls: element 2 comes near, element 0 leaves.
    nearOnes.delete(page.parents[0]!);
    nearOnes.add(page.parents[2]!);
    page.frame();
    // Element 0's boxes go at once (nothing to measure); element 2's after the next layout.
    expect(drawnOnes(painter, 60)).toEqual(Array.from({ length: 10 }, (_, i) => i + 10));
    settle(page, painter);
    expect(rects(page)).toBe(30);
    expect(drawnOnes(painter, 60)).toEqual(Array.from({ length: 20 }, (_, i) => i + 10));
    expect(done).toBe(2);
  });

  test('a change of the page measures again what is near, not what is far', () => {
    const page = fakePage(60, { homeOf: (i) => Math.floor(i / 10) });
    const painter = createPainter(page.doc, page.layer, 'dotted');
    page.setNear((el) => el === page.parents[0]);
    painter.paint(page.mentions[0]!.node, page.mentions);
    settle(page, painter);
    expect(rects(page)).toBe(10);
    page.resized();
    settle(page, painter);
    // The full pass (and the urgent pass before it) read only element 0's ten mentions.
    expect(rects(page)).toBeGreaterThan(10);
    expect(rects(page)).toBeLessThanOrEqual(30);
    expect(drawnOnes(painter, 60)).toEqual(Array.from({ length: 10 }, (_, i) => i));
  });

  test('text in an element without a box of its own is measured by its nearest ancestor', () => {
    // display: contents: the element is reported with an empty box, never intersecting.
    const page = fakePage(12, { homeOf: (i) => (i < 6 ? 0 : 1) });
    const painter = createPainter(page.doc, page.layer, 'dotted');
    page.setBoxless((el) => el === page.parents[1]);
    page.setNear((el) => el !== page.parents[1]);
    painter.paint(page.mentions[0]!.node, page.mentions);
    settle(page, painter);
    expect(drawnOnes(painter, 12)).toEqual(Array.from({ length: 12 }, (_, i) => i));
  });

  test('mentions taken off the page stop their element being observed', () => {
    const page = fakePage(20, { homeOf: (i) => Math.floor(i / 10) });
    const painter = createPainter(page.doc, page.layer, 'dotted');
    page.setNear(() => false);
    painter.paint(page.mentions[0]!.node, page.mentions);
    settle(page, painter);
    expect(rects(page)).toBe(0);
    expect(page.observedCount()).toBe(2);
    painter.unpaint(page.mentions.slice(10));
    expect(page.observedCount()).toBe(1);
    page.setNear(() => true);
    page.frame();
    settle(page, painter);
    // Only element 0's mentions are measured: element 1 has none left.
    expect(rects(page)).toBe(10);
    expect(drawnOnes(painter, 20)).toEqual(Array.from({ length: 10 }, (_, i) => i));
    painter.clear();
    expect(page.observedCount()).toBe(0);
  });
});
