/**
 * Grouping rules on invented multi-source text: one name in two languages, a head word added, a
 * one-word abbreviation, a rare misspelling, and the outlet's own name; and the similarity
 * measures they use.
 */
import { describe, expect, test } from 'vitest';
import { rawSource } from '../../../tests/unit/fixtures/raw-source';
import { prepareSource, resolveEntities } from '../pipeline';
import { abbreviates } from './grouping';
import { cognates, jaroWinkler } from './similarity';

const source = (id: string, language: string, text: string, outlet: string | null = null) =>
  prepareSource(rawSource(id, language, text, outlet));

/** The entity whose name or alias is `alias`, with every name it goes by. */
function namesOf(sources: ReturnType<typeof source>[], alias: string): string[] | undefined {
  const { entities } = resolveEntities(sources);
  const e = entities.find((x) => x.name === alias || x.aliases.includes(alias));
  return e ? [e.name, ...e.aliases].sort() : undefined;
}

describe('similarity', () => {
  test.each([
    ['instituto', 'institut', true],
    ['nacional', 'national', true],
    ['ministerio', 'ministry', true],
    ['valenciana', 'valencienne', true],
    // Translations the lexicons list (lib/lang nameWords), not spelling.
    ['high', 'haut', true],
    ['aerea', 'air', true],
    ['high', 'hotel', false],
    ['harbour', 'hospital', false],
    ['police', 'palace', false],
  ])('cognates(%s, %s) = %s', (a, b, expected) => {
    expect(cognates(a, b)).toBe(expected);
  });

  test('Jaro–Winkler: 1 for equal words, higher for a shared start', () => {
    expect(jaroWinkler('ruritania', 'ruritania')).toBe(1);
    expect(jaroWinkler('ruritania', 'ruritanya')).toBeGreaterThan(
      jaroWinkler('ruritania', 'auritanir'),
    );
  });
});

