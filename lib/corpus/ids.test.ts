/**
 * Entity ids are a function of each entity's own name: adding a source about one story never
 * renames another story's entities, whatever the order of the sources (issue 8 §2).
 */
import { describe, expect, test } from 'vitest';
import type { DiscoveryResult } from './entities';
import { entityId } from './ids';
import { EntityLayer, prepareSource, resolveEntities } from './pipeline';
import { rawSource } from '../../tests/unit/fixtures/raw-source';

describe('entityId', () => {
  test.each([
    ['jane doe', 'jane-doe'],
    ['castilla la mancha', 'castilla-la-mancha'],
    ['flight 2283', 'flight-2283'],
  ])('a name of plain words %s is its slug', (nameKey, id) => {
    expect(entityId(nameKey, nameKey, new Set())).toBe(id);
  });

  test.each([
    ["o'neil", 'o neil'],
    ['олег петров', 'ирина смирнова'],
  ])('names the slug cannot tell apart get apart ids: %s, %s', (a, b) => {
    const [ia, ib] = [entityId(a, a, new Set()), entityId(b, b, new Set())];
    expect(ia).not.toBe(ib);
    // The readable part stays.
    expect(ia.startsWith(ib.slice(0, 2))).toBe(true);
  });

  test('an id already taken gets a tie-break from the entity evidence', () => {
    const taken = new Set(['jane-doe']);
    const id = entityId('jane doe', 'Jane Doe\nJANE DOE', taken);
    expect(id).not.toBe('jane-doe');
    expect(id).toBe(entityId('jane doe', 'Jane Doe\nJANE DOE', taken));
    expect(id).not.toBe(entityId('jane doe', 'Jane Doe', taken));
  });
});

// Two stories whose people are named in Cyrillic (names the slug reads as nothing), and whose
// other entities are written in Latin letters. Story B's source sorts before story A's.
const storyA = rawSource(
  'story-b/1',
  'en',
  'The ferry captain Олег Петров said on Monday that the harbour of Port Example would close. ' +
    'Олег Петров told the Harbour Authority that the engineer Вера Орлова agreed. ' +
    'Вера Орлова later visited Port Example with Jane Doe.',
);
const storyB = [
  rawSource(
    'story-a/1',
    'en',
    'The singer Ирина Смирнова said on Friday that the festival in Sample City would open. ' +
      'Ирина Смирнова thanked the Sample Arts Council. The council chair John Roe agreed.',
  ),
  rawSource(
    'story-a/2',
    'en',
    'The festival in Sample City opened on Saturday, said the organiser Павел Волков. ' +
      'Павел Волков said the Sample Arts Council paid for the stage.',
  ),
];

/** Each mention of story A's source, with the id of its entity and that entity's name. */
const storyALinks = (r: DiscoveryResult) => {
  const byId = new Map(r.entities.map((e) => [e.id, e]));
  return r.mentions
    .filter((m) => m.sourceId === storyA.id)
    .map((m) => [m.id, m.surface, m.entityId, byId.get(m.entityId)?.name]);
};

describe('adding a source about story B leaves the ids of story A unchanged', () => {
  const alone = resolveEntities([prepareSource(storyA)]);

  test('story A has entities that only its names tell apart', () => {
    const names = alone.entities.map((e) => e.name);
    expect(names).toEqual(expect.arrayContaining(['Олег Петров', 'Вера Орлова', 'Jane Doe']));
    expect(new Set(alone.entities.map((e) => e.id)).size).toBe(alone.entities.length);
  });

  test.each([1, 2])('batch build with %i sources of story B', (n) => {
    const both = resolveEntities([storyA, ...storyB.slice(0, n)].map((r) => prepareSource(r)));
    expect(both.entities.length).toBeGreaterThan(alone.entities.length);
    expect(new Set(both.entities.map((e) => e.id)).size).toBe(both.entities.length);
    expect(storyALinks(both)).toEqual(storyALinks(alone));
  });

  test('added one at a time, then story B removed again', () => {
    const layer = new EntityLayer();
    layer.add(prepareSource(storyA));
    for (const r of storyB)
      expect(storyALinks(layer.add(prepareSource(r)))).toEqual(storyALinks(alone));
    for (const r of storyB) expect(storyALinks(layer.remove(r.id))).toEqual(storyALinks(alone));
  });
});

describe('a person of the same surname in story B leaves story A its surname', () => {
  // Story A names its minister by full name and surname in four sources; story B, another
  // person of the same surname in one.
  const a = [
    'The finance minister Vera Lund said on Monday that the port tax would rise. Lund spoke in Port Example.',
    'Vera Lund defended the port tax before the council. Lund said the harbour needed repairs.',
    'On Tuesday Vera Lund met the mayor of Port Example. Lund did not speak afterwards.',
    'The port tax of Vera Lund passed on Wednesday. Lund thanked the council.',
  ].map((text, i) => rawSource(`story-b/${i}`, 'en', text));
  const b = rawSource(
    'story-a/1',
    'en',
    'The striker Karl Lund scored twice in Sample City on Sunday. Lund thanked the fans.',
  );
  const links = (r: DiscoveryResult) => {
    const byId = new Map(r.entities.map((e) => [e.id, e]));
    return r.mentions
      .filter((m) => m.sourceId.startsWith('story-b/'))
      .map((m) => [m.id, m.surface, m.entityId, byId.get(m.entityId)?.name]);
  };

  test('story A links every mention of the surname to its person, before and after', () => {
    const alone = resolveEntities(a.map((r) => prepareSource(r)));
    const lund = links(alone).filter(([, surface]) => surface === 'Lund');
    expect(lund.length).toBe(4);
    expect(lund.every(([, , , name]) => name === 'Vera Lund')).toBe(true);
    const both = resolveEntities([...a, b].map((r) => prepareSource(r)));
    expect(links(both)).toEqual(links(alone));
    // Story B's person stays its own entity.
    expect(both.entities.some((e) => e.name === 'Karl Lund')).toBe(true);
  });
});
