import { expect, test } from 'vitest';
import {
  attributionAfter,
  findQuotes,
  freshQuoteWords,
  isWordList,
  quoteWords,
  verbBefore,
  wordLists,
} from './quote';
import { diffQuotes, freshDiff, quotesAlike, similarityBound } from '../rules/quote';
import { seedBundle } from '../../../tests/unit/fixtures/seed-corpus';

test.each([
  [
    '“We’re committed to working hand-in-hand with our Colombian partners,” Noem said.',
    'Noem',
    false,
  ],
  [
    '“We signed today an intention letter for the strengthening of the cooperation,” Sarabia said through an interpreter after the signing ceremony.',
    'Sarabia',
    true,
  ],
  ['“This letter of intent is one more step,” she added.', 'she', false],
  [
    '“We are committed to working hand in hand,” the secretary added, referring to Sarabia.',
    'the secretary',
    false,
  ],
  ['"These measures are just the beginning," Trump warned.', 'Trump', false],
  ['“It was a frank talk,” said Sarabia.', 'Sarabia', false],
])('%s -> %s', (text, speaker, interpreter) => {
  const [q] = findQuotes(text);
  expect(q).toBeDefined();
  const a = attributionAfter(text, q!.end);
  expect(a?.speaker).toBe(speaker);
  expect(a?.interpreter).toBe(interpreter);
});

test('a closing mark used to open a quote still opens it', () => {
  const text = 'The regime has condemned the ”kidnappings” by U.S. authorities.';
  expect(findQuotes(text).map((q) => q.text)).toEqual(['kidnappings']);
});

test('a reporting verb before the quote', () => {
  const text =
    'Sarabia emphasized the importance of recognizing the “human rights and dignity of migrants are actually respected.”';
  const [q] = findQuotes(text);
  expect(verbBefore(text, 0, q!.start - 1)?.verb).toBe('emphasized');
});

test.each([
  [
    "We're committed to working hand-in-hand with our Colombian partners to enhance not only border security but also that we will support the enforcement of our criminal laws",
    'We are committed to working hand in hand with our Colombian partners to improve not only border security, but also to support the enforcement of our immigration and criminal laws',
    ['enhance'],
    ['improve', 'immigration'],
  ],
  [
    'human rights and dignity of migrants are actually respected.',
    'the guarantee that the human rights and dignity of migrants are effectively respected',
    ['actually'],
    ['effectively'],
  ],
  [
    'human rights and dignity of migrants are actually respected.',
    'to ensure that the human rights and the dignity of migrants are actually respected',
    [],
    [],
  ],
])('word diff: %s', (a, b, onlyA, onlyB) => {
  const d = diffQuotes(a, b);
  expect(d.similarity).toBeGreaterThan(0.55);
  expect(d.onlyA).toEqual(onlyA);
  expect(d.onlyB).toEqual(onlyB);
  // Kept for the next comparison of the same pair (a story compared again), and read-only.
  expect(diffQuotes(a, b)).toBe(d);
  expect(d).toEqual(freshDiff(a, b));
  expect(Object.isFrozen(d)).toBe(true);
});

test.each([
  ['open, frank, and productive.', true, [['open', 'frank', 'productive']]],
  ['abierto, franco y productivo', true, [['abierto', 'franco', 'productivo']]],
  [
    'an honest, frank and friendly dialogue that seeks to strengthen ties',
    false,
    [['honest', 'frank', 'friendly']],
  ],
  ['security and immigration', false, []],
])('word lists in “%s”', (text, alone, lists) => {
  expect(isWordList(text)).toBe(alone);
  expect(wordLists(text)).toEqual(lists);
});

