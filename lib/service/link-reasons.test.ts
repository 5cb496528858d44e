import { describe, expect, test } from 'vitest';
import { entityLinkReason, type KnownNames, linkReason } from './link-reasons';
import type { LinkReasonKind } from '../protocol';

const person = (name: string, ...aliases: string[]): KnownNames => ({
  name,
  aliases,
  type: 'person',
});
const thing = (name: string, ...aliases: string[]): KnownNames => ({ name, aliases });

describe('linkReason', () => {
  const cases: Array<[string, KnownNames, LinkReasonKind, string]> = [
    // The same name, whatever the capitals.
    ['Angela Merkel', person('Angela Merkel'), 'same-name', 'The same name as in your sources'],
    ['LAGOS', thing('Lagos'), 'same-name', 'The same name as in your sources'],
    // A name the corpus already knows for it.
    [
      'Lula',
      person('Luiz Inácio Lula da Silva', 'Lula'),
      'alias',
      '“Lula” is a name of Luiz Inácio Lula da Silva in your sources',
    ],
    [
      'Sao Paulo',
      thing('São Paulo (city)', 'São Paulo'),
      'alias',
      '“Sao Paulo” is a name of São Paulo (city) in your sources (as “São Paulo”)',
    ],
    // A surname of a known full name, also one of two surnames, or after a title.
    ['Scholz', person('Olaf Scholz'), 'surname', '“Scholz” is the surname of Olaf Scholz'],
    [
      'Obrador',
      person('Andrés Manuel López Obrador'),
      'surname',
      '“Obrador” is the surname of Andrés Manuel López Obrador',
    ],
    [
      'López',
      person('Andrés Manuel López Obrador'),
      'surname',
      '“López” is the surname of Andrés Manuel López Obrador',
    ],
    [
      'Chancellor Scholz',
      person('Olaf Scholz'),
      'surname',
      '“Chancellor Scholz” has the surname of Olaf Scholz',
    ],
    ['Jersey', thing('New Jersey'), 'surname', '“Jersey” ends like New Jersey'],
    // The first word of a known name: weaker, said as such.
    [
      'Kamala',
      person('Kamala Harris'),
      'first-word',
      '“Kamala” is the first word of Kamala Harris',
    ],
    ['Li', person('Li Qiang'), 'first-word', '“Li” is the first word of Li Qiang'],
    ['Sahara', thing('Sahara Desert'), 'first-word', '“Sahara” is the first word of Sahara Desert'],
    // A spelling one or two letters off, or only accents.
    ['Bogota', thing('Bogotá'), 'spelling', '“Bogota” ≈ “Bogotá” (accents or punctuation differ)'],
    [
      'Zelensky',
      person('Volodymyr Zelenskyy', 'Zelenskyy'),
      'spelling',
      '“Zelensky” ≈ “Zelenskyy” (a spelling one letter off)',
    ],
    [
      'Tchaikovski',
      person('Pyotr Tchaikovsky', 'Tchaikovsky'),
      'spelling',
      '“Tchaikovski” ≈ “Tchaikovsky” (a spelling one letter off)',
    ],
    [
      'Gadaffi',
      person('Muammar Gaddafi', 'Gaddafi'),
      'spelling',
      '“Gadaffi” ≈ “Gaddafi” (a spelling two letters off)',
    ],
    // The same country in another language.
    ['Allemagne', thing('Germany'), 'country', '“Allemagne” is Germany in another language'],
    [
      'Marruecos',
      thing('Morocco', 'Maroc'),
      'country',
      '“Marruecos” is Morocco in another language',
    ],
    // An acronym, either way round.
    [
      'WHO',
      thing('World Health Organization'),
      'acronym',
      '“WHO” is the initials of World Health Organization',
    ],
    [
      'PSOE',
      thing('Partido Socialista Obrero Español'),
      'acronym',
      '“PSOE” is the initials of Partido Socialista Obrero Español',
    ],
    ['U.N.', thing('United Nations'), 'acronym', '“U.N.” is the initials of United Nations'],
    [
      'Banco Central do Brasil',
      thing('BCB'),
      'acronym',
      'BCB is the initials of “Banco Central do Brasil”',
    ],
    // Nothing the names show: the reader is asked to check.
    [
      'ONU',
      thing('United Nations'),
      'other',
      '“ONU” does not match a known name of United Nations: check this link',
    ],
    [
      'Xi',
      person('Li Qiang'),
      'other',
      '“Xi” does not match a known name of Li Qiang: check this link',
    ],
  ];
  test.each(cases)('%s → %s (%s)', (surface, known, kind, text) => {
    const r = linkReason(surface, known);
    expect(r.kind).toBe(kind);
    expect(r.text).toBe(text);
    expect(r.surface).toBe(surface);
  });

  test('a short name one letter off is not a spelling match', () => {
    expect(linkReason('Ivan', thing('Iran')).kind).toBe('other');
  });

  test('the surest match over the name and its aliases wins', () => {
    // "Putin" is both an alias and the surname: the alias (the corpus's own word) is said.
    expect(linkReason('Putin', person('Vladimir Putin', 'Putin')).kind).toBe('alias');
  });
});

describe('entityLinkReason', () => {
  test('the surest of the forms the source used', () => {
    const r = entityLinkReason(['Petro', 'Gustavo Petro', 'Petro'], person('Gustavo Petro'));
    expect(r.kind).toBe('same-name');
  });
  test('a source that only writes the surname links by it', () => {
    const r = entityLinkReason(['Sheinbaum'], person('Claudia Sheinbaum'));
    expect(r).toMatchObject({ kind: 'surname', matched: 'Claudia Sheinbaum' });
  });
});
