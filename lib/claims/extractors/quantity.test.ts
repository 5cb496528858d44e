import { describe, expect, test } from 'vitest';
import { bounds, gap, makeNumber, parseDigits } from './numbers';
import { extractQuantities } from './quantity';

describe('extractQuantities over seed sentences', () => {
  test.each([
    [
      'The Colombian presidency pointed out that the cooperation between Colombia and the U.S. has resulted in over 1,700 deportations and over 1,000 arrests.',
      'over 1,700 deportations',
      'deportation',
      1700,
      'over',
    ],
    [
      'According to Sarabia, Colombia has received 15 deportation flights and repatriated 1,500 nationals.',
      '15 deportation flights',
      'flight',
      15,
      'exact',
    ],
    [
      'Colombia had initially authorized two U.S. C-17 military planes carrying about 80 deported Colombians each to enter its airspace.',
      'about 80 deported Colombians',
      'colombian',
      80,
      'about',
    ],
    [
      'Colombia had initially authorized two U.S. C-17 military planes carrying about 80 deported Colombians each to enter its airspace.',
      'two U.S. C-17 military planes',
      'flight', // planes and flights count the same things (lib/lang sameThings)
      2,
      'exact',
    ],
    [
      'Noem also visited the prison complex, where hundreds of Venezuelans deported by the U.S. government are being held.',
      'hundreds of Venezuelans',
      'venezuelan',
      599.5,
      'vague',
    ],
    [
      'Those numbers pale in comparison to the nearly 30,000 Colombians deported during Joe Biden’s term.',
      'nearly 30,000 Colombians',
      'colombian',
      30000,
      'nearly',
    ],
    [
      'Despite efforts by Sheinbaum, Trump announced a 25% tariff on auto imports on Wednesday.',
      '25% tariff',
      '% tariff',
      25,
      'exact',
    ],
  ])('%s -> %s', (sentence, span, unit, value, hedge) => {
    const hit = extractQuantities(sentence).find((q) => q.span === span);
    expect(
      hit,
      `no quantity “${span}” in ${JSON.stringify(extractQuantities(sentence).map((q) => q.span))}`,
    ).toBeDefined();
    expect(hit!.unit).toBe(unit);
    expect(
      Math.round((hit!.number.low + hit!.number.high) / 2) === Math.round(value) ||
        hit!.number.value === value,
    ).toBe(true);
    expect(hit!.number.hedge).toBe(hedge);
    expect(sentence.slice(hit!.start, hit!.end)).toBe(span);
  });

  test.each([
    [
      'Relations between the two capitals experienced a crisis on January 26 that was resolved quickly.',
    ],
    ['The dispute erupted at 3:41 a.m. on a Sunday when Petro posted on X.'],
    ['The mass deportations are being carried out under the 1798 Alien Enemies Act.'],
    ['Tensions between the two countries rose in January over accepting flights.'],
  ])('no count in %s', (sentence) => {
    expect(extractQuantities(sentence)).toEqual([]);
  });

  test('the complement tells two 25% tariffs apart', () => {
    const a = extractQuantities('Trump announced a 25% tariff on auto imports on Wednesday.')[0]!;
    const b = extractQuantities(
      'Emergency tariffs of 25% on Colombian imports, increasing within a week.',
    )[0]!;
    expect(a.unit).toBe(b.unit);
    expect(a.complement).not.toBe(b.complement);
  });

  test.each([
    ['The U.S. sent two flights of Ruritanian migrants on Sunday.', 'Ruritanian migrants'],
    ['A 10% levy on Freedonian steel imports took effect.', 'Freedonian steel imports'],
  ])('the complement is shown as written in %s', (sentence, written) => {
    const q = extractQuantities(sentence)[0]!;
    expect(q.complementText).toBe(written);
    expect(q.complement).not.toBe(written); // matched by lemmas, in lower case
  });
});

