/**
 * A facility's one-word short name (short-names.ts): how a full name is
 * read, and when the bare word joins it, on invented multi-source text.
 */
import { describe, expect, test } from 'vitest';
import { rawSource } from '../../../tests/unit/fixtures/raw-source';
import { prepareSource, resolveEntities } from '../pipeline';
import { headedName } from './short-names';

describe('headedName', () => {
  test.each([
    ['Aeroporto Internacional de Tarvel', { head: 'aeroporto', named: 'tarvel' }],
    ['Aeroportos de Tarvel', { head: 'aeroportos', named: 'tarvel' }],
    ['Aeropuerto de Tarvel', { head: 'aeropuerto', named: 'tarvel' }],
    ["Aéroport d' Tarvel", { head: 'aeroport', named: 'tarvel' }],
    ['Hospital de la Tarvel', { head: 'hospital', named: 'tarvel' }],
    ['Tarvel International Airport', { head: 'airport', named: 'tarvel' }],
    ['Tarvel Airport', { head: 'airport', named: 'tarvel' }],
    // Two words of name, a place's head word, no head word, no connector: no reading.
    ['Aeroporto de Tarvel Norte', null],
    ['Tarvel Norte Airport', null],
    ['Provincia de Tarvel', null],
    ['Governo de Tarvel', null],
    ['Tarvel University', null],
    ['Tarvel River', null],
    ['Jane Tarvel', null],
    ['Hospital Tarvel', null],
  ])('%s -> %o', (name, expected) => {
    expect(headedName(name.split(' '))).toEqual(expected);
  });
});

const source = (id: string, language: string, text: string) =>
  prepareSource(rawSource(id, language, text));

/** The names of the entity that goes by `alias`, sorted. */
function namesOf(sources: ReturnType<typeof source>[], alias: string): string[] | undefined {
  const { entities } = resolveEntities(sources);
  const e = entities.find((x) => x.name === alias || x.aliases.includes(alias));
  return e ? [e.name, ...e.aliases].sort() : undefined;
}

describe('a one-word short name joins the facility named after it', () => {
  test.each([
    [
      'Portuguese, a lower-case head word before the short name',
      [
        ['a', 'pt', 'O avião seguia para o Aeroporto Internacional de Tarvel na segunda-feira.'],
        ['b', 'pt', 'O voo com destino ao aeroporto de Tarvel atrasou duas horas.'],
        ['c', 'en', 'Passengers at Tarvel International Airport waited for hours.'],
      ],
      true,
    ],
    [
      'a plural head word in one language, a singular one in another',
      [
        ['a', 'pt', 'O avião tentou pousar no Aeroportos de Tarvel, segundo a empresa.'],
        ['b', 'es', 'El vuelo se estrelló en el aeropuerto de Tarvel, según la empresa.'],
      ],
      true,
    ],
    [
      'French, a minor word between the head word and its connector',
      [
        ['a', 'es', 'El avión se dirigía al Aeropuerto Internacional de Tarvel el lunes.'],
        ['b', 'fr', "Le vol est parti de l'Aéroport international de Tarvel lundi soir."],
      ],
      true,
    ],
    [
      'English, the head word after the short name',
      [
        ['a', 'en', 'The plane flew to Tarvel Airport on Monday, officials said.'],
        ['b', 'en', 'Crews at the Tarvel airport cleared the runway before noon.'],
      ],
      true,
    ],
    [
      'no source writes the short name as the facility: the place stays apart',
      [
        ['a', 'pt', 'O avião seguia para o Aeroporto Internacional de Tarvel na segunda-feira.'],
        ['b', 'pt', 'A prefeitura de Tarvel decretou luto oficial, disseram moradores.'],
        ['c', 'pt', 'Moradores de Tarvel fizeram uma vigília na praça central.'],
      ],
      false,
    ],
    [
      'most sources name the place, one its airport: the place stays apart',
      [
        ['a', 'en', 'Flights to the Tarvel airport were cancelled, said Tarvel Airport staff.'],
        ['b', 'en', 'Floods hit Tarvel on Monday and the mayor closed the schools.'],
        ['c', 'en', 'Residents of Tarvel spent the night in shelters, officials said.'],
        ['d', 'en', 'The river crested in Tarvel overnight as rain kept falling.'],
      ],
      false,
    ],
    [
      "a place's government: the place stays apart",
      [
        ['a', 'pt', 'O Governo de Tarvel decretou luto oficial na segunda-feira.'],
        ['b', 'pt', 'Segundo o governo de Tarvel, as aulas voltam na quarta.'],
        ['c', 'pt', 'O Governo de Tarvel abriu abrigos para os moradores.'],
      ],
      false,
    ],
    [
      'a head word of another kind before the short name: no join',
      [
        ['a', 'pt', 'O avião seguia para o Aeroporto Internacional de Tarvel na segunda-feira.'],
        ['b', 'pt', 'Os feridos foram levados ao hospital de Tarvel ainda à tarde.'],
      ],
      false,
    ],
  ])('%s', (_, texts, joined) => {
    const names = namesOf(
      texts.map(([id, lang, text]) => source(id!, lang!, text!)),
      'Tarvel',
    );
    expect(names).toBeDefined();
    expect(names!.some((n) => n.length > 'Tarvel'.length)).toBe(joined);
  });
});
