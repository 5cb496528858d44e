import { parseHTML } from 'linkedom';
import { describe, expect, test } from 'vitest';
import { identityHints } from '../dictionary';
import type { Entity } from '../types';
import {
  countryOf,
  createIdentityVetter,
  isHeadlineLike,
  judgeMention,
  readContext,
} from './identity';

const person = (id: string, name: string, descriptors: string[]): Entity => ({
  id,
  name,
  type: 'person',
  aliases: [name.split(' ').at(-1)!],
  descriptors: descriptors.map((text) => ({ sourceId: 's1', text })),
  description: null,
  origin: 'seed',
});

// Invented people with real countries: a defence minister and a president of Colombia.
const entities = [
  person('jane-doe', 'Jane Doe', ['Colombia’s new Defense Minister']),
  person('john-roe', 'John Roe', ['Colombian President', 'far-left President of Colombia']),
  person('ann-poe', 'Ann Poe', []),
];
const hints = identityHints(entities);
const ids: Record<string, string> = { Doe: 'jane-doe', Roe: 'john-roe', Poe: 'ann-poe' };

function judge(sentence: string, name: string, evidence = { headline: false, elsewhere: false }) {
  const start = sentence.indexOf(name);
  if (start < 0) throw new Error(`${name} is not in: ${sentence}`);
  const id = ids[name.split(' ').at(-1)!]!;
  const v = judgeMention(
    sentence,
    start,
    start + name.length,
    id,
    { surnameOnly: !name.includes(' '), ...evidence },
    hints,
  );
  return v.keep ? (v.note ? 'note' : 'keep') : v.why;
}

describe('country words (names and demonyms, in four languages)', () => {
  test.each([
    ['Spain', true, 'ES'],
    ['Spanish', true, 'ES'],
    ['Colombian', true, 'CO'],
    ['colombiano', false, 'CO'],
    ['colombienne', false, 'CO'],
    ['español', false, 'ES'],
    ['espanhol', false, 'ES'],
    ['U.S.', true, 'US'],
    ['Mexican', true, 'MX'],
    ['South Korean', true, 'KR'],
    ['Brazilian', true, 'BR'],
    ['Israeli', true, 'IL'],
    ['Prime', true, null],
    ['Defense', true, null],
    ['opposition', false, null],
    // A country's name in lower case is a common word ("us"), a demonym is not.
    ['us', false, null],
  ])('%s -> %s', (word, upper, code) => {
    expect(countryOf(word, upper, hints)).toBe(code);
  });
});

describe('a full name with an office or a place around it', () => {
  test.each([
    // [sentence, name, verdict]
    [
      'Spanish Prime Minister Jane Doe said on Monday that talks would resume.',
      'Jane Doe',
      'other-country',
    ],
    ["Spain's prime minister, Jane Doe, said talks would resume.", 'Jane Doe', 'other-country'],
    ['Jane Doe, the Spanish prime minister, said talks would resume.', 'Jane Doe', 'other-country'],
    ['The talks, said Jane Doe of Spain, would resume.', 'Jane Doe', 'other-country'],
    ['Jane Doe (Spain) and her counterparts met in Lisbon.', 'Jane Doe', 'other-country'],
    [
      'El presidente del Gobierno español, Jane Doe, dijo que las conversaciones seguirán.',
      'Jane Doe',
      'other-country',
    ],
    ['Le ministre mexicain Jane Doe a salué l’accord.', 'Jane Doe', 'other-country'],
    // The same country, or none: the corpus's person; another office: a note on the card.
    ['Colombian Defense Minister Jane Doe announced the operation.', 'Jane Doe', 'keep'],
    ['Colombia’s defence minister, Jane Doe, announced the operation.', 'Jane Doe', 'keep'],
    ['La ministra colombiana Jane Doe anunció la operación.', 'Jane Doe', 'keep'],
    ['Prime Minister Jane Doe announced the operation.', 'Jane Doe', 'note'],
    ['Former President John Roe spoke first.', 'John Roe', 'keep'],
    ['Colombian President John Roe spoke first.', 'John Roe', 'keep'],
    ['Senator John Roe spoke first.', 'John Roe', 'note'],
    // Words that are not an office phrase say nothing.
    ['Colombia welcomed Prime Minister John Roe, officials said.', 'John Roe', 'note'],
    ['Mexico sent aid after John Roe asked for it.', 'John Roe', 'keep'],
    ['Talks between Spain and John Roe stalled.', 'John Roe', 'keep'],
    ['Ann Poe, Spain’s prime minister, said so.', 'Ann Poe', 'keep'],
  ])('%s [%s] -> %s', (sentence, name, verdict) => {
    expect(judge(sentence, name)).toBe(verdict);
  });
});

