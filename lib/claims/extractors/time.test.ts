import { describe, expect, test } from 'vitest';
import { extractTimes, timeConflict } from './time';

describe('extractTimes over seed sentences', () => {
  test.each([
    [
      'Department of Homeland Security (DHS) Secretary Kristi Noem met with far-left President of Colombia Gustavo Petro and other local government officials in Bogotá on Thursday evening to discuss security.',
      'thursday',
      'evening',
      'meet',
    ],
    [
      'In the afternoon, Noem met with President Petro, although further details were not disclosed.',
      null,
      'afternoon',
      'meet',
    ],
    [
      "Later in the day, Noem met with police and Colombia's leftist President Gustavo Petro.",
      null,
      'later',
      'meet',
    ],
    [
      'Noem sat down Thursday morning with Colombian Foreign Minister Laura Sarabia.',
      'thursday',
      'morning',
      'meet',
    ],
    [
      'She visited El Salvador on Wednesday, where she met with President Nayib Bukele.',
      'wednesday',
      null,
      'visit',
    ],
  ])('%s', (sentence, weekday, part, event) => {
    const hits = extractTimes(sentence);
    expect(hits).toHaveLength(1);
    expect(hits[0]!.value.weekday).toBe(weekday);
    expect(hits[0]!.value.part).toBe(part);
    expect(hits[0]!.event).toBe(event);
  });

  test('a date keeps month and day', () => {
    const [hit] = extractTimes(
      'Relations between the two capitals experienced a crisis on January 26 that was resolved.',
    );
    expect(hit?.value.date).toBe('01-26');
    expect(hit?.event).toBe('dispute');
  });

  test.each([
    [{ part: 'afternoon' }, { part: 'evening' }, 'part'],
    [{ part: 'later' }, { part: 'evening' }, null],
    [{ part: 'later' }, { part: 'afternoon' }, null],
    [{ weekday: 'thursday' }, { weekday: 'friday' }, 'weekday'],
    [{ weekday: 'thursday', part: 'evening' }, { weekday: 'thursday' }, null],
    [{ date: '01-26' }, { month: 1 }, null],
  ] as const)('%o vs %o', (a, b, field) => {
    const base = { weekday: null, date: null, month: null, part: null };
    expect(timeConflict({ ...base, ...a }, { ...base, ...b })?.field ?? null).toBe(field);
  });
});
