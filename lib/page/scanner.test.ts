/**
 * The scanner's queue on a small DOM (linkedom): work asked for while a pass is finishing (after
 * its loop last looked, as the judgement that follows a pass does) gets a pass of its own.
 */
import { parseHTML } from 'linkedom';
import { afterEach, expect, test, vi } from 'vitest';
import { compileMatcher } from '../matcher';
import type { Painter } from './painter';
import { Scanner, type ScanStats } from './scanner';

afterEach(() => vi.unstubAllGlobals());

function setUp(html: string) {
  const { document, window } = parseHTML(html);
  vi.stubGlobal('Node', window.Node);
  vi.stubGlobal('MutationObserver', window.MutationObserver);
  vi.stubGlobal('NodeFilter', {
    SHOW_ELEMENT: 1,
    SHOW_TEXT: 4,
    FILTER_ACCEPT: 1,
    FILTER_REJECT: 2,
    FILTER_SKIP: 3,
  });
  // A small walker in document order that honours what to show (text, elements) and a filter
  // object's accept, skip and reject (linkedom's ignores a filter).
  (document as unknown as { createTreeWalker: unknown }).createTreeWalker = (
    root: Node,
    show: number,
    filter?: { acceptNode(n: Node): number },
  ) => {
    const order: Node[] = [];
    const visit = (n: Node) => {
      for (let c = n.firstChild; c; c = c.nextSibling) {
        const shown = c.nodeType === 3 ? show & 4 : c.nodeType === 1 ? show & 1 : 0;
        const verdict = !shown ? 3 : (filter?.acceptNode(c) ?? 1);
        if (verdict === 1) order.push(c);
        if (verdict !== 2) visit(c);
      }
    };
    visit(root);
    let at = 0;
    return { nextNode: () => order[at++] ?? null };
  };
  const painted: string[] = [];
  const painter = {
    paint: (node: Text, ms: Array<{ start: number; end: number }>) =>
      painted.push(...ms.map((m) => node.data.slice(m.start, m.end))),
    unpaint: () => undefined,
  } as unknown as Painter;
  return { document: document as unknown as Document, painter, painted };
}

test.each([
  ['a re-vet', (s: Scanner) => void s.revet()],
  ['a full rescan', (s: Scanner) => void s.rescanAll()],
])('%s asked for as a pass ends gets its own pass', async (_what, ask) => {
  const { document, painter, painted } = setUp(
    '<html><body><p>Jane Doe spoke to the council on Monday.</p></body></html>',
  );
  const stats: ScanStats[] = [];
  let asked = false;
  const scanner: Scanner = new Scanner({
    doc: document,
    matcher: compileMatcher([['Jane Doe', 'doe']]),
    painter,
    firstPerParagraph: false,
    scope: 'page',
    markScans: false,
    isOurs: () => false,
    onForget: () => undefined,
    onScan: (s) => {
      stats.push(s);
      // After the pass's loop has looked at its queue for the last time.
      if (!asked) queueMicrotask(() => ask(scanner));
      asked = true;
    },
  });
  await scanner.start();
  await vi.waitFor(() => expect(stats).toHaveLength(2));
  await scanner.idle();
  expect(stats.every((s) => s.full)).toBe(true);
  expect(painted[0]).toBe('Jane Doe');
  scanner.stop();
});
