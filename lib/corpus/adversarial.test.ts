/**
 * Adversarial texts through the whole pipeline (clean, segment, entities, mentions, claims,
 * discrepancies). Each must finish and give sane results. No durations are asserted: the
 * generous per-test timeout is what catches work that grows faster than the text.
 */
import { describe, expect, test } from 'vitest';
import { LIMITS } from '../intake/limits';
import { seedSources } from '../../tests/unit/fixtures/seed-corpus';
import type { Corpus, Entity, RawSource } from '../types';
import { MAX_NAME_TOKENS } from './entities';
import { buildCorpus, indexSource, type SourceIndex } from './pipeline';
import { MAX_SENTENCE_CHARS } from './segment';

const TIMEOUT = 180_000;
// Texts up to the limit for a source where that is cheap; a third of it for the rest, still far
// past what work growing with the square (let alone the cube) of the text finishes in time.
const MAX = LIMITS.maxTextChars;
const SIZE = 100_000;

/** Repeats `unit(i)` until the text is `chars` long. */
function fill(unit: (i: number) => string, chars = SIZE): { text: string; count: number } {
  const parts: string[] = [];
  let length = 0;
  for (let i = 0; length < chars; i++) {
    const part = unit(i);
    parts.push(part);
    length += part.length;
  }
  return { text: parts.join(''), count: parts.length };
}

const SYLLABLES = ['ka', 'lo', 'mi', 'ra', 'tu', 'ne', 'so', 'vi', 'da', 'pe', 'zu', 'gor'];
/** A made-up capitalised word, different for every `i` (below 12^n). */
function madeUp(i: number, n = 4): string {
  let s = '';
  for (let k = 0, v = i; k < n; k++, v = Math.floor(v / SYLLABLES.length))
    s += SYLLABLES[v % SYLLABLES.length];
  return s[0]!.toUpperCase() + s.slice(1);
}

const ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ';
const NAME = 'Amara Okafor';

function raw(text: string, id = 'adversarial'): RawSource {
  return {
    id,
    file: null,
    outlet: 'Test outlet',
    title: null,
    url: null,
    published: null,
    language: null,
    text,
    origin: 'user',
  };
}

const person: Entity = {
  id: 'amara-okafor',
  name: NAME,
  type: 'person',
  aliases: ['Okafor'],
  descriptors: [],
  description: null,
  origin: 'seed',
};

/** What every result must satisfy, whatever the input (checked in bulk: results are large). */
function expectSane(result: Pick<Corpus, 'passages' | 'entities' | 'mentions' | 'claims'>) {
  const ids = new Set([person.id, ...result.entities.map((e) => e.id)]);
  const wrong = [
    ...result.passages
      .filter((p) => p.end - p.start > MAX_SENTENCE_CHARS)
      .map((p) => `passage ${p.id} is ${p.end - p.start} long`),
    ...result.entities
      .filter((e) => !e.name || e.name.split(/\s+/).length > MAX_NAME_TOKENS)
      .map((e) => `entity “${e.name.slice(0, 80)}”`),
    ...result.mentions
      .filter((m) => !ids.has(m.entityId) || m.end <= m.start)
      .map((m) => `mention ${m.id}`),
    ...result.claims.filter((c) => c.end < c.start).map((c) => `claim ${c.id}`),
  ];
  expect(wrong.slice(0, 5)).toEqual([]);
}

function run(text: string): { corpus: Corpus; index: SourceIndex } {
  const corpus = buildCorpus([raw(text)], null);
  const index = indexSource(raw(text), [person], null, 0);
  expectSane(corpus);
  expectSane(index);
  return { corpus, index };
}

const mentionsOf = (r: Pick<Corpus, 'mentions'>, entityId: string) =>
  r.mentions.filter((m) => m.entityId === entityId).length;
const byName = (r: Pick<Corpus, 'entities'>, name: string) =>
  r.entities.filter((e) => e.name === name);

