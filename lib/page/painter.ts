/**
 * Page side: how mentions are shown. Underlines are boxes drawn in our closed shadow root, over
 * the text, with no pointer events. The page's DOM is never changed and the page cannot list
 * them: the CSS Custom Highlight API was dropped because `CSS.highlights` is a page-visible
 * registry (iterating it tells the page which of its names the reader's corpus knows).
 *
 * Boxes are placed in document coordinates, so plain scrolling moves them with the text for
 * free. They are measured (one reused Range, `getClientRects`) right after the browser has laid
 * the page out for a frame, in slices of a few milliseconds, after anything that can move text:
 * a paint, a resize of the window or the document (which most DOM changes cause), an image load.
 * A slice reads every box first and writes the overlay after, so it never forces a layout: on a
 * page that keeps changing, reading geometry at any other moment would make the browser lay the
 * whole page out inside our task (100 ms and more on a big page). Only mentions near the
 * viewport are measured and have box elements: an IntersectionObserver on each mention's element
 * (the browser computes it with its own layout, so it forces nothing) says which elements are
 * within a viewport height of it, and the mentions of an element are measured when it comes near
 * (a reader sees a few screens, a long page has hundreds of names far below). So a page with
 * 50,000 mentions keeps a small overlay and measures what is read; at the end of a scroll what
 * has boxes is measured again (text in fixed elements moved, something may cover it).
 * Text that is not rendered has no client rects and gets no box; text covered by something else
 * (a fixed header, a clipped scroller) is not underlined: on screen, a hit test at the text must
 * find its element. Hit tests run once the frame is produced, not after layout: a hit test brings
 * the whole rendering up to date first, and right after layout the page's pre-paint is still to
 * do (on a page that just took thousands of nodes, tens of ms inside our task).
 */
import { afterFrame, createAfterLayout } from './after-layout';

export interface PageMention {
  node: Text;
  start: number;
  end: number;
  entityId: string;
}

export type HighlightStyle = 'dotted' | 'solid' | 'background' | 'none';

export interface Painter {
  paint(node: Text, mentions: PageMention[]): void;
  unpaint(mentions: readonly PageMention[]): void;
  /** The mention under a viewport point, or null. */
  fromPoint(x: number, y: number): PageMention | null;
  setActive(m: PageMention | null): void;
  setStyle(style: HighlightStyle): void;
  /** Mentions are waiting to be measured. */
  pending(): boolean;
  /** Work done so far (benchmarks): mentions measured, hit tests made. */
  readonly counts: { measured: number; hitTests: number };
  clear(): void;
}

/** Where boxes go: a layer inside the closed shadow root, created on first use. */
export interface OverlayLayer {
  overlay: HTMLElement;
  /** Our host element: what `elementFromPoint` returns over our own card. */
  host: HTMLElement;
  /** Document coordinates of the layer's origin. */
  origin(): { x: number; y: number };
}

/** Styles for the overlay, injected into the shadow root with the card's. */
export const OVERLAY_CSS = `
.overlay { position: absolute; left: 0; top: 0; width: 0; height: 0; pointer-events: none; }
.u { position: absolute; box-sizing: border-box; pointer-events: none; margin: 0; padding: 0; }
.overlay[data-style='dotted'] .u { border-bottom: 2px dotted #3a7bd5; }
.overlay[data-style='solid'] .u { border-bottom: 1px solid #3a7bd5; }
.overlay[data-style='background'] .u { background: rgba(255, 214, 0, 0.3); }
.overlay[data-style='none'] .u { display: none; }
.sentinel {
  position: absolute; left: 0; top: 0; width: 1px; height: 1px; visibility: hidden;
}
.overlay .u.active {
  display: block;
  background: rgba(58, 123, 213, 0.22);
  border-bottom: 2px solid #3a7bd5;
}
`;

interface Box {
  /** Document coordinates. */
  left: number;
  top: number;
  width: number;
  height: number;
}

/** A box measured on screen, and the viewport point to hit-test (null: off screen, no test). */
interface Measured {
  box: Box;
  probe: { x: number; y: number } | null;
}

