import { useLayoutEffect, useRef, useState } from 'preact/hooks';
import type { IdentityNote } from '@/lib/page/identity';
import type { EntityType } from '@/lib/types';
import type { CardData } from '@/lib/protocol';

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
  /** The reader's sources do not cover this page's story (the card speaks of other coverage). */
  offStory?: boolean;
  /** The page's words suggest another person of this name: the card says so first. */
  identity?: IdentityNote | null;
  onClose: () => void;
  onDisableSite: () => void;
  onOpenList: (entityId: string) => void;
  /** Opens the options page at this entity, to correct it (same as, not a name). */
  onCorrect?: (entityId: string) => void;
  /** Rendered out of sight before it opens (components/HovercardHost.tsx): not a dialog yet. */
  hidden?: boolean;
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

const ARTICLE_TYPE: Record<EntityType, string> = {
  person: 'A person',
  organization: 'An organization',
  place: 'A place',
  facility: 'A facility',
  law: 'A law',
  agreement: 'An agreement',
  group: 'A group',
  other: 'A name',
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

/**
 * How much the first screen holds, from most to least: the card steps down until its first
 * screen fits without scrolling (whatever is left out is under "More").
 */
const FIT_LEVELS = [
  { sentences: 2, clamp: 0, disputes: 3 },
  { sentences: 1, clamp: 0, disputes: 3 },
  { sentences: 1, clamp: 4, disputes: 3 },
  { sentences: 1, clamp: 3, disputes: 2 },
  { sentences: 1, clamp: 2, disputes: 2 },
  { sentences: 1, clamp: 2, disputes: 1 },
  { sentences: 1, clamp: 1, disputes: 1 },
  // A cramped card (an identity note, a low placement): the key sentences go under "More" rather
  // than be cut mid-line by the footer.
  { sentences: 0, clamp: 2, disputes: 1 },
] as const;

/** Space kept above "More" once it is scrolled to the top of the card's body (px). */
const MORE_MARGIN = 4;

/** The hovercard: what the outlets in the user's corpus say about one entity. */
export function Hovercard(props: HovercardProps) {
  const { state, entityId } = props;
  const data = state.status === 'ready' ? state.data : null;
  const name = data?.entity.name ?? props.name;
  const type = data?.entity.type ?? props.type;
  const titleId = `cc-title-${entityId.replace(/[^a-z0-9_-]/gi, '')}`;
  const body = useRef<HTMLDivElement>(null);
  const [fit, setFit] = useState({ key: '', level: 0, more: false });
  const key = `${entityId}|${state.status}`;
  const current = fit.key === key ? fit : { key, level: 0, more: false };

  // Step down until the first screen fits; re-check when the placement shrinks the card.
  useLayoutEffect(() => {
    const el = body.current;
    if (!el || !data) return;
    const check = () => {
      const scrolls = el.scrollHeight > el.clientHeight + 1;
      el.dataset.scrolls = String(scrolls && el.scrollTop + el.clientHeight < el.scrollHeight - 1);
      if (current.more || !scrolls) return;
      if (current.level < FIT_LEVELS.length - 1) setFit({ ...current, level: current.level + 1 });
    };
    check();
    const observer = new ResizeObserver(check);
    observer.observe(el);
    return () => observer.disconnect();
  });

  // "More" opens below the first screen, out of sight in a full card: bring it up to the top of
  // the card's body, or pressing it would seem to do nothing but flip its arrow.
  const moreShown = useRef(false);
  useLayoutEffect(() => {
    const el = body.current;
    const opened = current.more && !moreShown.current;
    moreShown.current = current.more;
    const summary = el?.querySelector('details.more > summary');
    if (!el || !opened || !summary) return;
    const offset = summary.getBoundingClientRect().top - el.getBoundingClientRect().top;
    el.scrollTo({ top: el.scrollTop + offset - MORE_MARGIN });
  });

  return (
    <div
      class={`card theme-${props.theme}`}
      role={props.hidden ? undefined : 'dialog'}
      aria-hidden={props.hidden ? 'true' : undefined}
      aria-modal="false"
      aria-labelledby={titleId}
      tabIndex={-1}
      data-entity={entityId}
      data-fit={String(current.level)}
    >
      <div class="frame">
        <header class="head">
          <div class="title">
            <h2 id={titleId}>{name}</h2>
            {type && <span class="type">{TYPE_LABEL[type]}</span>}
          </div>
          <button type="button" class="close" aria-label="Close" onClick={trusted(props.onClose)}>
            ×
          </button>
        </header>
        <div
          class="body"
          ref={body}
          onScroll={(e) => {
            const el = e.currentTarget;
            el.dataset.scrolls = String(el.scrollTop + el.clientHeight < el.scrollHeight - 1);
          }}
        >
          {props.identity && (
            <p class="identity" role="note">
              <strong>May be someone else.</strong> This page says “{props.identity.page}”; your
              sources know {name} as “{props.identity.known}”.
            </p>
          )}
          {props.offStory && (
            <p class="off-story">
              Your sources do not cover this page's story. What they say about {name} comes from
              other coverage.
            </p>
          )}
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
          {data && (
            <CardBody
              data={data}
              level={FIT_LEVELS[current.level]!}
              more={current.more}
              onMore={(more) => setFit({ ...current, more })}
              onOpenList={props.onOpenList}
            />
          )}
        </div>
        <footer class="foot">
          <span class="brand">Crosscheck</span>
          <span class="foot-actions">
            {props.onCorrect && data && (
              <button
                type="button"
                class="link"
                title={`Correct ${name}: same as another, or not a name`}
                onClick={trusted(() => props.onCorrect?.(entityId))}
              >
                Correct…
              </button>
            )}
            {props.site && (
              <button type="button" class="link" onClick={trusted(props.onDisableSite)}>
                Turn off on {props.site}
              </button>
            )}
          </span>
        </footer>
      </div>
    </div>
  );
}

function CardBody({
  data,
  level,
  more,
  onMore,
  onOpenList,
}: {
  data: CardData;
  level: (typeof FIT_LEVELS)[number];
  more: boolean;
  onMore: (open: boolean) => void;
  onOpenList: (id: string) => void;
}) {
  const { entity, summary, sources, descriptors, sentences, quotes, related, disputes } = data;
  const hover = new Map(sources.map((s) => [s.sourceId, s.hover]));
  const total = data.discrepancies.count;
  const firstSentences = sentences.slice(0, level.sentences);
  const restSentences = sentences.slice(firstSentences.length);
  return (
    <>
      {summary ? (
        <p
          class="oneline"
          title={summary.by.length ? `${summary.text}: ${summary.by.join(', ')}` : summary.text}
        >
          {summary.text}
          {summary.by.length > 0 && <span class="outlet"> {summary.by.join(', ')}</span>}
        </p>
      ) : (
        // No description and no outlet describes it: say what the corpus knows.
        <p class="oneline">
          {ARTICLE_TYPE[entity.type]} named {plural(data.mentionCount, 'time')} in{' '}
          {plural(sources.length, 'source')}.
        </p>
      )}

      <section class="disputes" aria-label="Where outlets differ">
        <div class="h3row">
          <h3>Where outlets differ</h3>
          {total > 0 && (
            <button type="button" class="link" onClick={trusted(() => onOpenList(entity.id))}>
              {total === 1 ? 'See it in the list' : `See all ${total} in the list`}
            </button>
          )}
        </div>
        {disputes.length === 0 ? (
          <p class="empty">No difference between outlets found about it.</p>
        ) : (
          <ul>
            {disputes.slice(0, level.disputes).map((d) => (
              <li key={d.id} data-severity={d.severity}>
                <span class="topic">{d.topic}:</span>{' '}
                {d.sides.map((side, i) => (
                  <span key={side.sourceId + side.who} class="side">
                    {i > 0 && '; '}
                    <span class="who" title={hover.get(side.sourceId)}>
                      {side.who}
                    </span>{' '}
                    {side.verb} {side.verb === 'credits' ? side.says : <q>{side.says}</q>}
                  </span>
                ))}
              </li>
            ))}
          </ul>
        )}
      </section>

      {(level.sentences > 0 || sentences.length === 0) && (
        <section class="key" aria-label="What the sources say">
          <h3>What the sources say</h3>
          {sentences.length === 0 ? (
            <p class="empty">No sentence about it in your sources.</p>
          ) : (
            <ul class="sentences">
              {firstSentences.map((s) => (
                <li
                  key={`${s.sourceId}:${s.text}`}
                  class={level.clamp ? `clamp clamp-${level.clamp}` : undefined}
                  title={level.clamp ? s.text : undefined}
                >
                  <span class="outlet" title={hover.get(s.sourceId)}>
                    {s.outlet}
                  </span>{' '}
                  <span class="text">{s.text}</span>
                </li>
              ))}
            </ul>
          )}
        </section>
      )}

      <details
        class="more"
        open={more}
        onToggle={(e) => onMore((e.currentTarget as HTMLDetailsElement).open)}
      >
        <summary>More</summary>
        <p class="counts">
          Named {plural(data.mentionCount, 'time')} in {plural(sources.length, 'source')}
        </p>

        {descriptors.length > 0 && (
          <section aria-label="How outlets describe it">
            <h3>How outlets describe it</h3>
            <ul class="descriptors">
              {descriptors.map((d) => (
                <li
                  key={`${d.quoted ? 'q' : 'o'}:${d.text}`}
                  class={d.quoted ? 'quoted' : undefined}
                >
                  <q>{d.text}</q> <span class="outlet">{d.outlets.join(', ')}</span>
                </li>
              ))}
            </ul>
          </section>
        )}

        {(restSentences.length > 0 || level.clamp > 0) && (
          <section aria-label="More sentences">
            <h3>More sentences</h3>
            <ul class="sentences">
              {(level.clamp > 0 ? sentences : restSentences).map((s) => (
                <li key={`${s.sourceId}:${s.text}`}>
                  <span class="text">{s.text}</span>{' '}
                  <span class="outlet" title={hover.get(s.sourceId)}>
                    {s.outlet}
                  </span>
                </li>
              ))}
            </ul>
          </section>
        )}

        {quotes.length > 0 && (
          <section aria-label="In its own words">
            <h3>In its own words</h3>
            <ul class="quotes">
              {quotes.map((q) => (
                <li key={`${q.sourceId}:${q.text}`}>
                  <q>{q.text}</q>{' '}
                  <span class="outlet" title={hover.get(q.sourceId)}>
                    {q.outlet}
                  </span>
                </li>
              ))}
            </ul>
          </section>
        )}

        <section aria-label="Sources">
          <h3>Mentions per source</h3>
          {sources.length === 0 ? (
            <p class="empty">No enabled source mentions it.</p>
          ) : (
            <ul class="sources">
              {sources.map((s) => (
                <li key={s.sourceId} title={s.hover}>
                  {s.url ? (
                    <a href={s.url} target="_blank" rel="noopener noreferrer">
                      {s.outlet}
                    </a>
                  ) : (
                    <span>{s.outlet}</span>
                  )}
                  <span class="n"> {s.mentions}</span>
                </li>
              ))}
            </ul>
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
      </details>
    </>
  );
}
