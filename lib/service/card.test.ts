import { IDBKeyRange, indexedDB } from 'fake-indexeddb';
import { beforeAll, describe, expect, test } from 'vitest';
import { nonEmpty } from '../../tests/unit/fixtures/non-empty';
import { CrosscheckDB } from '../db';
import { seed, seedBundle } from '../../tests/unit/fixtures/seed-corpus';
import type { Claim, Discrepancy } from '../types';
import {
  buildCard,
  differingWords,
  informativeness,
  oneLine,
  rankDisagreements,
  safeUrl,
  scoreBound,
} from './card';
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

// The card reads a large entity's sentences best bound first and stops once its choice beats
// every bound left: a bound below a score would make it stop too early (a different card).
test.each([0, 1, 2, 5])(
  'scoreBound is never below informativeness (seed sentences, %i other names)',
  (others) => {
    const passages = bundle.corpus.passages;
    for (const p of passages)
      for (const claims of [0, 1, 3])
        for (const offset of [0, 39, 40, 500])
          expect(informativeness(p, others, claims, offset)).toBeLessThanOrEqual(
            scoreBound(others, claims),
          );
    // And reached by some (the bound is the best a full statement naming it first scores).
    const best = Math.max(...passages.map((p) => informativeness(p, others, 2, 0)));
    expect(best).toBe(scoreBound(others, 2));
  },
);

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

describe('rankDisagreements: what an entity’s card leads with', () => {
  const claim = (id: string, sourceId: string, entityIds: string[]): Claim => ({
    id,
    sourceId,
    passageId: `${sourceId}:0`,
    origin: 'user',
    kind: 'quantity',
    slot: 'flights',
    value: id,
    unit: null,
    span: id,
    start: 0,
    end: 1,
    entityIds,
    detail: {},
  });
  const disc = (id: string, severity: Discrepancy['severity'], storyId = 's1'): Discrepancy => ({
    id,
    kind: 'quantity',
    topic: id,
    severity,
    reason: '',
    claimIds: [],
    entityIds: [],
    agreement: false,
    storyId,
  });
  // "story": a high-severity figure of the story that one outlet's sentence ties to the person;
  // "own": a medium one whose two sides both name the person.
  const claimsOf = new Map([
    ['story', [claim('a', 'src-1', ['person', 'country']), claim('b', 'src-2', ['country'])]],
    ['own', [claim('c', 'src-1', ['person']), claim('d', 'src-2', ['person'])]],
    ['other', [claim('e', 'src-3', ['person']), claim('f', 'src-4', ['person'])]],
  ]);
  test.each([
    ['both sides name the person: before a graver story figure', 'person', null, ['own', 'story']],
    ['the country named on one side only of both: by severity', 'country', null, ['story', 'own']],
    ['the page’s story before any other', 'person', 's2', ['other', 'own', 'story']],
  ] as const)('%s', (_, entityId, pageStory, order) => {
    const ds = [
      disc('story', 'high'),
      disc('own', 'medium'),
      ...(pageStory ? [disc('other', 'low', 's2')] : []),
    ];
    expect(rankDisagreements(ds, claimsOf, entityId, pageStory).map((d) => d.id)).toEqual(order);
  });

  test('agreements are never shown as differences', () => {
    const ds = [{ ...disc('own', 'high'), agreement: true }, disc('story', 'low')];
    expect(rankDisagreements(ds, claimsOf, 'person', null).map((d) => d.id)).toEqual(['story']);
  });

  test('on the seed corpus, a card leads with a difference both sides tie to the name when there is one', async () => {
    const all = await db.discrepancies.toArray();
    const claims = new Map((await db.claims.toArray()).map((c) => [c.id, c]));
    let checked = 0;
    for (const name of ['Gustavo Petro', 'Kristi Noem', 'Laura Sarabia']) {
      const id = idOf(name);
      const naming = (d: Discrepancy) =>
        new Set(
          d.claimIds
            .map((c) => claims.get(c))
            .filter((c) => c?.entityIds.includes(id))
            .map((c) => c!.sourceId),
        ).size;
      const own = all.filter((d) => !d.agreement && d.entityIds.includes(id) && naming(d) >= 2);
      if (own.length === 0) continue;
      checked++;
      const card = (await buildCard(db, id))!;
      const first = all.find((d) => d.id === card.discrepancies.first?.id)!;
      expect(naming(first)).toBeGreaterThanOrEqual(2);
    }
    expect(checked).toBeGreaterThan(0);
  });
});
