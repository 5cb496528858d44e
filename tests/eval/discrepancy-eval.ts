/**
 * The discrepancy evaluation: for every event with a tests/eval/gold/<event>.discrepancies.json,
 * builds the event's corpus and matches the engine's disagreements against the gold (the rule is
 * in tests/eval/README.md): precision and recall per kind, per event and overall.
 */
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { buildCorpus } from '../../lib/corpus/pipeline';
import { loadSeedOverrides } from '../../lib/node/seeds';
import type { Claim, ClaimKind, Corpus, Discrepancy } from '../../lib/types';
import { GOLD_DIR, loadEventSources, loadGoldEvents, REPO_ROOT } from './evaluate';

/** The kinds a reader tells apart; `other` (a direction, a place) is listed but not scored. */
export const GOLD_KINDS = ['number', 'date-time', 'label', 'quote', 'attribution'] as const;
export type GoldKind = (typeof GOLD_KINDS)[number] | 'other';

export const KIND_OF: Record<ClaimKind, GoldKind> = {
  quantity: 'number',
  time: 'date-time',
  label: 'label',
  descriptor: 'label',
  quote: 'quote',
  attribution: 'attribution',
};

export interface GoldSide {
  /** File names of the sources on this side, without ".txt". */
  sources: string[];
  /** Short phrases from those sources that carry this side's version. */
  phrases: string[];
}

export interface GoldDiscrepancy {
  id: string;
  kind: GoldKind;
  about: string;
  sides: GoldSide[];
}

export interface DiscrepancyGold {
  event: string;
  discrepancies: GoldDiscrepancy[];
  /** Pairs that look like a discrepancy and are not (flagging one is a false alarm). */
  lookalikes: GoldDiscrepancy[];
}

export interface PR {
  tp: number;
  fp: number;
  found: number;
  gold: number;
}

export interface DiscrepancyEventResult {
  event: string;
  byKind: Record<string, PR>;
  total: PR;
  /** Outside the five kinds: listed in the gold, not scored. */
  other: number;
  missed: string[];
  falseAlarms: string[];
  lookalikesFlagged: string[];
}

const empty = (): PR => ({ tp: 0, fp: 0, found: 0, gold: 0 });
const add = (a: PR, b: PR): PR => ({
  tp: a.tp + b.tp,
  fp: a.fp + b.fp,
  found: a.found + b.found,
  gold: a.gold + b.gold,
});

export const precision = (r: PR): number | null => (r.tp + r.fp ? r.tp / (r.tp + r.fp) : null);
export const recall = (r: PR): number | null => (r.gold ? r.found / r.gold : null);

/** Lower case, accents folded, every run of other characters one space, padded with spaces. */
function norm(s: string): string {
  const folded = s
    .normalize('NFD')
    .replace(/\p{M}+/gu, '')
    .toLowerCase()
    .replace(/[^\p{L}\p{N}]+/gu, ' ')
    .trim();
  return ` ${folded} `;
}

/** Whole-word containment either way (a span inside a phrase, or a phrase inside a span). */
function sameWords(span: string, phrase: string): boolean {
  const a = norm(span);
  const b = norm(phrase);
  return a.trim() !== '' && b.trim() !== '' && (a.includes(b) || b.includes(a));
}

/** The words of a claim a reader would point at: its span, and for a credit the figure too. */
function claimTexts(c: Claim): string[] {
  const out = [c.span];
  if (typeof c.detail.targetSpan === 'string') out.push(c.detail.targetSpan);
  return out;
}

/** Which sides of `g` the claims hit; a match needs two sides hit by two different claims. */
export function matches(
  d: Pick<Discrepancy, 'kind' | 'claimIds'>,
  g: GoldDiscrepancy,
  claims: Map<string, Claim>,
  fileOf: Map<string, string>,
): boolean {
  if (KIND_OF[d.kind] !== g.kind) return false;
  const hits = g.sides.map((side) =>
    d.claimIds.filter((id) => {
      const c = claims.get(id);
      if (!c || !side.sources.includes(fileOf.get(c.sourceId) ?? '')) return false;
      return claimTexts(c).some((t) => side.phrases.some((p) => sameWords(t, p)));
    }),
  );
  for (let i = 0; i < hits.length; i++)
    for (let j = i + 1; j < hits.length; j++)
      if (hits[i]!.some((x) => hits[j]!.some((y) => y !== x))) return true;
  return false;
}

export function loadDiscrepancyGold(event: string, dir = GOLD_DIR): DiscrepancyGold | null {
  const file = join(dir, `${event}.discrepancies.json`);
  return existsSync(file) ? (JSON.parse(readFileSync(file, 'utf8')) as DiscrepancyGold) : null;
}

