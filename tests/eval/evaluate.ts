/**
 * Runs the entity evaluation: for every gold event, builds the corpus from the event's folder
 * the way `npm run crosscheck -- report <dir>` does, indexes the same sources one at a time the
 * way the extension adds them, and scores both against the gold (metrics.ts).
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import {
  buildCorpus,
  deriveCorpus,
  EntityLayer,
  type PreparedSource,
  prepareSource,
} from '../../lib/corpus/pipeline';
import { loadSeedOverrides, loadSeedSources } from '../../lib/node/seeds';
import type { Entity, Mention, RawSource } from '../../lib/types';
import {
  addCounts,
  compareEntitySets,
  type Counts,
  type Details,
  emptyCounts,
  type EntitySetDiff,
  type GoldEvent,
  type Located,
  locateGold,
  ratios,
  type Ratios,
  score,
  systemEntities,
  type SystemEntity,
} from './metrics';

export const REPO_ROOT = fileURLToPath(new URL('../../', import.meta.url));
export const GOLD_DIR = fileURLToPath(new URL('./gold/', import.meta.url));

export function loadGoldEvents(dir = GOLD_DIR): GoldEvent[] {
  return (
    readdirSync(dir)
      // One event per "<event>.json"; "<event>.<part>.json" files hold other gold for that event.
      .filter((f) => /^[^.]+\.json$/.test(f))
      .sort()
      .map((f) => JSON.parse(readFileSync(join(dir, f), 'utf8')) as GoldEvent)
  );
}

/** The event's sources exactly as the CLI reads a folder with a sources.json. */
export function loadEventSources(gold: GoldEvent): RawSource[] {
  return loadSeedSources(join(REPO_ROOT, gold.dir));
}

export function languageOf(raw: Pick<RawSource, 'language'>): string {
  return raw.language?.slice(0, 2).toLowerCase() ?? '?';
}

export function locate(gold: GoldEvent, raw: readonly RawSource[]): Located {
  return locateGold(
    gold,
    raw.map((r) => ({ id: r.id, language: languageOf(r), text: r.text })),
  );
}

export interface ScopeResult {
  counts: Counts;
  ratios: Ratios;
}

export interface EventResult {
  event: string;
  sources: number;
  languages: string[];
  /** The batch build (what the CLI and the bundled seeds use). */
  batch: ScopeResult & { details: Details };
  /** Per language of the event's sources, with what was missed there (`--details`). */
  byLanguage: Record<string, ScopeResult & { details: Details }>;
  /** The same sources added one at a time to the pipeline's EntityLayer. */
  incremental: ScopeResult & { diff: EntitySetDiff; identical: boolean };
  /** The same sources added one at a time as the extension's background adds them. */
  service: ScopeResult & { diff: EntitySetDiff };
  ms: { batch: number; incremental: number };
}

export interface EvalReport {
  events: EventResult[];
  byLanguage: Record<string, ScopeResult>;
  overall: ScopeResult;
  incrementalOverall: ScopeResult & { differences: number; identical: number };
  serviceOverall: ScopeResult & { differences: number };
}

/**
 * Adds the sources one after another to an EntityLayer (each add re-resolves from every source
 * added so far) and returns what the last add gives.
 */
export function addOneByOne(
  raw: readonly RawSource[],
  overrides: ReturnType<typeof loadSeedOverrides>,
): { entities: Entity[]; mentions: Mention[] } {
  const layer = new EntityLayer(overrides);
  let last = layer.resolve();
  for (const r of raw) last = layer.add(prepareSource(r));
  return last;
}

/**
 * Adds the sources one after another as lib/service/sources.ts does when the reader adds them:
 * each add derives every row again (deriveCorpus) from the stored passages of every source added
 * so far, and the last add's rows are what the database holds. lib/service/batch-equivalence.test.ts
 * runs the same through the handlers and Dexie.
 */
export function addThroughService(
  raw: readonly RawSource[],
  overrides: ReturnType<typeof loadSeedOverrides>,
): { entities: Entity[]; mentions: Mention[] } {
  const stored: PreparedSource[] = [];
  let last: { entities: Entity[]; mentions: Mention[] } = { entities: [], mentions: [] };
  raw.forEach((r, i) => {
    stored.push(prepareSource(r, i + 1));
    last = deriveCorpus(stored, overrides);
  });
  return last;
}

