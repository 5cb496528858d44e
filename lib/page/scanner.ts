/**
 * Page side: finding mentions. Scans the article (or the page) in slices that yield to the page,
 * rescans what the page changes (a MutationObserver, debounced), and keeps the mentions found,
 * per text node, painting them through the painter. Reads the page; writes nothing to it.
 */
import { findInWindows, type Match, type Matcher } from '../matcher';
import type { PageMention, Painter } from './painter';
import { findArticleRoots, isOutsideArticleText } from './article';
import { type ExtraSkip, isInsideSkipped, isRendered, textNodesUnder, yieldToMain } from './walk';

/** Where names are underlined: the article's own text, or everything on the page. */
export type ScanScope = 'article' | 'page';

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

export interface ScannerOptions {
  doc: Document;
  matcher: Matcher;
  painter: Painter;
  firstPerParagraph: boolean;
  scope: ScanScope;
  /** Publish each pass's figures as a `crosscheck:scan` performance mark (benchmarks only). */
  markScans: boolean;
  onScan?: (stats: ScanStats) => void;
  /** Drops matches the words around them show are someone else (lib/page/identity.ts). */
  vet?: (node: Text, found: Match[]) => Match[];
  /** Our own nodes (the card host): their changes are not the page's. */
  isOurs(node: Node): boolean;
  /** Mentions were taken off the page (the shown card may be one of them). */
  onForget(mentions: readonly PageMention[]): void;
}

const PARAGRAPH = 'p,li,blockquote,dd,dt,td,th,figcaption,h1,h2,h3,h4,h5,h6,pre';

export const MUTATION_DEBOUNCE_MS = 40;
const MUTATION_MAX_WAIT_MS = 250;
/** A scan slice yields after this much work, well under the 50 ms long-task threshold. */
const SLICE_MS = 8;
/** Text nodes longer than this are read in windows of the next size, with yields between. */
const LONG_NODE_CHARS = 100_000;
const LONG_NODE_WINDOW = 20_000;

export class Scanner {
  private readonly doc: Document;
  private readonly painter: Painter;
  private readonly opts: ScannerOptions;
  private matcher: Matcher;

  private readonly store = new Map<Text, PageMention[]>();
  /** A node's matches before `vet`, kept when it dropped some: `revet` judges them again. */
  private readonly held = new Map<Text, Match[]>();
  private ordered: PageMention[] | null = null;

  private readonly queue = new Set<Node>();
  private pumping: Promise<void> | null = null;
  private pendingFull = false;
  private observer: MutationObserver | null = null;
  private flushTimer: ReturnType<typeof setTimeout> | null = null;
  private firstPendingAt = 0;
  private needCleanup = false;
  private stopped = false;

  private scope: ScanScope;
  /** What is scanned: the article's roots, or the body. */
  private roots: Element[] = [];
  /** The roots are the whole body because no article was found (yet). */
  private rootsAreFallback = false;
  private extraSkip: ExtraSkip | undefined;
  /** Entities that may be underlined (null: all of them). */
  private keep: ((entityId: string) => boolean) | null = null;
  private firstPerParagraph: boolean;
  /** Paragraph -> entity -> the text node holding its first shown mention. */
  private shownIn = new WeakMap<Element, Map<string, Text>>();

  constructor(opts: ScannerOptions) {
    this.opts = opts;
    this.doc = opts.doc;
    this.painter = opts.painter;
    this.matcher = opts.matcher;
    this.scope = opts.scope;
    this.firstPerParagraph = opts.firstPerParagraph;
  }

  /** Starts observing the page and scans it. */
  start(): Promise<void> {
    this.observer = new MutationObserver((records) => this.onMutations(records));
    this.observer.observe(this.doc.documentElement, {
      childList: true,
      subtree: true,
      characterData: true,
    });
    return this.rescanAll();
  }

  stop(): void {
    this.stopped = true;
    this.observer?.disconnect();
    if (this.flushTimer) clearTimeout(this.flushTimer);
    this.store.clear();
    this.held.clear();
    this.queue.clear();
  }

  /** Whether nothing is underlined (pointer moves then cost nothing). */
  get empty(): boolean {
    return this.store.size === 0;
  }

