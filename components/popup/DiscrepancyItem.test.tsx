/**
 * A closed difference renders its summary line only; opened (by its summary, or from the start),
 * it renders its body once the body's chunk is in: the reason, the number line of a quantity, and
 * every claim, a quote's differing words marked.
 */
import { parseHTML } from 'linkedom';
import { beforeEach, expect, test, vi } from 'vitest';
import type { ClaimView, DiscrepancyView } from '@/lib/protocol';
import { BODY_FAILED } from './words';

const g = globalThis as unknown as Record<string, unknown>;
let root: Element;
let toggle: () => Event;
beforeEach(() => {
  const {
    document,
    HTMLElement,
    Event: Ev,
  } = parseHTML('<!doctype html><html><body><ul id="r"></ul></body></html>');
  // Browsers have it (Preact listens for "toggle" where the element has `ontoggle`).
  if (!('ontoggle' in HTMLElement.prototype))
    Object.defineProperty(HTMLElement.prototype, 'ontoggle', { value: null, writable: true });
  g.document = document;
  toggle = () => new Ev('toggle') as Event;
  root = document.getElementById('r')!;
});

const claim = (id: string, outlet: string, span: string, sentence: string): ClaimView => ({
  claimId: id,
  sourceId: `s-${outlet}`,
  outlet,
  who: outlet,
  hover: outlet,
  url: null,
  published: null,
  sentence,
  span,
  spanStart: sentence.indexOf(span),
  spanEnd: sentence.indexOf(span) + span.length,
  value: span,
  unit: null,
  low: Number(span) || null,
  high: Number(span) || null,
});
const item = (kind: DiscrepancyView['kind'], claims: ClaimView[]): DiscrepancyView => ({
  id: `d-${kind}`,
  kind,
  topic: 'A topic',
  severity: 'high',
  reason: 'They differ.',
  agreement: false,
  entities: [],
  claims,
  story: null,
});

/**
 * The component, Preact and its test utilities from a fresh module registry: each test starts
 * with the body's chunk not loaded (it is kept at module level once in).
 */
async function fresh() {
  vi.resetModules();
  const item = await import('./DiscrepancyItem');
  const { render } = await import('preact');
  const { act } = await import('preact/test-utils');
  /** Lets what an import or an event set off run to its end, renders and effects included. */
  const settle = () => act(async () => void (await item.loadItemBody().catch(() => undefined)));
  return { ...item, render, act, settle };
}

const open = (details: Element) => {
  details.setAttribute('open', '');
  details.dispatchEvent(toggle());
};
const close = (details: Element) => {
  details.removeAttribute('open');
  details.dispatchEvent(toggle());
};

const CASES: Array<
  [string, DiscrepancyView, { claims: number; figure: boolean; marks: string[] }]
> = [
  [
    'a quantity: its number line and both claims',
    item('quantity', [
      claim('a', 'alpha', '40', 'It cost 40 dollars.'),
      claim('b', 'beta', '55', 'It cost 55 dollars.'),
      claim('c', 'gamma', '41', 'Some 41 dollars.'),
    ]),
    { claims: 3, figure: true, marks: ['40', '55', '41'] },
  ],
  [
    'a quote: the words the other does not have',
    item('quote', [
      claim('a', 'alpha', 'we will win tonight', 'He said: we will win tonight.'),
      claim('b', 'beta', 'we will win today', 'He said: we will win today.'),
    ]),
    { claims: 2, figure: false, marks: ['tonight', 'today'] },
  ],
];

test.each(CASES)(
  'closed, no body; opened before the body is in, its body: %s',
  async (_, d, want) => {
    const { DiscrepancyItem, render, act, settle } = await fresh();
    await act(() => render(<DiscrepancyItem d={d} onOpen={() => {}} />, root));
    const details = root.querySelector('details')!;
    expect([...details.children].map((c) => c.localName)).toEqual(['summary']);

    await act(() => open(details));
    await settle();
    expect(root.querySelector('.reason')?.textContent).toBe('They differ.');
    expect(root.querySelectorAll('.claim').length).toBe(want.claims);
    expect(!!root.querySelector('.numberline')).toBe(want.figure);
    expect([...root.querySelectorAll('mark')].map((m) => m.textContent)).toEqual(want.marks);

    // Closed again, it keeps its body (the next open shows it at once).
    await act(() => close(details));
    expect(root.querySelectorAll('.claim').length).toBe(want.claims);
    render(null, root);
  },
);

test('loaded at idle is not opened: still nothing under the summary', async () => {
  const [, d] = CASES[0]!;
  const { DiscrepancyItem, render, act, settle } = await fresh();
  await act(() => render(<DiscrepancyItem d={d} onOpen={() => {}} />, root));
  await settle();
  expect(root.querySelector('details')!.children.length).toBe(1);
  render(null, root);
});

test('opened from the start: its body once loaded', async () => {
  const [, d, want] = CASES[0]!;
  const { DiscrepancyItem, render, act, settle } = await fresh();
  await act(() => render(<DiscrepancyItem d={d} onOpen={() => {}} open />, root));
  expect(root.querySelectorAll('.claim').length).toBe(0);
  await settle();
  expect(root.querySelectorAll('.claim').length).toBe(want.claims);
  render(null, root);
});

test('a body that fails to load says so, and opening the row again tries again', async () => {
  const [, d, want] = CASES[0]!;
  let fails = true;
  vi.doMock('./ItemBody', async () => {
    if (fails) throw new Error('chunk gone');
    return vi.importActual('./ItemBody');
  });
  try {
    const { DiscrepancyItem, render, act, settle } = await fresh();
    await act(() => render(<DiscrepancyItem d={d} onOpen={() => {}} />, root));
    const details = root.querySelector('details')!;
    await act(() => open(details));
    await settle();
    expect(root.querySelector('[role="alert"]')?.textContent).toBe(BODY_FAILED);
    expect(root.querySelectorAll('.claim').length).toBe(0);

    fails = false;
    await act(() => close(details));
    await act(() => open(details));
    await settle();
    expect(root.querySelector('[role="alert"]')).toBeNull();
    expect(root.querySelectorAll('.claim').length).toBe(want.claims);
    render(null, root);
  } finally {
    vi.doUnmock('./ItemBody');
  }
});
