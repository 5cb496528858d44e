/**
 * Tests read what Crosscheck shows on a page from inside its content script's isolated world,
 * reached through the DevTools protocol. The page itself cannot see any of it: underlines and the
 * card live in a closed shadow root, and the content script's globals belong to another world.
 * Clicks and hovers stay real (page.mouse): the extension ignores synthetic events.
 */
import type { CDPSession, Page } from '@playwright/test';
import { expect } from '@playwright/test';
import type { ScanStats } from '../../lib/page/controller';

export interface Underlined {
  text: string;
  entityId: string;
  before: string;
  after: string;
  /** Inside the seed article pasted into a real page. */
  seeded: boolean;
  /** Viewport centre of the mention's first line box (-1 when it has none). */
  x: number;
  y: number;
}

export type { ScanStats } from '../../lib/page/controller';

export interface CardView {
  entity: string;
  title: string;
  text: string;
  labelledBy: string | null;
  rect: { x: number; y: number; width: number; height: number };
}

/** The probe the content script leaves on its world's global (entrypoints/content). */
export interface WorldGlobals {
  __crosscheck?: {
    scans: number;
    lastScan: ScanStats | null;
    controller(): {
      mentions(): Array<{ node: Text; start: number; end: number; entityId: string }>;
      intentPending(): boolean;
      inputsHandled: number;
    } | null;
    ui(): { root: ShadowRoot; host: HTMLElement } | null;
  };
}

interface ContextInfo {
  id: number;
  origin: string;
  auxData?: { frameId?: string; isDefault?: boolean };
}

export class ContentWorld {
  private readonly contexts = new Map<number, ContextInfo>();

  private constructor(
    readonly page: Page,
    private readonly cdp: CDPSession,
    private readonly origin: string,
  ) {
    cdp.on('Runtime.executionContextCreated', (e: { context: ContextInfo }) => {
      this.contexts.set(e.context.id, e.context);
    });
    cdp.on('Runtime.executionContextDestroyed', (e: { executionContextId: number }) => {
      this.contexts.delete(e.executionContextId);
    });
    cdp.on('Runtime.executionContextsCleared', () => this.contexts.clear());
  }

  /** Attach before or after navigating; contexts that already exist are reported on enable. */
  static async attach(page: Page, extensionId: string): Promise<ContentWorld> {
    const cdp = await page.context().newCDPSession(page);
    const world = new ContentWorld(page, cdp, `chrome-extension://${extensionId}`);
    await cdp.send('Runtime.enable');
    return world;
  }

  private async contextId(): Promise<number | null> {
    const { frameTree } = (await this.cdp.send('Page.getFrameTree')) as {
      frameTree: { frame: { id: string } };
    };
    let found: number | null = null;
    for (const c of this.contexts.values()) {
      if (c.origin === this.origin && c.auxData?.frameId === frameTree.frame.id) found = c.id;
    }
    return found;
  }

  /** Runs `fn(arg)` in the content script's world; waits for that world to exist. */
  async evaluate<R, A = undefined>(fn: (arg: A) => R | Promise<R>, arg?: A): Promise<R> {
    const expression = `(${fn.toString()})(${JSON.stringify(arg ?? null)})`;
    for (let attempt = 0; ; attempt++) {
      const contextId = await this.contextId();
      if (contextId !== null) {
        const reply = (await this.cdp
          .send('Runtime.evaluate', {
            contextId,
            expression,
            returnByValue: true,
            awaitPromise: true,
          })
          .catch((e: Error) => ({ lost: e.message }))) as
          | { lost: string }
          | { result: { value: R }; exceptionDetails?: { exception?: { description?: string } } };
        if (!('lost' in reply)) {
          if (reply.exceptionDetails)
            throw new Error(reply.exceptionDetails.exception?.description ?? 'evaluate failed');
          return reply.result.value;
        }
      }
      if (attempt > 400) throw new Error('The content script never started on this page.');
      await this.page.waitForTimeout(25);
    }
  }

  /** Number of finished scan passes. */
  scans(): Promise<number> {
    return this.evaluate(() => (globalThis as WorldGlobals).__crosscheck?.scans ?? 0);
  }

  /** Waits until more than `after` scan passes have finished; returns the last one's figures. */
  async waitForScan(after = 0, timeout = 30_000): Promise<ScanStats> {
    await expect.poll(() => this.scans(), { timeout }).toBeGreaterThan(after);
    return (await this.evaluate(
      () => (globalThis as WorldGlobals).__crosscheck?.lastScan ?? null,
    ))!;
  }

