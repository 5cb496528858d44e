import { Fragment } from 'preact';
import { useEffect, useMemo, useRef, useState } from 'preact/hooks';
import type {
  DiscrepancyPage,
  DiscrepancyView,
  SearchResults,
  Summary,
  TabProtocol,
} from '@/lib/protocol';
import { LIST_PAGE, type PopupSnapshot } from '@/lib/protocol/snapshot';
import type { AddPage as AddPageView } from './AddPage';
import { type ContextState, PAGE_ROWS, type PageState, ThisPage } from './ThisPage';
import type { ActiveTab, PopupApi } from './api';
import { CoverageGrid } from './CoverageGrid';
import { firstOfGroups, groupByStory } from './by-story';
import { DiscrepancyItem } from './DiscrepancyItem';
import { Marked } from './Marked';
import { COLLATOR, EAGER_NAMES, emptyText, headCounts, TOP } from './words';

/** The performance mark set when the list (or its empty state) is first painted. */
export const LIST_PAINTED_MARK = 'crosscheck:list-painted';

/** How long "Turn it on" waits for the tab's content script to start (tries x wait, ~5 s). */
const TURN_ON_TRIES = 50;
const TURN_ON_WAIT_MS = 100;

/** The loaded part of the list, for the request `key` it answers. */
interface ListState {
  key: string;
  page: DiscrepancyPage;
  items: DiscrepancyView[];
}

