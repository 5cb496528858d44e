import { expect, test } from 'vitest';
import { descriptorBefore, isDemonym } from './descriptor';

const placeLike = (w: string) => /^Colombia/.test(w) || w === 'U.S.' || isDemonym(w);

test.each([
  [
    "Later in the day, Noem met with police and Colombia's leftist President Gustavo Petro.",
    'Gustavo Petro',
    "Colombia's leftist President",
    ['leftist'],
  ],
  [
    'Noem met with far-left President of Colombia Gustavo Petro and other officials.',
    'Gustavo Petro',
    'far-left President of Colombia',
    ['far-left'],
  ],
  [
    'This order was given by Colombia’s Socialist President Gustavo Petro, who is very unpopular.',
    'Gustavo Petro',
    'Colombia’s Socialist President',
    ['socialist'],
  ],
  [
    'She met with Colombian President Gustavo Petro and Foreign Minister Laura Sarabia.',
    'Gustavo Petro',
    'Colombian President',
    [],
  ],
  [
    'U.S. Homeland Security Secretary Kristi Noem visited Colombia on Thursday.',
    'Kristi Noem',
    'U.S. Homeland Security Secretary',
    [],
  ],
])('%s', (sentence, name, span, evaluative) => {
  const hit = descriptorBefore(sentence, sentence.indexOf(name), placeLike);
  expect(hit?.span).toBe(span);
  expect(hit?.evaluative).toEqual(evaluative);
});

test.each([
  [
    'In the first high-level visit by a member of U.S. President Donald Trump’s new administration.',
    'Donald Trump',
    'U.S. President',
  ],
  ['Noem and Petro’s meeting was conducted behind closed doors.', 'Petro', null],
  // A descriptor is a noun phrase with a role head: a preposition before it is not a label.
  [
    'She stood alongside Foreign Minister Ana Ruiz at the ceremony.',
    'Ana Ruiz',
    'Foreign Minister',
  ],
  ['The envoy arrived alongside leftist President Ana Ruiz.', 'Ana Ruiz', 'leftist President'],
  [
    'Ruritania’s then acting President Ana Ruiz spoke first.',
    'Ana Ruiz',
    'Ruritania’s then acting President',
  ],
])('stops at the phrase boundary: %s', (sentence, name, span) => {
  expect(descriptorBefore(sentence, sentence.indexOf(name), placeLike)?.span ?? null).toBe(span);
});

// Offices of every lib/lang language head a descriptor; words that say when are not framing.
test.each([
  ['Ayer habló la alcaldesa Marta Ruiz ante los vecinos.', 'Marta Ruiz', 'alcaldesa', []],
  ['Le ministre délégué Paul Morel a visité la ville.', 'Paul Morel', 'ministre délégué', []],
  ['O governador João Prado visitou a cidade.', 'João Prado', 'governador', []],
  ['The incumbent Governor Ellen Marsh lost the vote.', 'Ellen Marsh', 'incumbent Governor', []],
  ["The movement's chairman Tom Reyes spoke first.", 'Tom Reyes', "movement's chairman", []],
  [
    'The hardline Governor Ellen Marsh spoke first.',
    'Ellen Marsh',
    'hardline Governor',
    ['hardline'],
  ],
  ['She spoke alongside Governor Ellen Marsh.', 'Ellen Marsh', 'Governor', []],
])('%s', (sentence, name, span, evaluative) => {
  const d = descriptorBefore(sentence, sentence.indexOf(name), () => false);
  expect(d?.span).toBe(span);
  expect(d?.evaluative).toEqual(evaluative);
});