function scopeResult(counts: Counts): ScopeResult {
  return { counts, ratios: ratios(counts) };
}

/** Scores one event: overall, per language of its sources, and incremental against batch. */
export function evaluateEvent(gold: GoldEvent): EventResult {
  const dir = join(REPO_ROOT, gold.dir);
  const raw = loadEventSources(gold);
  const overrides = loadSeedOverrides(dir);
  const located = locate(gold, raw);
  const langOf = new Map(raw.map((r) => [r.id, languageOf(r)]));
  const languages = [...new Set(raw.map(languageOf))].sort();

  let t = performance.now();
  const corpus = buildCorpus(raw, overrides);
  const batchMs = performance.now() - t;
  const system = systemEntities(corpus.entities, corpus.mentions);
  const batch = score(gold, system);

  const byLanguage: Record<string, ScopeResult & { details: Details }> = {};
  for (const lang of languages) {
    const inLang = (ids: Iterable<string>) => [...ids].some((id) => langOf.get(id) === lang);
    const goldSources = (i: number) =>
      located.sources[i]!.size > 0 ? located.sources[i]! : located.anySources[i]!;
    const scored = score(gold, system, {
      gold: (i) => inLang(goldSources(i)),
      system: (s: SystemEntity) => inLang(s.mentions.map((m) => m.sourceId)),
      form: (i, k) => inLang(located.formSources[i]!.get(k) ?? []),
    });
    byLanguage[lang] = { ...scopeResult(scored.counts), details: scored.details };
  }

  t = performance.now();
  const incremental = addOneByOne(raw, overrides);
  const incrementalMs = performance.now() - t;
  const incrementalScore = score(gold, systemEntities(incremental.entities, incremental.mentions));
  const service = addThroughService(raw, overrides);
  const serviceScore = score(gold, systemEntities(service.entities, service.mentions));

  return {
    event: gold.event,
    sources: raw.length,
    languages,
    batch: { ...scopeResult(batch.counts), details: batch.details },
    byLanguage,
    incremental: {
      ...scopeResult(incrementalScore.counts),
      diff: compareEntitySets(corpus.entities, incremental.entities),
      // Ids, names, aliases, types and every mention's link, exactly.
      identical:
        JSON.stringify([corpus.entities, corpus.mentions]) ===
        JSON.stringify([incremental.entities, incremental.mentions]),
    },
    service: {
      ...scopeResult(serviceScore.counts),
      diff: compareEntitySets(corpus.entities, service.entities),
    },
    ms: { batch: Math.round(batchMs), incremental: Math.round(incrementalMs) },
  };
}

export function evaluateAll(events: readonly GoldEvent[] = loadGoldEvents()): EvalReport {
  const results = events.map(evaluateEvent);
  const langTotals = new Map<string, Counts>();
  for (const r of results) {
    for (const [lang, s] of Object.entries(r.byLanguage))
      langTotals.set(lang, addCounts(langTotals.get(lang) ?? emptyCounts(), s.counts));
  }
  const sum = (pick: (r: EventResult) => Counts) =>
    results.reduce((acc, r) => addCounts(acc, pick(r)), emptyCounts());
  return {
    events: results,
    byLanguage: Object.fromEntries(
      [...langTotals.entries()]
        .sort(([a], [b]) => (a < b ? -1 : 1))
        .map(([l, c]) => [l, scopeResult(c)]),
    ),
    overall: scopeResult(sum((r) => r.batch.counts)),
    incrementalOverall: {
      ...scopeResult(sum((r) => r.incremental.counts)),
      differences: results.reduce((n, r) => n + r.incremental.diff.differences, 0),
      identical: results.filter((r) => r.incremental.identical).length,
    },
    serviceOverall: {
      ...scopeResult(sum((r) => r.service.counts)),
      differences: results.reduce((n, r) => n + r.service.diff.differences, 0),
    },
  };
}
