/**
 * Page side: how mentions are shown. Underlines are boxes drawn in our closed shadow root, over
 * the text, with no pointer events. The page's DOM is never changed and the page cannot list
 * them: the CSS Custom Highlight API was dropped because `CSS.highlights` is a page-visible
 * registry (iterating it tells the page which of its names the reader's corpus knows).
 *
 * Boxes are placed in document coordinates, so plain scrolling moves them with the text for
 * free. They are re-measured (one reused Range, `getClientRects`) in an animation frame after
 * anything that can move text: a paint, a resize of the document, a DOM change, a scroll of the
 * window or an inner scroller. Text that is not rendered has no client rects and gets no box;
 * text covered by something else (a fixed header, a clipped scroller) is not underlined.
 */

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
  /** Text may have moved: measure again in the next frame. */
  relayout(): void;
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

interface Painted {
  boxes: Box[];
  els: HTMLElement[];
}

export function createPainter(
  doc: Document,
  layer: () => OverlayLayer,
  initialStyle: HighlightStyle,
): Painter {
  const view = doc.defaultView!;
  const painted = new Map<PageMention, Painted>();
  let style = initialStyle;
  let active: PageMention | null = null;
  let frame = 0;
  let mounted: OverlayLayer | null = null;
  const listeners: Array<() => void> = [];
  let resizeObserver: ResizeObserver | null = null;

  const schedule = () => {
    if (frame || painted.size === 0) return;
    frame = view.requestAnimationFrame(() => {
      frame = 0;
      layout();
    });
  };

  const mount = (): OverlayLayer => {
    if (mounted) return mounted;
    mounted = layer();
    mounted.overlay.dataset.style = style;
    const opts = { capture: true, passive: true } as const;
    const on = (target: EventTarget, type: string) => {
      target.addEventListener(type, schedule, opts);
      listeners.push(() => target.removeEventListener(type, schedule, opts));
    };
    // Scrolls of inner scrollers do not bubble, but a capturing listener hears them.
    on(doc, 'scroll');
    on(view, 'resize');
    on(doc, 'load'); // images and fonts arriving move text
    resizeObserver = new ResizeObserver(schedule);
    resizeObserver.observe(doc.documentElement);
    if (doc.body) resizeObserver.observe(doc.body);
    return mounted;
  };

  const range = doc.createRange();
  const measure = (m: PageMention, origin: { x: number; y: number }): Box[] => {
    const len = m.node.data.length;
    if (!m.node.isConnected || m.end > len) return [];
    range.setStart(m.node, m.start);
    range.setEnd(m.node, m.end);
    const boxes: Box[] = [];
    for (const r of range.getClientRects()) {
      if (r.width < 1 || r.height < 1) continue;
      if (!visibleAt(m.node, r)) continue;
      boxes.push({
        left: r.left + view.scrollX - origin.x,
        top: r.top + view.scrollY - origin.y,
        width: r.width,
        height: r.height,
      });
    }
    return boxes;
  };

  /** Text covered by another element, or clipped away, is not underlined. */
  const visibleAt = (node: Text, r: DOMRect): boolean => {
    const cx = r.left + r.width / 2;
    const cy = r.top + r.height / 2;
    // Off screen: cannot be hit-tested; re-measured when it scrolls into view.
    if (cx < 0 || cy < 0 || cx > view.innerWidth || cy > view.innerHeight) return true;
    const hit = doc.elementFromPoint(cx, cy);
    const parent = node.parentElement;
    if (!hit || !parent) return false;
    if (hit === mounted?.host) return true;
    return hit === parent || parent.contains(hit) || hit.contains(parent);
  };

  const draw = (m: PageMention, p: Painted) => {
    const overlay = mount().overlay;
    while (p.els.length > p.boxes.length) p.els.pop()!.remove();
    while (p.els.length < p.boxes.length) {
      const el = doc.createElement('div');
      el.className = 'u';
      overlay.append(el);
      p.els.push(el);
    }
    p.boxes.forEach((b, i) => {
      const el = p.els[i]!;
      el.style.cssText = `left:${b.left}px;top:${b.top}px;width:${b.width}px;height:${b.height}px`;
      el.classList.toggle('active', m === active);
    });
  };

  const layout = () => {
    if (painted.size === 0) return;
    const origin = mount().origin();
    for (const [m, p] of painted) {
      p.boxes = measure(m, origin);
      draw(m, p);
    }
  };

  const forget = (m: PageMention) => {
    const p = painted.get(m);
    if (!p) return;
    for (const el of p.els) el.remove();
    painted.delete(m);
  };

  return {
    paint(_node, mentions) {
      for (const m of mentions) painted.set(m, { boxes: [], els: [] });
      schedule();
    },
    unpaint(mentions) {
      for (const m of mentions) {
        if (m === active) active = null;
        forget(m);
      }
    },
    fromPoint(x, y) {
      if (painted.size === 0) return null;
      const origin = mounted?.origin() ?? { x: 0, y: 0 };
      const dx = x + view.scrollX - origin.x;
      const dy = y + view.scrollY - origin.y;
      for (const [m, p] of painted) {
        for (const b of p.boxes) {
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
    setStyle(next) {
      style = next;
      if (mounted) mounted.overlay.dataset.style = next;
    },
    relayout: schedule,
    clear() {
      for (const m of [...painted.keys()]) forget(m);
      active = null;
      if (frame) view.cancelAnimationFrame(frame);
      frame = 0;
      for (const off of listeners.splice(0)) off();
      resizeObserver?.disconnect();
      resizeObserver = null;
      mounted = null;
    },
  };
}