/** The entity filter from the URL hash (#entity=<id>, from a hovercard's "see all"). */
export function entityFromHash(hash: string): string | null {
  const m = hash.match(/[#&]entity=([^&]+)/);
  if (!m) return null;
  try {
    return decodeURIComponent(m[1]!);
  } catch {
    return null;
  }
}

const isWeb = (url: string | null | undefined): url is string => !!url && /^https?:/i.test(url);

/** What the list asks the background for, less the paging. */
interface ListQuery {
  entityId: string | null;
  storyFirst: string | null;
  exclude: string[];
  agreements: boolean;
}
/** The popup's first request before it knows its page: everyone, agreements hidden. */
export const OPENING_QUERY: ListQuery = {
  entityId: null,
  storyFirst: null,
  exclude: [],
  agreements: false,
};
const keyOf = (reload: number, query: ListQuery) => `${reload}|${JSON.stringify(query)}`;
/** The same answer as already shown (a snapshot's): no render for nothing. */
const same = (a: unknown, b: unknown) => JSON.stringify(a) === JSON.stringify(b);

export function PopupApp({
  api,
  initialEntity,
  snapshot = null,
}: {
  api: PopupApi;
  initialEntity: string | null;
  /** The current corpus version's kept answers (lib/protocol/snapshot.ts), shown at once. */
  snapshot?: PopupSnapshot | null;
}) {
  const [summary, setSummary] = useState<Summary | null>(snapshot?.summary ?? null);
  const [summaryError, setSummaryError] = useState<string | null>(null);
  const [list, setList] = useState<ListState | null>(() =>
    snapshot?.firstPage && initialEntity === null
      ? {
          key: keyOf(0, OPENING_QUERY),
          page: snapshot.firstPage,
          items: snapshot.firstPage.items,
        }
      : null,
  );
  const [listError, setListError] = useState<string | null>(null);
  const [searchError, setSearchError] = useState<string | null>(null);
  // Kept answers read after the first frame (the database was busy): shown until the worker's.
  useEffect(() => {
    if (!snapshot) return;
    setSummary((s) => s ?? snapshot.summary);
    const first = snapshot.firstPage;
    if (first && initialEntity === null)
      setList((l) => l ?? { key: keyOf(0, OPENING_QUERY), page: first, items: first.items });
  }, [snapshot, initialEntity]);
  const [entity, setEntity] = useState<string | null>(initialEntity);
  const [showAgreements, setShowAgreements] = useState(false);
  const [showAll, setShowAll] = useState(false);
  const [tab, setTab] = useState<ActiveTab | null>(null);
  const [tabUrl, setTabUrl] = useState<string | null>(null);
  const [page, setPage] = useState<PageState>({ state: 'loading' });
  const [context, setContext] = useState<ContextState>({ state: 'idle' });
  const [query, setQuery] = useState('');
  const [results, setResults] = useState<SearchResults | null>(null);
  const [reload, setReload] = useState(0);
  const [turningOn, setTurningOn] = useState<'idle' | 'busy' | 'failed'>('idle');
  // The first frame holds the head and the list; the names and the grid below it come next.
  const [below, setBelow] = useState(false);
  useEffect(() => setBelow(true), []);

  useEffect(() => {
    api.send('getSummary', {}).then(
      (s) => {
        setSummary((old) => (old && same(old, s) ? old : s));
        setSummaryError(null);
      },
      (e: Error) => setSummaryError(e.message),
    );
  }, [api, reload]);

  useEffect(() => {
    void (async () => {
      // A browser that will not say which tab this is: the page is simply out of reach.
      const t = await api.activeTab().catch(() => null);
      setTab(t);
      if (!t) return setPage({ state: 'none' });
      const res = await api.sendTab(t.id, 'getPageEntities', {});
      if (!res) setPage({ state: 'none' });
      else setPage(res.enabled ? { state: 'on', page: res } : { state: 'off' });
      const url = res?.url ?? t.url;
      setTabUrl(url);
      if (!isWeb(url)) return;
      setContext({ state: 'loading' });
      const text = res?.enabled ? await api.sendTab(t.id, 'getPageText', {}) : null;
      api.send('getPageContext', { url, text: text?.text ?? null }).then(
        (context) => setContext({ state: 'ready', context }),
        (e: Error) => setContext({ state: 'error', message: e.message }),
      );
    })();
  }, [api, reload]);

  useEffect(() => {
    const q = query.trim();
    if (q.length < 2) return setResults(null);
    const timer = setTimeout(() => {
      api.send('searchCorpus', { query: q }).then(
        (r) => {
          setResults(r);
          setSearchError(null);
        },
        (e: Error) => setSearchError(e.message),
      );
    }, 150);
    return () => clearTimeout(timer);
  }, [api, query]);

  // What "This page vs the others" already shows is not listed again below it.
  const exclude =
    context.state === 'ready' && !entity
      ? context.context.statements.slice(0, PAGE_ROWS).map((s) => s.discrepancyId)
      : [];
  // Grouped by story, the page's story first (the background orders and pages the list so); the
  // first screen shows the top TOP of that order.
  const pageStory = context.state === 'ready' ? (context.context.story?.id ?? null) : null;
  const request: ListQuery = {
    entityId: entity,
    storyFirst: pageStory,
    exclude,
    agreements: showAgreements,
  };
  const requestKey = keyOf(reload, request);
  const latest = useRef(requestKey);
  latest.current = requestKey;
  useEffect(() => {
    const key = requestKey;
    api.send('listDiscrepancies', { ...request, offset: 0, limit: LIST_PAGE }).then(
      (page) => {
        if (latest.current !== key) return; // a newer request is on its way
        setList((old) =>
          old && old.key === key && same(old.page, page) ? old : { key, page, items: page.items },
        );
        setListError(null);
      },
      (e: Error) => setListError(e.message),
    );
    // The request is its key.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [api, requestKey]);
  const more = () => {
    if (!list) return;
    const { key, items } = list;
    api.send('listDiscrepancies', { ...request, offset: items.length, limit: LIST_PAGE }).then(
      (page) => {
        if (latest.current !== key) return;
        setList((l) =>
          l && l.key === key && l.items.length === page.offset
            ? { key, page, items: [...l.items, ...page.items] }
            : l,
        );
      },
      (e: Error) => setListError(e.message),
    );
  };
  // Until the list for the current request is in, it reads as loading (no stale order shown).
  const loading = list === null || list.key !== requestKey;
  // Until the tab's page is read, the list may still change (its rows about the page move up).
  const settling = page.state === 'loading' || context.state === 'loading';
  // Effects run after the frame is painted: the first list's paint, for tests/bench.
  useEffect(() => {
    if (list && !performance.getEntriesByName(LIST_PAINTED_MARK).length)
      performance.mark(LIST_PAINTED_MARK);
  }, [list]);

  // A corpus's thousands of names are only made into options when the filter is reached for.
  const [namesOpen, setNamesOpen] = useState(false);
  const openNames = () => setNamesOpen(true);
  // Many names: asked for when the filter is reached for (the page came without them).
  const [allNames, setAllNames] = useState<DiscrepancyPage['names']>(null);
  const namesMissing = list !== null && list.page.names === null && allNames === null;
  useEffect(() => {
    if (!namesOpen || !namesMissing) return;
    api.send('listDiscrepancies', { entityId: null, names: true, limit: 1 }).then(
      (p) => setAllNames(p.names),
      (e: Error) => setListError(e.message),
    );
  }, [api, namesOpen, namesMissing]);

  const entityNames = useMemo(() => {
    const names = new Map<string, string>();
    for (const n of list?.page.names ?? allNames ?? []) names.set(n.id, n.name);
    for (const r of summary?.coverage.rows ?? []) names.set(r.entityId, r.name);
    return names;
  }, [list, allNames, summary]);

  // Sorted once per change of the names, not on every render.
  const sortedNames = useMemo(
    () => [...entityNames].sort((a, b) => COLLATOR.compare(a[1], b[1])),
    [entityNames],
  );

  const shown = list?.items ?? [];
  const total = list?.page.total ?? 0;
  const groups = groupByStory(shown, pageStory);
  const visibleGroups = showAll || entity ? groups : firstOfGroups(groups, TOP);
  // One story needs no heading; two or more are named, so no difference reads as another's
  // (counted before "This page vs the others" takes its rows, which are the page's story).
  // On a page of no story in the corpus, even one story is named: its differences are not its own.
  const offStory =
    context.state === 'ready' && !context.context.onStory && context.context.sourceId === null;
  const named = offStory || (list?.page.stories ?? 0) > 1;
  const agreementsCount = list?.page.agreements ?? 0;

  const pick = (id: string | null) => {
    setEntity(id);
    history.replaceState(
      null,
      '',
      id ? `#entity=${encodeURIComponent(id)}` : location.pathname + location.search,
    );
  };

  // Any web page can be added (activeTab reads it even where the content script is not running),
  // except one that already is a source.
  const isSource = context.state === 'ready' && context.context.sourceId !== null;
  const canAdd = tab !== null && isWeb(tabUrl) && page.state !== 'off';
  // "Add this page" and the article reader it brings load only over a web page: not in the
  // code every popup parses before its first frame.
  const [AddPage, setAddPage] = useState<typeof AddPageView | null>(null);
  useEffect(() => {
    if (canAdd && !AddPage)
      import('./AddPage').then(
        (m) => setAddPage(() => m.AddPage),
        (e: Error) => setListError(e.message),
      );
  }, [canAdd, AddPage]);

  // The undo of the card's "Turn off on this site": the tab's content script hears the change and
  // starts reading; the popup reads the page again once it answers as on.
  const turnOn = async () => {
    if (!tab || !tabUrl) return;
    setTurningOn('busy');
    const done = await api.turnOnSite(tabUrl).catch(() => false);
    let on = false;
    for (let i = 0; done && !on && i < TURN_ON_TRIES; i++) {
      on = !!(await api.sendTab(tab.id, 'getPageEntities', {}))?.enabled;
      if (!on) await new Promise((wake) => setTimeout(wake, TURN_ON_WAIT_MS));
    }
    setTurningOn(on ? 'idle' : 'failed');
    if (on) setReload((n) => n + 1);
  };

  return (
    <main class="popup">
      <header class="head">
        <h1>Crosscheck</h1>
        {summary ? (
          <p class="counts">
            {headCounts(summary).map(([id, text], i) => (
              <Fragment key={id}>
                {i ? ' · ' : null}
                <span data-testid={id}>{text}</span>
              </Fragment>
            ))}
            {' between outlets'}
          </p>
        ) : summaryError ? (
          <p role="alert" class="error">
            {summaryError}
          </p>
        ) : null}
      </header>

      <ThisPage
        page={page}
        context={context}
        stories={summary?.stories.length ?? 0}
        turnOn={{
          busy: turningOn === 'busy',
          failed: turningOn === 'failed',
          onPress: () => void turnOn(),
        }}
      />
      {canAdd && AddPage ? (
        <AddPage
          api={api}
          tabId={tab.id}
          url={tabUrl}
          alreadySource={isSource}
          onAdded={() => setReload((n) => n + 1)}
        />
      ) : null}

      <section aria-labelledby="disc-h" class="discs">
        <div class="disc-bar">
          <h2 id="disc-h">Where outlets differ</h2>
          <label>
            <span class="sr-only">Filter by name</span>
            <select
              aria-label="Filter by name"
              onFocus={openNames}
              onPointerEnter={openNames}
              onPointerDown={openNames}
              value={entity ?? ''}
              onChange={(e) => pick((e.target as HTMLSelectElement).value || null)}
            >
              <option value="">Everyone</option>
              {(namesOpen || sortedNames.length <= EAGER_NAMES
                ? sortedNames
                : sortedNames.filter(([id]) => id === entity)
              ).map(([id, name]) => (
                <option key={id} value={id}>
                  {name}
                </option>
              ))}
            </select>
          </label>
        </div>
        {entity ? (
          <p class="filter" data-testid="entity-filter">
            About <strong>{entityNames.get(entity) ?? entity}</strong>{' '}
            <button type="button" class="linkish" onClick={() => pick(null)}>
              show all
            </button>
          </p>
        ) : null}
        {listError ? (
          <p role="alert" class="error">
            {listError}
          </p>
        ) : list === null ? (
          <p class="muted" aria-busy="true">
            Reading your sources…
          </p>
        ) : total === 0 && !loading ? (
          <p class="muted">{emptyText(list.page.excluded, summary?.sources, !!entity)}</p>
        ) : null}
        <div aria-busy={(loading || settling) && list !== null ? 'true' : undefined}>
          {visibleGroups.map((g) => (
            <section
              key={g.story?.id ?? 'none'}
              class="story-group"
              data-testid="story-group"
              aria-label={named ? `Story: ${g.story?.label ?? 'other'}` : undefined}
            >
              {named ? (
                <h3 class="story-h" title={g.story ? `${g.story.sources} sources` : undefined}>
                  {g.story ? (
                    <>
                      <span class="muted">Story: </span>
                      {g.story.label}
                    </>
                  ) : (
                    'Other'
                  )}
                  {g.story && g.story.id === pageStory ? (
                    <span class="muted"> · this page’s story</span>
                  ) : null}
                </h3>
              ) : null}
              <ul class="disc-list">
                {g.items.map((d) => (
                  <DiscrepancyItem key={d.id} d={d} onOpen={api.openUrl} />
                ))}
              </ul>
            </section>
          ))}
        </div>
        {!entity && !showAll && total > TOP ? (
          <button type="button" class="linkish more" onClick={() => setShowAll(true)}>
            {`Show all ${total}`}
          </button>
        ) : (showAll || entity) && !loading && shown.length < total ? (
          <button type="button" class="linkish more" onClick={more}>
            Show {Math.min(LIST_PAGE, total - shown.length)} more of {total - shown.length}
          </button>
        ) : null}
        {agreementsCount ? (
          <label class="toggle">
            <input
              type="checkbox"
              checked={showAgreements}
              onChange={(e) => setShowAgreements((e.target as HTMLInputElement).checked)}
            />
            {` Also show where outlets agree (${agreementsCount})`}
          </label>
        ) : null}
      </section>

      {below && page.state === 'on' && page.page.entities.length ? (
        <Chips
          entities={page.page.entities}
          onReveal={(id) => tab && void api.sendTab(tab.id, 'revealEntity', { entityId: id })}
        />
      ) : null}

      <section aria-labelledby="search-h" class="search">
        <h2 id="search-h">Search your sources</h2>
        <input
          type="search"
          placeholder="People, places, sentences…"
          aria-label="Search your sources"
          value={query}
          onInput={(e) => setQuery((e.target as HTMLInputElement).value)}
        />
        {searchError ? (
          <p role="alert" class="error">
            {searchError}
          </p>
        ) : null}
        {results ? (
          <div class="results" data-testid="search-results">
            {results.entities.length === 0 && results.passages.length === 0 ? (
              <p class="muted">No match.</p>
            ) : null}
            {results.entities.length ? (
              <ul class="chips">
                {results.entities.map((e) => (
                  <li key={e.id}>
                    <button type="button" class="chip" onClick={() => pick(e.id)}>
                      {e.name}
                    </button>
                  </li>
                ))}
              </ul>
            ) : null}
            <ul class="hits">
              {results.passages.map((p) => (
                <li key={p.id}>
                  <strong>{p.outlet}</strong>{' '}
                  <span class="hit-text">
                    <Marked text={p.text} ranges={p.ranges.map(([a, b]) => [a, b + 1] as const)} />
                  </span>
                </li>
              ))}
            </ul>
          </div>
        ) : null}
      </section>

      {below && summary && !entity ? (
        <section aria-labelledby="cov-h" class="coverage">
          <h2 id="cov-h">Who names whom</h2>
          <CoverageGrid grid={summary.coverage} onPick={pick} />
        </section>
      ) : null}
    </main>
  );
}

/** The names found on this page, on one line until "all N" opens the rest. */
function Chips({
  entities,
  onReveal,
}: {
  entities: TabProtocol['getPageEntities']['res']['entities'];
  onReveal: (id: string) => void;
}) {
  const [open, setOpen] = useState(false);
  const sorted = [...entities].sort((a, b) => b.count - a.count);
  return (
    <section aria-labelledby="page-h" class="page">
      <div class="disc-bar">
        <h2 id="page-h">Names on this page</h2>
        <button
          type="button"
          class="linkish"
          aria-expanded={open}
          aria-controls="page-entities"
          onClick={() => setOpen(!open)}
        >
          {open ? 'fewer' : `all ${sorted.length}`}
        </button>
      </div>
      <ul id="page-entities" class={open ? 'chips' : 'chips one-line'} data-testid="page-entities">
        {sorted.map((e) => (
          <li key={e.id}>
            <button
              type="button"
              class="chip"
              title="Scroll to the first mention"
              onClick={() => onReveal(e.id)}
            >
              {e.name} <span class="n">{e.count}</span>
            </button>
          </li>
        ))}
      </ul>
    </section>
  );
}
