import { describe, expect, test } from 'vitest';
import { nonEmpty } from '../../tests/unit/fixtures/non-empty';
import { seed } from '../../tests/unit/fixtures/seed-corpus';
import { cleanArticle } from './clean';

describe('cleanArticle on the seeds', () => {
  test.each([
    {
      source: seed(0),
      gone: ['Credit: AP', 'icon to expand image', '(AP Photo/Alex Brandon)', 'BOGOTÁ (AP)'],
      kept: [
        'Noem sat down Thursday morning with Colombian Foreign Minister Laura Sarabia, and said they had a “frank discussion and a candid discussion” about deportations, crime and immigration.',
        "Later in the day, Noem met with police and Colombia's leftist President Gustavo Petro.",
      ],
      captions: 8,
    },
    {
      source: seed(1),
      gone: ['date 2025-03-28'],
      kept: [
        'Department of Homeland Security (DHS) Secretary Kristi Noem met with far-left President of Colombia Gustavo Petro',
      ],
      captions: 0,
    },
    {
      source: seed(2),
      gone: ['suscripción', 'Sign up for our weekly newsletter', 'contraseña', 'Premium'],
      kept: [
        'In the afternoon, Noem met with President Petro, although further details were not disclosed.',
      ],
      captions: 0,
    },
    {
      source: seed(3),
      gone: [
        'newsmax.com',
        'Michael Katz',
        'Related Stories',
        'All rights reserved',
        'Read full news',
        'Paying Farmers',
      ],
      kept: [
        'Petro backpedaled and reached an agreement with the White House to resume the deportation flights.',
      ],
      captions: 0,
    },
    {
      source: seed(4),
      gone: ['3434', 'Photo: Courtesy'],
      kept: [
        'According to Sarabia, Colombia has received 15 deportation flights and repatriated 1,500 nationals.',
      ],
      captions: 1,
    },
  ])('$source.file', ({ source, gone, kept, captions }) => {
    const { text, blocks, removed } = cleanArticle(source.text, 'en');
    for (const g of gone) expect(text).not.toContain(g);
    for (const k of kept) expect(text).toContain(k);
    expect(blocks.filter((b) => b.kind === 'caption')).toHaveLength(captions);
    expect(removed.length).toBeGreaterThan(0);
    // Blocks tile the text: offsets are exact.
    for (const b of nonEmpty(blocks, 'blocks'))
      expect(text.slice(b.start, b.end).trim()).toBe(text.slice(b.start, b.end));
  });

  test('each caption is kept once and keeps its facts', () => {
    const { text } = cleanArticle(seed(0).text, 'en');
    const umbrella = 'An aide holds an umbrella over Homeland Security Secretary Kristi Noem';
    expect(text.split(umbrella)).toHaveLength(2);
    expect(text).toContain('Biometric Data Sharing Program Letter of Intent');
  });

  test('bullets become list items without the bullet', () => {
    const { text, blocks } = cleanArticle(seed(4).text, 'en');
    const items = blocks
      .filter((b) => b.kind === 'list-item')
      .map((b) => text.slice(b.start, b.end));
    expect(items).toHaveLength(4);
    expect(items[0]).toMatch(/^Emergency tariffs of 25%/);
  });

  test.each([
    'The streaming service raised the price of its standard subscription to $15.49 a month.',
    'Subscriptions to the newspaper fell by 4% last year, the company said.',
  ])('a news sentence about subscriptions is kept: %s', (sentence) => {
    expect(cleanArticle(`${sentence}\n\nSecond paragraph of the story.`, 'en').text).toContain(
      sentence,
    );
  });

  test.each([
    'Already a subscriber? Log in to continue reading.',
    'Your subscription is being used on another device.',
  ])('a subscription notice goes: %s', (notice) => {
    expect(cleanArticle(`A real sentence of the story.\n\n${notice}`, 'en').text).not.toContain(
      notice,
    );
  });

  test.each([
    ['', 0],
    ['Credit: AP\n\nicon to expand image', 0],
  ])('boilerplate-only input %#: nothing left', (raw, n) => {
    expect(cleanArticle(raw).blocks).toHaveLength(n);
  });
});

