/**
 * Page side: which text a scan reads. Pure DOM, no extension APIs. The walk never writes to the
 * page; it only reads text nodes.
 */

/** Elements whose text is never scanned (code, form fields, editors, non-rendered content). */
const SKIP_TAGS = new Set([
  'SCRIPT',
  'STYLE',
  'NOSCRIPT',
  'TEXTAREA',
  'INPUT',
  'SELECT',
  'OPTION',
  'CODE',
  'PRE',
  'KBD',
  'SAMP',
  'TEMPLATE',
  'IFRAME',
  'OBJECT',
  'CANVAS',
  'svg',
  'SVG',
  'math',
  'MATH',
  'HEAD',
  'TITLE',
]);

export function isSkippedElement(el: Element): boolean {
  const tag = el.tagName;
  if (SKIP_TAGS.has(tag)) return true;
  if (el.hasAttribute('hidden')) return true;
  const editable = el.getAttribute('contenteditable');
  if (editable !== null && editable !== 'false') return true;
  return false;
}

/** A further test for elements a scan leaves out (e.g. the parts of an article that are not text). */
export type ExtraSkip = (el: Element) => boolean;

/** True when the node sits inside an element a scan skips (checked for mutation roots). */
export function isInsideSkipped(node: Node, extra?: ExtraSkip): boolean {
  for (let el = node.nodeType === 1 ? (node as Element) : node.parentElement; el;) {
    if (isSkippedElement(el) || extra?.(el)) return true;
    el = el.parentElement;
  }
  return false;
}

/**
 * Text nodes under `root` (inclusive), in document order, lazily. The browser walks the text
 * nodes alone (no filter: a filter is a call into script for every element and text node, which
 * cost ten times the walk itself); whether a node's element is skipped, or sits inside one that
 * is, is worked out once per element, from the nearest one already known.
 */
export function* textNodesUnder(root: Node, extra?: ExtraSkip): Generator<Text> {
  if (root.nodeType === 3) {
    if ((root as Text).data.length >= 2) yield root as Text;
    return;
  }
  if (root.nodeType !== 1 && root.nodeType !== 9 && root.nodeType !== 11) return;
  if (root.nodeType === 1 && (isSkippedElement(root as Element) || extra?.(root as Element)))
    return;
  const doc = root.ownerDocument ?? (root as Document);
  const walker = doc.createTreeWalker(root, NodeFilter.SHOW_TEXT);
  /** Per element met: whether its text is skipped (it or an element between it and root is). */
  const skipped = new Map<Element, boolean>();
  const chain: Element[] = [];
  const isSkipped = (el: Element): boolean => {
    let known = skipped.get(el);
    if (known !== undefined) return known;
    // Up to the nearest element already judged (or the root, which is not skipped), then down.
    chain.length = 0;
    let above = false;
    for (let at: Element | null = el; at && at !== root; at = at.parentElement) {
      const k = skipped.get(at);
      if (k !== undefined) {
        above = k;
        break;
      }
      chain.push(at);
    }
    for (let i = chain.length - 1; i >= 0; i--) {
      const at = chain[i]!;
      above ||= isSkippedElement(at) || (extra?.(at) ?? false);
      skipped.set(at, above);
    }
    known = skipped.get(el);
    return known ?? false;
  };
  for (let n = walker.nextNode() as Text | null; n; n = walker.nextNode() as Text | null) {
    if (n.data.length < 2) continue;
    const parent = n.parentElement;
    if (parent && parent !== root && isSkipped(parent)) continue;
    yield n;
  }
}

/** Whether the text of an element is rendered (display, visibility, content-visibility). */
export function isRendered(el: Element | null): boolean {
  if (!el) return false;
  const check = (el as Element & { checkVisibility?: (o?: object) => boolean }).checkVisibility;
  if (typeof check === 'function') return check.call(el, { visibilityProperty: true });
  return (el as HTMLElement).offsetParent !== null || el.getClientRects().length > 0;
}

/** Gives the main thread back (scheduler.yield where it exists, else a macrotask). */
export function yieldToMain(): Promise<void> {
  const s = (globalThis as { scheduler?: { yield?: () => Promise<void> } }).scheduler;
  if (s?.yield) return s.yield();
  return new Promise((resolve) => setTimeout(resolve, 0));
}

/**
 * Runs a generator that pauses between steps (e.g. `buildMatcher`) to its end, giving the main
 * thread back whenever `sliceMs` of work has gone by, so no step run is a long task.
 */
export async function runSliced<T>(work: Generator<void, T>, sliceMs = 8): Promise<T> {
  let sliceStart = performance.now();
  for (;;) {
    const step = work.next();
    if (step.done) return step.value;
    if (performance.now() - sliceStart > sliceMs) {
      await yieldToMain();
      sliceStart = performance.now();
    }
  }
}
