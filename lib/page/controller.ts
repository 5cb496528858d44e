/**
 * Page side: scanning, highlighting, the mention under the pointer, hover intent and keyboard
 * navigation, for one document. Reads the page; writes nothing to it (the card host is the only
 * node we add, and the entrypoint owns it). No extension APIs here: the card is behind `CardHost`.
 */
import { findInWindows, type Match, type Matcher } from '../matcher';
import {
  createPainter,
  type HighlightStyle,
  type OverlayLayer,
  type PageMention,
  type Painter,
} from './painter';
import { findArticleRoots, isOutsideArticleText } from './article';
import { type ExtraSkip, isInsideSkipped, isRendered, textNodesUnder, yieldToMain } from './walk';

/** Where names are underlined: the article's own text, or everything on the page. */
export type ScanScope = 'article' | 'page';

export type OpenedBy = 'pointer' | 'keyboard' | 'touch';

export interface CardHost {
  /** The pointer has rested long enough that the card will probably open: fetch its data. */
  prefetch(entityId: string): void;
  show(mention: PageMention, how: OpenedBy, point: { x: number; y: number } | null): void;
  hide(): void;
  /** Whether an event target belongs to our UI. */
  contains(target: EventTarget | null): boolean;
}

export interface ScanStats {
  /** Main-thread time spent scanning in this pass (all slices). */
  ms: number;
  /** Wall time from the start to the end of the pass, yields included. */
  wallMs: number;
  /** Longest single slice of the pass. */
  longestSliceMs: number;
  /** Slices the pass was cut into (yields to the page in between). */
  slices: number;
  textNodes: number;
  chars: number;
  matches: number;
  full: boolean;
}

export interface ControllerOptions {
  doc: Document;
  matcher: Matcher;
  card: CardHost;
  hoverDelayMs: number;
  highlightStyle: HighlightStyle;
  /** Where underlines are drawn (our closed shadow root), created on first use. */
  layer: () => OverlayLayer;
  /** Underline only the first mention of each entity in a paragraph. */
  firstPerParagraph?: boolean;
  /** The article's text only (the default), or the whole page. */
  scope?: ScanScope;
  /**
   * Publish each pass's figures as a `crosscheck:scan` performance mark. Off in the shipped
   * build: the mark is page-visible and would announce the extension (benchmarks turn it on).
   */
  markScans?: boolean;
  onScan?: (stats: ScanStats) => void;
  /** The painter's progress (see createPainter): benchmarks time start-up with it. */
  onPainted?: (first: boolean) => void;
}

const PARAGRAPH = 'p,li,blockquote,dd,dt,td,th,figcaption,h1,h2,h3,h4,h5,h6,pre';

/** Wikipedia page-preview timings (mediawiki-extensions-Popups src/constants.js). */
export const FETCH_DELAY_MS = 150;
export const HIDE_GRACE_MS = 300;
export const MUTATION_DEBOUNCE_MS = 40;
const MUTATION_MAX_WAIT_MS = 250;
/** A scan slice yields after this much work, well under the 50 ms long-task threshold. */
const SLICE_MS = 8;
/** Text nodes longer than this are read in windows of the next size, with yields between. */
const LONG_NODE_CHARS = 100_000;
const LONG_NODE_WINDOW = 20_000;

export class PageController {
  readonly painter: Painter;
  private readonly doc: Document;
  private matcher: Matcher;
  private readonly card: CardHost;
  private hoverDelayMs: number;
  private readonly onScan?: (stats: ScanStats) => void;
  private readonly markScans: boolean;

  private readonly store = new Map<Text, PageMention[]>();
  private ordered: PageMention[] | null = null;

  private readonly queue = new Set<Node>();
  private pumping: Promise<void> | null = null;
  private pendingFull = false;
  private observer: MutationObserver | null = null;
  private flushTimer: ReturnType<typeof setTimeout> | null = null;
  private firstPendingAt = 0;
  private needCleanup = false;

  private hovered: PageMention | null = null;
  private shown: PageMention | null = null;
  private shownBy: OpenedBy | null = null;
  private overCard = false;
  private token = 0;
  private fetchTimer: ReturnType<typeof setTimeout> | null = null;
  private showTimer: ReturnType<typeof setTimeout> | null = null;
  private hideTimer: ReturnType<typeof setTimeout> | null = null;
  private flashTimer: ReturnType<typeof setTimeout> | null = null;
  private cursor = -1;
  private lastPointerType = 'mouse';
  private point = { x: 0, y: 0 };
  private frame = 0;
  private stopped = false;
  private readonly listeners: Array<() => void> = [];

