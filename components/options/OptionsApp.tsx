import { useCallback, useEffect, useMemo, useRef, useState } from 'preact/hooks';
import { AddSource, addModeFromHash } from './AddSource';
import { type OptionsApi, refreshingAfterUnanswered } from './api';
import { BackupPanel } from './BackupPanel';
import { CorrectionsPanel, useCorrections } from './CorrectionsPanel';
import { IntegrityNotice } from './IntegrityNotice';
import { documentReadyPage, keepChangesReady } from './keep-ready';
import { errorText } from './Message';
import { SettingsForm } from './SettingsForm';
import { SourceList } from './SourceList';
import type { Settings, SourceSummary } from '@/lib/protocol';

/** Marked at each answer to prepareChanges (for tests and benchmarks). */
const CHANGES_READY = 'crosscheck:changes-ready';

/** The options page: add sources, manage them, back them up, and reading settings. */
export function OptionsApp({ api: given }: { api: OptionsApi }) {
  const reloadAll = useRef(() => {});
  const api = useMemo(() => refreshingAfterUnanswered(given, () => reloadAll.current()), [given]);
  const [sources, setSources] = useState<SourceSummary[] | null>(null);
  const [settings, setSettings] = useState<Settings | null>(null);
  const [loadError, setLoadError] = useState<string | null>(null);

  const refresh = useCallback(() => {
    api
      .send('listSources', {})
      .then((s) => {
        setSources(s);
        setLoadError(null);
      })
      .catch((e) => setLoadError(errorText(e)));
  }, [api]);

  // Shared by the preview's rows and the Entities section; a change reloads the sources' counts.
  const corrections = useCorrections(api, refresh);
  reloadAll.current = () => {
    refresh();
    void corrections.reload();
  };

  useEffect(() => {
    refresh();
    void api.getSettings().then(setSettings);
    return api.watchSettings(setSettings);
  }, [api, refresh]);

  useEffect(() => {
    if (settings) document.documentElement.dataset.theme = settings.theme;
  }, [settings]);

  // Once the list has come (its reads go first), the background readies itself for the reader's
  // preview; the mark tells tests and benchmarks that it is ready.
  const listed = sources !== null;
  useEffect(() => {
    if (!listed) return undefined;
    return keepChangesReady(
      () => api.send('prepareChanges', {}),
      documentReadyPage(),
      () => {
        performance.clearMarks(CHANGES_READY);
        performance.mark(CHANGES_READY);
      },
    );
  }, [api, listed]);

  return (
    <main class="options">
      <header>
        <h1>Crosscheck</h1>
        <p class="muted">
          Your sources stay on this computer. Crosscheck underlines the people, places and
          organizations they name, and compares what they say.
        </p>
        {/* The first minute: where the product is (on news pages), not on this page. */}
        <p class="muted" data-testid="how-to">
          On a news page, hover an underlined name to see what your sources say about it. The
          Crosscheck button in the toolbar (in the extensions menu until you pin it) shows where
          outlets differ. From the keyboard, Alt+Shift+N and Alt+Shift+P go to the next and previous
          name (by default: your browser’s shortcut settings can change them).
        </p>
        <p class="muted">
          New here? <a href="/welcome.html">How to start</a>: try the built-in story, then add
          articles on a story you follow.
        </p>
      </header>
      {loadError ? (
        <p class="note error" role="alert">
          Your sources could not be loaded: {loadError}
        </p>
      ) : null}
      <IntegrityNotice api={api} />
      <AddSource
        api={api}
        onAdded={refresh}
        corrections={corrections}
        start={addModeFromHash(location.hash)}
      />
      <SourceList api={api} sources={sources} onChanged={refresh} />
      <CorrectionsPanel api={api} corrections={corrections} />
      <BackupPanel
        api={api}
        userSources={sources?.filter((s) => s.origin === 'user').length ?? 0}
        onChanged={() => {
          refresh();
          void corrections.reload();
          void api.getSettings().then(setSettings);
        }}
      />
      {settings ? (
        <SettingsForm
          settings={settings}
          onChange={async (s) => {
            setSettings(s);
            await api.setSettings(s);
          }}
        />
      ) : null}
    </main>
  );
}
