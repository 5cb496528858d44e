/**
 * Page side: how mentions are shown. The CSS Custom Highlight API paints StaticRanges without
 * touching the page's DOM; wrapping elements is only the fallback for browsers without it.
 */
import { WRAP_TAG } from './walk';

export interface PageMention {
  node: Text;
  start: number;
  end: number;
  entityId: string;
  /** The painted range (highlight painter) or the wrapper element (fallback painter). */
  range: AbstractRange | null;
  el: Element | null;
}

export type HighlightStyle = 'dotted' | 'solid' | 'background' | 'none';

export interface Painter {
  readonly kind: 'highlight' | 'wrap';
  /** Paints the mentions of one text node (all at once: wrapping splits the node). */
  paint(node: Text, mentions: PageMention[]): void;
  unpaint(mentions: readonly PageMention[]): void;
  /** The mention under a point, when the painter can tell; undefined when it cannot. */
  fromPoint(x: number, y: number): PageMention | null | undefined;
  setActive(m: PageMention | null): void;
  setStyle(style: HighlightStyle): void;
  clear(): void;
}

export const HIGHLIGHT_PREFIX = 'crosscheck-';
export const ACTIVE_HIGHLIGHT = 'crosscheck-active';

interface HighlightHit {
  highlight: Highlight;
  ranges: AbstractRange[];
}
type Registry = HighlightRegistry & {
  highlightsFromPoint?: (x: number, y: number) => HighlightHit[];
};

export function hasHighlightApi(): boolean {
  return typeof CSS !== 'undefined' && 'highlights' in CSS && typeof Highlight === 'function';
}

export function createPainter(doc: Document, style: HighlightStyle): Painter {
  return hasHighlightApi() ? highlightPainter(doc, style) : wrapPainter(doc);
}

function highlightPainter(doc: Document, initialStyle: HighlightStyle): Painter {
  const registry = CSS.highlights as Registry;
  const all = new Highlight();
  const active = new Highlight();
  active.priority = 1;
  const byRange = new Map<AbstractRange, PageMention>();
  let name = '';
  const setStyle = (style: HighlightStyle) => {
    if (name) registry.delete(name);
    name = `${HIGHLIGHT_PREFIX}${style}`;
    registry.set(name, all);
  };
  setStyle(initialStyle);
  registry.set(ACTIVE_HIGHLIGHT, active);
  const StaticRangeCtor = doc.defaultView?.StaticRange ?? StaticRange;
  return {
    kind: 'highlight',
    paint(node, mentions) {
      for (const m of mentions) {
        const range = new StaticRangeCtor({
          startContainer: node,
          startOffset: m.start,
          endContainer: node,
          endOffset: m.end,
        });
        m.range = range;
        all.add(range);
        byRange.set(range, m);
      }
    },
    unpaint(mentions) {
      for (const m of mentions) {
        if (!m.range) continue;
        all.delete(m.range);
        active.delete(m.range);
        byRange.delete(m.range);
        m.range = null;
      }
    },
    fromPoint(x, y) {
      if (typeof registry.highlightsFromPoint !== 'function') return undefined;
      for (const hit of registry.highlightsFromPoint(x, y)) {
        if (hit.highlight !== all) continue;
        for (const r of hit.ranges) {
          const m = byRange.get(r);
          if (m) return m;
        }
      }
      return null;
    },
    setActive(m) {
      active.clear();
      if (m?.range) active.add(m.range);
    },
    setStyle,
    clear() {
      all.clear();
      active.clear();
      byRange.clear();
      registry.delete(name);
      registry.delete(ACTIVE_HIGHLIGHT);
    },
  };
}

/** Fallback only: wraps each mention in an inline element (changes the page's DOM). */
function wrapPainter(doc: Document): Painter {
  const byEl = new WeakMap<Element, PageMention>();
  const wrapped = new Set<Element>();
  let activeEl: Element | null = null;
  let style: HighlightStyle = 'dotted';
  const decorate = (el: HTMLElement) => {
    el.style.textDecoration =
      style === 'none' ? '' : `underline ${style === 'solid' ? 'solid' : 'dotted'}`;
    el.style.backgroundColor = style === 'background' ? 'rgba(255, 214, 0, 0.3)' : '';
  };
  return {
    kind: 'wrap',
    paint(node, mentions) {
      // Right to left, so earlier offsets stay valid while the node is split.
      const sorted = [...mentions].sort((a, b) => b.start - a.start);
      for (const m of sorted) {
        if (!node.parentNode || m.end > node.data.length) continue;
        node.splitText(m.end);
        const middle = node.splitText(m.start);
        const el = doc.createElement(WRAP_TAG) as HTMLElement;
        decorate(el);
        middle.parentNode!.insertBefore(el, middle);
        el.appendChild(middle);
        m.el = el;
        byEl.set(el, m);
        wrapped.add(el);
      }
    },
    unpaint(mentions) {
      for (const m of mentions) {
        const el = m.el;
        if (!el) continue;
        el.replaceWith(...el.childNodes);
        wrapped.delete(el);
        m.el = null;
      }
    },
    fromPoint(x, y) {
      const el = doc.elementFromPoint(x, y)?.closest(WRAP_TAG);
      return el ? (byEl.get(el) ?? null) : null;
    },
    setActive(m) {
      if (activeEl) (activeEl as HTMLElement).style.outline = '';
      activeEl = m?.el ?? null;
      if (activeEl) (activeEl as HTMLElement).style.outline = '2px solid #3a7bd5';
    },
    setStyle(next) {
      style = next;
      for (const el of wrapped) decorate(el as HTMLElement);
    },
    clear() {
      for (const el of wrapped) el.replaceWith(...el.childNodes);
      wrapped.clear();
    },
  };
}
