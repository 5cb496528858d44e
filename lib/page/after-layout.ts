/**
 * Page side: runs a function right after the browser has laid out a frame, where reading
 * geometry forces nothing. A ResizeObserver calls back then (re-observing a 1x1 element of ours in
 * an animation frame asks for that call). At any other moment a page that changed since the last
 * frame (a feed, a flood of nodes) would be laid out inside our task; an idle callback is no such
 * moment, since the page's timers run between frame and idle. Hidden tabs have no frames: there,
 * and if no frame comes, idle time (nothing is shown anyway).
 */

/** A busy page still gets its call this soon after it was asked for (hidden tabs). */
const IDLE_TIMEOUT_MS = 100;
/** When no frame comes (the tab is hidden, our host was taken out), run in idle time. */
const NO_FRAME_MS = 1000;
/** What an idle fallback without requestIdleCallback (Safari) says is left of its slice. */
const FALLBACK_SLICE_MS = 8;

/** The sentinel's class: styled by OVERLAY_CSS (lib/page/painter.ts) as 1x1 and hidden. */
export const SENTINEL_CLASS = 'sentinel';

export interface AfterLayout {
  /**
   * Asks for the function to run after the next layout; one call however often asked. Asked from
   * inside an animation frame (`inFrame`), that is this frame's layout: no frame is waited for.
   */
  request(inFrame?: boolean): void;
  /** Whether a call is asked for and has not run. */
  pending(): boolean;
  /** Forgets a call asked for. */
  cancel(): void;
  /** Cancels, and takes the sentinel out. */
  dispose(): void;
}

/**
 * `parent` is where the sentinel lives: an element of ours inside the closed shadow root, that
 * nothing else renders into (a renderer would take the sentinel for one of its own children).
 */
export function createAfterLayout(
  doc: Document,
  parent: () => HTMLElement,
  fn: () => void,
): AfterLayout {
  const view = doc.defaultView!;
  let idle = 0;
  let frame = 0;
  let noFrameTimer = 0;
  let sentinel: HTMLElement | null = null;
  let observer: ResizeObserver | null = null;
  const pending = () => idle !== 0 || frame !== 0 || noFrameTimer !== 0;
  const cancel = () => {
    if (idle) cancelIdle(view, idle);
    if (frame) view.cancelAnimationFrame(frame);
    if (noFrameTimer) view.clearTimeout(noFrameTimer);
    idle = frame = noFrameTimer = 0;
  };
  const run = () => {
    if (!pending()) return; // a call already answered (post-layout and fallback both came)
    cancel();
    fn();
  };
  /** The ResizeObserver's next call comes after this frame's layout. */
  const observe = () => {
    const home = parent();
    if (!sentinel || sentinel.parentNode !== home) {
      sentinel = doc.createElement('div');
      sentinel.className = SENTINEL_CLASS;
      home.append(sentinel);
    }
    observer ??= new ResizeObserver(run);
    observer.unobserve(sentinel);
    observer.observe(sentinel);
  };
  return {
    request(inFrame = false) {
      if (pending()) return;
      if (doc.visibilityState === 'hidden') {
        idle = requestIdle(view, run);
        return;
      }
      /** In an animation frame: the observation is delivered after this frame's layout. */
      const inThisFrame = () => {
        noFrameTimer = view.setTimeout(() => {
          noFrameTimer = 0;
          idle = requestIdle(view, run);
        }, NO_FRAME_MS);
        observe();
      };
      if (inFrame) return inThisFrame();
      frame = view.requestAnimationFrame(() => {
        frame = 0;
        inThisFrame();
      });
    },
    pending,
    cancel,
    dispose() {
      cancel();
      observer?.disconnect();
      observer = null;
      sentinel?.remove();
      sentinel = null;
    },
  };
}

interface PostTask {
  postTask(fn: () => void, options: { priority: 'user-blocking' }): Promise<unknown>;
}

/**
 * Runs `fn` in a task of its own, asked for while the browser renders a frame (in an animation
 * frame or a post-layout call): it runs once the frame is produced, where the whole rendering
 * (style, layout, pre-paint) is up to date and a hit test renders nothing. A 'user-blocking' task
 * runs before the page's timers, which could change the page in between; where there is no
 * `scheduler.postTask`, a message (Firefox). Returns a function that forgets the call.
 */
export function afterFrame(view: Window & typeof globalThis, fn: () => void): () => void {
  let live = true;
  const run = () => {
    if (!live) return;
    live = false;
    fn();
  };
  const scheduler = (view as Window & { scheduler?: Partial<PostTask> }).scheduler;
  if (typeof scheduler?.postTask === 'function')
    scheduler.postTask(run, { priority: 'user-blocking' }).catch(() => undefined);
  else if (typeof view.MessageChannel === 'function') {
    const channel = new view.MessageChannel();
    channel.port1.onmessage = run;
    channel.port2.postMessage(null);
  } else view.setTimeout(run, 0);
  return () => {
    live = false;
  };
}

/**
 * requestIdleCallback (run by `timeout` ms at the latest), or a short timeout where there is none
 * (Safari).
 */
export function requestIdle(
  view: Window,
  fn: (deadline: { timeRemaining(): number; didTimeout: boolean }) => void,
  timeout = IDLE_TIMEOUT_MS,
): number {
  if (typeof view.requestIdleCallback === 'function')
    return view.requestIdleCallback(fn, { timeout });
  return view.setTimeout(
    () => fn({ timeRemaining: () => FALLBACK_SLICE_MS, didTimeout: true }),
    16,
  );
}

export function cancelIdle(view: Window, id: number): void {
  if (typeof view.cancelIdleCallback === 'function') view.cancelIdleCallback(id);
  else view.clearTimeout(id);
}
