import { describe, expect, test } from 'vitest';
import { detectLanguage, foreignLineLanguage } from './detect';

describe('detectLanguage', () => {
  test.each([
    ['en', 'The mayor said on Monday that the bridge would reopen once engineers had checked it.'],
    [
      'es',
      'El alcalde dijo el lunes que el puente volvería a abrir cuando los ingenieros lo revisaran.',
    ],
    ['fr', 'Le maire a déclaré lundi que le pont rouvrirait une fois vérifié par les ingénieurs.'],
    ['pt', 'O prefeito disse na segunda-feira que a ponte voltaria a abrir depois da vistoria.'],
  ])('%s: %s', (lang, text) => {
    expect(detectLanguage(text)).toBe(lang);
  });

  test('a pipe is no Devanagari danda', () => {
    const body = 'The bridge reopened on Tuesday after two weeks of repairs, officials said.';
    expect(detectLanguage(`${body}\nResidents clean the streets | Agency\n${body}`)).toBe('en');
  });

  test('three words say nothing', () => {
    expect(detectLanguage('Breaking news today')).toBeNull();
  });
});

describe('foreignLineLanguage: a line in another language than its article', () => {
  test.each<[string, string, string]>([
    ['fr', 'en', 'Subscribe now to keep reading this article and get unlimited access.'],
    ['es', 'en', 'A view shows the damaged bridge in the old town after the storm, on Monday.'],
    [
      'fr',
      'de',
      'Wir verwenden Cookies, um Ihnen das beste Erlebnis auf unserer Webseite zu bieten.',
    ],
    [
      'es',
      'pt',
      'A prefeitura informou que as aulas foram suspensas em toda a cidade nesta terça.',
    ],
  ])('in a %s article, %s: %s', (article, lang, line) => {
    expect(foreignLineLanguage(line, article)).toBe(lang);
  });

  // Short sentences of the article's own language that n-grams alone read as another one.
  test.each<[string, string]>([
    ['fr', "L'avion devait atterrir à l'aéroport de Norvale lundi soir."],
    ['fr', 'Prix de la mise en scène pour le film de Jane Roe.'],
    ['es', 'Decenas de personas permanecen desaparecidas e incomunicadas.'],
    ['pt', 'A chegada na capital era prevista inicialmente para as 13h50.'],
    ['en', 'Quake toll likely to rise'],
    // A language without a lexicon here: its function words cannot back the n-grams up.
    ['it', 'La prefettura ha comunicato che le scuole resteranno chiuse fino a lunedì.'],
    ['it', 'Il sindaco ha detto che il ponte sarà riaperto dopo i controlli di domani.'],
  ])('in a %s article, kept: %s', (article, line) => {
    expect(foreignLineLanguage(line, article)).toBeNull();
  });
});
