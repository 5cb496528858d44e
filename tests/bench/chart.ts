/**
 * The benchmark's chart, as a plain SVG: cost against page size (left, at the middle dictionary
 * size) and against dictionary size (right, the largest page with a seed article), log scales.
 */
import { writeFileSync } from 'node:fs';
import type { Summary } from './page-bench';

const SERIES = [
  { key: 'crosscheck', label: 'Crosscheck (whole script)', color: '#1b6ac9' },
  { key: 'markjs', label: 'mark.js 8.11', color: '#d1495b' },
  { key: 'advanced', label: 'advanced-mark.js', color: '#e09f3e' },
  { key: 'floor', label: 'TreeWalker floor', color: '#666666' },
] as const;

interface Panel {
  x0: number;
  title: string;
  xLabel: string;
  xs: number[];
  points: Array<{ key: (typeof SERIES)[number]['key']; x: number; y: number }>;
  lines: boolean;
}

const W = 980;
const H = 420;
const PW = 400;
const PH = 290;
const TOP = 50;

function logScale(min: number, max: number, from: number, to: number) {
  const a = Math.log10(min);
  const b = Math.log10(max);
  return (v: number) => from + ((Math.log10(Math.max(v, min)) - a) / (b - a || 1)) * (to - from);
}

const ticks = (min: number, max: number) => {
  const out: number[] = [];
  for (let e = Math.floor(Math.log10(min)); e <= Math.ceil(Math.log10(max)); e++)
    for (const m of [1, 2, 5]) {
      const v = m * 10 ** e;
      if (v >= min && v <= max) out.push(v);
    }
  return out;
};
const fmt = (v: number) => (v >= 1000 ? `${v / 1000}k` : `${v}`);

function panel(p: Panel, yMin: number, yMax: number): string {
  const xMin = Math.min(...p.xs);
  const xMax = Math.max(...p.xs);
  const sx = logScale(xMin * 0.8, xMax * 1.25, p.x0 + 50, p.x0 + 50 + PW);
  const sy = logScale(yMin, yMax, TOP + PH, TOP);
  const out: string[] = [];
  out.push(
    `<text x="${p.x0 + 50 + PW / 2}" y="${TOP - 16}" text-anchor="middle" font-weight="bold">${p.title}</text>`,
  );
  out.push(
    `<rect x="${p.x0 + 50}" y="${TOP}" width="${PW}" height="${PH}" fill="none" stroke="#bbb"/>`,
  );
  for (const t of ticks(yMin, yMax)) {
    const y = sy(t);
    out.push(`<line x1="${p.x0 + 50}" x2="${p.x0 + 50 + PW}" y1="${y}" y2="${y}" stroke="#eee"/>`);
    out.push(
      `<text x="${p.x0 + 44}" y="${y + 4}" text-anchor="end" font-size="11">${fmt(t)}</text>`,
    );
  }
  for (const t of p.lines ? p.xs : ticks(xMin * 0.8, xMax * 1.25)) {
    const x = sx(t);
    out.push(
      `<text x="${x}" y="${TOP + PH + 16}" text-anchor="middle" font-size="11">${fmt(t)}</text>`,
    );
  }
  out.push(
    `<text x="${p.x0 + 50 + PW / 2}" y="${TOP + PH + 36}" text-anchor="middle" font-size="12">${p.xLabel}</text>`,
  );
  out.push(
    `<text transform="translate(${p.x0 + 12},${TOP + PH / 2}) rotate(-90)" text-anchor="middle" font-size="12">main-thread ms (log)</text>`,
  );
  for (const s of SERIES) {
    const pts = p.points.filter((q) => q.key === s.key && q.y > 0).sort((a, b) => a.x - b.x);
    if (p.lines && pts.length > 1)
      out.push(
        `<polyline fill="none" stroke="${s.color}" stroke-width="2" points="${pts.map((q) => `${sx(q.x).toFixed(1)},${sy(q.y).toFixed(1)}`).join(' ')}"/>`,
      );
    for (const q of pts)
      out.push(
        `<circle cx="${sx(q.x).toFixed(1)}" cy="${sy(q.y).toFixed(1)}" r="3.5" fill="${s.color}" fill-opacity="0.8"/>`,
      );
  }
  return out.join('\n');
}

export function writeChart(rows: Summary[], path: string): void {
  const sizes = [...new Set(rows.map((r) => r.terms))].sort((a, b) => a - b);
  const mid = sizes[Math.floor(sizes.length / 2)] ?? sizes[0]!;
  const atMid = rows.filter((r) => r.terms === mid && r.chars > 0);
  const largest = [...rows].filter((r) => r.seed).sort((a, b) => b.chars - a.chars)[0] ?? rows[0]!;
  const onLargest = rows.filter((r) => r.page === largest.page && r.seed === largest.seed);
  const left: Panel = {
    x0: 0,
    title: `Cost vs page size (${mid} terms, every page)`,
    xLabel: 'characters of text on the page (log)',
    xs: atMid.map((r) => r.chars),
    points: atMid.flatMap((r) => SERIES.map((s) => ({ key: s.key, x: r.chars, y: r.ms[s.key] }))),
    lines: false,
  };
  const right: Panel = {
    x0: W / 2,
    title: `Cost vs dictionary size (${largest.page} + seed)`,
    xLabel: 'terms in the dictionary (log)',
    xs: sizes,
    points: onLargest.flatMap((r) =>
      SERIES.map((s) => ({ key: s.key, x: r.terms, y: r.ms[s.key] })),
    ),
    lines: true,
  };
  const ys = [...left.points, ...right.points].map((q) => q.y).filter((y) => y > 0);
  const yMin = Math.max(0.05, Math.min(...ys) * 0.7);
  const yMax = Math.max(...ys) * 1.4;
  const legend = SERIES.map(
    (s, i) =>
      `<rect x="${60 + i * 230}" y="${H - 22}" width="12" height="12" fill="${s.color}"/><text x="${78 + i * 230}" y="${H - 12}" font-size="12">${s.label}</text>`,
  ).join('\n');
  const svg = `<svg xmlns="http://www.w3.org/2000/svg" width="${W}" height="${H}" viewBox="0 0 ${W} ${H}" font-family="sans-serif" font-size="13">
<rect width="100%" height="100%" fill="white"/>
${panel(left, yMin, yMax)}
${panel(right, yMin, yMax)}
${legend}
</svg>
`;
  writeFileSync(path, svg);
}
