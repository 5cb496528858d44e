/**
 * `npx tsx tests/bench/report.ts [results.json] [other.json]`: the README's Performance tables
 * from a benchmark run (targets of issue 12 beside what was measured); the sections missing from
 * the first file (hostile pages, hover, rescans, bundle) are taken from the second when given.
 */
import { readFileSync } from 'node:fs';
import type { Summary } from './page-bench';

interface Hostile {
  with: Record<string, number>;
  without: Record<string, number>;
}
interface Results {
  meta: Record<string, unknown> & { terms: Record<string, number> };
  pages: Summary[];
  hostile?: Record<string, Hostile>;
  hover?: Record<string, number>;
  bundle?: Record<string, { raw: number; gzip: number }>;
  rescans?: {
    byK: Array<Record<string, number>>;
    ownChangeScans: number;
    cardOpened: boolean;
  };
}

const r: Results = JSON.parse(readFileSync(process.argv[2] ?? 'tests/bench/results.json', 'utf8'));
if (process.argv[3]) {
  const other = JSON.parse(readFileSync(process.argv[3], 'utf8')) as Results;
  r.hostile ??= other.hostile;
  r.hover ??= other.hover;
  r.rescans ??= other.rescans;
  r.bundle ??= other.bundle;
}
const f = (x: number | null | undefined, d = 1) =>
  x === null || x === undefined || !Number.isFinite(x) ? '–' : x.toFixed(d);
const kb = (b: number) => `${(b / 1024).toFixed(1)} KB`;
const name = (p: Summary) => `${p.page}${p.seed ? ' + seed' : ''}`;

console.log(
  `Run ${r.meta.started} (commit ${r.meta.commit}), ${r.meta.chromium}, ${r.meta.cpus} CPUs, load average ${JSON.stringify(r.meta.loadavgStart)} at the start and ${JSON.stringify(r.meta.loadavgEnd)} at the end; ${r.meta.runs} runs after a warm-up.\n`,
);
console.log(
  '| page | terms | text chars | Crosscheck, whole script ms | its scan mark ms | mark.js ms | advanced-mark.js ms | floor ms | mark.js ÷ CC | advanced ÷ CC | CC ÷ floor | matches CC / mark.js / advanced |',
);
console.log('|---|--:|--:|--:|--:|--:|--:|--:|--:|--:|--:|--:|');
for (const p of r.pages)
  console.log(
    `| ${name(p)} | ${p.terms} | ${p.chars.toLocaleString('en')} | ${f(p.ms.crosscheck)} | ${f(p.crosscheckScanMs)} | ${f(p.ms.markjs, 0)} | ${f(p.ms.advanced, 0)} | ${f(p.ms.floor)} | ${f(p.ratio.markjsOverCrosscheck)}× | ${f(p.ratio.advancedOverCrosscheck)}× | ${f(p.ratio.crosscheckOverFloor)}× | ${f(p.matches.crosscheck, 0)} / ${f(p.matches.markjs, 0)} / ${f(p.matches.advanced, 0)} |`,
  );

