import { IDBKeyRange, indexedDB } from 'fake-indexeddb';
import { beforeAll, describe, expect, test } from 'vitest';
import { nonEmpty } from '../../tests/unit/fixtures/non-empty';
import { CrosscheckDB } from '../db';
import { seed, seedBundle } from '../../tests/unit/fixtures/seed-corpus';
import { buildCard, differingWords, oneLine, safeUrl } from './card';
import { loadSeedIndex } from './seed-index';

const bundle = seedBundle({ withOverrides: true });
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
    const card = (await buildCard(db, idOf('Gustavo Petro')))!;
    expect(card.entity.name).toBe('Gustavo Petro');
    const byText = new Map(card.descriptors.map((d) => [d.text, d.outlets]));
    expect(byText.get("Colombia's leftist President")).toEqual(['Associated Press']);
    expect(byText.get('far-left President of Colombia')).toEqual(['Breitbart']);
    expect(card.sources).toHaveLength(5);
    const petroMentions = bundle.corpus.mentions.filter(
      (m) => m.entityId === idOf('Gustavo Petro'),
    );
    expect(card.mentionCount).toBe(petroMentions.length);
    expect(card.sources.find((s) => s.outlet === 'Breitbart')?.mentions).toBe(
      petroMentions.filter((m) => m.sourceId === seed(1).id).length,
    );
    expect(card.sentences.length).toBeGreaterThanOrEqual(2);
    expect(card.sentences.length).toBeLessThanOrEqual(3);
    for (const s of card.sentences) expect(s.text).toMatch(/Petro/);
    expect(card.discrepancies.count).toBeGreaterThan(0);
  });

  test('Petro: a label inside a quote is the speaker’s, never the outlet’s framing', async () => {
    const card = (await buildCard(db, idOf('Gustavo Petro')))!;
    const socialist = card.descriptors.find((d) => /Socialist/.test(d.text))!;
    expect(socialist.quoted).toBe(true);
    // Its speaker when the quote's speaker is known ("Donald Trump"), else "someone".
    expect(socialist.outlets).toEqual([expect.stringMatching(/ quoted by Unknown outlet$/)]);
    expect(card.summary?.text).toBe(card.entity.description);
    const lines = nonEmpty(
      card.disputes.flatMap((d) => d.sides),
      'dispute sides',
    );
    // No side puts the label in an outlet's own mouth.
    expect(lines.filter((s) => /socialist/i.test(s.says) && !/ quoted by /.test(s.who))).toEqual(
      [],
    );
  });

  test('disputes: at most three, each two outlets saying different things, no cut titles', async () => {
    for (const name of ['Gustavo Petro', 'Kristi Noem', 'Laura Sarabia']) {
      const card = (await buildCard(db, idOf(name)))!;
      expect(card.disputes.length).toBeLessThanOrEqual(3);
      expect(card.disputes.length).toBeGreaterThan(0);
      for (const d of card.disputes) {
        expect(d.sides).toHaveLength(2);
        expect(d.sides[0]!.says).not.toBe(d.sides[1]!.says);
        for (const side of d.sides) expect(side.who).not.toMatch(/…/);
      }
    }
    const noem = (await buildCard(db, idOf('Kristi Noem')))!;
    for (const when of nonEmpty(
      noem.disputes.filter((d) => d.topic === 'When Noem met Petro'),
      'the disputes on when Noem met Petro',
    ))
      expect(when.sides.map((s) => s.says).sort()).toEqual(['Thursday evening', 'afternoon']);
  });

  test('an unknown id is a miss, not an error', async () => {
    expect(await buildCard(db, 'no-such-entity')).toBeNull();
  });
});

describe('oneLine', () => {
  const d = (text: string, outlets: string[], quoted = false) => ({ text, outlets, quoted });
  test.each([
    ['curated description wins', 'A city.', [d('capital', ['A', 'B'])], 'A city.'],
    ['most outlets', null, [d('leftist leader', ['A']), d('President', ['A', 'B'])], 'President'],
    ['never a quoted label', null, [d('tyrant', ['X quoted by A', 'Y quoted by B'], true)], null],
    ['nothing', null, [], null],
  ] as const)('%s', (_, description, descriptors, text) => {
    expect(oneLine(description, [...descriptors]) ?? null).toEqual(
      text === null ? null : expect.objectContaining({ text }),
    );
  });
});

test.each([
  ['are actually respected', 'are effectively respected', 'are actually respected'],
  ['we will enhance border security', 'we will improve border security', '… will enhance border …'],
  ['same words', 'same words', 'same words'],
  ['one two three four five six seven eight nine', 'x', 'one two three four five six …'],
])('differingWords(%s, %s) -> %s', (a, b, out) => {
  expect(differingWords(a, b)).toBe(out);
});
