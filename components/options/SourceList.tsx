import { useState } from 'preact/hooks';
import { safeUrl } from '@/lib/intake/url';
import { sourceLabel } from '@/lib/source-label';
import { sourceCount } from './source-count';
import type { OptionsApi } from './api';
import { errorNote, Message, type Note } from './Message';
import type { EditableFields, SourceSummary } from '@/lib/protocol';

export interface SourceListProps {
  api: OptionsApi;
  sources: SourceSummary[] | null;
  onChanged: () => void;
}

/** Every source, built-in and added, with counts; switch off, edit, remove. */
export function SourceList({ api, sources, onChanged }: SourceListProps) {
  const [note, setNote] = useState<Note | null>(null);
  const [busy, setBusy] = useState<string | null>(null);
  const [editing, setEditing] = useState<string | null>(null);
  const [confirming, setConfirming] = useState<string | null>(null);

  function act(id: string, task: () => Promise<string>) {
    setBusy(id);
    setNote(null);
    task()
      .then((text) => {
        setNote({ kind: 'ok', text });
        onChanged();
      })
      .catch((e) => setNote(errorNote(e)))
      .finally(() => setBusy(null));
  }

  if (!sources) return <p class="muted">Loading sources…</p>;
  const user = sources.filter((s) => s.origin === 'user').length;
  return (
    <section aria-labelledby="sources-heading" class="card">
      <h2 id="sources-heading">
        Sources <span class="muted">({sourceCount(sources.length, user)})</span>
      </h2>
      <Message note={note} />
      {sources.length === 0 ? (
        <p class="muted" data-testid="sources-first-run">
          No sources yet. Add articles on a story you follow above, or bring back the built-in
          example story with “Reset to the built-in sources” below.
        </p>
      ) : user === 0 ? (
        <p class="muted" data-testid="sources-first-run">
          The built-in sources are one example story, there so Crosscheck works at once. Pages on
          other stories show few names until you add articles on them (above); switch these off when
          you no longer want them in cards.
        </p>
      ) : null}
      <ul class="sources">
        {sources.map((s) => {
          const href = safeUrl(s.url);
          const title = s.title ?? 'Untitled';
          return (
            <li key={s.id} class={s.enabled ? 'source' : 'source off'} data-source-id={s.id}>
              <div class="source-head">
                <div class="source-title">
                  {href ? (
                    <a href={href} target="_blank" rel="noopener noreferrer">
                      {title}
                    </a>
                  ) : (
                    title
                  )}
                </div>
                <div class="muted">
                  {sourceLabel(s)} · {s.published ?? 'no date'}
                  {s.language ? ` · ${s.language}` : ''} ·{' '}
                  {s.origin === 'seed' ? 'built-in' : 'added by you'}
                </div>
                <div class="counts">
                  {/* Off, a source takes no part in the build: it has no names or statements. */}
                  {s.enabled ? (
                    <>
                      <span>{s.entities} names</span>{' '}
                      <span title="Figures, dates, quotes and the like, compared with the other outlets">
                        {s.claims} statements
                      </span>{' '}
                    </>
                  ) : (
                    <span>off: left out of cards and comparisons</span>
                  )}{' '}
                  <span>{s.passages} sentences</span>
                </div>
              </div>
              <div class="source-actions">
                <label class="switch">
                  <input
                    type="checkbox"
                    checked={s.enabled}
                    disabled={busy === s.id}
                    aria-label={`Use “${title}”`}
                    onChange={(e) => {
                      const enabled = e.currentTarget.checked;
                      act(s.id, async () => {
                        await api.send('setSourceEnabled', { id: s.id, enabled });
                        return `“${title}” is ${enabled ? 'on' : 'off'}.`;
                      });
                    }}
                  />
                  {s.enabled ? 'On' : 'Off'}
                </label>
                {s.origin === 'user' ? (
                  <>
                    <button
                      type="button"
                      aria-expanded={editing === s.id}
                      onClick={() => setEditing(editing === s.id ? null : s.id)}
                    >
                      Edit
                    </button>
                    {confirming === s.id ? (
                      <span class="confirm">
                        Remove it?{' '}
                        <button
                          type="button"
                          class="danger"
                          disabled={busy === s.id}
                          onClick={() => {
                            setConfirming(null);
                            act(s.id, async () => {
                              await api.send('removeSource', { id: s.id });
                              return `Removed “${title}”.`;
                            });
                          }}
                        >
                          Yes, remove
                        </button>{' '}
                        <button type="button" onClick={() => setConfirming(null)}>
                          Keep
                        </button>
                      </span>
                    ) : (
                      <button
                        type="button"
                        aria-label={`Remove “${title}”`}
                        onClick={() => setConfirming(s.id)}
                      >
                        Remove
                      </button>
                    )}
                  </>
                ) : null}
              </div>
              {editing === s.id ? (
                <EditForm
                  source={s}
                  busy={busy === s.id}
                  onCancel={() => setEditing(null)}
                  onSave={(patch) =>
                    act(s.id, async () => {
                      await api.send('editSource', { id: s.id, patch });
                      setEditing(null);
                      return `Saved “${patch.title ?? 'Untitled'}”.`;
                    })
                  }
                />
              ) : null}
            </li>
          );
        })}
      </ul>
    </section>
  );
}

function EditForm({
  source,
  busy,
  onSave,
  onCancel,
}: {
  source: SourceSummary;
  busy: boolean;
  onSave: (patch: EditableFields) => void;
  onCancel: () => void;
}) {
  const [f, setF] = useState({
    title: source.title ?? '',
    outlet: source.outlet ?? '',
    url: source.url ?? '',
    published: source.published ?? '',
    language: source.language ?? '',
  });
  const field = (name: keyof typeof f, label: string, placeholder = '') => (
    <label>
      {label}
      <input
        name={name}
        value={f[name]}
        placeholder={placeholder}
        onInput={(e) => setF({ ...f, [name]: e.currentTarget.value })}
      />
    </label>
  );
  return (
    <form
      class="edit grid"
      aria-label="Edit source details"
      onSubmit={(e) => {
        e.preventDefault();
        const v = (s: string) => s.trim() || null;
        onSave({
          title: v(f.title),
          outlet: v(f.outlet),
          url: v(f.url),
          published: v(f.published),
          language: v(f.language),
        });
      }}
    >
      {field('title', 'Title')}
      {field('outlet', 'Outlet')}
      {field('published', 'Date', 'YYYY-MM-DD')}
      {field('language', 'Language', 'en')}
      {field('url', 'Address')}
      <div class="actions">
        <button type="submit" class="primary" disabled={busy}>
          Save
        </button>
        <button type="button" onClick={onCancel}>
          Cancel
        </button>
      </div>
    </form>
  );
}
