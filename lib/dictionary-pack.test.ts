import { readdirSync, readFileSync } from 'node:fs';
import { describe, expect, test } from 'vitest';
import { seedCorpus, SEED_DIR } from '../tests/unit/fixtures/seed-corpus';
import { buildDictionary } from './dictionary';
import { packDictionary, pageDictionaryOf, unpackDictionary } from './dictionary-pack';
import { compileAutomaton, compileMatcher, type Matcher, matcherOf } from './matcher';
import type { Dictionary } from './protocol';
import type { EntityType } from './types';

const corpus = seedCorpus({ withOverrides: false });
const dict = buildDictionary(corpus.entities, 7);

/** The seed articles' text, one paragraph at a time (real sentences, with their names). */
const articles = readdirSync(SEED_DIR)
  .filter((f) => f.endsWith('.txt'))
  .sort()
  .map((f) => [f, readFileSync(new URL(f, SEED_DIR), 'utf8').split(/\n+/)] as const);

const matchesOf = (m: Matcher, paragraphs: readonly string[]) =>
  paragraphs.flatMap((p, i) => m.find(p).map((x) => [i, x.start, x.end, x.entityId] as const));

function run<T>(steps: Generator<void, T>): T {
  for (;;) {
    const s = steps.next();
    if (s.done) return s.value;
  }
}

const packed = packDictionary(dict);
const unpacked = unpackDictionary(JSON.parse(JSON.stringify(packed)));

describe('the packed dictionary (through JSON, as storage keeps it)', () => {
  test('keeps what a page reads of the dictionary', () => {
    expect(unpacked?.version).toBe(7);
    expect(unpacked?.entities).toEqual(dict.entities);
    expect(unpacked?.identity).toEqual(dict.identity);
    expect(unpacked?.automaton.patternNode.length).toBe(compileMatcher(dict.aliases).size);
  });

  test.each(articles)('%s: the same matches as the aliases compiled on the page', (_, text) => {
    const expected = matchesOf(compileMatcher(dict.aliases), text);
    expect(expected.length).toBeGreaterThan(0);
    expect(matchesOf(matcherOf(unpacked!.automaton), text)).toEqual(expected);
  });

  test.each<[string, EntityType[]]>([
    ['people only', ['person']],
    ['places and organizations', ['place', 'organization']],
    ['nothing', []],
  ])('%s: filtering while matching is filtering the aliases', (_, types) => {
    const keep = (id: string) => types.includes(dict.entities[id]![1]);
    const compiled = compileMatcher(dict.aliases.filter(([, id]) => keep(id)));
    const filtered = matcherOf(unpacked!.automaton, keep);
    expect(filtered.size).toBe(compiled.size);
    for (const [, text] of articles)
      expect(matchesOf(filtered, text)).toEqual(matchesOf(compiled, text));
  });

  test('built on the page from a whole dictionary: the same automaton', () => {
    const built = run(pageDictionaryOf(dict));
    expect(built.automaton).toEqual(compileAutomaton(dict.aliases));
    expect(built.entities).toEqual(dict.entities);
  });
});

describe('a stored value that is not a current pack gives nothing', () => {
  const empty: Dictionary = { version: 1, entities: {}, aliases: [] };
  test.each<[string, unknown]>([
    ['nothing', null],
    ['the unpacked dictionary of an older version', dict],
    ['another layout', { ...packed, format: packed.format + 1 }],
    ['a cut trie', { ...packed, trie: packed.trie.slice(0, 100) }],
    ['a trie that is not base64', { ...packed, trie: '*'.repeat(16) }],
    ['a body that is not JSON', { ...packed, body: '{' }],
    ['variants of another pack', { ...packed, variants: packDictionary(empty).variants }],
  ])('%s', (_, value) => {
    expect(unpackDictionary(value)).toBeNull();
  });

  test('an empty dictionary packs and matches nothing', () => {
    const page = unpackDictionary(packDictionary(empty));
    expect(page?.automaton.patternNode).toHaveLength(0);
    expect(matcherOf(page!.automaton).empty()).toBe(true);
    expect(matcherOf(page!.automaton).find('Anyone in Springfield')).toEqual([]);
  });
});