describe('adversarial texts finish with sane results', () => {
  test(
    'one name repeated 50,000 times on one line links 50,000 times to that name',
    () => {
      const text = `${NAME} `.repeat(50_000);
      const { corpus, index } = run(text);
      // A run of capitalised words that long names nothing by itself...
      expect(corpus.entities).toHaveLength(0);
      // ...but every occurrence of a known name in it is linked.
      expect(mentionsOf(index, person.id)).toBe(50_000);
    },
    TIMEOUT,
  );

  test(
    'one name in every sentence becomes one entity with a mention per sentence',
    () => {
      const { text, count } = fill(() => `${NAME} said the plan works.\n`);
      const { corpus, index } = run(text);
      const [entity, ...others] = byName(corpus, NAME);
      expect(others).toHaveLength(0);
      expect(entity?.type).toBe('person');
      expect(mentionsOf(corpus, entity!.id)).toBe(count);
      expect(mentionsOf(index, person.id)).toBe(count);
    },
    TIMEOUT,
  );

  test(
    'a line of capitals with no spaces',
    () => {
      const { text } = fill((i) => ALPHABET[i % 26]!, MAX);
      const { corpus } = run(text);
      expect(corpus.passages.length).toBeGreaterThanOrEqual(MAX / MAX_SENTENCE_CHARS);
      expect(corpus.entities).toHaveLength(0);
    },
    TIMEOUT,
  );

  test.each([
    ['capitalised single letters', (i: number) => `${ALPHABET[i % 26]} `],
    ['capitalised words', (i: number) => `${madeUp(i)} `],
    ['capitalised words with hyphens', (i: number) => `${madeUp(i)}-${madeUp(i + 1)} relations `],
    ['a title repeated', (i: number) => (i % 2 ? 'President ' : 'Mr. ')],
  ])(
    'a line of %s',
    (_, unit) => {
      const { corpus } = run(fill(unit).text);
      // Nothing longer than a name becomes one.
      expect(corpus.entities.filter((e) => e.name.length >= 200).map((e) => e.name)).toEqual([]);
    },
    TIMEOUT,
  );

  test(
    'many distinct names, one per sentence, each become an entity',
    () => {
      const { text, count } = fill(
        (i) => `${madeUp(i, 3)} ${madeUp(i * 7 + 3, 4)} met the board today. `,
      );
      const { corpus } = run(text);
      // Names one letter apart, or sharing a surname, may merge; most stay apart.
      expect(corpus.entities.length).toBeGreaterThan(count * 0.75);
      expect(corpus.mentions.length).toBeGreaterThanOrEqual(count);
    },
    TIMEOUT,
  );

  test(
    'repeated quotes, each attributed',
    () => {
      const { text, count } = fill(
        (i) => `“We will win this fight number ${madeUp(i)},” she said. `,
      );
      const { corpus } = run(text);
      expect(corpus.claims.filter((c) => c.kind === 'quote')).toHaveLength(count);
    },
    TIMEOUT,
  );

  test.each([
    ['quote marks alone', (i: number) => (i % 2 ? '“a ' : '” b ')],
    ['quotes inside one sentence', (i: number) => `Okafor said “we will win ${madeUp(i)}” and `],
    ['photo credits', () => '(Photo/ '],
    ['photo labels', () => 'Photo: a '],
    ['initialisms', () => 'U.S. '],
    ['titles ending sentences', () => 'Mr. Okafor. '],
    ['possessives', () => "Okafor's "],
    ['acronym definitions', (i: number) => `the national ${madeUp(i)} agency (NA) met `],
    ['lower-case words', () => 'the quick brown fox jumps over '],
  ])(
    '%s',
    (_, unit) => {
      run(`${fill(unit).text}.`);
    },
    TIMEOUT,
  );

  test(
    'thousands of figures in one sentence: one quantity claim each',
    () => {
      const { text, count } = fill(
        (i) => `about ${(i % 900) + 1},${(i % 800) + 100} flights left, `,
      );
      const { corpus } = run(`${text}officials said.`);
      // A sentence that long is cut into pieces; a figure cut from its noun counts nothing.
      const quantities = corpus.claims.filter((c) => c.kind === 'quantity').length;
      expect(quantities).toBeLessThanOrEqual(count);
      expect(quantities).toBeGreaterThan(count - corpus.passages.length);
    },
    TIMEOUT,
  );

  test(
    'figures credited to a source named once',
    () => {
      const { text, count } = fill(
        (i) => `according to officials ${(i % 90) + 10} flights left and `,
      );
      const { corpus } = run(`${text}more.`);
      const quantities = corpus.claims.filter((c) => c.kind === 'quantity').length;
      expect(quantities).toBeLessThanOrEqual(count);
      expect(quantities).toBeGreaterThan(count - corpus.passages.length);
    },
    TIMEOUT,
  );

  test(
    'a number 300,000 digits long',
    () => {
      const { text } = fill((i) => String(i % 10), MAX);
      const { corpus } = run(`Officials counted ${text} people.`);
      // One figure, of people (its digits are cut with the over-long sentence).
      const quantities = corpus.claims.filter((c) => c.kind === 'quantity');
      expect(quantities.map((c) => c.unit)).toEqual(['people']);
    },
    TIMEOUT,
  );

  test(
    'titled names with figures and times, next to the seed articles',
    () => {
      const { text, count } = fill(
        (i) =>
          `The former President ${NAME} said ${(i % 90) + 10} flights left on Monday evening. `,
      );
      const corpus = buildCorpus([...seedSources(), raw(text)], null);
      expectSane(corpus);
      const [entity] = byName(corpus, NAME);
      expect(mentionsOf(corpus, entity!.id)).toBe(count);
      const own = corpus.claims.filter((c) => c.sourceId === 'adversarial');
      expect(own.filter((c) => c.kind === 'quantity')).toHaveLength(count);
      expect(own.filter((c) => c.kind === 'descriptor')).toHaveLength(count);
    },
    TIMEOUT,
  );
});
