import { describe, expect, test } from 'vitest';
import { rawSource } from '../../tests/unit/fixtures/raw-source';
import { seed, seedCorpus, seedSources } from '../../tests/unit/fixtures/seed-corpus';
import type { Corpus, Entity, RawSource } from '../types';
import { buildCorpus, indexSource } from './pipeline';

/** A reader's source of invented text, its outlet named by its id. */
const userSource = (id: string, language: string, text: string): RawSource =>
  rawSource(id, language, text, id, { origin: 'user' });

const seeds = seedSources();
// No curated overrides: the core entities must come from the text alone.
const corpus: Corpus = seedCorpus({ withOverrides: false });

const byAlias = (c: Corpus, alias: string): Entity | undefined =>
  c.entities.find((e) => e.name === alias || e.aliases.includes(alias));
const sourcesMentioning = (c: Corpus, e: Entity) =>
  new Set(c.mentions.filter((m) => m.entityId === e.id).map((m) => m.sourceId));

describe('entity discovery on the seeds (no overrides file)', () => {
  test.each([
    { alias: 'Noem', name: 'Kristi Noem', type: 'person', aliases: ['Noem'], minSources: 5 },
    { alias: 'Petro', name: 'Gustavo Petro', type: 'person', aliases: ['Petro'], minSources: 5 },
    {
      alias: 'Sarabia',
      name: 'Laura Sarabia',
      type: 'person',
      aliases: ['Sarabia'],
      minSources: 5,
    },
    {
      alias: 'CECOT',
      name: 'Center for the Confinement of Terrorism',
      type: 'facility',
      aliases: ['CECOT', 'Terrorism Confinement Center'],
      minSources: 2,
    },
    { alias: 'Darien', name: 'Darién Gap', type: 'place', aliases: ['Darien'], minSources: 2 },
    { alias: 'Bogota', name: 'Bogotá', type: 'place', aliases: ['Bogota'], minSources: 4 },
    {
      alias: 'DHS',
      name: 'Department of Homeland Security',
      type: 'organization',
      aliases: ['DHS'],
      minSources: 2,
    },
    {
      alias: 'IEEPA',
      name: 'International Emergency Economic Powers Act',
      type: 'law',
      aliases: ['IEEPA'],
      minSources: 1,
    },
    {
      alias: 'El Espectator',
      name: 'El Espectador',
      type: 'organization',
      aliases: ['El Espectator'],
      minSources: 2,
    },
  ])('$name ($type) with aliases $aliases', ({ alias, name, type, aliases, minSources }) => {
    const e = byAlias(corpus, alias);
    expect(e?.name).toBe(name);
    expect(e?.type).toBe(type);
    for (const a of aliases) expect(e?.aliases).toContain(a);
    expect(sourcesMentioning(corpus, e!).size).toBeGreaterThanOrEqual(minSources);
  });

  test.each([
    'Thursday',
    'Wednesday',
    'Friday',
    'January',
    'Credit',
    'Photo',
    'AP',
    'Tempers',
    'Families',
    'Hours',
    'Since',
    'According',
    'Emergency',
    'Coca',
    'Colombian',
    'Venezuelans',
    'Tu',
    'Premium',
    'Flecha',
    'Secretary',
    'President',
    'Public Safety',
    'Illegal Criminals',
    'MOU',
    'Alex Brandon',
    'Michael Katz',
  ])('no junk entity "%s"', (junk) => {
    expect(byAlias(corpus, junk)).toBeUndefined();
  });

  test('different names stay different: Petro is not Pedro Sánchez', () => {
    const petro = byAlias(corpus, 'Petro')!;
    const pedro = byAlias(corpus, 'Pedro Sánchez')!;
    expect(pedro).toBeDefined();
    expect(pedro.id).not.toBe(petro.id);
  });

  test.each([
    [0, "Colombia's leftist President"],
    [1, 'far-left President of Colombia'],
    [4, 'Colombia’s Socialist President'],
  ])('descriptor of Petro in seed #%i: %s', (index, text) => {
    const petro = byAlias(corpus, 'Petro')!;
    expect(petro.descriptors).toContainEqual({ sourceId: seed(index).id, text });
  });

  test('title-stripped and possessive forms are mentions with the bare name as surface', () => {
    const petro = byAlias(corpus, 'Petro')!;
    const surfaces = corpus.mentions.filter((m) => m.entityId === petro.id).map((m) => m.surface);
    expect(surfaces).toContain('Petro'); // "President Petro", "Petro’s"
    expect(
      surfaces.some((s) => s.includes('President') || s.endsWith('’s') || s.endsWith("'s")),
    ).toBe(false);
  });

  test('every mention points at its surface in the cleaned source text', () => {
    const text = new Map(corpus.sources.map((s) => [s.id, s.text]));
    for (const m of corpus.mentions)
      expect(text.get(m.sourceId)!.slice(m.start, m.end)).toBe(m.surface);
    expect(corpus.mentions.length).toBeGreaterThan(200);
  });

  test('seeds/entities.json adds descriptions, matched by name or alias, and adds no entity', () => {
    const withFile = seedCorpus({ withOverrides: true });
    expect(byAlias(withFile, 'CECOT')?.description).toMatch(/prison/);
    expect(byAlias(withFile, 'Noem')?.description).toMatch(/Homeland Security/);
    expect(withFile.entities.map((e) => e.id).sort()).toEqual(
      corpus.entities.map((e) => e.id).sort(),
    );
  });

  test('curated overrides add types and descriptions but are not needed', () => {
    const c = buildCorpus(seeds, {
      'Tren de Aragua': { type: 'group', description: 'A Venezuelan gang.' },
    });
    const e = byAlias(c, 'Tren de Aragua')!;
    expect(e.type).toBe('group');
    expect(e.description).toBe('A Venezuelan gang.');
  });
});

