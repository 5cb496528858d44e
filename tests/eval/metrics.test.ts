import { describe, expect, it } from 'vitest';
import type { EntityType } from '../../lib/types';
import {
  addCounts,
  compareEntitySets,
  type Counts,
  emptyCounts,
  foldKey,
  type GoldEntity,
  type GoldEvent,
  goldProblems,
  locateGold,
  ratios,
  score,
  type Scope,
  type SystemEntity,
  systemEntities,
} from './metrics';

type Gold = Pick<GoldEvent, 'entities' | 'nonEntities'>;

const g = (
  name: string,
  type: EntityType,
  forms: string[],
  extra: Partial<GoldEntity> = {},
): GoldEntity => ({ name, type, forms, core: false, ...extra });

/** A system entity whose mentions are its name and aliases, once each (plus `extra` surfaces). */
const s = (
  name: string,
  type: EntityType,
  aliases: string[] = [],
  extra: string[] = [],
  sourceId = 'a',
): SystemEntity => ({
  id: name,
  name,
  type,
  aliases,
  mentions: [name, ...aliases, ...extra].map((surface) => ({ sourceId, surface })),
});

// A small event: a mayor, her town, the region, a weather office, an optional storm.
const GOLD: Gold = {
  entities: [
    g('Carlos Mazón', 'person', ['Carlos Mazón', 'Carlos Mazon', 'Mazon'], { core: true }),
    g('Paiporta', 'place', ['Paiporta'], { core: true }),
    g('Comunidad Valenciana', 'place', ['Comunidad Valenciana', 'Communauté valencienne'], {
      names: ['Communauté valencienne'],
    }),
    g('AEMET', 'organization', ['AEMET', 'Aemet'], { altTypes: ['group'] }),
    g('Storm Boris', 'other', ['Boris'], { optional: true }),
  ],
  nonEntities: ['Getty Images', 'AFP'],
};

const PERFECT: SystemEntity[] = [
  s('Carlos Mazón', 'person', ['Carlos Mazon', 'Mazon']),
  s('Paiporta', 'place'),
  s('Comunidad Valenciana', 'place', ['Communauté valencienne']),
  s('AEMET', 'organization', ['Aemet']),
];

describe('foldKey', () => {
  it.each([
    ['Bogotá', 'bogota'],
    ['BOGOTÁ', 'bogota'],
    ['U.S.', 'us'],
    ['EE.UU.', 'eeuu'],
    ['Tizi n’Test', "tizi n'test"],
    ['  Castilla   La Mancha ', 'castilla la mancha'],
    ['Xóchitl Gálvez Ruíz', 'xochitl galvez ruiz'],
  ])('%s -> %s', (input, key) => {
    expect(foldKey(input)).toBe(key);
  });
});

