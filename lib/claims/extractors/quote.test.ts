import { expect, test } from 'vitest';
import { attributionAfter, findQuotes, isWordList, verbBefore, wordLists } from './quote';
import { diffQuotes } from '../rules/quote';

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