describe('a story with no seed names in it', () => {
  const raw = (id: string, text: string) => userSource(id, 'en', text);
  const story = buildCorpus([
    raw(
      'a',
      'Prime Minister Amara Okafor of Freedonia met with Finance Minister Tomas Lindqvist in Ostrava on Monday. Okafor said the Ostrava Accord would cut tariffs. The Freedonia Central Bank (FCB) agreed.',
    ),
    raw(
      'b',
      'Freedonia’s reformist Prime Minister Amara Okafor signed the Ostrava Accord. Lindqvist’s ministry welcomed it, and the FCB raised rates.',
    ),
  ]);

  test.each([
    ['Okafor', 'Amara Okafor', 'person'],
    ['Lindqvist', 'Tomas Lindqvist', 'person'],
    ['FCB', 'Freedonia Central Bank', 'organization'],
    ['Ostrava Accord', 'Ostrava Accord', 'agreement'],
    ['Ostrava', 'Ostrava', 'place'],
  ])('%s -> %s (%s)', (alias, name, type) => {
    const e = byAlias(story, alias);
    expect(e?.name).toBe(name);
    expect(e?.type).toBe(type);
  });

  test('incremental indexing links a new source to known entities', () => {
    const added = indexSource(
      raw('c', 'Okafor returned to Freedonia on Tuesday, where the Ostrava Accord was debated.'),
      story.entities,
    );
    const okafor = byAlias(story, 'Okafor')!;
    expect(added.mentions.find((m) => m.surface === 'Okafor')?.entityId).toBe(okafor.id);
    expect(added.entities.find((e) => e.name === 'Amara Okafor')).toBeUndefined();
  });
});

