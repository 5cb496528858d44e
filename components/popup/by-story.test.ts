import { describe, expect, test } from 'vitest';
import { firstOfGroups, groupByStory } from './by-story';

const story = (id: string) => ({ id, label: `label ${id}`, sources: 2 });
const row = (name: string, s: string | null) => ({ name, story: s ? story(s) : null });
const list = [row('a1', 'a'), row('b1', 'b'), row('a2', 'a'), row('c1', 'c'), row('b2', 'b')];
const names = (groups: ReturnType<typeof groupByStory<ReturnType<typeof row>>>) =>
  groups.map((g) => `${g.story?.id ?? '-'}: ${g.items.map((i) => i.name).join(' ')}`);

describe('groupByStory', () => {
  test.each([
    [
      'no page story: stories in the order of their best difference',
      null,
      ['a: a1 a2', 'b: b1 b2', 'c: c1'],
    ],
    ["the page's story first", 'c', ['c: c1', 'a: a1 a2', 'b: b1 b2']],
    ['a page story with nothing listed changes nothing', 'z', ['a: a1 a2', 'b: b1 b2', 'c: c1']],
  ])('%s', (_what, page, expected) => {
    expect(names(groupByStory(list, page))).toEqual(expected);
  });

  test('rows with no story form one group', () => {
    expect(names(groupByStory([row('x', null), row('y', null)], null))).toEqual(['-: x y']);
  });
});

test.each([
  [3, ['b: b1 b2', 'a: a1']],
  [1, ['b: b1']],
  [9, ['b: b1 b2', 'a: a1 a2', 'c: c1']],
])('firstOfGroups(%i)', (n, expected) => {
  expect(names(firstOfGroups(groupByStory(list, 'b'), n))).toEqual(expected);
});