  constructor(opts: ControllerOptions) {
    this.doc = opts.doc;
    this.matcher = opts.matcher;
    this.card = opts.card;
    this.hoverDelayMs = opts.hoverDelayMs;
    this.onScan = opts.onScan;
    this.markScans = opts.markScans ?? false;
    this.painter = createPainter(opts.doc, opts.layer, opts.highlightStyle, opts.onPainted);
    this.firstPerParagraph = opts.firstPerParagraph ?? false;
    this.scope = opts.scope ?? 'article';
  }

  private scope: ScanScope;
  /** What is scanned: the article's roots, or the body. */
  private roots: Element[] = [];
  /** The roots are the whole body because no article was found (yet). */
  private rootsAreFallback = false;
  private extraSkip: ExtraSkip | undefined;

  /** Entities that may be underlined (null: all of them). */
  private keep: ((entityId: string) => boolean) | null = null;

  /**
   * Underline only the entities `keep` accepts (null: all): mentions of the others are taken off
   * the page now, and later scans skip them.
   */
  setEntityFilter(keep: ((entityId: string) => boolean) | null): void {
    this.keep = keep;
    if (!keep) return;
    for (const [node, ms] of this.store) {
      const gone = ms.filter((m) => !keep(m.entityId));
      if (gone.length === 0) continue;
      this.painter.unpaint(gone);
      if (this.shown && gone.includes(this.shown)) this.closeCard();
      const left = ms.filter((m) => keep(m.entityId));
      if (left.length > 0) this.store.set(node, left);
      else this.store.delete(node);
    }
    this.ordered = null;
  }

  /** Article text or the whole page, live. */
  setScope(scope: ScanScope, rescan = true): Promise<void> {
    this.scope = scope;
    return rescan ? this.rescanAll() : Promise.resolve();
  }

  private findRoots(): Element[] {
    const body = this.doc.body;
    if (!body) return [];
    if (this.scope === 'page') return [body];
    return findArticleRoots(this.doc);
  }

  private firstPerParagraph: boolean;
  /** Paragraph -> entity -> the text node holding its first shown mention. */
  private shownIn = new WeakMap<Element, Map<string, Text>>();

  /** `rescan: false` when a rescan follows anyway (a new matcher). */
  setFirstPerParagraph(on: boolean, rescan = true): Promise<void> {
    this.firstPerParagraph = on;
    return rescan ? this.rescanAll() : Promise.resolve();
  }

  /** Starts observing and scans the whole document in slices. */
  start(): Promise<void> {
    const doc = this.doc;
    this.observer = new MutationObserver((records) => this.onMutations(records));
    this.observer.observe(doc.documentElement, {
      childList: true,
      subtree: true,
      characterData: true,
    });
    const on = <K extends keyof DocumentEventMap>(
      type: K,
      fn: (e: DocumentEventMap[K]) => void,
      options: AddEventListenerOptions = { capture: true, passive: true },
    ) => {
      doc.addEventListener(type, fn, options);
      this.listeners.push(() => doc.removeEventListener(type, fn, options));
    };
    // Only the reader drives us: events the page synthesizes (isTrusted false) are ignored.
    on('pointermove', (e) => e.isTrusted && this.onPointerMove(e));
    on('pointerdown', (e) => {
      if (e.isTrusted) this.lastPointerType = e.pointerType;
    });
    on('click', (e) => e.isTrusted && this.onClick(e));
    on('keydown', (e) => e.isTrusted && this.onKeyDown(e), { capture: true });
    // A capturing document listener hears every element's pointerleave: act on the page's only.
    on('pointerleave', (e) => {
      if (!e.isTrusted) return;
      if (e.target === doc.documentElement || e.target === doc) this.leaveMention();
    });
    return this.rescanAll();
  }

  stop(): void {
    this.stopped = true;
    this.observer?.disconnect();
    for (const off of this.listeners.splice(0)) off();
    for (const t of [this.flushTimer, this.fetchTimer, this.showTimer, this.hideTimer])
      if (t) clearTimeout(t);
    if (this.flashTimer) clearTimeout(this.flashTimer);
    cancelAnimationFrame(this.frame);
    this.closeCard();
    this.painter.clear();
    this.store.clear();
    this.queue.clear();
  }

