import { useEffect, useRef, useState } from 'preact/hooks';
import type { OptionsApi } from './api';
import { EntityCombobox, type FoundEntity } from './EntityCombobox';
import { errorNote, Message, type Note } from './Message';
import type { CorrectionView, EntityForms, RequestIn } from '@/lib/protocol';

/** A correction in words ("X is the same as Y"). */
export function correctionText(c: Pick<CorrectionView, 'kind' | 'names' | 'other'>): string {
  const first = c.names[0] ?? '';
  if (c.kind === 'hide') return `“${first}” is not a name`;
  if (c.kind === 'apart') return `“${c.names.join('”, “')}” is not ${c.other[0] ?? 'the same'}`;
  return `“${first}” is the same as “${c.other[0] ?? ''}”`;
}

export interface CorrectionsState {
  list: CorrectionView[] | null;
  /** The last correction made here, for Undo. */
  last: { id: string; text: string } | null;
  note: Note | null;
  busy: boolean;
}

/** The reader's corrections: made, undone and listed (every page part that corrects shares them). */
export function useCorrections(api: OptionsApi, onChanged: () => void) {
  const [state, setState] = useState<CorrectionsState>({
    list: null,
    last: null,
    note: null,
    busy: false,
  });
  const load = () =>
    api
      .send('listCorrections', {})
      .then((r) => setState((s) => ({ ...s, list: r.corrections })))
      .catch((e) => setState((s) => ({ ...s, note: errorNote(e) })));
  useEffect(() => {
    void load();
    // eslint-disable-next-line react-hooks/exhaustive-deps -- loaded once per page; every change reloads it
  }, [api]);

  /** Runs one change: busy while it runs, then the new list and what to say, or the error. */
  const change = async <R extends { corrections: CorrectionView[] }>(
    send: () => Promise<R>,
    after: (r: R) => Pick<CorrectionsState, 'last' | 'note'>,
  ) => {
    setState((s) => ({ ...s, busy: true, note: null }));
    try {
      const r = await send();
      setState({ list: r.corrections, busy: false, ...after(r) });
      onChanged();
      return true;
    } catch (e) {
      setState((s) => ({ ...s, busy: false, note: errorNote(e) }));
      return false;
    }
  };
  const add = (req: RequestIn<'addCorrection'>, text: string) =>
    change(
      () => api.send('addCorrection', req),
      (r) => ({
        last: { id: r.added, text },
        note: { kind: 'ok', text: `Saved: ${text}. Your underlines and cards follow it.` },
      }),
    );
  const remove = (id: string, undo: boolean) =>
    change(
      () => api.send('removeCorrection', { id }),
      () => ({ last: null, note: { kind: 'ok', text: undo ? 'Undone.' : 'Correction removed.' } }),
    );
  return { state, add, remove, reload: load };
}

export type Corrections = ReturnType<typeof useCorrections>;

/** The status line of the last correction, with its Undo. */
export function CorrectionStatus({
  corrections,
  onUndone,
}: {
  corrections: Corrections;
  /** After an Undo made here (the preview is made again). */
  onUndone?: () => void;
}) {
  const { state, remove } = corrections;
  const line = useRef<HTMLDivElement>(null);
  const undo = async () => {
    if (!(await remove(state.last!.id, true))) return;
    // The Undo button goes: focus stays on the status line ("Undone."), not the page's top.
    line.current?.focus();
    onUndone?.();
  };
  return (
    <div class="correction-status" ref={line} tabIndex={-1}>
      <Message note={state.note} />
      {state.last ? (
        <button
          type="button"
          data-testid="undo-correction"
          disabled={state.busy}
          onClick={() => void undo()}
        >
          Undo
        </button>
      ) : null}
    </div>
  );
}

/** The entity the page was opened at (`#entity=<id>`, the card's “Correct…”), if any. */
function entityInHash(): string | null {
  const m = /^#entity=(.+)$/.exec(location.hash);
  if (!m) return null;
  try {
    return decodeURIComponent(m[1]!);
  } catch {
    return null;
  }
}

/**
 * The Entities section: find an entity by name, say it is the same as another or not a name,
 * and the list of the reader's corrections with Remove.
 */