describe('names in Spanish, Portuguese and French stories', () => {
  const raw = userSource;
  const story = buildCorpus([
    raw(
      'es',
      'es',
      'La ministra Lucía Ferrer Soto visitó Zaragoza el martes. El jefe del CNE Irene Vidal votó. En Zaragoza, Ferrer dijo que el Ministerio de Obras y Transportes ayudará. Desde Alemania llegaron bomberos. La presidenta habló con Irene Vidal y Tomás Roca.',
    ),
    raw(
      'pt',
      'pt',
      'O Ministério de Obras e Transportes enviou equipes a Zaragoza. Na Alemanha, o governo ofereceu ajuda. Lucía Ferrer agradeceu. A cidade de Huesca (AR) também foi atingida. A comissária, natural de Campo Verde, morava no condomínio Jardim Azul.',
    ),
    raw(
      'fr',
      'fr',
      "Le Danois Mads Holm est arrivé à Zaragoza. L'Allemagne a envoyé des pompiers, et Lucía Ferrer Soto a remercié l'Espagne. Outre Zaragoza, la ville de Huesca est touchée. Les pompiers ont aidé le Norvégien et les Lyonnais. Le prix a été remis à Jean Morel. Le film « Les Ombres » a été primé. Le cortège a rejoint le Palais présidentiel, dont le palais est fermé.",
    ),
    raw(
      'en',
      'en',
      'Spain’s minister Lucía Ferrer toured Zaragoza on Tuesday, 4 June. Germany sent firefighters. Ferrer Soto thanked Mads Holm. The General Election is due, and the election board met. Later Tomás Roca of Partido Azul spoke; Partido Azul won. Updates are on Cronica.com tonight.',
    ),
  ]);
  const names = story.entities.map((e) => e.name);

  test.each([
    ['Ferrer', 'person'],
    ['Ferrer Soto', 'person'],
    ['Lucía Ferrer', 'person'],
    ['Zaragoza', 'place'],
    ['Alemania', 'place'],
    ['Alemanha', 'place'],
    ['Allemagne', 'place'],
    ['Germany', 'place'],
    ['Espagne', 'place'],
    ['Spain', 'place'],
    ['Irene Vidal', 'person'],
    ['Tomás Roca', 'person'],
    ['Mads Holm', 'person'],
    ['Huesca', 'place'],
    ['Campo Verde', 'place'], // "natural de X"
    ['Jardim Azul', 'place'], // "condomínio X"
    ['Jean Morel', 'person'], // "à X" alone does not make a place
    ['Palais présidentiel', 'facility'], // a name in sentence case takes its adjective
  ])('%s is found as a %s', (alias, type) => {
    expect(byAlias(story, alias)?.type).toBe(type);
  });

  test.each([
    ['Ferrer', 'Lucía Ferrer Soto'],
    ['Ferrer Soto', 'Lucía Ferrer Soto'],
    ['Alemanha', 'Alemania'],
    ['Allemagne', 'Alemania'],
    ['Germany', 'Alemania'],
    ['Spain', 'Espagne'],
  ])('%s is the same entity as %s', (a, b) => {
    expect(byAlias(story, a)?.id).toBe(byAlias(story, b)?.id);
  });

  test.each([
    'En Zaragoza', // a preposition capitalised at a sentence start
    'Desde Alemania',
    'Outre Zaragoza',
    'Na Alemanha',
    'Irene Vidal y Tomás Roca', // "y" joins two names
    'Le Danois Mads Holm', // a demonym noun after an article
    'Danois Mads Holm',
    'Zaragoza June',
    'CNE Irene Vidal', // an acronym and a name written side by side
    'Tomás Roca of Partido Azul', // a person, "of", an organization
    'Cronica.com', // a site's address
    'Ombres', // a title in quotes keeps its article
    'Election', // "General Election" names no general
    'Norvégien', // nationality nouns after an article
    'Lyonnais',
  ])('no entity or alias "%s"', (s) => {
    const all = story.entities.flatMap((e) => [e.name, ...e.aliases]);
    expect(all).not.toContain(s);
  });

  test('an institution keeps its "y"/"e" and is one organization', () => {
    const e = byAlias(story, 'Ministerio de Obras y Transportes');
    expect(e?.type).toBe('organization');
    expect(byAlias(story, 'Ministério de Obras e Transportes')?.type).toBe('organization');
  });

  test('a region code in brackets is not an acronym of the place before it', () => {
    expect(byAlias(story, 'AR')).toBeUndefined();
    expect(names).not.toContain('AR');
  });

  test.each([
    [
      'Reporters met Tomas Vidal in Leon. Vidal said little.',
      'Tomás Vidal visitó León. Vidal habló.',
      'Tomás Vidal',
    ],
  ])('incremental: a known name becomes the accented form a new source gives', (a, b, name) => {
    const first = indexSource(raw('a', 'en', a), []);
    const second = indexSource(raw('b', 'es', b), first.entities);
    const e = second.entities.find((x) => x.name === name);
    expect(e?.name).toBe(name);
    expect(e?.id).toBe(first.entities.find((x) => e?.aliases.includes(x.name))?.id);
  });

  test('incremental indexing links a country named in another language', () => {
    const added = indexSource(
      raw('it', 'es', 'Los bomberos de Alemania regresaron a su país.'),
      story.entities,
    );
    const known = byAlias(story, 'Germany')!;
    expect(added.mentions.find((m) => m.surface === 'Alemania')?.entityId).toBe(known.id);
  });
});