describe('score', () => {
  const cases: Array<{
    name: string;
    system: SystemEntity[];
    gold?: Gold;
    scope?: Scope;
    counts: Partial<Counts>;
  }> = [
    {
      name: 'one system entity per gold entity, right names and types',
      system: PERFECT,
      counts: {
        gold: 4,
        found: 4,
        goldCore: 2,
        foundCore: 2,
        // Folded forms are counted once: "Carlos Mazón" and "Carlos Mazon" are one.
        forms: 6,
        formsLinked: 6,
        system: 4,
        correct: 4,
        junk: 0,
        split: 0,
        merged: 0,
        nameErrors: 0,
        typeErrors: 0,
      },
    },
    {
      name: 'an entity matching nothing is junk; a listed string makes it listed junk',
      system: [...PERFECT, s('Watch', 'other'), s('Getty Images', 'organization')],
      counts: { system: 6, correct: 4, junk: 2, junkListed: 1, junkPartial: 0 },
    },
    {
      name: 'a gold form with words added is partial junk ("En Paiporta")',
      system: [...PERFECT, s('En Paiporta', 'place'), s('Communauté', 'place')],
      counts: { junk: 2, junkPartial: 2, found: 4 },
    },
    {
      name: 'a listed string on a matching entity still makes it junk, but the gold is found',
      system: [s('Paiporta', 'place', ['AFP'])],
      counts: { found: 1, correct: 0, junk: 1, junkListed: 1 },
    },
    {
      name: 'two system entities for one gold entity are a split; forms count on the primary only',
      system: [
        s('Carlos Mazón', 'person', [], ['Carlos Mazón', 'Carlos Mazón']),
        s('Mazon', 'person', ['Carlos Mazon']),
      ],
      counts: { found: 1, split: 1, forms: 6, formsLinked: 1, nameErrors: 0, correct: 2 },
    },
    {
      name: 'one system entity for two gold entities is a merge; both are found',
      system: [s('Paiporta', 'place', ['AEMET'])],
      counts: { found: 2, merged: 1, correct: 1, nameErrors: 1, typeErrors: 1 },
    },
    {
      name: 'the primary match is the entity holding most of the mentions, not the merged one',
      system: [
        s('Paiporta', 'place', ['Aemet']),
        s('AEMET', 'organization', [], ['AEMET', 'AEMET']),
      ],
      counts: { found: 2, merged: 1, split: 1, nameErrors: 0, typeErrors: 0 },
    },
    {
      name: 'names compare folded: an accent-free spelling is right, a surname alone is not',
      system: [s('Carlos Mazon', 'person'), s('Paiporta', 'place')],
      counts: { nameErrors: 0 },
    },
    {
      name: 'a surname alone as the name is a name error',
      system: [s('Mazon', 'person', ['Carlos Mazón'])],
      counts: { nameErrors: 1, found: 1 },
    },
    {
      name: 'a name in another language listed among the names is right',
      system: [s('Communauté valencienne', 'place', ['Comunidad Valenciana'])],
      counts: { nameErrors: 0, formsLinked: 2 },
    },
    {
      name: 'types: the gold type or an alternative is right, anything else is an error',
      system: [s('AEMET', 'group'), s('Paiporta', 'person'), s('Mazon', 'other')],
      counts: { typeErrors: 2 },
    },
    {
      name: 'an entity matching only optional gold is neutral: not junk, not counted in precision',
      system: [...PERFECT, s('Boris', 'person')],
      counts: { system: 5, correct: 4, neutral: 1, junk: 0, gold: 4 },
    },
    {
      name: 'nothing found',
      system: [],
      counts: { gold: 4, found: 0, forms: 6, formsLinked: 0, system: 0 },
    },
    {
      name: 'scope: only some gold, system entities and forms count',
      system: PERFECT,
      scope: {
        gold: (i) => i === 0,
        system: (e) => e.name === 'Carlos Mazón' || e.name === 'Paiporta',
        form: (_i, k) => k !== 'mazon',
      },
      counts: { gold: 1, found: 1, forms: 1, formsLinked: 1, system: 2, correct: 2 },
    },
  ];

  it.each(cases)('$name', ({ system, gold, scope, counts }) => {
    expect(score(gold ?? GOLD, system, scope).counts).toMatchObject(counts);
  });

  it('explains what it counted', () => {
    const { details } = score(GOLD, [
      s('Mazon', 'person', ['Carlos Mazón']),
      s('Carlos Mazon', 'person'),
      s('Paiporta', 'place', ['AEMET']),
      s('En Paiporta', 'place'),
      s('AFP', 'organization'),
    ]);
    expect(details.missed).toEqual(['Comunidad Valenciana']);
    expect(details.splits).toEqual([{ gold: 'Carlos Mazón', system: ['Mazon', 'Carlos Mazon'] }]);
    expect(details.merges).toEqual([{ system: 'Paiporta', gold: ['Paiporta', 'AEMET'] }]);
    expect(details.junk).toEqual([
      { name: 'En Paiporta', kind: 'partial' },
      { name: 'AFP', kind: 'listed' },
    ]);
    expect(details.nameErrors).toEqual([
      { gold: 'Carlos Mazón', system: 'Mazon' },
      { gold: 'AEMET', system: 'Paiporta' },
    ]);
    expect(details.typeErrors).toEqual([{ gold: 'AEMET', expected: 'organization', got: 'place' }]);
  });
});

describe('ratios', () => {
  it('divides, and says null for an empty denominator', () => {
    const c = score(GOLD, [...PERFECT.slice(0, 3), s('Watch', 'other')]).counts;
    expect(ratios(c)).toEqual({
      precision: 3 / 4,
      recall: 3 / 4,
      coreRecall: 1,
      formsLinked: 5 / 6,
    });
    expect(ratios(emptyCounts())).toEqual({
      precision: null,
      recall: null,
      coreRecall: null,
      formsLinked: null,
    });
  });

  it('sums counts field by field', () => {
    const c = score(GOLD, PERFECT).counts;
    expect(addCounts(c, c)).toMatchObject({ gold: 8, found: 8, forms: 12, correct: 8 });
  });
});

describe('systemEntities', () => {
  it('keeps name, type and aliases, and gathers each entity’s mentions', () => {
    const out = systemEntities(
      [
        {
          id: 'x',
          name: 'Paiporta',
          type: 'place',
          aliases: ['PAIPORTA'],
          descriptors: [],
          description: null,
          origin: 'seed',
        },
      ],
      [
        { entityId: 'x', sourceId: 'a', surface: 'Paiporta' },
        { entityId: 'x', sourceId: 'b', surface: 'PAIPORTA' },
        { entityId: 'y', sourceId: 'b', surface: 'Other' },
      ],
    );
    expect(out).toEqual([
      {
        id: 'x',
        name: 'Paiporta',
        type: 'place',
        aliases: ['PAIPORTA'],
        mentions: [
          { sourceId: 'a', surface: 'Paiporta' },
          { sourceId: 'b', surface: 'PAIPORTA' },
        ],
      },
    ]);
  });
});

