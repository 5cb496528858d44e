/**
 * The card host's schedule, on a linkedom page whose geometry reads are logged with the moment
 * they happen in: the card asked for is rendered and placed right after a frame's layout (the
 * ResizeObserver's call), never in the task that asked for it, and it is never in the page
 * unplaced, nor with a new name where the last one was.
 */
import { parseHTML } from 'linkedom';
import { afterEach, describe, expect, test, vi } from 'vitest';
import type { PageMention } from '@/lib/page/painter';
import { fakeResizeObserver, type Observed } from '../tests/unit/fixtures/resize-observer';
import { createCardHost } from './HovercardHost';

type Phase = 'task' | 'frame' | 'after-layout';

function fakePage(getCard: () => Promise<null> = () => new Promise(() => undefined)) {
  const { window, document } = parseHTML(
    '<html><body><p>Yesterday Ana Duarte met Rui Lobo.</p><div id="layer"></div></body></html>',
  );
  let phase: Phase = 'task';
  const reads: Phase[] = [];
  const frames: Array<() => void> = [];
  const observed: Observed[] = [];
  let nextId = 1;
  Object.assign(window, {
    innerWidth: 1200,
    innerHeight: 800,
    requestAnimationFrame: (fn: () => void) => (frames.push(fn), nextId++),
    cancelAnimationFrame: (id: number) => void id,
    setTimeout: () => nextId++,
    clearTimeout: () => undefined,
  });
  Object.defineProperty(document, 'visibilityState', { value: 'visible' });
  // The mention's line: its left edge at 10 times its start offset, 100 px from the top.
  document.createRange = () => {
    let start = 0;
    return {
      setStart: (_n: unknown, at: number) => {
        start = at;
      },
      setEnd: () => undefined,
      getClientRects: () => {
        reads.push(phase);
        return [{ left: start * 10, right: start * 10 + 80, top: 100, bottom: 118, width: 80 }];
      },
    } as unknown as Range;
  };
  window.HTMLElement.prototype.getBoundingClientRect = () => {
    reads.push(phase);
    return { left: 0, top: 0, right: 360, bottom: 240, width: 360, height: 240 } as DOMRect;
  };
  vi.stubGlobal('ResizeObserver', fakeResizeObserver(observed));
  vi.stubGlobal('document', document); // Preact creates elements with the global document
  vi.stubGlobal('HTMLElement', window.HTMLElement);

  const text = document.querySelector('p')!.firstChild as Text;
  const mention = (name: string, entityId: string): PageMention => {
    const start = text.data.indexOf(name);
    return { node: text, start, end: start + name.length, entityId };
  };
  const container = document.getElementById('layer')!;
  /** One frame: animation frame callbacks, layout, then the sentinel's ResizeObserver call. */
  const frame = () => {
    phase = 'frame';
    for (const fn of frames.splice(0)) fn();
    phase = 'after-layout';
    const due = observed.filter(
      (o) => (o.target as { className?: string }).className === 'sentinel',
    );
    for (const o of due) o.fire();
    for (const o of due) observed.splice(observed.indexOf(o), 1);
    phase = 'task';
  };
  const host = createCardHost({
    mount: () => ({ container, host: container }),
    contains: () => false,
    unmount: () => undefined,
    getCard, // by default the card stays loading
    entityInfo: (id) => ({ name: id, type: 'person' }),
    theme: () => 'light',
    covered: () => true,
    site: 'example.org',
    onDisableSite: () => undefined,
    onOpenList: () => undefined,
    onRequestClose: () => undefined,
  });
  const card = () => {
    const el = container.querySelector<HTMLElement>('[role="dialog"]');
    return el && { title: el.querySelector('h2')?.textContent, left: el.style.left };
  };
  /** Runs `fn` in the next frame's animation frame callbacks. */
  const inNextFrame = (fn: () => void) => frames.push(fn);
  return { host, mention, frame, inNextFrame, reads, card, container };
}

describe('card host schedule', () => {
  afterEach(() => vi.unstubAllGlobals());

  test('the card appears after a layout, already placed; nothing is measured in the task', () => {
    const page = fakePage();
    const m = page.mention('Ana Duarte', 'ana-duarte');
    page.host.show(m, 'pointer', null);
    expect(page.card()).toBeNull();
    expect(page.reads).toEqual([]);
    page.frame();
    expect(page.card()).toEqual({ title: 'ana-duarte', left: `${m.start * 10}px` });
    expect(page.reads.length).toBeGreaterThan(0);
    expect(new Set(page.reads)).toEqual(new Set(['after-layout']));
  });

  test('asked for in an animation frame: placed after that same frame’s layout', () => {
    const page = fakePage();
    const m = page.mention('Rui Lobo', 'rui-lobo');
    page.inNextFrame(() => page.host.show(m, 'pointer', null, true));
    page.frame();
    expect(page.card()).toEqual({ title: 'rui-lobo', left: `${m.start * 10}px` });
    expect(new Set(page.reads)).toEqual(new Set(['after-layout']));
  });

  test('a card prepared while the pointer rests opens as the same element, shown', async () => {
    const page = fakePage(() => Promise.resolve(null));
    const m = page.mention('Ana Duarte', 'ana-duarte');
    page.host.prefetch(m);
    await Promise.resolve();
    page.frame();
    const prepared = page.container.querySelector<HTMLElement>('.card');
    expect(prepared?.getAttribute('aria-hidden')).toBe('true');
    expect(page.card()).toBeNull(); // no dialog until it opens
    expect(prepared!.parentElement!.style.visibility).toBe('hidden');
    page.inNextFrame(() => page.host.show(m, 'pointer', null, true));
    page.frame();
    const shown = page.container.querySelector<HTMLElement>('[role="dialog"]');
    expect(shown).toBe(prepared);
    expect(shown!.parentElement!.style.visibility).toBe('');
    expect(page.card()).toEqual({ title: 'ana-duarte', left: `${m.start * 10}px` });
    expect(page.container.querySelectorAll('.card')).toHaveLength(1);
  });

  test('another name: the last card stays where it was until the new one is placed', () => {
    const page = fakePage();
    const first = page.mention('Ana Duarte', 'ana-duarte');
    const second = page.mention('Rui Lobo', 'rui-lobo');
    page.host.show(first, 'pointer', null);
    page.frame();
    page.host.show(second, 'pointer', null);
    expect(page.card()).toEqual({ title: 'ana-duarte', left: `${first.start * 10}px` });
    page.frame();
    expect(page.card()).toEqual({ title: 'rui-lobo', left: `${second.start * 10}px` });
  });

  test('hidden before the layout: no card ever appears', () => {
    const page = fakePage();
    page.host.show(page.mention('Ana Duarte', 'ana-duarte'), 'pointer', null);
    page.host.hide();
    page.frame();
    expect(page.card()).toBeNull();
    expect(page.reads).toEqual([]);
  });
});
