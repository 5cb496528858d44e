import { describe, expect, test } from 'vitest';
import { extractTimes, formatTime, lastDayIn, timeConflict } from './time';

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

describe('clock times, other calendars and event words (es, fr, pt)', () => {
  test.each([
    ['O voo 2283 saiu de Cascavel (PR) às 11h46 com destino ao aeroporto.', 'depart', '11:46'],
    ['O voo decolou de Cascavel às 11h56min e seguiu viagem.', 'depart', '11:56'],
    ['O avião deveria pousar em Guarulhos (SP) às 13h45.', 'land', '13:45'],
    ['O acidente ocorreu às 13h25 — a duração do percurso é de 2h.', 'happen', '13:25'],
    ['El accidente ocurrió poco antes de las 13:25 hora local.', 'happen', '13:05-13:25'],
    [
      'The crash, which occurred around 1:30 p.m. local time, destroyed a house.',
      'happen',
      '13:20-13:40',
    ],
    [
      'Le séisme a frappé le Maroc dans la nuit de vendredi à samedi, peu avant 23 h.',
      'happen',
      '22:40-23:00',
    ],
    [
      'The earthquake, which struck shortly after 11pm, affected the provinces.',
      'happen',
      '23:00-23:20',
    ],
  ])('%s', (sentence, event, clock) => {
    const hit = extractTimes(sentence).find((h) => h.value.clock);
    expect(hit?.event).toBe(event);
    expect(formatTime(hit!.value)).toContain(clock);
  });

  test.each([
    [
      'Los muertos por el terremoto que azotó la noche del viernes 8 de septiembre.',
      'friday',
      '09-08',
    ],
    ['Le séisme a frappé samedi 9 septembre.', 'saturday', '09-09'],
    ['O avião caiu na tarde de sexta-feira em Vinhedo.', 'friday', null],
  ])('%s', (sentence, weekday, date) => {
    const hit = extractTimes(sentence)[0];
    expect(hit?.value.weekday).toBe(weekday);
    expect(hit?.value.date ?? null).toBe(date);
  });

  test.each([
    ['A duração do percurso é de 2h.'],
    ['A ellos hay que sumar 1.204 heridos, 721 de los cuales se encuentran graves.'],
  ])('no time in %s', (sentence) => {
    expect(extractTimes(sentence).filter((h) => h.value.clock)).toEqual([]);
  });

  test.each([
    [[800, 800], [802, 802], 'clock'],
    [[800, 800], [801, 801], null],
    [[780, 800], [790, 790], null],
  ] as const)('clock %o vs %o', (a, b, field) => {
    const base = { weekday: null, date: null, month: null, part: null };
    expect(
      timeConflict({ ...base, clock: [...a] }, { ...base, clock: [...b] })?.field ?? null,
    ).toBe(field);
  });
});

// Invented sentences: a time told relative to the one before it takes the last day named.
describe('a time relative to the sentence before takes the last day the article named', () => {
  test.each([
    ['The council met on Tuesday evening.', 'Minutes later, the mayor conceded defeat.', 'tuesday'],
    [
      'El consejo se reunió este viernes.',
      'Minutos más tarde, el alcalde reconoció la derrota.',
      'friday',
    ],
    [
      'O conselho reuniu-se no sábado.',
      'Minutos depois, o prefeito admitiu a derrota.',
      'saturday',
    ],
    ['The council met on Tuesday evening.', 'The mayor conceded defeat.', null],
    ['The council met in the evening.', 'Minutes later, the mayor conceded defeat.', null],
  ])('%s / %s -> %s', (before, sentence, weekday) => {
    const hits = extractTimes(sentence, lastDayIn(before));
    expect(hits.find((h) => h.event === 'concede')?.value.weekday ?? null).toBe(weekday);
  });
});
