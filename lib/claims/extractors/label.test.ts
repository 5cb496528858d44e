import { expect, test } from 'vitest';
import { extractLabels } from './label';

test.each([
  [
    'The U.S. and Colombia signed a letter of intent Thursday for increased cooperation in the sharing of biometric data.',
    'letter of intent',
    true,
  ],
  [
    'Both countries signed a declaration of intent for biometric cooperation.',
    'declaration of intent',
    true,
  ],
  [
    'Both officials had a meeting which produced a memorandum of understanding to share more information on migrants.',
    'memorandum of understanding',
    true,
  ],
  [
    'Before the cameras, they signed a MOU to advance a mechanism to strengthen immigration information-sharing.',
    'memorandum of understanding',
    true,
  ],
  [
    'We signed today an intention letter for the strengthening of the cooperation.',
    'letter of intent',
    true,
  ],
  [
    'The officials also signed an agreement that would expand the sharing of biometric data for law enforcement.',
    'agreement',
    false,
  ],
  // An accented verb ends on a word edge ("firmó"): `\b` would see none after "ó".
  [
    'El ministro firmó este jueves una carta de intención con su homólogo para la cooperación.',
    'letter of intent',
    true,
  ],
  [
    'Os dois governos assinaram um memorando de entendimento sobre a cooperação portuária.',
    'memorandum of understanding',
    true,
  ],
  [
    "Les deux ministres ont signé jeudi une lettre d'intention sur la coopération énergétique.",
    'letter of intent',
    true,
  ],
  [
    'Both delegations announced an agreement in principle on the fisheries quota.',
    'agreement in principle',
    true,
  ],
  [
    'Ambos gobiernos alcanzaron un acuerdo de principio sobre la cuota pesquera.',
    'agreement in principle',
    true,
  ],
])('%s -> %s', (sentence, label, specific) => {
  const [hit] = extractLabels(sentence);
  expect(hit?.label).toBe(label);
  expect(hit?.specific).toBe(specific);
  expect(hit?.context).toContain(sentence.includes('biometric') ? 'biometric' : hit?.context[0]);
});

test.each([
  ['Petro said his government would not accept flights until a protocol was created.'],
  ['This letter of intent is one more step to be able to establish specific measures.'],
])('no signed document in %s', (sentence) => {
  expect(extractLabels(sentence)).toEqual([]);
});