const describe = (d: Discrepancy) => `[${d.kind}] ${d.topic}`;

/** Scores one corpus's disagreements against its gold. */
export function scoreDiscrepancies(corpus: Corpus, gold: DiscrepancyGold): DiscrepancyEventResult {
  const claims = new Map(corpus.claims.map((c) => [c.id, c]));
  const fileOf = new Map(corpus.sources.map((s) => [s.id, (s.file ?? s.id).replace(/\.txt$/, '')]));
  const byKind: Record<string, PR> = Object.fromEntries(GOLD_KINDS.map((k) => [k, empty()]));
  const scored = gold.discrepancies.filter((g) => g.kind !== 'other');
  const found = new Set<string>();
  const falseAlarms: string[] = [];
  const lookalikesFlagged: string[] = [];
  for (const d of corpus.discrepancies.filter((x) => !x.agreement)) {
    const kind = KIND_OF[d.kind];
    const hit = scored.filter((g) => matches(d, g, claims, fileOf));
    if (hit.length > 0) {
      byKind[kind]!.tp++;
      for (const g of hit) found.add(g.id);
      continue;
    }
    byKind[kind]!.fp++;
    const look = gold.lookalikes.find((g) => matches(d, { ...g, kind }, claims, fileOf));
    if (look) lookalikesFlagged.push(`${describe(d)} (look-alike: ${look.id})`);
    else falseAlarms.push(describe(d));
  }
  for (const g of scored) {
    byKind[g.kind]!.gold++;
    if (found.has(g.id)) byKind[g.kind]!.found++;
  }
  return {
    event: gold.event,
    byKind,
    total: Object.values(byKind).reduce(add, empty()),
    other: gold.discrepancies.length - scored.length,
    missed: scored.filter((g) => !found.has(g.id)).map((g) => `${g.id} (${g.kind})`),
    falseAlarms,
    lookalikesFlagged,
  };
}

export interface DiscrepancyReport {
  events: DiscrepancyEventResult[];
  byKind: Record<string, PR>;
  overall: PR;
}

export function evaluateDiscrepancies(): DiscrepancyReport {
  const events: DiscrepancyEventResult[] = [];
  for (const g of loadGoldEvents()) {
    const gold = loadDiscrepancyGold(g.event);
    if (!gold) continue;
    const corpus = buildCorpus(loadEventSources(g), loadSeedOverrides(join(REPO_ROOT, g.dir)));
    events.push(scoreDiscrepancies(corpus, gold));
  }
  const byKind: Record<string, PR> = Object.fromEntries(GOLD_KINDS.map((k) => [k, empty()]));
  for (const e of events) for (const k of GOLD_KINDS) byKind[k] = add(byKind[k]!, e.byKind[k]!);
  return { events, byKind, overall: events.map((e) => e.total).reduce(add, empty()) };
}

const pct = (x: number | null) => (x === null ? '—' : `${(x * 100).toFixed(1)}%`);
const cell = (r: PR) =>
  `${pct(precision(r))} ${pct(recall(r))} (${r.found}/${r.gold})`.padStart(22);

export function formatDiscrepancyReport(report: DiscrepancyReport, details = false): string {
  const w = Math.max(12, ...report.events.map((e) => e.event.length)) + 2;
  const head = `${'discrepancies: precision recall (found/gold)'.padEnd(w)}`;
  const out = [
    head,
    `${'event'.padEnd(w)}${[...GOLD_KINDS, 'all'].map((k) => k.padStart(22)).join('')}${'false alarms'.padStart(14)}`,
  ];
  const row = (label: string, byKind: Record<string, PR>, total: PR) =>
    `${label.padEnd(w)}${GOLD_KINDS.map((k) => cell(byKind[k]!)).join('')}${cell(total)}${String(total.fp).padStart(14)}`;
  for (const e of report.events) out.push(row(e.event, e.byKind, e.total));
  out.push(row('all events', report.byKind, report.overall));
  out.push(
    'A disagreement counts as correct when it matches a gold discrepancy of its kind (two sides, each hit by a claim from one of its sources whose words contain or are contained in one of its phrases); every other one is a false alarm. Recall = gold discrepancies matched by at least one.',
  );
  if (details)
    for (const e of report.events) {
      out.push('', `## discrepancies: ${e.event}`);
      out.push(`missed: ${e.missed.join(' | ') || '—'}`);
      out.push(`false alarms: ${e.falseAlarms.join(' | ') || '—'}`);
      out.push(`look-alikes flagged: ${e.lookalikesFlagged.join(' | ') || '—'}`);
    }
  return out.join('\n');
}