describe('grouping across sources', () => {
  test('an institution and its translation in another language are one entity', () => {
    const names = namesOf(
      [
        source('a', 'es', 'El Ministerio de Cultura abrió un museo en la capital de Ruritania.'),
        source('b', 'en', 'The Culture Ministry said on Monday that the museum would stay open.'),
        source('c', 'fr', 'Le Ministère de la Culture a confirmé la décision hier soir.'),
      ],
      'Culture Ministry',
    );
    expect(names).toEqual(
      expect.arrayContaining([
        'Ministerio de Cultura',
        'Culture Ministry',
        'Ministère de la Culture',
      ]),
    );
  });

  test('a name with a head word added joins the name, which stays the canonical one', () => {
    const sources = [
      source('a', 'en', 'Hikers crossed the Grey Kessel on foot. The Grey Kessel is steep.'),
      source('b', 'en', 'Snow fell on the Grey Kessel Mountains overnight, officials said.'),
    ];
    const { entities } = resolveEntities(sources);
    const e = entities.find((x) => x.aliases.includes('Grey Kessel Mountains'));
    expect(e?.name).toBe('Grey Kessel');
  });

  // Its second letter from each place an abbreviation may take it (the index of
  // unionAbbreviations): the second word, the first word, the third word (the second left out).
  test.each([
    ['Agência Nacional de Aviação Civil', 'Anac'],
    ['Centro de Investigação e Prevenção', 'Cenip'],
    ['Centro Técnico Nacional de Prevenção', 'Cenap'],
  ])('a one-word abbreviation of a typed name joins it: %s, %s', (name, short) => {
    const names = namesOf(
      [
        source('a', 'pt', `O ${name} abriu uma investigação ontem.`),
        source('b', 'pt', `Segundo o ${short}, o avião tinha todos os certificados em dia.`),
      ],
      short,
    );
    expect(names).toEqual([name, short].sort());
  });

  test('a place misspelled once joins the common spelling', () => {
    const names = namesOf(
      [
        source('a', 'en', 'Rescuers reached Tessaloura at dawn. Tessaloura lost power.'),
        source('b', 'en', 'Aid trucks left Tessaloura for the hills, and Tessaloura waited.'),
        source('c', 'en', 'Families in Tesaloura slept outside.'),
      ],
      'Tessaloura',
    );
    expect(names).toEqual(['Tesaloura', 'Tessaloura']);
  });

  test("the outlet's own name in its own text is not an entity", () => {
    const { entities } = resolveEntities([
      source(
        'a',
        'es',
        'Las lluvias cerraron tres carreteras. Instala la nueva aplicación de Diario Ejemplo.',
        'Diario Ejemplo',
      ),
    ]);
    expect(entities.map((e) => e.name)).not.toContain('Diario Ejemplo');
  });

  // One thing named several ways across sources and languages: each row's sources, an alias to
  // find the entity by, and the names it must hold.
  test.each<[string, Array<[string, string]>, string, string[]]>([
    [
      'a name word translated (lib/lang nameWords)',
      [
        ['en', 'Shepherds left the High Kessel in October. The High Kessel was cold.'],
        ['fr', 'Les bergers ont quitté le Haut Kessel, disent les habitants.'],
      ],
      'High Kessel',
      ['Haut Kessel', 'High Kessel'],
    ],
    [
      "an organization named with its country's adjective in one language only",
      [
        ['en', 'The Chilean Air Force sent two planes to the site on Monday.'],
        ['pt', 'A Força Aérea Chilena informou que dois aviões chegaram ao local.'],
      ],
      'Força Aérea Chilena',
      ['Air Force', 'Força Aérea Chilena'],
    ],
    [
      'a former name after "formerly"',
      [
        ['pt', 'O avião da companhia Voavento, antiga Ventura, caiu ontem à tarde.'],
        ['pt', 'A Voavento disse que todos os passageiros foram identificados.'],
      ],
      'Voavento',
      ['Ventura', 'Voavento'],
    ],
    [
      'a company suffix',
      [
        ['pt', 'Um avião da companhia Voavento Linhas Aéreas caiu ontem à tarde.'],
        ['pt', 'A Voavento disse que todos os passageiros foram identificados.'],
      ],
      'Voavento',
      ['Voavento', 'Voavento Linhas Aéreas'],
    ],
    [
      'a name after its head word in lower case',
      [
        ['pt', 'O voo seguia para o Aeroporto Internacional de Sampaia, no interior.'],
        ['pt', 'O voo partiu para o aeroporto Internacional de Sampaia ao meio-dia.'],
      ],
      'Aeroporto Internacional de Sampaia',
      ['Aeroporto Internacional de Sampaia', 'Internacional de Sampaia'],
    ],
    [
      'an acronym of a Romance name, and its English translation in a list with a plural head word',
      [
        ['es', 'El PEN y el PRU votaron juntos en el Congreso. El PEN perdió.'],
        ['en', 'She led the alliance of the National Example and Sample Unity parties.'],
      ],
      'PEN',
      ['National Example', 'PEN'],
    ],
    [
      "a type's head word alone, referring back",
      [
        ['es', 'La Policía Portuaria rescató a diez personas cerca del muelle.'],
        ['es', 'Los vecinos y la Policía abrieron el acceso al muelle.'],
      ],
      'Policía Portuaria',
      ['Policía', 'Policía Portuaria'],
    ],
    [
      'a country opening a name, written two ways or read apart',
      [
        ['en', 'The United States Example Survey (USES) measured the quake.'],
        ['en', 'The US Example Survey put the magnitude at 6.1 on Friday.'],
      ],
      'United States Example Survey',
      ['Example Survey', 'USES', 'United States Example Survey'],
    ],
  ])('%s', (_label, texts, alias, expected) => {
    const sources = texts.map(([lang, text], i) => source(String.fromCharCode(97 + i), lang, text));
    expect(namesOf(sources, alias)).toEqual(expected);
  });

  test('a name before a singular lower-case head word does not take it for an acronym', () => {
    const sources = [
      source('a', 'en', 'Floods hit Sampa Lora state on Monday, and the SSL said it would help.'),
    ];
    expect(namesOf(sources, 'SSL')).toEqual(['SSL']);
  });
});

