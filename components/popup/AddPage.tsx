import { useState } from 'preact/hooks';
import { captureTabDraft } from '@/components/options/capture';
import { SourcePreviewView } from '@/components/options/SourcePreviewView';
import { codeOf, type Result as Checked, ok } from '@/lib/problems';
import type { PopupApi } from './api';
import type { SourceDraft, SourcePreview, SourceSummary } from '@/lib/protocol';

type Step =
  | { step: 'idle' }
  | { step: 'busy'; what: string }
  | { step: 'preview'; draft: SourceDraft; preview: SourcePreview }
  | { step: 'done'; added: SourceSummary }
  /** Saved, though the answer was cut off (lib/rpc.ts withReceipts): done, without the counts. */
  | { step: 'saved'; message: string }
  | { step: 'error'; message: string };

/** "Add this page as a source": read the tab, preview (nothing saved), confirm, result. */
export function AddPage({
  api,
  tabId,
  url,
  alreadySource,
  onAdded,
}: {
  api: PopupApi;
  tabId: number | null;
  /** The tab's address (the draft's URL when the page is read through the content script). */
  url: string | null;
  /** The page already is a source: nothing to offer (a result just shown stays). */
  alreadySource: boolean;
  onAdded: () => void;
}) {
  const [state, setState] = useState<Step>({ step: 'idle' });
  if (tabId === null || (alreadySource && state.step === 'idle')) return null;
  /**
   * The rendered page through activeTab + scripting (granted by the toolbar click); where that
   * is not granted (a popup opened another way), the text the content script reads from it.
   */
  const capture = async (): Promise<Checked<SourceDraft>> => {
    const draft = await captureTabDraft(tabId);
    if (draft.ok) return draft;
    const page = await api.sendTab(tabId, 'getPageText', {});
    if (!page?.text.trim()) return draft;
    return ok({
      text: page.text,
      title: null,
      outlet: null,
      url,
      published: null,
      language: null,
      via: 'tab',
    });
  };
  const start = async () => {
    setState({ step: 'busy', what: 'Reading the page…' });
    const draft = await capture();
    if (!draft.ok) return setState({ step: 'error', message: draft.problem.message });
    try {
      const preview = await api.send('previewSource', { draft: draft.value });
      setState({ step: 'preview', draft: draft.value, preview });
    } catch (e) {
      setState({ step: 'error', message: e instanceof Error ? e.message : String(e) });
    }
  };
  const save = async (draft: SourceDraft) => {
    setState({ step: 'busy', what: 'Adding…' });
    try {
      const added = await api.send('addSource', { draft });
      setState({ step: 'done', added });
      onAdded();
    } catch (e) {
      const message = e instanceof Error ? e.message : String(e);
      if (codeOf(e) !== 'saved-unanswered') return setState({ step: 'error', message });
      setState({ step: 'saved', message });
      onAdded();
    }
  };
  return (
    <section class="addpage" aria-label="Add this page as a source">
      {state.step === 'idle' ? (
        <button type="button" onClick={() => void start()}>
          Add this page as a source
        </button>
      ) : null}
      {state.step === 'busy' ? <p role="status">{state.what}</p> : null}
      {state.step === 'preview' ? (
        <SourcePreviewView
          preview={state.preview}
          busy={false}
          onSave={() => void save(state.draft)}
          onCancel={() => setState({ step: 'idle' })}
        />
      ) : null}
      {state.step === 'saved' ? (
        <p role="status" class="ok">
          {state.message}
        </p>
      ) : null}
      {state.step === 'done' ? (
        <p role="status" class="ok">
          Added “{state.added.title ?? 'Untitled'}”: {state.added.entities} names,{' '}
          {state.added.claims} statements to compare.
        </p>
      ) : null}
      {state.step === 'error' ? (
        <div role="alert" class="error">
          <p>{state.message}</p>
          <button type="button" onClick={() => setState({ step: 'idle' })}>
            OK
          </button>
        </div>
      ) : null}
    </section>
  );
}
