/**
 * Page side, for one document: the scanner (finding mentions), the painter (showing them) and
 * the hover intent (which one the reader means), wired to the reader's trusted events, plus
 * keyboard navigation and the page's entity counts. Reads the page; writes nothing to it (the
 * card host is the only node we add, and the entrypoint owns it). No extension APIs here: the
 * card is behind `CardHost`.
 */
import type { Match, Matcher } from '../matcher';
import { HoverIntent, type CardHost } from './hover-intent';
import {
  createPainter,
  type HighlightStyle,
  type OverlayLayer,
  type PageMention,
  type Painter,
} from './painter';
import { Scanner, type ScanScope, type ScanStats } from './scanner';

export type { CardHost, OpenedBy } from './hover-intent';
export type { ScanScope, ScanStats } from './scanner';

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
  /** Drops matches the words around them show are someone else (lib/page/identity.ts). */
  vet?: (node: Text, found: Match[]) => Match[];
  /** The painter's progress (see createPainter): benchmarks time start-up with it. */
  onPainted?: (first: boolean) => void;
}

export class PageController {
  readonly painter: Painter;
  private readonly doc: Document;
  private readonly scanner: Scanner;
  private readonly intent: HoverIntent;
  private flashTimer: ReturnType<typeof setTimeout> | null = null;
  private cursor = -1;
  private readonly listeners: Array<() => void> = [];

  constructor(opts: ControllerOptions) {
    this.doc = opts.doc;
    this.painter = createPainter(opts.doc, opts.layer, opts.highlightStyle, opts.onPainted);
    this.intent = new HoverIntent({
      doc: opts.doc,
      card: opts.card,
      painter: this.painter,
      hoverDelayMs: opts.hoverDelayMs,
      empty: () => this.scanner.empty,
      mentionsIn: (node) => this.scanner.mentionsIn(node),
    });
    this.scanner = new Scanner({
      doc: opts.doc,
      matcher: opts.matcher,
      painter: this.painter,
      firstPerParagraph: opts.firstPerParagraph ?? false,
      scope: opts.scope ?? 'article',
      markScans: opts.markScans ?? false,
      onScan: opts.onScan,
      vet: opts.vet,
      isOurs: (node) => opts.card.contains(node),
      onForget: (gone) => {
        const shown = this.intent.shown;
        if (shown && gone.includes(shown)) this.intent.closeCard();
      },
    });
  }

  /**
   * Underline only the entities `keep` accepts (null: all): mentions of the others are taken off
   * the page now, and later scans skip them.
   */
  setEntityFilter(keep: ((entityId: string) => boolean) | null): void {
    this.scanner.setEntityFilter(keep);
  }

  /** Article text or the whole page, live. */
  setScope(scope: ScanScope, rescan = true): Promise<void> {
    return this.scanner.setScope(scope, rescan);
  }

  /** `rescan: false` when a rescan follows anyway (a new matcher). */
  setFirstPerParagraph(on: boolean, rescan = true): Promise<void> {
    return this.scanner.setFirstPerParagraph(on, rescan);
  }

  /** Starts observing and scans the whole document in slices. */
  start(): Promise<void> {
    const doc = this.doc;
    const intent = this.intent;
    const on = <K extends keyof DocumentEventMap>(
      type: K,
      fn: (e: DocumentEventMap[K]) => void,
      options: AddEventListenerOptions = { capture: true, passive: true },
    ) => {
      doc.addEventListener(type, fn, options);
      this.listeners.push(() => doc.removeEventListener(type, fn, options));
    };
    // Only the reader drives us: events the page synthesizes (isTrusted false) are ignored.
    on('pointermove', (e) => e.isTrusted && intent.onPointerMove(e));
    on('pointerdown', (e) => e.isTrusted && intent.onPointerDown(e));
    on('click', (e) => e.isTrusted && intent.onClick(e));
    on('keydown', (e) => e.isTrusted && intent.onKeyDown(e), { capture: true });
    // A capturing document listener hears every element's pointerleave: act on the page's only.
    on('pointerleave', (e) => {
      if (!e.isTrusted) return;
      if (e.target === doc.documentElement || e.target === doc) intent.leaveMention();
    });
    return this.scanner.start();
  }

  stop(): void {
    this.scanner.stop();
    for (const off of this.listeners.splice(0)) off();
    if (this.flashTimer) clearTimeout(this.flashTimer);
    this.intent.stop();
    this.painter.clear();
  }

  setHoverDelay(ms: number): void {
    this.intent.hoverDelayMs = ms;
  }

  /** New dictionary: forget every mention and scan again. */
  setMatcher(matcher: Matcher): Promise<void> {
    return this.scanner.setMatcher(matcher);
  }

  /** Full rescan (single-page-app navigation, new dictionary). */
  rescanAll(): Promise<void> {
    return this.scanner.rescanAll();
  }

  /** Judges again the matches the vetting dropped, without reading the page again. */
  revet(): Promise<void> {
    return this.scanner.revet();
  }

  /** Resolves when every queued scan has finished (tests, and callers that need the counts). */
  idle(): Promise<void> {
    return this.scanner.idle();
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
    return this.scanner.mentions();
  }

  /** Mentions in document order whose text is rendered (for the keyboard and the popup). */
  visibleMentions(): PageMention[] {
    return this.scanner.visibleMentions();
  }

  /** Keyboard command: next/previous mention, scrolled into view, its card open and focused. */
  next(direction: 1 | -1): boolean {
    const list = this.visibleMentions();
    if (list.length === 0) return false;
    // A rescan makes new mention objects: find the shown one by where it is, not by identity.
    const shown = this.intent.shown;
    const current = shown
      ? list.findIndex((m) => m.node === shown.node && m.start === shown.start)
      : this.cursor;
    const from = current >= 0 ? current : direction === 1 ? -1 : 0;
    this.cursor = (from + direction + list.length) % list.length;
    const m = list[this.cursor]!;
    scrollTo(m);
    this.intent.openCard(m, 'keyboard', null);
    return true;
  }

  /** Scrolls to the first mention of an entity and flashes it. */
  reveal(entityId: string): boolean {
    const list = this.visibleMentions();
    const index = list.findIndex((m) => m.entityId === entityId);
    if (index < 0) return false;
    const m = list[index]!;
    this.cursor = index;
    scrollTo(m);
    this.painter.setActive(m);
    if (this.flashTimer) clearTimeout(this.flashTimer);
    this.flashTimer = setTimeout(() => {
      if (this.intent.shown !== m) this.painter.setActive(this.intent.shown);
    }, 1600);
    return true;
  }

  /** Trusted pointer moves acted on (tests check that forged ones never count). */
  get inputsHandled(): number {
    return this.intent.inputsHandled;
  }

  /** Whether a hover is still deciding: a fetch, show or hide timer is pending. */
  intentPending(): boolean {
    return this.intent.pending();
  }

  /** The mention at a viewport point, or null. */
  hitTest(x: number, y: number): PageMention | null {
    return this.intent.hitTest(x, y);
  }

  closeCard(): void {
    this.intent.closeCard();
  }
}

function scrollTo(m: PageMention): void {
  const el = m.node.parentElement;
  if (!el) return;
  // Instant: the card is placed right after, on the mention's final position.
  el.scrollIntoView({ block: 'center', inline: 'nearest', behavior: 'auto' });
}