describe('junk judged by how the corpus writes a word', () => {
  const raw = userSource;
  const story = buildCorpus([
    raw(
      'fr',
      'fr',
      "Le jury a remis la Coupe d’argent à Jean Morel. La Coupe d'argent d'honneur est allée à Lise Caron. Jean Morel est passé par Ostrava d'abord, puis il a quitté Ostrava.",
    ),
    raw(
      'en',
      'en',
      'Freedonia Robotics sells the popular VXR headset, which runs on affordable VXR chips. Its new Orion VXR platform ships next year. The ruling FDP party lost seats, and the FDP said it would stay in the coalition. Pan-Slavic al-Wasat news channel reported two deaths. The Pan-Slavic Health Organization sent doctors.',
    ),
    raw(
      'cut',
      'es',
      'La tormenta llegó el martes.\n\nAdemás, la tormenta también causó daños en Moralejo, en Tarv',
    ),
  ]);
  const all = story.entities.flatMap((e) => [e.name, ...e.aliases]);

  test.each([
    'Coupe', // always followed by "d'" and a lower-case word: the head of "Coupe d'argent"
    'VXR', // an acronym only ever between a lower-case modifier and a noun
    'Orion VXR', // a product named with that common noun
    'Pan-Slavic al-Wasat', // a prefixed adjective before a name
    'Tarv', // the last word of an excerpt cut off mid-sentence
  ])('no entity or alias "%s"', (s) => {
    expect(all).not.toContain(s);
  });

  test.each([
    'Jean Morel',
    'Ostrava', // once before an elided article and a lower-case word, once not
    'FDP', // before its head word, and after an article
    'Freedonia Robotics',
    'al-Wasat',
    'Pan-Slavic Health Organization', // the adjective opens a name with a head word
    'Moralejo',
  ])('%s is kept', (alias) => {
    expect(all).toContain(alias);
  });
});

describe("types from the words of the source's own language", () => {
  const raw = userSource;
  const story = buildCorpus([
    raw(
      'fr',
      'fr',
      "Les secours ont atteint les villages dans les Carvennes. D'après l'institut Sondora, la participation a reculé. Le maire de Castelviel a demandé de l'aide pour l'archipel des Morvennes.",
    ),
    raw(
      'pt',
      'pt',
      'Segundo a Gazeta Sul, o ônibus saiu da pista próximo à rodovia João Pereira Lima. A candidata da coalizão Juntos Pelo Sul votou cedo. De acordo com a plataforma Voarama, o voo atrasou. Segundo a Gazeta do VRT, não houve feridos.',
    ),
    raw(
      'es',
      'es',
      'La alcaldesa ganó frente a Marta Ruiz Olmo por poco. Le dio más votos que a Marta Ruiz Olmo. Marta Ruiz Olmo reconoció la derrota. El eclipse cubrió la ciudad costera de Punta Olmeda. El secretario de Seguridad Vial llegó tarde.',
    ),
    raw(
      'en',
      'en',
      'The old town of Tarvo, a TKO World Heritage Site, was damaged. A mission from TKO arrived on Monday. The owner, in an interview with JVN, said he was at home. Roads in the northern Varo mountains were cut. Viewers watched the Kesto news channel all night. The Kelto leader said the vote was fair.',
    ),
  ]);

  test.each([
    ['Carvennes', 'place'], // "dans les X": a preposition, an article, the name
    ['Sondora', 'organization'], // "l'institut X": the head word before the name
    ['João Pereira Lima', 'facility'], // "a rodovia X"
    ['Juntos Pelo Sul', 'organization'], // "a coalizão X"
    ['Voarama', 'organization'], // "a plataforma X"
    ['Marta Ruiz Olmo', 'person'], // "frente a X" and "que a X" say nothing of a place
    ['TKO', 'organization'], // an acronym naming things after itself; "from X" is no place
    ['JVN', 'organization'], // an acronym's speech is an institution's
    ['Castelviel', 'place'], // "le maire de X"
    ['Morvennes', 'place'], // "l'archipel des X"
    ['Punta Olmeda', 'place'], // "la ciudad costera de X": an adjective after the place word
    ['Varo', 'place'], // "the X mountains": a place word after the name
    ['Kesto', 'organization'], // "the X news channel": a head word after the name
    ['Kelto', 'organization'], // "the X leader said": the office speaks
    ['Seguridad Vial', 'organization'], // "el secretario de X": an office's institution
    ['Gazeta do VRT', 'organization'], // no person's name has a word in capitals
  ])('%s is a %s', (alias, type) => {
    expect(byAlias(story, alias)?.type).toBe(type);
  });

  test('"a X" in Portuguese (an article) is no place evidence', () => {
    expect(byAlias(story, 'Gazeta Sul')?.type).not.toBe('place');
  });
});