/** The viewport's size, and the offset from viewport to overlay coordinates. */
interface Viewport {
  width: number;
  height: number;
  left: number;
  top: number;
}

/** A mention measured after layout, whose on-screen boxes wait for their hit tests. */
interface Check {
  rects: Measured[];
  parent: Element | null;
  /** The band around the viewport when measured, and the scroll count then. */
  band: { top: number; bottom: number };
  scrolls: number;
}

interface Painted {
  /** The element whose nearness to the viewport decides when the mention is measured. */
  home: Element | null;
  boxes: Box[];
  els: HTMLElement[];
  /** The style last written to each element. */
  css: string[];
}

/** Measuring yields after this much work in one frame, like the scan. */
const SLICE_MS = 8;
/** Everything is measured again at most this often while the document keeps changing size. */
const FULL_RELAYOUT_MS = 500;
/** Boxes exist only within this many viewport heights above and below the viewport. */
const BAND_SCREENS = 1;

/**
 * `onPainted(true)` when the first box is drawn, `onPainted(false)` each time every queued
 * mention has been measured (benchmarks time start-up with it).
 */
// eslint-disable-next-line max-lines-per-function -- a closure over the painter's state (queue, boxes, observers); its steps are the inner functions
export function createPainter(
  doc: Document,
  layer: () => OverlayLayer,
  initialStyle: HighlightStyle,
  onPainted?: (first: boolean) => void,
): Painter {
  const view = doc.defaultView!;
  const painted = new Map<PageMention, Painted>();
  /** Mentions with box elements in the overlay (those near the viewport). */
  const drawn = new Set<PageMention>();
  let style = initialStyle;
  let active: PageMention | null = null;
  let frame = 0;
  let mounted: OverlayLayer | null = null;
  const listeners: Array<() => void> = [];
  let resizeObserver: ResizeObserver | null = null;

  // Which mentions are near the viewport, by their element (see `watch`).
  const homes = new Map<Element, Set<PageMention>>();
  /** Mentions whose element is near the viewport: the ones measured (and measured again). */
  const inBand = new Set<PageMention>();
  /** Elements observed and not yet reported on: their mentions may be near. */
  const unreported = new Set<Element>();
  /** Elements last reported near the viewport. */
  const nearHomes = new Set<Element>();
  let intersections: IntersectionObserver | null = null;

  // Work for the next frames: mentions to measure, the urgent ones (near the viewport) first,
  // then the newly painted ones, then a pass over all of them (a Map iterator: it sees what is
  // painted meanwhile and skips what is gone, and a pass can span many slices).
  let queue: PageMention[] = [];
  let head = 0;
  const queued = new Set<PageMention>();
  let urgent: PageMention[] = [];
  let remeasureNear = false;
  let fullPass: Iterator<PageMention> | null = null;
  let fullAgain = false;
  let firstDrawn = false;
  // Hit tests run after the frame (see `check`): the mentions waiting for them, and the task.
  /** By mention: measured again before its check, a mention is checked once, as last measured. */
  const checks = new Map<PageMention, Check>();
  let checkTask: (() => void) | null = null;
  /** Scroll events seen: a probe point measured before a scroll no longer points at its text. */
  let scrolls = 0;

  // Measuring reads layout, so it runs right after the browser has laid out a frame
  // (lib/page/after-layout.ts): at any other moment a page that changed since the last frame
  // would be laid out inside our task. Scrolling only moves boxes in and out of the band around
  // the viewport, from what is known: no measuring in the frame.
  const afterLayout = createAfterLayout(
    doc,
    () => mount().overlay,
    () => work(),
  );
  let origin = { x: 0, y: 0 };
  const scheduled = () => afterLayout.pending();
  const schedule = () => {
    if (scheduled() || painted.size === 0) return;
    afterLayout.request();
  };
  const scheduleFrame = () => {
    if (frame || painted.size === 0) return;
    frame = view.requestAnimationFrame(() => {
      frame = 0;
      rebanded();
    });
  };
  const enqueue = (m: PageMention) => {
    if (queued.has(m)) return;
    queued.add(m);
    queue.push(m);
  };
  /**
   * Text may have moved anywhere: measure again what is near the viewport now, and everything
   * in slices, at most every FULL_RELAYOUT_MS: a page growing without pause (a feed filling in,
   * a flood of nodes) would otherwise have every mention measured again on each of its changes.
   */
  let relayoutTimer = 0;
  let lastFullRelayout = Number.NEGATIVE_INFINITY;
  const relayoutAll = () => {
    remeasureNear = true;
    schedule();
    if (relayoutTimer) return;
    const wait = Math.max(0, lastFullRelayout + FULL_RELAYOUT_MS - performance.now());
    relayoutTimer = view.setTimeout(() => {
      relayoutTimer = 0;
      // A pass still running finishes first (restarting it would starve its tail); one more
      // follows it.
      if (fullPass) {
        fullAgain = true;
        return;
      }
      lastFullRelayout = performance.now();
      fullPass = inBand.values();
      schedule();
    }, wait);
  };
  // While scrolling, boxes (in document coordinates) stay right: only which of them have
  // elements changes. When it ends, what is near the viewport is measured again, for text in
  // fixed elements and inner scrollers and for what now covers it.
  const onScroll = () => {
    scrolls++;
    scheduleFrame();
  };
  const onScrollEnd = () => {
    remeasureNear = true;
    schedule();
  };

  const mount = (): OverlayLayer => {
    if (mounted) return mounted;
    mounted = layer();
    mounted.overlay.dataset.style = style;
    const opts = { capture: true, passive: true } as const;
    const on = (target: EventTarget, type: string, fn: () => void) => {
      target.addEventListener(type, fn, opts);
      listeners.push(() => target.removeEventListener(type, fn, opts));
    };
    // Scrolls of inner scrollers do not bubble, but a capturing listener hears them.
    on(doc, 'scroll', onScroll);
    on(doc, 'scrollend', onScrollEnd);
    on(view, 'resize', relayoutAll);
    on(doc, 'load', relayoutAll); // images arriving move text
    resizeObserver = new ResizeObserver(relayoutAll);
    resizeObserver.observe(doc.documentElement);
    if (doc.body) resizeObserver.observe(doc.body);
    return mounted;
  };

  const band = () => {
    const h = view.innerHeight * BAND_SCREENS;
    return {
      top: view.scrollY - origin.y - h,
      bottom: view.scrollY - origin.y + view.innerHeight + h,
    };
  };
  const near = (p: Painted, b: { top: number; bottom: number }) =>
    p.boxes.some((x) => x.top + x.height >= b.top && x.top <= b.bottom);

  const counts = { measured: 0, hitTests: 0 };
  const range = doc.createRange();
  /** The mention's boxes, each with the point to hit-test if it is on screen (reads layout only). */
  const measure = (m: PageMention, at: Viewport): Measured[] => {
    const len = m.node.data.length;
    if (!m.node.isConnected || m.end > len) return [];
    counts.measured++;
    range.setStart(m.node, m.start);
    range.setEnd(m.node, m.end);
    const out: Measured[] = [];
    for (const r of range.getClientRects()) {
      if (r.width < 1 || r.height < 1) continue;
      const x = r.left + r.width / 2;
      const y = r.top + r.height / 2;
      // Off screen: cannot be hit-tested; checked again when it scrolls into view.
      const onScreen = x >= 0 && y >= 0 && x <= at.width && y <= at.height;
      out.push({
        box: {
          left: r.left + at.left,
          top: r.top + at.top,
          width: r.width,
          height: r.height,
        },
        probe: onScreen ? { x, y } : null,
      });
    }
    return out;
  };
  /**
   * Text covered by another element (a fixed header, a clipped scroller) is not underlined: what
   * the page shows at the text's point must be its element (or our card). One hit test per
   * element and line, so a flood of names on one line costs one test.
   */
  const visibleAt = (
    parent: Element | null,
    probe: { x: number; y: number },
    memo: Map<Element, Map<number, boolean>>,
  ): boolean => {
    if (!parent) return false;
    let lines = memo.get(parent);
    if (!lines) memo.set(parent, (lines = new Map()));
    const line = Math.round(probe.y);
    const known = lines.get(line);
    if (known !== undefined) return known;
    counts.hitTests++;
    const hit = doc.elementFromPoint(probe.x, probe.y);
    const visible =
      !!hit &&
      (hit === mounted?.host || hit === parent || parent.contains(hit) || hit.contains(parent));
    lines.set(line, visible);
    return visible;
  };

  /**
   * Measuring waits for the mention's element to come near the viewport. The observer reports
   * each element when observed and whenever it crosses the band (a viewport height above and
   * below, as boxes are kept), after a layout of the browser's own; no geometry is read here.
   */
  const watch = (m: PageMention, home: Element | null) => {
    if (!home) {
      // No element (text at the top of a shadow root): measured at once, as any near text.
      inBand.add(m);
      enqueue(m);
      return;
    }
    let set = homes.get(home);
    if (!set) {
      homes.set(home, (set = new Set()));
      unreported.add(home);
      observer().observe(home);
    } else if (nearHomes.has(home)) {
      inBand.add(m);
      enqueue(m);
    }
    set.add(m);
  };
  const unwatch = (m: PageMention, p: Painted) => {
    inBand.delete(m);
    const set = p.home && homes.get(p.home);
    if (!set) return;
    set.delete(m);
    if (set.size > 0) return;
    homes.delete(p.home!);
    unreported.delete(p.home!);
    nearHomes.delete(p.home!);
    intersections?.unobserve(p.home!);
  };
  const observer = () => {
    if (intersections) return intersections;
    const margin = `${BAND_SCREENS * 100}%`;
    intersections = new IntersectionObserver(onIntersections, {
      rootMargin: `${margin} 0px ${margin} 0px`,
    });
    return intersections;
  };
  const onIntersections = (entries: IntersectionObserverEntry[]) => {
    for (const e of entries) {
      const el = e.target;
      unreported.delete(el);
      const set = homes.get(el);
      if (!set) continue;
      if (e.isIntersecting) {
        nearHomes.add(el);
        for (const m of set) {
          if (inBand.has(m)) continue;
          inBand.add(m);
          enqueue(m);
        }
        continue;
      }
      nearHomes.delete(el);
      const r = e.boundingClientRect;
      const up = el.parentElement;
      if (el.isConnected && r.width === 0 && r.height === 0 && up) {
        // No box of its own (display: contents, or not rendered): its text is laid out, if at
        // all, in an ancestor's box, which says when it is near.
        homes.delete(el);
        intersections?.unobserve(el);
        for (const m of set) {
          const p = painted.get(m);
          if (!p) continue;
          p.home = up;
          watch(m, up);
        }
        continue;
      }
      for (const m of set) {
        inBand.delete(m);
        const p = painted.get(m);
        if (p && p.els.length > 0) undraw(m, p);
      }
    }
    next();
  };

  const undraw = (m: PageMention, p: Painted) => {
    for (const el of p.els) el.remove();
    p.els = [];
    p.css = [];
    drawn.delete(m);
  };
  const draw = (m: PageMention, p: Painted, b: { top: number; bottom: number }) => {
    if (!near(p, b)) return undraw(m, p);
    const overlay = mount().overlay;
    while (p.els.length > p.boxes.length) p.els.pop()!.remove();
    p.css.length = Math.min(p.css.length, p.els.length);
    while (p.els.length < p.boxes.length) {
      const el = doc.createElement('div');
      el.className = 'u';
      overlay.append(el);
      p.els.push(el);
    }
    p.boxes.forEach((x, i) => {
      const el = p.els[i]!;
      // Unchanged boxes are not written: each write would invalidate the overlay's style.
      const css = `left:${x.left}px;top:${x.top}px;width:${x.width}px;height:${x.height}px`;
      if (p.css[i] !== css) el.style.cssText = p.css[i] = css;
      if (el.classList.contains('active') !== (m === active))
        el.classList.toggle('active', m === active);
    });
    if (p.els.length > 0) {
      if (drawn.size === 0 && !firstDrawn) {
        firstDrawn = true;
        onPainted?.(true);
      }
      drawn.add(m);
    } else drawn.delete(m);
  };

  /** The viewport moved: what came near it gets elements, what left loses them. */
  const rebanded = () => {
    const b = band();
    for (const m of inBand) {
      const p = painted.get(m);
      if (!p) continue;
      if (!near(p, b)) {
        if (p.els.length > 0) undraw(m, p);
      } else if (p.els.length === 0 && p.boxes.length > 0) draw(m, p, b);
    }
  };

  /** Writes the boxes of what was measured and checked. */
  const drawAll = (decided: Array<[PageMention, Box[]]>, b: { top: number; bottom: number }) => {
    for (const [m, boxes] of decided) {
      const p = painted.get(m);
      if (!p) continue;
      p.boxes = boxes;
      draw(m, p, b);
    }
  };

  /**
   * The hit tests of the mentions measured on screen, while `inBudget` (always the first one:
   * progress). A hit test brings the page's rendering up to date first: right after layout (where
   * measuring runs) the page's pre-paint is still to do, and the first test did it inside our task
   * (tens of ms on a page that just took thousands of nodes), so they run once the frame is
   * produced. One hit test costs milliseconds on a page of 100,000 nodes, so the clock is read
   * after each mention: a slow one ends the task. What is not checked keeps the boxes it has (not
   * hidden) and waits for the next frame; what the page scrolled since it was measured is
   * measured again.
   */
  const hitTests = (inBudget: () => boolean): Array<[PageMention, Box[]]> => {
    const memo = new Map<Element, Map<number, boolean>>();
    const decided: Array<[PageMention, Box[]]> = [];
    for (const [m, c] of checks) {
      if (decided.length > 0 && !inBudget()) break;
      checks.delete(m);
      if (!painted.has(m)) continue;
      if (c.scrolls !== scrolls) {
        urgent.push(m);
        continue;
      }
      const boxes = c.rects
        .filter((r) => !r.probe || visibleAt(c.parent, r.probe, memo))
        .map((r) => r.box);
      decided.push([m, boxes]);
    }
    return decided;
  };
  const askCheck = () => {
    if (checkTask || checks.size === 0) return;
    checkTask = afterFrame(view, check);
  };
  /** The post-frame task: hit tests (reads), then the boxes (writes). */
  const check = () => {
    checkTask = null;
    const first = checks.values().next().value;
    if (first) {
      const start = performance.now();
      drawAll(
        hitTests(() => performance.now() - start < SLICE_MS),
        first.band,
      );
    }
    // The rest after the next frame: a slice asks for them from there.
    if (checks.size > 0) schedule();
    next();
  };
  /** Asks for the next slice, or says that everything is measured and checked. */
  const next = () => {
    if (pendingWork()) schedule();
    else if (checks.size === 0 && !checkTask && !awaitingReports()) onPainted?.(false);
  };

  /**
   * One slice: measure (reads only: the layout stays clean), then draw what was measured (writes
   * only), at most SLICE_MS, then the next slice in a later frame. What is on screen waits for
   * its hit test (`check`), asked for here, after the frame.
   */
  const work = () => {
    if (painted.size === 0) return;
    const start = performance.now();
    const inBudget = () => performance.now() - start < SLICE_MS;
    origin = mount().origin();
    const b = band();
    // Read once a slice (the slice writes nothing before its reads end, so none of it moves).
    const at: Viewport = {
      width: view.innerWidth,
      height: view.innerHeight,
      left: view.scrollX - origin.x,
      top: view.scrollY - origin.y,
    };
    const parentOf = (m: PageMention) => m.node.parentElement;
    const measured: Array<[PageMention, Box[]]> = [];
    const read = (m: PageMention) => {
      // Gone, or its element left the band since it was queued (measured when it comes back).
      if (!painted.has(m) || !inBand.has(m)) return;
      const rects = measure(m, at);
      if (rects.every((r) => !r.probe)) measured.push([m, rects.map((r) => r.box)]);
      else checks.set(m, { rects, parent: parentOf(m), band: b, scrolls });
    };
    if (remeasureNear) {
      // After a scroll or a resize: what has boxes drawn first (what is near the viewport; text
      // in fixed elements and inner scrollers moved, something else may cover it now).
      remeasureNear = false;
      urgent = [...new Set([...urgent, ...drawn])];
    }
    while (urgent.length > 0 && inBudget()) read(urgent.pop()!);
    while (head < queue.length && inBudget()) {
      const m = queue[head++]!;
      queued.delete(m);
      read(m);
    }
    if (head >= queue.length) {
      queue = [];
      head = 0;
    }
    // The clock is read after every mention: on a page of 100,000 nodes one read can cost 0.5 ms,
    // so a batch of reads between two looks at the clock was a long task.
    while (fullPass && inBudget()) {
      const next = fullPass.next();
      if (next.done) {
        fullPass = null;
        if (fullAgain) {
          fullAgain = false;
          relayoutAll();
        }
        break;
      }
      read(next.value);
    }
    // A hidden tab has no frames: nothing is shown, the checks run here.
    if (doc.visibilityState === 'hidden') {
      measured.push(...hitTests(inBudget));
      if (checks.size > 0) schedule();
    } else askCheck();
    drawAll(measured, b);
    next();
  };
  /** Elements the observer has still to report on (none come in a hidden tab: nothing shows). */
  const awaitingReports = () => unreported.size > 0 && doc.visibilityState !== 'hidden';
  const pendingWork = () => urgent.length > 0 || head < queue.length || fullPass !== null;

  const forget = (m: PageMention) => {
    const p = painted.get(m);
    if (!p) return;
    undraw(m, p);
    unwatch(m, p);
    painted.delete(m);
    queued.delete(m);
  };

  return {
    paint(_node, mentions) {
      for (const m of mentions) {
        const home = m.node.parentElement;
        painted.set(m, { home, boxes: [], els: [], css: [] });
        watch(m, home);
      }
      // What is near is measured now; the rest when the observer says it is.
      if (pendingWork()) schedule();
    },
    unpaint(mentions) {
      for (const m of mentions) {
        if (m === active) active = null;
        forget(m);
      }
    },
    fromPoint(x, y) {
      if (drawn.size === 0) return null;
      const dx = x + view.scrollX - origin.x;
      const dy = y + view.scrollY - origin.y;
      for (const m of drawn) {
        for (const b of painted.get(m)?.boxes ?? []) {
          if (dx >= b.left && dx <= b.left + b.width && dy >= b.top && dy <= b.top + b.height)
            return m;
        }
      }
      return null;
    },
    setActive(m) {
      const before = active;
      active = m && painted.has(m) ? m : null;
      for (const x of [before, active]) {
        const p = x && painted.get(x);
        if (p) for (const el of p.els) el.classList.toggle('active', x === active);
      }
    },
    counts,
    pending: () =>
      scheduled() || pendingWork() || checks.size > 0 || checkTask !== null || awaitingReports(),
    setStyle(next) {
      style = next;
      if (mounted) mounted.overlay.dataset.style = next;
    },
    clear() {
      for (const m of [...painted.keys()]) forget(m);
      active = null;
      queue = [];
      head = 0;
      urgent = [];
      remeasureNear = false;
      fullPass = null;
      fullAgain = false;
      checks.clear();
      checkTask?.();
      checkTask = null;
      if (frame) view.cancelAnimationFrame(frame);
      frame = 0;
      afterLayout.dispose();
      if (relayoutTimer) view.clearTimeout(relayoutTimer);
      relayoutTimer = 0;
      for (const off of listeners.splice(0)) off();
      resizeObserver?.disconnect();
      resizeObserver = null;
      intersections?.disconnect();
      intersections = null;
      homes.clear();
      inBand.clear();
      unreported.clear();
      nearHomes.clear();
      mounted = null;
    },
  };
}