  setHoverDelay(ms: number): void {
    this.hoverDelayMs = ms;
  }

  /** New dictionary: forget every mention and scan again. */
  setMatcher(matcher: Matcher): Promise<void> {
    this.matcher = matcher;
    return this.rescanAll();
  }

  /** Full rescan (single-page-app navigation, new dictionary). */
  rescanAll(): Promise<void> {
    for (const ms of this.store.values()) this.painter.unpaint(ms);
    this.store.clear();
    this.shownIn = new WeakMap();
    this.ordered = null;
    this.queue.clear();
    this.pendingFull = true;
    this.roots = this.findRoots();
    this.rootsAreFallback = this.scope === 'article' && this.roots[0] === this.doc.body;
    this.extraSkip = this.scope === 'article' ? isOutsideArticleText : undefined;
    for (const root of this.roots) this.queue.add(root);
    return this.pump();
  }

  /** Resolves when every queued scan has finished (tests, and callers that need the counts). */
  idle(): Promise<void> {
    return this.pumping ?? Promise.resolve();
  }

  /** Entities on the page with their number of mentions, most mentioned first. */
  entityCounts(): Array<{ id: string; count: number }> {
    const counts = new Map<string, number>();
    for (const m of this.visibleMentions())
      counts.set(m.entityId, (counts.get(m.entityId) ?? 0) + 1);
    return [...counts]
      .map(([id, count]) => ({ id, count }))
      .sort((a, b) => b.count - a.count || a.id.localeCompare(b.id));
  }

  /** Mentions in document order. */
  mentions(): PageMention[] {
    if (!this.ordered) {
      const nodes = [...this.store.keys()].filter((n) => n.isConnected);
      nodes.sort((a, b) =>
        a === b ? 0 : a.compareDocumentPosition(b) & Node.DOCUMENT_POSITION_FOLLOWING ? -1 : 1,
      );
      this.ordered = nodes.flatMap((n) => this.store.get(n)!);
    }
    return this.ordered;
  }

  /** Mentions in document order whose text is rendered (for the keyboard and the popup). */
  visibleMentions(): PageMention[] {
    const rendered = new Map<Element | null, boolean>();
    return this.mentions().filter((m) => {
      const el = m.node.parentElement;
      let r = rendered.get(el);
      if (r === undefined) {
        r = isRendered(el);
        rendered.set(el, r);
      }
      return r;
    });
  }

  /** Keyboard command: next/previous mention, scrolled into view, its card open and focused. */
  next(direction: 1 | -1): boolean {
    const list = this.visibleMentions();
    if (list.length === 0) return false;
    // A rescan makes new mention objects: find the shown one by where it is, not by identity.
    const shown = this.shown;
    const current = shown
      ? list.findIndex((m) => m.node === shown.node && m.start === shown.start)
      : this.cursor;
    const from = current >= 0 ? current : direction === 1 ? -1 : 0;
    this.cursor = (from + direction + list.length) % list.length;
    const m = list[this.cursor]!;
    this.scrollTo(m);
    this.openCard(m, 'keyboard', null);
    return true;
  }

  /** Scrolls to the first mention of an entity and flashes it. */
  reveal(entityId: string): boolean {
    const list = this.visibleMentions();
    const index = list.findIndex((m) => m.entityId === entityId);
    if (index < 0) return false;
    const m = list[index]!;
    this.cursor = index;
    this.scrollTo(m);
    this.painter.setActive(m);
    if (this.flashTimer) clearTimeout(this.flashTimer);
    this.flashTimer = setTimeout(() => {
      if (this.shown !== m) this.painter.setActive(this.shown);
    }, 1600);
    return true;
  }

  /** Trusted pointer moves acted on (tests check that forged ones never count). */
  inputsHandled = 0;

  /** Whether a hover is still deciding: a fetch, show or hide timer is pending. */
  intentPending(): boolean {
    return this.fetchTimer !== null || this.showTimer !== null || this.hideTimer !== null;
  }

