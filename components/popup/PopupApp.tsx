import { useEffect, useMemo, useState } from 'preact/hooks';
import type { TabProtocol } from '@/lib/messages';
import type { DiscrepancyView, PageContext, SearchResults, Summary } from '@/lib/service/summary';
import { AddPage } from './AddPage';
import type { ActiveTab, PopupApi } from './api';
import { CoverageGrid } from './CoverageGrid';
import { DiscrepancyItem, kindLabel } from './DiscrepancyItem';
import { Marked } from './Marked';

type PageState =
  | { state: 'loading' }
  | { state: 'none' }
  | { state: 'off' }
  | { state: 'on'; page: TabProtocol['getPageEntities']['res'] };

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

export function PopupApp({ api, initialEntity }: { api: PopupApi; initialEntity: string | null }) {
  const [summary, setSummary] = useState<Summary | null>(null);
  const [list, setList] = useState<DiscrepancyView[] | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [entity, setEntity] = useState<string | null>(initialEntity);
  const [showAgreements, setShowAgreements] = useState(false);
  const [tab, setTab] = useState<ActiveTab | null>(null);
  const [page, setPage] = useState<PageState>({ state: 'loading' });
  const [context, setContext] = useState<PageContext | null>(null);
  const [query, setQuery] = useState('');
  const [results, setResults] = useState<SearchResults | null>(null);
  const [reload, setReload] = useState(0);

  useEffect(() => {
    api.send('getSummary', {}).then(setSummary, (e: Error) => setError(e.message));
    api
      .send('listDiscrepancies', { entityId: null })
      .then(setList, (e: Error) => setError(e.message));
  }, [api, reload]);

  useEffect(() => {
    void (async () => {
      const t = await api.activeTab();
      setTab(t);
      if (!t) return setPage({ state: 'none' });
      const res = await api.sendTab(t.id, 'getPageEntities', {});
      if (!res) setPage({ state: 'none' });
      else setPage(res.enabled ? { state: 'on', page: res } : { state: 'off' });
      const url = res?.url ?? t.url;
      if (!url || !/^https?:/.test(url)) return;
      const page = res?.enabled ? await api.sendTab(t.id, 'getPageText', {}) : null;
      api
        .send('getPageContext', { url, text: page?.text ?? null })
        .then(setContext, () => setContext(null));
    })();
  }, [api]);

  useEffect(() => {
    const q = query.trim();
    if (q.length < 2) return setResults(null);
    const timer = setTimeout(() => {
      api.send('searchCorpus', { query: q }).then(setResults, (e: Error) => setError(e.message));
    }, 150);
    return () => clearTimeout(timer);
  }, [api, query]);

  const entityNames = useMemo(() => {
    const names = new Map<string, string>();
    for (const d of list ?? []) for (const e of d.entities) names.set(e.id, e.name);
    for (const r of summary?.coverage.rows ?? []) names.set(r.entityId, r.name);
    return names;
  }, [list, summary]);

  const shown = (list ?? []).filter(
    (d) => (showAgreements || !d.agreement) && (!entity || d.entities.some((e) => e.id === entity)),
  );
  const byKind = new Map<DiscrepancyView['kind'], DiscrepancyView[]>();
  for (const d of shown) byKind.set(d.kind, [...(byKind.get(d.kind) ?? []), d]);
  const agreementsCount = (list ?? []).filter(
    (d) => d.agreement && (!entity || d.entities.some((e) => e.id === entity)),
  ).length;

  const pick = (id: string | null) => {
    setEntity(id);
    history.replaceState(
      null,
      '',
      id ? `#entity=${encodeURIComponent(id)}` : location.pathname + location.search,
    );
  };

  return (
    <main class="popup">
      <header class="head">
        <h1>Crosscheck</h1>
        <p class="counts" aria-live="polite">
          {summary ? (
            <>
              <span data-testid="count-sources">{summary.sources} sources</span> ·{' '}
              <span data-testid="count-entities">{summary.entities} entities</span> ·{' '}
              <span data-testid="count-discrepancies">{summary.discrepancies} discrepancies</span>
            </>
          ) : (
            'Loading…'
          )}
        </p>
        <p class="pagestate" data-testid="page-state">
          {page.state === 'loading' ? 'Checking this page…' : null}
          {page.state === 'none' ? 'Crosscheck can’t run on this page.' : null}
          {page.state === 'off' ? 'Crosscheck is off on this site.' : null}
          {page.state === 'on'
            ? `Found ${page.page.entities.length} ${page.page.entities.length === 1 ? 'entity' : 'entities'} here.`
            : null}
        </p>
      </header>
      {error ? (
        <p role="alert" class="error">
          {error}
        </p>
      ) : null}

      <section aria-labelledby="search-h" class="search">
        <h2 id="search-h" class="sr-only">
          Search
        </h2>
        <input
          type="search"
          placeholder="Search people, places, sentences…"
          aria-label="Search the corpus"
          value={query}
          onInput={(e) => setQuery((e.target as HTMLInputElement).value)}
        />
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

      {page.state === 'on' && page.page.entities.length ? (
        <section aria-labelledby="page-h" class="page">
          <h2 id="page-h">On this page</h2>
          <ul class="chips" data-testid="page-entities">
            {[...page.page.entities]
              .sort((a, b) => b.count - a.count)
              .map((e) => (
                <li key={e.id}>
                  <button
                    type="button"
                    class="chip"
                    title="Scroll to the first mention"
                    onClick={() =>
                      tab && void api.sendTab(tab.id, 'revealEntity', { entityId: e.id })
                    }
                  >
                    {e.name} <span class="n">{e.count}</span>
                  </button>
                </li>
              ))}
          </ul>
        </section>
      ) : null}
      {context?.statements.length ? (
        <section aria-labelledby="says-h" class="says">
          <h2 id="says-h">
            {context.sourceId
              ? `This page (${context.outlet}) vs the others`
              : 'This page vs the corpus'}
          </h2>
          <ul>
            {context.statements.map((s) => (
              <li key={s.discrepancyId}>
                <span class="muted">{s.topic}: </span>
                this page says <q>{s.here.join(' / ')}</q>; others say{' '}
                {s.others.map((o, i) => (
                  <span key={i}>
                    {i ? ', ' : ''}
                    <q>{o.span}</q> ({o.outlet})
                  </span>
                ))}
              </li>
            ))}
          </ul>
        </section>
      ) : null}

      <section aria-labelledby="disc-h" class="discs">
        <div class="disc-bar">
          <h2 id="disc-h">Where outlets differ</h2>
          <label>
            <span class="sr-only">Filter by entity</span>
            <select
              aria-label="Filter by entity"
              value={entity ?? ''}
              onChange={(e) => pick((e.target as HTMLSelectElement).value || null)}
            >
              <option value="">All entities</option>
              {[...entityNames]
                .sort((a, b) => a[1].localeCompare(b[1]))
                .map(([id, name]) => (
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
        {list === null ? <p class="muted">Loading…</p> : null}
        {list && shown.length === 0 ? (
          <p class="muted">No discrepancies{entity ? ' about this entity' : ''}.</p>
        ) : null}
        {[...byKind].map(([kind, items]) => (
          <div key={kind} class="group">
            <h3>
              {kindLabel(kind)} <span class="n">{items.length}</span>
            </h3>
            <ul class="disc-list">
              {items.map((d) => (
                <DiscrepancyItem key={d.id} d={d} onOpen={api.openUrl} />
              ))}
            </ul>
          </div>
        ))}
        {agreementsCount ? (
          <label class="toggle">
            <input
              type="checkbox"
              checked={showAgreements}
              onChange={(e) => setShowAgreements((e.target as HTMLInputElement).checked)}
            />{' '}
            Also show where outlets agree ({agreementsCount})
          </label>
        ) : null}
      </section>

      {summary && !entity ? (
        <section aria-labelledby="cov-h" class="coverage">
          <h2 id="cov-h">Coverage</h2>
          <CoverageGrid grid={summary.coverage} onPick={pick} />
        </section>
      ) : null}

      <AddPage
        api={api}
        tabId={page.state === 'none' ? null : (tab?.id ?? null)}
        onAdded={() => setReload((n) => n + 1)}
      />
    </main>
  );
}
