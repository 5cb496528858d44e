/**
 * The early frame (early-frame.ts) is the app's first frame for the same kept answers: the same
 * markup, closed rows' bodies aside (not shown until opened), and the app's render over it keeps
 * its nodes (nothing is replaced, so nothing moves and focus stays) and leaves exactly what the
 * app renders on its own.
 */
import { parseHTML } from 'linkedom';
import { render } from 'preact';
import { beforeEach, expect, test } from 'vitest';
import type { ClaimView, DiscrepancyPage, DiscrepancyView, Summary } from '@/lib/protocol';
import type { PopupSnapshot } from '@/lib/protocol/snapshot';
import type { PopupApi } from './api';
import { drawEarlyFrame, EARLY_ONLY } from './early-frame';
import { PopupApp } from './PopupApp';

const g = globalThis as unknown as Record<string, unknown>;
let doc: Document;
beforeEach(() => {
  doc = parseHTML('<!doctype html><html><body><div id="a"></div><div id="b"></div></body></html>')
    .document as unknown as Document;
  g.document = doc;
  g.location = { hash: '', pathname: '/popup.html', search: '' };
});

/** The app asks and is never answered: what is compared is its first render alone. */
const never = () => new Promise<never>(() => {});
const api: PopupApi = {
  send: never,
  prefetch: never,
  activeTab: never,
  sendTab: never,
  openUrl: () => {},
  turnOnSite: never,
};

const claim = (id: string, outlet: string, value: number): ClaimView => ({
  claimId: id,
  sourceId: `s-${outlet}`,
  outlet,
  who: outlet,
  hover: `${outlet}: a title`,
  url: `https://${outlet}.example/a`,
  published: null,
  sentence: `It cost ${value} <b>dollars</b> & more.`,
  span: String(value),
  spanStart: 8,
  spanEnd: 8 + String(value).length,
  value: String(value),
  unit: null,
  low: value,
  high: value,
});

const item = (
  n: number,
  story: DiscrepancyView['story'],
  over: Partial<DiscrepancyView> = {},
): DiscrepancyView => ({
  id: `d${n}`,
  kind: (['quantity', 'time', 'quote', 'label'] as const)[n % 4]!,
  topic: `Topic <i>${n}</i>`,
  severity: (['high', 'medium', 'low'] as const)[n % 3]!,
  reason: 'They differ.',
  agreement: false,
  entities: [],
  claims: [claim(`c${n}a`, 'alpha', 10 + n), claim(`c${n}b`, 'beta', 20 + n)],
  story,
  ...over,
});

const storyA = { id: 'sa', label: 'Alpha · Beta', sources: 4 };
const storyB = { id: 'sb', label: 'Gamma <script>', sources: 2 };
const summary = (rows: number): Summary => ({
  sources: 1,
  entities: 12,
  discrepancies: 30,
  agreements: 2,
  stories: [storyA, storyB],
  coverage: {
    outlets: [],
    rows: Array.from({ length: rows }, (_, i) => ({
      entityId: `e${i}`,
      name: `Name ${rows - i}`,
      counts: [],
    })),
  },
});
const listPage = (
  items: DiscrepancyView[],
  over: Partial<DiscrepancyPage> = {},
): DiscrepancyPage => ({
  items,
  offset: 0,
  total: items.length,
  excluded: 0,
  agreements: 0,
  stories: new Set(items.map((d) => d.story?.id)).size,
  names: [{ id: 'x1', name: 'Zed & Co' }],
  ...over,
});

const CASES: Array<[string, PopupSnapshot]> = [
  [
    'two stories, more than the top three, agreements, few names',
    {
      summary: summary(8),
      firstPage: listPage(
        [item(1, storyA), item(2, storyA), item(3, storyB), item(4, null), item(5, storyB)],
        { total: 40, agreements: 3 },
      ),
    },
  ],
  [
    'one story, an agreement, no summary kept',
    {
      summary: null,
      firstPage: listPage([item(1, storyA, { agreement: true }), item(2, storyA)]),
    },
  ],
  [
    'more names than the filter lists at first',
    { summary: summary(260), firstPage: listPage([item(1, storyA)], { names: null }) },
  ],
  ['an empty list', { summary: { ...summary(0), sources: 0 }, firstPage: listPage([]) }],
  [
    'nothing left after exclusions',
    { summary: summary(2), firstPage: listPage([], { excluded: 2 }) },
  ],
];

/**
 * The markup as shown: closed rows' bodies (not shown until opened) left out, and the select's
 * value (a property in a browser, which linkedom writes as an attribute).
 */
function shown(root: Element): string {
  const copy = root.cloneNode(true) as Element;
  copy.querySelector('select')?.removeAttribute('value');
  for (const d of copy.querySelectorAll('details'))
    for (const c of [...d.childNodes]) if ((c as Element).localName !== 'summary') c.remove();
  return copy.innerHTML;
}

test.each(CASES)('the early frame is the app’s first frame: %s', (_, kept) => {
  const early = doc.getElementById('a')!;
  const alone = doc.getElementById('b')!;
  expect(drawEarlyFrame(early, kept)).toBe(true);
  const drawn = shown(early);
  const rows = [...early.querySelectorAll('li.disc')];
  const select = early.querySelector('select');
  // Stored text stays text.
  expect(early.querySelector('b, i, script')).toBeNull();
  // Nothing in it takes input before the app: the app's render would reset it.
  expect(early.querySelector('main')!.hasAttribute('inert')).toBe(true);

  render(<PopupApp api={api} initialEntity={null} snapshot={kept} />, alone);
  expect(EARLY_ONLY.reduce((html, a) => html.replace(` ${a}=""`, ''), drawn)).toBe(shown(alone));

  // The app over the early frame: the same nodes, and then exactly the app's own markup.
  render(<PopupApp api={api} initialEntity={null} snapshot={kept} />, early);
  expect([...early.querySelectorAll('li.disc')]).toEqual(rows);
  expect(early.querySelector('select')).toBe(select);
  for (const a of EARLY_ONLY) expect(early.querySelector(`[${a}]`)).toBeNull();
  expect(shown(early)).toBe(shown(alone));
  expect(early.querySelectorAll('details > *').length).toBe(
    alone.querySelectorAll('details > *').length,
  );
  render(null, early);
  render(null, alone);
});

test('no early frame without a kept list, over the app, or on a filtered open', () => {
  const root = doc.getElementById('a')!;
  expect(drawEarlyFrame(root, null)).toBe(false);
  expect(drawEarlyFrame(root, { summary: summary(2), firstPage: null })).toBe(false);
  expect(drawEarlyFrame(null, CASES[0]![1])).toBe(false);
  g.location = { hash: '#entity=e1' };
  expect(drawEarlyFrame(root, CASES[0]![1])).toBe(false);
  expect(root.firstChild).toBeNull();
  g.location = { hash: '' };
  root.append(doc.createElement('main'));
  expect(drawEarlyFrame(root, CASES[0]![1])).toBe(false);
  expect(root.childNodes.length).toBe(1);
});