  /** The mention at a viewport point, or null. */
  hitTest(x: number, y: number): PageMention | null {
    const drawn = this.painter.fromPoint(x, y);
    if (drawn) return drawn;
    // Not drawn yet (measuring a long page takes a few frames): ask the text under the point.
    const caret = caretAt(this.doc, x, y);
    if (caret?.node.nodeType !== 3) return null;
    const candidates = this.store.get(caret.node as Text);
    if (!candidates) return null;
    for (const m of candidates) {
      if (caret.offset < m.start || caret.offset > m.end) continue;
      // The caret snaps to the nearest character: check the point is really on the mention.
      const r = this.doc.createRange();
      r.setStart(m.node, m.start);
      r.setEnd(m.node, m.end);
      for (const rect of r.getClientRects()) {
        if (x >= rect.left && x <= rect.right && y >= rect.top && y <= rect.bottom) return m;
      }
    }
    return null;
  }

  closeCard(): void {
    if (!this.shown) return;
    this.shown = null;
    this.shownBy = null;
    this.overCard = false;
    this.painter.setActive(null);
    this.card.hide();
  }

  // --- scanning -------------------------------------------------------------------------

  private pump(): Promise<void> {
    if (!this.pumping) {
      this.pumping = this.runQueue().finally(() => {
        this.pumping = null;
      });
    }
    return this.pumping;
  }

  private async runQueue(): Promise<void> {
    // Let the caller finish its task first: the first slice starts in a task of its own.
    await yieldToMain();
    while (this.queue.size > 0 && !this.stopped) {
      const roots = this.dedupe([...this.queue]);
      this.queue.clear();
      const full = this.pendingFull;
      this.pendingFull = false;
      const stats: ScanStats = {
        ms: 0,
        wallMs: 0,
        longestSliceMs: 0,
        slices: 0,
        textNodes: 0,
        chars: 0,
        matches: 0,
        full,
      };
      const wallStart = performance.now();
      let sliceStart = wallStart;
      const endSlice = () => {
        stats.slices++;
        const t = performance.now() - sliceStart;
        stats.ms += t;
        if (t > stats.longestSliceMs) stats.longestSliceMs = t;
      };
      const painted: Text[] = [];
      for (const root of roots) {
        for (const node of textNodesUnder(root, this.extraSkip)) {
          stats.textNodes++;
          stats.chars += node.data.length;
          const found =
            node.data.length > LONG_NODE_CHARS
              ? await this.findInLongNode(node, () => {
                  if (performance.now() - sliceStart <= SLICE_MS) return null;
                  endSlice();
                  return yieldToMain().then(() => {
                    sliceStart = performance.now();
                  });
                })
              : this.matcher.find(node.data);
          if (this.stopped) return;
          if (this.scanNode(node, found) > 0) painted.push(node);
          if (performance.now() - sliceStart > SLICE_MS) {
            endSlice();
            await yieldToMain();
            if (this.stopped) return;
            sliceStart = performance.now();
          }
        }
      }
      endSlice();
      // Hidden text is not checked here: asking for visibility would force a style recalc
      // inside our task (tens of ms on big pages). Its highlights do not paint anyway; keyboard
      // navigation and the page's entity list skip it when they are used (see visible()).
      for (const node of painted) stats.matches += this.store.get(node)?.length ?? 0;
      stats.wallMs = performance.now() - wallStart;
      this.ordered = null;
      if (this.markScans)
        performance.mark('crosscheck:scan', {
          detail: {
            ms: round(stats.ms),
            wallMs: round(stats.wallMs),
            longestSliceMs: round(stats.longestSliceMs),
            textNodes: stats.textNodes,
            chars: stats.chars,
            matches: stats.matches,
            full: stats.full,
          },
        });
      this.onScan?.(stats);
    }
  }

  /**
   * A very long text node is read in windows with a yield between slices (one 20 MB node would
   * otherwise be one long task); `pause` returns a promise when the slice is used up.
   */
  private async findInLongNode(node: Text, pause: () => Promise<void> | null): Promise<Match[]> {
    const found: Match[] = [];
    const text = node.data;
    for (const window of findInWindows(this.matcher, text, LONG_NODE_WINDOW)) {
      found.push(...window);
      const wait = pause();
      if (wait) await wait;
      // The page changed the node meanwhile: its mutation queues it again.
      if (this.stopped || node.data !== text) return [];
    }
    return found;
  }

