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

// "<document> of <purpose>" in any lib/lang language, with the verb that signs or announces it.
test.each([
  [
    'The two ministries signed a memorandum of cooperation on port security.',
    'memorandum of cooperation',
    'memorandum of cooperation',
  ],
  [
    'Both mayors signed a letter of support for the new railway line.',
    'letter of support',
    'letter of support',
  ],
  [
    'Los gobiernos firmaron una declaración conjunta sobre migración.',
    'declaración conjunta',
    'joint declaration',
  ],
  [
    'Los dos países firmaron un memorando de cooperación energética.',
    'memorando de cooperación',
    'memorandum of cooperation',
  ],
  [
    'Les deux villes ont signé une déclaration d’intention pour le tramway.',
    'déclaration d’intention',
    'declaration of intent',
  ],
  [
    'Le gouvernement annonce un protocole d’accord avec les syndicats.',
    'protocole d’accord',
    'memorandum of understanding',
  ],
  [
    'As prefeituras assinaram uma carta de intenções para o consórcio.',
    'carta de intenções',
    'letter of intent',
  ],
  [
    'The unions and the employers reached an agreement in principle on Friday.',
    'agreement in principle',
    'agreement in principle',
  ],
  [
    'Os sindicatos anunciaram um acordo de princípio com a empresa.',
    'acordo de princípio',
    'agreement in principle',
  ],
])('%s', (sentence, span, label) => {
  const hits = extractLabels(sentence);
  expect(hits.map((h) => [h.span, h.label, h.specific])).toEqual([[span, label, true]]);
});

test.each([
  // A document of someone is not a kind of document; no signing verb, no claim.
  'The minister signed a letter of the president to the senate.',
  'She read a letter of intent to the committee.',
])('no specific label in “%s”', (sentence) => {
  expect(extractLabels(sentence).filter((h) => h.specific)).toEqual([]);
});