export function CorrectionsPanel({
  api,
  corrections,
}: {
  api: OptionsApi;
  corrections: Corrections;
}) {
  const [entity, setEntity] = useState<EntityForms | null>(null);
  const [joining, setJoining] = useState(false);
  /** Why the entity the page was opened at is not shown. */
  const [missing, setMissing] = useState<Note | null>(null);
  const heading = useRef<HTMLHeadingElement>(null);
  const section = useRef<HTMLElement>(null);
  // The buttons the reader used go with the entity: focus moves to Undo, not to the page's top.
  const focusUndo = () =>
    requestAnimationFrame(() =>
      section.current?.querySelector<HTMLElement>('[data-testid="undo-correction"]')?.focus(),
    );
  const { state, add, remove } = corrections;

  const select = async (id: string) => {
    const e = await api.send('getEntityForms', { entityId: id }).catch(() => null);
    setEntity(e);
    setJoining(false);
    return e;
  };

  useEffect(() => {
    const id = entityInHash();
    if (!id) return;
    void select(id).then((e) => {
      heading.current?.scrollIntoView({ block: 'start' });
      if (e) document.getElementById('entity-actions')?.querySelector('button')?.focus();
      else
        setMissing({
          kind: 'error',
          text: 'That entity is no longer in your sources (they changed since); find it by name.',
        });
    });
    // eslint-disable-next-line react-hooks/exhaustive-deps -- the address is read once, on opening
  }, [api]);

  const join = async (other: FoundEntity) => {
    if (!entity) return;
    const ok = await add(
      { kind: 'same', entityId: entity.id, otherEntityId: other.id },
      `“${entity.name}” is the same as “${other.name}”`,
    );
    if (ok) {
      setEntity(null);
      setJoining(false);
      focusUndo();
    }
  };
  const hide = async () => {
    if (!entity) return;
    const ok = await add({ kind: 'hide', entityId: entity.id }, `“${entity.name}” is not a name`);
    if (ok) {
      setEntity(null);
      focusUndo();
    }
  };

  return (
    <section aria-labelledby="entities-heading" class="card" id="entities" ref={section}>
      <h2 id="entities-heading" ref={heading} tabIndex={-1}>
        Entities
      </h2>
      <p class="muted">
        When Crosscheck splits one thing in two, links a name to the wrong one, or underlines words
        that are not a name, say so here. Your corrections are kept with your sources (and in
        backups) and apply to every page.
      </p>
      <Message note={missing} />
      <EntityCombobox
        api={api}
        label="Find an entity"
        testId="entity-search"
        onPick={(e) => {
          setMissing(null);
          void select(e.id);
        }}
      />
      {entity ? (
        <div class="entity-pick" data-testid="entity-picked">
          <p>
            <strong>{entity.name}</strong>
            {entity.aliases.length > 0 ? (
              <span class="muted"> also written {entity.aliases.slice(0, 6).join(', ')}</span>
            ) : null}
          </p>
          <div class="actions" id="entity-actions">
            <button
              type="button"
              aria-expanded={joining}
              disabled={state.busy}
              onClick={() => setJoining((j) => !j)}
            >
              Same as…
            </button>
            <button type="button" disabled={state.busy} onClick={() => void hide()}>
              Not a name
            </button>
            <button type="button" onClick={() => setEntity(null)}>
              Close
            </button>
          </div>
          {joining ? (
            <EntityCombobox
              api={api}
              label={`${entity.name} is the same as`}
              exclude={entity.id}
              testId="same-as-search"
              autoFocus
              onPick={(e) => void join(e)}
            />
          ) : null}
        </div>
      ) : null}
      <CorrectionStatus corrections={corrections} />
      <h3>Your corrections</h3>
      {state.list === null ? (
        <p class="muted">Loading…</p>
      ) : state.list.length === 0 ? (
        <p class="muted">None yet.</p>
      ) : (
        <ul class="corrections" aria-label="Your corrections" data-testid="corrections">
          {state.list.map((c) => (
            <li key={c.id} class={c.applies ? undefined : 'stale'}>
              <span>{correctionText(c)}</span>
              {c.applies ? null : (
                <span class="muted"> (not applying now: no source names it)</span>
              )}
              <button
                type="button"
                class="link"
                aria-label={`Remove: ${correctionText(c)}`}
                disabled={state.busy}
                onClick={() => void remove(c.id, false)}
              >
                Remove
              </button>
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
