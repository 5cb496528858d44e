/** The CLI's report: a stable JSON shape other tools can rely on, and its Markdown rendering. */
import { discrepancyEvidence, discrepancyHead } from '../discrepancy-evidence';
import { sourceLabel } from '../source-label';
import type { Claim, Corpus, Passage, Severity, Source } from '../types';

export type ReportSource = Pick<
  Source,
  'id' | 'file' | 'outlet' | 'title' | 'url' | 'published' | 'language'
>;

export interface ReportEntity {
  id: string;
  name: string;
  type: string;
  aliases: string[];
  description: string | null;
  descriptors: Array<{ source: string; text: string }>;
  mentions: Array<{ source: string; surface: string; start: number; end: number }>;
}

export interface ReportClaim {
  id: string;
  source: string;
  kind: string;
  slot: string;
  value: string;
  unit: string | null;
  span: string;
  start: number;
  end: number;
  sentence: string;
  entities: string[];
}

export interface ReportDiscrepancy {
  id: string;
  kind: string;
  topic: string;
  severity: Severity;
  reason: string;
  agreement: boolean;
  entities: string[];
  claims: Array<{
    source: string;
    outlet: string | null;
    sentence: string;
    span: string;
    value: string;
  }>;
}

export interface Report {
  sources: ReportSource[];
  entities: ReportEntity[];
  claims: ReportClaim[];
  discrepancies: ReportDiscrepancy[];
}

export function buildReport(corpus: Corpus): Report {
  const sourceText = new Map(corpus.sources.map((s) => [s.id, s.text]));
  const passagesOf = new Map<string, Passage[]>();
  for (const p of corpus.passages)
    passagesOf.set(p.sourceId, [...(passagesOf.get(p.sourceId) ?? []), p]);
  /** The sentence holding the claim; the sentences, when a quote runs over several. */
  const sentenceOf = (c: Claim): string => {
    const hit = (passagesOf.get(c.sourceId) ?? []).filter(
      (p) => p.start < c.end && p.end > c.start,
    );
    if (hit.length === 0) return corpus.passages.find((p) => p.id === c.passageId)?.text ?? '';
    const text = sourceText.get(c.sourceId) ?? '';
    return text.slice(Math.min(...hit.map((p) => p.start)), Math.max(...hit.map((p) => p.end)));
  };
  const claimById = new Map(corpus.claims.map((c) => [c.id, c]));
  const sourceById = new Map(corpus.sources.map((s) => [s.id, s]));
  const passageById = new Map(corpus.passages.map((p) => [p.id, p]));
  const look = {
    claim: (id: string) => claimById.get(id),
    source: (id: string) => sourceById.get(id),
    passage: (id: string) => passageById.get(id),
  };
  const mentionsBy = new Map<string, ReportEntity['mentions']>();
  for (const m of corpus.mentions) {
    const list = mentionsBy.get(m.entityId) ?? [];
    list.push({ source: m.sourceId, surface: m.surface, start: m.start, end: m.end });
    mentionsBy.set(m.entityId, list);
  }
  const entities = corpus.entities
    .map((e) => ({
      id: e.id,
      name: e.name,
      type: e.type,
      aliases: e.aliases,
      description: e.description,
      descriptors: e.descriptors.map((d) => ({ source: d.sourceId, text: d.text })),
      mentions: mentionsBy.get(e.id) ?? [],
    }))
    .sort((a, b) => b.mentions.length - a.mentions.length || a.name.localeCompare(b.name));
  return {
    sources: corpus.sources.map((s) => ({
      id: s.id,
      file: s.file,
      outlet: s.outlet,
      title: s.title,
      url: s.url,
      published: s.published,
      language: s.language,
    })),
    entities,
    claims: corpus.claims.map((c) => ({
      id: c.id,
      source: c.sourceId,
      kind: c.kind,
      slot: c.slot,
      value: c.value,
      unit: c.unit,
      span: c.span,
      start: c.start,
      end: c.end,
      sentence: sentenceOf(c),
      entities: c.entityIds,
    })),
    discrepancies: corpus.discrepancies.map((d) => ({
      ...discrepancyHead(d),
      entities: d.entityIds,
      claims: discrepancyEvidence(d, look).map(({ claim: c, source }) => ({
        source: c.sourceId,
        outlet: source.outlet,
        sentence: sentenceOf(c),
        span: c.span,
        value: c.value,
      })),
    })),
  };
}

const cell = (s: string | null | undefined) => (s ?? '—').replace(/\|/g, '\\|').replace(/\n/g, ' ');

export function reportToMarkdown(r: Report): string {
  const out: string[] = ['# Crosscheck report', '', `## Sources (${r.sources.length})`, ''];
  const label = new Map(r.sources.map((s) => [s.id, sourceLabel(s)]));
  out.push('| id | file | outlet | title | published | language |', '|---|---|---|---|---|---|');
  for (const s of r.sources) {
    out.push(
      `| ${cell(s.id)} | ${cell(s.file)} | ${cell(sourceLabel(s))} | ${cell(s.title)} | ${cell(s.published)} | ${cell(s.language)} |`,
    );
  }
  out.push('', `## Entities (${r.entities.length})`, '');
  for (const e of r.entities) {
    const sources = new Set(e.mentions.map((m) => m.source)).size;
    out.push(`### ${e.name} (${e.type}) — ${e.mentions.length} mentions in ${sources} sources`);
    if (e.aliases.length) out.push(`- aliases: ${e.aliases.join(', ')}`);
    for (const d of e.descriptors) out.push(`- ${d.source}: “${d.text}”`);
    const spots = e.mentions
      .slice(0, 8)
      .map((m) => `${m.source}@${m.start}-${m.end} “${m.surface}”`);
    out.push(`- mentions: ${spots.join('; ')}${e.mentions.length > 8 ? '; …' : ''}`, '');
  }
  out.push(`## Claims (${r.claims.length})`, '');
  for (const c of r.claims)
    out.push(`- [${c.kind}] ${c.source}: ${c.slot} = ${c.value} — “${c.span}”`);
  out.push('', `## Discrepancies (${r.discrepancies.length})`, '');
  for (const d of r.discrepancies) {
    out.push(`### ${d.agreement ? 'Agreement' : d.severity} · ${d.kind}: ${d.topic}`, d.reason);
    for (const c of d.claims)
      out.push(`- ${label.get(c.source) ?? c.source}: “${c.span}” — ${c.sentence}`);
    out.push('');
  }
  return out.join('\n');
}
