import { shortLabel } from '@/lib/source-label';
import type { CoverageGrid as Grid } from '@/lib/protocol';

/** Key entities x outlets: who mentions whom, how often (darker = more). */
export function CoverageGrid({ grid, onPick }: { grid: Grid; onPick: (entityId: string) => void }) {
  if (grid.rows.length === 0) return null;
  const max = Math.max(1, ...grid.rows.flatMap((r) => r.counts));
  return (
    <table class="grid">
      <caption>How often each outlet names them (hover a column for its full name)</caption>
      <thead>
        <tr>
          <th scope="col">
            <span class="sr-only">Name</span>
          </th>
          {grid.outlets.map((o) => (
            <th scope="col" key={o.sourceId} title={o.hover}>
              <abbr title={o.hover}>{shortLabel(o.outlet)}</abbr>
            </th>
          ))}
        </tr>
      </thead>
      <tbody>
        {grid.rows.map((r) => (
          <tr key={r.entityId}>
            <th scope="row">
              <button
                type="button"
                class="linkish"
                onClick={() => onPick(r.entityId)}
                title={`Show where outlets differ about ${r.name}`}
              >
                {r.name}
              </button>
            </th>
            {r.counts.map((n, i) => (
              <td
                key={grid.outlets[i]!.sourceId}
                style={{ '--heat': String(n / max) }}
                class={n ? 'hit' : 'miss'}
                title={`${grid.outlets[i]!.outlet}: ${n} mention${n === 1 ? '' : 's'}`}
              >
                {n || ''}
              </td>
            ))}
          </tr>
        ))}
      </tbody>
    </table>
  );
}
