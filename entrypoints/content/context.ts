/**
 * Our replacement for WXT's `ContentScriptContext` (wxt.config.ts aliases
 * `wxt/utils/content-script-context` to this file).
 *
 * WXT's context announces each start to the page (a `postMessage` and a DOM event whose names
 * carry the extension id) and stops itself when it hears that event, so any page could learn
 * the id and switch Crosscheck off by sending it. Here nothing crosses into the page:
 * - a newer instance in the same isolated world (re-injection, dev reload) stops the older one
 *   through a global of that world, which the page cannot see;
 * - an orphaned script (extension updated, reloaded or removed) notices that `runtime.id` is gone
 *   and stops quietly, with no "Extension context invalidated" error in the page's console.
 */
import { browser } from 'wxt/browser';

const ORPHAN_CHECK_MS = 2000;

interface WorldGlobal {
  __crosscheckContext?: ContentScriptContext;
}

export class ContentScriptContext {
  private readonly controller = new AbortController();

  constructor(
    readonly contentScriptName: string,
    readonly options?: unknown,
  ) {
    const world = globalThis as WorldGlobal;
    world.__crosscheckContext?.notifyInvalidated();
    world.__crosscheckContext = this;
    const timer = setInterval(() => void this.isInvalid, ORPHAN_CHECK_MS);
    this.onInvalidated(() => clearInterval(timer));
  }

  get signal(): AbortSignal {
    return this.controller.signal;
  }

  get isInvalid(): boolean {
    if (!this.signal.aborted && !extensionAlive()) this.notifyInvalidated();
    return this.signal.aborted;
  }

  get isValid(): boolean {
    return !this.isInvalid;
  }

  onInvalidated(cb: () => void): () => void {
    this.signal.addEventListener('abort', cb);
    return () => this.signal.removeEventListener('abort', cb);
  }

  /** A promise that never settles, for work that must not go on once invalidated. */
  block<T>(): Promise<T> {
    return new Promise(() => undefined);
  }

  setTimeout(handler: () => void, timeout?: number): ReturnType<typeof setTimeout> {
    const id = setTimeout(() => {
      if (this.isValid) handler();
    }, timeout);
    this.onInvalidated(() => clearTimeout(id));
    return id;
  }

  setInterval(handler: () => void, timeout?: number): ReturnType<typeof setInterval> {
    const id = setInterval(() => {
      if (this.isValid) handler();
    }, timeout);
    this.onInvalidated(() => clearInterval(id));
    return id;
  }

  requestAnimationFrame(callback: FrameRequestCallback): number {
    const id = requestAnimationFrame((t) => {
      if (this.isValid) callback(t);
    });
    this.onInvalidated(() => cancelAnimationFrame(id));
    return id;
  }

  requestIdleCallback(callback: IdleRequestCallback, options?: IdleRequestOptions): number {
    const id = requestIdleCallback((d) => {
      if (!this.signal.aborted) callback(d);
    }, options);
    this.onInvalidated(() => cancelIdleCallback(id));
    return id;
  }

  addEventListener(
    target: EventTarget,
    type: string,
    handler: (event: Event) => void,
    options?: AddEventListenerOptions,
  ): void {
    target.addEventListener(type, handler, { ...options, signal: this.signal });
  }

  notifyInvalidated(): void {
    if (!this.signal.aborted) this.controller.abort('Content script context invalidated');
  }
}

function extensionAlive(): boolean {
  try {
    return browser.runtime?.id != null;
  } catch {
    return false;
  }
}