  /** Paints one text node's matches (replacing what it had); returns the number painted. */
  private scanNode(node: Text, matches: Match[]): number {
    const old = this.store.get(node);
    if (old) {
      this.painter.unpaint(old);
      this.store.delete(node);
    }
    const keep = this.keep;
    let found = keep ? matches.filter((m) => keep(m.entityId)) : matches;
    if (this.firstPerParagraph && found.length > 0) found = this.firstInParagraph(node, found);
    if (found.length === 0) return 0;
    const mentions: PageMention[] = found.map((f) => ({
      node,
      start: f.start,
      end: f.end,
      entityId: f.entityId,
    }));
    this.store.set(node, mentions);
    this.painter.paint(node, mentions);
    return mentions.length;
  }

  private firstInParagraph<T extends { entityId: string }>(node: Text, found: T[]): T[] {
    const para = node.parentElement?.closest(PARAGRAPH) ?? node.parentElement;
    if (!para) return found;
    let first = this.shownIn.get(para);
    if (!first) this.shownIn.set(para, (first = new Map()));
    const kept: T[] = [];
    const here = new Set<string>();
    for (const f of found) {
      const owner = first.get(f.entityId);
      if (owner && owner !== node) continue;
      if (here.has(f.entityId)) continue;
      first.set(f.entityId, node);
      here.add(f.entityId);
      kept.push(f);
    }
    return kept;
  }

  /** Changed nodes to scan: inside the roots only (a node around a root scans that root). */
  private dedupe(changed: Node[]): Node[] {
    const inside = [
      ...new Set(
        changed.flatMap((n) =>
          this.roots.some((root) => root.contains(n))
            ? [n]
            : this.roots.filter((root) => n.contains(root)),
        ),
      ),
    ];
    const set = new Set(inside);
    return inside.filter((r) => {
      if (!r.isConnected) return false;
      for (let p = r.parentNode; p; p = p.parentNode) if (set.has(p)) return false;
      return !isInsideSkipped(r, this.extraSkip);
    });
  }

  private isOurs(node: Node): boolean {
    return this.card.contains(node);
  }

  private onMutations(records: MutationRecord[]): void {
    for (const r of records) {
      if (this.isOurs(r.target)) continue;
      if (r.type === 'characterData') this.queue.add(r.target);
      else if (r.type === 'childList') {
        for (const n of r.addedNodes) if (!this.isOurs(n)) this.queue.add(n);
        if (r.removedNodes.length > 0) this.needCleanup = true;
      }
    }
    if (this.queue.size === 0 && !this.needCleanup) return;
    const now = performance.now();
    if (!this.flushTimer) this.firstPendingAt = now;
    else clearTimeout(this.flushTimer);
    const wait = Math.min(MUTATION_DEBOUNCE_MS, MUTATION_MAX_WAIT_MS - (now - this.firstPendingAt));
    this.flushTimer = setTimeout(() => this.flush(), Math.max(0, wait));
  }

  private flush(): void {
    this.flushTimer = null;
    if (this.needCleanup) {
      this.needCleanup = false;
      for (const [node, ms] of this.store) {
        if (node.isConnected) continue;
        this.painter.unpaint(ms);
        this.store.delete(node);
        if (this.shown && ms.includes(this.shown)) this.closeCard();
      }
      this.ordered = null;
    }
    // Text that moved because of this change is re-measured when the document's size changes
    // (the painter observes it); re-measuring on every mutation cost more than it caught.
    // The article was replaced, or arrived after we started (pages that render it late).
    const lost = this.roots.some((r) => !r.isConnected);
    if (lost || (this.rootsAreFallback && this.queue.size > 0)) {
      const next = this.findRoots();
      if (lost || next[0] !== this.doc.body) {
        void this.rescanAll();
        return;
      }
    }
    if (this.queue.size > 0) void this.pump();
  }

  // --- pointer, touch and keyboard ---------------------------------------------------------

  private onPointerMove(e: PointerEvent): void {
    this.inputsHandled++;
    if (e.pointerType === 'touch') return;
    // Nothing underlined and no card: no hit-testing work on this page.
    if (this.store.size === 0 && !this.shown && !this.hovered) return;
    this.point = { x: e.clientX, y: e.clientY };
    const target = e.target;
    if (this.frame) return;
    this.frame = requestAnimationFrame(() => {
      this.frame = 0;
      this.evaluate(target);
    });
  }

