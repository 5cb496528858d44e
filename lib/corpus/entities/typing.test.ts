import { describe, expect, test } from 'vitest';
import { rawSource } from '../../../tests/unit/fixtures/raw-source';
import { buildCorpus } from '../pipeline';

/** The type the pipeline gives `name` in a one-source corpus of `text`. */
function typeIn(language: string, text: string, name: string): string | undefined {
  const corpus = buildCorpus([rawSource('a', language, text)], null);
  return corpus.entities.find((e) => e.name === name || e.aliases.includes(name))?.type;
}

describe('a name after an article that persons do not take', () => {
  test.each([
    [
      'es',
      'La Estrella Dorada instó a la población a quedarse en casa durante la tormenta.',
      'Estrella Dorada',
    ],
    [
      'es',
      'Los vecinos pidieron ayuda a la Estrella Dorada tras la tormenta del martes.',
      'Estrella Dorada',
    ],
    [
      'fr',
      'Les habitants ont demandé l’aide de la Étoile Dorée après la tempête de mardi.',
      'Étoile Dorée',
    ],
    [
      'en',
      'The Silver Shield said the storm had cut the power to six thousand homes.',
      'Silver Shield',
    ],
  ])('%s: "%s" -> %s is an organization', (lang, text, name) => {
    expect(typeIn(lang, text, name)).toBe('organization');
  });

  test.each([
    ['es', 'Marta Ruiz instó a la población a quedarse en casa durante la tormenta.', 'Marta Ruiz'],
    [
      'en',
      'Daniel Ortega Lima said the storm had cut the power to six thousand homes.',
      'Daniel Ortega Lima',
    ],
    // Portuguese puts an article before persons' names.
    [
      'pt',
      'A Marta Ruiz pediu à população que ficasse em casa durante a tempestade.',
      'Marta Ruiz',
    ],
  ])('%s: "%s" -> %s stays a person', (lang, text, name) => {
    expect(typeIn(lang, text, name)).toBe('person');
  });
});

describe('names listed across a bracketed figure take their neighbours’ type', () => {
  test.each([
    [
      'en',
      'The storm hit the city of Norvale first. Deaths were counted in Norvale (13), Kestrin (5) and Dulmoor (1).',
      ['Kestrin', 'Dulmoor'],
      'place',
    ],
    [
      'es',
      'La tormenta golpeó primero la ciudad de Norvale. Hubo muertos en Norvale (13), Kestrin (5) y Dulmoor (1).',
      ['Kestrin', 'Dulmoor'],
      'place',
    ],
    [
      'en',
      'The chipmaker is now worth more than tech giants like Acmesoft (at $3.3 trillion), Zentrix (at $3.2 trillion) and Quorba (at $2.1 trillion).',
      ['Acmesoft', 'Zentrix', 'Quorba'],
      'organization',
    ],
  ])('%s: "%s"', (lang, text, names, type) => {
    for (const name of names) expect([name, typeIn(lang, text, name)]).toEqual([name, type]);
  });
});
