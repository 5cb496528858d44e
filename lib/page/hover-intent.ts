/**
 * Page side: which mention the reader means. The mention under the pointer (hit-tested against
 * the drawn underlines, or the text under the point), the hover intent (prefetch, then show after
 * a rest; hide after a grace period unless the pointer comes back or is on the card), touch taps
 * and Escape. Only trusted events reach it (the controller filters them).
 */
import type { PageMention, Painter } from './painter';

export type OpenedBy = 'pointer' | 'keyboard' | 'touch';

export interface CardHost {
  /**
   * The pointer has rested on a mention long enough that its card will probably open: fetch its
   * data (and prepare the card out of sight).
   */
  prefetch(mention: PageMention): void;
  /**
   * Opens the card. `inFrame`: called from an animation frame, so the card can be placed after
   * this frame's layout and painted in it.
   */
  show(
    mention: PageMention,
    how: OpenedBy,
    point: { x: number; y: number } | null,
    inFrame?: boolean,
  ): void;
  hide(): void;
  /** Whether an event target belongs to our UI. */
  contains(target: EventTarget | null): boolean;
}

/** Wikipedia page-preview timings (mediawiki-extensions-Popups src/constants.js). */
export const FETCH_DELAY_MS = 150;
export const HIDE_GRACE_MS = 300;
/** A frame at 60 Hz: the show timer wakes this long before the delay ends, to end it in a frame. */
const FRAME_MS = 1000 / 60;

export interface HoverIntentOptions {
  doc: Document;
  card: CardHost;
  painter: Painter;
  hoverDelayMs: number;
  /** Nothing is underlined: pointer moves need no hit test. */
  empty(): boolean;
  /** The mentions held for a text node (hit tests before the underlines are drawn). */
  mentionsIn(node: Text): readonly PageMention[] | undefined;
}

export class HoverIntent {
  private readonly opts: HoverIntentOptions;
  hoverDelayMs: number;
  private hovered: PageMention | null = null;
  /** The mention whose card is open. */
  shown: PageMention | null = null;
  private shownBy: OpenedBy | null = null;
  private overCard = false;
  private token = 0;
  private fetchTimer: ReturnType<typeof setTimeout> | null = null;
  private showTimer: ReturnType<typeof setTimeout> | null = null;
  private hideTimer: ReturnType<typeof setTimeout> | null = null;
  /** The animation frame that ends the hover delay (the card opens in it). */
  private showFrame = 0;
  private lastPointerType = 'mouse';
  private point = { x: 0, y: 0 };
  /** When the pointer reached `point` (its event's time, on the document's clock). */
  private pointAt = 0;
  private frame = 0;
  private moveTarget: EventTarget | null = null;
  /** Trusted pointer moves acted on (tests check that forged ones never count). */
  inputsHandled = 0;

  constructor(opts: HoverIntentOptions) {
    this.opts = opts;
    this.hoverDelayMs = opts.hoverDelayMs;
  }

  stop(): void {
    for (const t of [this.fetchTimer, this.showTimer, this.hideTimer]) if (t) clearTimeout(t);
    cancelAnimationFrame(this.frame);
    cancelAnimationFrame(this.showFrame);
    this.closeCard();
  }

  /** Whether a hover is still deciding: a fetch, show or hide timer (or frame) is pending. */
  pending(): boolean {
    return (
      this.fetchTimer !== null ||
      this.showTimer !== null ||
      this.showFrame !== 0 ||
      this.hideTimer !== null
    );
  }

  /** The mention at a viewport point, or null. */
  hitTest(x: number, y: number): PageMention | null {
    const drawn = this.opts.painter.fromPoint(x, y);
    if (drawn) return drawn;
    // Not drawn yet (measuring a long page takes a few frames): ask the text under the point.
    const doc = this.opts.doc;
    const caret = caretAt(doc, x, y);
    if (caret?.node.nodeType !== 3) return null;
    const candidates = this.opts.mentionsIn(caret.node as Text);
    if (!candidates) return null;
    for (const m of candidates) {
      if (caret.offset < m.start || caret.offset > m.end) continue;
      // The caret snaps to the nearest character: check the point is really on the mention.
      const r = doc.createRange();
      r.setStart(m.node, m.start);
      r.setEnd(m.node, m.end);
      for (const rect of r.getClientRects()) {
        if (x >= rect.left && x <= rect.right && y >= rect.top && y <= rect.bottom) return m;
      }
    }
    return null;
  }

