/**
 * Keeps the background ready for the reader's next preview or change while the options page is
 * in use. Chrome stops an extension's service worker after 30 s without events, and the first
 * change of a new worker life waits for the corpus's analyses to be built again (seconds with a
 * large corpus). So the page asks the background to prepare as soon as it has loaded, and asks
 * again every `READY_EVERY_MS` while it is in use: in view, or hidden for less than
 * `READY_HIDDEN_GRACE_MS` (the reader went to another tab to find an article), and touched in
 * the last `READY_IDLE_LIMIT_MS`. Each ask is an event that resets the worker's idle timer, and a
 * ready background answers at once. A page left open and unused stops asking, so it does not
 * hold the worker's memory for hours; so does one whose ask failed, until the reader's next input.
 */

/** Under Chrome's 30 s idle limit for extension service workers. */
export const READY_EVERY_MS = 20_000;
/** After this long without the reader's input, the page stops asking until the next input. */
export const READY_IDLE_LIMIT_MS = 10 * 60_000;
/**
 * How long a hidden page goes on asking. Chrome runs a hidden tab's timers about once a second
 * for its first 5 minutes, then once a minute at most, too seldom to keep the worker.
 */
export const READY_HIDDEN_GRACE_MS = 4 * 60_000;

/** What the controller needs of the page: its visibility, the reader's input, timers, a clock. */
export interface ReadyPage {
  visible(): boolean;
  /** Calls `onVisibility` on each change of visibility, `onInput` on the reader's input. */
  listen(onVisibility: () => void, onInput: () => void): () => void;
  setTimer(cb: () => void, ms: number): number;
  clearTimer(id: number): void;
  now(): number;
}

/**
 * Starts asking (`ask` sends `prepareChanges`); `onReady` runs after each answer. Returns the
 * stop, which removes every listener and timer it added.
 */
export function keepChangesReady(
  ask: () => Promise<unknown>,
  page: ReadyPage,
  onReady: () => void = () => {},
): () => void {
  let stopped = false;
  let failed = false;
  let timer: number | null = null;
  let inFlight = false;
  let lastInput = page.now();
  // A page opened hidden is not in use until it is shown.
  let hiddenSince = page.visible() ? null : -Infinity;
  const inUse = () =>
    !failed &&
    page.now() - lastInput <= READY_IDLE_LIMIT_MS &&
    (hiddenSince === null || page.now() - hiddenSince < READY_HIDDEN_GRACE_MS);
  const clear = () => {
    if (timer !== null) page.clearTimer(timer);
    timer = null;
  };
  const tick = () => {
    clear();
    if (stopped || !inUse()) return;
    timer = page.setTimer(tick, READY_EVERY_MS);
    // An ask still answering (a cold build) is already keeping the worker busy and alive.
    if (inFlight) return;
    inFlight = true;
    ask()
      .then(() => {
        if (!stopped) onReady();
      })
      // The next preview or change builds what it needs and says what went wrong; asking again
      // every few seconds could build in vain again and again, so the page waits for input.
      .catch((e: unknown) => {
        failed = true;
        clear();
        console.warn('Crosscheck: the background could not get ready for changes', e);
      })
      .finally(() => {
        inFlight = false;
      });
  };
  /** The reader is back (an input, or the page shown): asks resume at once if they had stopped. */
  const used = () => {
    const wasOff = !inUse();
    lastInput = page.now();
    failed = false;
    if (page.visible()) hiddenSince = null;
    if (wasOff) tick();
  };
  const unlisten = page.listen(() => {
    if (page.visible()) used();
    else hiddenSince = page.now();
  }, used);
  tick();
  return () => {
    stopped = true;
    clear();
    unlisten();
  };
}

const INPUTS = ['pointerdown', 'keydown', 'paste', 'focusin', 'wheel'] as const;

/** The options page's document as a ReadyPage. */
export function documentReadyPage(doc: Document = document): ReadyPage {
  const view: Window = doc.defaultView ?? window;
  return {
    visible: () => doc.visibilityState === 'visible',
    listen(onVisibility, onInput) {
      doc.addEventListener('visibilitychange', onVisibility);
      for (const type of INPUTS)
        doc.addEventListener(type, onInput, { capture: true, passive: true });
      return () => {
        doc.removeEventListener('visibilitychange', onVisibility);
        for (const type of INPUTS) doc.removeEventListener(type, onInput, { capture: true });
      };
    },
    setTimer: (cb, ms) => view.setTimeout(cb, ms),
    clearTimer: (id) => view.clearTimeout(id),
    now: () => Date.now(),
  };
}
