import { readFileSync } from 'node:fs';
import { describe, expect, test } from 'vitest';
import { cleanArticle } from './clean';

const seed = (file: string) =>
  readFileSync(new URL(`../../seeds/${file}`, import.meta.url), 'utf8');

describe('cleanArticle on the seeds', () => {
  test.each([
    {
      file: '000_d6dda6e572868f38.txt',
      gone: ['Credit: AP', 'icon to expand image', '(AP Photo/Alex Brandon)', 'BOGOTÁ (AP)'],
      kept: [
        'Noem sat down Thursday morning with Colombian Foreign Minister Laura Sarabia, and said they had a “frank discussion and a candid discussion” about deportations, crime and immigration.',
        "Later in the day, Noem met with police and Colombia's leftist President Gustavo Petro.",
      ],
      captions: 8,
    },
    {
      file: '001_074ba2d5ecaae0ac.txt',
      gone: ['date 2025-03-28'],
      kept: [
        'Department of Homeland Security (DHS) Secretary Kristi Noem met with far-left President of Colombia Gustavo Petro',
      ],
      captions: 0,
    },
    {
      file: '002_34deb440939f8850.txt',
      gone: ['suscripción', 'Sign up for our weekly newsletter', 'contraseña', 'Premium'],
      kept: [
        'In the afternoon, Noem met with President Petro, although further details were not disclosed.',
      ],
      captions: 0,
    },
    {
      file: '003_6d5c1410645c210a.txt',
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
      file: '004_c93d6edeff217837.txt',
      gone: ['3434', 'Photo: Courtesy'],
      kept: [
        'According to Sarabia, Colombia has received 15 deportation flights and repatriated 1,500 nationals.',
      ],
      captions: 1,
    },
  ])('$file', ({ file, gone, kept, captions }) => {
    const { text, blocks, removed } = cleanArticle(seed(file), 'en');
    for (const g of gone) expect(text).not.toContain(g);
    for (const k of kept) expect(text).toContain(k);
    expect(blocks.filter((b) => b.kind === 'caption')).toHaveLength(captions);
    expect(removed.length).toBeGreaterThan(0);
    // Blocks tile the text: offsets are exact.
    for (const b of blocks)
      expect(text.slice(b.start, b.end).trim()).toBe(text.slice(b.start, b.end));
  });

  test('each caption is kept once and keeps its facts', () => {
    const { text } = cleanArticle(seed('000_d6dda6e572868f38.txt'), 'en');
    const umbrella = 'An aide holds an umbrella over Homeland Security Secretary Kristi Noem';
    expect(text.split(umbrella)).toHaveLength(2);
    expect(text).toContain('Biometric Data Sharing Program Letter of Intent');
  });

  test('bullets become list items without the bullet', () => {
    const { text, blocks } = cleanArticle(seed('004_c93d6edeff217837.txt'), 'en');
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
