/**
 * `npm run eval [-- --json | --details]`: scores the entity pipeline against the gold in
 * tests/eval/gold and prints the figures per event, per language and overall, then incremental
 * indexing against the batch build. Definitions: tests/eval/README.md.
 */
import { pathToFileURL } from 'node:url';
import { evaluateDiscrepancies, formatDiscrepancyReport } from './discrepancy-eval';
import { type EvalReport, evaluateAll, type ScopeResult } from './evaluate';
import { evaluateLanguages, formatLanguageReport } from './language-eval';
import { evaluateStories, formatStoryReport } from './stories-eval';

const pct = (x: number | null) => (x === null ? '—' : `${(x * 100).toFixed(1)}%`);

const COLUMNS: Array<[string, number, (r: ScopeResult) => string]> = [
  ['gold', 5, (r) => String(r.counts.gold)],
  ['found', 6, (r) => String(r.counts.found)],
  ['system', 7, (r) => String(r.counts.system)],
  ['precision', 10, (r) => pct(r.ratios.precision)],
  ['recall', 7, (r) => pct(r.ratios.recall)],
  ['core rec.', 10, (r) => pct(r.ratios.coreRecall)],
  ['forms', 7, (r) => pct(r.ratios.formsLinked)],
  ['split', 6, (r) => String(r.counts.split)],
  ['core', 5, (r) => String(r.counts.coreSplit)],
  ['merged', 7, (r) => String(r.counts.merged)],
  ['names', 6, (r) => String(r.counts.nameErrors)],
  ['core', 5, (r) => String(r.counts.coreNameErrors)],
  ['types', 6, (r) => String(r.counts.typeErrors)],
  ['junk', 5, (r) => String(r.counts.junk)],
  ['listed', 7, (r) => String(r.counts.junkListed)],
  ['partial', 8, (r) => String(r.counts.junkPartial)],
];

function table(title: string, rows: Array<[string, ScopeResult]>): string {
  const width = Math.max(title.length, ...rows.map(([label]) => label.length)) + 2;
  const head = title.padEnd(width) + COLUMNS.map(([h, w]) => h.padStart(w)).join(' ');
  const lines = rows.map(
    ([label, r]) => label.padEnd(width) + COLUMNS.map(([, w, f]) => f(r).padStart(w)).join(' '),
  );
  return [head, ...lines].join('\n');
}