describe('locateGold', () => {
  const gold: Gold = {
    entities: [
      g('Valencia', 'place', ['Valencia']),
      g('Instituto de Medicina Legal de Valencia', 'organization', [
        'Instituto de Medicina Legal de Valencia',
      ]),
      g('Kristi Noem', 'person', ['Kristi Noem', 'Noem']),
      g('Mira', 'place', ['Mira']),
      g('Bogotá', 'place', ['Bogotá']),
    ],
    nonEntities: ['AP Photo', 'Gone'],
  };
  const texts = [
    { id: 'a', language: 'es', text: 'Los forenses del Instituto de Medicina Legal de Valencia.' },
    { id: 'b', language: 'en', text: 'Noem’s visit to BOGOTA. (AP Photo/Alex Brandon)' },
    { id: 'c', language: 'es', text: 'Los miradores de Valencia; Kristi Noem en Mira.' },
  ];
  const located = locateGold(gold, texts);

  it.each([
    ['a longer string owns its words', 0, ['c'], ['a', 'c']],
    ['the longer string itself', 1, ['a'], ['a']],
    ['case, accents and a possessive', 2, ['b', 'c'], ['b', 'c']],
    ['whole words only ("miradores" is not "Mira")', 3, ['c'], ['c']],
    ['accent-free capitals', 4, ['b'], ['b']],
  ])('%s', (_what, index, sources, anySources) => {
    expect([...located.sources[index]!].sort()).toEqual(sources);
    expect([...located.anySources[index]!].sort()).toEqual(anySources);
  });

  it('records which sources name each form, and what occurs nowhere', () => {
    expect(located.formSources[2]!.get('noem')).toEqual(new Set(['b']));
    expect(located.formSources[2]!.get('kristi noem')).toEqual(new Set(['c']));
    expect(located.absent).toEqual(['Gone']);
  });
});

describe('goldProblems', () => {
  const texts = [
    { id: 'a', language: 'en', text: 'Paiporta and Mira. Paiporta again.' },
    { id: 'b', language: 'en', text: 'Paiporta, said AFP.' },
    { id: 'c', language: 'en', text: 'In Paiporta.' },
  ];
  it.each<[string, Gold, string[]]>([
    [
      'a consistent gold has none',
      {
        entities: [
          g('Paiporta', 'place', ['Paiporta'], { core: true }),
          g('Mira', 'place', ['Mira']),
        ],
        nonEntities: ['AFP'],
      },
      [],
    ],
    [
      'absent strings, double claims, wrong core flags, scored "other"',
      {
        entities: [
          g('Paiporta', 'place', ['Paiporta', 'Torrent']),
          g('Mira', 'other', ['Mira', 'MIRA'], { core: true }),
          g('Mira town', 'place', ['Mira']),
        ],
        nonEntities: ['AFP', 'Paiporta'],
      },
      [
        '"Torrent" occurs in no text',
        'Paiporta: core is false but 3 sources name it',
        'Mira: core is true but 1 sources name it',
        'Mira: type "other" must be optional',
        '"Mira" is claimed by Mira and Mira town',
        '"Paiporta" is claimed by Paiporta and the non-entities',
      ],
    ],
  ])('%s', (_what, gold, problems) => {
    expect(goldProblems(gold, locateGold(gold, texts)).sort()).toEqual(problems.sort());
  });
});

describe('compareEntitySets', () => {
  const e = (name: string, type: EntityType, aliases: string[] = []) => ({ name, type, aliases });
  it.each([
    [
      'identical sets, in any order',
      [e('A', 'place'), e('B', 'person')],
      [e('B', 'person'), e('A', 'place')],
      0,
      0,
      0,
    ],
    ['another type', [e('A', 'place')], [e('A', 'other')], 1, 0, 0],
    ['an alias lost', [e('Bogotá', 'place', ['Bogota'])], [e('Bogotá', 'place')], 1, 0, 0],
    [
      'the same entity named by its alias',
      [e('Bogotá', 'place', ['Bogota'])],
      [e('Bogota', 'place', ['Bogotá'])],
      1,
      0,
      0,
    ],
    [
      'an entity only one side has',
      [e('A', 'place')],
      [e('A', 'place'), e('Junk', 'person')],
      0,
      0,
      1,
    ],
    [
      'duplicates count as many times as they occur',
      [e('A', 'place'), e('A', 'place')],
      [e('A', 'place')],
      0,
      1,
      0,
    ],
  ])('%s', (_what, batch, incremental, changed, onlyBatch, onlyIncremental) => {
    const diff = compareEntitySets(batch, incremental);
    expect([diff.changed.length, diff.onlyBatch.length, diff.onlyIncremental.length]).toEqual([
      changed,
      onlyBatch,
      onlyIncremental,
    ]);
    expect(diff.differences).toBe(changed + onlyBatch + onlyIncremental);
  });
});
