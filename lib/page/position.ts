/**
 * Page side: places the card next to a mention, below it, or above it when there is more room
 * there; shifted to stay inside the viewport, its height capped to the room it has. For a mention
 * that wraps, the line under the pointer is used. The mention's Range is built on demand and never
 * kept (live ranges slow later DOM changes). A few lines of our own rather than a positioning
 * library: the content script ships in every page.
 */
import type { PageMention } from './painter';

/** Space between the mention and the card, and kept free at the viewport's edges. */
const GAP = 6;
const PADDING = 8;
/** The card is never made shorter than this to fit: it flips or overflows instead. */
const MIN_HEIGHT = 160;

export type Placement = 'bottom-start' | 'top-start';

interface Rect {
  left: number;
  top: number;
  right: number;
  bottom: number;
}

/** The line of the mention to place against: the one under the pointer, else the first. */
function mentionRect(m: PageMention, point: { x: number; y: number } | null): Rect | null {
  const len = m.node.data.length;
  const r = m.node.ownerDocument.createRange();
  r.setStart(m.node, Math.min(m.start, len));
  r.setEnd(m.node, Math.min(m.end, len));
  const rects = [...r.getClientRects()].filter((x) => x.width > 0 || x.height > 0);
  if (rects.length === 0) return null;
  if (point) {
    const under = rects.find(
      (x) => point.y >= x.top && point.y <= x.bottom && point.x >= x.left && point.x <= x.right,
    );
    if (under) return under;
    const sameLine = rects.find((x) => point.y >= x.top && point.y <= x.bottom);
    if (sameLine) return sameLine;
  }
  return rects[0]!;
}

/**
 * Where the card goes, given the mention's line, the card's natural size and the viewport: below
 * when it fits (or has at least as much room as above), else above; left-aligned with the mention
 * and shifted inside the viewport; `maxHeight` is the room on the chosen side.
 */
export function cardPlacement(
  ref: Rect,
  card: { width: number; height: number },
  viewport: { width: number; height: number },
): { x: number; y: number; placement: Placement; maxHeight: number } {
  const below = viewport.height - ref.bottom - GAP - PADDING;
  const above = ref.top - GAP - PADDING;
  const placement: Placement =
    card.height <= below || below >= above ? 'bottom-start' : 'top-start';
  const room = placement === 'bottom-start' ? below : above;
  const maxHeight = Math.max(MIN_HEIGHT, Math.floor(room));
  const height = Math.min(card.height, maxHeight);
  const y = placement === 'bottom-start' ? ref.bottom + GAP : ref.top - GAP - height;
  const maxX = viewport.width - card.width - PADDING;
  const x = Math.max(PADDING, Math.min(ref.left, maxX));
  return { x, y, placement, maxHeight };
}

/** Keeps `floating` placed at the mention until the returned function is called. */
export function placeCard(
  floating: HTMLElement,
  m: PageMention,
  point: { x: number; y: number } | null,
): () => void {
  const doc = floating.ownerDocument;
  const view = doc.defaultView!;
  const update = () => {
    const ref = mentionRect(m, point);
    if (!ref) return;
    // The natural height: the cap from the last placement must not shrink what is measured.
    floating.style.maxHeight = '';
    const box = floating.getBoundingClientRect();
    const p = cardPlacement(
      ref,
      { width: box.width, height: box.height },
      { width: view.innerWidth, height: view.innerHeight },
    );
    floating.style.maxHeight = `${p.maxHeight}px`;
    floating.style.left = `${Math.round(p.x)}px`;
    floating.style.top = `${Math.round(p.y)}px`;
    floating.dataset.placement = p.placement;
  };
  update();
  // The mention moves with any scroll (inner scrollers too: heard while capturing) and resize;
  // the card changes size when its data arrives.
  const stop = new AbortController();
  const opts = { capture: true, passive: true, signal: stop.signal } as const;
  doc.addEventListener('scroll', update, opts);
  view.addEventListener('resize', update, opts);
  // Placing changes the card's height (its cap): it is not observed while it is placed, so a
  // change of ours is never taken for one of its content.
  const sizeOf = () => {
    const box = floating.getBoundingClientRect();
    return `${box.width}x${box.height}`;
  };
  let lastSize = sizeOf();
  let frame = 0;
  const resized = new ResizeObserver(() => {
    if (sizeOf() === lastSize) return;
    resized.unobserve(floating);
    update();
    lastSize = sizeOf();
    frame = view.requestAnimationFrame(() => resized.observe(floating));
  });
  resized.observe(floating);
  return () => {
    stop.abort();
    view.cancelAnimationFrame(frame);
    resized.disconnect();
  };
}
