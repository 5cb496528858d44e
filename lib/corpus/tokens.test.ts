import { describe, expect, test } from 'vitest';
import { nonEmpty } from '../../tests/unit/fixtures/non-empty';
import { chunks, isAllCaps, tokenize } from './tokens';

const names = (sentence: string) =>
  chunks(tokenize(sentence), sentence, 0).map((c) => c.tokens.map((t) => t.text).join(' '));

describe('name chunks in four languages', () => {
  test.each([
    // "and" joins two names only inside an institution's spelled-out name.
    // (A capitalised first word is left to the entity stage: it may open a name.)
    ['es', 'Ayer visitaron Toledo y Segovia.', ['Ayer', 'Toledo', 'Segovia']],
    ['pt', 'Depois chegaram Lucas Prado e Rita Gomes.', ['Depois', 'Lucas Prado', 'Rita Gomes']],
    ['fr', 'Entre Lyon et Grenoble, la route est coupée.', ['Entre Lyon', 'Grenoble']],
    ['en', 'Talks between Ruritania and Freedonia resumed.', ['Talks', 'Ruritania', 'Freedonia']],
    [
      'es',
      'Ayer habló el Ministerio de Agricultura y Pesca.',
      ['Ayer', 'Ministerio de Agricultura y Pesca'],
    ],
    ['pt', 'O Centro de Estudos e Pesquisas publicou o dado.', ['O Centro de Estudos e Pesquisas']],
    // An article after "and" starts a second institution.
    [
      'es',
      'Firmaron el Partido Azul y el Partido Verde.',
      ['Firmaron el Partido Azul', 'Partido Verde'],
    ],
    // Elided articles are tokens of their own, so the name after them starts a chunk.
    ['fr', "Le ministre a quitté l'Espagne hier.", ['Le', 'Espagne']],
    ['fr', "La Côte d'Ivoire a voté.", ["La Côte d' Ivoire"]],
    ['fr', "L'Espagne a voté.", ["L' Espagne"]],
    // Transliterated particles glued to a name are part of it; "mid-" is not a particle.
    ['en', 'They walked to the Bab al-Khair gate in mid-March.', ['They', 'Bab al-Khair']],
    ['fr', 'La route de Tizi n’Ouzou est coupée.', ['La', 'Tizi n’Ouzou']],
    // Connectors of every language stay inside names.
    ['pt', 'Ele voltou ao Rio Grande do Sul.', ['Ele', 'Rio Grande do Sul']],
    ['fr', 'Le Palais des Sports est fermé.', ['Le Palais des Sports']],
  ])('%s: %s', (_lang, sentence, expected) => {
    expect(names(sentence)).toEqual(expected);
  });

  test('a capitalised elision mid-sentence is part of the name', () => {
    const toks = tokenize('He met Rosa D’Amato there.');
    expect(toks.map((t) => t.text)).toContain('D’Amato');
  });

  test('offsets of elided tokens point into the sentence', () => {
    const s = "Il vit à l'Île-Rousse.";
    for (const t of nonEmpty(tokenize(s), 'tokens')) expect(s.slice(t.start, t.end)).toBe(t.text);
  });
});

describe('a token opening a part of its sentence', () => {
  // After a quote, colon, dash or bracket and any white space (\s: no-break, ideographic, line
  // separator too), a token is initial, as a sentence's first one is.
  const initials = (sentence: string) =>
    tokenize(sentence)
      .filter((t) => t.initial)
      .map((t) => t.text);
  test.each([
    ['He said: Ruritania votes.', ['He', 'Ruritania']],
    ['He said:\u00a0Ruritania votes.', ['He', 'Ruritania']],
    ['He said:\u2003\u3000Ruritania votes.', ['He', 'Ruritania']],
    ['He said:\tRuritania votes.', ['He', 'Ruritania']],
    ['He said –\u2028Ruritania votes.', ['He', 'Ruritania']],
    ['He said “Ruritania votes.”', ['He', 'Ruritania']],
    ['He said (Ruritania votes).', ['He', 'Ruritania']],
    ['He said — Ruritania votes.', ['He', 'Ruritania']],
    ['He said ‘Ruritania’ votes.', ['He', 'Ruritania']],
    ['He said :x Ruritania votes.', ['He', 'x']],
    ['He said ( . Ruritania votes.', ['He']],
    ['He said. Ruritania votes.', ['He']],
    ["Il a dit : l'Espagne vote.", ['Il', "l'"]],
    ["Il a dit l'Espagne vote.", ['Il']],
  ])('%j', (sentence, expected) => {
    expect(initials(sentence)).toEqual(expected);
  });
});

describe('all in capitals', () => {
  // Its letters (\p{L}), at least two, upper case and not caseless.
  const byLetters = (text: string) => {
    const letters = text.replace(/[^\p{L}]/gu, '');
    return (
      letters.length >= 2 && letters === letters.toUpperCase() && letters !== letters.toLowerCase()
    );
  };
  test.each([
    ['NATO', true],
    ['U.S.', true],
    ['A', false],
    ['A.', false],
    ['A1', false],
    ['AB-12', true],
    ['Ab', false],
    ['aB', false],
    ['G7', false],
    ['G-20', false],
    ['MOU', true],
    ['ÉTAT', true],
    ['ÉtAT', false],
    ['ÇA', true],
    ['STRAßE', false],
    ['ΕΕ', true],
    ['中国', false],
    ['AB中', true],
    ['', false],
    ['123', false],
    ["O'NEILL", true],
    ['ªB', true],
  ])('%j', (text, expected) => {
    expect(isAllCaps(text)).toBe(expected);
    expect(byLetters(text)).toBe(expected);
  });
});
