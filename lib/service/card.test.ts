import { IDBKeyRange, indexedDB } from 'fake-indexeddb';
import { beforeAll, describe, expect, test } from 'vitest';
import { buildBundle } from '../bundle';
import { CrosscheckDB } from '../db';
import { loadSeedOverrides, loadSeedSources } from '../node/seeds';
import { buildCard, safeUrl } from './card';
import { loadSeedIndex } from './seed-index';

const SEEDS = new URL('../../seeds/', import.meta.url);
const bundle = buildBundle(loadSeedSources(SEEDS), loadSeedOverrides(SEEDS));
const db = new CrosscheckDB('card-test', { indexedDB, IDBKeyRange });
const idOf = (alias: string) =>
  bundle.corpus.entities.find((e) => e.name === alias || e.aliases.includes(alias))!.id;

beforeAll(async () => {
  await loadSeedIndex(db, bundle);
});

test.each([
  ['https://example.org/a', 'https://example.org/a'],
  ['javascript:alert(1)', null],
  ['file:///etc/passwd', null],
  [null, null],
])('safeUrl(%s) -> %s', (url, expected) => {
  expect(safeUrl(url)).toBe(expected);
});

describe('buildCard on the seed corpus', () => {
  test('Petro: each outlet’s descriptor with its outlet, counts, 2-3 sentences with sources', async () => {
    const card = (await buildCard(db, idOf('Petro')))!;
    expect(card.entity.name).toBe('Gustavo Petro');
    const byText = new Map(card.descriptors.map((d) => [d.text, d.outlets]));
    expect(byText.get("Colombia's leftist President")).toEqual(['Associated Press']);
    expect(byText.get('far-left President of Colombia')).toEqual(['Breitbart']);
    expect(card.sources).toHaveLength(5);
    const petroMentions = bundle.corpus.mentions.filter((m) => m.entityId === idOf('Petro'));
    expect(card.mentionCount).toBe(petroMentions.length);
    expect(card.sources.find((s) => s.outlet === 'Breitbart')?.mentions).toBe(
      petroMentions.filter((m) => m.sourceId === 'seed-001_074ba2d5ecaae0ac').length,
    );
    expect(card.sentences.length).toBeGreaterThanOrEqual(2);
    expect(card.sentences.length).toBeLessThanOrEqual(3);
    for (const s of card.sentences) expect(s.text).toMatch(/Petro/);
    expect(card.discrepancies.count).toBeGreaterThan(0);
  });

  test('an unknown id is a miss, not an error', async () => {
    expect(await buildCard(db, 'no-such-entity')).toBeNull();
  });
});