describe('numbers', () => {
  test.each([
    ['1,700', 'en', 1700],
    ['1.700', 'es', 1700],
    ['1.5', 'en', 1.5],
    ['3,5', 'fr', 3.5],
    ['40 000', 'fr', 40000],
    ['61.5', 'es', 61.5],
  ])('%s in %s is %d', (raw, lang, value) => {
    expect(parseDigits(raw, lang)).toBe(value);
  });

  test.each([
    ['over', 1700, 1500, true],
    ['more than', 1700, 2000, false],
    ['about', 80, 85, false],
    ['nearly', 30000, 33000, true],
    ['nearly', 30000, 29000, false],
  ] as const)('“%s %d” vs %d: conflict=%s', (hedge, value, other, conflict) => {
    const a = makeNumber(value, hedge);
    const [low, high] = bounds(other, 'exact');
    expect(gap(a, { low, high }) > 0).toBe(conflict);
  });
});

describe('counts in other languages', () => {
  test.each([
    [
      'Ele carregava 62 pessoas, sendo 58 passageiros e quatro tripulantes.',
      'pt',
      ['62 pessoa', '58 passageiro', '4 tripulante'],
    ],
    ['Taroudant (321 víctimas mortales), Chichaoua y otras provincias.', 'es', ['321 victima']],
    ['Pour les familles des 4 000 Français résidant dans la région.', 'fr', ['4000 francais']],
    ['O voo 2283 saiu de Cascavel às 11h46.', 'pt', []],
    ['Sheinbaum, de 61 anos, será a primeira mulher presidente.', 'pt', []],
    ['Un hombre de 71 años, que fue rescatado de su vivienda.', 'es', []],
  ])('%s', (sentence, language, expected) => {
    expect(extractQuantities(sentence, language).map((q) => `${q.number.value} ${q.unit}`)).toEqual(
      expected,
    );
  });

  test.each([
    ['Il a fait 632 morts et 329 blessés, selon le dernier bilan.', 'fr', ['dead', 'injured']],
    ['Plus de 300 personnes ont également été blessées.', 'fr', ['injured']],
    ['The quake struck late on Friday, killing at least 296 people.', 'en', ['dead']],
  ])('what happened to those counted: %s', (sentence, language, outcomes) => {
    const qs = extractQuantities(sentence, language);
    expect(qs.map((q) => q.outcome)).toEqual(outcomes);
    expect(qs.every((q) => q.tally)).toBe(true);
  });
});

test.each([
  ['He refused to accept a U.S. deportation flight of migrants.', 'en', ['1 flight']],
  ['A plane crashed near the airport.', 'en', []],
  ['She signed a letter of intent.', 'en', []],
  ['Petro ordered the return of two military planes.', 'en', ['2 flight']],
])('an article counts one only for counted things: %s', (sentence, language, expected) => {
  expect(extractQuantities(sentence, language).map((q) => `${q.number.value} ${q.unit}`)).toEqual(
    expected,
  );
});

describe('ranges and shares read as ranges', () => {
  test.each([
    [
      'es',
      'La candidata Ana Ruiz obtuvo entre un 58,3 % y un 60,7 % de los votos, según el conteo rápido.',
      '58,3 % y un 60,7 %',
      58.3,
      60.7,
    ],
    [
      'en',
      'The ruling party’s candidate won between 58.3 and 60.7 per cent of the vote in Sunday’s election.',
      '58.3 and 60.7 per cent',
      58.3,
      60.7,
    ],
    [
      'fr',
      "L'ex-maire totalise entre 58 et 60% des voix, loin devant sa rivale.",
      '58 et 60%',
      58,
      60,
    ],
    ['fr', 'Sa rivale Lia Marn, créditée de 26 à 28% des voix.', '26 à 28%', 26, 28],
    [
      'pt',
      'Os resultados indicaram que ela venceu com entre 58,3% e 60,7% dos votos.',
      '58,3% e 60,7%',
      58.3,
      60.7,
    ],
  ])('%s: %s', (language, sentence, span, low, high) => {
    const hit = extractQuantities(sentence, language).find((q) => q.span === span);
    expect(hit?.unit).toBe('% vote');
    expect([hit?.number.low, hit?.number.high, hit?.number.hedge]).toEqual([low, high, 'range']);
  });

  test.each([
    // A bare share takes what the share before it was a share of.
    [
      'en',
      'Ana Ruiz got around 58.4% of the vote, and Lia Marn got 30.4%, officials said.',
      '30.4%',
      '% vote',
      'exact',
    ],
    ['es', 'Ana Ruiz obtuvo más del 55% de los votos.', 'más del 55%', '% vote', 'over'],
    // A share of the electorate: a turnout word before the figure or in its clause after it.
    [
      'es',
      'La participación ciudadana, dijo la consejera, se estima entre el 60 y 61.5% de la lista.',
      '60 y 61.5%',
      '% turnout',
      'range',
    ],
    [
      'es',
      'Se estima que votó más del 75% de las personas inscritas en el padrón electoral.',
      'más del 75%',
      '% turnout',
      'over',
    ],
    [
      'es',
      'Con un nivel de confianza del 95%, el conteo estima una participación de entre el 60% y el 61% del padrón.',
      '95%',
      null,
      null,
    ],
    // One figure is no range: "2 and 3 arrests" is only read with an opener or a percent sign.
    ['en', 'Police made 2 and 3 arrests on two days.', '2', null, null],
  ])('%s: %s', (language, sentence, span, unit, hedge) => {
    const hit = extractQuantities(sentence, language).find((q) => q.span.startsWith(span));
    expect(hit?.unit ?? null).toBe(unit);
    expect(hit?.number.hedge ?? null).toBe(hedge);
  });
});