  private evaluate(target: EventTarget | null): void {
    if (this.card.contains(target)) {
      this.overCard = true;
      this.cancelHide();
      return;
    }
    this.overCard = false;
    const m = this.hitTest(this.point.x, this.point.y);
    if (m === this.hovered || (m && this.hovered && sameMention(m, this.hovered))) {
      if (!m && this.shown) this.scheduleHide();
      return;
    }
    this.hovered = m;
    const token = ++this.token;
    this.clearIntentTimers();
    if (!m) {
      this.leaveMention();
      return;
    }
    if (this.shown && sameMention(this.shown, m)) {
      this.cancelHide();
      return;
    }
    if (this.shown) this.scheduleHide();
    const point = { ...this.point };
    this.fetchTimer = setTimeout(() => {
      this.fetchTimer = null;
      if (token === this.token) this.card.prefetch(m.entityId);
    }, FETCH_DELAY_MS);
    this.showTimer = setTimeout(() => {
      this.showTimer = null;
      // A stale hover never opens a card: the pointer must still be on this mention.
      if (token === this.token && this.hovered === m) this.openCard(m, 'pointer', point);
    }, this.hoverDelayMs);
  }

  private leaveMention(): void {
    this.hovered = null;
    this.token++;
    this.clearIntentTimers();
    if (this.shown && this.shownBy !== 'keyboard') this.scheduleHide();
  }

  private onClick(e: MouseEvent): void {
    if (this.lastPointerType !== 'touch') return;
    if (this.card.contains(e.target)) return;
    const m = this.hitTest(e.clientX, e.clientY);
    if (!m) {
      this.closeCard();
      return;
    }
    // A mention inside a link or a control: the tap belongs to the page.
    if ((e.target as Element | null)?.closest?.('a[href], button, [role="button"], label')) return;
    this.openCard(m, 'touch', { x: e.clientX, y: e.clientY });
  }

  private onKeyDown(e: KeyboardEvent): void {
    if (e.key === 'Escape' && this.shown) this.closeCard();
  }

  private openCard(m: PageMention, how: OpenedBy, point: { x: number; y: number } | null): void {
    this.cancelHide();
    this.shown = m;
    this.shownBy = how;
    this.painter.setActive(m);
    this.card.show(m, how, point);
  }

  private scheduleHide(): void {
    if (this.hideTimer) return;
    this.hideTimer = setTimeout(() => {
      this.hideTimer = null;
      const back = this.hovered && this.shown && sameMention(this.hovered, this.shown);
      if (!this.overCard && !back) this.closeCard();
    }, HIDE_GRACE_MS);
  }

  private cancelHide(): void {
    if (this.hideTimer) clearTimeout(this.hideTimer);
    this.hideTimer = null;
  }

  private clearIntentTimers(): void {
    if (this.fetchTimer) clearTimeout(this.fetchTimer);
    if (this.showTimer) clearTimeout(this.showTimer);
    this.fetchTimer = this.showTimer = null;
  }

  private scrollTo(m: PageMention): void {
    const el = m.node.parentElement;
    if (!el) return;
    // Instant: the card is placed right after, on the mention's final position.
    el.scrollIntoView({ block: 'center', inline: 'nearest', behavior: 'auto' });
  }
}

/** The same mention, even after a rescan made a new record for it. */
function sameMention(a: PageMention, b: PageMention): boolean {
  return a.node === b.node && a.start === b.start && a.entityId === b.entityId;
}

function round(ms: number): number {
  return Math.round(ms * 100) / 100;
}

function caretAt(doc: Document, x: number, y: number): { node: Node; offset: number } | null {
  const d = doc as Document & {
    caretPositionFromPoint?: (x: number, y: number) => { offsetNode: Node; offset: number } | null;
    caretRangeFromPoint?: (x: number, y: number) => Range | null;
  };
  if (typeof d.caretPositionFromPoint === 'function') {
    const p = d.caretPositionFromPoint(x, y);
    return p ? { node: p.offsetNode, offset: p.offset } : null;
  }
  if (typeof d.caretRangeFromPoint === 'function') {
    const r = d.caretRangeFromPoint(x, y);
    return r ? { node: r.startContainer, offset: r.startOffset } : null;
  }
  return null;
}