const sizes = [...new Set(r.pages.map((p) => p.terms))].sort((a, b) => a - b);
const med = (xs: number[]) => {
  const s = xs.filter(Number.isFinite).sort((a, b) => a - b);
  return s.length ? s[Math.floor((s.length - 1) / 2)]! : NaN;
};
console.log('\nStart-up (medians over pages and runs, ms from injection):\n');
console.log(
  '| terms | settings | dictionary read | automaton build | scan | first underline | all placed |',
);
console.log('|--:|--:|--:|--:|--:|--:|--:|');
for (const s of sizes) {
  const ps = r.pages.filter((p) => p.terms === s && p.startup);
  const g = (k: string) => f(med(ps.map((p) => p.startup![k] ?? NaN)));
  console.log(
    `| ${s} | ${g('settings')} | ${g('dictionary')} | ${g('automaton')} | ${g('scanMs')} | ${g('firstBoxMs')} | ${g('allPlacedMs')} |`,
  );
}
console.log('\nMain thread per page (Crosscheck at the smallest dictionary):\n');
console.log(
  '| page | longest task without / with | total blocking time without / with | longest run of extension samples | layout+style ms without / with |',
);
console.log('|---|--:|--:|--:|--:|');
for (const p of r.pages.filter((p) => p.terms === sizes[0]))
  console.log(
    `| ${name(p)} | ${f(p.mainThread.withoutLongestTaskMs, 0)} / ${f(p.mainThread.withLongestTaskMs, 0)} | ${f(p.mainThread.withoutTbtMs, 0)} / ${f(p.mainThread.withTbtMs, 0)} | ${f(p.crosscheckLongestRunMs)} | ${f(p.layoutStyleMs.none, 0)} / ${f(p.layoutStyleMs.crosscheck, 0)} |`,
  );
console.log(
  '\nLongest run of extension samples (ms; a lower bound of its longest task), by dictionary:\n',
);
console.log(`| page | ${sizes.map((s) => `${s} terms`).join(' | ')} |`);
console.log(`|---|${sizes.map(() => '--:').join('|')}|`);
for (const p of r.pages.filter((p) => p.terms === sizes[0]))
  console.log(
    `| ${name(p)} | ${sizes
      .map((s) =>
        f(
          r.pages.find((q) => q.page === p.page && q.seed === p.seed && q.terms === s)
            ?.crosscheckLongestRunMs,
        ),
      )
      .join(' | ')} |`,
  );
if (r.rescans && r.rescans.byK) {
  console.log('\nRescans: k paragraphs appended at once (medians):\n');
  console.log(
    '| k | extension ms (profiled) | scan pass ms | text nodes scanned | chars scanned | longest run ms |',
  );
  console.log('|--:|--:|--:|--:|--:|--:|');
  for (const x of r.rescans.byK)
    console.log(
      `| ${x.k} | ${f(x.extensionMs)} | ${f(x.scanMs)} | ${x.textNodes} | ${x.chars?.toLocaleString('en')} | ${f(x.longestRunMs)} |`,
    );
  console.log(
    `\nScans started by the extension's own changes (underlines drawn while scrolling, a card ${r.rescans.cardOpened ? 'opened' : 'NOT opened'} and closed): ${r.rescans.ownChangeScans}.`,
  );
}
if (r.hostile) {
  console.log('\nHostile pages (issue 11 §6):\n');
  console.log(
    '| page | longest task without / with | TBT without / with | extension ms | longest run of extension samples (max) | longest scan slice |',
  );
  console.log('|---|--:|--:|--:|--:|--:|');
  for (const [n, h] of Object.entries(r.hostile))
    console.log(
      `| ${n} | ${f(h.without.longestTaskMs, 0)} / ${f(h.with.longestTaskMs, 0)} | ${f(h.without.tbtMs, 0)} / ${f(h.with.tbtMs, 0)} | ${f(h.with.extensionMs, 0)} | ${f(h.with.extensionLongestRunMs)} (${f(h.with.maxExtensionLongestRunMs)}) | ${f(h.with.longestScanSliceMs)} |`,
    );
}
if (r.hover)
  console.log(
    `\nHover (${r.hover.hovers} hovers): card in a painted frame p50 ${f(r.hover.visibleP50Ms)} ms, p95 ${f(r.hover.visibleP95Ms)} ms; with its data p50 ${f(r.hover.readyP50Ms)} ms, p95 ${f(r.hover.readyP95Ms)} ms.`,
  );
if (r.bundle) {
  console.log('\n| file | raw | gzip |\n|---|--:|--:|');
  for (const [file, s] of Object.entries(r.bundle).filter(([k]) => k.endsWith('.js')))
    console.log(`| ${file} | ${kb(s.raw)} | ${kb(s.gzip)} |`);
}