  /** The mentions held for one text node. */
  mentionsIn(node: Text): readonly PageMention[] | undefined {
    return this.store.get(node);
  }

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
      this.opts.onForget(gone);
      const left = ms.filter((m) => keep(m.entityId));
      if (left.length > 0) this.store.set(node, left);
      else this.store.delete(node);
    }
    this.ordered = null;
  }

  setScope(scope: ScanScope, rescan: boolean): Promise<void> {
    this.scope = scope;
    return rescan ? this.rescanAll() : Promise.resolve();
  }

  setFirstPerParagraph(on: boolean, rescan: boolean): Promise<void> {
    this.firstPerParagraph = on;
    return rescan ? this.rescanAll() : Promise.resolve();
  }

  setMatcher(matcher: Matcher): Promise<void> {
    this.matcher = matcher;
    return this.rescanAll();
  }

  /** Forgets every mention and scans again. */
  rescanAll(): Promise<void> {
    for (const ms of this.store.values()) this.painter.unpaint(ms);
    this.store.clear();
    this.held.clear();
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

  /**
   * Judges again the matches `vet` dropped (the page brought the evidence a name lacked), without
   * reading the page again: only the nodes that had matches dropped are painted anew. Reported
   * as a full pass, as the rescan it stands for would be.
   */
  revet(): Promise<void> {
    this.pendingRevet = true;
    return this.pump();
  }

  private pendingRevet = false;

  private revetHeld(): ScanStats {
    const t0 = performance.now();
    const stats: ScanStats = {
      ms: 0,
      wallMs: 0,
      longestSliceMs: 0,
      slices: 1,
      textNodes: 0,
      chars: 0,
      matches: 0,
      full: true,
    };
    const nodes = [...this.held.keys()];
    // Document order, as a scan meets them (the first mention in a paragraph is the one shown).
    nodes.sort((a, b) =>
      a.compareDocumentPosition(b) & Node.DOCUMENT_POSITION_FOLLOWING ? -1 : 1,
    );
    for (const node of nodes) {
      const raw = this.held.get(node)!;
      if (!node.isConnected) {
        this.held.delete(node);
        continue;
      }
      stats.textNodes++;
      stats.chars += node.data.length;
      this.scanNode(node, raw, true);
    }
    for (const ms of this.store.values()) stats.matches += ms.length;
    stats.ms = stats.wallMs = stats.longestSliceMs = performance.now() - t0;
    return stats;
  }

  /** Resolves when every queued scan has finished. */
  idle(): Promise<void> {
    return this.pumping ?? Promise.resolve();
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

  private findRoots(): Element[] {
    const body = this.doc.body;
    if (!body) return [];
    if (this.scope === 'page') return [body];
    return findArticleRoots(this.doc);
  }

  private pump(): Promise<void> {
    if (!this.pumping) {
      this.pumping = this.runQueue().finally(() => {
        this.pumping = null;
        // Work asked for while the last pass was finishing (after its loop last looked, e.g. by
        // the judgement that follows a pass) gets a pass of its own.
        if (!this.stopped && (this.queue.size > 0 || this.pendingRevet)) void this.pump();
      });
    }
    return this.pumping;
  }

  private async runQueue(): Promise<void> {
    // Let the caller finish its task first: the first slice starts in a task of its own.
    await yieldToMain();
    while ((this.queue.size > 0 || this.pendingRevet) && !this.stopped) {
      if (this.queue.size === 0) {
        this.pendingRevet = false;
        const stats = this.revetHeld();
        this.ordered = null;
        if (this.opts.markScans) markScan(stats);
        this.opts.onScan?.(stats);
        continue;
      }
      const roots = this.dedupe([...this.queue]);
      this.queue.clear();
      const full = this.pendingFull;
      this.pendingFull = false;
      const stats = await this.scanRoots(roots, full);
      if (!stats) return;
      this.ordered = null;
      if (this.opts.markScans) markScan(stats);
      this.opts.onScan?.(stats);
    }
  }

  /** One pass over `roots`, in slices; null when stopped meanwhile. */
  private async scanRoots(roots: Node[], full: boolean): Promise<ScanStats | null> {
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
    // Ends the slice and yields when it is used up; null while there is time left.
    const pause = (): Promise<void> | null => {
      if (performance.now() - sliceStart <= SLICE_MS) return null;
      endSlice();
      return yieldToMain().then(() => {
        sliceStart = performance.now();
      });
    };
    const painted: Text[] = [];
    for (const root of roots) {
      for (const node of textNodesUnder(root, this.extraSkip)) {
        stats.textNodes++;
        stats.chars += node.data.length;
        const found =
          node.data.length > LONG_NODE_CHARS
            ? await this.findInLongNode(node, pause)
            : this.matcher.find(node.data);
        if (this.stopped) return null;
        if (this.scanNode(node, found) > 0) painted.push(node);
        const wait = pause();
        if (wait) {
          await wait;
          if (this.stopped) return null;
        }
      }
    }
    endSlice();
    // Hidden text is not checked here: asking for visibility would force a style recalc
    // inside our task (tens of ms on big pages). Its highlights do not paint anyway; keyboard
    // navigation and the page's entity list skip it when they are used (see visibleMentions).
    for (const node of painted) stats.matches += this.store.get(node)?.length ?? 0;
    stats.wallMs = performance.now() - wallStart;
    return stats;
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

  /**
   * Paints one text node's matches (replacing what it had); returns the number painted.
   * `revet`: the node is judged again in place, after nodes that follow it were scanned.
   */
  private scanNode(node: Text, matches: Match[], revet = false): number {
    const old = this.store.get(node);
    if (old) {
      this.painter.unpaint(old);
      this.store.delete(node);
    }
    this.held.delete(node);
    const keep = this.keep;
    let found = keep ? matches.filter((m) => keep(m.entityId)) : matches;
    if (this.opts.vet && found.length > 0) {
      const raw = found;
      found = this.opts.vet(node, found);
      if (found.length < raw.length) this.held.set(node, raw);
    }
    if (this.firstPerParagraph && found.length > 0)
      found = this.firstInParagraph(node, found, revet);
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

  private firstInParagraph<T extends { entityId: string }>(
    node: Text,
    found: T[],
    revet: boolean,
  ): T[] {
    const para = node.parentElement?.closest(PARAGRAPH) ?? node.parentElement;
    if (!para) return found;
    let first = this.shownIn.get(para);
    if (!first) this.shownIn.set(para, (first = new Map()));
    const kept: T[] = [];
    const here = new Set<string>();
    for (const f of found) {
      const owner = first.get(f.entityId);
      // Judged again: a later node of the paragraph showing this name gives it up to this one.
      if (revet && owner && owner !== node && owner.isConnected && follows(owner, node))
        this.dropEntity(owner, f.entityId);
      else if (owner && owner !== node) continue;
      if (here.has(f.entityId)) continue;
      first.set(f.entityId, node);
      here.add(f.entityId);
      kept.push(f);
    }
    return kept;
  }

  /** Takes one entity's mentions off a node (another node of its paragraph shows it first). */
  private dropEntity(node: Text, entityId: string): void {
    const ms = this.store.get(node);
    if (!ms) return;
    const gone = ms.filter((m) => m.entityId === entityId);
    this.painter.unpaint(gone);
    this.opts.onForget(gone);
    const left = ms.filter((m) => m.entityId !== entityId);
    if (left.length > 0) this.store.set(node, left);
    else this.store.delete(node);
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

  private onMutations(records: MutationRecord[]): void {
    const ours = (n: Node) => this.opts.isOurs(n);
    for (const r of records) {
      if (ours(r.target)) continue;
      if (r.type === 'characterData') this.queue.add(r.target);
      else if (r.type === 'childList') {
        for (const n of r.addedNodes) if (!ours(n)) this.queue.add(n);
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
        this.opts.onForget(ms);
      }
      for (const node of this.held.keys()) if (!node.isConnected) this.held.delete(node);
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
}

/** Whether `a` comes after `b` in the document. */
function follows(a: Node, b: Node): boolean {
  return (b.compareDocumentPosition(a) & Node.DOCUMENT_POSITION_FOLLOWING) !== 0;
}

function markScan(stats: ScanStats): void {
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
}

function round(ms: number): number {
  return Math.round(ms * 100) / 100;
}
