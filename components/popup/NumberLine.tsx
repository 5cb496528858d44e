import type { ClaimView } from '@/lib/protocol';

/** Each outlet's figure (and the range its hedge allows) on one small number line. */
export function NumberLine({ claims }: { claims: readonly ClaimView[] }) {
  const pts = claims.filter((c) => c.low !== null && c.high !== null);
  if (pts.length < 2) return null;
  const min = Math.min(...pts.map((c) => c.low!));
  const max = Math.max(...pts.map((c) => c.high!));
  const pad = (max - min) * 0.08 || Math.max(1, max * 0.05);
  const lo = Math.max(0, min - pad);
  const hi = max + pad;
  const x = (v: number) => 8 + ((v - lo) / (hi - lo)) * 284;
  const fmt = (v: number) => Math.round(v).toLocaleString('en');
  return (
    <figure class="numberline">
      <svg
        viewBox={`0 0 300 ${24 + pts.length * 16}`}
        role="img"
        aria-label={`Figures: ${pts.map((c) => `${c.outlet} ${c.span}`).join('; ')}`}
      >
        <line x1="8" x2="292" y1="12" y2="12" class="axis" />
        <text x="8" y="10" class="tick">
          {fmt(lo)}
        </text>
        <text x="292" y="10" class="tick" text-anchor="end">
          {fmt(hi)}
        </text>
        {pts.map((c, i) => {
          const y = 26 + i * 16;
          return (
            <g key={c.claimId}>
              <line
                x1={x(c.low!)}
                x2={Math.max(x(c.high!), x(c.low!) + 2)}
                y1={y}
                y2={y}
                class="range"
              />
              <circle cx={x(Number(c.value))} cy={y} r="3" class="dot" />
              <text x={Math.min(x(c.high!) + 6, 230)} y={y + 3} class="label">
                {c.outlet}
              </text>
            </g>
          );
        })}
      </svg>
    </figure>
  );
}
