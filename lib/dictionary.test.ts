import { describe, expect, test } from 'vitest';
import { nonEmpty } from '../tests/unit/fixtures/non-empty';
import { buildDictionary, isPageAlias } from './dictionary';
import { seedCorpus } from '../tests/unit/fixtures/seed-corpus';

const corpus = seedCorpus({ withOverrides: false });
const dict = buildDictionary(corpus.entities, 7);
const idOf = (alias: string) => dict.aliases.find(([a]) => a === alias)?.[1];

describe('buildDictionary', () => {
  test.each([
    ['Kristi Noem', 'Noem'],
    ['Gustavo Petro', 'Petro'],
    ['Center for the Confinement of Terrorism', 'CECOT'],
    ['Darién Gap', 'Darien'],
  ])('%s and its alias %s point at the same entity', (name, alias) => {
    expect(idOf(name)).toBeDefined();
    expect(idOf(alias)).toBe(idOf(name));
  });

  test("a person's first name alone is not underlined on pages", () => {
    const sarabia = corpus.entities.find((e) => e.name === 'Laura Sarabia')!;
    expect(sarabia.aliases).toContain('Laura'); // still an alias inside the corpus
    expect(idOf('Laura')).toBeUndefined();
    expect(idOf('Sarabia')).toBe(sarabia.id);
  });

  test("an institution the corpus only names as one place's is not underlined elsewhere", () => {
    // "El Salvador’s Supreme Court": on another page, "Supreme Court" is usually another court.
    const court = corpus.entities.find((e) => e.name === 'Supreme Court')!;
    expect(court.generic).toBe(true);
    expect(corpus.mentions.some((m) => m.entityId === court.id)).toBe(true);
    expect(idOf('Supreme Court')).toBeUndefined();
    // A named institution stays: its name is not generic.
    expect(idOf('Department of Homeland Security')).toBeDefined();
  });

  test.each([
    // [canonical name, alias, kept on pages]
    ['Colombia', 'Columbia', false],
    ['El Espectador', 'El Espectator', false],
    ['Katherine Moore', 'Catherine Moore', false],
    ['Bogotá', 'Bogota', true],
    ['United States', 'U.S.', true],
    ['Gustavo Petro', 'Petro', true],
    ['Center for the Confinement of Terrorism', 'CECOT', true],
    ['Darién Gap', 'Darien', true],
  ])('%s: a page alias %s? %s', (name, alias, kept) => {
    const entity = {
      id: 'x',
      name,
      type: 'place',
      aliases: [alias],
    } as unknown as Parameters<typeof isPageAlias>[0];
    expect(isPageAlias(entity, alias)).toBe(kept);
  });

  test('carries the version; every alias points at a listed entity', () => {
    expect(dict.version).toBe(7);
    for (const [, id] of nonEmpty(dict.aliases, 'aliases')) expect(dict.entities[id]).toBeDefined();
    expect(Object.keys(dict.entities).length).toBeGreaterThan(30);
  });
});

describe('identity hints', () => {
  test('each person with descriptors carries them; places and organizations do not', () => {
    const hints = dict.identity!;
    const petro = idOf('Gustavo Petro')!;
    expect(hints.people[petro]!.some((p) => /President/.test(p))).toBe(true);
    const colombia = idOf('Colombia')!;
    expect(hints.people[colombia]).toBeUndefined();
    // The words to read offices and countries by: Colombia's names and a word for its people.
    expect(hints.countries['CO']!.split(' ')).toContain('colombia');
    expect(hints.roles).toContain('minister');
    expect(hints.honorifics).not.toContain('minister');
  });

  test('stays compact: every page loads it', () => {
    expect(JSON.stringify(dict.identity).length).toBeLessThan(30_000);
  });
});