export function formatReport(report: EvalReport, details = false): string {
  const out: string[] = [];
  out.push(
    table(
      'event (batch build)',
      report.events.map((e) => [`${e.event} [${e.languages.join(',')}]`, e.batch]),
    ),
  );
  out.push('');
  out.push(table('language (all events)', Object.entries(report.byLanguage)));
  out.push('');
  out.push(table('overall', [['all events', report.overall]]));
  out.push('');
  out.push(
    'incremental vs batch: one source at a time added to the EntityLayer (identical = same ids, names, aliases, types and mention links); service = each source added as the extension adds it (through the handlers of lib/service/sources.ts, which derive only what the change touches), compared row by row with a batch build',
  );
  const w = Math.max(...report.events.map((e) => e.event.length)) + 2;
  const row = (cells: Array<[string, number]>) => cells.map(([c, n]) => c.padStart(n)).join('');
  out.push(
    'event'.padEnd(w) +
      row([
        ['differences', 12],
        ['identical', 10],
        ['precision', 11],
        ['recall', 8],
        ['junk', 6],
        ['ms batch/incr.', 16],
        ['service', 15],
      ]),
  );
  for (const e of report.events) {
    const i = e.incremental;
    out.push(
      e.event.padEnd(w) +
        row([
          [String(i.diff.differences), 12],
          [i.identical ? 'yes' : 'no', 10],
          [pct(i.ratios.precision), 11],
          [pct(i.ratios.recall), 8],
          [String(i.counts.junk), 6],
          [`${e.ms.batch}/${e.ms.incremental}`, 16],
          [String(e.service.diff.differences), 15],
        ]),
    );
  }
  const io = report.incrementalOverall;
  out.push(
    'all events'.padEnd(w) +
      row([
        [String(io.differences), 12],
        [`${io.identical}/${report.events.length}`, 10],
        [pct(io.ratios.precision), 11],
        [pct(io.ratios.recall), 8],
        [String(io.counts.junk), 6],
        ['', 16],
        [String(report.serviceOverall.differences), 15],
      ]),
  );
  out.push('');
  out.push(
    'precision = correct / (correct + junk); recall = gold entities found / gold entities; core rec. = the same for core entities; forms = gold surface forms on the entity\u2019s primary match; split = gold entities matched by 2+ system entities (core: of the core entities, named in 3+ sources); merged = system entities matching 2+ gold entities; names/types = found gold entities whose primary match has a wrong name/type (core: of the core entities); junk = system entities matching no gold entity or carrying a listed non-entity string (listed = the latter; partial = other junk with a gold form plus or minus words, e.g. \u201cEn Valencia\u201d).',
  );
  if (details) {
    for (const e of report.events) {
      const d = e.batch.details;
      out.push('', `## ${e.event}`);
      out.push(`missed: ${d.missed.join(' | ') || '—'}`);
      // Where each miss was expected: the languages of the sources that name it.
      const missedIn = Object.entries(e.byLanguage)
        .filter(([, r]) => r.details.missed.length > 0)
        .map(([lang, r]) => `${lang}: ${r.details.missed.join(' | ')}`);
      if (missedIn.length > 0) out.push(`missed by language: ${missedIn.join('; ')}`);
      const unlinked = Object.entries(e.byLanguage)
        .filter(([, r]) => r.details.unlinkedForms.length > 0)
        .map(
          ([lang, r]) =>
            `${lang}: ${r.details.unlinkedForms.map((u) => `${u.form} (${u.gold})`).join(' | ')}`,
        );
      if (unlinked.length > 0) out.push(`forms not on the primary match: ${unlinked.join('; ')}`);
      out.push(
        `junk: ${d.junk.map((j) => (j.kind === 'other' ? j.name : `${j.name} (${j.kind})`)).join(' | ') || '—'}`,
      );
      out.push(
        `splits: ${d.splits.map((s) => `${s.gold} -> ${s.system.join(' + ')}`).join(' | ') || '—'}`,
      );
      out.push(
        `merges: ${d.merges.map((m) => `${m.system} = ${m.gold.join(' + ')}`).join(' | ') || '—'}`,
      );
      out.push(
        `names: ${d.nameErrors.map((n) => `${n.gold} called "${n.system}"`).join(' | ') || '—'}`,
      );
      out.push(
        `types: ${d.typeErrors.map((t) => `${t.gold} ${t.got} (not ${t.expected})`).join(' | ') || '—'}`,
      );
      const diff = e.incremental.diff;
      out.push(
        `incremental: ${
          [
            ...diff.changed.map((c) => `${c.batch} => ${c.incremental}`),
            ...diff.onlyBatch.map((s) => `batch only: ${s}`),
            ...diff.onlyIncremental.map((s) => `incremental only: ${s}`),
          ].join(' | ') || '—'
        }`,
      );
    }
  }
  return out.join('\n');
}

export function main(argv: string[]): number {
  const report = evaluateAll();
  const discrepancies = evaluateDiscrepancies();
  const stories = evaluateStories();
  const languages = evaluateLanguages();
  const details = argv.includes('--details');
  process.stdout.write(
    argv.includes('--json')
      ? `${JSON.stringify({ ...report, discrepancies, stories, languages }, null, 2)}\n`
      : `${formatReport(report, details)}\n\n${formatDiscrepancyReport(discrepancies, details)}\n\n${formatStoryReport(stories)}\n\n${formatLanguageReport(languages, details)}\n`,
  );
  return 0;
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  process.exitCode = main(process.argv.slice(2));
}