describe('name particles written apart', () => {
  test.each<[string, string, string, string[] | undefined]>([
    // An English text's transliteration particle before a name, a space apart, opens it.
    ['en', 'A 2004 tremor in al Examplia killed 60 people.', 'al Examplia', ['al Examplia']],
    ['en', 'The tremor hit al Examplia and the towns nearby.', 'Examplia', undefined],
    // A particle that is also the language's own word stays out: "an", "at" in English.
    ['en', 'The crowd waited at Examplia station for hours.', 'Examplia', ['Examplia']],
    // Spanish "al" is "a el": the name starts after it.
    ['es', 'El presidente viajó al Examplia para ver los daños.', 'Examplia', ['Examplia']],
  ])('%s: %s -> %s', (lang, text, alias, expected) => {
    expect(namesOf([source('a', lang, text)], alias)).toEqual(expected);
  });
});

describe('an acronym that opens every other name', () => {
  test('names the entity over the longer forms', () => {
    const texts = [
      'The old town, a ABCO World Example site, was damaged.',
      'The medina is a Abco World Example site, reports say.',
      'The market, a ABCO World Example Site, was hit. The head of ABCO visited on Monday.',
    ];
    const sources = texts.map((t, i) => source(String.fromCharCode(97 + i), 'en', t));
    const { entities } = resolveEntities(sources);
    const e = entities.find((x) => x.aliases.includes('ABCO World Example Site'));
    expect(e?.name).toBe('ABCO');
  });
});

describe("abbreviates: a short form as prefixes of a name's words, in order", () => {
  /** The search as it was before its states were kept: every path walked. */
  function reference(short: string, words: readonly string[]): boolean {
    const walk = (at: number, w: number, skipped: boolean): boolean => {
      if (at === short.length) return w >= words.length - 1;
      if (w >= words.length) return false;
      const word = words[w]!;
      for (let n = Math.min(word.length, short.length - at); n >= 1; n--)
        if (word.startsWith(short.slice(at, at + n)) && walk(at + n, w + 1, skipped)) return true;
      return !skipped && w > 0 && walk(at, w + 1, true);
    };
    return walk(0, 0, false);
  }

  test.each([
    ['minexa', ['ministry', 'of', 'examples'], true],
    ['minofexa', ['ministry', 'of', 'examples'], true],
    ['exa', ['ministry', 'of', 'examples'], false],
    ['minex', ['ministry', 'examples', 'and', 'tests'], false],
    ['mex', ['ministry', 'examples'], true],
    ['mnexa', ['ministry', 'of', 'examples'], false],
  ])('%s of %j: %s', (short, words, expected) => {
    expect(abbreviates(short, words)).toBe(expected);
    expect(reference(short, words)).toBe(expected);
  });

  test("gives the exhaustive search's answer on many small cases", () => {
    // A fixed pseudo-random sequence over a small alphabet, where prefixes often coincide.
    let seed = 7;
    const next = (n: number) => {
      seed = (seed * 1103515245 + 12345) % 2147483648;
      return seed % n;
    };
    const word = () => Array.from({ length: 1 + next(4) }, () => 'ab'[next(2)]).join('');
    let yes = 0;
    for (let i = 0; i < 3000; i++) {
      const words = Array.from({ length: 1 + next(5) }, word);
      const short = Array.from({ length: 1 + next(6) }, () => 'ab'[next(2)]).join('');
      const answer = reference(short, words);
      if (answer) yes++;
      expect(abbreviates(short, words), `${short} of ${words.join(' ')}`).toBe(answer);
    }
    expect(yes).toBeGreaterThan(100);
    expect(yes).toBeLessThan(2900);
  });
});
