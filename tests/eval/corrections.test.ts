/**
 * The two core splits no text can fix (a coalition one outlet translates word for word into
 * English; an airport one outlet names by its district), fixed the product's way: the reader
 * says "same as" once for each (lib/corpus/corrections.ts). With the two corrections the
 * events' core splits go to 0, nothing else gets worse, and the one-at-a-time builds (the
 * EntityLayer's and the service's) give the batch build's entities exactly.
 */
import { describe, expect, test } from 'vitest';
import { type Correction, withCorrections } from '../../lib/corpus/corrections';
import { buildCorpus } from '../../lib/corpus/pipeline';
import { loadSeedOverrides } from '../../lib/node/seeds';
import { join } from 'node:path';
import {
  addOneByOne,
  addThroughService,
  loadEventSources,
  loadGoldEvents,
  REPO_ROOT,
} from './evaluate';
import { score, systemEntities } from './metrics';

const same = (names: string, other: string): Correction => ({
  kind: 'same',
  names: [names],
  other: [other],
  at: 1,
});

const READER: Record<string, Correction> = {
  'mexico-presidential-election-2024': same(
    'Strength and Heart for Mexico',
    'Fuerza y Corazón por México',
  ),
  'voepass-2283-vinhedo-crash-2024': same(
    'Aeroporto de Cumbica',
    'Aeroporto Internacional de Guarulhos',
  ),
};

describe("the reader's two corrections", () => {
  const events = loadGoldEvents().filter((g) => g.event in READER);
  test.each(events.map((g) => [g.event, g] as const))('%s', (event, gold) => {
    const raw = loadEventSources(gold);
    const seedOverrides = loadSeedOverrides(join(REPO_ROOT, gold.dir));
    const corrected = withCorrections(seedOverrides, [READER[event]!]);
    const scored = (overrides: typeof corrected) => {
      const corpus = buildCorpus(raw, overrides);
      return { corpus, ...score(gold, systemEntities(corpus.entities, corpus.mentions)) };
    };
    const before = scored(seedOverrides);
    const after = scored(corrected);
    // Without it, the event has its core split; with it, none.
    expect(before.counts.coreSplit).toBe(1);
    expect(after.counts.coreSplit).toBe(0);
    expect(after.counts.split).toBe(before.counts.split - 1);
    // Nothing else moves the wrong way.
    for (const k of ['found', 'foundCore', 'formsLinked'] as const)
      expect(after.counts[k]).toBeGreaterThanOrEqual(before.counts[k]);
    for (const k of ['junk', 'merged', 'nameErrors', 'coreNameErrors', 'typeErrors'] as const)
      expect(after.counts[k]).toBeLessThanOrEqual(before.counts[k]);
    // The builds one source at a time give the batch build's entities and mentions.
    const batch = JSON.stringify([after.corpus.entities, after.corpus.mentions]);
    const layer = addOneByOne(raw, corrected);
    expect(JSON.stringify([layer.entities, layer.mentions])).toBe(batch);
    const service = addThroughService(raw, corrected);
    expect(JSON.stringify([service.entities, service.mentions])).toBe(batch);
  });
});
