import type { PageContext, TabProtocol } from '@/lib/protocol';
import { UNKNOWN_OUTLET } from '@/lib/source-label';
import { LOOKING_AT_PAGE } from './words';

export type PageState =
  | { state: 'loading' }
  | { state: 'none' }
  | { state: 'off' }
  | { state: 'on'; page: TabProtocol['getPageEntities']['res'] };

/** The comparison of this page with the corpus, while it is asked for and once answered. */
export type ContextState =
  | { state: 'idle' }
  | { state: 'loading' }
  | { state: 'error'; message: string }
  | { state: 'ready'; context: PageContext };

/** Rows in "This page vs the others", and wordings per row, before the rest go to the list. */
export const PAGE_ROWS = 3;
const WORDINGS = 1;

/** One line on where this page stands, in plain words (no "corpus": a reader has sources). */
function status(page: PageState, context: ContextState): string {
  if (page.state === 'off') return 'Crosscheck is off on this site.';
  if (context.state === 'idle')
    return page.state === 'loading'
      ? LOOKING_AT_PAGE
      : 'Crosscheck can’t run on this page. It works on web pages: open a news article to compare it with your sources.';
  if (context.state === 'loading') return 'Comparing this page with your sources…';
  if (context.state === 'error') return `Could not compare this page: ${context.message}`;
  const c = context.context;
  if (c.sourceId) return `This page is one of your sources: ${c.outlet ?? UNKNOWN_OUTLET}.`;
  if (!c.onStory) return 'Your sources do not cover this page’s story.';
  return 'Your sources cover this page’s story. It is compared with them, not saved.';
}

/**
 * "This page vs the others": what the page says where the other outlets say something else, as
 * short rows (this page says | others say, with their outlets).
 */
export function ThisPage({
  page,
  context,
  stories,
  turnOn,
}: {
  page: PageState;
  context: ContextState;
  /** How many stories the corpus holds: with one, naming the page's story tells nothing. */
  stories: number;
  /** Where the reader turned it off on this site: the way back (busy while it starts). */
  turnOn?: { busy: boolean; failed: boolean; onPress: () => void };
}) {
  const statements =
    context.state === 'ready' ? context.context.statements.slice(0, PAGE_ROWS) : [];
  const ready = context.state === 'ready' ? context.context : null;
  return (
    <section aria-labelledby="says-h" class="says">
      <h2 id="says-h">This page vs the others</h2>
      <p class="pagestate" data-testid="page-state" aria-live="polite">
        {status(page, context)}
        {page.state === 'none' && context.state !== 'idle'
          ? ' Reload it to see its names underlined (it was open before Crosscheck started).'
          : ''}
      </p>
      {ready && !ready.onStory && ready.sourceId === null ? (
        <p class="muted next-step" data-testid="page-next">
          To compare pages on a story you follow, add a few articles on it: this page with the
          button below, others{' '}
          <a href="/options.html#add-url" target="_blank">
            by address
          </a>
          .{' '}
          <a href="/welcome.html" target="_blank">
            How Crosscheck works
          </a>
        </p>
      ) : null}
      {page.state === 'off' && turnOn ? (
        <p class="turn-on">
          <button type="button" onClick={turnOn.onPress} disabled={turnOn.busy}>
            {turnOn.busy ? 'Turning it on…' : 'Turn it on for this site'}
          </button>
          {turnOn.failed ? (
            <span role="alert" class="error">
              {' '}
              It did not start here: reload the page.
            </span>
          ) : null}
        </p>
      ) : null}
      {ready?.story && stories > 1 ? (
        <p class="muted page-story" data-testid="page-story">
          Its story: {ready.story.label}
        </p>
      ) : null}
      {ready?.onStory && statements.length === 0 ? (
        <p class="muted">Where it says something the others also report, they agree.</p>
      ) : null}
      {statements.length ? (
        <table class="vs" data-testid="page-vs">
          <thead>
            <tr>
              <th scope="col">This page says</th>
              <th scope="col">Others say</th>
            </tr>
          </thead>
          {statements.map((s) => (
            <tbody key={s.discrepancyId}>
              <tr class="topic-row">
                <th colSpan={2} scope="rowgroup">
                  {s.topic}
                </th>
              </tr>
              <tr>
                <td>
                  <q>{s.here[0]}</q>
                  {s.here.length > 1 ? (
                    <span class="muted"> and {s.here.length - 1} more</span>
                  ) : null}
                </td>
                <td>
                  {s.others.slice(0, WORDINGS).map((o) => (
                    <span key={o.span}>
                      <q>{o.span}</q> <span class="who">{o.outlets.join(', ')}</span>
                    </span>
                  ))}
                  {s.others.length > WORDINGS ? (
                    <span class="muted">
                      {' '}
                      and {s.others.length - WORDINGS} more{' '}
                      {s.others.length - WORDINGS === 1 ? 'wording' : 'wordings'}
                    </span>
                  ) : null}
                </td>
              </tr>
            </tbody>
          ))}
        </table>
      ) : null}
    </section>
  );
}
