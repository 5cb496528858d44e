import { useEffect, useLayoutEffect, useRef, useState } from 'preact/hooks';
import { checkHtmlSize, checkText, looksLikeHtml } from '@/lib/intake/draft';
import { fetchArticlePage } from '@/lib/intake/fetch-page';
import { orThrow, ProblemError } from '@/lib/problems';
import { formatBytes, LIMITS } from '@/lib/intake/limits';
import { checkUrl, isCoveredBy, originPattern } from '@/lib/intake/url';
import type { OptionsApi } from './api';
import { draftFromHtml } from './capture';
import { errorNote, Message, type Note } from './Message';
import { ProgressStatus, useProgress } from './Progress';
import { CorrectionStatus, type Corrections } from './CorrectionsPanel';
import { SourcePreviewView } from './SourcePreviewView';
import type { SourceDraft, SourcePreview, SourceSummary } from '@/lib/protocol';

export interface AddSourceProps {
  api: OptionsApi;
  onAdded: (s: SourceSummary) => void;
  /** The reader's corrections: the preview's rows make them, and the preview is then redone. */
  corrections?: Corrections;
  /** Opened to add (the welcome page's links): this way first, brought into view with its field focused. */
  start?: Mode | null;
}

export type Mode = 'url' | 'paste';

/** The way to add that a link to the options page asks for (#add-url, #add-paste), if any. */
export function addModeFromHash(hash: string): Mode | null {
  return hash === '#add-url' ? 'url' : hash === '#add-paste' ? 'paste' : null;
}

