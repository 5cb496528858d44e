/**
 * Who said a quote, through the whole pipeline (names found by the entity layer, speakers by
 * the claims engine), over invented paragraphs in the four lib/lang languages.
 */
import { expect, test } from 'vitest';
import { buildCorpus } from '../corpus/pipeline';
import { rawSource } from '../../tests/unit/fixtures/raw-source';

function quotesOf(text: string, language: string): Array<[string, string | null]> {
  const raw = rawSource('speakers-test', language, text, 'Test Outlet', {
    published: '2024-05-06',
    origin: 'user',
  });
  const corpus = buildCorpus([raw]);
  return corpus.claims
    .filter((c) => c.kind === 'quote')
    .map((c) => [c.span, (c.detail.speaker as string | null) ?? null]);
}

test.each([
  [
    'en',
    'a pronoun is the last speaker of its paragraph, not the subject of the sentence before',
    'Mayor Tom Reyes spoke after Governor Ellen Marsh left the hall. “We will rebuild every house in this town,” Marsh said. “The roads will reopen next week,” she added.',
    [
      ['We will rebuild every house in this town,', 'Ellen Marsh'],
      ['The roads will reopen next week,', 'Ellen Marsh'],
    ],
  ],
  [
    'en',
    'an organization named inside the quote is not its speaker',
    'Jane Whitfield spoke to reporters on Monday in Fairview. “The Harbour Authority has failed every family here,” she said.',
    [['The Harbour Authority has failed every family here,', 'Jane Whitfield']],
  ],
  [
    'es',
    'the person in an apposition after the verb, not the place in the phrase',
    'Las lluvias cortaron las carreteras del norte. «Vamos a reconstruir cada escuela del pueblo», dijo la alcaldesa de Villarreal, Marta Ruiz.',
    [['Vamos a reconstruir cada escuela del pueblo', 'Marta Ruiz']],
  ],
  [
    'es',
    'a verb without a subject: the subject of the sentence before',
    'La ministra Elena Soto visitó Toledo el lunes. “No habrá más retrasos en las obras”, aseguró.',
    [['No habrá más retrasos en las obras', 'Elena Soto']],
  ],
  [
    'fr',
    'an inverted pronoun: the subject, not the name after a preposition',
    'Après le message de Paul Morel, la maire Claire Dubois a pris la parole. « Nous allons tout reconstruire ensemble », a-t-elle déclaré.',
    [['Nous allons tout reconstruire ensemble', 'Claire Dubois']],
  ],
  [
    'pt',
    '“segundo X” before the quote',
    'Segundo o governador João Prado, “a estrada vai reabrir na próxima semana”.',
    [['a estrada vai reabrir na próxima semana', 'João Prado']],
  ],
  [
    'es',
    'a dialogue dash: both parts are the speaker’s',
    '—Vamos a ganar estas elecciones en todo el país —dijo la candidata Lucía Marín—. Y lo haremos juntos, sin miedo.',
    [
      ['Vamos a ganar estas elecciones en todo el país', 'Lucía Marín'],
      ['Y lo haremos juntos, sin miedo.', 'Lucía Marín'],
    ],
  ],
])('%s: %s', (language, _why, text, expected) => {
  expect(quotesOf(text, language)).toEqual(expected);
});
