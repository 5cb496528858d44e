/**
 * What a capitalised chunk names, on invented text: names run on in lower case to their acronym,
 * spelled out with "and" and a preposition, hyphenated to another name, given names that look
 * like demonyms (in English too), adjectives like demonyms that name no country, role words
 * that are an institution's adjective, a country's abbreviation in capitals, and letters always
 * followed by a figure (a model's designation).
 */
import { describe, expect, test } from 'vitest';
import { rawSource } from '../../../tests/unit/fixtures/raw-source';
import { EntityLayer, prepareSource, resolveEntities } from '../pipeline';

const source = (id: string, language: string, text: string) =>
  prepareSource(rawSource(id, language, text));

function namesIn(texts: Array<[string, string]>): string[] {
  const { entities } = resolveEntities(texts.map(([lang, t], i) => source(`s${i}`, lang, t)));
  return entities.flatMap((e) => [e.name, ...e.aliases]);
}

describe('names read whole', () => {
  test.each<[string, Array<[string, string]>, string[], string[]]>([
    [
      'a sentence-case name up to its acronym',
      [['fr', 'Selon le Centre ruritain pour la recherche marine (CRRM), la mer a monté.']],
      ['Centre ruritain pour la recherche marine', 'CRRM'],
      ['Centre ruritain'],
    ],
    [
      'a name spelled out with "and" and a preposition',
      [['en', 'She ran for the coalition Bread and Peace for Ruritania in the spring.']],
      ['Bread and Peace for Ruritania'],
      ['Bread'],
    ],
    [
      'a name with a Romance preposition',
      [['es', 'La candidata de la coalición Unidos por Ruritania perdió el domingo.']],
      ['Unidos por Ruritania'],
      ['Unidos'],
    ],
    [
      'two names hyphenated, the second written on its own elsewhere',
      [
        ['fr', 'Il a gagné le doublé Coupe-Tour de Sampaia cette année.'],
        ['fr', 'Le Tour de Sampaia part dimanche de la capitale.'],
      ],
      ['Tour de Sampaia'],
      ['Coupe-Tour de Sampaia'],
    ],
    [
      'a given name with a demonym ending, outside English',
      [['fr', 'Le prix est allé à "Matin" de Halvdan Ruud Tessel, un premier film.']],
      ['Halvdan Ruud Tessel'],
      ['Ruud Tessel'],
    ],
    [
      'English given names with a demonym ending stay in the name',
      [['en', 'Adrian Tarvel and Sebastian Morov met Julian Roe in the capital on Monday.']],
      ['Adrian Tarvel', 'Sebastian Morov', 'Julian Roe'],
      ['Tarvel', 'Morov', 'Roe'],
    ],
    [
      'an adjective with a demonym ending that names no country opens the name',
      [['en', 'A report by the Andean Water Policy Institute said prices rose on Monday.']],
      ['Andean Water Policy Institute'],
      ['Water Policy Institute'],
    ],
    [
      "a country's demonym describes the institution after it",
      [['en', 'The Chilean National Police said on Monday that the road would reopen.']],
      ['National Police'],
      ['Chilean National Police'],
    ],
    [
      "a role word after a head word, before a connector, is the name's adjective (es)",
      [['es', 'Los heridos fueron trasladados al Hospital General de Tarvel el lunes.']],
      ['Hospital General de Tarvel'],
      ['de Tarvel', 'Hospital'],
    ],
    [
      "a role word before a head word is the name's adjective (en)",
      [['en', 'The General Assembly voted on Monday, and Secretary General Jane Tarvel spoke.']],
      ['General Assembly', 'Jane Tarvel'],
      ['Assembly'],
    ],
    [
      'a role word after a head word and before a name is a title',
      [['en', 'Army General Jane Tarvel spoke on Monday. Police Chief Ann Morov spoke later.']],
      ['Jane Tarvel', 'Ann Morov'],
      ['Army General Jane Tarvel', 'Police Chief Ann Morov'],
    ],
    [
      'two titled names joined by "and" are two names',
      [['en', 'Army General Jane Tarvel and Police Chief Ann Morov spoke on Monday.']],
      ['Jane Tarvel', 'Ann Morov'],
      [
        'Army General Jane Tarvel',
        'Police Chief Ann Morov',
        'Jane Tarvel and Police Chief Ann Morov',
      ],
    ],
    [
      'an airport after an elided article, in a short sentence (fr)',
      [['fr', "L'avion devait atterrir à l'Aéroport de Norvale lundi soir."]],
      ['Aéroport de Norvale'],
      [],
    ],
    [
      "a country's abbreviation in capitals alone is a name, the pronoun is not",
      [
        ['en', 'Officials in the US said on Monday that the talks would resume.'],
        ['en', 'Tell us what you think, the minister told reporters on Monday.'],
      ],
      ['US'],
      ['us'],
    ],
    [
      'an institution with its head word in lower case (fr)',
      [['fr', 'Le bilan vient du ministère de la Culture. La culture du pays a souffert.']],
      ['ministère de la Culture'],
      ['Culture'],
    ],
    [
      'an institution with its head word in lower case (es)',
      [['es', 'El balance vino del ministerio de Cultura. La cultura del país sufrió.']],
      ['ministerio de Cultura'],
      ['Cultura'],
    ],
    [
      'an institution with its head word in lower case (pt)',
      [['pt', 'O balanço veio do ministério da Cultura. A cultura do país sofreu.']],
      ['ministério da Cultura'],
      ['Cultura'],
    ],
    [
      'a head word in lower case before a place is no part of its name',
      [['fr', 'Le gouvernement de Norvale a publié le bilan de la tempête mardi.']],
      ['Norvale'],
      ['gouvernement de Norvale'],
    ],
    [
      'letters always followed by a figure',
      [
        ['en', 'The plane, an XQV 72, was new. Another XQV-72 landed safely in the hills.'],
        ['en', 'Engineers said the XQV 72 had passed every check on Monday.'],
      ],
      [],
      ['XQV'],
    ],
  ])('%s', (_label, texts, present, absent) => {
    const names = namesIn(texts);
    for (const n of present) expect(names).toContain(n);
    for (const n of absent) expect(names).not.toContain(n);
  });
});

test("a country's abbreviation in capitals is the country", () => {
  const { entities } = resolveEntities([
    source('a', 'en', 'The United States said on Monday that the talks would resume.'),
    source('b', 'en', 'Officials in the US said the talks would resume on Tuesday.'),
  ]);
  const e = entities.find((x) => x.name === 'United States');
  expect(e?.aliases).toContain('US');
  expect(e?.type).toBe('place');
});

describe('a name written with a capital is preferred to one with its head in lower case', () => {
  const fr = () =>
    source('a', 'fr', 'Le bilan vient du ministère de la Culture. La culture du pays a souffert.');
  const es = () =>
    source('b', 'es', 'El balance vino del Ministerio de Cultura, que publicó las cifras.');
  test.each([
    ['at once', () => resolveEntities([fr(), es()]).entities],
    ['French first, one at a time', () => oneByOne([fr(), es()])],
    ['Spanish first, one at a time', () => oneByOne([es(), fr()])],
  ])('%s', (_label, build) => {
    const e = build().find((x) => [x.name, ...x.aliases].includes('ministère de la Culture'));
    expect(e?.name).toBe('Ministerio de Cultura');
    expect(e?.type).toBe('organization');
  });
});

function oneByOne(sources: ReturnType<typeof source>[]) {
  const layer = new EntityLayer(null);
  let last = layer.resolve();
  for (const s of sources) last = layer.add(s);
  return last.entities;
}
