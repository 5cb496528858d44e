import { describe, expect, test } from 'vitest';
import { anyLanguage, baseLanguage, countryCode, inLanguage, LEXICONS, typeKeywords } from '.';

describe('country names in every language (Intl.DisplayNames)', () => {
  test.each([
    ['Germany', 'DE'],
    ['Alemania', 'DE'],
    ['Allemagne', 'DE'],
    ['Alemanha', 'DE'],
    ['Japón', 'JP'],
    ['Japon', 'JP'],
    ['Estados Unidos', 'US'],
    ['États-Unis', 'US'],
    ['Etats Unis', 'US'],
    ['EE. UU.', 'US'],
    ['EEUU', 'US'],
    ['EUA', 'US'],
    ['U.S.', 'US'],
    ['Reino Unido', 'GB'],
    ['Royaume-Uni', 'GB'],
    ['UK', 'GB'],
    ['US', 'US'],
    // A short abbreviation keeps its accents; a short name is folded as any other.
    ['É.-U.', 'US'],
    ['Irã', 'IR'],
    ['Perú', 'PE'],
    ['Peru', 'PE'],
    ['North America', '003'],
    ['América del Norte', '003'],
    ['Amérique latine', '419'],
    ['Latinoamérica', '419'],
  ])('%s -> %s', (name, code) => {
    expect(countryCode(name)).toBe(code);
  });

  // "EU" is no "É.-U." without its accent.
  test.each(['Lisboa', 'Jane Doe', 'Ministry', 'World', 'EU', 'E.U.'])(
    '%s is no country',
    (name) => {
      expect(countryCode(name)).toBeNull();
    },
  );
});

describe('lexicons', () => {
  test('one file per language, each with every field filled where the language has it', () => {
    expect(LEXICONS.map((l) => l.code).sort()).toEqual(['en', 'es', 'fr', 'pt']);
    for (const l of LEXICONS) {
      expect(l.articles.length).toBeGreaterThan(0);
      expect(l.conjunctions.length).toBeGreaterThan(0);
      expect(l.calendar.split(' ').length).toBeGreaterThanOrEqual(19);
    }
  });

  test.each([
    ['functionWords', 'es', 'desde'],
    ['functionWords', 'fr', 'outre'],
    ['articles', 'pt', 'o'],
    ['conjunctions', 'fr', 'et'],
    ['calendar', 'pt', 'marco'], // folded: "março"
    ['placePrepositions', 'fr', 'a'], // folded: "à"
  ] as const)('%s of %s has %s (folded)', (field, code, word) => {
    expect(inLanguage(field, code).has(word)).toBe(true);
  });

  test('an unknown language falls back to English', () => {
    expect(inLanguage('conjunctions', 'xx').has('and')).toBe(true);
    expect(inLanguage('conjunctions', null).has('and')).toBe(true);
  });

  test('unions and keywords are folded', () => {
    expect(anyLanguage('calendar').has('fevrier')).toBe(true);
    const org = typeKeywords().find(([t]) => t === 'organization')![1];
    expect(org.has('ministerio')).toBe(true);
    expect(org.has('ministere')).toBe(true);
  });

  test.each([
    ['pt-BR', 'pt'],
    ['ES', 'es'],
    [null, null],
  ])('base language of %s is %s', (code, base) => {
    expect(baseLanguage(code)).toBe(base);
  });
});
