import { safeUrl } from '@/lib/intake/url';
import { sourceLabel } from '@/lib/source-label';
import type { ComponentChildren } from 'preact';
import type { PreviewEntity, RequestIn, SourcePreview } from '@/lib/protocol';

export interface SourcePreviewViewProps {
  preview: SourcePreview;
  busy: boolean;
  onSave: () => void;
  onCancel: () => void;
  /** Makes one of the reader's corrections (the preview is then made again). */
  onCorrect?: (req: RequestIn<'addCorrection'>, text: string) => void;
  /** The last correction's status line, with its Undo. */
  status?: ComponentChildren;
}

/** A name without case or accents (how the pipeline's keys compare spellings). */
const folded = (s: string) =>
  s.normalize('NFD').replace(/\p{M}/gu, '').toLowerCase().replace(/\s+/g, ' ').trim();

/**
 * One entity: "new", or "linked" (to which known entity) with why, so a wrong link shows. The
 * reason is a visible line unless it is the same name; every marker is words, not only color.
 */
function EntityChip({
  entity: e,
  busy,
  onCorrect,
}: {
  entity: PreviewEntity;
  busy: boolean;
  onCorrect?: SourcePreviewViewProps['onCorrect'];
}) {
  const type = <span class="muted">{e.type}</span>;
  // "Not the same": the form this source wrote stands apart from the entity it was linked to
  // (a name written the same way, accents and case aside, is the same name: not offered).
  const surface = e.reason?.surface ?? null;
  const apart =
    e.status === 'linked' &&
    e.linkedTo &&
    surface &&
    e.reason?.kind !== 'same-name' &&
    folded(surface) !== folded(e.linkedTo)
      ? { surface, linkedTo: e.linkedTo }
      : null;
  const actions = onCorrect ? (
    <span class="chip-actions">
      {apart ? (
        <button
          type="button"
          class="link"
          disabled={busy}
          aria-label={`${apart.surface} is not ${apart.linkedTo}`}
          onClick={() =>
            onCorrect(
              { kind: 'apart', names: [apart.surface], other: [apart.linkedTo] },
              `“${apart.surface}” is not ${apart.linkedTo}`,
            )
          }
        >
          Not the same
        </button>
      ) : null}
      <button
        type="button"
        class="link"
        disabled={busy}
        aria-label={`${e.name} is not a name`}
        onClick={() => onCorrect({ kind: 'hide', names: [e.name] }, `“${e.name}” is not a name`)}
      >
        Not a name
      </button>
    </span>
  ) : null;
  if (e.status === 'new')
    return (
      <li class="chip new" title="New: no source you have names it yet">
        {e.name} {type} <span class="badge">new</span>
        {actions}
      </li>
    );
  const why = e.reason && e.reason.kind !== 'same-name' ? e.reason.text : null;
  return (
    <li
      class={`chip linked${why ? ' with-why' : ''}${e.reason?.kind === 'other' ? ' check' : ''}`}
      title={e.reason?.text}
    >
      {e.name} {type} <span class="badge">linked</span>
      {e.linkedTo && e.linkedTo !== e.name ? ` to ${e.linkedTo}` : null}
      {why ? <span class="why">{why}</span> : null}
      {actions}
    </li>
  );
}

/** What will be added, shown as plain text (source text is never rendered as HTML). */
export function SourcePreviewView({
  preview,
  busy,
  onSave,
  onCancel,
  onCorrect,
  status,
}: SourcePreviewViewProps) {
  const href = safeUrl(preview.url);
  const newOnes = preview.entities.filter((e) => e.status === 'new');
  const linked = preview.entities.length - newOnes.length;
  return (
    <section class="preview" aria-label="Preview of the source">
      <h3 class="preview-title">{preview.title ?? 'Untitled'}</h3>
      <dl class="meta">
        <dt>Outlet</dt>
        <dd>
          {/* As cards and the popup will name it (the site's name, else "Unknown outlet"). */}
          {sourceLabel(preview)}
          {preview.outlet ? null : <span class="muted"> (fill in Outlet above to name it)</span>}
        </dd>
        <dt>Date</dt>
        <dd>{preview.published ?? 'not given'}</dd>
        <dt>Language</dt>
        <dd>{languageLine(preview)}</dd>
        <dt>Length</dt>
        <dd>{preview.words.toLocaleString('en')} words</dd>
        {preview.url ? (
          <>
            <dt>Address</dt>
            <dd class="url">
              {href ? (
                <a href={href} target="_blank" rel="noopener noreferrer">
                  {preview.url}
                </a>
              ) : (
                preview.url
              )}
            </dd>
          </>
        ) : null}
      </dl>
      <div class="excerpt">
        {preview.paragraphs.map((p, i) => (
          <p key={i}>{p}</p>
        ))}
      </div>
      <h4>
        Names found: {preview.entities.length}
        {newOnes.length || linked
          ? ` (${[newOnes.length ? `${newOnes.length} new` : '', linked ? `${linked} linked to your sources` : ''].filter(Boolean).join(', ')})`
          : ''}
      </h4>
      <ul class="chips" aria-label="Names found">
        {preview.entities.slice(0, 40).map((e) => (
          <EntityChip key={e.name} entity={e} busy={busy} onCorrect={onCorrect} />
        ))}
      </ul>
      {status}
      <p class="muted">
        {preview.claimCount} statement{preview.claimCount === 1 ? '' : 's'} (figures, dates,
        quotes…) to compare with the other sources.
      </p>
      <div class="actions">
        <button type="button" class="primary" onClick={onSave} disabled={busy}>
          {busy ? 'Saving…' : 'Save source'}
        </button>
        <button type="button" onClick={onCancel} disabled={busy}>
          Cancel
        </button>
      </div>
    </section>
  );
}

/** The language as given, else the one the text reads as, in words ("Spanish"). */
export function languageLine(p: Pick<SourcePreview, 'language' | 'guessedLanguage'>): string {
  if (p.language) return languageName(p.language);
  return p.guessedLanguage
    ? `${languageName(p.guessedLanguage)} (guessed from the text)`
    : 'not given, and not clear from the text';
}

function languageName(code: string): string {
  try {
    return new Intl.DisplayNames(['en'], { type: 'language' }).of(code) ?? code;
  } catch {
    return code; // not a language tag the browser knows
  }
}