describe('a part of a count counts what the count counted', () => {
  test.each([
    [
      '2.204 heridos, 721 de los cuales se encuentran graves.',
      'es',
      ['2204 herido injured', '721 herido serious'],
    ],
    [
      'On compte 2 946 morts et 5 674 blessés dont 721 qui sont dans un état critique.',
      'fr',
      ['2946 mort dead', '5674 bless injured', '721 bless serious'],
    ],
    [
      'Some 300 people were hurt, 40 of whom seriously.',
      'en',
      ['300 people injured', '40 people serious'],
    ],
  ])('%s', (sentence, language, expected) => {
    const qs = extractQuantities(sentence, language);
    expect(qs.map((q) => `${q.number.value} ${q.unit} ${q.outcome}`)).toEqual(expected);
    // The seriously injured fall as well as rise: not a running tally.
    expect(qs.filter((q) => q.outcome === 'serious').every((q) => !q.tally)).toBe(true);
  });
});

describe('extractQuantities: a reading after its measure noun', () => {
  test.each([
    ['en', 'The tremor had magnitude 5 on the local scale.', 'magnitude 5', 'magnitude', 5],
    [
      'en',
      'The observatory put the tremor’s magnitude at 5.4.',
      'magnitude at 5.4',
      'magnitude',
      5.4,
    ],
    [
      'en',
      'The tremor struck with a magnitude of 5.9, officials said.',
      'magnitude of 5.9',
      'magnitude',
      5.9,
    ],
    [
      'en',
      'A 4.6 magnitude tremor was felt in the valley.',
      '4.6 magnitude tremor',
      'magnitude',
      4.6,
    ],
    ['es', 'El temblor, de magnitud 5, sacudió el valle.', 'magnitud 5', 'magnitude', 5],
    [
      'es',
      'El observatorio informó que el temblor fue de magnitud de 5,4.',
      'magnitud de 5,4',
      'magnitude',
      5.4,
    ],
    ['fr', 'Le séisme a pour magnitude 5 sur l’échelle locale.', 'magnitude 5', 'magnitude', 5],
    ['pt', 'O tremor teve intensidade 4 na escala local.', 'intensidade 4', 'intensity', 4],
  ])('%s: “%s” reads %s', (language, sentence, span, unit, value) => {
    const hit = extractQuantities(sentence, language).find((h) => h.span === span);
    expect(hit?.unit).toBe(unit);
    expect(hit?.number.value).toBe(value);
  });

  test.each([
    ['en', 'The tremor struck with a magnitude of 5.9, officials said.'],
    ['en', 'A magnitude that large is rare in the valley.'],
  ])('%s: no count of one from the article before a measure noun in “%s”', (language, sentence) => {
    expect(extractQuantities(sentence, language).some((h) => h.article)).toBe(false);
  });
});