/** Add a source by URL or by pasting text/HTML; preview first, save on confirm. */
export function AddSource({ api, onAdded, corrections, start = null }: AddSourceProps) {
  const [mode, setMode] = useState<Mode>(start ?? 'url');
  // Once, on arrival from a link: the field to type in, in view and focused.
  useLayoutEffect(() => {
    if (!start) return;
    const field = document.getElementById(start === 'url' ? 'add-url' : 'paste-text');
    field?.scrollIntoView({ block: 'center' });
    field?.focus();
  }, [start]);
  const [url, setUrl] = useState('');
  const [paste, setPaste] = useState({ text: '', title: '', outlet: '', published: '', url: '' });
  const [granted, setGranted] = useState<string[]>([]);
  const [busy, setBusy] = useState(false);
  const [note, setNote] = useState<Note | null>(null);
  const [pending, setPending] = useState<{ draft: SourceDraft; preview: SourcePreview } | null>(
    null,
  );

  const progress = useProgress(api, 'addSource');

  useEffect(() => {
    void api.grantedOrigins().then(setGranted);
  }, [api]);

  // Each fetch-and-preview is one run; cancelling moves on to the next, and a late answer of a
  // cancelled run is dropped (a preview saves nothing, so nothing needs undoing).
  const runId = useRef(0);
  const [cancellable, setCancellable] = useState(false);

  async function previewDraft(draft: SourceDraft, current: () => boolean) {
    const preview = await api.send('previewSource', { draft });
    if (current()) setPending({ draft, preview });
  }

  function run(task: (current: () => boolean) => Promise<void>) {
    const id = ++runId.current;
    const current = () => id === runId.current;
    setBusy(true);
    setCancellable(true);
    setNote(null);
    setPending(null);
    task(current)
      .catch((e) => {
        if (current()) setNote(errorNote(e));
      })
      .finally(() => {
        if (!current()) return;
        setBusy(false);
        setCancellable(false);
      });
  }

  function cancel() {
    runId.current++;
    setBusy(false);
    setCancellable(false);
    setNote({ kind: 'ok', text: 'Cancelled. Nothing was added.' });
  }

  const cancelButton = cancellable ? (
    <button type="button" onClick={cancel}>
      Cancel
    </button>
  ) : null;

  function onFetch(e: Event) {
    e.preventDefault();
    const checked = checkUrl(url);
    if (!checked.ok) {
      setPending(null);
      setNote({ kind: 'error', text: checked.problem.message });
      return;
    }
    const target = checked.value;
    // Ask for this one site now, inside the click (browsers require the user gesture); no prompt
    // when the site is already covered by a granted pattern.
    const permission = isCoveredBy(target, granted)
      ? Promise.resolve(true)
      : api.requestOrigin(originPattern(target));
    run(async (current) => {
      let allowed = false;
      try {
        allowed = await permission;
      } catch {
        allowed = false;
      }
      if (!allowed) {
        throw new ProblemError({
          code: 'not-allowed',
          message: `Crosscheck needs your permission to read ${target.host}. Click “Fetch and preview” again and allow it, or paste the article's text instead.`,
        });
      }
      void api.grantedOrigins().then(setGranted);
      const page = await fetchArticlePage(target, api.fetch);
      if (!page.ok) throw new ProblemError(page.problem);
      const draft = draftFromHtml(page.value.html, page.value.url, 'url');
      if (!draft.ok) throw new ProblemError(draft.problem);
      await previewDraft(draft.value, current);
    });
  }

  function onPastePreview(e: Event) {
    e.preventDefault();
    run(async (current) => {
      let draft: SourceDraft;
      const meta = {
        title: paste.title.trim() || null,
        outlet: paste.outlet.trim() || null,
        published: paste.published.trim() || null,
        url: paste.url.trim() || null,
      };
      if (looksLikeHtml(paste.text)) {
        const size = checkHtmlSize(paste.text);
        if (!size.ok) throw new ProblemError(size.problem);
        const extracted = draftFromHtml(paste.text, meta.url, 'paste');
        if (!extracted.ok) throw new ProblemError(extracted.problem);
        draft = {
          ...extracted.value,
          ...Object.fromEntries(Object.entries(meta).filter(([, v]) => v !== null)),
        };
      } else {
        // Checked here first: text far over the limit is refused without being sent.
        orThrow(checkText(paste.text));
        draft = { text: paste.text, language: null, via: 'paste', ...meta };
      }
      await previewDraft(draft, current);
    });
  }

  function onSave() {
    if (!pending) return;
    const { draft } = pending;
    setBusy(true);
    setNote(null);
    progress
      .track(() => api.send('addSource', { draft }))
      .then((summary) => {
        setPending(null);
        setUrl('');
        setPaste({ text: '', title: '', outlet: '', published: '', url: '' });
        setNote({
          kind: 'ok',
          text: `Added “${summary.title ?? 'Untitled'}”: ${summary.entities} names, ${summary.claims} statements. Open tabs update on their own.`,
        });
        onAdded(summary);
      })
      .catch((e) => {
        const note = errorNote(e);
        // Already in the corpus (or saved, though the answer was cut off): saving this preview
        // again cannot work, so it goes. Anything else (interrupted, storage full) keeps it, so
        // "Save" again is the retry.
        if (
          note.code === 'duplicate-url' ||
          note.code === 'duplicate-text' ||
          note.code === 'saved-unanswered'
        )
          setPending(null);
        setNote(note);
      })
      .finally(() => setBusy(false));
  }

  return (
    <section aria-labelledby="add-heading" class="card">
      <h2 id="add-heading">Add a source</h2>
      <div class="tabs" role="tablist" aria-label="How to add">
        {(['url', 'paste'] as const).map((m) => (
          <button
            key={m}
            type="button"
            role="tab"
            id={`tab-${m}`}
            aria-selected={mode === m}
            aria-controls={`panel-${m}`}
            class={mode === m ? 'tab active' : 'tab'}
            onClick={() => {
              setMode(m);
              setNote(null);
              setPending(null);
            }}
          >
            {m === 'url' ? 'From a web address' : 'Paste text or HTML'}
          </button>
        ))}
      </div>
      {mode === 'url' ? (
        <form id="panel-url" role="tabpanel" aria-labelledby="tab-url" onSubmit={onFetch}>
          <label for="add-url">Article address</label>
          <div class="row">
            <input
              id="add-url"
              type="text"
              inputMode="url"
              autoComplete="off"
              spellcheck={false}
              placeholder="https://news.example.com/2025/03/story"
              value={url}
              onInput={(e) => setUrl(e.currentTarget.value)}
            />
            <button type="submit" class="primary" disabled={busy}>
              {busy ? 'Working…' : 'Fetch and preview'}
            </button>
            {cancelButton}
          </div>
          <p class="muted">
            Crosscheck asks for permission to read that one site, downloads the page once, and keeps
            only the article's text. Pages up to {formatBytes(LIMITS.maxHtmlBytes)}.
          </p>
        </form>
      ) : (
        <form
          id="panel-paste"
          role="tabpanel"
          aria-labelledby="tab-paste"
          onSubmit={onPastePreview}
        >
          <label for="paste-text">Article text (or the page's HTML)</label>
          <textarea
            id="paste-text"
            rows={8}
            value={paste.text}
            onInput={(e) => setPaste({ ...paste, text: e.currentTarget.value })}
          />
          <div class="grid">
            <label>
              Title
              <input
                value={paste.title}
                onInput={(e) => setPaste({ ...paste, title: e.currentTarget.value })}
              />
            </label>
            <label>
              Outlet
              <input
                value={paste.outlet}
                onInput={(e) => setPaste({ ...paste, outlet: e.currentTarget.value })}
              />
            </label>
            <label>
              Date
              <input
                placeholder="YYYY-MM-DD"
                value={paste.published}
                onInput={(e) => setPaste({ ...paste, published: e.currentTarget.value })}
              />
            </label>
            <label>
              Address (optional)
              <input
                value={paste.url}
                onInput={(e) => setPaste({ ...paste, url: e.currentTarget.value })}
              />
            </label>
          </div>
          <button type="submit" class="primary" disabled={busy}>
            {busy ? 'Working…' : 'Preview'}
          </button>
          {cancelButton}
          <p class="muted">
            Up to {LIMITS.maxTextChars.toLocaleString('en')} characters; at least {LIMITS.minWords}{' '}
            words.
          </p>
        </form>
      )}
      <ProgressStatus text={progress.text} />
      <Message note={note} />
      {pending ? (
        <SourcePreviewView
          preview={pending.preview}
          busy={busy || !!corrections?.state.busy}
          onSave={onSave}
          onCancel={() => setPending(null)}
          onCorrect={
            corrections
              ? (req, text) => {
                  const draft = pending.draft;
                  void corrections.add(req, text).then((made) => {
                    if (made) run((current) => previewDraft(draft, current));
                  });
                }
              : undefined
          }
          status={
            corrections ? (
              <CorrectionStatus
                corrections={corrections}
                onUndone={() => {
                  const draft = pending.draft;
                  run((current) => previewDraft(draft, current));
                }}
              />
            ) : null
          }
        />
      ) : null}
    </section>
  );
}
