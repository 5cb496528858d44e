/**
 * The popup's first frame from its kept answers, drawn with plain DOM by the early script
 * (entrypoints/popup-early.ts) before Preact and the popup's module have loaded. It is the
 * markup PopupApp renders first for the same answers (the head, "This page vs the others" while
 * the tab is asked about, the list's bar and top rows, "Show all", search), so the popup's CSS
 * styles it the same; main.tsx then renders PopupApp over it, and Preact keeps these very nodes
 * (it reuses the DOM it finds and patches what differs), in one task: nothing moves. Until then
 * the frame is inert (a picture of the list): what a reader typed, ticked or opened there would be
 * reset by the app's first render, so nothing in it takes input or focus.
 * A row's closed <details> body (reason, claims) is not drawn: it is not shown until opened, and
 * the app renders it only then (DiscrepancyItem). Stored text is only ever set as text (append of
 * a string), never as HTML.
 */
import type { PopupSnapshot } from '@/lib/protocol/snapshot';
import { firstOfGroups, groupByStory } from './by-story';
import {
  COLLATOR,
  EAGER_NAMES,
  emptyText,
  headCounts,
  itemHead,
  LOOKING_AT_PAGE,
  TOP,
} from './words';

/** Set on the early frame's <main>; the app's render removes it (it is not the app's). */
export const EARLY_ATTR = 'data-early';
/** The attributes only the early frame's <main> has; the app's render removes them. */
export const EARLY_ONLY = [EARLY_ATTR, 'inert'] as const;
/** The performance mark set when the early frame is in the DOM (for tests/bench). */
export const EARLY_FRAME_MARK = 'crosscheck:early-frame';
/**
 * The performance mark the early script sets once a frame has painted the early frame (the first
 * task after it; never on a timer, so not before the frame is on screen): main.tsx then takes
 * over at once instead of waiting for a frame of its own.
 */
export const EARLY_PAINTED_MARK = 'crosscheck:early-painted';

/** Runs `fn` right after the next frame is painted; never where no frame comes (a hidden page). */
export function afterPaint(fn: () => void) {
  requestAnimationFrame(() => setTimeout(fn, 0));
}

/** Runs `fn` right after the next frame is painted (or soon, where a hidden page gets no frames). */
export function afterFrame(fn: () => void) {
  let done = false;
  const once = () => {
    if (done) return;
    done = true;
    fn();
  };
  afterPaint(once);
  setTimeout(once, 100);
}

type Child = Node | string | null | false;

function el(tag: string, attrs: Record<string, string | undefined>, ...children: Child[]) {
  const e = document.createElement(tag);
  for (const k in attrs) if (attrs[k] !== undefined) e.setAttribute(k, attrs[k]);
  for (const c of children) if (c !== null && c !== false) e.append(c);
  return e;
}

/**
 * Draws the first frame into `root` if it is still empty (the app has not rendered) and there is
 * a list to show. Returns whether it drew.
 */
export function drawEarlyFrame(root: Element | null, kept: PopupSnapshot | null): boolean {
  const page = kept?.firstPage;
  // The app shows no kept list on a filtered open (#entity=…): nothing early either.
  if (!root || root.firstChild || !kept || !page || /[#&]entity=/.test(location.hash)) return false;
  const { summary } = kept;
  const counts = summary ? headCounts(summary) : [];
  const head = el(
    'header',
    { class: 'head' },
    el('h1', {}, 'Crosscheck'),
    summary &&
      el(
        'p',
        { class: 'counts' },
        ...counts.flatMap(([id, text], i) => [
          i ? ' · ' : null,
          el('span', { 'data-testid': id }, text),
        ]),
        ' between outlets',
      ),
  );
  const says = el(
    'section',
    { 'aria-labelledby': 'says-h', class: 'says' },
    el('h2', { id: 'says-h' }, 'This page vs the others'),
    el(
      'p',
      { class: 'pagestate', 'data-testid': 'page-state', 'aria-live': 'polite' },
      LOOKING_AT_PAGE,
    ),
  );

  const names = new Map<string, string>();
  for (const n of page.names ?? []) names.set(n.id, n.name);
  for (const r of summary?.coverage.rows ?? []) names.set(r.entityId, r.name);
  const options =
    names.size <= EAGER_NAMES
      ? [...names]
          .sort((a, b) => COLLATOR.compare(a[1], b[1]))
          .map(([id, name]) => el('option', { value: id }, name))
      : [];
  const bar = el(
    'div',
    { class: 'disc-bar' },
    el('h2', { id: 'disc-h' }, 'Where outlets differ'),
    el(
      'label',
      {},
      el('span', { class: 'sr-only' }, 'Filter by name'),
      el(
        'select',
        { 'aria-label': 'Filter by name' },
        el('option', { value: '' }, 'Everyone'),
        ...options,
      ),
    ),
  );
  const named = page.stories > 1;
  const groups = firstOfGroups(groupByStory(page.items, null), TOP).map((g) =>
    el(
      'section',
      {
        class: 'story-group',
        'data-testid': 'story-group',
        'aria-label': named ? `Story: ${g.story?.label ?? 'other'}` : undefined,
      },
      named &&
        el(
          'h3',
          { class: 'story-h', title: g.story ? `${g.story.sources} sources` : undefined },
          ...(g.story ? [el('span', { class: 'muted' }, 'Story: '), g.story.label] : ['Other']),
        ),
      el(
        'ul',
        { class: 'disc-list' },
        ...g.items.map((d) => {
          const h = itemHead(d);
          return el(
            'li',
            { class: `disc sev-${d.severity}${d.agreement ? ' agree' : ''}`, 'data-kind': d.kind },
            el(
              'details',
              {},
              el(
                'summary',
                { title: h.title },
                el('span', { class: 'kind' }, h.kind),
                el('span', { class: 'topic' }, d.topic),
                el('span', { class: 'sr-only' }, h.sr),
              ),
            ),
          );
        }),
      ),
    ),
  );
  const discs = el(
    'section',
    { 'aria-labelledby': 'disc-h', class: 'discs' },
    bar,
    page.total === 0 &&
      el('p', { class: 'muted' }, emptyText(page.excluded, summary?.sources, false)),
    // The tab's page is still being read: the list may yet change.
    el('div', { 'aria-busy': 'true' }, ...groups),
    page.total > TOP &&
      el('button', { type: 'button', class: 'linkish more' }, `Show all ${page.total}`),
    page.agreements > 0 &&
      el(
        'label',
        { class: 'toggle' },
        el('input', { type: 'checkbox' }),
        ` Also show where outlets agree (${page.agreements})`,
      ),
  );
  const search = el(
    'section',
    { 'aria-labelledby': 'search-h', class: 'search' },
    el('h2', { id: 'search-h' }, 'Search your sources'),
    el('input', {
      type: 'search',
      placeholder: 'People, places, sentences…',
      'aria-label': 'Search your sources',
    }),
  );
  root.append(
    el('main', { class: 'popup', [EARLY_ATTR]: '', inert: '' }, head, says, discs, search),
  );
  performance.mark(EARLY_FRAME_MARK);
  return true;
}