// Invented sentences in the four lib/lang languages: who the words after a quote credit.
test.each([
  ['en', '“We will rebuild every school,” the governor told reporters.', 'the governor', false],
  ['en', '“The roads are closed until Monday,” she said.', 'she', true],
  [
    'es',
    '«Vamos a reconstruir cada escuela», dijo la alcaldesa, Marta Ruiz.',
    'la alcaldesa',
    false,
  ],
  ['es', '“No habrá más retrasos”, aseguró Tomás Vidal.', 'Tomás Vidal', false],
  ['es', '“No habrá más retrasos”, dijo.', '', true],
  ['es', '«La situación es grave», según explicó su portavoz, Ana Gil.', 'su portavoz', false],
  [
    'fr',
    '« Nous allons tout reconstruire », a déclaré le maire Paul Morel.',
    'le maire Paul Morel',
    false,
  ],
  ['fr', '« Nous ne céderons pas », a-t-il déclaré.', 'il', true],
  ['fr', '« Nous ne céderons pas », avait-elle ajouté lundi.', 'elle', true],
  ['fr', '« Rien n’est joué », estime-t-elle.', 'elle', true],
  [
    'pt',
    '“Vamos reconstruir tudo”, afirmou o governador João Prado.',
    'o governador João Prado',
    false,
  ],
  ['pt', '“A estrada está fechada”, disse ela.', 'ela', true],
  ['pt', '“Tudo ainda é prematuro”, afirmou.', '', true],
])('%s: %s -> “%s”', (language, text, speaker, pronoun) => {
  const [q] = findQuotes(text);
  expect(q).toBeDefined();
  const a = attributionAfter(text, q!.end, language);
  expect(a).not.toBeNull();
  expect(a!.speaker).toBe(speaker);
  expect(a!.pronoun).toBe(pronoun);
});

test.each([
  ['« Nous allons tout reconstruire », a déclaré le maire.', ['Nous allons tout reconstruire']],
  ['The minister called it ‘a turning point’ and Doe’s team agreed.', ['a turning point']],
  ['“He told me ‘wait here’ and left,” she said.', ['He told me ‘wait here’ and left,']],
  [
    '—Vamos a ganar estas elecciones —dijo la candidata—. Y lo haremos juntos.',
    ['Vamos a ganar estas elecciones', 'Y lo haremos juntos.'],
  ],
  ['— Agencias 03/06/2024', []],
])('quote spans in %s', (text, quoted) => {
  expect(findQuotes(text).map((q) => q.text)).toEqual(quoted);
});

test.each([
  ['es', 'Según el ministerio, «la cifra de víctimas es provisional».', 'Según'],
  ['fr', 'Selon la préfecture, « la route restera fermée ».', 'Selon'],
  ['pt', 'De acordo com a empresa, “o voo ocorreu dentro da normalidade”.', 'De acordo com'],
  ['en', 'The United States said on Monday: “we are ready.”', 'said'],
])('%s: the verb before a quote in “%s”', (language, text, verb) => {
  const [q] = findQuotes(text);
  expect(verbBefore(text, 0, q!.start - 1, language)?.verb).toBe(verb);
});

test('the cheap bound never rules out a pair the diff would keep: every pair of the seed quotes', () => {
  const quotes = [
    ...new Set(
      seedBundle({ withOverrides: false })
        .corpus.claims.filter((c) => c.kind === 'quote')
        .map((c) => c.value),
    ),
  ];
  expect(quotes.length).toBeGreaterThan(10);
  let ruledOut = 0;
  for (const a of quotes)
    for (const b of quotes) {
      const exact = freshDiff(a, b).similarity;
      expect(similarityBound(a, b)).toBeGreaterThanOrEqual(exact);
      for (const min of [0.55, 0.7]) expect(quotesAlike(a, b, min)).toBe(exact >= min);
      if (similarityBound(a, b) < 0.55) ruledOut++;
    }
  // Most pairs are different quotes: the bound spares their diffs.
  expect(ruledOut).toBeGreaterThan(quotes.length ** 2 / 2);
});

test('kept quote words are the words a fresh reading gives, and the bound counts them one by one', () => {
  const quotes = [
    ...new Set(
      seedBundle({ withOverrides: false })
        .corpus.claims.filter((c) => c.kind === 'quote')
        .map((c) => c.value),
    ),
  ];
  // Each word of b taken once from what is left of a's words.
  const sharedOneByOne = (a: string, b: string) => {
    const left = [...freshQuoteWords(a)];
    let shared = 0;
    for (const w of freshQuoteWords(b)) {
      const at = left.indexOf(w);
      if (at < 0) continue;
      left.splice(at, 1);
      shared++;
    }
    return shared;
  };
  for (const a of quotes) {
    expect(quoteWords(a)).toEqual(freshQuoteWords(a));
    expect(quoteWords(a)).toBe(quoteWords(a));
    for (const b of quotes) {
      const n = Math.max(1, Math.min(freshQuoteWords(a).length, freshQuoteWords(b).length));
      expect(similarityBound(a, b)).toBe(sharedOneByOne(a, b) / n);
    }
  }
});
