/**
 * Page side: places the card next to a mention with Floating UI. Flips and shifts at the
 * viewport's edges; for a mention that wraps, `inline()` picks the line under the pointer.
 * The mention's Range is built on demand and never kept (live ranges slow later DOM changes).
 */
import {
  autoUpdate,
  computePosition,
  flip,
  inline,
  offset,
  shift,
  size,
  type VirtualElement,
} from '@floating-ui/dom';
import type { PageMention } from './painter';

function mentionElement(m: PageMention): VirtualElement {
  const range = () => {
    const doc = m.node.ownerDocument;
    const r = doc.createRange();
    const len = m.node.data.length;
    r.setStart(m.node, Math.min(m.start, len));
    r.setEnd(m.node, Math.min(m.end, len));
    return r;
  };
  return {
    getBoundingClientRect: () => range().getBoundingClientRect(),
    getClientRects: () => range().getClientRects(),
    contextElement: m.node.parentElement ?? undefined,
  };
}

/** Keeps `floating` placed at the mention until the returned function is called. */
export function placeCard(
  floating: HTMLElement,
  m: PageMention,
  point: { x: number; y: number } | null,
): () => void {
  const reference = mentionElement(m);
  const update = () => {
    void computePosition(reference, floating, {
      strategy: 'fixed',
      placement: 'bottom-start',
      middleware: [
        inline(point ?? undefined),
        offset(6),
        flip({ padding: 8 }),
        shift({ padding: 8 }),
        size({
          padding: 8,
          apply({ availableHeight }) {
            floating.style.maxHeight = `${Math.max(160, Math.floor(availableHeight))}px`;
          },
        }),
      ],
    }).then(({ x, y, placement }) => {
      floating.style.left = `${Math.round(x)}px`;
      floating.style.top = `${Math.round(y)}px`;
      floating.dataset.placement = placement;
    });
  };
  return autoUpdate(reference, floating, update, { animationFrame: false });
}