  /** Every mention the content script holds (of `text` only, when given), in document order. */
  underlined(text?: string): Promise<Underlined[]> {
    return this.evaluate((text) => {
      const c = (globalThis as WorldGlobals).__crosscheck?.controller();
      if (!c) return [];
      const all = c.mentions();
      const wanted = text ? all.filter((m) => m.node.data.slice(m.start, m.end) === text) : all;
      return wanted.map((m) => {
        const r = document.createRange();
        r.setStart(m.node, m.start);
        r.setEnd(m.node, m.end);
        const rect = r.getClientRects()[0];
        return {
          text: m.node.data.slice(m.start, m.end),
          entityId: m.entityId,
          before: m.node.data.slice(Math.max(0, m.start - 30), m.start),
          after: m.node.data.slice(m.end, m.end + 30),
          seeded: !!m.node.parentElement?.closest('[data-seeded]'),
          x: rect ? rect.left + rect.width / 2 : -1,
          y: rect ? rect.top + rect.height / 2 : -1,
        };
      });
    }, text ?? null);
  }

  /** Underline boxes drawn in the overlay. */
  boxes(): Promise<number> {
    return this.evaluate(
      () =>
        (globalThis as WorldGlobals).__crosscheck?.ui()?.root.querySelectorAll('.u').length ?? 0,
    );
  }

  /** The open card, or null. */
  card(): Promise<CardView | null> {
    return this.evaluate(() => {
      const el = (globalThis as WorldGlobals).__crosscheck
        ?.ui()
        ?.root.querySelector<HTMLElement>('[role="dialog"]');
      if (!el) return null;
      const r = el.getBoundingClientRect();
      return {
        entity: el.dataset.entity ?? '',
        title: el.querySelector('h2')?.textContent ?? '',
        text: el.textContent ?? '',
        labelledBy: el.getAttribute('aria-labelledby'),
        rect: { x: r.x, y: r.y, width: r.width, height: r.height },
      };
    });
  }

  async cardTitle(): Promise<string | null> {
    return (await this.card())?.title ?? null;
  }

  /** Waits for a card titled `title` (any card when omitted) and returns it. */
  async waitForCard(title?: string, timeout = 10_000): Promise<CardView> {
    await expect
      .poll(
        async () => {
          const t = await this.cardTitle();
          return title === undefined ? t !== null : t === title;
        },
        { timeout },
      )
      .toBe(true);
    return (await this.card())!;
  }

  async waitForNoCard(): Promise<void> {
    await expect.poll(() => this.cardTitle()).toBeNull();
  }

  /** Whether a hover is still deciding (fetch, show or hide timers pending). */
  intentPending(): Promise<boolean> {
    return this.evaluate(
      () => (globalThis as WorldGlobals).__crosscheck?.controller()?.intentPending() ?? false,
    );
  }

  /** Centre of an element inside the card, in viewport coordinates. */
  async pointInCard(selector: string, hasText?: string): Promise<{ x: number; y: number }> {
    const p = await this.evaluate(
      ({ selector, hasText }) => {
        const root = (globalThis as WorldGlobals).__crosscheck?.ui()?.root;
        const els = [...(root?.querySelectorAll<HTMLElement>(selector) ?? [])];
        const el = els.find((e) => !hasText || (e.textContent ?? '').includes(hasText));
        if (!el) return null;
        const r = el.getBoundingClientRect();
        return { x: r.left + r.width / 2, y: r.top + r.height / 2 };
      },
      { selector, hasText },
    );
    if (!p) throw new Error(`No ${selector} ${hasText ?? ''} in the card.`);
    return p;
  }

  /** A real (trusted) click on an element of the card. */
  async clickInCard(selector: string, hasText?: string): Promise<void> {
    const p = await this.pointInCard(selector, hasText);
    await this.page.mouse.click(p.x, p.y);
  }

  /** Role of the element focused inside our shadow root. */
  focusedRole(): Promise<string | null> {
    return this.evaluate(
      () =>
        (globalThis as WorldGlobals).__crosscheck?.ui()?.root.activeElement?.getAttribute('role') ??
        null,
    );
  }

  /** Scrolls a mention to mid-screen and rests the (real) pointer on it. */
  async hover(text: string, nth = 0): Promise<Underlined> {
    const all = (await this.underlined(text)).filter((h) => h.y > 0);
    const h = all[nth];
    if (!h) throw new Error(`No underlined "${text}" on the page.`);
    await this.page.evaluate(({ y }) => window.scrollBy(0, y - window.innerHeight / 2), {
      y: h.y,
    });
    const fresh = (await this.underlined(text)).filter((x) => x.y > 0)[nth]!;
    await this.page.mouse.move(fresh.x, fresh.y, { steps: 2 });
    return fresh;
  }

  async detach(): Promise<void> {
    await this.cdp.detach().catch(() => undefined);
  }
}
