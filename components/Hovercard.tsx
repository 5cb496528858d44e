import type { CardData } from '@/lib/service/card';
import type { EntityType } from '@/lib/types';

export type CardState =
  | { status: 'loading' }
  | { status: 'error'; message: string }
  | { status: 'ready'; data: CardData | null };

export interface HovercardProps {
  entityId: string;
  /** From the page's dictionary, so the card has a title before its data arrives. */
  name: string;
  type: EntityType | null;
  state: CardState;
  theme: 'system' | 'light' | 'dark';
  /** The site the card would be turned off on, e.g. "example.com". */
  site: string | null;
  onClose: () => void;
  onDisableSite: () => void;
  onOpenList: (entityId: string) => void;
}

const TYPE_LABEL: Record<EntityType, string> = {
  person: 'Person',
  organization: 'Organization',
  place: 'Place',
  facility: 'Facility',
  law: 'Law',
  agreement: 'Agreement',
  group: 'Group',
  other: 'Other',
};

/** Buttons answer the reader only: a click the page synthesizes (isTrusted false) does nothing. */
function trusted(action: () => void) {
  return (e: Event) => {
    if (e.isTrusted) action();
  };
}

function plural(n: number, one: string, many = `${one}s`): string {
  return `${n} ${n === 1 ? one : many}`;
}

/** The hovercard: what the outlets in the user's corpus say about one entity. */
export function Hovercard(props: HovercardProps) {
  const { state, entityId } = props;
  const data = state.status === 'ready' ? state.data : null;
  const name = data?.entity.name ?? props.name;
  const type = data?.entity.type ?? props.type;
  const titleId = `cc-title-${entityId.replace(/[^a-z0-9_-]/gi, '')}`;
  return (
    <div
      class={`card theme-${props.theme}`}
      role="dialog"
      aria-modal="false"
      aria-labelledby={titleId}
      tabIndex={-1}
      data-entity={entityId}
    >
      <header class="head">
        <div class="title">
          <h2 id={titleId}>{name}</h2>
          {type && <span class="type">{TYPE_LABEL[type]}</span>}
        </div>
        <button type="button" class="close" aria-label="Close" onClick={trusted(props.onClose)}>
          ×
        </button>
      </header>
      <div class="body">
        {state.status === 'loading' && (
          <p class="empty" aria-live="polite">
            Loading what your sources say…
          </p>
        )}
        {state.status === 'error' && (
          <p class="empty error" role="alert">
            Could not load this card: {state.message}
          </p>
        )}
        {state.status === 'ready' && !data && (
          <p class="empty">This name is no longer in your sources.</p>
        )}
        {data && <CardBody data={data} onOpenList={props.onOpenList} />}
      </div>
      <footer class="foot">
        <span class="brand">Crosscheck</span>
        {props.site && (
          <button type="button" class="link" onClick={trusted(props.onDisableSite)}>
            Turn off on {props.site}
          </button>
        )}
      </footer>
    </div>
  );
}

function CardBody({ data, onOpenList }: { data: CardData; onOpenList: (id: string) => void }) {
  const { entity, sources, descriptors, sentences, quotes, related, discrepancies } = data;
  return (
    <>
      {entity.description && <p class="desc">{entity.description}</p>}
      <p class="counts">
        Named {plural(data.mentionCount, 'time')} in {plural(sources.length, 'source')}
      </p>

      {descriptors.length > 0 && (
        <section aria-label="How outlets describe it">
          <h3>How outlets describe it</h3>
          <ul class="descriptors">
            {descriptors.map((d) => (
              <li key={d.text}>
                <q>{d.text}</q> <span class="outlet">{d.outlets.join(', ')}</span>
              </li>
            ))}
          </ul>
        </section>
      )}

      <section aria-label="What the sources say">
        <h3>What the sources say</h3>
        {sentences.length === 0 ? (
          <p class="empty">No sentence about it in your sources.</p>
        ) : (
          <ul class="sentences">
            {sentences.map((s) => (
              <li key={`${s.sourceId}:${s.text}`}>
                <span class="text">{s.text}</span> <span class="outlet">{s.outlet}</span>
              </li>
            ))}
          </ul>
        )}
      </section>

      {quotes.length > 0 && (
        <section aria-label="In its own words">
          <h3>In its own words</h3>
          <ul class="quotes">
            {quotes.map((q) => (
              <li key={`${q.sourceId}:${q.text}`}>
                <q>{q.text}</q> <span class="outlet">{q.outlet}</span>
              </li>
            ))}
          </ul>
        </section>
      )}

      <section aria-label="Discrepancies">
        <h3>Discrepancies</h3>
        {discrepancies.count === 0 || !discrepancies.first ? (
          <p class="empty">No disagreement between outlets found about it.</p>
        ) : (
          <div class="discrepancy" data-severity={discrepancies.first.severity}>
            <p>
              <strong>{discrepancies.first.topic}</strong>: {discrepancies.first.reason}
            </p>
            {discrepancies.first.evidence.length > 0 && (
              <ul class="evidence">
                {discrepancies.first.evidence.map((e) => (
                  <li key={`${e.outlet}:${e.span}`}>
                    <span class="outlet">{e.outlet}</span> <q>{e.span}</q>
                  </li>
                ))}
              </ul>
            )}
            <button type="button" class="link" onClick={trusted(() => onOpenList(entity.id))}>
              {discrepancies.count === 1
                ? 'Open the discrepancy'
                : `See all ${discrepancies.count} discrepancies`}
            </button>
          </div>
        )}
      </section>

      {related.length > 0 && (
        <section aria-label="Named alongside">
          <h3>Named alongside</h3>
          <ul class="related">
            {related.map((r) => (
              <li key={r.id}>{r.name}</li>
            ))}
          </ul>
        </section>
      )}

      <section aria-label="Sources">
        <h3>Sources</h3>
        {sources.length === 0 ? (
          <p class="empty">No enabled source mentions it.</p>
        ) : (
          <ul class="sources">
            {sources.map((s) => (
              <li key={s.sourceId}>
                {s.url ? (
                  <a href={s.url} target="_blank" rel="noopener noreferrer">
                    {s.outlet}
                  </a>
                ) : (
                  <span>{s.outlet}</span>
                )}
                {s.title && <span class="stitle"> · {s.title}</span>}
                <span class="n"> ({plural(s.mentions, 'mention')})</span>
              </li>
            ))}
          </ul>
        )}
      </section>
    </>
  );
}