describe('a surname alone needs evidence on the page', () => {
  test.each([
    // [sentence, surname, headline, named in full elsewhere, verdict]
    ['Roe prices climbed for a third week.', 'Roe', false, false, 'no-evidence'],
    ['Roe prices surge as refiners cut output', 'Roe', true, true, 'modifier'],
    ['Roe says talks will resume', 'Roe', true, true, 'keep'],
    ['Roe to meet rivals in Lisbon', 'Roe', true, true, 'keep'],
    ['President Roe said talks would resume.', 'Roe', false, false, 'keep'],
    ['Mr. Roe said talks would resume.', 'Roe', false, false, 'keep'],
    ['Roe said talks would resume.', 'Roe', false, true, 'keep'],
    ['Roe said talks would resume.', 'Roe', false, false, 'no-evidence'],
  ])('%s [%s] headline %s, elsewhere %s -> %s', (sentence, name, headline, elsewhere, verdict) => {
    expect(judge(sentence, name, { headline, elsewhere })).toBe(verdict);
  });
});

test('the note quotes the page and the corpus', () => {
  const s = 'Prime Minister Jane Doe announced the operation.';
  const start = s.indexOf('Jane Doe');
  const v = judgeMention(
    s,
    start,
    start + 8,
    'jane-doe',
    { surnameOnly: false, headline: false, elsewhere: true },
    hints,
  );
  expect(v).toEqual({
    keep: true,
    note: { page: 'Prime Minister Jane Doe', known: 'Colombia’s new Defense Minister' },
  });
  expect(readContext(s, start, start + 8, hints).titled).toBe(true);
});

describe('on a page', () => {
  const { document } = parseHTML(`<html><body>
    <h2>Roe prices surge as refiners cut output</h2>
    <p>Roe said on Monday that the plan would go ahead.</p>
    <p>Later, John Roe met Spanish Prime Minister Jane Doe in Bogotá.</p>
    <ul><li><a>Roe prices fall again</a></li></ul>
  </body></html>`);
  const texts = [...document.querySelectorAll('h2, p, a')].map((el) => el.firstChild as Text);

  test.each([
    [0, true],
    [1, false],
    [2, false],
    [3, true],
  ])('text %i reads like a headline: %s', (i, expected) => {
    expect(isHeadlineLike(texts[i]!)).toBe(expected);
  });

  test('a node naming people a thousand times: each mention gets its verdict', () => {
    const vetter = createIdentityVetter({
      hints: () => hints,
      entity: (id) => {
        const e = entities.find((x) => x.id === id);
        return e ? { name: e.name, type: e.type } : null;
      },
      onStory: () => true,
    });
    const flood = 'Colombian President John Roe. Spanish Prime Minister Jane Doe. '.repeat(1000);
    const { document: d } = parseHTML(`<p>${flood}</p>`);
    const node = d.querySelector('p')!.firstChild as Text;
    const found = [...flood.matchAll(/John Roe|Jane Doe/g)].map((m) => ({
      start: m.index,
      end: m.index + m[0].length,
      entityId: m[0] === 'John Roe' ? 'john-roe' : 'jane-doe',
    }));
    const kept = vetter.vet(node, found);
    expect(kept.length).toBe(1000);
    expect(kept.every((m) => m.entityId === 'john-roe')).toBe(true);
  });

  test('a surname before its full name comes back with one rescan', () => {
    const vetter = createIdentityVetter({
      hints: () => hints,
      entity: (id) => {
        const e = entities.find((x) => x.id === id);
        return e ? { name: e.name, type: e.type } : null;
      },
      onStory: () => false,
    });
    const at = (node: Text, name: string) => {
      const start = node.data.indexOf(name);
      return { start, end: start + name.length, entityId: ids[name.split(' ').at(-1)!]! };
    };
    const scan = () => [
      vetter.vet(texts[0]!, [at(texts[0]!, 'Roe')]).length,
      vetter.vet(texts[1]!, [at(texts[1]!, 'Roe')]).length,
      vetter.vet(texts[2]!, [at(texts[2]!, 'John Roe'), at(texts[2]!, 'Jane Doe')]).length,
    ];
    // First pass: the surname has no evidence yet; the full name does; Jane Doe is someone else.
    expect(scan()).toEqual([0, 0, 1]);
    expect(vetter.wantsRescan()).toBe(true);
    // Second pass: the surname is underlined, except as a headline's noun modifier.
    expect(scan()).toEqual([0, 1, 1]);
    expect(vetter.wantsRescan()).toBe(false);
  });
});