describe('credits, bylines and headings in any language', () => {
  const body = 'The bridge reopened on Tuesday after two weeks of repairs, officials said.';
  test.each([
    // Photo and agency credits are cut from the end of the line; the sentence stays.
    ['The river rose overnight. JANE ROE / AFP', 'The river rose overnight.', 'JANE ROE / AFP'],
    [
      'Crowds gathered in the square. REUTERS/John Doe',
      'Crowds gathered in the square.',
      'REUTERS/John Doe',
    ],
    [
      'Rescuers dug through the rubble. Canal Uno TV/Handout via REUTERS',
      'Rescuers dug through the rubble.',
      'Canal Uno TV/Handout via REUTERS',
    ],
    ['Los vecinos limpian las calles | EFE', null, 'Los vecinos limpian las calles | EFE'],
    [
      'Moradores observam os destroços - Reprodução/@perfil',
      'Moradores observam os destroços',
      'Reprodução/@perfil',
    ],
    [
      'Sinistrés près de la mairie - JEAN DUPONT / AFP',
      'Sinistrés près de la mairie',
      'JEAN DUPONT / AFP',
    ],
    [
      'A view of the old town on Monday. (Photo by ANA LIMA / AFP)',
      'A view of the old town on Monday.',
      '(Photo by ANA LIMA / AFP)',
    ],
    [
      'Voters queue outside a school in the capital. [Getty]',
      'Voters queue outside a school in the capital.',
      '[Getty]',
    ],
    // Bylines.
    ['By Jane Roe', null, 'By Jane Roe'],
    ['Por Ana Gómez y Luis Pérez', null, 'Por Ana Gómez y Luis Pérez'],
    ['Par Jean Dupont', null, 'Par Jean Dupont'],
    ['— Flood Watch (@floodwatch', null, '— Flood Watch (@floodwatch'],
  ])('%s', (line, kept, gone) => {
    const r = cleanArticle(`${body}\n${line}\n${body.replace('bridge', 'tunnel')}`);
    if (kept) expect(r.text).toContain(kept);
    else expect(r.text).not.toContain(line);
    expect(r.removed.map((x) => x.text)).toContain(gone.trim());
  });

  test.each([
    [
      'Key points Loading... Key points The council approved the new budget on Monday night.',
      'The council approved the new budget on Monday night.',
      'Key points Loading... Key points',
    ],
    [
      'En bref Résumé en cours… En bref Le conseil a voté le budget lundi soir.',
      'Le conseil a voté le budget lundi soir.',
      'En bref Résumé en cours… En bref',
    ],
  ])("a widget's label repeated around a placeholder goes: %s", (line, kept, gone) => {
    const r = cleanArticle(`${line}\n${body}`);
    expect(r.text.startsWith(kept)).toBe(true);
    expect(r.removed).toContainEqual({ reason: 'repeated label', text: gone });
  });

  test.each([
    'Jane Roe Jane Roe Jane Roe spoke to the crowd outside the hall.', // a name repeated
    'Jane Roe said that Jane Roe would not run again next year.', // a name said twice
    'Jane Roe... Jane Roe won.', // too little left after it
  ])('a line that repeats its opening words is kept: %s', (line) => {
    expect(cleanArticle(`${body}\n${line}`).text).toContain(line);
  });

  test.each([
    ['fr', '"All we could ever want in the end" de Jane Roe', 'de Jane Roe'],
    ['fr', '« The man who stayed home all year » de Tom Lee', 'de Tom Lee'],
    ['es', '“The long road to the sea and back” de Ana Gómez', 'de Ana Gómez'],
    ['pt', '“What we were left with in the end” de João Lima', 'de João Lima'],
  ])('a quoted title in another language keeps its %s line: %s', (lang, line) => {
    const prose: Record<string, string> = {
      fr: 'Le jury a remis le prix au film de la soirée dans la grande salle.',
      es: 'El jurado entregó el premio a la película de la noche en la sala.',
      pt: 'O júri entregou o prêmio ao filme da noite na sala principal.',
    };
    const r = cleanArticle(`${prose[lang]}\n${line}\n${prose[lang]}`, lang);
    expect(r.text).toContain(line);
  });

  test.each([
    ['fr', 'The council approved the new budget for the year on Monday night.'],
    ['fr', 'He said that "it is fine" and the council approved the budget on Monday.'],
  ])('a %s article still drops a line in another language: %s', (lang, line) => {
    const prose = 'Le jury a remis le prix au film de la soirée dans la grande salle.';
    const r = cleanArticle(`${prose}\n${line}\n${prose}`, lang);
    expect(r.text).not.toContain(line);
  });

  test.each([
    'Live Updates',
    'The Daily Courier (Springfield)',
    'Watch | Storm Hits The Coast',
    'The Evening Courier, 12 May 2024',
  ])('"%s" after the first line is a heading (a title block)', (line) => {
    const r = cleanArticle(`${body}\n${line}\n${body}`);
    const block = r.blocks.find((b) => r.text.slice(b.start, b.end) === line);
    expect(block?.kind).toBe('title');
  });

  test.each([
    '"Night Train" by Jane Roe and Tom Lee', // a list entry of names keeps its names
    'Best actor: Tom Lee',
  ])('"%s" is not a heading', (line) => {
    const r = cleanArticle(`${body}\n${line}\n${body}`);
    const block = r.blocks.find((b) => r.text.slice(b.start, b.end) === line);
    expect(block?.kind).toBe('paragraph');
  });
});
