/**
 * Page side: the one element Crosscheck adds to a page, and the closed shadow root behind it that
 * holds everything we draw (underlines and the card).
 *
 * The page is hostile. It can read any open shadow root, enumerate `CSS.highlights`, define a
 * custom element before us and restyle or remove what we add. So the host is a plain `div` (no
 * custom element name to pre-empt), its shadow root is closed (the page gets `null` from
 * `host.shadowRoot`), its few styles are inline and `!important` (they win over any page
 * stylesheet), it takes no pointer events (hit-testing and `elementsFromPoint` see through it),
 * and it is put back if the page removes it or changes its attributes.
 */

const HOST_STYLE = [
  'all: initial',
  'display: block',
  'position: absolute',
  'top: 0',
  'left: 0',
  'width: 0',
  'height: 0',
  'margin: 0',
  'padding: 0',
  'border: 0',
  'overflow: visible',
  'pointer-events: none',
  'z-index: 2147483647',
  'visibility: visible',
  'opacity: 1',
  'transform: none',
  'filter: none',
  'clip-path: none',
]
  .map((d) => `${d} !important`)
  .join('; ');

/**
 * A page that keeps removing or restyling the host is answered at once for a burst of repairs,
 * then at most once a second: a fight never busy-loops, and the page never wins for good.
 */
const REPAIR_BURST = 20;
const REPAIR_SPACING_MS = 1000;

export interface UiHost {
  /** Closed shadow root: reachable only through this object, never from the page. */
  readonly root: ShadowRoot;
  readonly host: HTMLElement;
  /** Layer for underlines (no pointer events). */
  readonly overlay: HTMLElement;
  /** Layer for the card (takes pointer events). */
  readonly cardLayer: HTMLElement;
  /** Whether a node (an event target, a mutation record's node) is ours. */
  contains(node: unknown): boolean;
  /** Document coordinates of the host's origin (html may be positioned or have a margin). */
  origin(): { x: number; y: number };
  destroy(): void;
}

/**
 * A token bucket: `burst` repairs at once, then one per `spacingMs`. Returns whether a repair may
 * happen now; a refusal is never final (the caller retries after `spacingMs`).
 */
export function repairBudget(burst: number, spacingMs: number, start: number) {
  let budget = burst;
  let refilledAt = start;
  return (now: number): boolean => {
    budget = Math.min(burst, budget + Math.max(0, now - refilledAt) / spacingMs);
    refilledAt = Math.max(refilledAt, now);
    if (budget < 1) return false;
    budget--;
    return true;
  };
}

export function createUiHost(doc: Document, css: string): UiHost {
  const host = doc.createElement('div');
  host.setAttribute('style', HOST_STYLE);
  const root = host.attachShadow({ mode: 'closed' });
  const style = doc.createElement('style');
  style.textContent = css;
  const overlay = doc.createElement('div');
  overlay.className = 'overlay';
  const cardLayer = doc.createElement('div');
  cardLayer.className = 'card-layer';
  root.append(style, overlay, cardLayer);

  let destroyed = false;
  const attach = () => {
    if (destroyed) return;
    if (host.getAttribute('style') !== HOST_STYLE) host.setAttribute('style', HOST_STYLE);
    if (host.parentNode !== doc.documentElement) doc.documentElement.append(host);
  };
  attach();
  const mayRepair = repairBudget(REPAIR_BURST, REPAIR_SPACING_MS, performance.now());
  let deferred: ReturnType<typeof setTimeout> | null = null;
  const repair = () => {
    if (mayRepair(performance.now())) attach();
    else {
      deferred ??= setTimeout(() => {
        deferred = null;
        repair();
      }, REPAIR_SPACING_MS);
    }
  };
  const guard = new MutationObserver(() => {
    const moved = host.parentNode !== doc.documentElement;
    const restyled = host.getAttribute('style') !== HOST_STYLE;
    if (moved || restyled) repair();
  });
  guard.observe(doc.documentElement, { childList: true });
  guard.observe(host, { attributes: true });

  return {
    root,
    host,
    overlay,
    cardLayer,
    contains(node) {
      return node instanceof Node && (node === host || root.contains(node));
    },
    origin() {
      const r = host.getBoundingClientRect();
      const view = doc.defaultView;
      return { x: r.left + (view?.scrollX ?? 0), y: r.top + (view?.scrollY ?? 0) };
    },
    destroy() {
      destroyed = true;
      guard.disconnect();
      if (deferred !== null) clearTimeout(deferred);
      host.remove();
    },
  };
}