  onPointerDown(e: PointerEvent): void {
    this.lastPointerType = e.pointerType;
  }

  onPointerMove(e: PointerEvent): void {
    this.inputsHandled++;
    if (e.pointerType === 'touch') return;
    // Nothing underlined and no card: no hit-testing work on this page.
    if (this.opts.empty() && !this.shown && !this.hovered) return;
    this.point = { x: e.clientX, y: e.clientY };
    // The delay counts from the move itself, not from the frame that looks at it.
    const now = performance.now();
    this.pointAt = e.timeStamp > 0 && e.timeStamp <= now ? e.timeStamp : now;
    this.moveTarget = e.target;
    if (this.frame) return;
    this.frame = requestAnimationFrame(() => this.evaluateMove());
  }

  /** Looks at the last pointer move (once per frame). */
  private evaluateMove(): void {
    cancelAnimationFrame(this.frame);
    this.frame = 0;
    this.evaluate(this.moveTarget);
  }

  private evaluate(target: EventTarget | null): void {
    if (this.opts.card.contains(target)) {
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
      if (token === this.token) this.opts.card.prefetch(m);
    }, FETCH_DELAY_MS);
    // A stale hover never opens a card: the pointer must still be on this mention.
    const live = () => token === this.token && this.hovered === m;
    const deadline = this.pointAt + this.hoverDelayMs;
    // The delay ends in the frame nearest its end: the card is rendered and placed after that
    // frame's layout and painted in it, instead of waiting up to a frame after a timer.
    const inFrame = (frameTime: number) => {
      this.showFrame = 0;
      // A move this frame has not looked at yet may have left the mention.
      if (this.frame) this.evaluateMove();
      if (!live()) return;
      if (frameTime < deadline - FRAME_MS / 2) {
        this.showFrame = requestAnimationFrame(inFrame);
        return;
      }
      this.openCard(m, 'pointer', point, true);
    };
    this.showTimer = setTimeout(
      () => {
        this.showTimer = null;
        if (!live()) return;
        // No frames in a hidden tab: opened now (it shows when the tab does).
        if (this.opts.doc.visibilityState === 'hidden') this.openCard(m, 'pointer', point);
        else this.showFrame = requestAnimationFrame(inFrame);
      },
      Math.max(0, deadline - performance.now() - FRAME_MS),
    );
  }

  /** The pointer left the mention (or the page). */
  leaveMention(): void {
    this.hovered = null;
    this.token++;
    this.clearIntentTimers();
    if (this.shown && this.shownBy !== 'keyboard') this.scheduleHide();
  }

  onClick(e: MouseEvent): void {
    if (this.lastPointerType !== 'touch') return;
    if (this.opts.card.contains(e.target)) return;
    const m = this.hitTest(e.clientX, e.clientY);
    if (!m) {
      this.closeCard();
      return;
    }
    // A mention inside a link or a control: the tap belongs to the page.
    if ((e.target as Element | null)?.closest?.('a[href], button, [role="button"], label')) return;
    this.openCard(m, 'touch', { x: e.clientX, y: e.clientY });
  }

  onKeyDown(e: KeyboardEvent): void {
    if (e.key === 'Escape' && this.shown) this.closeCard();
  }

  openCard(
    m: PageMention,
    how: OpenedBy,
    point: { x: number; y: number } | null,
    inFrame = false,
  ): void {
    this.cancelHide();
    this.shown = m;
    this.shownBy = how;
    this.opts.painter.setActive(m);
    this.opts.card.show(m, how, point, inFrame);
  }

  closeCard(): void {
    if (!this.shown) return;
    this.shown = null;
    this.shownBy = null;
    this.overCard = false;
    this.opts.painter.setActive(null);
    this.opts.card.hide();
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
    if (this.showFrame) cancelAnimationFrame(this.showFrame);
    this.fetchTimer = this.showTimer = null;
    this.showFrame = 0;
  }
}

/** The same mention, even after a rescan made a new record for it. */
export function sameMention(a: PageMention, b: PageMention): boolean {
  return a.node === b.node && a.start === b.start && a.entityId === b.entityId;
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
